use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("invalid")]
    Invalid {
        #[terror(errors)]
        problems: Vec<String>,
    },
}

fn main() {}
