//! The macros terror-core exports, and those the code of
//! `#[derive(Terror)]` calls: they name only `$crate::__private` paths.
//!
//! `IntoResponse` and `IntoResponses` depend on terror-core's features,
//! which the deriving crate cannot see: the derive always calls
//! `__private::impl_into_response!` and `__private::impl_into_responses!`,
//! which implement the trait with the feature on and expand to nothing with
//! it off.

/// Embeds a `locales/` folder at compile time: every `<locale>/*.ftl` file,
/// with the path taken relative to the crate's `Cargo.toml`. Editing a file
/// rebuilds the crate; for a *new* file to rebuild it too, add a build
/// script with one line (stable Rust lets only build scripts watch a folder):
///
/// ```no_run
/// // build.rs, beside Cargo.toml: its `main` is this one line.
/// println!("cargo:rerun-if-changed=locales");
/// ```
///
/// The folder must be inside the package for it to be published with it.
///
/// ```
/// // A service writes `embed_locales!("locales")`; this is terror-core's own folder.
/// let locales: terror_core::EmbeddedLocales = terror_core::embed_locales!("messages");
/// assert!(locales.files().iter().any(|f| f.locale == "ru"));
/// ```
#[macro_export]
macro_rules! embed_locales {
    ($dir:literal $(,)?) => {
        $crate::__private::embed_locales!($crate, $dir)
    };
}

/// Registers a library's `locales/` folder (as [`embed_locales!`] reads
/// it) so that every [`Localizer`](crate::localizer::Localizer) built in a program that links the
/// library has the library's messages, in every language the library
/// translated them into; the service does nothing. terror-axum registers
/// its `request.*` messages this way. A service's own files override any
/// registered message; see [`RegisteredLocales`](crate::localizer::RegisteredLocales).
///
/// ```
/// // In a library of errors, at the crate root (usually `"locales"`):
/// terror_core::register_locales!("tests/locales");
///
/// # fn main() {
/// let registered = terror_core::RegisteredLocales::all();
/// assert!(registered.iter().any(|r| r.package() == "terror-core"));
/// # }
/// ```
#[macro_export]
macro_rules! register_locales {
    ($dir:literal $(,)?) => {
        $crate::__private::inventory::submit! {
            $crate::__private::RegisteredLocales::new(
                ::core::env!("CARGO_PKG_NAME"),
                $crate::__private::embed_locales!($crate, $dir),
            )
        }
    };
}

/// `IntoResponse` for a derived error (the `axum` feature).
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __terror_into_response {
    ([$($generics:tt)*] $ty:ty [$($bounds:tt)*]) => {
        impl<$($generics)*> $crate::__private::IntoResponse for $ty
        where
            $($bounds)*
        {
            fn into_response(self) -> $crate::__private::Response {
                $crate::__private::into_response(self)
            }
        }
    };
}

/// Expands to nothing without the `axum` feature.
#[cfg(not(feature = "axum"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __terror_no_into_response {
    ($($tokens:tt)*) => {};
}

/// `FromProblem` for a derived error (the `client` feature): the derive
/// hands the impl over whole.
#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __terror_from_problem {
    ($($impl:tt)*) => { $($impl)* };
}

/// Expands to nothing without the `client` feature: a service that never
/// decodes its own errors does not compile a decoder for each.
#[cfg(not(feature = "client"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __terror_no_from_problem {
    ($($tokens:tt)*) => {};
}

/// `From<E> for tonic::Status` for a derived error (the `tonic` feature).
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __terror_into_status {
    ([$($generics:tt)*] $ty:ty [$($bounds:tt)*]) => {
        impl<$($generics)*> ::core::convert::From<$ty> for $crate::__private::Status
        where
            $($bounds)*
        {
            fn from(error: $ty) -> Self {
                $crate::__private::into_status_boxed(::std::boxed::Box::new(error))
            }
        }
    };
}

/// Expands to nothing without the `tonic` feature.
#[cfg(not(feature = "tonic"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __terror_no_into_status {
    ($($tokens:tt)*) => {};
}

/// `IntoResponses` and the args' schemas for a derived error (the `utoipa`
/// feature).
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __terror_into_responses {
    (
        [$($generics:tt)*] $ty:ty [$($bounds:tt)*]
        [$(($parent:literal, [$($child:ty),*])),*]
        [$([$(($arg:ty, $rust:literal)),*]),*]
    ) => {
        impl<$($generics)*> $crate::__private::ArgSchemas for $ty
        where
            $($bounds)*
        {
            fn arg_schemas(out: &mut $crate::__private::ArgSchemaMap) {
                #[allow(unused_imports)]
                use $crate::__private::{ViaAnySchema as _, ViaPartialSchema as _};
                // The derive names each distinct list of arg types once, not
                // each variant: an entry takes the list its own arg types,
                // as written, spell (one at most, the lists being distinct).
                for entry in <Self as $crate::__private::Entries>::entries() {
                    let written: ::std::vec::Vec<&str> =
                        entry.args().iter().map(|arg| arg.rust_type()).collect();
                    $({
                        let list: &[&str] = &[$($rust),*];
                        if written == list {
                            out.insert(entry.code(), ::std::vec![$(
                                (&&$crate::__private::SchemaProbe::<$arg>::new()).__terror_schema($rust)
                            ),*]);
                        }
                    })*
                }
            }
        }

        impl<$($generics)*> $crate::__private::utoipa::IntoResponses for $ty
        where
            $($bounds)*
        {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::response::Response>,
            > {
                let entries: ::std::vec::Vec<&'static $crate::__private::CatalogEntry> =
                    <Self as $crate::__private::Entries>::entries().iter().collect();
                let mut schemas = $crate::__private::ArgSchemaMap::new();
                <Self as $crate::__private::ArgSchemas>::arg_schemas(&mut schemas);
                let children: ::std::vec::Vec<(&str, ::std::vec::Vec<&'static $crate::__private::CatalogEntry>)> =
                    ::std::vec![$((
                        $parent,
                        {
                            let mut kids = ::std::vec::Vec::new();
                            $(
                                <$child as $crate::__private::ArgSchemas>::arg_schemas(&mut schemas);
                                for kid in <$child as $crate::__private::Entries>::entries() {
                                    // The first type with a code rebuilds it.
                                    if !kids.iter().any(|k: &&$crate::__private::CatalogEntry| k.code() == kid.code()) {
                                        kids.push(kid);
                                    }
                                }
                            )*
                            kids
                        },
                    )),*];
                $crate::__private::openapi_responses(&entries, &children, &schemas)
            }
        }
    };
}

/// Expands to nothing without the `utoipa` feature.
#[cfg(not(feature = "utoipa"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __terror_no_into_responses {
    ($($tokens:tt)*) => {};
}
