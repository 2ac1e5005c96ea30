//! The recording deserializer: serde_json's, with every value whose kind
//! serde_json would refuse noted and replaced by a neutral one.
//!
//! For the methods it judges, the recorder asks serde_json for whatever
//! value is there (`deserialize_any`) and compares its kind with what each
//! of serde_json's own methods takes: `deserialize_str` a string,
//! `deserialize_u8` and the other numbers any number (the visitor judges
//! integers and floats, as with serde_json), `deserialize_struct` an
//! object or an array, and so on. On a value serde_json takes, the
//! visitor gets exactly the call serde_json would have made. Every other
//! method (`deserialize_any`, options, enums, newtypes, bytes, 128-bit
//! integers, identifiers) goes to serde_json's own method, with what it
//! reaches (an option's value, a newtype's, an enum's content) read through
//! the recorder again.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, Visitor};

use super::key::CaptureKey;
use super::neutral::{Neutral, NeutralMap, NeutralSeq};
use super::{Path, State, ENOUGH};
use crate::recognize::kind_of_expected;

/// A deserializer that records values of the wrong kind; see the module.
pub(super) struct Recorder<'a, D> {
    de: D,
    state: &'a State,
    path: &'a Path<'a>,
}

impl<'a, D> Recorder<'a, D> {
    pub(super) fn new(de: D, state: &'a State, path: &'a Path<'a>) -> Self {
        Recorder { de, state, path }
    }
}

/// What a judged method of serde_json's takes.
#[derive(Clone, Copy)]
pub(super) enum Want {
    Bool,
    Number,
    Char,
    Str,
    Unit,
    /// A sequence; of this length, for a tuple.
    Seq(Option<usize>),
    Map,
    /// An object with these fields, or an array.
    Struct(&'static [&'static str]),
}

/// The kind of a value serde_json found, in the words of
/// `request.wrong_type`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    Boolean,
    Integer,
    Float,
    String,
    Null,
    Array,
    Object,
}

impl Found {
    fn kind(self) -> &'static str {
        match self {
            Found::Boolean => "boolean",
            Found::Integer => "integer",
            Found::Float => "number",
            Found::String => "string",
            Found::Null => "null",
            Found::Array => "array",
            Found::Object => "object",
        }
    }
}

impl Want {
    fn takes(self, found: Found) -> bool {
        match self {
            Want::Bool => found == Found::Boolean,
            Want::Number => matches!(found, Found::Integer | Found::Float),
            Want::Char | Want::Str => found == Found::String,
            Want::Unit => found == Found::Null,
            Want::Seq(_) => found == Found::Array,
            Want::Map => found == Found::Object,
            Want::Struct(_) => matches!(found, Found::Array | Found::Object),
        }
    }
}

impl<'a, 'de, D: Deserializer<'de>> Recorder<'a, D> {
    /// Reads whatever value is there and judges it against `want`.
    fn judge<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, D::Error> {
        let (state, path) = (self.state, self.path);
        let result = self
            .de
            .deserialize_any(Wrap::new(visitor, state, path, Some(want)));
        state.settle(path, result)
    }

    fn wrap<V>(&self, visitor: V) -> Wrap<'a, V> {
        Wrap::new(visitor, self.state, self.path, None)
    }
}

macro_rules! judged {
    ($($method:ident($($arg:ident: $ty:ty),*) => $want:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            $(let _ = $arg;)*
            self.judge($want, visitor)
        }
    )*};
}

macro_rules! passed {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let (state, path) = (self.state, self.path);
            let wrapped = self.wrap(visitor);
            state.settle(path, self.de.$method($($arg,)* wrapped))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Recorder<'_, D> {
    type Error = D::Error;

    judged! {
        deserialize_bool() => Want::Bool;
        deserialize_i8() => Want::Number;
        deserialize_i16() => Want::Number;
        deserialize_i32() => Want::Number;
        deserialize_i64() => Want::Number;
        deserialize_u8() => Want::Number;
        deserialize_u16() => Want::Number;
        deserialize_u32() => Want::Number;
        deserialize_u64() => Want::Number;
        deserialize_f32() => Want::Number;
        deserialize_f64() => Want::Number;
        deserialize_char() => Want::Char;
        deserialize_str() => Want::Str;
        deserialize_string() => Want::Str;
        deserialize_unit() => Want::Unit;
        deserialize_unit_struct(name: &'static str) => Want::Unit;
        deserialize_seq() => Want::Seq(None);
        deserialize_tuple(len: usize) => Want::Seq(Some(len));
        deserialize_tuple_struct(name: &'static str, len: usize) => Want::Seq(Some(len));
        deserialize_map() => Want::Map;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) => Want::Struct(fields);
    }

    passed! {
        deserialize_any();
        deserialize_i128();
        deserialize_u128();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_newtype_struct(name: &'static str);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// The visitor the recorder hands serde_json: it passes on what `want`
/// takes (everything, without one), and records and replaces the rest.
struct Wrap<'a, V> {
    delegate: V,
    state: &'a State,
    path: &'a Path<'a>,
    want: Option<Want>,
}

impl<'a, V> Wrap<'a, V> {
    fn new(delegate: V, state: &'a State, path: &'a Path<'a>, want: Option<Want>) -> Self {
        Wrap {
            delegate,
            state,
            path,
            want,
        }
    }

    /// What is not taken, when the value found is not.
    fn refused(&self, found: Found) -> Option<Want> {
        self.want.filter(|want| !want.takes(found))
    }
}

impl<'de, V: Visitor<'de>> Wrap<'_, V> {
    /// Records the value found and gives the visitor a neutral one.
    fn substitute<E: de::Error>(self, want: Want, found: Found) -> Result<V::Value, E> {
        let expected = kind_of_expected(&Expecting(&self.delegate).to_string());
        if !self.state.record(self.path, expected, found.kind()) {
            return Err(E::custom(ENOUGH));
        }
        let neutral = Neutral::new(self.state, 0);
        match want {
            Want::Bool => self.delegate.visit_bool(false),
            Want::Number => self.delegate.visit_u64(0),
            Want::Char => self.delegate.visit_char('\0'),
            Want::Str => self.delegate.visit_str(""),
            Want::Unit => self.delegate.visit_unit(),
            Want::Seq(len) => self
                .delegate
                .visit_seq(NeutralSeq::new(neutral, len.unwrap_or(0))),
            Want::Map => self.delegate.visit_map(NeutralMap::new(neutral, &[])),
            Want::Struct(fields) => self.delegate.visit_map(NeutralMap::new(neutral, fields)),
        }
    }
}

/// A visitor's `expecting`, as serde_json's messages show it.
struct Expecting<'v, V>(&'v V);

impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

macro_rules! scalars {
    ($($method:ident($ty:ty) => $found:expr;)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            match self.refused($found) {
                Some(want) => self.substitute(want, $found),
                None => self.delegate.$method(v),
            }
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.delegate.expecting(f)
    }

    scalars! {
        visit_bool(bool) => Found::Boolean;
        visit_i8(i8) => Found::Integer;
        visit_i16(i16) => Found::Integer;
        visit_i32(i32) => Found::Integer;
        visit_i64(i64) => Found::Integer;
        visit_i128(i128) => Found::Integer;
        visit_u8(u8) => Found::Integer;
        visit_u16(u16) => Found::Integer;
        visit_u32(u32) => Found::Integer;
        visit_u64(u64) => Found::Integer;
        visit_u128(u128) => Found::Integer;
        visit_f32(f32) => Found::Float;
        visit_f64(f64) => Found::Float;
        visit_char(char) => Found::String;
        visit_str(&str) => Found::String;
        visit_borrowed_str(&'de str) => Found::String;
        visit_string(String) => Found::String;
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        match self.refused(Found::Null) {
            Some(want) => self.substitute(want, Found::Null),
            None => self.delegate.visit_unit(),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        match self.refused(Found::Null) {
            Some(want) => self.substitute(want, Found::Null),
            None => self.delegate.visit_none(),
        }
    }

    // Bytes are no kind of JSON value: only a method the recorder passes
    // on (`deserialize_bytes`) is answered with them.
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.delegate.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.delegate.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.delegate.visit_byte_buf(v)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.delegate
            .visit_some(Recorder::new(de, self.state, self.path))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.delegate
            .visit_newtype_struct(Recorder::new(de, self.state, self.path))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<V::Value, A::Error> {
        if let Some(want) = self.refused(Found::Array) {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return self.substitute(want, Found::Array);
        }
        self.delegate.visit_seq(RecSeq {
            seq,
            state: self.state,
            path: self.path,
            index: 0,
        })
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        if let Some(want) = self.refused(Found::Object) {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return self.substitute(want, Found::Object);
        }
        self.delegate.visit_map(RecMap {
            map,
            state: self.state,
            path: self.path,
            key: None,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.delegate.visit_enum(RecEnum {
            data,
            state: self.state,
            path: self.path,
        })
    }
}

/// A seed whose value is read through the recorder, at `path`.
struct RecSeed<'a, S> {
    seed: S,
    state: &'a State,
    path: &'a Path<'a>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for RecSeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        // A type may fail after its deserializer returned (`try_from`):
        // that error is at this value too.
        let result = self
            .seed
            .deserialize(Recorder::new(de, self.state, self.path));
        self.state.settle(self.path, result)
    }
}

struct RecSeq<'a, A> {
    seq: A,
    state: &'a State,
    path: &'a Path<'a>,
    index: usize,
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for RecSeq<'_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        self.seq.next_element_seed(RecSeed {
            seed,
            state: self.state,
            path: &path,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct RecMap<'a, A> {
    map: A,
    state: &'a State,
    path: &'a Path<'a>,
    /// The key of the entry being read, when it was a string or a number.
    key: Option<String>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for RecMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.key = None;
        let result = self.map.next_key_seed(CaptureKey {
            seed,
            key: &mut self.key,
        });
        if result.is_err() {
            // An unknown field is raised by its key: point at it.
            match &self.key {
                Some(key) => self.state.failed(&Path::Key(self.path, key)),
                None => self.state.failed(self.path),
            }
        }
        result
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let key = self.key.take();
        let path = match &key {
            Some(key) => Path::Key(self.path, key),
            None => *self.path,
        };
        self.map.next_value_seed(RecSeed {
            seed,
            state: self.state,
            path: &path,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An enum read through serde_json's `deserialize_enum`: its content is
/// read through the recorder at the enum's own pointer.
struct RecEnum<'a, A> {
    data: A,
    state: &'a State,
    path: &'a Path<'a>,
}

impl<'a, 'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for RecEnum<'a, A> {
    type Error = A::Error;
    type Variant = RecEnum<'a, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, data) = self.data.variant_seed(seed)?;
        let variant = RecEnum {
            data,
            state: self.state,
            path: self.path,
        };
        Ok((value, variant))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for RecEnum<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.data.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.data.newtype_variant_seed(RecSeed {
            seed,
            state: self.state,
            path: self.path,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let wrapped = Wrap::new(visitor, self.state, self.path, None);
        self.data.tuple_variant(len, wrapped)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let wrapped = Wrap::new(visitor, self.state, self.path, None);
        self.data.struct_variant(fields, wrapped)
    }
}
