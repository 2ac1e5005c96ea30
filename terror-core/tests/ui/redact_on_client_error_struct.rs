use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[error("quota exceeded")]
#[terror(code = "quota.exceeded", status = TOO_MANY_REQUESTS, redact = true)]
struct QuotaExceeded {
    limit: u64,
}

fn main() {}
