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

/// Reads a required property's value into its slot.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn read_required<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads an optional property's value (an `Option` or a `Tristate`) into its slot.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn read_optional<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Skips the value of a property the struct does not know.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn skip_value<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>()?;
    Ok(())
}

/// Serde's "missing field" error, for a required property the object lacks.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn missing_field<E: serde::de::Error>(property: &'static str) -> E {
    E::missing_field(property)
}

/// Implements `Deserialize` for a generated struct through [`FromObject`]. Invoked from the
/// `models` module, whose parent holds `runtime`.
///
/// `required` fields must be present; `optional` ones (an `Option` or a `Tristate`) keep
/// their default when absent.
///
/// Each property is one call of a generic helper, with one `?` per property read and no
/// closures: with a `?` and a closure per field, GitHub's 16,000 fields took 20 s of type
/// and borrow checking instead of 8 s.
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
                        $($required_wire => super::runtime::read_required(&mut map, &mut $required),)*
                        $($optional_wire => super::runtime::read_optional(&mut map, &mut $optional),)*
                        _ => super::runtime::skip_value(&mut map),
                    }?;
                }
                $(
                    let ::std::option::Option::Some($required) = $required else {
                        return ::std::result::Result::Err(super::runtime::missing_field($required_wire));
                    };
                )*
                ::std::result::Result::Ok(Self { $($required,)* $($optional,)* })
            }
        }
    };
}
#[allow(unused_imports, reason = "with tag features, every struct can be compiled out")]
pub(crate) use from_object;
