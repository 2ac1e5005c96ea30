//! Both APIs on one port: a call whose content type is gRPC's goes to the
//! gRPC service (inside terror-tonic's layer), every other request to the
//! HTTP API (inside terror-axum's), over one store. HTTP/1.1 and HTTP/2
//! (gRPC's, without TLS) are both served.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use terror_axum::ProblemService;
use terror_core::Localizer;
use terror_tonic::GrpcService;
use tower::{Layer as _, Service, ServiceExt as _};
use tracing::Instrument as _;

use crate::grpc::v1::storage_server::StorageServer;
use crate::grpc::StorageService;

/// The HTTP API and the gRPC API, as one service.
#[derive(Clone)]
pub struct BothApis {
    http: ProblemService<Router>,
    grpc: GrpcService<StorageServer<StorageService>>,
}

/// Both APIs over a freshly seeded store; the gRPC errors' `Help` links
/// point at `page_base`, where the HTTP API serves the catalog's pages.
pub fn both(localizer: Arc<Localizer>, page_base: &str) -> BothApis {
    let store = crate::seeded_store();
    let grpc = crate::grpc::layer(Arc::clone(&localizer), page_base)
        .layer(crate::grpc::service(Arc::clone(&store)));
    BothApis {
        http: crate::app_over(localizer, store),
        grpc,
    }
}

impl Service<Request> for BothApis {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        // Both are always ready: each call below takes a clone.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let is_grpc = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/grpc"));
        // Each request's span is current while its layer answers it, so
        // an error ends up on it (`error.type`, the status).
        if is_grpc {
            let span = crate::telemetry::grpc_span(&request);
            let grpc = self.grpc.clone();
            Box::pin(
                async move {
                    let response = grpc.oneshot(request).await?;
                    Ok(response.map(Body::new))
                }
                .instrument(span),
            )
        } else {
            let span = crate::telemetry::http_span(&request);
            let http = self.http.clone();
            Box::pin(http.oneshot(request).instrument(span))
        }
    }
}
