// Decoding of the generated structs, shipped when an API has one. Each struct implements
// `Deserialize` through `from_object!` instead of serde's derive: the derive also reads
// structs from arrays and by field index, which JSON objects never need, and in an API with
// thousands of models that unused code was a third of the crate's check time.

/// A generated struct, read from the entries of a JSON object.
///
/// A property the struct does not know is skipped. When a property appears twice, the last
/// one wins, as it does in `serde_json::Value`.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) trait FromObject: Sized {
    /// What a decoding error says was expected instead, such as "struct Repository".
    const EXPECTING: &'static str;

    fn from_object<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The body of every generated struct's `Deserialize::deserialize`.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn deserialize_object<'de, D: serde::Deserializer<'de>, T: FromObject>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
}

#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: FromObject> serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_object(map)
    }
}

/// A property name, borrowed from the input when the input allows it.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) struct Key<'de>(Cow<'de, str>);

impl Deref for Key<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
struct KeyVisitor;

impl<'de> serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }
}

/// Implements `Deserialize` for a generated struct through [`FromObject`]. Invoked from the
/// `models` module, whose parent holds `runtime`.
///
/// `required` fields must be present; `optional` ones (an `Option` or a `Tristate`) keep
/// their default when absent.
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! from_object {
    (
        $name:ident;
        required { $($required:ident: $required_wire:literal,)* }
        optional { $($optional:ident: $optional_wire:literal,)* }
    ) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                super::runtime::deserialize_object(deserializer)
            }
        }

        impl super::runtime::FromObject for $name {
            const EXPECTING: &'static str = concat!("struct ", stringify!($name));

            fn from_object<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                $(let mut $required = ::std::option::Option::None;)*
                $(let mut $optional = ::std::default::Default::default();)*
                while let ::std::option::Option::Some(key) = map.next_key::<super::runtime::Key<'de>>()? {
                    match &*key {
                        $($required_wire => $required = ::std::option::Option::Some(map.next_value()?),)*
                        $($optional_wire => $optional = map.next_value()?,)*
                        _ => {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($required: $required.ok_or_else(|| <A::Error as ::serde::de::Error>::missing_field($required_wire))?,)*
                    $($optional,)*
                })
            }
        }
    };
}
#[allow(unused_imports, reason = "with tag features, every struct can be compiled out")]
pub(crate) use from_object;
