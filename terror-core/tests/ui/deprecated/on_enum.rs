use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", deprecated = "use disk.*")]
enum Error {
    #[error("gone")]
    Gone,
}

fn main() {}
