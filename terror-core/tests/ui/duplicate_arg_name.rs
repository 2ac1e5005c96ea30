use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("too big")]
    TooBig {
        size: u64,
        #[terror(rename = "size")]
        limit: u64,
    },
}

fn main() {}
