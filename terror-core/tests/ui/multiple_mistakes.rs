use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefx = "volume")]
enum Error {
    #[error("not found")]
    #[terror(status = 4040)]
    NotFound,
}

fn main() {}
