//! Rendering an error with a string and an integer arg, a title and
//! neither hint nor instance, from a raw `Accept-Language` header, beside
//! the same body written by hand (`format!`, a `#[derive(Serialize)]`
//! struct, `serde_json::to_vec`), in paired rounds (see
//! `support/paired.rs`). terror's side makes the error each time, as the
//! case is defined; `terror_int_args_en_error_made` renders one made
//! before the rounds, which is all that answering an error costs a
//! service that has it.
//!
//! A binary of its own: a second error type in `render`'s binary moves
//! how the compiler lays out and inlines that benchmark's cases, and with
//! it their ratios.
//!
//! Run with: `cargo bench -p storage-api --bench render_int`
//! (`RENDER_ROUNDS`, 41 unless set, and `RENDER_ROUND_MS`, 5 unless set;
//! `RENDER_INT_ONLY=terror:N` or `baseline:N` makes N renders of one side
//! and nothing else, for `valgrind --tool=callgrind`;
//! `RENDER_INT_PHASES=1` times each step of terror's side alone instead).

use std::hint::black_box;
use std::time::Duration;

#[path = "support/bodies.rs"]
mod bodies;
#[path = "support/int_args.rs"]
mod int_args;
#[path = "support/int_phases.rs"]
mod int_phases;
#[path = "support/paired.rs"]
mod paired;
#[path = "support/stats.rs"]
mod stats;

use bodies::{ACCEPT_LANGUAGE_DE, ACCEPT_LANGUAGE_EN};
use paired::{batched, Case};
use stats::env_number;

fn main() {
    let rounds = env_number("RENDER_ROUNDS", 41).max(1);
    let round = Duration::from_millis(env_number("RENDER_ROUND_MS", 5).max(1));
    let localizer = int_args::localizer();
    let json = |bytes: Vec<u8>| serde_json::from_slice::<serde_json::Value>(&bytes).unwrap();
    assert_eq!(
        json(int_args::terror(&localizer, ACCEPT_LANGUAGE_EN, "d1", 12)),
        json(int_args::handwritten("d1", 12)),
        "the two sides write the same body"
    );
    if std::env::var_os("RENDER_INT_PHASES").is_some() {
        int_phases::run(&localizer);
        return;
    }
    // `RENDER_INT_ONLY=terror:N` (or `baseline:N`): N renders of one side
    // and nothing else, for an instruction counter.
    if let Some((side, n)) = std::env::var("RENDER_INT_ONLY").ok().and_then(|v| {
        Some((
            v.split_once(':')?.0.to_owned(),
            v.split_once(':')?.1.parse::<u64>().ok()?,
        ))
    }) {
        let total: usize = (0..n)
            .map(|_| match side.as_str() {
                "baseline" => int_args::handwritten(black_box("d1"), black_box(12)).len(),
                _ => int_args::terror(&localizer, black_box(ACCEPT_LANGUAGE_EN), "d1", 12).len(),
            })
            .sum();
        println!("{total}");
        return;
    }
    let made = int_args::DiskError::Full {
        disk: "d1".to_owned(),
        free_gb: 12,
    };
    let mut cases: Vec<Case<'_>> = vec![
        batched("baseline_int_args_en", || {
            int_args::handwritten(black_box("d1"), black_box(12)).len()
        }),
        batched("terror_int_args_en", || {
            int_args::terror(
                &localizer,
                black_box(ACCEPT_LANGUAGE_EN),
                black_box("d1"),
                black_box(12),
            )
            .len()
        }),
        // The same, less making the error: for an error the service
        // already has, as it has whether or not it answers with it.
        batched("terror_int_args_en_error_made", || {
            int_args::answer(&localizer, black_box(ACCEPT_LANGUAGE_EN), black_box(&made)).len()
        }),
        batched("terror_int_args_de", || {
            int_args::terror(
                &localizer,
                black_box(ACCEPT_LANGUAGE_DE),
                black_box("d1"),
                black_box(12),
            )
            .len()
        }),
    ];
    paired::run(&mut cases, rounds, round);
}
