//! Language negotiation: `Accept-Language` parsing and the locale chain a
//! request is rendered in.
//!
//! A request's languages come from, in order: an explicit override (such as a
//! `lang` query parameter), the `Accept-Language` header, then the default
//! locale. fluent-langneg's filtering maps the requested ranges onto the
//! available locales (`de-CH` gets `de`, `en-GB` gets `en-US` when only that
//! exists), and the resulting [`LocaleChain`] always ends in the default
//! locale. Messages fall back along the chain one by one.

mod cache;

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

use cache::{ChainCache, KeptCache, Lookup};

/// Headers longer than this are only read up to here: a client gains nothing
/// by sending more, and the work per request stays bounded.
pub const MAX_HEADER_LEN: usize = 1024;

/// At most this many language ranges are taken from one header.
pub const MAX_RANGES: usize = 16;

/// About how many distinct inputs each negotiation cache remembers: the
/// caches of headers as sent keep the first ones and no more, the others
/// forget their oldest, a few at a time.
const CACHE_CAPACITY: usize = 512;

/// One language range from an `Accept-Language` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageRange {
    /// `*`: any language.
    Any,
    /// A language tag such as `de-CH`.
    Tag(LanguageIdentifier),
}

/// A language range with its quality, in thousandths (`q=0.5` is 500).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguagePreference {
    /// The range.
    pub range: LanguageRange,
    /// Its quality from 0 (not acceptable) to 1000.
    pub quality: u16,
}

/// Parses an `Accept-Language` header value into preferences, most preferred
/// first.
///
/// Equal qualities keep header order; a range listed twice keeps its first
/// occurrence; malformed ranges and malformed q-values are skipped. `q=0`
/// entries are kept (they exclude a language). Work is bounded: only the
/// first [`MAX_HEADER_LEN`] bytes and [`MAX_RANGES`] ranges are read.
///
/// ```
/// use terror_core::negotiate::{parse_accept_language, LanguageRange};
///
/// let prefs = parse_accept_language("de-CH, fr;q=0.9, en;q=0.8, *;q=0.1");
/// let tags: Vec<String> = prefs
///     .iter()
///     .map(|p| match &p.range {
///         LanguageRange::Tag(tag) => tag.to_string(),
///         LanguageRange::Any => "*".into(),
///     })
///     .collect();
/// assert_eq!(tags, ["de-CH", "fr", "en", "*"]);
/// ```
pub fn parse_accept_language(header: &str) -> Vec<LanguagePreference> {
    let header = truncate_at_char_boundary(header, MAX_HEADER_LEN);
    // Room for what most headers list, allocated once.
    let mut prefs: Vec<LanguagePreference> = Vec::with_capacity(4);
    for item in split_at(header, b',').take(MAX_RANGES * 4) {
        if prefs.len() == MAX_RANGES {
            break;
        }
        let (range, params) = match find(item, b';') {
            Some(at) => (&item[..at], Some(&item[at + 1..])),
            None => (item, None),
        };
        let range = trim(range);
        if range.is_empty() {
            continue;
        }
        let Some(quality) = parse_params(params) else {
            continue;
        };
        let range = if range == "*" {
            LanguageRange::Any
        } else if is_language_range(range) {
            match range.parse::<LanguageIdentifier>() {
                Ok(tag) => LanguageRange::Tag(tag),
                Err(_) => continue,
            }
        } else {
            continue;
        };
        if prefs.iter().any(|p| p.range == range) {
            continue;
        }
        prefs.push(LanguagePreference { range, quality });
    }
    // A stable sort keeps header order among equal qualities.
    prefs.sort_by_key(|p| std::cmp::Reverse(p.quality));
    prefs
}

fn truncate_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The pieces of `s` between the `delimiter`s, as `str::split` gives them.
/// The delimiter is an ASCII byte, which is never part of another
/// character, so a scan of the bytes finds it: for the short pieces of a
/// header, that costs a fraction of the general pattern search.
fn split_at(s: &str, delimiter: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let current = rest?;
        let Some(at) = find(current, delimiter) else {
            rest = None;
            return Some(current);
        };
        rest = Some(&current[at + 1..]);
        Some(&current[..at])
    })
}

/// Where the ASCII byte `byte` first is in `s`.
fn find(s: &str, byte: u8) -> Option<usize> {
    s.bytes().position(|b| b == byte)
}

/// `s` without leading and trailing whitespace, as `str::trim` (Unicode's
/// whitespace: an override decoded from a URL may hold a no-break space),
/// which is not called when both ends are visible ASCII, as they are in
/// nearly every header.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// RFC 4647 basic language range: `1*8ALPHA *("-" 1*8alphanum)`. Underscores
/// are accepted as separators, as many clients send them.
fn is_language_range(range: &str) -> bool {
    // The length of the subtag being read, and whether it is the first.
    let (mut len, mut first) = (0, true);
    for b in range.bytes() {
        if b == b'-' || b == b'_' {
            if len == 0 {
                return false;
            }
            (len, first) = (0, false);
        } else if len < 8
            && if first {
                b.is_ascii_alphabetic()
            } else {
                b.is_ascii_alphanumeric()
            }
        {
            len += 1;
        } else {
            return false;
        }
    }
    len > 0
}

/// Reads `q=` among the parameters (what follows the range's first `;`);
/// `None` when one is malformed.
fn parse_params(params: Option<&str>) -> Option<u16> {
    let mut quality = 1000;
    for param in params.into_iter().flat_map(|params| split_at(params, b';')) {
        let at = find(param, b'=')?;
        if trim(&param[..at]).eq_ignore_ascii_case("q") {
            quality = parse_qvalue(trim(&param[at + 1..]))?;
        }
    }
    Some(quality)
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`
fn parse_qvalue(value: &str) -> Option<u16> {
    let (int, frac) = match find(value, b'.') {
        Some(at) => (&value[..at], &value[at + 1..]),
        None => (value, ""),
    };
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The locales one request is rendered in, most preferred first, always
/// ending in the default locale: where the request asked for the default
/// earlier, the chain stops there, since the default locale has every
/// message (the derive checks it at compile time) and nothing after it
/// would ever be read. Never empty, no locale twice. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleChain {
    /// One reference-counted allocation: a clone (what a caller keeps of
    /// a lent chain, or a cache of one it computed) counts one reference,
    /// not two.
    inner: Arc<Chain>,
}

/// What a [`LocaleChain`] shares.
#[derive(Debug, PartialEq, Eq)]
struct Chain {
    locales: Box<[LanguageIdentifier]>,
    indices: Box<[usize]>,
}

impl LocaleChain {
    /// The chain of the locales at `indices` among `available`.
    fn new(available: &[LanguageIdentifier], indices: Vec<usize>) -> Self {
        let locales = indices.iter().map(|&i| available[i].clone()).collect();
        LocaleChain {
            inner: Arc::new(Chain {
                locales,
                indices: indices.into_boxed_slice(),
            }),
        }
    }

    /// The locales, most preferred first.
    pub fn locales(&self) -> &[LanguageIdentifier] {
        &self.inner.locales
    }

    /// The most preferred locale.
    pub fn primary(&self) -> &LanguageIdentifier {
        // A chain is never empty: it always ends in the default locale.
        &self.inner.locales[0]
    }

    /// Positions of the locales in the `Localizer` that
    /// negotiated this chain.
    pub(crate) fn indices(&self) -> &[usize] {
        &self.inner.indices
    }

    /// Whether two chains are one shared allocation (a cached one).
    #[cfg(test)]
    fn shares(&self, other: &LocaleChain) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

/// Negotiates requested languages against a fixed set of available locales,
/// remembering the result per distinct input.
///
/// Two levels of cache: the raw input (what a repeated header costs is one
/// hash and a lookup without a lock, and the chain is lent), then the
/// normalized list of ranges it parses into, so that `de,en` and
/// `de, en;q=1` share one negotiation. See [`cache`] for how the caches
/// stand up to hostile traffic.
#[derive(Debug)]
pub(crate) struct Negotiator {
    available: Vec<LanguageIdentifier>,
    default: usize,
    default_chain: LocaleChain,
    /// Chains by `Accept-Language` alone, as sent: kept, and lent.
    by_header: KeptCache<Box<str>>,
    /// Chains by override and header, keyed by the override's length, the
    /// override and the header, so no two inputs share a key: kept, and
    /// lent.
    by_override: KeptCache<Box<str>>,
    /// Chains by the normalized ranges: what negotiation reads of a request.
    by_ranges: ChainCache<Ranges>,
    /// The available locales one requested tag matches, in order, by the
    /// tag (see [`Negotiator::tag_key`]): a header never seen before is
    /// most often made of tags seen before.
    by_tag: ChainCache<TagKey, Arc<[usize]>>,
    /// Whether some available locale has variants (`de-1996`): only then do
    /// a requested tag's variants change what it matches beyond being
    /// there at all.
    variants_offered: bool,
}

/// The ranges a request asks for, as negotiation reads them: the requested
/// tags in order of preference (as [`Negotiator::tag_key`] reads them), and
/// the excluded ones sorted, so that headers asking for the same thing are
/// equal.
#[derive(Debug, PartialEq, Eq)]
struct Ranges {
    requested: Vec<TagKey>,
    excluded: Vec<LanguageIdentifier>,
}

impl Hash for Ranges {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.requested.len());
        for key in &self.requested {
            key.hash(state);
        }
        state.write_usize(self.excluded.len());
        for tag in &self.excluded {
            hash_tag(tag, state);
        }
    }
}

/// A requested tag as far as what it matches goes: the tag, and whether
/// variants were left out of it (see [`Negotiator::tag_key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct TagKey {
    tag: LanguageIdentifier,
    had_variants: bool,
}

impl Hash for TagKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_tag(&self.tag, state);
        state.write_u8(u8::from(self.had_variants));
    }
}

/// Hashes a tag as its subtags' packed bytes, a few words: what
/// `LanguageIdentifier`'s own `Hash` feeds the hasher a byte array and a
/// discriminant at a time. Equal tags have equal subtags, so equal hashes.
fn hash_tag<H: Hasher>(tag: &LanguageIdentifier, state: &mut H) {
    state.write_u64(Option::<u64>::from(&tag.language).unwrap_or(0));
    let script = tag.script.map_or(0, u32::from);
    let region = tag.region.map_or(0, u32::from);
    state.write_u64(u64::from(script) << 32 | u64::from(region));
    state.write_usize(tag.variants().len());
    for variant in tag.variants() {
        state.write_u64(u64::from(variant));
    }
}

impl Negotiator {
    /// `available` is non-empty and holds `available[default]`.
    pub(crate) fn new(available: Vec<LanguageIdentifier>, default: usize) -> Self {
        let default_chain = LocaleChain::new(&available, vec![default]);
        Negotiator {
            variants_offered: available.iter().any(|a| a.variants().next().is_some()),
            available,
            default,
            default_chain,
            by_header: KeptCache::new(CACHE_CAPACITY),
            by_override: KeptCache::new(CACHE_CAPACITY),
            by_ranges: ChainCache::new(CACHE_CAPACITY),
            by_tag: ChainCache::new(CACHE_CAPACITY),
        }
    }

    pub(crate) fn default_chain(&self) -> &LocaleChain {
        &self.default_chain
    }

    /// The chain for an optional override (tags separated by commas) and an
    /// optional `Accept-Language` value.
    pub(crate) fn negotiate(
        &self,
        preferred: Option<&str>,
        accept_language: Option<&str>,
    ) -> Cow<'_, LocaleChain> {
        // HTTP's whitespace is ASCII, and trimming it needs no decoding.
        let preferred = preferred.map(str::trim_ascii).filter(|s| !s.is_empty());
        let accept_language = accept_language
            .map(str::trim_ascii)
            .filter(|s| !s.is_empty());
        if preferred.is_none() && accept_language.is_none() {
            return Cow::Borrowed(&self.default_chain);
        }
        let owned_key;
        let (cache, key): (_, &str) = match (preferred, accept_language) {
            (None, Some(header)) => (
                &self.by_header,
                truncate_at_char_boundary(header, MAX_HEADER_LEN),
            ),
            (preferred, header) => {
                let preferred = truncate_at_char_boundary(preferred.unwrap_or(""), MAX_HEADER_LEN);
                owned_key = format!(
                    "{}:{preferred}{}",
                    preferred.len(),
                    truncate_at_char_boundary(header.unwrap_or(""), MAX_HEADER_LEN)
                );
                (&self.by_override, owned_key.as_str())
            }
        };
        let key_hash = cache.hash(key);
        let room = match cache.lookup(key_hash, key) {
            Lookup::Kept(chain) => return Cow::Borrowed(chain),
            Lookup::Room => true,
            Lookup::Full => false,
        };
        let ranges = self.ranges(preferred, accept_language);
        let ranges_hash = self.by_ranges.hash(&ranges);
        let chain = self
            .by_ranges
            .get_hashed(ranges_hash, &ranges)
            .unwrap_or_else(|| {
                let chain = self.compute(&ranges);
                self.by_ranges.insert_hashed(ranges_hash, ranges, &chain);
                chain
            });
        // A header whose slots are all taken is not copied only to be
        // turned away: under a flood of new headers, that is most of them.
        if room {
            if let Some(kept) = cache.insert(key_hash, key.into(), &chain) {
                return Cow::Borrowed(kept);
            }
        }
        Cow::Owned(chain)
    }

    /// What the override and the header ask for.
    fn ranges(&self, preferred: Option<&str>, accept_language: Option<&str>) -> Ranges {
        // A tag whose language no available locale has matches none of
        // them, however fluent-langneg widens it (likely subtags keep the
        // language; a tag without one is skipped): leaving it out changes no
        // chain, spares the negotiation its work, and lets requests that
        // differ only in such tags share an entry. An excluded range
        // without a language excludes every locale, so it stays.
        let offered =
            |tag: &LanguageIdentifier| self.available.iter().any(|a| a.language == tag.language);
        let mut requested: Vec<TagKey> = Vec::with_capacity(4);
        if let Some(preferred) = preferred {
            for pref in parse_accept_language(preferred) {
                if let LanguageRange::Tag(tag) = pref.range {
                    if offered(&tag) {
                        requested.push(self.tag_key(tag));
                    }
                }
            }
        }
        let mut excluded: Vec<LanguageIdentifier> = Vec::new();
        if let Some(header) = accept_language {
            for pref in parse_accept_language(header) {
                match (pref.range, pref.quality) {
                    (LanguageRange::Tag(tag), 0) => {
                        // Unless some locale has variants, a range with
                        // variants excludes none.
                        let can_match = self.variants_offered || tag.variants().len() == 0;
                        if can_match && (offered(&tag) || tag.language.is_empty()) {
                            excluded.push(tag);
                        }
                    }
                    (LanguageRange::Tag(tag), _) => {
                        if offered(&tag) {
                            requested.push(self.tag_key(tag));
                        }
                    }
                    // "Any language" is best served by the default locale.
                    (LanguageRange::Any, q) if q > 0 => {
                        requested.push(self.tag_key(self.available[self.default].clone()));
                    }
                    (LanguageRange::Any, _) => {}
                }
            }
        }
        excluded.sort_unstable();
        excluded.dedup();
        Ranges {
            requested,
            excluded,
        }
    }

    /// The chain for `ranges`: fluent-langneg's filtering of the requested
    /// tags, made of what each tag matches (memoized per tag), without the
    /// excluded locales, closed by the default locale.
    ///
    /// Filtering goes through the requested tags in order and appends, for
    /// each, the available locales it matches that no earlier tag took; what
    /// a tag matches does not depend on the other tags. So the chain is the
    /// concatenation of each tag's matches without repeats, which the
    /// `chains_are_what_fluent_langneg_gives_for_every_range` property test
    /// checks against fluent-langneg itself.
    fn compute(&self, ranges: &Ranges) -> LocaleChain {
        let Ranges {
            requested,
            excluded,
        } = ranges;
        let mut indices: Vec<usize> = Vec::with_capacity(self.available.len());
        for key in requested {
            for &i in self.matches(key).iter() {
                let locale = &self.available[i];
                let is_default = i == self.default;
                if indices.contains(&i)
                    || (!is_default && excluded.iter().any(|ex| locale.matches(ex, false, true)))
                {
                    continue;
                }
                indices.push(i);
            }
        }
        // The default locale closes every chain: where the request asked
        // for it, nothing after it would be read.
        match indices.iter().position(|&i| i == self.default) {
            Some(at) => indices.truncate(at + 1),
            None => indices.push(self.default),
        }
        LocaleChain::new(&self.available, indices)
    }

    /// Positions of the available locales a requested tag matches, in the
    /// order fluent-langneg's filtering appends them.
    fn matches(&self, key: &TagKey) -> Arc<[usize]> {
        let hash = self.by_tag.hash(key);
        if let Some(matches) = self.by_tag.get_hashed(hash, key) {
            return matches;
        }
        let mut tag = key.tag.clone();
        if key.had_variants {
            // Any variant stands for the ones left out. (A valid variant:
            // five alphanumerics.)
            if let Ok(variant) = unic_langid::subtags::Variant::from_bytes(b"00000") {
                tag.set_variants(&[variant]);
            }
        }
        let negotiated = negotiate_languages(
            std::slice::from_ref(&tag),
            &self.available,
            None,
            NegotiationStrategy::Filtering,
        );
        let matches: Arc<[usize]> = negotiated
            .into_iter()
            .filter_map(|locale| self.available.iter().position(|a| a == locale))
            .collect();
        self.by_tag.insert_hashed(hash, key.clone(), &matches);
        matches
    }

    /// What negotiation reads of a requested tag. Unless some available
    /// locale has variants, a tag's variants matter only by being there:
    /// with them it matches no locale exactly, and as ranges the available
    /// locales ignore them. So `de-xxxxx` and `de-yyyyy` are read alike, and
    /// a header never seen before that differs from one seen only in
    /// made-up variants is negotiated no more than once.
    fn tag_key(&self, mut tag: LanguageIdentifier) -> TagKey {
        if self.variants_offered || tag.variants().len() == 0 {
            return TagKey {
                tag,
                had_variants: false,
            };
        }
        tag.clear_variants();
        TagKey {
            tag,
            had_variants: true,
        }
    }
}

#[cfg(test)]
mod tests;
