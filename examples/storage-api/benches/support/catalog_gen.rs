//! Generated message catalogs for the catalog-size benchmark: a
//! `locales/<locale>/*.ftl` tree of any number of locales and codes, each
//! message shaped like a service's error messages.
//!
//! Every message has one variable, described in a `# $var (Type)` comment,
//! and `.title` and `.hint` attributes; every fourth selects on an integer
//! with the plural categories its locale's CLDR rules give integers
//! (`one`, `few` and `many` in Russian, all six in Arabic, none but the
//! default in Japanese), so that each locale is as a translator would
//! write it. Each locale's codes are spread over several files, one per
//! area of the API.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use terror_ftl::plural::{NumberKind, RequiredCategories};

/// Real locale tags, the default locale first; a catalog of `n` locales
/// takes the first `n`. Languages with plural rules of every shape are
/// among the first ten, so that even the smallest catalogs have them.
pub(crate) const LOCALES: [&str; 80] = [
    "en-US", "de", "fr", "ru", "pl", "ar", "ja", "cs", "ga", "cy", //
    "es", "it", "pt-BR", "zh-CN", "ko", "nl", "sv", "uk", "tr", "he", //
    "hi", "id", "vi", "th", "fi", "da", "nb", "el", "hu", "ro", //
    "sk", "sl", "hr", "sr", "bg", "lt", "lv", "et", "mt", "is", //
    "en-GB", "de-AT", "de-CH", "fr-CA", "fr-BE", "es-MX", "es-AR", "pt-PT", "zh-TW",
    "it-CH", //
    "nl-BE", "ar-EG", "ms", "fil", "bn", "ta", "te", "mr", "gu", "kn", //
    "ml", "ur", "fa", "sw", "am", "ka", "hy", "az", "kk", "uz", //
    "mn", "ne", "si", "km", "lo", "my", "be", "mk", "sq", "eu", //
];

/// The areas of the API: one file each per locale, and the first part of
/// each code.
const AREAS: [&str; 8] = [
    "volume", "snapshot", "pool", "host", "network", "quota", "backup", "replica",
];

/// What was written: how many messages, and how many bytes of `.ftl`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Written {
    pub(crate) messages: u64,
    pub(crate) bytes: u64,
}

/// Writes `locales` locales of `codes` messages each into `dir` (which
/// becomes the `locales/` folder: `dir/<locale>/<area>.ftl`).
///
/// `locales` is at most [`LOCALES`]'s length: a catalog's locales must
/// differ, and made-up tags would have no plural rules to follow.
pub(crate) fn write(dir: &Path, locales: usize, codes: usize) -> io::Result<Written> {
    let mut written = Written {
        messages: 0,
        bytes: 0,
    };
    let files = AREAS.len().min(codes);
    for tag in &LOCALES[..locales] {
        let parsed = tag
            .parse()
            .map_err(|e| io::Error::other(format!("{tag}: {e}")))?;
        let categories = RequiredCategories::new(&parsed);
        let locale_dir = dir.join(tag);
        std::fs::create_dir_all(&locale_dir)?;
        for (file, area) in AREAS.iter().enumerate().take(files) {
            // Contiguous runs of codes, as an enum per area would have.
            let first = codes * file / files;
            let last = codes * (file + 1) / files;
            let mut text = format!("## {area}.*: errors about {area}s\n\n");
            for code in first..last {
                message(
                    &mut text,
                    area,
                    code,
                    categories.for_kind(NumberKind::Integer),
                );
                written.messages += 1;
            }
            written.bytes += text.len() as u64;
            std::fs::write(locale_dir.join(format!("{area}.ftl")), text)?;
        }
    }
    Ok(written)
}

/// Appends the message of code `n` of `area`: a plural selector over
/// `categories` (with `other` as the default variant) for every fourth
/// code, plain text around a string otherwise.
fn message(out: &mut String, area: &str, n: usize, categories: &[&str]) {
    let id = terror_ftl::ids::message_id(&format!("{area}.check_{n:05}"));
    // `write!` into a String cannot fail.
    if n % 4 == 3 {
        let _ = writeln!(
            out,
            "# $count (Integer) - how many {area}s over the limit\n{id} = {{ $count ->"
        );
        for category in categories.iter().filter(|c| **c != "other") {
            let _ = writeln!(out, "    [{category}] {{ $count }} {area} over limit {n}.");
        }
        let _ = writeln!(out, "   *[other] {{ $count }} {area}s over limit {n}.\n}}");
    } else {
        let _ = writeln!(
            out,
            "# $name (String) - the {area}'s name\n{id} = The {area} {{ $name }} failed check {n}."
        );
    }
    let _ = writeln!(
        out,
        "    .title = The {area} failed check {n}\n    \
         .hint = Fix what check {n} of the {area} lists, then retry.\n"
    );
}
