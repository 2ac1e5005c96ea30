//! Differential fuzzing of terror's compiled renderer against fluent-bundle.
//!
//! The input is an `.ftl` text (up to the first NUL byte) loaded as the
//! en-US file `fuzz.ftl` of a localizer that also embeds the framework's
//! en-US files, as a service does (only en-US: nothing here renders in
//! another locale, and each one loaded costs time); the bytes after the
//! NUL choose argument
//! values. Texts that fail to load are skipped. Every message and attribute
//! the text defines is rendered with `Localizer::format` in the default
//! chain, with arguments `n`, `name`, `x`, `count` and every variable the
//! text mentions (small, negative and large integers, fractional and
//! non-finite floats, strings, booleans, null), and again with a
//! `FluentBundle` of the whole of en-US, as fluent-bundle alone would be
//! used (terror gives its bundle only the messages that need Fluent): the
//! framework's en-US files with `add_resource`, the application's (the
//! same files, then `fuzz.ftl`) with `add_resource_overriding`, the
//! builtins, no isolation marks, arguments converted as terror's
//! `fluent_value` converts them. Checks:
//! - nothing panics;
//! - a pattern Fluent lacks, terror lacks too;
//! - where Fluent formats without errors, terror gives the same text, in
//!   en-US;
//! - where Fluent reports errors, terror's text (if any) has no isolation
//!   mark and no `{$` (nor any `{` where the text cannot print one).

#![no_main]

use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use terror_core::{LanguageIdentifier, Localizer};
use terror_fuzz::{
    arg_names, args_for, fluent_value, framework_en_us, ftl_input, leaked_markup, pattern_name,
    to_args, FtlInfo,
};

/// Bigger texts only slow the fuzzer down.
const MAX_TEXT: usize = 4096;

/// The framework's en-US files, parsed once.
fn framework_en() -> &'static [FluentResource] {
    static PARSED: OnceLock<Vec<FluentResource>> = OnceLock::new();
    PARSED.get_or_init(|| {
        framework_en_us()
            .files()
            .iter()
            .map(|f| {
                FluentResource::try_new(f.source.to_owned()).expect("the framework's files parse")
            })
            .collect()
    })
}

fn en_us() -> LanguageIdentifier {
    "en-US".parse().expect("en-US is a language tag")
}

fuzz_target!(|data: &[u8]| {
    let Some((text, rest)) = ftl_input(data, MAX_TEXT) else {
        return;
    };
    let Ok(localizer) = Localizer::builder()
        .default_locale("en-US")
        .embedded(framework_en_us())
        .source("en-US", "fuzz.ftl", text)
        .build()
    else {
        return;
    };
    let info = FtlInfo::of(text);
    let mut u = Unstructured::new(rest);
    let pairs = args_for(&arg_names(&info), &info.keys, &mut u);
    let args = to_args(&pairs);

    // The reference: a bundle of every en-US file.
    let Ok(fuzz) = FluentResource::try_new(text.to_owned()) else {
        panic!("terror loaded a text fluent-syntax does not parse: {text:?}");
    };
    let en = en_us();
    let mut bundle: FluentBundle<&FluentResource> = FluentBundle::new(vec![en.clone()]);
    bundle.set_use_isolating(false);
    bundle.add_builtins().expect("NUMBER is added once");
    for resource in framework_en() {
        bundle
            .add_resource(resource)
            .expect("the framework's files do not clash");
    }
    for resource in framework_en() {
        bundle.add_resource_overriding(resource);
    }
    bundle.add_resource_overriding(&fuzz);
    let mut fluent_args = FluentArgs::with_capacity(pairs.len());
    for (name, value) in &pairs {
        fluent_args.set(name.clone(), fluent_value(value));
    }

    let chain = localizer.default_chain();
    for message in &info.messages {
        let attributes = message.attributes.iter().map(|a| Some(a.as_str()));
        for attribute in std::iter::once(None).chain(attributes) {
            let name = pattern_name(&message.id, attribute);
            let ours = localizer.format(&chain, &message.id, attribute, &args);
            let pattern = bundle
                .get_message(&message.id)
                .and_then(|m| match attribute {
                    None => m.value(),
                    Some(attr) => m.get_attribute(attr).map(|a| a.value()),
                });
            let Some(pattern) = pattern else {
                assert!(
                    ours.is_none(),
                    "{name}: Fluent has no such pattern, terror rendered {ours:?}\ntext: {text:?}\nargs: {pairs:?}",
                );
                continue;
            };
            let mut errors = Vec::new();
            let reference = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if errors.is_empty() {
                let Some(ours) = ours else {
                    panic!(
                        "{name}: Fluent renders {reference:?} without errors, terror renders nothing\ntext: {text:?}\nargs: {pairs:?}",
                    );
                };
                assert_eq!(
                    ours.text, reference,
                    "{name}: terror and Fluent differ\ntext: {text:?}\nargs: {pairs:?}",
                );
                assert_eq!(ours.locale, &en, "{name}");
            } else if let Some(ours) = ours {
                if let Some(what) = leaked_markup(&ours.text, info.can_print_braces_or_marks) {
                    panic!(
                        "{name}: terror printed {what}: {:?} (Fluent: {reference:?}, errors {errors:?})\ntext: {text:?}\nargs: {pairs:?}",
                        ours.text
                    );
                }
            }
        }
    }
});
