//! Which plural categories a selector must have: the CLDR categories a
//! locale's numbers fall into, and what kind of number an arg is.
//!
//! ```
//! use terror_ftl::plural::{NumberKind, RequiredCategories};
//!
//! let ru = RequiredCategories::new(&"ru".parse().unwrap());
//! assert_eq!(ru.for_kind(NumberKind::Integer), ["one", "few", "many"]);
//! assert_eq!(ru.for_kind(NumberKind::Decimal), ["one", "few", "many", "other"]);
//! assert_eq!(NumberKind::of_rust_type("Option<u32>"), NumberKind::Integer);
//!
//! // A region or script subtag keeps its language's rules.
//! let zh_tw = RequiredCategories::new(&"zh-TW".parse().unwrap());
//! assert_eq!(zh_tw.for_kind(NumberKind::Integer), ["other"]);
//! // A language CLDR has no rules for requires nothing.
//! let hus = RequiredCategories::new(&"hus".parse().unwrap());
//! assert!(!hus.has_rules());
//! assert!(hus.for_kind(NumberKind::Integer).is_empty());
//! ```

use intl_pluralrules::operands::PluralOperands;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

pub use crate::number_kind::NumberKind;
use crate::plural_selects::{PluralSelect, PLURAL_CATEGORIES};

/// The CLDR cardinal plural rules of `locale`: those of the whole tag
/// when CLDR has them (`pt-PT`), else those of its language and region
/// (`pt-Latn-PT` as `pt-PT`), else those of its language alone (`zh-TW`
/// as `zh`, `en-US` as `en`). `None` when CLDR has no rules for the
/// language (`hus`, `gor`).
pub fn cldr_rules(locale: &LanguageIdentifier) -> Option<PluralRules> {
    let cardinal = |l: LanguageIdentifier| PluralRules::create(l, PluralRuleType::CARDINAL).ok();
    let language_and_region =
        LanguageIdentifier::from_parts(locale.language, None, locale.region, &[]);
    let language = LanguageIdentifier::from_parts(locale.language, None, None, &[]);
    cardinal(locale.clone())
        .or_else(|| cardinal(language_and_region))
        .or_else(|| cardinal(language))
}

/// The plural categories a locale's numbers fall into, found by asking its
/// CLDR rules ([`cldr_rules`]) about sample numbers, in CLDR order
/// (`zero`, `one`, `two`, `few`, `many`, `other`).
///
/// A language CLDR has no rules for requires no category: nothing can
/// tell which of its numbers are `one` or `few`, so its selectors are not
/// checked ([`has_rules`](Self::has_rules) says so). Fluent, and terror's
/// renderer, pick its variants by English rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredCategories {
    has_rules: bool,
    integers: Vec<&'static str>,
    decimals: Vec<&'static str>,
}

impl RequiredCategories {
    /// The categories of `locale`.
    pub fn new(locale: &LanguageIdentifier) -> Self {
        let Some(rules) = cldr_rules(locale) else {
            return RequiredCategories {
                has_rules: false,
                integers: Vec::new(),
                decimals: Vec::new(),
            };
        };
        let category = |n: &str| {
            let operands = PluralOperands::try_from(n).ok()?;
            Some(category_name(&rules.select(operands).ok()?))
        };
        let mut integers = Vec::new();
        let mut decimals = Vec::new();
        let integer_samples = (0..=1000_u32)
            .map(|n| n.to_string())
            .chain(["10000", "100000", "1000000", "1000001", "10000000"].map(String::from));
        for n in integer_samples {
            if let Some(c) = category(&n) {
                if !integers.contains(&c) {
                    integers.push(c);
                }
            }
        }
        let decimal_samples = (0..=300_u32)
            .map(|n| format!("{}.{}", n / 10, n % 10))
            .chain(["0.01", "1.01", "2.25", "1.00", "2.00", "5.00", "1000000.0"].map(String::from));
        for n in decimal_samples {
            if let Some(c) = category(&n) {
                if !decimals.contains(&c) && !integers.contains(&c) {
                    decimals.push(c);
                }
            }
        }
        let order = |c: &&str| PLURAL_CATEGORIES.iter().position(|x| x == c);
        integers.sort_by_key(order);
        decimals.extend(integers.iter().copied());
        decimals.sort_by_key(order);
        RequiredCategories {
            has_rules: true,
            integers,
            decimals,
        }
    }

    /// Whether CLDR has plural rules for the locale; without them, no
    /// category is required.
    pub fn has_rules(&self) -> bool {
        self.has_rules
    }

    /// The categories a selector on a number of `kind` must have; `other`
    /// is among them only when some number falls into it (a selector's
    /// default variant covers it anyway).
    pub fn for_kind(&self, kind: NumberKind) -> &[&'static str] {
        match kind {
            NumberKind::Integer => &self.integers,
            NumberKind::Decimal => &self.decimals,
            NumberKind::NotANumber => &[],
        }
    }

    /// The categories a selector on a number of `kind` must have and
    /// `select` lacks. The default variant, whatever its key, covers
    /// `other`: a number of no listed category shows it, so `*[many]`
    /// serves Belarusian fractions as `*[other]` would.
    ///
    /// ```
    /// use terror_ftl::plural::{NumberKind, RequiredCategories};
    /// use terror_ftl::Messages;
    ///
    /// let source = "m = { $n ->\n    [one] a\n    [few] b\n   *[many] c\n}\n";
    /// let resource = terror_ftl::parse(source).unwrap();
    /// let messages = Messages::new([(source, &resource.body)]);
    /// let select = &messages.plural_selects("m").unwrap()[0];
    /// let be = RequiredCategories::new(&"be".parse().unwrap());
    /// assert!(be.missing(NumberKind::Decimal, select).is_empty());
    /// let ru = RequiredCategories::new(&"ru".parse().unwrap());
    /// assert!(ru.missing(NumberKind::Integer, select).is_empty());
    /// let ar = RequiredCategories::new(&"ar".parse().unwrap());
    /// assert_eq!(ar.missing(NumberKind::Integer, select), ["zero", "two"]);
    /// ```
    pub fn missing(&self, kind: NumberKind, select: &PluralSelect<'_>) -> Vec<&'static str> {
        self.for_kind(kind)
            .iter()
            .copied()
            .filter(|c| *c != "other" && !select.keys.contains(c))
            .collect()
    }
}

/// A category's name, as a variant key spells it.
///
/// ```
/// use intl_pluralrules::PluralCategory;
///
/// assert_eq!(terror_ftl::plural::category_name(&PluralCategory::FEW), "few");
/// ```
pub fn category_name(category: &PluralCategory) -> &'static str {
    match *category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_cldr() {
        let en = RequiredCategories::new(&"en-US".parse().unwrap());
        assert_eq!(en.for_kind(NumberKind::Integer), ["one", "other"]);
        // No CLDR rules: nothing required, rather than English's `one`.
        for unknown in ["hus", "azz", "gor", "meh", "und"] {
            let unknown = RequiredCategories::new(&unknown.parse().unwrap());
            assert!(!unknown.has_rules());
            assert!(unknown.for_kind(NumberKind::Integer).is_empty());
        }
        // Subtags fall back to the language, unless CLDR has the tag.
        for (tag, integers) in [
            ("zh-TW", &["other"][..]),
            ("zh-Hant-TW", &["other"]),
            ("ja-JP", &["other"]),
            ("ru-RU", &["one", "few", "many"]),
            ("pt", &["one", "other"]),
            ("pt-PT", &["one", "other"]),
        ] {
            let required = RequiredCategories::new(&tag.parse().unwrap());
            assert!(required.has_rules(), "{tag}");
            assert_eq!(required.for_kind(NumberKind::Integer), integers, "{tag}");
        }
        assert_eq!(
            cldr_rules(&"pt-Latn-PT".parse().unwrap()).map(|r| r.get_locale().to_string()),
            Some("pt-PT".to_owned())
        );
        let ar = RequiredCategories::new(&"ar".parse().unwrap());
        assert_eq!(
            ar.for_kind(NumberKind::Integer),
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert!(ar.for_kind(NumberKind::NotANumber).is_empty());
        // Czech fractions are `many`, which no integer is.
        let cs = RequiredCategories::new(&"cs".parse().unwrap());
        assert_eq!(cs.for_kind(NumberKind::Integer), ["one", "few", "other"]);
        assert_eq!(
            cs.for_kind(NumberKind::Decimal),
            ["one", "few", "many", "other"]
        );
    }
}
