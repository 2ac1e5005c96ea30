use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "does-not-exist")]
enum Error {
    #[error("gone")]
    Gone,
}

fn main() {}
