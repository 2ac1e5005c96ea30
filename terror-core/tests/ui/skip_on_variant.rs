use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(skip)]
    NotFound { name: String },
}

fn main() {}
