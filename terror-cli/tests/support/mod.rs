//! Runs the `terror` binary on copies of the folders in `tests/fixtures`:
//! `base`, with one mistake made in each copy, and `volunteers`, a corpus
//! of many locales with the mistakes volunteers make.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of a fixture folder to change and check.
pub struct Fixture {
    pub dir: PathBuf,
}

impl Fixture {
    /// A fresh copy of `tests/fixtures/base` named `name`.
    pub fn base(name: &str) -> Self {
        Self::copy_of("base", name)
    }

    /// A fresh copy of `tests/fixtures/<fixture>` named `name`, as a
    /// folder `locales`.
    pub fn copy_of(fixture: &str, name: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("terror-cli")
            .join(name)
            .join("locales");
        let _ = std::fs::remove_dir_all(&dir);
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(fixture),
            &dir,
        );
        Fixture { dir }
    }

    /// Replaces `from` (which must be there, once) with `to` in `file`.
    pub fn edit(self, file: &str, from: &str, to: &str) -> Self {
        let path = self.dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from:?} in {file}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        self
    }

    /// Writes `file` (its folder too).
    pub fn write(self, file: &str, text: impl AsRef<[u8]>) -> Self {
        let path = self.dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Runs `terror` with `args` in the folder above `locales/`, so paths
    /// in its output start with `locales/`.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.parent().unwrap(), args)
    }
}

/// What a run printed, and its exit code.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Runs `terror` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_terror"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code().unwrap(),
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
