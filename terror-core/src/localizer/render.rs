//! Rendering an error into a problem document in the first locales of a
//! chain that have its messages: the detail, title and hint, the args,
//! the sub-errors (bounded), and the generic texts of a redacted or
//! untranslated error.

use std::borrow::Cow;
use std::sync::OnceLock;

use http::StatusCode;
use unic_langid::LanguageIdentifier;

use super::mistakes::Mistake;
use super::Localizer;
use crate::args::Args;
use crate::negotiate::LocaleChain;
use crate::problem::{Problem, RenderedSubError, RequestInfo, MAX_NESTING, MAX_SUB_ERRORS};
use crate::terror::Terror;

impl Localizer {
    /// Renders an error in the first locales of `chain` that have its
    /// messages.
    ///
    /// For an error that [is redacted](Terror::is_redacted) (by default,
    /// a status >= 500), the client sees only the status title and a
    /// generic detail; `args`, `hint` and `errors` are left out.
    pub fn render<'a>(&'a self, error: &'a (dyn Terror + 'a), chain: &LocaleChain) -> Problem<'a> {
        self.render_request(error, chain, RequestInfo::default())
    }

    /// Renders an error for a request: as [`render`](Self::render), plus
    /// `instance` and `request_id`.
    pub fn render_request<'a>(
        &'a self,
        error: &'a (dyn Terror + 'a),
        chain: &LocaleChain,
        request: RequestInfo<'a>,
    ) -> Problem<'a> {
        let status = error.status();
        let code = error.code();
        let (title, detail, args, hint, errors, errors_total, language);
        if error.is_redacted() {
            let (text, locale) = self.redacted_detail(chain, request.request_id);
            detail = text;
            language = locale;
            title = self.title_of_status(chain, status, request.request_id);
            args = None;
            hint = None;
            errors = Vec::new();
            errors_total = None;
        } else {
            let error_args = error.args();
            let id = error.message_id();
            let request_id = request.request_id;
            if let Some(message) = self.lookup_message(chain, &id, &error_args, request_id) {
                detail = message.detail;
                language = message.locale;
                title = message
                    .title
                    .unwrap_or_else(|| self.title_of_status(chain, status, request_id));
                hint = message.hint;
            } else {
                let (text, locale) = self.untranslated(chain, code, &id, request_id);
                detail = text;
                language = locale;
                title = self.title_of_status(chain, status, request_id);
                hint = None;
            }
            args = Some(error_args);
            // Most errors have no sub-errors: checked here, that common
            // case makes no call whose arguments and result go through
            // memory.
            (errors, errors_total) = if error.sub_errors().is_empty() {
                (Vec::new(), None)
            } else {
                let mut budget = MAX_SUB_ERRORS;
                let items = Items {
                    chain,
                    request_id,
                    budget: &mut budget,
                };
                self.render_items(error, items, 0)
            };
        }
        Problem {
            type_base: self.type_base(),
            type_base_json: self.type_base_json(),
            type_uri: OnceLock::new(),
            title,
            status,
            detail,
            instance: request.instance,
            code,
            args,
            hint,
            errors,
            errors_total,
            request_id: request.request_id,
            trace_id: request.trace_id,
            content_language: self.content_language(language),
            language,
            retry_after: error.retry_after(),
        }
    }

    /// Renders the sub-errors of `error`, taking at most `budget` of them
    /// at every depth together: this list's own entries first, then their
    /// children. The count comes back when the list was cut.
    fn render_items<'a>(
        &'a self,
        error: &'a (dyn Terror + 'a),
        items: Items<'_, '_>,
        depth: usize,
    ) -> (Vec<RenderedSubError<'a>>, Option<usize>) {
        let Items {
            chain,
            request_id,
            budget,
        } = items;
        let subs = error.sub_errors();
        if subs.is_empty() {
            return (Vec::new(), None);
        }
        if depth >= MAX_NESTING {
            tracing::warn!(
                code = error.code(),
                "terror: sub-errors nest too deep; the rest is left out"
            );
            return (Vec::new(), Some(subs.len()));
        }
        let shown = &subs[..subs.len().min(*budget)];
        *budget -= shown.len();
        let total = (shown.len() < subs.len()).then_some(subs.len());
        if let Some(total) = total {
            tracing::debug!(
                code = error.code(),
                total,
                shown = shown.len(),
                "terror: more sub-errors than a problem shows; the rest is left out"
            );
        }
        let mut rendered: Vec<RenderedSubError<'a>> = shown
            .iter()
            .map(|sub| {
                let child: &'a (dyn Terror + Send + Sync) = sub.error();
                if child.is_redacted() {
                    return RenderedSubError {
                        code: child.code(),
                        detail: self.redacted_detail(chain, None).0,
                        location: sub.location(),
                        args: None,
                        hint: None,
                        errors: Vec::new(),
                        errors_total: None,
                    };
                }
                let args = child.args();
                let id = child.message_id();
                let (detail, hint) = match self.lookup_message(chain, &id, &args, request_id) {
                    Some(message) => (message.detail, message.hint),
                    None => (
                        self.untranslated(chain, child.code(), &id, request_id).0,
                        None,
                    ),
                };
                RenderedSubError {
                    code: child.code(),
                    detail,
                    location: sub.location(),
                    args: Some(args),
                    hint,
                    errors: Vec::new(),
                    errors_total: None,
                }
            })
            .collect();
        for (item, sub) in rendered.iter_mut().zip(shown) {
            if item.args.is_some() {
                let items = Items {
                    chain,
                    request_id,
                    budget: &mut *budget,
                };
                (item.errors, item.errors_total) = self.render_items(sub.error(), items, depth + 1);
            }
        }
        (rendered, total)
    }

    /// The localized title of an HTTP status: the framework's `http-<code>`
    /// message, else the status's English reason phrase.
    pub fn status_title(&self, chain: &LocaleChain, status: StatusCode) -> Cow<'_, str> {
        self.title_of_status(chain, status, None)
    }

    /// [`status_title`](Self::status_title), for a request.
    fn title_of_status(
        &self,
        chain: &LocaleChain,
        status: StatusCode,
        request_id: Option<&str>,
    ) -> Cow<'_, str> {
        let mut id = String::with_capacity(8);
        id.push_str("http-");
        id.push_str(status.as_str());
        match self.lookup(chain, &id, None, &Args::new(), request_id) {
            Some((text, _)) => text,
            None => Cow::Borrowed(status.canonical_reason().unwrap_or("Error")),
        }
    }

    fn redacted_detail(
        &self,
        chain: &LocaleChain,
        request_id: Option<&str>,
    ) -> (Cow<'_, str>, &LanguageIdentifier) {
        let found = match request_id {
            Some(id) => {
                let args = Args::new().with("request_id", id);
                self.lookup(chain, "terror-redacted-with-id", None, &args, Some(id))
                    .map(|(text, locale)| (Cow::Owned(text.into_owned()), locale))
            }
            None => self.lookup(chain, "terror-redacted", None, &Args::new(), None),
        };
        found.unwrap_or_else(|| {
            (
                Cow::Borrowed("The server could not complete this request."),
                self.default_locale(),
            )
        })
    }

    fn untranslated(
        &self,
        chain: &LocaleChain,
        code: &str,
        message_id: &str,
        request_id: Option<&str>,
    ) -> (Cow<'_, str>, &LanguageIdentifier) {
        if let Some(primary) = chain.indices().first().and_then(|&i| self.locales.get(i)) {
            primary.report(
                message_id,
                None,
                &Mistake::Untranslated { code },
                request_id,
            );
        }
        let args = Args::new().with("code", code);
        match self.lookup(chain, "terror-untranslated", None, &args, request_id) {
            Some((text, locale)) => (Cow::Owned(text.into_owned()), locale),
            None => (
                Cow::Owned(format!("The request failed with error {code}.")),
                self.default_locale(),
            ),
        }
    }
}

/// What rendering the sub-errors of one problem shares at every depth.
struct Items<'c, 'b> {
    chain: &'c LocaleChain,
    request_id: Option<&'c str>,
    /// How many more sub-errors the problem shows.
    budget: &'b mut usize,
}
