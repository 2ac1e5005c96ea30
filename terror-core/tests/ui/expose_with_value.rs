use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("broken")]
    #[terror(expose = true)]
    Broken,
}

fn main() {}
