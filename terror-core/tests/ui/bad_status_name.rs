use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(status = NOT_FOUD)]
    NotFound,
}

fn main() {}
