use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", grpc = ABORTD)]
enum Error {
    #[error("not found")]
    #[terror(status = 404, grpc = OK)]
    NotFound { n: u32 },
    #[error("detached")]
    #[terror(code = "volume.detached_from_the_instance_it_was_attached_to_before_the_reboot")]
    Detached {
        #[terror(rename = "Instance")]
        instance: String,
    },
}

fn main() {}
