//! The complete example of terror's README: an error enum, its messages in
//! `locales/`, a handler and a router with terror's layer. The README's code
//! blocks are checked against this crate by `tests/readme.rs`, so that they
//! cannot drift from code that compiles and runs.

// The README's code stays as short as a service's would be.
#![allow(missing_docs)]

use serde::Serialize;

use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume")]
pub enum VolumeError {
    /// No volume has the requested name.
    #[error("volume {name} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound { name: String },

    /// The volume is attached to hosts, so it cannot be deleted.
    #[error("volume {name} is attached to {hosts} hosts")]
    #[terror(status = CONFLICT)]
    InUse { name: String, hosts: u32 },
}

use axum::{routing::get, Router};
use std::sync::Arc;
// terror's extractors: a bad path parameter or body is a localized problem too.
use terror_axum::{Json, Path, ProblemLayer};
use terror_core::{LoadError, Localizer};

async fn get_volume(Path(name): Path<String>) -> Result<Json<Volume>, VolumeError> {
    find(&name).map(Json).ok_or(VolumeError::NotFound { name })
}

pub fn app() -> Result<Router, LoadError> {
    let localizer = Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("locales"))
        .problem_type_base("https://storage.example.com/errors/")
        .build()?; // a broken .ftl file stops startup here, naming file:line:column
    Ok(Router::new()
        .route("/volumes/{name}", get(get_volume))
        .layer(ProblemLayer::new(Arc::new(localizer))))
}

/// A volume, as the API returns it.
#[derive(Debug, Clone, Serialize)]
pub struct Volume {
    /// Its name.
    pub name: String,
    /// Its size in gigabytes.
    pub size_gb: u64,
}

/// The one volume this example has.
fn find(name: &str) -> Option<Volume> {
    (name == "db-01").then(|| Volume {
        name: name.to_owned(),
        size_gb: 100,
    })
}
