use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("busy")]
    #[terror(status = 503, retry_after = "30s")]
    Busy,
}

fn main() {}
