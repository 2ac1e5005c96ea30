use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "storage.volume.snapshot.replication.cross_region_target")]
enum Error {
    #[error("gone")]
    Gone,
    #[error("replication target is read only")]
    ReadOnly,
}

fn main() {}
