use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "storage")]
enum Error {
    #[error("not found")]
    #[terror(code = "storage.volume.snapshot.replication_target_was_not_found_in_the_region")]
    NotFound,
}

fn main() {}
