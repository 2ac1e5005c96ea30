//! Rebuilds the crate when a file is added to `locales/` (editing a file is
//! tracked by `#[derive(Terror)]` and `embed_locales!` themselves, but a
//! new file can only be noticed through a build script), and generates the
//! gRPC service's code from `proto/storage/v1/storage.proto` with the
//! `protoc` that `protoc-bin-vendored` ships, so that a build needs nothing
//! installed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=proto");
    // prost-build reads PROTOC; this build script is its only reader.
    std::env::set_var("PROTOC", protoc_bin_vendored::protoc_bin_path()?);
    tonic_prost_build::configure()
        .compile_protos(&["proto/storage/v1/storage.proto"], &["proto"])?;
    Ok(())
}
