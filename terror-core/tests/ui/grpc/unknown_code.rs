use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(status = 404, grpc = NOT_FUOND)]
    NotFound,
}

fn main() {}
