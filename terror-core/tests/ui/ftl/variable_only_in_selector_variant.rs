use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "locales")]
enum Error {
    #[error("volume {name} has {count} snapshots")]
    Snapshots { name: String, count: u32 },
}

fn main() {}
