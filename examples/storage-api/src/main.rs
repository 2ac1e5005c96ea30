//! Run with: `cargo run -p storage-api`
//!
//! Serves the storage API on `127.0.0.1:3000`, or on `TERROR_ADDR`: over
//! HTTP, and over gRPC (`storage.v1.Storage`) on the same port, or on
//! `TERROR_GRPC_ADDR` when that is set.
//! Logs go to stderr (`RUST_LOG`, default `info`), metrics to `/metrics`
//! (Prometheus text), and traces over OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT`
//! says where (see `telemetry`).
//! `cargo run -p storage-api -- catalog` prints the error catalog as
//! Markdown instead (`catalog --json` as JSON).

use std::sync::Arc;

use tower_http::trace::TraceLayer;

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
    // Logs, /metrics, and traces over OTLP when OTEL_EXPORTER_OTLP_* ask.
    let telemetry = storage_api::telemetry::init()?;
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
        axum::serve(listener, tower::make::Shared::new(both))
            .with_graceful_shutdown(shutdown())
            .await?;
        telemetry.shutdown();
        return Ok(());
    };
    let store = storage_api::seeded_store();
    let grpc_listener = tokio::net::TcpListener::bind(&grpc_addr).await?;
    tracing::info!(
        "storage-api serving gRPC (storage.v1.Storage) on {}",
        grpc_listener.local_addr()?
    );
    let grpc = tonic::transport::Server::builder()
        .trace_fn(storage_api::telemetry::grpc_span)
        .layer(storage_api::grpc::layer(Arc::clone(&localizer), &page_base))
        .add_service(storage_api::grpc::service(Arc::clone(&store)))
        .serve_with_incoming_shutdown(
            tonic::transport::server::TcpIncoming::from(grpc_listener),
            shutdown(),
        );
    // tower-http's span around terror's layer: an error ends up on it.
    let app = tower::ServiceBuilder::new()
        .map_response(|response: http::Response<_>| response.map(axum::body::Body::new))
        .layer(TraceLayer::new_for_http().make_span_with(storage_api::telemetry::http_span))
        .service(storage_api::app_over(localizer, store));
    let http =
        axum::serve(listener, tower::make::Shared::new(app)).with_graceful_shutdown(shutdown());
    tokio::try_join!(
        async { http.await.map_err(Box::<dyn std::error::Error>::from) },
        async { grpc.await.map_err(Box::<dyn std::error::Error>::from) }
    )?;
    telemetry.shutdown();
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM: the server stops taking requests, and the
/// spans not exported yet are sent.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
