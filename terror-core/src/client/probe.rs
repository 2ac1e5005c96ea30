//! What the code `#[derive(Terror)]` generates for [`FromProblem`] calls:
//! one probe per kind of field, each choosing at compile time (by autoref,
//! as `ArgProbe` does for args) between rebuilding the field and a typed
//! [`NotRebuildable`] error, so a field type that cannot be rebuilt never
//! stops a type from compiling. Not public API.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{short_type_name, DecodeError, FromProblem, NotRebuildable, Parts, ReceivedSubError};
use crate::shorten::shorten_middle;
use crate::terror::{SubError, Terror};

macro_rules! probe {
    ($($name:ident),*) => {$(
        /// Chooses how a field of type `T` is rebuilt. Not public API.
        pub struct $name<T: ?Sized>(PhantomData<fn() -> Box<T>>);

        impl<T: ?Sized> $name<T> {
            /// The probe.
            #[allow(clippy::new_without_default)]
            pub const fn new() -> Self {
                $name(PhantomData)
            }
        }
    )*};
}

probe!(
    DecodeProbe,
    DefaultProbe,
    SubErrorsProbe,
    ChildProbe,
    TransparentProbe
);

/// An arg field whose type deserializes.
pub trait ViaDeserialize<T> {
    /// Reads the arg `arg` from `parts`.
    fn __terror_decode(
        &self,
        parts: Parts<'_>,
        arg: &'static str,
        field: &'static str,
        rust_type: &'static str,
    ) -> Result<T, DecodeError>;
}

impl<T: DeserializeOwned> ViaDeserialize<T> for &DecodeProbe<T> {
    fn __terror_decode(
        &self,
        parts: Parts<'_>,
        arg: &'static str,
        _field: &'static str,
        rust_type: &'static str,
    ) -> Result<T, DecodeError> {
        let Some(args) = parts.args else {
            return Err(DecodeError::Redacted {
                code: parts.code.to_owned(),
            });
        };
        match args.read::<T>(arg) {
            // serde's message quotes the value it could not read, which a
            // server may make as long as it likes: its middle is cut.
            Some(value) => value.map_err(|error| DecodeError::InvalidArg {
                code: parts.code.to_owned(),
                arg,
                rust_type,
                reason: shorten_middle(error.to_string(), super::QUOTED_BYTES),
            }),
            // An `Option` left out is `None`.
            None => T::deserialize(&Value::Null).map_err(|_| DecodeError::MissingArg {
                code: parts.code.to_owned(),
                arg,
            }),
        }
    }
}

/// An arg field whose type does not deserialize.
pub trait ViaUndecodable<T> {
    /// Says the field cannot be rebuilt.
    fn __terror_decode(
        &self,
        parts: Parts<'_>,
        _arg: &'static str,
        field: &'static str,
        rust_type: &'static str,
    ) -> Result<T, DecodeError> {
        Err(DecodeError::NotRebuildable {
            code: parts.code.to_owned(),
            field,
            reason: NotRebuildable::NotDeserializable { rust_type },
        })
    }
}

impl<T> ViaUndecodable<T> for DecodeProbe<T> {}

/// A skipped field whose type has a default.
pub trait ViaDefault<T> {
    /// The default.
    fn __terror_default(
        &self,
        code: &str,
        field: &'static str,
        rust_type: &'static str,
    ) -> Result<T, DecodeError>;
}

impl<T: Default> ViaDefault<T> for &DefaultProbe<T> {
    fn __terror_default(
        &self,
        _code: &str,
        _field: &'static str,
        _rust_type: &'static str,
    ) -> Result<T, DecodeError> {
        Ok(T::default())
    }
}

/// A skipped field whose type has no default.
pub trait ViaNoDefault<T> {
    /// Says the field cannot be rebuilt.
    fn __terror_default(
        &self,
        code: &str,
        field: &'static str,
        rust_type: &'static str,
    ) -> Result<T, DecodeError> {
        Err(DecodeError::NotRebuildable {
            code: code.to_owned(),
            field,
            reason: NotRebuildable::SkippedWithoutDefault { rust_type },
        })
    }
}

impl<T> ViaNoDefault<T> for DefaultProbe<T> {}

/// Rebuilds one child item as a sub-error, or says its code is not the
/// type's.
pub type ChildDecoder = fn(&ReceivedSubError) -> Result<SubError, DecodeError>;

/// The [`ChildDecoder`] of a type that implements [`FromProblem`].
pub(crate) fn child_decoder<T>(item: &ReceivedSubError) -> Result<SubError, DecodeError>
where
    T: FromProblem + Terror + Send + Sync + 'static,
{
    T::from_item(item).map(|child| item.locate(SubError::new(child)))
}

/// A declared child type that can be rebuilt.
pub trait ViaFromProblem {
    /// Its decoder.
    fn __terror_child(&self) -> Option<ChildDecoder>;
}

impl<T> ViaFromProblem for &ChildProbe<T>
where
    T: FromProblem + Terror + Send + Sync + 'static,
{
    fn __terror_child(&self) -> Option<ChildDecoder> {
        Some(child_decoder::<T>)
    }
}

/// A declared child type that cannot be rebuilt.
pub trait ViaNotChild {
    /// No decoder.
    fn __terror_child(&self) -> Option<ChildDecoder> {
        None
    }
}

impl<T: ?Sized> ViaNotChild for ChildProbe<T> {}

/// An `errors` field of a collection that a `Vec<SubError>` converts into.
pub trait ViaFromVec<T> {
    /// Rebuilds every item with the first decoder that knows its code.
    fn __terror_children(
        &self,
        parts: Parts<'_>,
        field: &'static str,
        rust_type: &'static str,
        decoders: &[Option<ChildDecoder>],
    ) -> Result<T, DecodeError>;
}

impl<T: From<Vec<SubError>>> ViaFromVec<T> for &SubErrorsProbe<T> {
    fn __terror_children(
        &self,
        parts: Parts<'_>,
        field: &'static str,
        _rust_type: &'static str,
        decoders: &[Option<ChildDecoder>],
    ) -> Result<T, DecodeError> {
        let undeclared = || DecodeError::NotRebuildable {
            code: parts.code.to_owned(),
            field,
            reason: NotRebuildable::UndeclaredChildren,
        };
        let mut children = Vec::with_capacity(parts.errors.len());
        for (index, item) in parts.errors.iter().enumerate() {
            let mut unknown = None;
            for decoder in decoders {
                let Some(decoder) = decoder else {
                    return Err(undeclared());
                };
                match decoder(item) {
                    Ok(child) => {
                        children.push(child);
                        unknown = None;
                        break;
                    }
                    Err(error @ DecodeError::UnknownCode { .. }) => unknown = Some(error),
                    Err(error) => {
                        return Err(DecodeError::Child {
                            code: parts.code.to_owned(),
                            index,
                            error: Box::new(error),
                        })
                    }
                }
            }
            if children.len() == index {
                return Err(match unknown {
                    Some(error) => DecodeError::Child {
                        code: parts.code.to_owned(),
                        index,
                        error: Box::new(error),
                    },
                    None => undeclared(),
                });
            }
        }
        Ok(T::from(children))
    }
}

/// An `errors` field of any other collection.
pub trait ViaNotVec<T> {
    /// Says the field cannot be rebuilt.
    fn __terror_children(
        &self,
        parts: Parts<'_>,
        field: &'static str,
        rust_type: &'static str,
        _decoders: &[Option<ChildDecoder>],
    ) -> Result<T, DecodeError> {
        Err(DecodeError::NotRebuildable {
            code: parts.code.to_owned(),
            field,
            reason: NotRebuildable::ChildCollection { rust_type },
        })
    }
}

impl<T> ViaNotVec<T> for SubErrorsProbe<T> {}

/// A transparent variant's inner type that can be rebuilt.
pub trait ViaTransparent<T> {
    /// Rebuilds it, or says the code is not its.
    fn __terror_inner(&self, parts: Parts<'_>) -> Result<T, DecodeError>;
}

impl<T: FromProblem> ViaTransparent<T> for &TransparentProbe<T> {
    fn __terror_inner(&self, parts: Parts<'_>) -> Result<T, DecodeError> {
        T::from_parts(parts)
    }
}

/// A transparent variant's inner type that cannot be rebuilt: its codes
/// are unknown here.
pub trait ViaNotTransparent<T> {
    /// Says the code is not one this variant can rebuild.
    fn __terror_inner(&self, parts: Parts<'_>) -> Result<T, DecodeError> {
        Err(DecodeError::UnknownCode {
            code: parts.code.to_owned(),
            expected: short_type_name::<T>(),
        })
    }
}

impl<T> ViaNotTransparent<T> for TransparentProbe<T> {}
