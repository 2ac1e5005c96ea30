//! Run with: `cargo run -p storage-api`
//!
//! Serves the storage API on `127.0.0.1:3000`, or on `TERROR_ADDR`: over
//! HTTP, and over gRPC (`storage.v1.Storage`) on the same port, or on
//! `TERROR_GRPC_ADDR` when that is set.
//! `cargo run -p storage-api -- catalog` prints the error catalog as
//! Markdown instead (`catalog --json` as JSON).

use std::sync::Arc;

use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A broken .ftl file stops the server here, naming file, line and column.
    let localizer = Arc::new(storage_api::localizer()?);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => {}
        ["catalog"] => {
            print!(
                "{}",
                terror_core::catalog::Catalog::collect().to_markdown(&localizer)
            );
            return Ok(());
        }
        ["catalog", "--json"] => {
            let service = terror_core::catalog::Service {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            };
            let json = terror_core::catalog::Catalog::collect().to_json(&localizer, Some(&service));
            println!("{}", serde_json::to_string_pretty(&json)?);
            return Ok(());
        }
        _ => {
            eprintln!("usage: storage-api [catalog [--json]]");
            std::process::exit(2);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    terror_core::Localizer::set_global(Arc::clone(&localizer));
    let addr = std::env::var("TERROR_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let http = listener.local_addr()?;
    let page_base = format!("http://{http}");
    tracing::info!("storage-api listening on http://{http}");
    let Ok(grpc_addr) = std::env::var("TERROR_GRPC_ADDR") else {
        // gRPC on the HTTP port: a call's content type tells them apart.
        tracing::info!("storage-api serving gRPC (storage.v1.Storage) on {http} too");
        let both = storage_api::both::both(localizer, &page_base);
        axum::serve(listener, tower::make::Shared::new(both)).await?;
        return Ok(());
    };
    let store = storage_api::seeded_store();
    let grpc_listener = tokio::net::TcpListener::bind(&grpc_addr).await?;
    tracing::info!(
        "storage-api serving gRPC (storage.v1.Storage) on {}",
        grpc_listener.local_addr()?
    );
    let grpc = tonic::transport::Server::builder()
        .layer(storage_api::grpc::layer(Arc::clone(&localizer), &page_base))
        .add_service(storage_api::grpc::service(Arc::clone(&store)))
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(grpc_listener));
    let app = storage_api::app_over(localizer, store);
    let http = axum::serve(listener, app.into_make_service());
    tokio::try_join!(
        async { http.await.map_err(Box::<dyn std::error::Error>::from) },
        async { grpc.await.map_err(Box::<dyn std::error::Error>::from) }
    )?;
    Ok(())
}
