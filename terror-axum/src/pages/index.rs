//! The index: every code, grouped by prefix, with its status and title,
//! and whether it is deprecated.

use terror_core::{Args, LocaleChain};

use super::documented::HTTP_PREFIX;
use super::escape::percent_encode;
use super::html::{Frame, Page};
use super::text::Texts;
use super::Pages;

/// The index in `chain`'s language.
pub(super) fn render(pages: &Pages, chain: &LocaleChain) -> String {
    let localizer = &*pages.localizer;
    let texts = Texts::new(localizer, chain);
    let title = texts.get("pages-index-title");
    let frame = Frame {
        languages: &pages.languages,
        languages_label: texts.get("pages-languages"),
        index: None,
    };
    let mut page = Page::start(texts.lang(), &title.text, &frame);
    page.element("h1", &title);
    let count = Args::new().with("count", pages.codes().len());
    page.element("p", &texts.with("pages-index-intro", &count));

    let groups = pages.codes().groups();
    let other = texts.get("pages-group-other");
    let anchor = |prefix: &str| {
        let mut anchor = String::from("group-");
        percent_encode(&mut anchor, prefix);
        anchor
    };
    let heading = |page: &mut Page, prefix: &str| {
        if prefix.is_empty() {
            page.text(&other);
        } else {
            page.raw("<code>");
            page.escaped(prefix);
            page.escaped(".*");
            page.raw("</code>");
        }
    };

    let groups_label = texts.get("pages-groups");
    page.raw("<nav aria-label=\"");
    page.escaped(&groups_label.text);
    page.raw("\"><ul>\n");
    for (prefix, _) in &groups {
        page.raw("<li><a href=\"#");
        page.escaped(&anchor(prefix));
        page.raw("\">");
        heading(&mut page, prefix);
        page.raw("</a></li>\n");
    }
    page.raw("</ul></nav>\n");

    let deprecated = texts.get("pages-index-deprecated");
    let columns = [
        texts.get("pages-column-code"),
        texts.get("pages-column-status"),
        texts.get("pages-column-title"),
    ];
    for (prefix, codes) in &groups {
        // The generic codes of bare responses would bury the service's
        // own: they are folded (a fragment link opens them).
        let folded = *prefix == HTTP_PREFIX;
        page.raw(if folded {
            "<details>\n<summary><h2 id=\""
        } else {
            "<section>\n<h2 id=\""
        });
        page.escaped(&anchor(prefix));
        page.raw("\">");
        heading(&mut page, prefix);
        page.raw(if folded {
            "</h2></summary>\n"
        } else {
            "</h2>\n"
        });
        page.raw("<table class=\"codes\">\n<thead><tr>");
        for column in &columns {
            page.element("th", column);
        }
        page.raw("</tr></thead>\n<tbody>\n");
        for documented in codes {
            page.raw("<tr><td><a href=\"");
            page.escaped(&pages.code_href(documented.code()));
            page.raw("\"><code>");
            page.breakable(documented.code());
            page.raw("</code></a></td><td class=\"status\">");
            match documented.status_class() {
                Some(class) => page.escaped(class),
                None => page.escaped(documented.status().as_str()),
            }
            page.raw("</td><td>");
            page.escaped(&documented.title(localizer, chain));
            if documented.is_deprecated() {
                page.raw(" <small class=\"deprecated\">");
                page.text(&deprecated);
                page.raw("</small>");
            }
            page.raw("</td></tr>\n");
        }
        page.raw("</tbody>\n</table>\n");
        page.raw(if folded {
            "</details>\n"
        } else {
            "</section>\n"
        });
    }
    page.finish()
}
