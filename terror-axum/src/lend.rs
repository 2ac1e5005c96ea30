//! Lending a request's scope to the thread that polls its handler, so that
//! errors, [`Languages`](crate::Languages) and
//! [`RequestId`](crate::RequestId) find it: a thread-local of the layer's
//! own, which terror asks through the [`Lender`](context::Lender) it
//! registers. Lending a typed box so is two moves of a pointer a poll.

use std::cell::Cell;
use std::sync::OnceLock;

use terror_core::context::{self, DeferredContext};

use crate::scope::Scope;

thread_local! {
    /// The scope of the request this thread is polling, lent by [`lend`].
    static LENT: Cell<Option<Box<Scope>>> = const { Cell::new(None) };
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
/// taken out while `f` runs (so that a request `f` polls lends its own) and
/// put back after.
fn lent(f: &mut dyn FnMut(Option<&dyn DeferredContext>)) {
    match LENT.try_with(Cell::take) {
        Ok(Some(scope)) => {
            f(Some(&*scope));
            // At thread exit the scope is simply dropped.
            let _ = LENT.try_with(|lent| lent.set(Some(scope)));
        }
        _ => f(None),
    }
}

/// Runs `f` (a poll of the request's handler) with the scope in `slot` lent
/// to the thread, and puts it back in `slot` after. The scope lent before
/// (a layer's polling this one) is lent again after, also when `f`
/// panics, which drops the scope and leaves `slot` empty. An empty `slot`,
/// or a thread being torn down, lends nothing.
#[inline]
pub(crate) fn lend<R>(slot: &mut Option<Box<Scope>>, f: impl FnOnce() -> R) -> R {
    if slot.is_none() {
        return f();
    }
    let Ok(outer) = LENT.try_with(|lent| lent.replace(slot.take())) else {
        return f();
    };
    let unlend = Unlend(outer);
    let result = f();
    let outer = unlend.defuse();
    *slot = LENT.try_with(|lent| lent.replace(outer)).ok().flatten();
    result
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
        let outer = self.0.take();
        let _ = LENT.try_with(|lent| lent.set(outer));
    }
}
