//! Positions in a file: where a slice of it starts, and line and column
//! for messages that point at a place (one pass over the file, then each
//! position in constant time, so reporting every use in a large file stays
//! linear).

/// Characters are counted from checkpoints this many bytes apart.
const CHECKPOINT: usize = 256;

/// Where the lines of a file start, and how many characters precede every
/// 256 bytes: enough to turn a byte offset into a line and a
/// column in characters without rescanning the file.
///
/// ```
/// let index = terror_ftl::LineIndex::new("ab\nжи = { $x }");
/// assert_eq!(index.position(3), (2, 1));
/// assert_eq!(index.position(13), (2, 9));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex<'s> {
    source: &'s str,
    /// The byte offset at which each line starts.
    line_starts: Vec<usize>,
    /// For checkpoint `k`, the first character boundary at or after
    /// `k * CHECKPOINT` bytes, and the characters before it.
    checkpoints: Vec<(usize, usize)>,
}

impl<'s> LineIndex<'s> {
    /// The indexed file.
    pub fn source(&self) -> &'s str {
        self.source
    }

    /// Indexes a file in one pass.
    pub fn new(source: &'s str) -> Self {
        let mut line_starts = vec![0];
        let mut checkpoints = Vec::with_capacity(source.len() / CHECKPOINT + 1);
        let mut chars = 0;
        for (offset, c) in source.char_indices() {
            while checkpoints.len() * CHECKPOINT <= offset {
                checkpoints.push((offset, chars));
            }
            if c == '\n' {
                line_starts.push(offset + 1);
            }
            chars += 1;
        }
        while checkpoints.len() * CHECKPOINT <= source.len() {
            checkpoints.push((source.len(), chars));
        }
        LineIndex {
            source,
            line_starts,
            checkpoints,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    /// Offsets past the end or inside a character are clamped, never a
    /// panic.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (
            line,
            self.chars_before(offset) - self.chars_before(start) + 1,
        )
    }

    /// How many characters come before a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let (from, chars) = self.checkpoints[offset / CHECKPOINT];
        if from <= offset {
            chars + self.source[from..offset].chars().count()
        } else {
            // The checkpoint moved forward to a boundary past `offset`,
            // within one character.
            chars - self.source[offset..from].chars().count()
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset, for a
/// single position; index the file with [`LineIndex`] for many. Offsets
/// past the end or inside a character are clamped, never a panic.
pub fn position(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).position(offset)
}

/// The byte offset of `part` in `source`, which it is a slice of: the Fluent
/// AST borrows every identifier from the source text. 0 when it is not
/// (a text that merely starts where `source` ends is not in it).
///
/// ```
/// let source = "-brand = Terror\nvolume-in-use = In use\n";
/// let resource = terror_ftl::parse(source).unwrap();
/// let fluent_syntax::ast::Entry::Message(message) = &resource.body[1] else {
///     unreachable!()
/// };
/// assert_eq!(terror_ftl::offset_in(source, message.id.name), 16);
/// assert_eq!(terror_ftl::offset_in(source, &String::from("In use")), 0);
/// ```
pub fn offset_in(source: &str, part: &str) -> usize {
    let start = source.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at + part.len() <= start + source.len() {
        at - start
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column by scanning everything before the offset: slow, and
    /// plainly right.
    fn scan(source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    #[test]
    fn the_index_agrees_with_a_scan_at_every_offset() {
        let mut source = String::new();
        for i in 0..300 {
            source.push_str(["a", "ж", "😀", "\n", "  ", "\u{3000}"][i % 6]);
            source.push_str(&"x".repeat(i % 7));
        }
        let index = LineIndex::new(&source);
        for offset in 0..=source.len() + 3 {
            assert_eq!(index.position(offset), scan(&source, offset), "{offset}");
        }
        assert_eq!(LineIndex::new("").position(5), (1, 1));
    }

    #[test]
    fn positions_never_panic() {
        assert_eq!(position("ab\ncd", 4), (2, 2));
        assert_eq!(position("ab", 99), (1, 3));
        assert_eq!(position("ж", 1), (1, 1));
        assert_eq!(offset_in("abc", "zzz"), 0);
        // Two texts side by side in memory: the second is not in the first.
        let both = "abczzz";
        assert_eq!(offset_in(&both[..3], &both[3..]), 0);
        assert_eq!(offset_in(both, &both[3..]), 3);
        assert_eq!(offset_in(&both[..3], &both[3..3]), 3);
    }
}
