//! Paired rounds: every round runs each case for a few milliseconds, in an
//! order that turns from round to round, and each case's ratio to the
//! first case (the baseline) is taken within the round, so that what else
//! the machine is doing slows both sides of a ratio alike.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::stats;

/// A case of the paired rounds: its name, and what runs it [`BATCH`]
/// times (called through a pointer once a batch, not once a run).
pub(crate) type Case<'a> = (&'static str, Box<dyn FnMut() -> usize + 'a>);

/// How many runs a paired round makes between two readings of the clock.
pub(crate) const BATCH: u32 = 32;

/// A case that runs `run`, a batch at a time.
pub(crate) fn batched<'a>(name: &'static str, mut run: impl FnMut() -> usize + 'a) -> Case<'a> {
    let batch = move || (0..BATCH).map(|_| black_box(run())).sum();
    (name, Box::new(batch))
}

/// Runs `rounds` rounds of `round` per case and prints each case's median
/// time per run and the median (and range) of its ratio to the first case.
pub(crate) fn run(cases: &mut [Case<'_>], rounds: u64, round: Duration) {
    // Nanoseconds per run, by case, one per round.
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for r in 0..rounds {
        let turn = usize::try_from(r).unwrap_or(0) % cases.len();
        for i in (turn..cases.len()).chain(0..turn) {
            let case = &mut cases[i].1;
            let (start, mut runs) = (Instant::now(), 0_u32);
            while start.elapsed() < round {
                black_box(case());
                runs += BATCH;
            }
            times[i].push(start.elapsed().as_secs_f64() * 1e9 / f64::from(runs));
        }
    }
    println!(
        "paired rounds: {rounds} of {} ms per case, order turning each round",
        round.as_millis()
    );
    println!(
        "{:<40} {:>12} {:>16}",
        "median over rounds", "ns/run", "/ baseline"
    );
    for (i, (name, _)) in cases.iter().enumerate() {
        let ratios: Vec<f64> = times[i]
            .iter()
            .zip(&times[0])
            .map(|(t, base)| t / base)
            .collect();
        let (low, high) = stats::range(&ratios);
        println!(
            "{name:<40} {:>12.0} {:>8.2}x   (rounds: {low:.2}x to {high:.2}x)",
            stats::median(times[i].clone()),
            stats::median(ratios),
        );
    }
}
