//! Reading a `locales/` folder as the Localizer does (one folder per
//! language tag, each with its `.ftl` files, in name order) and parsing it
//! once, so that every check borrows the same trees.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use fluent_syntax::ast;
use fluent_syntax::parser::{ErrorKind, ParserError};
use terror_ftl::{LineIndex, Messages};
use unic_langid::LanguageIdentifier;

use crate::findings::{Check, Finding};

/// Files larger than this are not read: no translation file comes close,
/// and the work per file stays bounded.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A `locales/` folder: its locales in name order.
pub(crate) struct Folder {
    pub(crate) locales: Vec<LocaleFolder>,
}

impl Folder {
    /// The index of the source locale `name`; `Err` says why a folder
    /// without it cannot be compared.
    pub(crate) fn source_index(&self, dir: &Path, name: &str) -> Result<usize, String> {
        self.locales.iter().position(|l| l.name == name).ok_or_else(|| {
            let found: Vec<&str> = self.locales.iter().map(|l| l.name.as_str()).collect();
            let found = if found.is_empty() {
                "it has no locale folders".to_owned()
            } else {
                format!("it has {}", found.join(", "))
            };
            format!(
                "no folder for the source locale `{name}` in `{}` ({found}); name the source with --source",
                dir.display()
            )
        })
    }

    /// Parses every locale's files; syntax errors become findings.
    pub(crate) fn parse(&self, findings: &mut Vec<Finding>) -> Vec<Vec<Parsed<'_>>> {
        self.locales.iter().map(|l| parse(l, findings)).collect()
    }
}

/// One locale's folder and its `.ftl` files, in name order.
pub(crate) struct LocaleFolder {
    /// The folder's name: the language tag.
    pub(crate) name: String,
    /// The folder's path, as findings show it.
    pub(crate) path: String,
    /// `None` when the name is not a language tag.
    pub(crate) langid: Option<LanguageIdentifier>,
    pub(crate) files: Vec<SourceFile>,
}

/// One `.ftl` file.
pub(crate) struct SourceFile {
    /// The path, as findings show it.
    pub(crate) path: String,
    /// The file name within its locale's folder.
    pub(crate) name: String,
    pub(crate) text: String,
}

/// Reads `dir`: each folder in it is a locale (hidden ones aside), each
/// `.ftl` file in those is read. What cannot be read, or is not a language
/// tag, is a finding; `Err` only when `dir` itself cannot be listed.
pub(crate) fn read(dir: &Path, findings: &mut Vec<Finding>) -> Result<Folder, String> {
    let entries = sorted_entries(dir)
        .map_err(|e| format!("cannot read the locales folder `{}`: {e}", dir.display()))?;
    let mut locales = Vec::new();
    for path in entries.into_iter().filter(|p| p.is_dir()) {
        let Some(name) = visible_name(&path) else {
            continue;
        };
        let shown = path.display().to_string();
        let langid = name.parse::<LanguageIdentifier>().ok();
        if langid.is_none() {
            findings.push(Finding::new(
                Check::InvalidLocale,
                &name,
                (&shown, 1, 1),
                None,
                format!("the folder `{name}` is not a language tag (such as `de` or `pt-BR`): the service refuses to start with it"),
            ));
        }
        let mut files = Vec::new();
        let listed = sorted_entries(&path).unwrap_or_else(|e| {
            findings.push(unreadable(&name, &shown, &e.to_string()));
            Vec::new()
        });
        for file in listed {
            if file.extension().is_none_or(|e| e != "ftl") || !file.is_file() {
                continue;
            }
            let Some(file_name) = visible_name(&file) else {
                continue;
            };
            let file_shown = file.display().to_string();
            match read_text(&file) {
                Ok(text) => files.push(SourceFile {
                    path: file_shown,
                    name: file_name,
                    text,
                }),
                Err(why) => findings.push(unreadable(&name, &file_shown, &why)),
            }
        }
        locales.push(LocaleFolder {
            name,
            path: shown,
            langid,
            files,
        });
    }
    Ok(Folder { locales })
}

fn unreadable(locale: &str, path: &str, why: &str) -> Finding {
    Finding::new(
        Check::UnreadableFile,
        locale,
        (path, 1, 1),
        None,
        format!("cannot read `{path}`: {why}"),
    )
}

fn read_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "it has {size} bytes, more than the {MAX_FILE_BYTES} a file may have"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = terror_ftl::position(
            // Valid up to `at`, so this slice is text.
            std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default(),
            at,
        );
        format!("it is not UTF-8 text (line {line}, column {column})")
    })
}

fn visible_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    (!name.starts_with('.')).then(|| name.to_owned())
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

/// One file's tree, with the ids of entries that did not parse.
pub(crate) struct Parsed<'s> {
    pub(crate) resource: ast::Resource<&'s str>,
    /// Messages and terms the file means to define but that are broken:
    /// they have a syntax error, so they are not also missing.
    pub(crate) broken: Vec<&'s str>,
}

/// Parses a locale's files; syntax errors become findings.
pub(crate) fn parse<'a>(locale: &'a LocaleFolder, findings: &mut Vec<Finding>) -> Vec<Parsed<'a>> {
    locale
        .files
        .iter()
        .map(|file| parse_file(&locale.name, file, findings))
        .collect()
}

fn parse_file<'s>(locale: &str, file: &'s SourceFile, findings: &mut Vec<Finding>) -> Parsed<'s> {
    let text = file.text.as_str();
    let parsed = terror_ftl::parse_guarded(text, || {
        Ok::<_, Vec<ParserError>>(match fluent_syntax::parser::parse(text) {
            Ok(resource) => (resource, Vec::new()),
            Err((resource, errors)) => (resource, errors),
        })
    });
    let lines = LineIndex::new(text);
    match parsed {
        Ok((resource, errors)) => {
            for error in &errors {
                findings.push(syntax_finding(locale, file, &lines, error));
            }
            let broken = resource
                .body
                .iter()
                .filter_map(|entry| match entry {
                    ast::Entry::Junk { content } => Some(entry_ids(content)),
                    _ => None,
                })
                .flatten()
                .collect();
            Parsed { resource, broken }
        }
        // Refused before parsing: every entry of the file is broken.
        Err(errors) => {
            for error in errors {
                findings.push(Finding::new(
                    Check::SyntaxError,
                    locale,
                    (&file.path, error.line, error.column),
                    None,
                    error.message,
                ));
            }
            Parsed {
                resource: ast::Resource { body: Vec::new() },
                broken: entry_ids(text),
            }
        }
    }
}

fn syntax_finding(
    locale: &str,
    file: &SourceFile,
    lines: &LineIndex<'_>,
    error: &ParserError,
) -> Finding {
    let positioned = terror_ftl::syntax_error(lines, error);
    let id = error
        .slice
        .as_ref()
        .and_then(|slice| file.text.get(slice.clone()))
        .and_then(|entry| entry_ids(entry).into_iter().next());
    let (check, message) = if error.kind == ErrorKind::MissingDefaultVariant {
        (
            Check::MissingDefaultVariant,
            format!(
                "{} has a selector without a default variant: mark one variant with `*`, such as `*[other]`",
                id.map_or_else(|| "an entry".to_owned(), |id| format!("`{id}`"))
            ),
        )
    } else {
        let mut message = positioned.message.clone();
        if let Some(entry) = positioned.entry_line.filter(|l| *l != positioned.line) {
            let _ = write!(message, " (in the entry starting at line {entry})");
        }
        (Check::SyntaxError, message)
    };
    Finding::new(
        check,
        locale,
        (&file.path, positioned.line, positioned.column),
        id,
        message,
    )
}

/// The ids of the entries that start in `text`: lines that begin (without
/// indentation) with an identifier, or `-` and one, then `=`.
fn entry_ids(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            let name_len = line
                .char_indices()
                .take_while(|&(i, c)| {
                    c.is_ascii_alphabetic()
                        || (i > 0 && (c.is_ascii_digit() || c == '_' || c == '-'))
                        || (i == 0 && c == '-')
                })
                .count();
            let (id, rest) = line.split_at(name_len);
            let named = id
                .trim_start_matches('-')
                .starts_with(|c: char| c.is_ascii_alphabetic());
            (named && rest.trim_start().starts_with('=')).then_some(id)
        })
        .collect()
}

/// A locale, parsed and indexed.
pub(crate) struct Locale<'a> {
    pub(crate) folder: &'a LocaleFolder,
    pub(crate) parsed: &'a [Parsed<'a>],
    pub(crate) messages: Messages<'a, 'a>,
    /// The terms, by id without its `-`, with the file each is in (the
    /// later of two definitions, as for messages).
    pub(crate) terms: HashMap<&'a str, (usize, &'a ast::Term<&'a str>)>,
    /// Ids of messages and terms with a syntax error (a term's with its
    /// `-`).
    pub(crate) broken: HashSet<&'a str>,
}

impl<'a> Locale<'a> {
    pub(crate) fn new(folder: &'a LocaleFolder, parsed: &'a [Parsed<'a>]) -> Self {
        let messages = Messages::new(
            folder
                .files
                .iter()
                .zip(parsed)
                .map(|(file, p)| (file.text.as_str(), &p.resource.body)),
        );
        let broken = parsed
            .iter()
            .flat_map(|p| p.broken.iter().copied())
            .collect();
        let mut terms = HashMap::new();
        for (index, p) in parsed.iter().enumerate() {
            for entry in &p.resource.body {
                if let ast::Entry::Term(term) = entry {
                    terms.insert(term.id.name, (index, term));
                }
            }
        }
        Locale {
            folder,
            parsed,
            messages,
            terms,
            broken,
        }
    }

    /// Every locale of `folder`, indexed, from its parsed files.
    pub(crate) fn all(folder: &'a Folder, parsed: &'a [Vec<Parsed<'a>>]) -> Vec<Self> {
        folder
            .locales
            .iter()
            .zip(parsed)
            .map(|(l, p)| Locale::new(l, p))
            .collect()
    }

    /// The ids of the locale's messages, sorted.
    pub(crate) fn sorted_ids(&self) -> Vec<&'a str> {
        let mut ids: Vec<&'a str> = self.messages.ids().collect();
        ids.sort_unstable();
        ids
    }

    /// The ids of the locale's terms (without `-`), sorted.
    pub(crate) fn sorted_term_ids(&self) -> Vec<&'a str> {
        let mut ids: Vec<&'a str> = self.terms.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Whether the term `id` (without `-`) has a syntax error here.
    pub(crate) fn term_is_broken(&self, id: &str) -> bool {
        self.broken.contains(format!("-{id}").as_str())
    }

    /// The terms of this locale that are obsolete against `source`: the
    /// source has no such term (not even a broken one), and nothing in
    /// this locale refers to it. A term this locale refers to is its
    /// translators' own (a word with its grammatical forms), which Fluent
    /// means them to write.
    pub(crate) fn obsolete_terms(&self, source: &Locale<'_>) -> Vec<&'a str> {
        let mut referred = HashSet::new();
        let mut found = Vec::new();
        for (_, entry) in self.entries() {
            let own = match entry {
                ast::Entry::Term(term) => Some(term.id.name),
                _ => None,
            };
            for pattern in crate::entries::patterns(entry) {
                found.clear();
                terror_ftl::graph::references(pattern, &mut found);
                referred.extend(
                    found
                        .iter()
                        .filter(|node| node.term && Some(node.id) != own)
                        .map(|node| node.id),
                );
            }
        }
        self.sorted_term_ids()
            .into_iter()
            .filter(|id| {
                !source.terms.contains_key(id)
                    && !source.term_is_broken(id)
                    && !referred.contains(id)
            })
            .collect()
    }

    /// The locale's name (its folder's).
    pub(crate) fn name(&self) -> &'a str {
        &self.folder.name
    }

    /// The path of a file of the locale, by index.
    pub(crate) fn file_path(&self, resource: usize) -> &'a str {
        self.folder
            .files
            .get(resource)
            .map_or(self.folder.path.as_str(), |f| f.path.as_str())
    }

    /// File, line and column of a byte offset in one of the locale's files.
    pub(crate) fn at(&self, resource: usize, offset: usize) -> (&'a str, usize, usize) {
        let (line, column) = self.messages.position_of(resource, offset);
        (self.file_path(resource), line, column)
    }

    /// File, line and column of `part`, a slice of one of the locale's
    /// files (an identifier of its tree).
    pub(crate) fn at_slice(&self, resource: usize, part: &str) -> (&'a str, usize, usize) {
        let text = self
            .folder
            .files
            .get(resource)
            .map_or("", |f| f.text.as_str());
        self.at(resource, terror_ftl::offset_in(text, part))
    }

    /// Where a file of this locale named like `name` is (or would be).
    pub(crate) fn counterpart(&self, name: &str) -> String {
        Path::new(&self.folder.path)
            .join(name)
            .display()
            .to_string()
    }

    /// Every message and term of the locale, with the file it is in, in
    /// file order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (usize, &'a ast::Entry<&'a str>)> + 'a {
        self.parsed
            .iter()
            .enumerate()
            .flat_map(|(index, p)| p.resource.body.iter().map(move |e| (index, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_are_found_at_line_starts() {
        let text = "a-b = { \n  not-this = x\n-term =\n# c = d\nx_1 =y\n9a = z\n- = w\n";
        assert_eq!(entry_ids(text), ["a-b", "-term", "x_1"]);
    }
}
