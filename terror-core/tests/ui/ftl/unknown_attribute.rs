use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "order", status = 404, locales = "locales")]
enum OrderError {
    #[error("order {id} not found")]
    NotFound { id: u64 },
}

fn main() {}
