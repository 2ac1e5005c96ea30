//! What loading a large message catalog costs at startup: the time to
//! build terror's `Localizer` from a `locales/` folder, and the memory it
//! keeps, beside fluent-bundle alone doing the least a service could
//! (parse every file and add it to one bundle per locale).
//!
//! For each size (`LOCALES`x`CODES`), the catalog is generated into a
//! temporary folder (`support/catalog_gen.rs` says what its messages look
//! like), and each side builds it in a fresh process of its own per run
//! (this binary, run again with `CATALOG_BENCH_SIDE` set), so that no
//! run's heap inflates the next. The process reads its resident memory
//! (`VmRSS`) before the build and after it, with what it built still
//! alive, and times the build: for terror,
//! `Localizer::builder().default_locale("en-US").directory(dir).build()`;
//! for fluent-bundle, reading every file, `FluentResource::try_new` and
//! `add_resource` into a `concurrent::FluentBundle` per locale (without
//! isolating marks). Each figure is the median of the runs.
//!
//! Run with: `cargo bench -p storage-api --bench catalog_size`
//! (`CATALOG_SIZES=3x200,40x2000` chooses the sizes, 3x200, 10x1000,
//! 40x2000 and 80x5000 unless set; `CATALOG_RUNS` the runs per side, 3
//! unless set). Exits non-zero if a catalog fails to build: the generator
//! must write valid catalogs.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use terror_core::Localizer;
use unic_langid::LanguageIdentifier;

#[path = "support/catalog_gen.rs"]
mod catalog_gen;
#[path = "support/stats.rs"]
mod stats;

use stats::{env_number, median};

/// Set in a measuring process's environment: which side it builds.
const SIDE: &str = "CATALOG_BENCH_SIDE";
/// Set in a measuring process's environment: the `locales/` folder.
const DIR: &str = "CATALOG_BENCH_DIR";

const DEFAULT_SIZES: &str = "3x200,10x1000,40x2000,80x5000";

const MIB: f64 = 1024.0 * 1024.0;

/// The two sides, by the name a measuring process is given.
const SIDES: [&str; 2] = ["terror", "fluent-bundle"];

fn main() -> ExitCode {
    let outcome = match (std::env::var(SIDE), std::env::var_os(DIR)) {
        (Ok(side), Some(dir)) => measure(&side, Path::new(&dir)),
        _ => compare(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("catalog_size: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What one process measured: the build's wall time, and its resident
/// memory before and after.
#[derive(Debug, Clone, Copy)]
struct Run {
    millis: f64,
    before: u64,
    after: u64,
    /// What the built localizer says it holds (`Localizer::footprint`:
    /// text read and compiled messages); 0 for fluent-bundle.
    held: u64,
}

impl Run {
    fn growth(self) -> f64 {
        float(self.after.saturating_sub(self.before))
    }
}

/// A count of bytes or messages as a float, for the table's ratios.
#[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
fn float(n: u64) -> f64 {
    n as f64
}

/// In a measuring process: builds `dir` with `side` and prints what it
/// measured as one line, `millis before after held`.
fn measure(side: &str, dir: &Path) -> Result<(), String> {
    let before = resident_bytes()?;
    let start = Instant::now();
    // Each arm reads the time and the memory with what it built still
    // alive, and only then drops it.
    let (elapsed, after, held) = match side {
        "terror" => {
            let localizer = Localizer::builder()
                .default_locale("en-US")
                .directory(dir)
                .build()
                .map_err(|e| {
                    format!(
                        "the generated catalog in {} does not load, a bug in the generator:\n{e}",
                        dir.display()
                    )
                })?;
            let localizer = black_box(localizer);
            let elapsed = start.elapsed();
            let after = resident_bytes()?;
            let footprint = localizer.footprint();
            let held = footprint.text_read + footprint.compiled + footprint.fluent_text;
            drop(black_box(localizer));
            (elapsed, after, held)
        }
        "fluent-bundle" => {
            let bundles = black_box(fluent_bundles(dir)?);
            let elapsed = start.elapsed();
            let after = resident_bytes()?;
            drop(black_box(bundles));
            (elapsed, after, 0)
        }
        other => return Err(format!("{SIDE}={other}: not one of {SIDES:?}")),
    };
    println!("{} {before} {after} {held}", elapsed.as_secs_f64() * 1000.0);
    Ok(())
}

/// One bundle per locale folder of `dir`, holding every `.ftl` file of it.
fn fluent_bundles(dir: &Path) -> Result<Vec<FluentBundle<FluentResource>>, String> {
    let mut bundles = Vec::new();
    for locale_dir in sorted_entries(dir)? {
        let name = locale_dir.file_name().unwrap_or_default().to_string_lossy();
        let locale: LanguageIdentifier = name
            .parse()
            .map_err(|e| format!("{}: {e}", locale_dir.display()))?;
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        bundle.set_use_isolating(false);
        for file in sorted_entries(&locale_dir)? {
            if file.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
                format!("{}: does not parse: {:?}", file.display(), errors.first())
            })?;
            bundle
                .add_resource(resource)
                .map_err(|errors| format!("{}: not added: {:?}", file.display(), errors.first()))?;
        }
        bundles.push(bundle);
    }
    Ok(bundles)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut entries = read
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    entries.sort();
    Ok(entries)
}

/// This process's resident memory, from the kernel's `VmRSS`.
fn resident_bytes() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("reading /proc/self/status (Linux only): {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .ok_or_else(|| "no VmRSS in /proc/self/status".to_owned())
}

/// One size of catalog: how many locales, and how many codes each.
#[derive(Debug, Clone, Copy)]
struct Size {
    locales: usize,
    codes: usize,
}

fn sizes() -> Result<Vec<Size>, String> {
    let list = std::env::var("CATALOG_SIZES").unwrap_or_else(|_| DEFAULT_SIZES.to_owned());
    let max = catalog_gen::LOCALES.len();
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let parsed = s
                .split_once('x')
                .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
            match parsed {
                Some((locales @ 1.., codes @ 1..)) if locales <= max => Ok(Size { locales, codes }),
                _ => Err(format!(
                    "CATALOG_SIZES: {s:?} is not LOCALESxCODES with 1 to {max} locales and at \
                     least 1 code"
                )),
            }
        })
        .collect()
}

/// In the parent process: generates each size, has both sides build it in
/// processes of their own, and prints the table.
fn compare() -> Result<(), String> {
    let sizes = sizes()?;
    let runs = usize::try_from(env_number("CATALOG_RUNS", 3).max(1)).unwrap_or(1);
    let root = option_env!("CARGO_TARGET_TMPDIR")
        .map_or_else(std::env::temp_dir, PathBuf::from)
        .join(format!("catalog_size-{}", std::process::id()));
    println!(
        "Build time and resident memory of terror's Localizer (builder().default_locale(\"en-US\")\
         .directory(dir).build()) and of fluent-bundle alone (read, FluentResource::try_new, \
         add_resource into one concurrent::FluentBundle per locale) for generated catalogs; \
         each side builds in a fresh process per run, which reads its VmRSS before and after \
         with what it built alive; medians of {runs} runs (build ms: lowest-highest in \
         parentheses); B/msg and x.ftl are the resident growth per message and over the \
         catalog's .ftl bytes; terror held is what Localizer::footprint() counts (files' text \
         and compiled messages), the rest of its growth being the allocator's free memory.\n"
    );
    println!(
        "| size | messages | .ftl MiB | terror ms | terror MiB | B/msg | x.ftl | terror held MiB (x.ftl) \
         | fluent-bundle ms | fluent-bundle MiB | B/msg | x.ftl | time ratio | memory ratio |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let outcome = sizes.iter().try_for_each(|&size| row(&root, size, runs));
    // A catalog that failed to load is kept, so that the file and line
    // the error names can be read.
    if outcome.is_ok() {
        let _ = std::fs::remove_dir_all(&root);
    }
    outcome
}

/// Generates the catalog of `size`, measures both sides, and prints its row.
fn row(root: &Path, size: Size, runs: usize) -> Result<(), String> {
    let size_dir = root.join(format!("{}x{}", size.locales, size.codes));
    let dir = size_dir.join("locales");
    let written = catalog_gen::write(&dir, size.locales, size.codes)
        .map_err(|e| format!("writing the catalog into {}: {e}", dir.display()))?;
    // The sides take turns, so that what else the machine is doing slows
    // both alike.
    let mut sides = vec![Vec::new(); SIDES.len()];
    for _ in 0..runs {
        for (side, measured) in SIDES.iter().zip(&mut sides) {
            measured.push(spawn(side, &dir)?);
        }
    }
    let messages = float(written.messages);
    let ftl = float(written.bytes);
    let mut cells = vec![
        format!("{}x{}", size.locales, size.codes),
        written.messages.to_string(),
        format!("{:.2}", ftl / MIB),
    ];
    let mut medians = Vec::new();
    for measured in &sides {
        let millis: Vec<f64> = measured.iter().map(|r| r.millis).collect();
        let (low, high) = stats::range(&millis);
        let millis = median(millis);
        let growth = median(measured.iter().map(|r| r.growth()).collect());
        cells.push(if measured.len() > 1 {
            format!("{} ({}-{})", ms(millis), ms(low), ms(high))
        } else {
            ms(millis)
        });
        cells.push(format!("{:.1}", growth / MIB));
        cells.push(format!("{:.0}", growth / messages));
        cells.push(format!("{:.2}", growth / ftl));
        let held = median(measured.iter().map(|r| float(r.held)).collect());
        if held > 0.0 {
            cells.push(format!("{:.1} ({:.2}x)", held / MIB, held / ftl));
        }
        medians.push((millis, growth));
    }
    let (terror, fluent) = (medians[0], medians[1]);
    cells.push(format!("{:.2}x", terror.0 / fluent.0));
    cells.push(format!("{:.2}x", terror.1 / fluent.1));
    println!("| {} |", cells.join(" | "));
    std::fs::remove_dir_all(&size_dir).map_err(|e| format!("removing {}: {e}", size_dir.display()))
}

/// Milliseconds, with a decimal where a small catalog's build takes few.
fn ms(millis: f64) -> String {
    if millis < 10.0 {
        format!("{millis:.1}")
    } else {
        format!("{millis:.0}")
    }
}

/// Runs this binary as a measuring process for `side` on `dir`.
fn spawn(side: &str, dir: &Path) -> Result<Run, String> {
    let exe = std::env::current_exe().map_err(|e| format!("finding this binary: {e}"))?;
    let output = Command::new(exe)
        .env(SIDE, side)
        .env(DIR, dir)
        .output()
        .map_err(|e| format!("starting the {side} process: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the {side} process failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = stdout.split_whitespace().collect();
    match fields[..] {
        [millis, before, after, held] => {
            match (millis.parse(), before.parse(), after.parse(), held.parse()) {
                (Ok(millis), Ok(before), Ok(after), Ok(held)) => Ok(Run {
                    millis,
                    before,
                    after,
                    held,
                }),
                _ => Err(format!("the {side} process printed {stdout:?}")),
            }
        }
        _ => Err(format!("the {side} process printed {stdout:?}")),
    }
}
