use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "locales")]
enum Error {
    #[error("gone")]
    #[terror(message = "volume-gone-x")]
    Gone,
}

fn main() {}
