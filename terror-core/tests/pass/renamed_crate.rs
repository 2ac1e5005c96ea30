//! A crate that reaches terror-core through a re-export, or under another
//! name, tells the derive where it is: `#[terror(crate = ...)]`, as a
//! string or a path.

extern crate terror_core as renamed;

mod errors {
    pub use terror_core as terror;
}

use errors::terror::{ArgValue, Localizer, StatusCode, Terror};

#[derive(Debug, thiserror::Error, errors::terror::Terror)]
#[terror(crate = "errors::terror", prefix = "disk", locales = "locales")]
enum DiskError {
    /// The disk was removed.
    #[error("disk {id} is gone")]
    #[terror(status = 410)]
    Gone { id: u32 },
    #[error("disks failing")]
    #[terror(status = 503, retry_after = 5)]
    Failing,
}

#[derive(Debug, thiserror::Error, renamed::Terror)]
#[error("quota of {limit} exceeded")]
#[terror(crate = renamed, code = "quota.exceeded", status = 429)]
struct QuotaExceeded {
    limit: u64,
}

fn main() {
    let gone = DiskError::Gone { id: 4 };
    assert_eq!(gone.code(), "disk.gone");
    assert_eq!(gone.status(), StatusCode::GONE);
    assert_eq!(gone.args().get("id"), Some(&ArgValue::Int(4)));
    assert_eq!(gone.description(), Some("The disk was removed."));
    assert_eq!(DiskError::Failing.retry_after().map(|d| d.as_secs()), Some(5));

    let quota = QuotaExceeded { limit: 10 };
    assert_eq!(quota.code(), "quota.exceeded");
    assert_eq!(quota.status(), StatusCode::TOO_MANY_REQUESTS);

    // The derive registered the checked files as the default messages.
    let localizer = Localizer::global();
    let problem = localizer.render(&gone, &localizer.default_chain());
    assert_eq!(problem.detail(), "Disk 4 is gone.");

    // And the catalog has every variant.
    let catalog = renamed::catalog::Catalog::collect();
    for code in ["disk.gone", "disk.failing", "quota.exceeded"] {
        assert!(catalog.get(code).is_some(), "{code} is not in the catalog");
    }
}
