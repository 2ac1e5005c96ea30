use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("wrapped")]
    #[terror(transparent)]
    Wrapped,
}

fn main() {}
