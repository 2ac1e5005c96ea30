use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(code = "volume.error")]
enum Error {
    #[error("not found")]
    NotFound,
}

fn main() {}
