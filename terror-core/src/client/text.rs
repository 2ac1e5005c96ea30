//! An arg received as text (gRPC's `ErrorInfo.metadata`), read as its
//! field's type reads it.
//!
//! A terror server writes each arg of a status as text: a string as
//! itself, any other value as its JSON, a `null` not at all. Text alone
//! does not say which it was (`"42"` may be the string or the number),
//! but the field it goes back into does: [`TextValue`] is a
//! `Deserializer` that gives a type asking for a string the text as it
//! is, and any other type the JSON the text holds. So `Option<String>`
//! gets `Some("null")` back from `null`, `u64` gets 42 from `42`, and a
//! newtype or a unit enum serialized as a string gets its string.

use serde::de::value::StrDeserializer;
use serde::de::{Error as _, IntoDeserializer as _, Unexpected, Visitor};
use serde::Deserializer;
use serde_json::{Error, Value};

/// One arg's text; see the [module](self).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextValue<'a>(pub(crate) &'a str);

impl TextValue<'_> {
    /// The JSON the text holds, or the error a type expecting JSON gets.
    fn json(self, expected: &dyn serde::de::Expected) -> Result<Value, Error> {
        serde_json::from_str(self.0)
            .map_err(|_| Error::invalid_type(Unexpected::Str(self.0), expected))
    }
}

/// Types that read a JSON value: the text's JSON, handed on.
macro_rules! from_json {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.json(&visitor)?.$method(visitor)
        }
    )*};
}

/// Types that read a string: the text as it is.
macro_rules! from_text {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_str(self.0)
        }
    )*};
}

impl<'de> Deserializer<'de> for TextValue<'_> {
    type Error = Error;

    /// No type to go by (`serde_json::Value`, an untagged enum): the JSON
    /// the text holds, else the text.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match serde_json::from_str::<Value>(self.0) {
            Ok(value) => value.deserialize_any(visitor),
            Err(_) => visitor.visit_str(self.0),
        }
    }

    from_json!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_bytes,
        deserialize_byte_buf
    );

    from_text!(
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_identifier
    );

    /// JSON has no NaN or infinity; Rust writes them `NaN`, `inf`, `-inf`.
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.parse::<f64>() {
            Ok(number) => visitor.visit_f64(number),
            Err(_) => self.json(&visitor)?.deserialize_f64(visitor),
        }
    }

    /// A `null` is not sent: text that is there is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.json(&visitor)?.deserialize_unit_struct(name, visitor)
    }

    /// A newtype reads the text as its inner type does.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.json(&visitor)?.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.json(&visitor)?
            .deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.json(&visitor)?
            .deserialize_struct(name, fields, visitor)
    }

    /// A unit variant is written as its name, a string; a variant with
    /// data as a JSON object.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.0.trim_start().starts_with('{') {
            self.json(&visitor)?
                .deserialize_enum(name, variants, visitor)
        } else {
            let variant: StrDeserializer<'_, Error> = self.0.into_deserializer();
            variant.deserialize_enum(name, variants, visitor)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

#[cfg(test)]
// A number must come back exactly as it was written.
#[allow(clippy::float_cmp)]
mod tests {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Serialize};

    use super::*;

    fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        T::deserialize(TextValue(text)).map_err(|error| error.to_string())
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Name(String);

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Tier {
        Fast,
        Cold { days: u32 },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Quota {
        gb: u64,
    }

    #[test]
    fn a_string_type_gets_the_text_whatever_it_looks_like() {
        for text in ["db-02", "42", "null", "true", "[1]", "{\"a\":1}", "", " x "] {
            assert_eq!(read::<String>(text).unwrap(), text);
            assert_eq!(read::<Option<String>>(text).unwrap().as_deref(), Some(text));
            assert_eq!(read::<Cow<'static, str>>(text).unwrap(), text);
            assert_eq!(read::<Name>(text).unwrap(), Name(text.to_owned()));
        }
        assert_eq!(read::<char>("é").unwrap(), 'é');
    }

    #[test]
    fn other_types_get_the_json_the_text_holds() {
        assert_eq!(read::<u64>("500").unwrap(), 500);
        assert_eq!(read::<i32>("-3").unwrap(), -3);
        assert_eq!(read::<Option<u32>>("7").unwrap(), Some(7));
        assert!(read::<bool>("true").unwrap());
        assert_eq!(read::<f64>("1.5").unwrap(), 1.5);
        assert_eq!(read::<f64>("1e300").unwrap(), 1e300);
        assert!(read::<f64>("NaN").unwrap().is_nan());
        assert_eq!(read::<f32>("-inf").unwrap(), f32::NEG_INFINITY);
        assert_eq!(
            read::<Vec<String>>(r#"["x","y, z"]"#).unwrap(),
            ["x", "y, z"]
        );
        assert_eq!(read::<Vec<u8>>("[]").unwrap(), Vec::<u8>::new());
        assert_eq!(read::<Quota>(r#"{"gb":3}"#).unwrap(), Quota { gb: 3 });
        assert_eq!(
            read::<BTreeMap<String, u8>>(r#"{"a":1}"#).unwrap(),
            BTreeMap::from([("a".to_owned(), 1)])
        );
        assert_eq!(read::<(u8, bool)>("[1,false]").unwrap(), (1, false));
        assert_eq!(read::<Value>("[1]").unwrap(), serde_json::json!([1]));
        assert_eq!(read::<Value>("db-02").unwrap(), Value::from("db-02"));
    }

    #[test]
    fn an_enum_comes_back_from_its_name_or_its_object() {
        assert_eq!(read::<Tier>("fast").unwrap(), Tier::Fast);
        assert_eq!(
            read::<Tier>(r#"{"cold":{"days":30}}"#).unwrap(),
            Tier::Cold { days: 30 }
        );
        assert!(read::<Tier>("warm")
            .unwrap_err()
            .contains("unknown variant `warm`"));
    }

    #[test]
    fn text_a_type_cannot_hold_says_so() {
        assert_eq!(
            read::<u64>("many").unwrap_err(),
            "invalid type: string \"many\", expected u64"
        );
        assert_eq!(
            read::<u8>("300").unwrap_err(),
            "invalid value: integer `300`, expected u8"
        );
        assert_eq!(
            read::<Vec<String>>("x, y").unwrap_err(),
            "invalid type: string \"x, y\", expected a sequence"
        );
        assert!(read::<bool>("").is_err());
    }

    /// What a server writes (a string as itself, anything else its JSON)
    /// comes back as it was.
    #[test]
    fn what_a_server_writes_reads_back() {
        let tags = vec!["x".to_owned(), "y, z".to_owned(), "null".to_owned()];
        let text = serde_json::to_string(&tags).unwrap();
        assert_eq!(read::<Vec<String>>(&text).unwrap(), tags);
        let tier = serde_json::to_value(Tier::Cold { days: 1 }).unwrap();
        assert_eq!(
            read::<Tier>(&tier.to_string()).unwrap(),
            Tier::Cold { days: 1 }
        );
        for number in [0.1_f64, -2.5e-300, f64::MAX, 123_456_789.0] {
            assert_eq!(read::<f64>(&number.to_string()).unwrap(), number);
        }
        assert_eq!(read::<i64>(&i64::MIN.to_string()).unwrap(), i64::MIN);
        assert_eq!(read::<u64>(&u64::MAX.to_string()).unwrap(), u64::MAX);
    }
}
