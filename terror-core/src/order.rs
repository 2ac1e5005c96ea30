//! Sorting through one instance of the standard library's sort.
//!
//! Each element type and comparator a crate sorts with compiles a whole
//! sort again: driftsort or ipnsort, some 4,000 lines of LLVM IR each, in
//! the release build of every service that uses terror. The lists
//! terror-core sorts are short (files, registered packages, catalog
//! entries, codes) and ordered by strings, so they sort here: their keys
//! and positions, one type, then the items moved to their places.

/// Up to three byte strings, compared in turn; `str` compares as its
/// bytes, so a key of `s.as_bytes()` orders as `s` does.
pub(crate) type Key<'a> = [&'a [u8]; 3];

/// Sorts `items` by `key`, stably.
///
/// What is compiled for each type is two loops: one collects the keys,
/// the other swaps items into place; the sort and the order of the swaps
/// are in [`swaps`], compiled once.
pub(crate) fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> Key<'_>) {
    let mut keyed = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        keyed.push((key(item), i));
    }
    for (a, b) in swaps(keyed) {
        items.swap(a, b);
    }
}

/// The swaps that put items in the order of their keys. The position
/// breaks ties, so the unstable sort keeps equal keys in their order.
fn swaps(mut keyed: Vec<(Key<'_>, usize)>) -> Vec<(usize, usize)> {
    keyed.sort_unstable();
    // `order[k]` is where the item that belongs at `k` started. Position
    // `k` takes it from wherever earlier swaps moved it: a swap at `m`
    // moved the item then at `m` to where `order[m]` had been, so follow
    // `order` until a position not yet filled.
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut swaps = Vec::new();
    for (k, &start) in order.iter().enumerate() {
        let mut from = start;
        while from < k {
            from = order[from];
        }
        if from != k {
            swaps.push((k, from));
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_each_key_in_turn_and_keeps_ties_in_order() {
        let mut files = vec![
            ("b", "x.ftl", 1),
            ("a", "y.ftl", 2),
            ("a", "x.ftl", 3),
            ("a", "x.ftl", 4),
            ("", "z.ftl", 5),
        ];
        sort_by_key(&mut files, |(package, path, _)| {
            [package.as_bytes(), path.as_bytes(), b""]
        });
        let numbers: Vec<u32> = files.iter().map(|f| f.2).collect();
        assert_eq!(numbers, [5, 3, 4, 2, 1]);
        let mut words = vec!["éa", "zz", "ab", "a"];
        sort_by_key(&mut words, |w| [w.as_bytes(), b"", b""]);
        assert_eq!(words, ["a", "ab", "zz", "éa"]);
        // Against the standard library's stable sort, on lists with many
        // ties and in many orders.
        let mut state = 7_u32;
        for len in 0..60 {
            let list: Vec<(String, usize)> = (0..len)
                .map(|i| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (format!("{}", (state >> 16) % 7), i)
                })
                .collect();
            let mut ours = list.clone();
            sort_by_key(&mut ours, |(s, _)| [s.as_bytes(), b"", b""]);
            let mut std = list;
            std.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, std);
        }
        let mut empty: Vec<&str> = Vec::new();
        sort_by_key(&mut empty, |w| [w.as_bytes(), b"", b""]);
        assert!(empty.is_empty());
    }
}
