//! Rebuilds the crate when a `.ftl` file is added to `locales/`.

// build.rs: rebuild when a new .ftl file appears (stable Rust lets only
// build scripts watch a folder).
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
