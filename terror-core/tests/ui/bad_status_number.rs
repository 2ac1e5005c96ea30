use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("not found")]
    #[terror(status = 4044)]
    NotFound,
}

fn main() {}
