use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(status = 4040, staus = 404, code = "Bad")]
    NotFound,
}

fn main() {}
