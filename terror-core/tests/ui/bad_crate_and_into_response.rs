use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk", crate = 5, into_response = "no")]
enum DiskError {
    #[error("gone")]
    #[terror(into_response = false)]
    Gone,
}

fn main() {}
