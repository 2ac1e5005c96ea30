//! Lending a request's scope to the thread that polls its handler, so that
//! errors, [`Languages`](crate::Languages) and
//! [`RequestId`](crate::RequestId) find it: a thread-local of the layer's
//! own, which terror asks through the [`Lender`](context::Lender) it
//! registers. Lending a typed box so is two moves of a pointer a poll.

use std::cell::RefCell;
use std::sync::OnceLock;

use terror_core::context::{self, DeferredContext};

use crate::scope::Scope;

thread_local! {
    /// The scope of the request this thread is polling, lent by [`lend`].
    static LENT: RefCell<Option<Box<Scope>>> = const { RefCell::new(None) };
}

/// Whether the layer lends scopes to the thread in a thread-local of its
/// own, registered as terror's [`Lender`](context::Lender), rather than
/// entering them with [`context::enter_deferred`] (which also counts a
/// borrow and checks a type): it does unless another lender was registered
/// first in the process.
#[inline]
pub(crate) fn lends() -> bool {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    *REGISTERED.get_or_init(|| context::register_lender(lent))
}

/// terror's [`Lender`](context::Lender): the scope lent to this thread,
/// borrowed while `f` runs, so that `f` can ask for it again (a `tracing`
/// layer asking for the request id while an error is logged, say). A
/// handler polled inside `f` then runs without its own scope, and sees
/// this one.
fn lent(f: &mut dyn FnMut(Option<&dyn DeferredContext>)) {
    let asked = LENT.try_with(|lent| match lent.try_borrow() {
        Ok(scope) => f(scope.as_deref().map(|scope| scope as &dyn DeferredContext)),
        // Only `lend` borrows it mutably, and calls out to nothing then.
        Err(_) => f(None),
    });
    if asked.is_err() {
        // This thread is being torn down.
        f(None);
    }
}

/// Runs `f` (a poll of the request's handler) with the scope in `slot` lent
/// to the thread, and puts it back in `slot` after. The scope lent before
/// (a layer's polling this one) is lent again after, also when `f`
/// panics, which drops the scope and leaves `slot` empty. An empty `slot`
/// lends nothing, and so does a call while [`lent`] lends the thread's
/// scope (`f` then sees that one) or while the thread is torn down.
#[inline]
pub(crate) fn lend<R>(slot: &mut Option<Box<Scope>>, f: impl FnOnce() -> R) -> R {
    if slot.is_none() || !swap_lent(slot) {
        return f();
    }
    // `slot` holds the scope lent before now.
    let unlend = Unlend(slot.take());
    let result = f();
    *slot = unlend.defuse();
    swap_lent(slot);
    result
}

/// Swaps `scope` with the scope lent to the thread; swaps nothing and
/// returns `false` while [`lent`] lends it or the thread is torn down.
#[inline]
fn swap_lent(scope: &mut Option<Box<Scope>>) -> bool {
    LENT.try_with(|lent| {
        lent.try_borrow_mut()
            .map(|mut lent| std::mem::swap(&mut *lent, scope))
            .is_ok()
    })
    .unwrap_or(false)
}

/// Lends the thread its former scope again (dropping the one lent) when a
/// poll unwinds.
struct Unlend(Option<Box<Scope>>);

impl Unlend {
    /// The former scope, for a poll that returned.
    #[inline]
    fn defuse(mut self) -> Option<Box<Scope>> {
        let outer = self.0.take();
        // Holds nothing now: its drop would only cost a call.
        std::mem::forget(self);
        outer
    }
}

impl Drop for Unlend {
    fn drop(&mut self) {
        // Drops the scope that was lent.
        swap_lent(&mut self.0);
    }
}
