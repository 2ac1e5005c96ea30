use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("denied")]
    Denied {
        #[terror(skip, rename = "user")]
        token: String,
    },
}

fn main() {}
