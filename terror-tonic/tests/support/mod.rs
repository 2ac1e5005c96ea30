//! What terror-tonic's tests share: an error type with its messages
//! (`tests/locales`), the service's `Grpc`, and the log lines a piece of
//! work writes.

#![allow(dead_code, unreachable_pub)] // Each test uses its own part.

use std::io::Write;
use std::sync::{Arc, Mutex};

use terror_core::{Localizer, Terror};
use terror_tonic::Grpc;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "tests/locales")]
pub enum VolumeError {
    #[error("volume {name} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound { name: String },
    #[error("snapshots down")]
    #[terror(status = SERVICE_UNAVAILABLE, retry_after = 30)]
    SnapshotsUnavailable {
        #[source]
        source: std::io::Error,
    },
}

/// The service's `Grpc`: English by default, its domain
/// `storage.example.com`.
pub fn grpc() -> Grpc {
    let localizer = Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("tests/locales"))
        .build()
        .unwrap();
    Grpc::new(Arc::new(localizer), "storage.example.com")
}

/// What `run` returns, and the log lines it writes (as a service's
/// `tracing_subscriber::fmt()` would, without colours).
pub fn logged<T>(run: impl FnOnce() -> T) -> (T, String) {
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let value = tracing::subscriber::with_default(subscriber, run);
    let logged = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    (value, logged)
}

#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
