use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", status = 404)]
enum Error {
    #[error("volume {name} not found")]
    NotFound {
        #[terror(rename = "Name")]
        name: String,
    },
}

fn main() {}
