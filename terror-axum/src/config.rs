//! The layer's configuration, shared by every request it serves.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use http::HeaderName;
use terror_core::observe::Reporting;
use terror_core::Localizer;

use crate::ids::RequestIds;

/// The layer's configuration.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) localizer: Arc<Localizer>,
    pub(crate) query_parameter: String,
    pub(crate) request_id_header: HeaderName,
    pub(crate) request_id_on_success: bool,
    pub(crate) body_limit: Option<DefaultBodyLimit>,
    pub(crate) convert_responses: bool,
    /// How the errors the layer answers are reported.
    pub(crate) reporting: Reporting,
    /// Whether a request that sent no id is known by its trace id.
    pub(crate) trace_id_as_request_id: bool,
    /// The ids this layer generates.
    pub(crate) ids: RequestIds,
    /// Whether the layer said it sits inside a router.
    pub(crate) warned_inside_router: AtomicBool,
}

impl Config {
    /// Says once that a 405 reached the layer without axum's `Allow`
    /// header, which only happens inside a router: axum adds the header to
    /// a 405 after the route's layers return it, so the problem cannot
    /// name the allowed methods.
    pub(crate) fn warn_inside_router(&self) {
        if !self.warned_inside_router.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                "terror: ProblemLayer was added with Router::layer or Router::route_layer, so \
                 a 405 problem cannot name the allowed methods (\"allowed\": null); wrap the \
                 router instead: ProblemLayer::new(localizer).layer(router)"
            );
        }
    }
}

impl Clone for Config {
    /// A configuration changed by a builder method generates ids of its own.
    fn clone(&self) -> Self {
        Config {
            localizer: Arc::clone(&self.localizer),
            query_parameter: self.query_parameter.clone(),
            request_id_header: self.request_id_header.clone(),
            request_id_on_success: self.request_id_on_success,
            body_limit: self.body_limit,
            convert_responses: self.convert_responses,
            reporting: self.reporting,
            trace_id_as_request_id: self.trace_id_as_request_id,
            ids: RequestIds::new(),
            warned_inside_router: AtomicBool::new(false),
        }
    }
}
