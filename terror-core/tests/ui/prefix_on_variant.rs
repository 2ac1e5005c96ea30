use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(prefix = "volume")]
    NotFound,
}

fn main() {}
