use terror_core::{SubError, Terror};

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("invalid")]
    Invalid {
        #[terror(errors)]
        fields: Vec<SubError>,
        #[terror(errors)]
        headers: Vec<SubError>,
    },
}

fn main() {}
