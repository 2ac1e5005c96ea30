//! Compile-time message checks: every variant's message must exist in the
//! default locale's `.ftl` files, use only the variant's args and have no
//! attribute terror does not read.
//!
//! Where the files are: `#[terror(locales = "...", default_locale = "...")]`
//! on the type, else `[package.metadata.terror]` `locales` and
//! `default-locale` in the crate's `Cargo.toml`, else `locales` and `en-US`.
//! Paths are relative to the crate's `Cargo.toml`; a type's own `locales`
//! that is not found there is looked up next to the type's source file,
//! as `include_str!` would. When nothing is
//! configured and `locales/en-US` does not exist, the crate keeps its
//! messages elsewhere and nothing is checked; a configured folder that does
//! not exist is an error.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use rustc_hash::FxHashMap;

use crate::ast::Container;
use crate::attr::Errors;
use crate::manifest;
use crate::stub;
use crate::valid::{Resolved, Shape};

const DEFAULT_DIR: &str = "locales";
const DEFAULT_LOCALE: &str = "en-US";

/// Where one type's messages are.
struct Config {
    /// `<locales>/<default locale>`, absolute.
    dir: PathBuf,
    /// The same, as written, for messages.
    shown: String,
    /// The default locale's name, such as `en-US`.
    locale: String,
    /// Whether it was configured (a missing folder is then an error).
    explicit: bool,
    span: Span,
}

impl Config {
    /// A file of the folder as written, for messages and the registered
    /// path: `<shown>/<file name>`.
    fn shown_path(&self, file: &Path) -> String {
        let name = file.file_name().map(|n| n.to_string_lossy());
        format!("{}/{}", self.shown, name.unwrap_or_default())
    }
}

/// A place in one of the files: the file's index in `Analysis::shown` and
/// a byte offset. Its line and column are computed, and written out as
/// `file:line:column`, only for an error: most places are never shown, and
/// indexing the lines of a large file is work the derive, unoptimized in a
/// debug build, would do on every build.
#[derive(Clone, Copy)]
struct Place {
    file: usize,
    offset: usize,
}

/// One variable use, as shown in errors.
struct Use {
    name: String,
    at: Place,
    via: Option<String>,
}

/// An attribute terror does not read, as shown in errors.
struct UnknownAttribute {
    name: String,
    at: Place,
}

/// What the checks need of one message.
struct Message {
    uses: Vec<Use>,
    unknown_attributes: Vec<UnknownAttribute>,
    /// Where its id is written.
    defined_at: Option<Place>,
}

/// What the default locale's files say, computed once per set of files.
struct Analysis {
    files: Vec<PathBuf>,
    /// The files that parsed, as written for messages, in the order the
    /// places count them.
    shown: Vec<String>,
    /// Their text, in the same order, to find a place's line and column.
    texts: Vec<String>,
    syntax_errors: Vec<String>,
    messages: FxHashMap<String, Message>,
}

/// Places of one analysis written out as `file:line:column`, each file's
/// lines indexed once, on its first place shown: a type with many
/// mistakes in one large file indexes it once, not once per mistake.
struct Places<'a> {
    analysis: &'a Analysis,
    lines: Vec<OnceCell<terror_ftl::LineIndex<'a>>>,
}

impl<'a> Places<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        Places {
            analysis,
            lines: analysis.texts.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// A place as `file:line:column`.
    fn at(&self, place: Place) -> String {
        let file = self
            .analysis
            .shown
            .get(place.file)
            .map_or("", String::as_str);
        let (line, column) = match (
            self.lines.get(place.file),
            self.analysis.texts.get(place.file),
        ) {
            (Some(lines), Some(text)) => lines
                .get_or_init(|| terror_ftl::LineIndex::new(text))
                .position(place.offset),
            _ => (1, 1),
        };
        format!("{file}:{line}:{column}")
    }
}

type Stamp = Vec<(PathBuf, Option<SystemTime>)>;

/// Every derive in a crate reads the same files; parse them once per build.
static CACHE: Mutex<Vec<(Stamp, Arc<Analysis>)>> = Mutex::new(Vec::new());

/// Checks every variant's message and returns tokens that make Cargo rebuild
/// the crate when one of the files changes.
pub(crate) fn check(
    container: &Container<'_>,
    resolved: &[Resolved<'_>],
    source_dir: Option<&Path>,
    errors: &mut Errors,
) -> TokenStream {
    let config = match config(container, source_dir) {
        Ok(config) => config,
        Err(error) => {
            errors.push(error);
            return TokenStream::new();
        }
    };
    if !config.dir.is_dir() {
        if config.explicit {
            errors.at(
                config.span,
                format!(
                    "no locale folder `{}`: expected the default locale's `.ftl` files there",
                    config.shown
                ),
            );
        }
        return TokenStream::new();
    }
    let analysis = match analyze(&config) {
        Ok(analysis) => analysis,
        Err(message) => {
            errors.at(config.span, message);
            return TokenStream::new();
        }
    };
    let tracking = track(&config, &analysis.files);
    for message in &analysis.syntax_errors {
        errors.at(container.ident.span(), message);
    }
    if !analysis.syntax_errors.is_empty() {
        return tracking;
    }
    let places = Places::new(&analysis);
    for r in resolved {
        let Shape::Own(own) = &r.shape else {
            continue;
        };
        let variant = r.variant;
        let name = if container.is_struct() {
            container.ident.to_string()
        } else {
            format!("{}::{}", container.ident, variant.ident)
        };
        // Point at an explicit `message = "..."` when there is one.
        let attrs = if container.is_struct() {
            &container.attrs
        } else {
            &variant.attrs
        };
        let span = attrs.message.as_ref().map_or(variant.span, |m| m.span);
        let Some(message) = analysis.messages.get(&own.message_id) else {
            let hint = terror_ftl::suggest::closest(
                &own.message_id,
                analysis.messages.keys().map(String::as_str),
            )
            .map_or_else(
                || "; add it to a file there".to_owned(),
                |id| {
                    let at = analysis
                        .messages
                        .get(id)
                        .and_then(|m| m.defined_at)
                        .map(|place| places.at(place))
                        .unwrap_or_default();
                    format!(
                        "; did you mean `{id}`, defined at {at}? If not, add it to a file there"
                    )
                },
            );
            errors.at(
                span,
                format!(
                    "no message `{}` for `{name}` in {}/*.ftl{hint}:\n\n{}\n",
                    own.message_id,
                    config.shown,
                    stub::message(variant, own)
                ),
            );
            continue;
        };
        // A misspelled `.title` would leave the generic title in its place
        // with nothing to say so.
        for attribute in &message.unknown_attributes {
            errors.at(
                span,
                format!(
                    "unknown attribute `.{}` of message `{}` in {}; {}",
                    attribute.name,
                    own.message_id,
                    places.at(attribute.at),
                    terror_ftl::attributes::advice(&attribute.name)
                ),
            );
        }
        let args: Vec<&str> = own.args.iter().map(|a| a.name.as_str()).collect();
        let mut reported: Vec<&str> = Vec::new();
        for var in &message.uses {
            if args.contains(&var.name.as_str()) || reported.contains(&var.name.as_str()) {
                continue;
            }
            reported.push(&var.name);
            let through = var
                .via
                .as_ref()
                .map(|via| format!(" (in {via})"))
                .unwrap_or_default();
            let has = if args.is_empty() {
                "has no args".to_owned()
            } else {
                format!(
                    "has only {}",
                    args.iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let hint = terror_ftl::suggest::closest(&var.name, args.iter().copied())
                .map(|a| format!("; did you mean `${a}`?"))
                .unwrap_or_default();
            errors.at(
                span,
                format!(
                    "message `{}` uses `${}`{through} at {}, but `{name}` {has}{hint}",
                    own.message_id,
                    var.name,
                    places.at(var.at)
                ),
            );
        }
    }
    tracking
}

/// Registers every file read as the crate's default-locale messages, so
/// that an error renders its real message with no `Localizer` set up
/// (`Localizer::global`). The `include_str!` also makes Cargo rebuild the
/// crate when one of the files changes.
fn track(config: &Config, files: &[PathBuf]) -> TokenStream {
    let locale = &config.locale;
    let entries = files.iter().map(|file| {
        let absolute = file.display().to_string();
        let shown = config.shown_path(file);
        quote! {
            _terror::__private::EmbeddedFile {
                locale: #locale,
                path: #shown,
                source: ::core::include_str!(#absolute),
            }
        }
    });
    quote! {
        _terror::__private::inventory::submit! {
            _terror::__private::DefaultMessages::new(
                ::core::env!("CARGO_PKG_NAME"),
                _terror::__private::EmbeddedLocales::new(&[#(#entries),*]),
            )
        }
    }
}

fn config(container: &Container<'_>, source_dir: Option<&Path>) -> Result<Config, syn::Error> {
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let metadata = crate_metadata(&root);
    let attrs = &container.attrs;
    let span = attrs
        .locales
        .as_ref()
        .map(|l| l.span)
        .or(attrs.default_locale.as_ref().map(|l| l.span))
        .unwrap_or_else(|| container.ident.span());
    let (locales, locales_explicit) = match (&attrs.locales, &metadata.locales) {
        (Some(path), _) => (path.value.clone(), true),
        (None, Some(path)) => (path.clone(), true),
        (None, None) => (DEFAULT_DIR.to_owned(), false),
    };
    let (default, default_explicit) = match (&attrs.default_locale, &metadata.default_locale) {
        (Some(locale), _) => (locale.value.clone(), true),
        (None, Some(locale)) => (locale.clone(), true),
        (None, None) => (DEFAULT_LOCALE.to_owned(), false),
    };
    if let Some(error) = metadata.error {
        return Err(syn::Error::new(span, error));
    }
    let shown = Path::new(&locales).join(&default).display().to_string();
    let mut dir = root.join(&locales).join(&default);
    if let (false, Some(_), Some(source_dir)) = (dir.is_dir(), &attrs.locales, source_dir) {
        let beside_source = source_dir.join(&locales).join(&default);
        if beside_source.is_dir() {
            dir = beside_source;
        }
    }
    // `include_str!` resolves relative paths against the file it is written
    // in, so the files tracked must be absolute.
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    Ok(Config {
        dir,
        shown,
        locale: default,
        explicit: locales_explicit || default_explicit,
        span,
    })
}

/// `[package.metadata.terror]` of the crate being compiled.
fn crate_metadata(root: &Path) -> manifest::Metadata {
    std::fs::read_to_string(root.join("Cargo.toml"))
        .map(|text| manifest::read(&text))
        .unwrap_or_default()
}

fn analyze(config: &Config) -> Result<Arc<Analysis>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&config.dir)
        .map_err(|e| format!("cannot read `{}`: {e}", config.shown))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ftl") && p.is_file())
        .collect();
    files.sort();
    let stamp: Stamp = files
        .iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::metadata(f).and_then(|m| m.modified()).ok(),
            )
        })
        .collect();
    if let Ok(cache) = CACHE.lock() {
        if let Some((_, analysis)) = cache.iter().find(|(s, _)| *s == stamp) {
            return Ok(Arc::clone(analysis));
        }
    }
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        let shown = config.shown_path(file);
        let text =
            std::fs::read_to_string(file).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
        sources.push((shown, text));
    }
    let mut syntax_errors = Vec::new();
    let mut parsed = Vec::new();
    for (shown, text) in &sources {
        match terror_ftl::parse(text) {
            Ok(resource) => parsed.push((shown.as_str(), text.as_str(), resource)),
            Err(errors) => syntax_errors.extend(errors.into_iter().map(|e| format!("{shown}:{e}"))),
        }
    }
    let messages = terror_ftl::Messages::new(
        parsed
            .iter()
            .map(|(_, text, resource)| (*text, &resource.body)),
    );
    let place = |resource: usize, offset: usize| Place {
        file: resource,
        offset,
    };
    let mut analysis = FxHashMap::default();
    for id in messages.ids() {
        let uses = messages
            .variables(id)
            .unwrap_or_default()
            .into_iter()
            .map(|u| Use {
                name: u.name.to_owned(),
                at: place(u.resource, u.offset),
                via: u.via,
            })
            .collect();
        let unknown_attributes = messages
            .unknown_attributes(id)
            .unwrap_or_default()
            .into_iter()
            .map(|a| UnknownAttribute {
                name: a.name.to_owned(),
                at: place(a.resource, a.offset),
            })
            .collect();
        analysis.insert(
            id.to_owned(),
            Message {
                uses,
                unknown_attributes,
                defined_at: messages
                    .defined_offset(id)
                    .map(|(resource, offset)| place(resource, offset)),
            },
        );
    }
    let analysis = Arc::new(Analysis {
        files,
        shown: parsed.iter().map(|p| p.0.to_owned()).collect(),
        texts: parsed.iter().map(|p| p.1.to_owned()).collect(),
        syntax_errors,
        messages: analysis,
    });
    if let Ok(mut cache) = CACHE.lock() {
        cache.push((stamp, Arc::clone(&analysis)));
    }
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the check of a type gives: its tokens and its errors, as text.
    fn derive(source: &str) -> String {
        let input: syn::DeriveInput = syn::parse_str(source).unwrap();
        let mut errors = Errors::default();
        let container = Container::from_syn(&input, &mut errors).unwrap();
        let resolved = crate::valid::resolve(&container, &mut errors);
        let mut out = check(&container, &resolved, None, &mut errors);
        if let Err(error) = errors.into_result() {
            out.extend(error.to_compile_error());
        }
        out.to_string()
    }

    fn locales(files: &[(&str, &str)]) -> PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("terror-derive-ftl-{}-{n}", std::process::id()));
        for (name, text) in files {
            let path = dir.join("en-US").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn every_file_read_is_tracked_by_absolute_path() {
        let dir = locales(&[("a.ftl", "gone-away = Gone.\n"), ("b.ftl", "other = x\n")]);
        let out = derive(&format!(
            "#[terror(locales = {:?})] enum E {{ #[terror(code = \"gone.away\")] Away }}",
            dir.display().to_string()
        ));
        for file in ["a.ftl", "b.ftl"] {
            let path = dir.join("en-US").join(file).display().to_string();
            assert!(Path::new(&path).is_absolute());
            assert!(
                out.contains(&format!("include_str ! ({path:?})")),
                "{file} not tracked in {out}"
            );
        }
        assert!(!out.contains("compile_error"), "{out}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_message_is_an_error_with_a_suggestion() {
        let dir = locales(&[("a.ftl", "gone-away = Gone.\n")]);
        let out = derive(&format!(
            "#[terror(locales = {:?})] enum E {{ #[terror(code = \"gone.awya\")] Away }}",
            dir.display().to_string()
        ));
        assert!(
            out.contains("did you mean `gone-away`, defined at "),
            "{out}"
        );
        assert!(out.contains("en-US/a.ftl:1:1?"), "{out}");
        // The files are tracked even when the check fails.
        assert!(out.contains("include_str"), "{out}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn crate_metadata_configures_the_folder_and_locale() {
        let dir = locales(&[]);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"x\"\n\n[package.metadata.terror]\nlocales = \"i18n\"\ndefault-locale = \"ru\"\n",
        )
        .unwrap();
        let metadata = crate_metadata(&dir);
        assert_eq!(metadata.locales.as_deref(), Some("i18n"));
        assert_eq!(metadata.default_locale.as_deref(), Some("ru"));
        assert!(metadata.error.is_none());
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"x\"\n\n[package.metadata.terror]\nlocale = \"ru\"\n",
        )
        .unwrap();
        let error = crate_metadata(&dir).error.unwrap();
        assert!(
            error.contains("unknown key `locale` in [package.metadata.terror]"),
            "{error}"
        );
        assert!(crate_metadata(&dir.join("nowhere")).locales.is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn without_a_locales_folder_nothing_is_checked() {
        let out = derive("enum E { Away }");
        assert!(
            !out.contains("compile_error") && !out.contains("include_str"),
            "{out}"
        );
    }
}
