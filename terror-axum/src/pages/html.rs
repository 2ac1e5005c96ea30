//! HTML for the catalog pages: escaping, and the frame every page shares.
//!
//! Every text that reaches a page goes through [`escape`]: messages come
//! from translators, descriptions from doc comments and codes from the
//! request's path, and none of them may become markup.

use std::fmt::Write as _;

use terror_core::LanguageIdentifier;

use super::escape::escape;
use super::text::{Language, Text};

/// The style of every page: readable on a phone (nothing wider than the
/// screen but a `<pre>`, which scrolls inside itself), in light and dark.
const STYLE: &str = "\
:root{color-scheme:light dark;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5}\
body{margin:0 auto;max-width:52rem;padding:.75rem 1rem 2rem;overflow-wrap:break-word}\
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;font-size:.95rem;\
border-bottom:1px solid #8886;padding-bottom:.5rem}\
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}\
a{color:#1a5fb4}@media(prefers-color-scheme:dark){a{color:#8cb8ff}}\
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .5rem}\
h2{font-size:1.2rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:1.25rem 0 .25rem}\
code,pre{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:.9em}\
code{overflow-wrap:anywhere}\
pre{overflow-x:auto;padding:.75rem;background:#8882;border-radius:.375rem;font-size:.8rem;line-height:1.4}\
table{border-collapse:collapse;width:100%}\
th,td{text-align:left;vertical-align:top;padding:.35rem .6rem .35rem 0;border-bottom:1px solid #8884}\
th{font-weight:600}td.status{white-space:nowrap}\
table.codes{table-layout:fixed}table.codes th:first-child{width:45%}table.codes th:nth-child(2){width:5rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:1rem 0}\
dt{font-weight:600}dd{margin:0}\
@media(max-width:32rem){dl{grid-template-columns:1fr;gap:0}dd{margin-bottom:.6rem}\
table.codes thead{display:none}\
table.codes tr{display:grid;grid-template-columns:3rem 1fr;padding:.4rem 0;border-bottom:1px solid #8884}\
table.codes td{border:0;padding:0 .5rem 0 0}table.codes td:first-child{grid-column:1/-1}}\
summary{cursor:pointer}summary h2{display:inline-block}\
.message{border-left:3px solid #8886;padding-left:.75rem;margin:1rem 0}.message h3{margin-top:0}.message dl{margin:.25rem 0}\
.code{margin:0;font-size:1.05rem}.note{font-size:.9rem;opacity:.8}\
p.deprecated{border-left:3px solid #c64600;padding:.25rem .75rem;font-weight:600}small.deprecated{font-size:.8rem;opacity:.8}\
";

/// What surrounds every page's content: the language switch and the link
/// to the index.
pub(super) struct Frame<'a> {
    /// Every language of the service.
    pub(super) languages: &'a [Language],
    /// The label of the language switch.
    pub(super) languages_label: Text,
    /// The link to the index and its text, on every page but the index.
    pub(super) index: Option<(&'a str, Text)>,
}

/// A page being written.
pub(super) struct Page {
    out: String,
    /// The language of the page: a text from another locale (a fallback)
    /// is marked with its own.
    lang: LanguageIdentifier,
}

impl Page {
    /// Starts a page in `lang`: the document's head, with `title`, and
    /// the header of `frame`.
    pub(super) fn start(lang: &LanguageIdentifier, title: &str, frame: &Frame<'_>) -> Page {
        let mut page = Page {
            out: String::with_capacity(16 * 1024),
            lang: lang.clone(),
        };
        page.raw("<!DOCTYPE html>\n<html lang=\"");
        page.escaped(&lang.to_string());
        page.raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.raw("<title>");
        page.escaped(title);
        page.raw("</title>\n");
        for language in frame.languages.iter().filter(|l| l.id != *lang) {
            page.raw("<link rel=\"alternate\" hreflang=\"");
            page.escaped(&language.tag);
            page.raw("\" href=\"");
            page.escaped(&language.href);
            page.raw("\">\n");
        }
        page.raw("<style>");
        page.raw(STYLE);
        page.raw("</style>\n</head>\n<body>\n<header>\n");
        if let Some((href, label)) = &frame.index {
            page.raw("<nav><a href=\"");
            page.escaped(href);
            page.raw("\">");
            page.text(label);
            page.raw("</a></nav>\n");
        }
        page.language_switch(frame.languages, &frame.languages_label);
        page.raw("</header>\n<main>\n");
        page
    }

    /// The links to this page in every language the service has, each
    /// labelled in its own language; the current one is not a link.
    fn language_switch(&mut self, languages: &[Language], label: &Text) {
        if languages.len() < 2 {
            return;
        }
        self.raw("<nav class=\"languages\" aria-label=\"");
        self.escaped(&label.text);
        self.raw("\"><ul>\n");
        for language in languages {
            if language.id == self.lang {
                self.raw("<li><strong aria-current=\"page\" lang=\"");
                self.escaped(&language.tag);
                self.raw("\">");
                self.escaped(&language.name);
                self.raw("</strong></li>\n");
            } else {
                self.raw("<li><a href=\"");
                self.escaped(&language.href);
                self.raw("\" hreflang=\"");
                self.escaped(&language.tag);
                self.raw("\" lang=\"");
                self.escaped(&language.tag);
                self.raw("\">");
                self.escaped(&language.name);
                self.raw("</a></li>\n");
            }
        }
        self.raw("</ul></nav>\n");
    }

    /// Markup written by this module: never anything from outside.
    pub(super) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Any text, escaped.
    pub(super) fn escaped(&mut self, text: &str) {
        escape(&mut self.out, text);
    }

    /// A code, escaped, with a line break allowed after each `.` and `_`.
    pub(super) fn breakable(&mut self, code: &str) {
        for part in code.split_inclusive(['.', '_']) {
            self.escaped(part);
            if part.ends_with(['.', '_']) {
                self.raw("<wbr>");
            }
        }
    }

    /// Text in `lang`, escaped, marked with its language when that is not
    /// the page's.
    pub(super) fn text_in(&mut self, text: &str, lang: &LanguageIdentifier) {
        if *lang == self.lang {
            self.escaped(text);
        } else {
            self.raw("<span lang=\"");
            self.escaped(&lang.to_string());
            self.raw("\">");
            self.escaped(text);
            self.raw("</span>");
        }
    }

    /// A text of the pages' own messages.
    pub(super) fn text(&mut self, text: &Text) {
        match &text.locale {
            Some(lang) => self.text_in(&text.text, lang),
            None => self.escaped(&text.text),
        }
    }

    /// An element holding one text: `<h2>…</h2>`, `<p>…</p>`.
    pub(super) fn element(&mut self, tag: &str, text: &Text) {
        let _ = write!(self.out, "<{tag}>");
        self.text(text);
        let _ = writeln!(self.out, "</{tag}>");
    }

    /// A description (a doc comment or a `.description`) as paragraphs
    /// (split at blank lines), with `` `code` `` spans as `<code>`;
    /// everything else is text. Each paragraph is marked with `lang` when
    /// that is known and not the page's.
    pub(super) fn description(&mut self, description: &str, lang: Option<&LanguageIdentifier>) {
        let lang = lang
            .filter(|lang| **lang != self.lang)
            .map(ToString::to_string);
        for paragraph in description.split("\n\n") {
            let paragraph = paragraph.trim();
            if paragraph.is_empty() {
                continue;
            }
            match &lang {
                Some(lang) => {
                    self.raw("<p lang=\"");
                    self.escaped(lang);
                    self.raw("\">");
                }
                None => self.raw("<p>"),
            }
            let mut parts = paragraph.split('`').peekable();
            let mut in_code = false;
            while let Some(part) = parts.next() {
                // An unpaired backtick stays a backtick.
                if in_code && parts.peek().is_none() {
                    self.escaped("`");
                    self.escaped(part);
                    break;
                }
                if in_code {
                    self.raw("<code>");
                    self.escaped(part);
                    self.raw("</code>");
                } else {
                    self.escaped(part);
                }
                in_code = !in_code;
            }
            self.raw("</p>\n");
        }
    }

    /// Closes the document.
    pub(super) fn finish(mut self) -> String {
        self.raw("</main>\n</body>\n</html>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_may_break_after_dots_and_underscores() {
        let mut page = Page {
            out: String::new(),
            lang: "en-US".parse().unwrap(),
        };
        page.breakable("a.b_c<d");
        assert_eq!(page.out, "a.<wbr>b_<wbr>c&lt;d");
    }

    #[test]
    fn descriptions_keep_code_spans_and_escape_the_rest() {
        let lang: LanguageIdentifier = "en-US".parse().unwrap();
        let mut page = Page {
            out: String::new(),
            lang,
        };
        page.description("Uses `errors` <b>here</b>.\n\nSecond `unpaired", None);
        assert_eq!(
            page.out,
            "<p>Uses <code>errors</code> &lt;b&gt;here&lt;/b&gt;.</p>\n<p>Second `unpaired</p>\n"
        );
        page.out.clear();
        let en = page.lang.clone();
        page.description("Same language.", Some(&en));
        page.description("Autre.", Some(&"fr".parse().unwrap()));
        assert_eq!(
            page.out,
            "<p>Same language.</p>\n<p lang=\"fr\">Autre.</p>\n"
        );
    }
}
