use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "locales")]
enum Error {
    #[error("volume {name} is locked")]
    Locked { name: String },
}

fn main() {}
