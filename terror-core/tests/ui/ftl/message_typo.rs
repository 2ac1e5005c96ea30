use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "locales")]
enum Error {
    #[error("gone")]
    Gone,
    #[error("busy")]
    Bussy { name: String },
}

fn main() {}
