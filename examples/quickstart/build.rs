//! Rebuilds the service when a new .ftl file appears in locales/ (stable
//! Rust lets only build scripts watch a folder).

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
