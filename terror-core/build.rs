//! Rebuilds the crate when a file is added to the framework's `messages/`:
//! `embed_locales!` tracks the files that exist, a build script the folder.

fn main() {
    println!("cargo:rerun-if-changed=messages");
}
