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
//! for it, and only then. An integration can also keep the deferred context
//! of the request it polls in a thread-local of its own and register a
//! [`Lender`] that finds it there ([`register_lender`]): terror-axum does,
//! as lending a typed box costs two moves of a pointer.

use std::any::Any;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

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
/// The integration owns it (boxed, in the request's future) and lends it to
/// the thread while it polls the request ([`enter_deferred`]): entering
/// moves a pointer, and allocates and counts no references.
/// [`resolve`](Self::resolve) builds the context on the first call (a
/// [`OnceCell`](std::cell::OnceCell) does) and returns the same one
/// afterwards.
pub trait DeferredContext: Any + Send {
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
    Nothing,
    Ready(Arc<RequestContext>),
    Deferred(Box<dyn DeferredContext>),
}

thread_local! {
    static CURRENT: RefCell<Current> = const { RefCell::new(Current::Nothing) };
}

/// Calls `f` with the deferred context that an integration lent to this
/// thread in a thread-local of its own, or with `None` when it lent none
/// now.
///
/// A lender must call `f` exactly once. While `f` runs, the context stays
/// lent to it, as [`with_current`] says: `f` may ask for it again.
pub type Lender = fn(f: &mut dyn FnMut(Option<&dyn DeferredContext>));

static LENDER: OnceLock<Lender> = OnceLock::new();

/// Registers the process's [`Lender`]: terror asks it for the request's
/// context whenever nothing was entered on the thread with
/// [`RequestContext::enter`] or [`enter_deferred`] (an entered context
/// comes first).
///
/// Returns whether `lender` is now the registered one: the first
/// registration wins, and an integration whose lender is refused enters
/// its contexts with [`enter_deferred`] instead. An integration registers
/// once (a lender registered twice is refused the second time).
pub fn register_lender(lender: Lender) -> bool {
    LENDER.set(lender).is_ok()
}

/// Runs `f` with the context the registered [`Lender`] lends, if any.
fn with_lent<R>(f: impl FnOnce(Option<&RequestContext>) -> R) -> R {
    let Some(lender) = LENDER.get() else {
        return f(None);
    };
    let mut f = Some(f);
    let mut result = None;
    lender(&mut |deferred| {
        if let Some(f) = f.take() {
            result = Some(f(deferred.map(DeferredContext::resolve)));
        }
    });
    match (result, f) {
        (Some(result), _) => result,
        // A lender that did not call back lent nothing.
        (None, Some(f)) => f(None),
        (None, None) => unreachable!("`f` ran, so it returned"),
    }
}

/// The request id of the context the registered [`Lender`] lends, if any,
/// without building a deferred context that can tell its id alone.
fn lent_request_id() -> Option<Arc<str>> {
    let lender = LENDER.get()?;
    let mut id = None;
    lender(&mut |deferred| id = deferred.and_then(|d| d.request_id().map(Arc::from)));
    id
}

/// Runs `f` with the deferred context in `slot` as the current one on this
/// thread, restoring the previous one afterwards; the context is built only
/// if an error rendered during `f` asks for it.
///
/// The context is moved into the thread for the call and back into `slot`
/// when `f` returns (if `f` panics, it is dropped and `slot` is left
/// empty). An empty `slot` enters nothing, and so does a call made while
/// this thread is inside [`with_current`] (a handler polled from within
/// the rendering of an error): `f` then sees what was current.
///
/// The deferred counterpart of [`RequestContext::enter`], for integrations
/// that keep successful requests free of everything only an error needs.
#[inline]
pub fn enter_deferred<D: DeferredContext, R>(
    slot: &mut Option<Box<D>>,
    f: impl FnOnce() -> R,
) -> R {
    let Some(deferred) = slot.take() else {
        return f();
    };
    let mut current = Current::Deferred(deferred);
    if !swap(&mut current) {
        return not_entered(current, slot, f);
    }
    let restore = Restore(current);
    let result = f();
    give_back(restore.finish(), slot);
    result
}

/// [`enter_deferred`] on a thread where nothing can be entered now.
#[cold]
#[inline(never)]
fn not_entered<D: DeferredContext, R>(
    current: Current,
    slot: &mut Option<Box<D>>,
    f: impl FnOnce() -> R,
) -> R {
    give_back(current, slot);
    f()
}

/// Puts a deferred context that was entered back in its slot.
// Every request of a service runs it: inlined, it costs 17 fewer
// instructions a request (callgrind, storage-api's load server).
#[allow(clippy::inline_always)]
#[inline(always)]
fn give_back<D: DeferredContext>(entered: Current, slot: &mut Option<Box<D>>) {
    if let Current::Deferred(deferred) = entered {
        let deferred: Box<dyn Any> = deferred;
        *slot = deferred.downcast().ok();
    }
}

/// Swaps `current` with what is entered on this thread; swaps nothing and
/// returns `false` when the thread-local is borrowed (inside
/// [`with_current`]) or gone (at thread exit).
#[inline]
fn swap(current: &mut Current) -> bool {
    CURRENT
        .try_with(|c| {
            c.try_borrow_mut()
                .map(|mut entered| std::mem::swap(&mut *entered, current))
                .is_ok()
        })
        .unwrap_or(false)
}

/// Holds the context that was current before one was entered, and puts it
/// back when dropped (so also when the entered call panics, dropping the
/// entered one).
struct Restore(Current);

impl Restore {
    /// Puts the previous context back now; returns the entered one.
    #[inline]
    fn finish(mut self) -> Current {
        let swapped = swap(&mut self.0);
        let entered = std::mem::replace(&mut self.0, Current::Nothing);
        // Holds nothing now, and must not swap again.
        std::mem::forget(self);
        if swapped {
            entered
        } else {
            Current::Nothing
        }
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        swap(&mut self.0);
    }
}

impl RequestContext {
    /// A context rendering with `localizer` in `chain`.
    #[inline]
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
    #[inline]
    pub fn with_instance(mut self, instance: impl Into<Arc<str>>) -> Self {
        self.instance = Some(Text::Shared(instance.into()));
        self
    }

    /// Sets `instance` to the path of the request's URI, keeping the URI
    /// (a reference-counted clone of what the server parsed) rather than
    /// copying the path.
    #[must_use]
    #[inline]
    pub fn with_uri(mut self, uri: http::Uri) -> Self {
        self.instance = Some(Text::Path(uri));
        self
    }

    /// Sets the request id.
    #[must_use]
    #[inline]
    pub fn with_request_id(mut self, request_id: impl Into<Arc<str>>) -> Self {
        self.request_id = Some(Text::Shared(request_id.into()));
        self
    }

    /// Sets the request id to a header value as it came, without copying
    /// it; a value that is not visible ASCII sets none.
    #[must_use]
    #[inline]
    pub fn with_request_id_value(mut self, request_id: http::HeaderValue) -> Self {
        self.request_id = request_id
            .to_str()
            .is_ok()
            .then_some(Text::Header(request_id));
        self
    }

    /// Sets the request method, for logs.
    #[must_use]
    #[inline]
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
        let mut current = Current::Ready(Arc::clone(self));
        if !swap(&mut current) {
            return f();
        }
        let _restore = Restore(current);
        f()
    }

    /// The context entered on this thread (or else lent by the registered
    /// [`Lender`]), if any; a [deferred](DeferredContext) one is built now
    /// if it was not yet (and shared as a copy).
    pub fn current() -> Option<Arc<RequestContext>> {
        CURRENT
            .try_with(|c| match &*c.try_borrow().ok()? {
                Current::Nothing => Some(None),
                Current::Ready(context) => Some(Some(Arc::clone(context))),
                Current::Deferred(deferred) => Some(Some(Arc::new(deferred.resolve().clone()))),
            })
            .ok()
            .flatten()?
            .or_else(|| with_lent(|context| context.map(|c| Arc::new(c.clone()))))
    }
}

/// Runs `f` with the context entered on this thread (or else lent by the
/// registered [`Lender`]), if any, building a deferred one: `f` sees it
/// without a copy (unlike [`RequestContext::current`]).
///
/// A deferred context stays lent to `f` while it runs: a request entered
/// inside `f` (which nothing but a handler polled from within the
/// rendering of an error would do) runs without its own context.
pub fn with_current<R>(f: impl FnOnce(Option<&RequestContext>) -> R) -> R {
    if CURRENT.try_with(|_| ()).is_err() {
        // This thread is being torn down.
        return f(None);
    }
    // `with` panics only when the thread-local is gone, and it was there
    // just now, on this thread.
    CURRENT.with(|c| {
        // Only `swap` and `restore` borrow it mutably, and they call out to
        // nothing: the borrow always succeeds.
        let Ok(current) = c.try_borrow() else {
            return f(None);
        };
        match &*current {
            Current::Nothing => {
                drop(current);
                with_lent(f)
            }
            Current::Ready(context) => {
                let context = Arc::clone(context);
                drop(current);
                f(Some(&context))
            }
            Current::Deferred(deferred) => f(Some(deferred.resolve())),
        }
    })
}

/// The request id of the context entered on this thread (or else lent by
/// the registered [`Lender`]), if any, without building a deferred context
/// that can tell its id alone.
pub fn current_request_id() -> Option<Arc<str>> {
    let entered = CURRENT
        .try_with(|c| match &*c.try_borrow().ok()? {
            Current::Nothing => None,
            Current::Ready(context) => Some(context.request_id().map(Arc::from)),
            Current::Deferred(deferred) => Some(deferred.request_id().map(Arc::from)),
        })
        .ok()
        .flatten();
    match entered {
        Some(id) => id,
        None => lent_request_id(),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell, OnceCell};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    struct Counting {
        built: Arc<AtomicUsize>,
        context: OnceCell<RequestContext>,
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

    fn counting() -> (Option<Box<Counting>>, Arc<AtomicUsize>) {
        let built = Arc::new(AtomicUsize::new(0));
        let deferred = Counting {
            built: Arc::clone(&built),
            context: OnceCell::new(),
        };
        (Some(Box::new(deferred)), built)
    }

    #[test]
    fn a_deferred_context_is_built_once_and_only_when_asked_for() {
        let (mut slot, built) = counting();
        enter_deferred(&mut slot, || {});
        assert_eq!(built.load(Ordering::Relaxed), 0);
        assert!(slot.is_some(), "given back");
        let ids = enter_deferred(&mut slot, || {
            [(); 3].map(|()| {
                RequestContext::current()
                    .unwrap()
                    .request_id()
                    .map(str::to_owned)
            })
        });
        assert_eq!(ids, [(); 3].map(|()| Some("r-1".to_owned())));
        assert_eq!(built.load(Ordering::Relaxed), 1);
        let instance = enter_deferred(&mut slot, || {
            with_current(|context| {
                context
                    .and_then(RequestContext::instance)
                    .map(str::to_owned)
            })
        });
        assert_eq!(instance.as_deref(), Some("/volumes/a"));
        assert_eq!(built.load(Ordering::Relaxed), 1);
        assert!(RequestContext::current().is_none(), "left when done");
        assert_eq!(slot.unwrap().resolve().instance(), Some("/volumes/a"));
    }

    #[test]
    fn entering_inside_with_current_keeps_the_outer_context() {
        let (mut outer, _) = counting();
        let (mut inner, inner_built) = counting();
        let id = enter_deferred(&mut outer, || {
            with_current(|context| {
                assert!(context.is_some());
                enter_deferred(&mut inner, current_request_id)
            })
        });
        assert_eq!(id.as_deref(), Some("r-1"), "the outer context");
        assert!(inner.is_some(), "given back although not entered");
        assert_eq!(inner_built.load(Ordering::Relaxed), 0);
        assert!(outer.is_some());
    }

    /// A ready context with request id `id`.
    fn ready(id: &str) -> Arc<RequestContext> {
        let localizer = Arc::new(Localizer::builder().build().unwrap());
        let chain = localizer.default_chain();
        Arc::new(RequestContext::new(localizer, chain).with_request_id(id))
    }

    #[test]
    fn a_panic_while_entered_restores_the_previous_context() {
        let outer = ready("outer");
        outer.enter(|| {
            let (mut slot, _) = counting();
            let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                enter_deferred(&mut slot, || panic!("handler"));
            }));
            assert!(panicked.is_err());
            assert!(slot.is_none(), "dropped with the panic");
            assert_eq!(current_request_id().as_deref(), Some("outer"));
        });
        assert_eq!(current_request_id(), None);
    }

    thread_local! {
        static TEST_LENT: Cell<Option<Box<Counting>>> = const { Cell::new(None) };
    }

    /// Lends what a test put in `TEST_LENT`.
    fn test_lender(f: &mut dyn FnMut(Option<&dyn DeferredContext>)) {
        match TEST_LENT.with(Cell::take) {
            Some(lent) => {
                f(Some(&*lent));
                TEST_LENT.with(|slot| slot.set(Some(lent)));
            }
            None => f(None),
        }
    }

    #[test]
    fn a_registered_lender_is_asked_when_nothing_is_entered() {
        assert!(register_lender(test_lender), "the first registration wins");
        assert!(!register_lender(test_lender), "a second one is refused");
        assert_eq!(current_request_id(), None, "nothing lent");
        assert!(with_current(|context| context.is_none()));
        let (lent, built) = counting();
        TEST_LENT.with(|slot| slot.set(lent));
        assert_eq!(current_request_id().as_deref(), Some("r-1"));
        let instance = with_current(|c| c.and_then(RequestContext::instance).map(str::to_owned));
        assert_eq!(instance.as_deref(), Some("/volumes/a"));
        assert_eq!(
            RequestContext::current().and_then(|c| c.request_id().map(str::to_owned)),
            Some("r-1".to_owned())
        );
        assert_eq!(built.load(Ordering::Relaxed), 1, "built once, then kept");
        // An entered context comes first.
        let entered = ready("entered").enter(current_request_id);
        assert_eq!(entered.as_deref(), Some("entered"));
        let (mut slot, _) = counting();
        enter_deferred(&mut slot, || {
            let id = with_current(|c| c.and_then(RequestContext::request_id).map(str::to_owned));
            assert_eq!(id.as_deref(), Some("r-1"), "the entered one's id");
        });
        TEST_LENT.with(Cell::take);
        assert_eq!(current_request_id(), None);
    }

    #[test]
    fn entering_nests_and_restores() {
        let (outer, inner) = (ready("outer"), ready("inner"));
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
