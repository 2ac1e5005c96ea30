//! The disk errors of the layer's tests, and handlers that return them.

// Handlers are async for axum, whether they await or not.
#![allow(clippy::unused_async)]

use axum::extract::Path;
use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk")]
pub enum DiskError {
    #[error("disk {name} missing")]
    #[terror(status = 404)]
    Missing { name: String },
    #[error("disk broken")]
    #[terror(status = 500)]
    Broken {
        #[source]
        source: std::io::Error,
    },
}

/// `GET /disks/{name}`: the disk is missing.
pub async fn missing(Path(name): Path<String>) -> Result<String, DiskError> {
    Err(DiskError::Missing { name })
}

/// `GET /broken`: a server error with an internal source.
pub async fn broken() -> Result<String, DiskError> {
    Err(DiskError::Broken {
        source: std::io::Error::other("controller at 10.1.1.1 timed out"),
    })
}
