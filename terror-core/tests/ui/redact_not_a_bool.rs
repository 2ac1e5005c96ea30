use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("broken")]
    #[terror(redact = "no")]
    Broken,
}

fn main() {}
