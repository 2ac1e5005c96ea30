//! Rebuilds the crate when a file is added to `locales/`: editing a file is
//! tracked by `#[derive(Terror)]` and `embed_locales!` themselves, but a
//! new file can only be noticed through a build script.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
