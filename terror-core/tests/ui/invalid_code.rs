use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(code = "Volume.NotFound")]
    NotFound,
}

fn main() {}
