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
//! ```

use intl_pluralrules::operands::PluralOperands;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

pub use crate::number_kind::NumberKind;
use crate::plural_selects::PLURAL_CATEGORIES;

/// The plural categories a locale's numbers fall into, found by asking its
/// CLDR rules about sample numbers, in CLDR order (`zero`, `one`, `two`,
/// `few`, `many`, `other`). A language CLDR does not know gets English
/// rules, as Fluent gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredCategories {
    integers: Vec<&'static str>,
    decimals: Vec<&'static str>,
}

impl RequiredCategories {
    /// The categories of `locale`.
    pub fn new(locale: &LanguageIdentifier) -> Self {
        let rules = PluralRules::create(locale.clone(), PluralRuleType::CARDINAL)
            .or_else(|_| PluralRules::create(unic_langid::langid!("en"), PluralRuleType::CARDINAL))
            .ok();
        let category = |n: &str| {
            let operands = PluralOperands::try_from(n).ok()?;
            Some(category_name(&rules.as_ref()?.select(operands).ok()?))
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
        RequiredCategories { integers, decimals }
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
}

fn category_name(category: &PluralCategory) -> &'static str {
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
        let unknown = RequiredCategories::new(&"x-klingon".parse().unwrap_or_default());
        assert_eq!(unknown.for_kind(NumberKind::Integer), ["one", "other"]);
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
