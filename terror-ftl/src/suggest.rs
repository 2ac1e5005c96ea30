//! "Did you mean" suggestions: the closest name to a typo, by edit
//! distance.
//!
//! ```
//! use terror_ftl::suggest::closest;
//!
//! assert_eq!(closest("staus", ["status", "prefix"]), Some("status"));
//! assert_eq!(closest("volume-exploded", ["volume-locked"]), None);
//! ```

/// The longest name, in bytes, that [`closest`] looks for or suggests.
pub const MAX_HINT_LEN: usize = 128;

/// The closest candidate to `word` for a "did you mean" hint, or `None`
/// when none is close: at most a quarter of the word's length in edits (at
/// least one), ignoring case, where swapping two neighbouring characters is
/// one edit. So `staus`, `stauts` and `STATUS` find `status`, `nme` finds
/// `name`, but `volume-exploded` is not taken for `volume-locked`: a hint
/// points at typos, not at merely similar names. Ties go to the first in
/// name order. Names longer than [`MAX_HINT_LEN`] bytes are no typos
/// of anything: comparing them would cost the product of the lengths.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > MAX_HINT_LEN {
        return None;
    }
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_HINT_LEN)
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.cmp(b)))
        .map(|(_, c)| c)
}

/// Edit distance in characters: insertions, deletions, substitutions and
/// swaps of two neighbouring characters each count one (optimal string
/// alignment).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(row[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut row);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            closest("volume-not-fund", ["volume-not-found", "pool-not-found"]),
            Some("volume-not-found")
        );
        assert_eq!(closest("zzz", ["volume-not-found"]), None);
        assert_eq!(closest("volume-exploded", ["volume-locked"]), None);
        assert_eq!(closest("nme", ["name"]), Some("name"));
        assert_eq!(closest("stauts", ["status", "prefix"]), Some("status"));
        assert_eq!(closest("staus", ["status", "prefix"]), Some("status"));
        assert_eq!(
            closest("NOT_FOUD", ["NOT_FOUND", "FOUND"]),
            Some("NOT_FOUND")
        );
        assert_eq!(closest("not_foud", ["NOT_FOUND"]), Some("NOT_FOUND"));
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("хост", "хосты"), 1);
    }
}
