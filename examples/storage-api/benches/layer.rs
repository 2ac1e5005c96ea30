//! What terror's language layer costs per request, in-process: the same
//! router called with and without it, for a success and an error response,
//! with a `tracing` subscriber at info level as a service would run.
//!
//! Run with: `cargo bench -p storage-api --bench layer`

use std::hint::black_box;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use criterion::{criterion_group, criterion_main, Criterion};
use tower::{Service, ServiceExt};

const ACCEPT_LANGUAGE: &str = "ru-RU,ru;q=0.9,en;q=0.5";

fn call<S>(runtime: &tokio::runtime::Runtime, router: &mut S, path: &str) -> axum::body::Bytes
where
    S: Service<
        Request<Body>,
        Response = axum::response::Response,
        Error = std::convert::Infallible,
    >,
{
    runtime.block_on(async {
        let request = Request::get(path)
            .header("accept-language", ACCEPT_LANGUAGE)
            .body(Body::empty())
            .unwrap();
        let service = ServiceExt::<Request<Body>>::ready(router).await.unwrap();
        let response = service.call(request).await.unwrap();
        axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
    })
}

fn layer(c: &mut Criterion) {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(std::io::sink)
        .init();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let localizer = Arc::new(storage_api::localizer().unwrap());
    // Without the layer, errors render with the global localizer.
    terror_core::Localizer::set_global(Arc::clone(&localizer));
    let mut without = storage_api::routes();
    let mut with = storage_api::app(localizer);

    let mut group = c.benchmark_group("layer");
    for (name, path) in [("success", "/volumes/db-01"), ("error", "/volumes/nope")] {
        group.bench_function(format!("{name}_without_layer"), |b| {
            b.iter(|| black_box(call(&runtime, &mut without, black_box(path))));
        });
        group.bench_function(format!("{name}_with_layer"), |b| {
            b.iter(|| black_box(call(&runtime, &mut with, black_box(path))));
        });
    }
    group.finish();
}

criterion_group!(benches, layer);
criterion_main!(benches);
