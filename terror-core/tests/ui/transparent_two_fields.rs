use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[error("inner")]
#[terror(code = "inner")]
struct Inner;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("{0}")]
    #[terror(transparent)]
    Wrapped(Inner, u32),
}

fn main() {}
