//! The request being served: the context an integration enters while a
//! handler runs, so that errors converted into responses render in the
//! request's languages, with its path and id.
//!
//! A web integration (such as terror-axum's layer) [enters](RequestContext::enter)
//! a [`RequestContext`] while the handler runs. Outside of one, errors
//! render in the default locale of [`Localizer::global`].
//!
//! Most requests succeed, and a success needs none of the context: an
//! integration that wants successes to cost nothing enters a
//! [`DeferredContext`] instead ([`enter_deferred`]), which builds the
//! context (negotiating the languages, say) the first time an error asks
//! for it, and only then.

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
    instance: Option<Text>,
    request_id: Option<Text>,
    method: Option<http::Method>,
}

/// A text of the request, kept as it came so that a context copies none.
#[derive(Debug, Clone)]
enum Text {
    Shared(Arc<str>),
    /// The path of a URI.
    Path(http::Uri),
    /// A header value that is visible ASCII.
    Header(http::HeaderValue),
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Shared(text) => text,
            Text::Path(uri) => uri.path(),
            Text::Header(value) => value.to_str().unwrap_or_default(),
        }
    }
}

/// A request context built only when it is first needed: by the first
/// error of the request that is rendered, or by whatever else asks for it.
///
/// [`resolve`](Self::resolve) is called at most once per error, from the
/// thread polling the request; an implementation builds the context on the
/// first call (a [`OnceLock`](std::sync::OnceLock) does) and returns the
/// same one afterwards.
pub trait DeferredContext: Send + Sync {
    /// The context, built on the first call.
    fn resolve(&self) -> &RequestContext;

    /// The request id, without building the rest of the context when the
    /// implementation can (the default builds it).
    fn request_id(&self) -> Option<&str> {
        self.resolve().request_id()
    }
}

/// The context entered on a thread.
enum Current {
    Ready(Arc<RequestContext>),
    Deferred(Arc<dyn DeferredContext>),
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// Runs `f` with `context` as the current one on this thread, restoring the
/// previous one afterwards (also when `f` panics); the context is built only
/// if an error rendered during `f` asks for it.
///
/// The deferred counterpart of [`RequestContext::enter`], for integrations
/// that keep successful requests free of everything only an error needs.
pub fn enter_deferred<R>(context: Arc<dyn DeferredContext>, f: impl FnOnce() -> R) -> R {
    enter(Current::Deferred(context), f)
}

fn enter<R>(current: Current, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Current>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            // The thread-local is only gone during thread teardown, when
            // there is nothing left to restore.
            let _ = CURRENT.try_with(|c| *c.borrow_mut() = previous);
        }
    }
    let previous = CURRENT
        .try_with(|c| c.borrow_mut().replace(current))
        .ok()
        .flatten();
    let _restore = Restore(previous);
    f()
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
        self.instance = Some(Text::Shared(instance.into()));
        self
    }

    /// Sets `instance` to the path of the request's URI, keeping the URI
    /// (a reference-counted clone of what the server parsed) rather than
    /// copying the path.
    #[must_use]
    pub fn with_uri(mut self, uri: http::Uri) -> Self {
        self.instance = Some(Text::Path(uri));
        self
    }

    /// Sets the request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<Arc<str>>) -> Self {
        self.request_id = Some(Text::Shared(request_id.into()));
        self
    }

    /// Sets the request id to a header value as it came, without copying
    /// it; a value that is not visible ASCII sets none.
    #[must_use]
    pub fn with_request_id_value(mut self, request_id: http::HeaderValue) -> Self {
        self.request_id = request_id
            .to_str()
            .is_ok()
            .then_some(Text::Header(request_id));
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
            request_id = self.request_id(),
            method = self.method.as_ref().map(http::Method::as_str),
            path = self.instance(),
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
        self.instance.as_ref().map(Text::as_str)
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_ref().map(Text::as_str)
    }

    /// The request method.
    pub fn method(&self) -> Option<&http::Method> {
        self.method.as_ref()
    }

    /// The request information for [`Localizer::render_request`].
    pub fn request_info(&self) -> RequestInfo<'_> {
        RequestInfo {
            instance: self.instance(),
            request_id: self.request_id(),
        }
    }

    /// Runs `f` with this context as the current one on this thread, restoring
    /// the previous one afterwards (also when `f` panics).
    ///
    /// Integrations call it around every poll of a request's future, as
    /// `tracing` enters a span: errors converted to responses during the poll
    /// see the context.
    pub fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        enter(Current::Ready(Arc::clone(self)), f)
    }

    /// The context entered on this thread, if any; a [deferred](DeferredContext)
    /// one is built now if it was not yet (and shared as a copy).
    pub fn current() -> Option<Arc<RequestContext>> {
        match current()? {
            Current::Ready(context) => Some(context),
            Current::Deferred(deferred) => Some(Arc::new(deferred.resolve().clone())),
        }
    }
}

/// Runs `f` with the context entered on this thread, if any, building a
/// deferred one: `f` sees it without a copy (unlike
/// [`RequestContext::current`]).
pub fn with_current<R>(f: impl FnOnce(Option<&RequestContext>) -> R) -> R {
    match current() {
        None => f(None),
        Some(Current::Ready(context)) => f(Some(&context)),
        Some(Current::Deferred(deferred)) => f(Some(deferred.resolve())),
    }
}

/// The request id of the context entered on this thread, if any, without
/// building a deferred context that can tell its id alone.
pub fn current_request_id() -> Option<Arc<str>> {
    match current()? {
        Current::Ready(context) => context.request_id().map(Arc::from),
        Current::Deferred(deferred) => deferred.request_id().map(Arc::from),
    }
}

/// What is entered on this thread. The thread-local's borrow ends before
/// a deferred context is resolved, so a resolver may itself enter one.
fn current() -> Option<Current> {
    CURRENT
        .try_with(|c| match &*c.borrow() {
            None => None,
            Some(Current::Ready(context)) => Some(Current::Ready(Arc::clone(context))),
            Some(Current::Deferred(deferred)) => Some(Current::Deferred(Arc::clone(deferred))),
        })
        .ok()
        .flatten()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    use super::*;

    struct Counting {
        built: AtomicUsize,
        context: OnceLock<RequestContext>,
    }

    impl DeferredContext for Counting {
        fn resolve(&self) -> &RequestContext {
            self.context.get_or_init(|| {
                self.built.fetch_add(1, Ordering::Relaxed);
                let localizer = Arc::new(Localizer::builder().build().unwrap());
                let chain = localizer.default_chain();
                RequestContext::new(localizer, chain)
                    .with_request_id_value(http::HeaderValue::from_static("r-1"))
                    .with_uri(http::Uri::from_static("/volumes/a?b=c"))
            })
        }
    }

    #[test]
    fn a_deferred_context_is_built_once_and_only_when_asked_for() {
        let deferred = Arc::new(Counting {
            built: AtomicUsize::new(0),
            context: OnceLock::new(),
        });
        enter_deferred(Arc::clone(&deferred) as Arc<dyn DeferredContext>, || {});
        assert_eq!(deferred.built.load(Ordering::Relaxed), 0);
        let ids = enter_deferred(Arc::clone(&deferred) as Arc<dyn DeferredContext>, || {
            [(); 3].map(|()| {
                RequestContext::current()
                    .unwrap()
                    .request_id()
                    .map(str::to_owned)
            })
        });
        assert_eq!(ids, [(); 3].map(|()| Some("r-1".to_owned())));
        assert_eq!(deferred.built.load(Ordering::Relaxed), 1);
        let instance = enter_deferred(Arc::clone(&deferred) as Arc<dyn DeferredContext>, || {
            with_current(|context| {
                context
                    .and_then(RequestContext::instance)
                    .map(str::to_owned)
            })
        });
        assert_eq!(instance.as_deref(), Some("/volumes/a"));
        assert_eq!(deferred.built.load(Ordering::Relaxed), 1);
        assert!(RequestContext::current().is_none(), "left when done");
    }

    #[test]
    fn entering_nests_and_restores() {
        let localizer = Arc::new(Localizer::builder().build().unwrap());
        let outer = Arc::new(
            RequestContext::new(Arc::clone(&localizer), localizer.default_chain())
                .with_request_id("outer"),
        );
        let inner = Arc::new(
            RequestContext::new(Arc::clone(&localizer), localizer.default_chain())
                .with_request_id("inner"),
        );
        let id = || RequestContext::current().and_then(|c| c.request_id().map(str::to_owned));
        outer.enter(|| {
            assert_eq!(id().as_deref(), Some("outer"));
            inner.enter(|| assert_eq!(id().as_deref(), Some("inner")));
            assert_eq!(id().as_deref(), Some("outer"));
        });
        assert_eq!(id(), None);
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn a_request_id_that_is_not_visible_ascii_is_none() {
        let localizer = Arc::new(Localizer::builder().build().unwrap());
        let value = http::HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap();
        let context = RequestContext::new(Arc::clone(&localizer), localizer.default_chain())
            .with_request_id_value(value);
        assert_eq!(context.request_id(), None);
    }
}
