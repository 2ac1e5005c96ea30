use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "locales")]
enum Error {
    #[error("gone")]
    Gone,
    #[error("billing account overdue")]
    #[terror(code = "billing.overdue")]
    Overdue,
}

fn main() {}
