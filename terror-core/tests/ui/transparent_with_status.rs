use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[error("inner")]
#[terror(code = "inner")]
struct Inner;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error(transparent)]
    #[terror(transparent, status = 404)]
    Wrapped(Inner),
}

fn main() {}
