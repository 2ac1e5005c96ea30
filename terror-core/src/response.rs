//! Turning an error into an HTTP response in the languages of the request
//! being served (its [`RequestContext`](crate::context::RequestContext)),
//! and logging it.
//!
//! Text that reaches a log line from an error's `Display` (or from a
//! dependency) goes through [`LogSafe`]: a client's `\n` in a volume name
//! cannot start a forged log line.

use crate::terror::Terror;
use crate::Localizer;

pub use crate::log::{log_error, will_log, LogSafe, SourceChain};

/// The former place of [`RequestContext`](crate::context::RequestContext).
#[deprecated(
    since = "0.1.0",
    note = "moved to `terror_core::context::RequestContext`"
)]
pub type RequestContext = crate::context::RequestContext;

/// Renders an error as an HTTP problem response in the current request's
/// languages (or the global localizer's default locale outside a request).
///
/// Inside a request context the error is also logged, with the request's
/// id ([`RequestContext::log_failure`](crate::context::RequestContext::log_failure)). Outside one, the second value is
/// `false` and the error is not logged yet: the integration either hands
/// it to something that renders it again once the request is known and
/// logs it then (terror-axum's layer does, so the line carries the request
/// id), or calls [`log_error`] itself.
pub fn problem_response(error: &(dyn Terror + '_)) -> (http::Response<Vec<u8>>, bool) {
    crate::context::with_current(|context| {
        if let Some(context) = context {
            context.log_failure(error);
            let problem =
                context
                    .localizer()
                    .render_request(error, context.chain(), context.request_info());
            (problem.to_http_response(), true)
        } else {
            let localizer = Localizer::global();
            let problem = localizer.render(error, &localizer.default_chain());
            (problem.to_http_response(), false)
        }
    })
}
