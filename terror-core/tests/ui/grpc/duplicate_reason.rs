use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(code = "volume.not_found")]
    NotFound,
    #[error("not found either")]
    #[terror(code = "volume_not.found")]
    NotFoundEither,
}

fn main() {}
