use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("input or output failed")]
    Io,
}

fn main() {}
