use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(code = "volume.missing")]
    NotFound,
    #[error("gone")]
    #[terror(code = "volume.missing")]
    Gone,
}

fn main() {}
