//! The request being served: the context an integration enters while a
//! handler runs, so that errors converted into responses render in the
//! request's languages, with its path and id.
//!
//! A web integration (such as terror-axum's layer) negotiates a request's
//! languages once and [enters](RequestContext::enter) a [`RequestContext`]
//! while the handler runs. Outside of one, errors render in the default
//! locale of [`Localizer::global`].

use std::cell::RefCell;
use std::sync::Arc;

use crate::log::{log_error, will_log};
use crate::negotiate::LocaleChain;
use crate::problem::RequestInfo;
use crate::terror::Terror;
use crate::Localizer;

/// What rendering an error needs to know about the request being served.
#[derive(Debug, Clone)]
pub struct RequestContext {
    localizer: Arc<Localizer>,
    chain: LocaleChain,
    instance: Option<Arc<str>>,
    request_id: Option<Arc<str>>,
    method: Option<http::Method>,
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<RequestContext>>> = const { RefCell::new(None) };
}

impl RequestContext {
    /// A context rendering with `localizer` in `chain`.
    pub fn new(localizer: Arc<Localizer>, chain: LocaleChain) -> Self {
        RequestContext {
            localizer,
            chain,
            instance: None,
            request_id: None,
            method: None,
        }
    }

    /// Sets the request path shown as `instance`.
    #[must_use]
    pub fn with_instance(mut self, instance: impl Into<Arc<str>>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// Sets the request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<Arc<str>>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the request method, for logs.
    #[must_use]
    pub fn with_method(mut self, method: http::Method) -> Self {
        self.method = Some(method);
        self
    }

    /// Logs a failure of this request as [`log_error`] does, inside a
    /// `tracing` span named `request` with the fields `request_id`,
    /// `method` and `path`, so the line carries them. The span is made only
    /// when the line is written: successful requests pay nothing for it.
    pub fn log_failure(&self, error: &(dyn Terror + '_)) {
        if !will_log(error) {
            return;
        }
        let span = tracing::error_span!(
            "request",
            request_id = self.request_id.as_deref(),
            method = self.method.as_ref().map(http::Method::as_str),
            path = self.instance.as_deref(),
        );
        span.in_scope(|| log_error(error, self.request_id()));
    }

    /// The localizer.
    pub fn localizer(&self) -> &Arc<Localizer> {
        &self.localizer
    }

    /// The negotiated locales.
    pub fn chain(&self) -> &LocaleChain {
        &self.chain
    }

    /// The request path.
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The request id, shared.
    pub fn request_id_shared(&self) -> Option<&Arc<str>> {
        self.request_id.as_ref()
    }

    /// The request method.
    pub fn method(&self) -> Option<&http::Method> {
        self.method.as_ref()
    }

    /// The request information for [`Localizer::render_request`].
    pub fn request_info(&self) -> RequestInfo<'_> {
        RequestInfo {
            instance: self.instance.as_deref(),
            request_id: self.request_id.as_deref(),
        }
    }

    /// Runs `f` with this context as the current one on this thread, restoring
    /// the previous one afterwards (also when `f` panics).
    ///
    /// Integrations call it around every poll of a request's future, as
    /// `tracing` enters a span: errors converted to responses during the poll
    /// see the context.
    pub fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<Arc<RequestContext>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                // The thread-local is only gone during thread teardown, when
                // there is nothing left to restore.
                let _ = CURRENT.try_with(|c| *c.borrow_mut() = previous);
            }
        }
        let previous = CURRENT
            .try_with(|c| c.borrow_mut().replace(Arc::clone(self)))
            .ok()
            .flatten();
        let _restore = Restore(previous);
        f()
    }

    /// The context entered on this thread, if any.
    pub fn current() -> Option<Arc<RequestContext>> {
        CURRENT.try_with(|c| c.borrow().clone()).ok().flatten()
    }
}
