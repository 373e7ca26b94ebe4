// The string enums' conversions, shipped when an API has one. They are written by a macro
// rather than serde's derive: the derive for an enum with a catch-all variant expands to
// several times the code, and GitHub's spec has 800 such enums.

/// Implements, for a generated string enum, `as_str`, `From<&str>`, `Display`, and
/// `Serialize` and `Deserialize` as the string. Each listed variant stands for its string;
/// any other string is kept whole in the catch-all variant after `_`, so a server that adds a
/// value does not break deployed clients. Invoked from the `models` module.
#[allow(unused_macros, reason = "with tag features, every enum can be compiled out")]
macro_rules! string_enum {
    ($name:ident; $($variant:ident: $value:literal,)* _: $other:ident,) => {
        impl $name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    };
}

#[allow(unused_imports, reason = "with tag features, every enum can be compiled out")]
pub(crate) use string_enum;
