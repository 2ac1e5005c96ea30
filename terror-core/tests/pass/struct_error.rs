use std::time::Duration;

use terror_core::{ArgValue, EmbeddedFile, EmbeddedLocales, Localizer, StatusCode, Terror};

/// The account used all its requests.
#[derive(Debug, thiserror::Error, Terror)]
#[error("quota of {limit} exceeded for {account}")]
#[terror(code = "quota.exceeded", status = TOO_MANY_REQUESTS, retry_after = 60, locales = "locales")]
struct QuotaExceeded {
    limit: u64,
    #[terror(skip)]
    account: String,
}

static FILES: &[EmbeddedFile] = &[EmbeddedFile {
    locale: "en-US",
    path: "locales/en-US/struct.ftl",
    source: include_str!("locales/en-US/struct.ftl"),
}];

fn main() {
    let error = QuotaExceeded {
        limit: 100,
        account: "acme".into(),
    };
    assert_eq!(error.code(), "quota.exceeded");
    assert_eq!(error.message_id(), "quota-exceeded");
    assert_eq!(error.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(
        error.description(),
        Some("The account used all its requests.")
    );
    let args = error.args();
    assert_eq!(args.len(), 1);
    assert_eq!(args.get("limit"), Some(&ArgValue::Int(100)));
    assert_eq!(args.get("account"), None);

    let localizer = Localizer::builder()
        .embedded(EmbeddedLocales::new(FILES))
        .build()
        .unwrap();
    let problem = localizer.render(&error, &localizer.default_chain());
    assert_eq!(
        problem.detail(),
        "You used all 100 requests of this minute."
    );
}
