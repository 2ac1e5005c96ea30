//! One code's page, and the page for a code the service does not have.

use terror_core::{Args, LocaleChain};

use super::documented::Documented;
use super::html::{Frame, Page};
use super::text::{language_name, Texts};
use super::Pages;

/// The page of `documented` in `chain`'s language.
pub(super) fn render(pages: &Pages, documented: &Documented, chain: &LocaleChain) -> String {
    let localizer = &*pages.localizer;
    let texts = Texts::new(localizer, chain);
    let title = documented.title(localizer, chain);
    let mut page = Page::start(
        texts.lang(),
        &format!("{title} · {}", documented.code()),
        &frame(pages, &texts),
    );
    page.raw("<h1>");
    page.escaped(&title);
    page.raw("</h1>\n<p class=\"code\"><code>");
    page.escaped(documented.code());
    page.raw("</code></p>\n");
    if let Some(note) = documented.deprecation_note(localizer, chain) {
        let notice = texts.with("pages-deprecated", &Args::new().with("note", note));
        page.raw("<p class=\"deprecated\">");
        page.text(&notice);
        page.raw("</p>\n");
    }
    facts(&mut page, pages, documented, &texts);

    page.element("h2", &texts.get("pages-description"));
    match documented.description(localizer, chain) {
        Some((description, lang)) => page.description(&description, lang),
        None => page.element("p", &texts.get("pages-no-description")),
    }

    page.element("h2", &texts.get("pages-args"));
    arguments(&mut page, documented, &texts);

    page.element("h2", &texts.get("pages-messages"));
    messages(&mut page, pages, documented, &texts);

    page.element("h2", &texts.get("pages-example"));
    page.element("p", &texts.get("pages-example-intro"));
    let example = documented.example(localizer, chain);
    page.raw("<pre><code>");
    page.escaped(&documented.pretty(&example));
    page.raw("</code></pre>\n");
    page.finish()
}

/// The header of a page that is not the index.
fn frame<'a>(pages: &'a Pages, texts: &Texts<'_>) -> Frame<'a> {
    Frame {
        languages: &pages.languages,
        languages_label: texts.get("pages-languages"),
        index: Some((super::INDEX_HREF, texts.get("pages-all-errors"))),
    }
}

/// Status, `type`, gRPC code and reason, retrying, redaction and message
/// id, as a list.
fn facts(page: &mut Page, pages: &Pages, documented: &Documented, texts: &Texts<'_>) {
    let localizer = &*pages.localizer;
    page.raw("<dl>\n");
    page.element("dt", &texts.get("pages-status"));
    page.raw("<dd>");
    if let Some(class) = documented.status_class() {
        page.escaped(class);
    } else {
        page.escaped(documented.status().as_str());
        page.raw(" ");
        page.escaped(&localizer.status_title(texts.chain, documented.status()));
    }
    page.raw("</dd>\n");

    page.element("dt", &texts.get("pages-type"));
    page.raw("<dd><code>");
    page.escaped(&localizer.problem_type(documented.code()));
    page.raw("</code></dd>\n");

    page.element("dt", &texts.get("pages-grpc-code"));
    page.raw("<dd>");
    for (i, code) in documented.grpc_codes().iter().enumerate() {
        if i > 0 {
            page.raw(", ");
        }
        page.raw("<code>");
        page.escaped(code.name());
        page.raw("</code>");
    }
    page.raw("</dd>\n");

    page.element("dt", &texts.get("pages-grpc-reason"));
    page.raw("<dd><code>");
    page.escaped(documented.grpc_reason());
    page.raw("</code></dd>\n");

    page.element("dt", &texts.get("pages-retry"));
    let retry = match documented.retry_after() {
        Some(seconds) => texts.with("pages-retry-after", &Args::new().with("seconds", seconds)),
        None => texts.get("pages-no-retry"),
    };
    page.element("dd", &retry);

    page.element("dt", &texts.get("pages-details"));
    let details = if documented.redacted() {
        "pages-redacted"
    } else {
        "pages-shown"
    };
    page.element("dd", &texts.get(details));

    page.element("dt", &texts.get("pages-message-id"));
    page.raw("<dd><code>");
    page.escaped(documented.message_id());
    page.raw("</code></dd>\n</dl>\n");
}

/// The args' names, Rust types and gRPC metadata keys, as a table.
fn arguments(page: &mut Page, documented: &Documented, texts: &Texts<'_>) {
    if documented.args().is_empty() {
        page.element("p", &texts.get("pages-no-args"));
        return;
    }
    page.element("p", &texts.get("pages-args-intro"));
    page.raw("<table>\n<thead><tr>");
    page.element("th", &texts.get("pages-arg-name"));
    page.element("th", &texts.get("pages-arg-type"));
    page.element("th", &texts.get("pages-arg-metadata-key"));
    page.raw("</tr></thead>\n<tbody>\n");
    for (name, rust_type, metadata_key) in documented.args() {
        page.raw("<tr><td><code>");
        page.escaped(name);
        page.raw("</code></td><td><code>");
        page.escaped(rust_type);
        page.raw("</code></td><td><code>");
        page.escaped(metadata_key);
        page.raw("</code></td></tr>\n");
    }
    page.raw("</tbody>\n</table>\n");
}

/// Title, detail and hint as a client reads them in each language of the
/// service, each marked with its language.
fn messages(page: &mut Page, pages: &Pages, documented: &Documented, texts: &Texts<'_>) {
    let localizer = &*pages.localizer;
    let intro = if documented.redacted() {
        "pages-messages-redacted"
    } else {
        "pages-messages-intro"
    };
    page.element("p", &texts.get(intro));
    let labels = [
        ("title", texts.get("pages-message-title")),
        ("detail", texts.get("pages-message-detail")),
        ("hint", texts.get("pages-message-hint")),
    ];
    for language in &pages.languages {
        let example = documented.example(localizer, &language.chain);
        // Where the message itself came from: this language, or the one a
        // client falls back to.
        let mut shown_in = language.id.clone();
        let mut untranslated = None;
        if !documented.redacted()
            && !localizer.has_message(&language.id, documented.message_id(), None)
        {
            let args = documented.placeholders();
            if let Some(found) =
                localizer.format(&language.chain, documented.message_id(), None, args)
            {
                let name = language_name(&pages.languages, found.locale);
                shown_in = found.locale.clone();
                untranslated =
                    Some(texts.with("pages-untranslated", &Args::new().with("language", name)));
            }
        }
        page.raw("<section class=\"message\">\n<h3 lang=\"");
        page.escaped(&language.tag);
        page.raw("\">");
        page.escaped(&language.name);
        page.raw("</h3>\n<dl>\n");
        for (member, label) in &labels {
            let Some(text) = example.get(*member).and_then(|v| v.as_str()) else {
                continue;
            };
            page.element("dt", label);
            page.raw("<dd>");
            page.text_in(text, &shown_in);
            page.raw("</dd>\n");
        }
        page.raw("</dl>\n");
        if let Some(note) = untranslated {
            page.raw("<p class=\"note\">");
            page.text(&note);
            page.raw("</p>\n");
        }
        page.raw("</section>\n");
    }
}

/// The 404 page for `code`, which the service does not have.
pub(super) fn render_unknown(pages: &Pages, code: &str, chain: &LocaleChain) -> String {
    let texts = Texts::new(&pages.localizer, chain);
    let title = texts.get("pages-not-found-title");
    let mut page = Page::start(texts.lang(), &title.text, &frame(pages, &texts));
    page.element("h1", &title);
    let shown = super::shorten(code);
    page.element(
        "p",
        &texts.with("pages-not-found", &Args::new().with("code", shown)),
    );
    page.raw("<p>");
    page.text(&texts.get("pages-not-found-hint"));
    page.raw(" <a href=\"");
    page.escaped(super::INDEX_HREF);
    page.raw("\">");
    page.text(&texts.get("pages-all-errors"));
    page.raw("</a></p>\n");
    page.finish()
}
