use terror_core::Terror;

mod foo {
    pub mod bar {
        pub const GONE: u16 = 410;
    }
}

#[derive(Debug, thiserror::Error, Terror)]
enum Error {
    #[error("gone")]
    #[terror(status = foo::bar::GONE)]
    Gone,
    #[error("typo")]
    #[terror(status = http::StatusCode::NOT_FOUD)]
    Typo,
}

fn main() {}
