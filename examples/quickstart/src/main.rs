//! A volume service whose every failure is a localized problem document.

use std::sync::Arc;

use axum::{routing::get, Router};
use serde::Serialize;
// terror's extractors: a bad path parameter or body is a localized problem too.
use terror_axum::{CatalogPages, Json, Path, ProblemLayer, ProblemService};
use terror_core::{LoadError, Localizer, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume")]
enum VolumeError {
    /// No volume has the requested name.
    #[error("volume {name} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound { name: String },

    /// The volume is attached to hosts, so it cannot be deleted.
    #[error("volume {name} is attached to {hosts} hosts")]
    #[terror(status = CONFLICT)]
    InUse { name: String, hosts: u32 },
}

#[derive(Serialize)]
struct Volume {
    name: String,
    size_gb: u64,
    hosts: u32,
}

/// The one volume there is, attached to three hosts.
fn find(name: &str) -> Option<Volume> {
    let volume = Volume {
        name: name.to_owned(),
        size_gb: 100,
        hosts: 3,
    };
    (name == "db-01").then_some(volume)
}

async fn get_volume(Path(name): Path<String>) -> Result<Json<Volume>, VolumeError> {
    find(&name).map(Json).ok_or(VolumeError::NotFound { name })
}

async fn delete_volume(Path(name): Path<String>) -> Result<(), VolumeError> {
    match find(&name) {
        Some(volume) => Err(VolumeError::InUse {
            name,
            hosts: volume.hosts,
        }),
        None => Err(VolumeError::NotFound { name }),
    }
}

fn localizer() -> Result<Localizer, LoadError> {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("locales"))
        .problem_type_base("/errors/") // each `type` opens the code's page, served below
        .build() // a broken .ftl file stops startup here, naming file:line:column
}

fn app(localizer: Localizer) -> ProblemService<Router> {
    let localizer = Arc::new(localizer);
    let router = Router::new()
        .route("/volumes/{name}", get(get_volume).delete(delete_volume))
        // Every code's page, at /errors/<code>: /errors/volume.not_found
        .merge(CatalogPages::new(Arc::clone(&localizer)));
    // Around the router, so that what the router answers itself (an unknown
    // path, a wrong method) is a localized problem too.
    ProblemLayer::new(localizer).layer(router)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // terror logs each failure (a 5xx with its source chain) and each translation mistake.
    tracing_subscriber::fmt().init();
    let app = app(localizer()?);
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{addr}");
    axum::serve(listener, app.into_make_service()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every error has its message in every locale, with no unknown
    /// variable and every plural form the language needs.
    #[test]
    fn translations_are_complete() {
        terror_core::catalog::assert_complete(&super::localizer().unwrap());
    }
}
