use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", grpc = OK)]
enum Error {
    #[error("not found")]
    NotFound,
}

fn main() {}
