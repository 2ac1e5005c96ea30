//! Helpers shared by the fuzz targets: what an `.ftl` text defines and
//! uses, argument values chosen by the fuzzer, a hand-written [`Terror`]
//! error, and the checks several targets make on rendered text.
//!
//! Nothing here checks anything by itself; each target in `fuzz_targets/`
//! says what it checks.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Once, OnceLock};

use fluent_syntax::ast;
use libfuzzer_sys::arbitrary::{Result as ArbitraryResult, Unstructured};
use terror_core::{ArgValue, Args, EmbeddedFile, EmbeddedLocales, StatusCode, SubError, Terror};

/// The framework's own messages (en-US, ru, de), as a service embeds them.
pub const FRAMEWORK: EmbeddedLocales = terror_core::embed_locales!("../locales");

/// The en-US files of [`FRAMEWORK`]: for targets that render only in
/// en-US, where loading the other locales would only slow the fuzzer.
pub fn framework_en_us() -> EmbeddedLocales {
    static FILES: OnceLock<Vec<EmbeddedFile>> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        FRAMEWORK
            .files()
            .iter()
            .filter(|f| f.locale == "en-US")
            .copied()
            .collect()
    });
    EmbeddedLocales::new(files)
}

/// `id` or `id.attribute`, for messages.
pub fn pattern_name(id: &str, attribute: Option<&str>) -> String {
    match attribute {
        Some(attribute) => format!("{id}.{attribute}"),
        None => id.to_owned(),
    }
}

/// Bidi isolation marks: Fluent's FSI and PDI, which terror never prints.
pub const ISOLATION_MARKS: [char; 2] = ['\u{2068}', '\u{2069}'];

/// Lets a panic inside fluent-syntax unwind instead of aborting at once.
///
/// terror-core parses `.ftl` text inside `catch_unwind` (fluent-syntax
/// 0.12 has panicked on malformed text, such as `"\u` before a multibyte
/// character, which terror now refuses before parsing) and reports such a
/// file as a syntax error, while libfuzzer-sys's panic hook aborts on
/// every panic, caught or not. With
/// this hook a panic raised in fluent-syntax's code unwinds; should nothing
/// catch it, libfuzzer-sys still reports it as a crash. Every other panic
/// goes to libfuzzer-sys's hook as before.
pub fn let_terror_catch_parser_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_parser = info
                .location()
                .is_some_and(|l| l.file().contains("fluent-syntax"));
            if !in_parser {
                previous(info);
            }
        }));
    });
}

/// The `.ftl` text of an input and the bytes that drive the rest of it, as
/// the targets that load a text take them: see [`split_at_nul`]. `None`
/// for a text longer than `max` bytes (it would only slow the fuzzer) or
/// not UTF-8. Also lets parser panics unwind to terror
/// ([`let_terror_catch_parser_panics`]).
pub fn ftl_input(data: &[u8], max: usize) -> Option<(&str, &[u8])> {
    let (text, rest) = split_at_nul(data);
    if text.len() > max {
        return None;
    }
    let text = std::str::from_utf8(text).ok()?;
    let_terror_catch_parser_panics();
    Some((text, rest))
}

/// Splits fuzz input at its first NUL byte: the text before it, and the
/// bytes after it that drive the rest of the input (empty without a NUL).
/// Seeds can then be plain `.ftl` files.
pub fn split_at_nul(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

/// One message of an `.ftl` text: its id, whether it has a value, and its
/// attributes' names.
#[derive(Debug, Clone)]
pub struct MessageInfo {
    /// The message id.
    pub id: String,
    /// Whether the message has a value (not only attributes).
    pub has_value: bool,
    /// The attributes, in order (duplicates kept).
    pub attributes: Vec<String>,
}

/// What an `.ftl` text defines and uses.
#[derive(Debug, Default, Clone)]
pub struct FtlInfo {
    /// Every message, in file order.
    pub messages: Vec<MessageInfo>,
    /// Every variable name the text mentions, without duplicates.
    pub variables: Vec<String>,
    /// Every variant key (identifier or number literal), without
    /// duplicates: values that select them make good arguments.
    pub keys: Vec<String>,
    /// Whether rendering can legitimately print `{` or an isolation mark:
    /// a string literal holding one (escaped or not), or text holding a
    /// mark. Without that, such characters in a rendering come from
    /// terror (or Fluent error output), never from the text.
    pub can_print_braces_or_marks: bool,
}

impl FtlInfo {
    /// Parses `text` (which must already have loaded, so it parses) and
    /// lists what it defines and uses. Entries of a partly broken text are
    /// listed as far as the parser got.
    pub fn of(text: &str) -> FtlInfo {
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let mut info = FtlInfo::default();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    if let Some(value) = &message.value {
                        info.pattern(value);
                    }
                    for attribute in &message.attributes {
                        info.pattern(&attribute.value);
                    }
                    info.messages.push(MessageInfo {
                        id: message.id.name.to_owned(),
                        has_value: message.value.is_some(),
                        attributes: message
                            .attributes
                            .iter()
                            .map(|a| a.id.name.to_owned())
                            .collect(),
                    });
                }
                ast::Entry::Term(term) => {
                    info.pattern(&term.value);
                    for attribute in &term.attributes {
                        info.pattern(&attribute.value);
                    }
                }
                _ => {}
            }
        }
        info
    }

    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    if value.contains(ISOLATION_MARKS) {
                        self.can_print_braces_or_marks = true;
                    }
                }
                ast::PatternElement::Placeable { expression } => self.expression(expression),
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    let key = match variant.key {
                        ast::VariantKey::Identifier { name } => name,
                        ast::VariantKey::NumberLiteral { value } => value,
                    };
                    if !self.keys.iter().any(|k| k == key) {
                        self.keys.push(key.to_owned());
                    }
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                let unescaped = fluent_syntax::unicode::unescape_unicode_to_string(value);
                if unescaped.contains('{') || unescaped.contains(ISOLATION_MARKS) {
                    self.can_print_braces_or_marks = true;
                }
            }
            ast::InlineExpression::VariableReference { id } => {
                if !self.variables.iter().any(|v| v == id.name) {
                    self.variables.push(id.name.to_owned());
                }
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => self.call(arguments),
            ast::InlineExpression::TermReference { arguments, .. } => {
                if let Some(arguments) = arguments {
                    self.call(arguments);
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::MessageReference { .. } => {}
        }
    }

    fn call(&mut self, arguments: &ast::CallArguments<&str>) {
        for positional in &arguments.positional {
            self.inline(positional);
        }
        for named in &arguments.named {
            self.inline(&named.value);
        }
    }
}

/// Whether terror printed something it never prints on its own: an
/// isolation mark, or a `{$` placeholder (or, where the text cannot print
/// `{` itself, any `{`: Fluent's error output such as `{msg}`).
pub fn leaked_markup(text: &str, can_print_braces: bool) -> Option<&'static str> {
    if can_print_braces {
        return None;
    }
    if text.contains(ISOLATION_MARKS) {
        Some("an isolation mark")
    } else if text.contains("{$") {
        Some("a {$ placeholder")
    } else if text.contains('{') {
        Some("a {")
    } else {
        None
    }
}

/// Argument names every fuzzed message can use besides its own variables.
pub const COMMON_ARG_NAMES: [&str; 4] = ["n", "name", "x", "count"];

/// Integers around the edges terror and Fluent treat differently: 2^53 (the
/// last exact f64 integer), the 64-bit limits and beyond.
const LARGE_INTS: [i128; 12] = [
    1 << 53,
    (1 << 53) + 1,
    (1 << 53) + 2,
    -(1 << 53) - 1,
    -(1 << 53),
    1_000_000_000_000_000,
    u64::MAX as i128,
    i64::MIN as i128,
    i64::MAX as i128,
    i128::MAX,
    i128::MIN,
    (1 << 64) + 1,
];

const FLOATS: [f64; 16] = [
    0.5,
    1.0,
    1.5,
    2.25,
    -0.0,
    0.1,
    -1.5,
    1e21,
    1e-7,
    0.000_001_5,
    1.0e300,
    123.456,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MIN_POSITIVE,
];

const STRINGS: [&str; 12] = [
    "one", "other", "few", "many", "zero", "two", "true", "false", "1", "", "db-02", "Том",
];

/// A short string from the fuzzer without `{` or isolation marks, so that
/// any such character in a rendering comes from elsewhere.
pub fn plain_string(u: &mut Unstructured<'_>) -> ArbitraryResult<String> {
    let len = u.int_in_range(0..=24)?;
    let mut out = String::new();
    for _ in 0..len {
        let c: char = u.arbitrary()?;
        if c != '{' && !ISOLATION_MARKS.contains(&c) {
            out.push(c);
        }
    }
    Ok(out)
}

/// An argument value chosen by the fuzzer: small, negative and large
/// integers, floats (fractional, huge, tiny, non-finite), strings that are
/// plural keys or anything else, booleans and null; or one of `keys` (the
/// variant keys of a text) as an integer, a float or a string.
pub fn arg_value(u: &mut Unstructured<'_>, keys: &[String]) -> ArbitraryResult<ArgValue<'static>> {
    if !keys.is_empty() && u.ratio(1, 3)? {
        let key = u.choose(keys)?;
        return Ok(match (key.parse::<i128>(), key.parse::<f64>()) {
            (Ok(i), _) if u.arbitrary()? => ArgValue::Int(i),
            (_, Ok(f)) => ArgValue::Float(f),
            _ => ArgValue::Str(Cow::Owned(key.clone())),
        });
    }
    Ok(match u.int_in_range(0_u8..=9)? {
        0 => ArgValue::Int(i128::from(u.int_in_range(0_u8..=20)?)),
        1 => ArgValue::Int(-i128::from(u.arbitrary::<u8>()?)),
        2 => ArgValue::Int(*u.choose(&LARGE_INTS)?),
        3 => ArgValue::Int(u.arbitrary()?),
        4 => ArgValue::Float(*u.choose(&FLOATS)?),
        5 => ArgValue::Float(f64::from_bits(u.arbitrary()?)),
        6 => ArgValue::Str(Cow::Borrowed(u.choose(&STRINGS)?)),
        7 => ArgValue::Str(Cow::Owned(plain_string(u)?)),
        8 => ArgValue::Bool(u.arbitrary()?),
        _ => ArgValue::Null,
    })
}

/// Arguments for every name in `names` (each given a fuzzer-chosen value,
/// or, once the input runs out, the small integer 0).
pub fn args_for(
    names: &[String],
    keys: &[String],
    u: &mut Unstructured<'_>,
) -> Vec<(String, ArgValue<'static>)> {
    names
        .iter()
        .map(|name| {
            let value = arg_value(u, keys).unwrap_or(ArgValue::Int(0));
            (name.clone(), value)
        })
        .collect()
}

/// The argument names a fuzzed text gets: [`COMMON_ARG_NAMES`] and every
/// variable the text mentions.
pub fn arg_names(info: &FtlInfo) -> Vec<String> {
    let mut names: Vec<String> = COMMON_ARG_NAMES.iter().map(|&n| n.to_owned()).collect();
    for variable in &info.variables {
        if !names.contains(variable) {
            names.push(variable.clone());
        }
    }
    names
}

/// Builds terror [`Args`] from owned pairs.
pub fn to_args(pairs: &[(String, ArgValue<'static>)]) -> Args<'static> {
    let mut args = Args::new();
    for (name, value) in pairs {
        args.push(name.clone(), value.clone());
    }
    args
}

/// The Fluent value terror hands its bundle for an argument, from
/// terror-core itself (built for fuzzing), so the oracle sees the same
/// arguments as terror's own Fluent path.
pub use terror_core::__fuzzing_fluent_value as fluent_value;

/// A hand-written terror error whose every part the fuzzer chooses.
#[derive(Debug)]
pub struct FuzzError {
    /// The code (and so the message id).
    pub code: String,
    /// The HTTP status.
    pub status: StatusCode,
    /// The arguments, by name.
    pub args: Vec<(String, ArgValue<'static>)>,
    /// Child errors.
    pub subs: Vec<SubError>,
    /// Whether a 5xx is redacted (as by default); `false` shows its
    /// message anyway.
    pub redact: bool,
}

impl FuzzError {
    /// An error with a code, a status and nothing else.
    pub fn new(code: impl Into<String>, status: StatusCode) -> Self {
        FuzzError {
            code: code.into(),
            status,
            args: Vec::new(),
            subs: Vec::new(),
            redact: true,
        }
    }
}

impl fmt::Display for FuzzError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fuzz error {}", self.code)
    }
}

impl std::error::Error for FuzzError {}

impl Terror for FuzzError {
    fn code(&self) -> &str {
        &self.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn args(&self) -> Args<'_> {
        let mut args = Args::with_capacity(self.args.len());
        for (name, value) in &self.args {
            args.push(name.clone(), value.clone());
        }
        args
    }

    fn sub_errors(&self) -> &[SubError] {
        &self.subs
    }

    fn is_redacted(&self) -> bool {
        self.status.is_server_error() && self.redact
    }
}

/// Every string in a JSON value, member names included.
pub fn json_strings<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => {
            for item in items {
                json_strings(item, out);
            }
        }
        serde_json::Value::Object(members) => {
            for (name, member) in members {
                out.push(name);
                json_strings(member, out);
            }
        }
        _ => {}
    }
}
