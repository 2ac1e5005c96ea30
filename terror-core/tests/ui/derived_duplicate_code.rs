use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("http")]
    HTTPError,
    #[error("http")]
    HttpError,
}

fn main() {}
