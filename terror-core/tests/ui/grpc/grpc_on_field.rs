use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume")]
enum Error {
    #[error("volume {name} not found")]
    NotFound {
        #[terror(grpc = NOT_FOUND)]
        name: String,
    },
}

fn main() {}
