use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(message = "volume.not_found")]
    NotFound,
}

fn main() {}
