//! What changed between two contracts, each change classified: breaking
//! (a client written against the old contract can fail), additive (it
//! keeps working and can use more) or cosmetic (only texts).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use crate::document::{ArgContract, Children, Contract, ErrorContract};

/// How a change affects clients written against the old contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Such a client can fail.
    Breaking,
    /// Such a client keeps working, and can use more.
    Additive,
    /// Only texts changed.
    Cosmetic,
}

impl Kind {
    /// `breaking`, `additive` or `cosmetic`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::Additive => "additive",
            Kind::Cosmetic => "cosmetic",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change, with the rule that classified it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How it affects clients.
    pub kind: Kind,
    /// The rule, such as `arg_removed` (the docs list each).
    pub rule: &'static str,
    /// The code it is about; `None` for the service as a whole.
    pub code: Option<String>,
    /// What changed, in a sentence.
    pub message: String,
    /// What it means for a client, when the message does not say.
    pub why: Option<String>,
}

/// Every change from `old` to `new`, breaking ones first, then by code.
///
/// ```
/// use terror_contract::{diff, Contract, Kind};
///
/// let old = serde_json::json!({"version": 1, "errors": [{
///     "code": "volume.in_use", "status": 409, "grpc_code": "ABORTED",
///     "grpc_reason": "VOLUME_IN_USE", "message_id": "volume-in-use",
///     "redacted": false, "retry_after": null, "deprecated": null, "children": null,
///     "args": [{"name": "hosts", "type": "u32", "optional": false}]
/// }]});
/// let mut new = old.clone();
/// new["errors"][0]["args"][0]["type"] = "u64".into();
/// let changes = diff(&Contract::from_json(&old).unwrap(), &Contract::from_json(&new).unwrap());
/// assert_eq!(changes[0].kind, Kind::Breaking);
/// assert_eq!(changes[0].rule, "arg_type_changed");
/// ```
pub fn diff(old: &Contract, new: &Contract) -> Vec<Change> {
    let mut changes = Vec::new();
    locales(old, new, &mut changes);
    // Looked up by code, so that a contract of many codes costs n log n.
    let old_codes: BTreeMap<&str, &ErrorContract> =
        old.errors.iter().map(|e| (e.code.as_str(), e)).collect();
    let new_codes: BTreeMap<&str, &ErrorContract> =
        new.errors.iter().map(|e| (e.code.as_str(), e)).collect();
    let removed = old
        .errors
        .iter()
        .filter(|e| !new_codes.contains_key(e.code.as_str()));
    let added: Vec<&ErrorContract> = new
        .errors
        .iter()
        .filter(|e| !old_codes.contains_key(e.code.as_str()))
        .collect();
    // A code removed and one added with the same status and args is most
    // likely the same error renamed: still breaking, but named. Each added
    // code stands for one removed code at most, the first of its shape.
    let mut by_shape: BTreeMap<Shape<'_>, VecDeque<&ErrorContract>> = BTreeMap::new();
    for code in &added {
        by_shape.entry(shape(code)).or_default().push_back(code);
    }
    let mut renamed_to = BTreeSet::new();
    for gone in removed {
        let rename = by_shape.get_mut(&shape(gone)).and_then(VecDeque::pop_front);
        let (rule, message) = match rename {
            Some(to) => {
                renamed_to.insert(to.code.as_str());
                (
                    "code_renamed",
                    format!(
                        "code `{}` removed; `{}` looks like it renamed",
                        gone.code, to.code
                    ),
                )
            }
            None => ("code_removed", format!("code `{}` removed", gone.code)),
        };
        let why = match &gone.deprecated {
            Some(_) => "clients that still switch on it break; it was deprecated, and removing a code needs a new major version all the same",
            None => "clients that switch on it never see it again",
        };
        changes.push(change(Kind::Breaking, rule, &gone.code, message, Some(why)));
    }
    for new_code in &added {
        if renamed_to.contains(new_code.code.as_str()) {
            continue;
        }
        let message = format!(
            "new code `{}` ({} {})",
            new_code.code, new_code.status, new_code.grpc_code
        );
        changes.push(change(
            Kind::Additive,
            "code_added",
            &new_code.code,
            message,
            None,
        ));
    }
    for before in &old.errors {
        if let Some(after) = new_codes.get(before.code.as_str()) {
            entry(before, after, &mut changes);
        }
    }
    changes.sort_by(|a, b| (a.kind, &a.code).cmp(&(b.kind, &b.code)));
    changes
}

/// What makes two codes look like one renamed: status, gRPC code, and
/// each arg's name, type and optionality.
type Shape<'a> = (u16, &'a str, Vec<(&'a str, &'a str, bool)>);

fn shape(code: &ErrorContract) -> Shape<'_> {
    let args = code
        .args
        .iter()
        .map(|a| (a.name.as_str(), a.rust_type.as_str(), a.optional))
        .collect();
    (code.status, code.grpc_code.as_str(), args)
}

fn change(
    kind: Kind,
    rule: &'static str,
    code: &str,
    message: String,
    why: Option<&str>,
) -> Change {
    Change {
        kind,
        rule,
        code: Some(code.to_owned()),
        message,
        why: why.map(str::to_owned),
    }
}

fn locales(old: &Contract, new: &Contract, changes: &mut Vec<Change>) {
    let (Some(before), Some(after)) = (&old.locales, &new.locales) else {
        return;
    };
    for locale in before.iter().filter(|l| !after.contains(l)) {
        changes.push(Change {
            kind: Kind::Breaking,
            rule: "locale_removed",
            code: None,
            message: format!("locale `{locale}` removed"),
            why: Some("clients asking for it get another language".to_owned()),
        });
    }
    for locale in after.iter().filter(|l| !before.contains(l)) {
        changes.push(Change {
            kind: Kind::Additive,
            rule: "locale_added",
            code: None,
            message: format!("new locale `{locale}`"),
            why: None,
        });
    }
}

/// The changes found for one code.
struct Found<'a> {
    code: &'a str,
    changes: &'a mut Vec<Change>,
}

impl Found<'_> {
    fn push(&mut self, kind: Kind, rule: &'static str, message: String, why: Option<String>) {
        self.changes.push(Change {
            kind,
            rule,
            code: Some(self.code.to_owned()),
            message,
            why,
        });
    }
}

/// The changes of one code present on both sides.
fn entry(old: &ErrorContract, new: &ErrorContract, changes: &mut Vec<Change>) {
    let mut found = Found {
        code: &old.code,
        changes,
    };
    answer(old, new, &mut found);
    args(old, new, &mut found);
    let new_args: BTreeMap<&str, &ArgContract> =
        new.args.iter().map(|a| (a.name.as_str(), a)).collect();
    for before in &old.args {
        if let Some(after) = new_args.get(before.name.as_str()) {
            arg(before, after, &mut found);
        }
    }
    children(old, new, &mut found);
    lifecycle(old, new, &mut found);
    texts(old, new, &mut found);
}

/// How the code answers: status, gRPC code, redaction.
fn answer(old: &ErrorContract, new: &ErrorContract, found: &mut Found<'_>) {
    let code = found.code;
    if old.status != new.status {
        found.push(
            Kind::Breaking,
            "status_changed",
            format!("`{code}`: status {} became {}", old.status, new.status),
            Some("clients that expect it under the old status miss it".into()),
        );
    }
    if old.grpc_code != new.grpc_code {
        found.push(
            Kind::Breaking,
            "grpc_code_changed",
            format!(
                "`{code}`: gRPC code {} became {}",
                old.grpc_code, new.grpc_code
            ),
            Some("gRPC clients that switch on the status code miss it".into()),
        );
    }
    match (old.redacted, new.redacted) {
        (false, true) => found.push(
            Kind::Breaking,
            "redacted",
            format!("`{code}` is now redacted"),
            Some("clients lose its args and its message".into()),
        ),
        (true, false) => found.push(
            Kind::Additive,
            "unredacted",
            format!("`{code}` is no longer redacted"),
            Some("clients now see its args and message".into()),
        ),
        _ => {}
    }
}

/// Args removed, renamed and added.
fn args(old: &ErrorContract, new: &ErrorContract, found: &mut Found<'_>) {
    let code = found.code;
    let (old_names, new_names) = (arg_names(&old.args), arg_names(&new.args));
    let gone: Vec<&ArgContract> = old
        .args
        .iter()
        .filter(|a| !new_names.contains(a.name.as_str()))
        .collect();
    let added: Vec<&ArgContract> = new
        .args
        .iter()
        .filter(|a| !old_names.contains(a.name.as_str()))
        .collect();
    // An arg removed and one added with the same values is most likely
    // the same arg renamed; each added arg stands for one at most.
    let values = |a: &ArgContract| (a.wire().to_string(), a.optional);
    let mut by_values: BTreeMap<(String, bool), VecDeque<&ArgContract>> = BTreeMap::new();
    for arg in &added {
        by_values.entry(values(arg)).or_default().push_back(arg);
    }
    let mut renamed_to = BTreeSet::new();
    for arg in &gone {
        let why = Some(format!("clients reading `args.{}` get nothing", arg.name));
        let rename = by_values
            .get_mut(&values(arg))
            .and_then(VecDeque::pop_front);
        if let Some(to) = rename {
            renamed_to.insert(to.name.clone());
            let message = format!(
                "`{code}`: arg `{}` removed; `{}` looks like it renamed",
                arg.name, to.name
            );
            found.push(Kind::Breaking, "arg_renamed", message, why);
        } else {
            let message = format!("`{code}`: arg `{}` removed", arg.name);
            found.push(Kind::Breaking, "arg_removed", message, why);
        }
    }
    for arg in added.iter().filter(|a| !renamed_to.contains(&a.name)) {
        let (rule, what) = if arg.optional {
            ("optional_arg_added", "new optional arg")
        } else {
            ("arg_added", "new arg")
        };
        let message = format!("`{code}`: {what} `{}` ({})", arg.name, arg.rust_type);
        found.push(Kind::Additive, rule, message, None);
    }
}

fn arg_names(args: &[ArgContract]) -> BTreeSet<&str> {
    args.iter().map(|a| a.name.as_str()).collect()
}

/// The changes of one arg present on both sides.
fn arg(before: &ArgContract, after: &ArgContract, found: &mut Found<'_>) {
    let (code, name) = (found.code, &before.name);
    match (before.optional, after.optional) {
        (false, true) => found.push(
            Kind::Breaking,
            "arg_made_optional",
            format!("`{code}`: arg `{name}` made optional"),
            Some(format!(
                "clients that read `args.{name}` as always there can meet null"
            )),
        ),
        (true, false) => found.push(
            Kind::Additive,
            "arg_made_required",
            format!("`{code}`: arg `{name}` is always there now"),
            None,
        ),
        _ => {}
    }
    let (old_wire, new_wire) = (before.wire(), after.wire());
    if old_wire == new_wire {
        // A type now or no longer in an `Option` is the change above.
        if before.rust_type != after.rust_type && before.optional == after.optional {
            found.push(
                Kind::Cosmetic,
                "arg_type_renamed",
                format!(
                    "`{code}`: arg `{name}` is `{}` now, with the same values",
                    after.rust_type
                ),
                None,
            );
        }
    } else if new_wire.fits_in(&old_wire) {
        found.push(
            Kind::Additive,
            "arg_type_narrowed",
            format!("`{code}`: arg `{name}` went from {old_wire} to {new_wire}"),
            Some("every new value is one the old type holds".into()),
        );
    } else {
        found.push(
            Kind::Breaking,
            "arg_type_changed",
            format!("`{code}`: arg `{name}` went from {old_wire} to {new_wire}"),
            Some(format!(
                "clients that parse `args.{name}` as {old_wire} fail on new values"
            )),
        );
    }
}

/// Retry and deprecation.
fn lifecycle(old: &ErrorContract, new: &ErrorContract, found: &mut Found<'_>) {
    let code = found.code;
    match (old.retry_after, new.retry_after) {
        (Some(_), None) => found.push(
            Kind::Breaking,
            "retry_removed",
            format!("`{code}` no longer says when to retry"),
            Some("clients that wait as told (Retry-After, RetryInfo) lose the delay".into()),
        ),
        (None, Some(seconds)) => found.push(
            Kind::Additive,
            "retry_added",
            format!("`{code}` now says to retry after {seconds} s"),
            None,
        ),
        (Some(a), Some(b)) if a != b => found.push(
            Kind::Cosmetic,
            "retry_changed",
            format!("`{code}`: retry after {a} s became {b} s"),
            None,
        ),
        _ => {}
    }
    match (&old.deprecated, &new.deprecated) {
        (None, Some(note)) => found.push(
            Kind::Additive,
            "code_deprecated",
            format!("`{code}` deprecated: {note}"),
            Some("it stays until a new major version".into()),
        ),
        (Some(_), None) => found.push(
            Kind::Cosmetic,
            "code_undeprecated",
            format!("`{code}` is no longer deprecated"),
            None,
        ),
        (Some(a), Some(b)) if a != b => found.push(
            Kind::Cosmetic,
            "deprecation_changed",
            format!("`{code}`: deprecation note changed"),
            None,
        ),
        _ => {}
    }
}

/// Message ids and, between two catalog exports, the texts.
fn texts(old: &ErrorContract, new: &ErrorContract, found: &mut Found<'_>) {
    let code = found.code;
    if old.message_id != new.message_id {
        found.push(
            Kind::Cosmetic,
            "message_id_changed",
            format!(
                "`{code}`: message id `{}` became `{}`",
                old.message_id, new.message_id
            ),
            Some("translations move to the new id; clients see no difference".into()),
        );
    }
    let (Some(before), Some(after)) = (&old.texts, &new.texts) else {
        return;
    };
    if before.description != after.description {
        found.push(
            Kind::Cosmetic,
            "text_changed",
            format!("`{code}`: description changed"),
            None,
        );
    }
    for (locale, text) in &after.messages {
        if before.messages.get(locale).is_some_and(|t| t != text) {
            let message = format!("`{code}`: {locale} message changed");
            found.push(Kind::Cosmetic, "text_changed", message, None);
        }
    }
}

/// The codes `errors` may hold.
fn children(old: &ErrorContract, new: &ErrorContract, found: &mut Found<'_>) {
    let code = found.code;
    match (&old.children, &new.children) {
        (Children::Codes(before), Children::Codes(after)) => {
            // Sorted, deduplicated lists: looked up by binary search.
            let has = |codes: &[String], code: &String| codes.binary_search(code).is_ok();
            for child in before.iter().filter(|c| !has(after, c)) {
                found.push(
                    Kind::Breaking,
                    "child_removed",
                    format!("`{code}`: child code `{child}` no longer in `errors`"),
                    Some("clients that read it among the errors never see it".into()),
                );
            }
            for child in after.iter().filter(|c| !has(before, c)) {
                let message = format!("`{code}`: `errors` may hold `{child}` now");
                found.push(Kind::Additive, "child_added", message, None);
            }
        }
        (Children::None, Children::None) | (Children::Any, Children::Any) => {}
        (Children::None, _) => {
            found.push(
                Kind::Additive,
                "child_added",
                format!("`{code}` has `errors` now"),
                None,
            );
        }
        (Children::Codes(_), Children::Any) => found.push(
            Kind::Breaking,
            "child_removed",
            format!("`{code}`: `errors` no longer declares its child types"),
            Some("clients typed on the declared codes meet any code".into()),
        ),
        (Children::Any, Children::Codes(_)) => found.push(
            Kind::Additive,
            "child_added",
            format!("`{code}`: `errors` declares its child types now"),
            None,
        ),
        (_, Children::None) => found.push(
            Kind::Breaking,
            "child_removed",
            format!("`{code}` has no `errors` any more"),
            Some("clients that read its errors find none".into()),
        ),
    }
}

#[cfg(test)]
mod tests;
