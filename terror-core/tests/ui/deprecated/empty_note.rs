use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume")]
enum Error {
    #[error("gone")]
    #[terror(status = 410, deprecated = "")]
    Gone,
}

fn main() {}
