use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", redact = false)]
enum VolumeError {
    #[error("volume {name} not found")]
    #[terror(status = 404, redact = false)]
    NotFound { name: String },
    #[error("backend down")]
    Backend,
}

fn main() {}
