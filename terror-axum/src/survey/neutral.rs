//! The neutral value of every kind a type can ask for: what the recorder
//! gives a type in place of a value of the wrong kind, so that reading goes
//! on past it.
//!
//! Each is the value serde_json would hand over for the plainest JSON of
//! that kind: `0`, `""`, `false`, `null` (an absent option), `[]`, `{}`,
//! and for a struct or a tuple, one neutral value per field or element, so
//! that a struct sent as a string reads as a struct, not as one missing
//! field. An enum has no neutral value: a type that needs one rejects the
//! substitution, which ends the survey there. Every neutral value counts
//! against the survey's budget, and they nest no deeper than
//! [`NEUTRAL_DEPTH`].

use std::marker::PhantomData;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

use super::{State, NEUTRAL_BUDGET, NEUTRAL_DEPTH};

/// A deserializer that answers every method with its kind's neutral value.
pub(super) struct Neutral<'a, E> {
    state: &'a State,
    depth: usize,
    error: PhantomData<E>,
}

impl<'a, E: de::Error> Neutral<'a, E> {
    pub(super) fn new(state: &'a State, depth: usize) -> Self {
        Neutral {
            state,
            depth,
            error: PhantomData,
        }
    }

    /// Counts one neutral value against the budget and the depth.
    fn spend(&self) -> Result<(), E> {
        let made = self.state.neutral_made.get();
        if made >= NEUTRAL_BUDGET || self.depth >= NEUTRAL_DEPTH {
            return Err(E::custom("terror: no neutral value within the budget"));
        }
        self.state.neutral_made.set(made + 1);
        Ok(())
    }

    fn child(&self) -> Self {
        Neutral::new(self.state, self.depth + 1)
    }
}

macro_rules! neutral {
    ($($method:ident($($arg:ident: $ty:ty),*) => |$this:ident, $visitor:ident| $body:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* $visitor: V) -> Result<V::Value, E> {
            $(let _ = $arg;)*
            self.spend()?;
            let $this = self;
            $body
        }
    )*};
}

impl<'de, E: de::Error> Deserializer<'de> for Neutral<'_, E> {
    type Error = E;

    neutral! {
        deserialize_any() => |_this, visitor| visitor.visit_unit();
        deserialize_ignored_any() => |_this, visitor| visitor.visit_unit();
        deserialize_unit() => |_this, visitor| visitor.visit_unit();
        deserialize_unit_struct(name: &'static str) => |_this, visitor| visitor.visit_unit();
        deserialize_bool() => |_this, visitor| visitor.visit_bool(false);
        deserialize_i8() => |_this, visitor| visitor.visit_u64(0);
        deserialize_i16() => |_this, visitor| visitor.visit_u64(0);
        deserialize_i32() => |_this, visitor| visitor.visit_u64(0);
        deserialize_i64() => |_this, visitor| visitor.visit_u64(0);
        deserialize_i128() => |_this, visitor| visitor.visit_u64(0);
        deserialize_u8() => |_this, visitor| visitor.visit_u64(0);
        deserialize_u16() => |_this, visitor| visitor.visit_u64(0);
        deserialize_u32() => |_this, visitor| visitor.visit_u64(0);
        deserialize_u64() => |_this, visitor| visitor.visit_u64(0);
        deserialize_u128() => |_this, visitor| visitor.visit_u64(0);
        deserialize_f32() => |_this, visitor| visitor.visit_u64(0);
        deserialize_f64() => |_this, visitor| visitor.visit_u64(0);
        deserialize_char() => |_this, visitor| visitor.visit_char('\0');
        deserialize_str() => |_this, visitor| visitor.visit_str("");
        deserialize_string() => |_this, visitor| visitor.visit_str("");
        deserialize_identifier() => |_this, visitor| visitor.visit_str("");
        deserialize_bytes() => |_this, visitor| visitor.visit_bytes(&[]);
        deserialize_byte_buf() => |_this, visitor| visitor.visit_bytes(&[]);
        deserialize_option() => |_this, visitor| visitor.visit_none();
        deserialize_newtype_struct(name: &'static str) => |this, visitor| visitor.visit_newtype_struct(this.child());
        deserialize_seq() => |this, visitor| visitor.visit_seq(NeutralSeq::new(this.child(), 0));
        deserialize_tuple(len: usize) => |this, visitor| visitor.visit_seq(NeutralSeq::new(this.child(), len));
        deserialize_tuple_struct(name: &'static str, len: usize) => |this, visitor| visitor.visit_seq(NeutralSeq::new(this.child(), len));
        deserialize_map() => |this, visitor| visitor.visit_map(NeutralMap::new(this.child(), &[]));
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) => |this, visitor| visitor.visit_map(NeutralMap::new(this.child(), fields));
        deserialize_enum(name: &'static str, variants: &'static [&'static str]) => |_this, _visitor| Err(E::custom("terror: an enum has no neutral value"));
    }
}

/// `len` neutral elements.
pub(super) struct NeutralSeq<'a, E> {
    neutral: Neutral<'a, E>,
    remaining: usize,
}

impl<'a, E: de::Error> NeutralSeq<'a, E> {
    /// `neutral` makes the elements.
    pub(super) fn new(neutral: Neutral<'a, E>, len: usize) -> Self {
        NeutralSeq {
            neutral,
            remaining: len,
        }
    }
}

impl<'de, E: de::Error> de::SeqAccess<'de> for NeutralSeq<'_, E> {
    type Error = E;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, E> {
        if self.remaining == 0 {
            return Ok(None);
        }
        self.remaining -= 1;
        // Counted here too: a seed may never call the deserializer.
        self.neutral.spend()?;
        seed.deserialize(Neutral::new(self.neutral.state, self.neutral.depth))
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.remaining)
    }
}

/// An object with a neutral value for each of `fields`.
pub(super) struct NeutralMap<'a, E> {
    neutral: Neutral<'a, E>,
    fields: &'static [&'static str],
}

impl<'a, E: de::Error> NeutralMap<'a, E> {
    /// `neutral` makes the values.
    pub(super) fn new(neutral: Neutral<'a, E>, fields: &'static [&'static str]) -> Self {
        NeutralMap { neutral, fields }
    }
}

impl<'de, E: de::Error> de::MapAccess<'de> for NeutralMap<'_, E> {
    type Error = E;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, E> {
        let Some((field, rest)) = self.fields.split_first() else {
            return Ok(None);
        };
        self.fields = rest;
        self.neutral.spend()?;
        seed.deserialize(BorrowedStrDeserializer::new(field))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, E> {
        seed.deserialize(Neutral::new(self.neutral.state, self.neutral.depth))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}
