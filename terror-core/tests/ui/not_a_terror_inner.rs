use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error(transparent)]
    #[terror(transparent)]
    Io(std::io::Error),
}

fn main() {}
