//! Run with: `cargo run -p storage-api`
//!
//! Serves the storage API on `127.0.0.1:3000`, or on `TERROR_ADDR`.

use std::sync::Arc;

use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    // A broken .ftl file stops the server here, naming file, line and column.
    let localizer = Arc::new(storage_api::localizer()?);
    terror_core::Localizer::set_global(Arc::clone(&localizer));
    let addr = std::env::var("TERROR_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!("storage-api listening on http://{}", listener.local_addr()?);
    axum::serve(listener, storage_api::app(localizer)).await?;
    Ok(())
}
