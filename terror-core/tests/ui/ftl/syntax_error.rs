use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "broken_locales")]
enum Error {
    #[error("gone")]
    Gone,
}

fn main() {}
