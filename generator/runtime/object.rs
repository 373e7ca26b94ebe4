// Serde for the generated structs, shipped when an API has one. Each struct implements
// `Serialize` and `Deserialize` through `serde_struct!` instead of serde's derives: the
// derived `Deserialize` also reads structs from arrays and by field index, which JSON objects
// never need, and in an API with thousands of models that unused code was a third of the
// crate's check time. The macro also keeps each field's property name and kind in one list,
// where the derives needed a `serde` attribute on every renamed or optional field.

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

/// Skips the value of a property the struct does not know.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn skip_value<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>()?;
    Ok(())
}

/// Keeps the value of a property the struct does not declare, in its map of the others.
#[allow(dead_code, reason = "an API may have no struct that keeps undeclared properties")]
pub(crate) fn read_extra<'de, A: serde::de::MapAccess<'de>, V: serde::Deserialize<'de>>(
    map: &mut A,
    extra: &mut std::collections::BTreeMap<String, V>,
    key: &str,
) -> Result<(), A::Error> {
    extra.insert(key.to_owned(), map.next_value()?);
    Ok(())
}

/// Writes the undeclared properties after the declared ones.
#[allow(dead_code, reason = "an API may have no struct that keeps undeclared properties")]
pub(crate) fn write_extra<S: serde::ser::SerializeMap, V: serde::Serialize>(
    state: &mut S,
    extra: &std::collections::BTreeMap<String, V>,
    declared: &[&str],
) -> Result<(), S::Error> {
    writable_extra(extra, declared).try_for_each(|(key, value)| state.serialize_entry(key, value))
}

/// How many undeclared properties [`write_extra`] writes.
#[allow(dead_code, reason = "an API may have no struct that keeps undeclared properties")]
pub(crate) fn count_extra<V>(extra: &std::collections::BTreeMap<String, V>, declared: &[&str]) -> usize {
    writable_extra(extra, declared).count()
}

/// The entries of a struct's map of undeclared properties, except any whose name is one
/// of the struct's `declared` properties: those are written from their field, or left out
/// with it, never twice.
#[allow(dead_code, reason = "an API may have no struct that keeps undeclared properties")]
fn writable_extra<'a, V>(
    extra: &'a std::collections::BTreeMap<String, V>,
    declared: &'a [&str],
) -> impl Iterator<Item = (&'a String, &'a V)> {
    extra.iter().filter(|(key, _)| !declared.contains(&key.as_str()))
}

/// Serde's "missing field" error, for a required property the object lacks.
#[allow(dead_code, reason = "with tag features, every struct can be compiled out")]
pub(crate) fn missing_field<E: serde::de::Error>(property: &'static str) -> E {
    E::missing_field(property)
}

/// A field that must be present, and is always sent.
#[allow(dead_code, reason = "an API may have no field of this kind")]
pub(crate) mod required {
    use serde::ser::SerializeStruct;

    /// Empty until the property is read.
    pub(crate) fn slot<T>() -> Option<T> {
        None
    }

    pub(crate) fn read<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        *slot = Some(map.next_value()?);
        Ok(())
    }

    pub(crate) fn count<T>(_: &T) -> usize {
        1
    }

    pub(crate) fn write<S: SerializeStruct, T: serde::Serialize>(
        mut state: S,
        property: &'static str,
        value: &T,
    ) -> Result<S, S::Error> {
        state.serialize_field(property, value)?;
        Ok(state)
    }

    /// [`write`] for a struct written as a map, beside its undeclared properties.
    pub(crate) fn entry<S: serde::ser::SerializeMap, T: serde::Serialize>(
        state: &mut S,
        property: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        state.serialize_entry(property, value)
    }
}

/// A field that must be present but may be `null`: an `Option` always sent, even as `null`.
/// Like serde's derive, decoding lets it be absent too.
#[allow(dead_code, reason = "an API may have no field of this kind")]
pub(crate) mod nullable {
    #[allow(unused_imports, reason = "an API may have no field of this kind")]
    pub(crate) use super::required::{count, entry, write};

    /// Holds the field's default (`None`, `Absent`) until the property is read.
    pub(crate) fn slot<T: Default>() -> T {
        T::default()
    }

    pub(crate) fn read<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
        map: &mut A,
        slot: &mut T,
    ) -> Result<(), A::Error> {
        *slot = map.next_value()?;
        Ok(())
    }
}

/// A field that may be absent: an `Option`, or a `Tristate`, left out when `None` or `Absent`.
#[allow(dead_code, reason = "an API may have no field of this kind")]
pub(crate) mod optional {
    use serde::ser::SerializeStruct;

    #[allow(unused_imports, reason = "an API may have no field of this kind")]
    pub(crate) use super::nullable::{read, slot};

    pub(crate) fn count<T: Omittable>(value: &T) -> usize {
        usize::from(!value.is_omitted())
    }

    pub(crate) fn write<S: SerializeStruct, T: Omittable + serde::Serialize>(
        mut state: S,
        property: &'static str,
        value: &T,
    ) -> Result<S, S::Error> {
        if value.is_omitted() {
            state.skip_field(property)?;
        } else {
            state.serialize_field(property, value)?;
        }
        Ok(state)
    }

    /// [`write`] for a struct written as a map, beside its undeclared properties.
    pub(crate) fn entry<S: serde::ser::SerializeMap, T: Omittable + serde::Serialize>(
        state: &mut S,
        property: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        if value.is_omitted() {
            Ok(())
        } else {
            state.serialize_entry(property, value)
        }
    }

    /// A value that stands for a property left out of the object.
    pub(crate) trait Omittable {
        fn is_omitted(&self) -> bool;
    }

    impl<T> Omittable for Option<T> {
        fn is_omitted(&self) -> bool {
            self.is_none()
        }
    }
}

/// Implements `Serialize` and `Deserialize` for a generated struct, from its fields in
/// order: each is `name: "property" kind`, where the kind (`required`, `nullable` or
/// `optional`) names the runtime module that reads and writes it. A last `..name` is the
/// struct's map of the properties the spec does not declare (`additionalProperties`):
/// it takes every other property when read, and they are written after the fields. Invoked
/// from the `models` module, whose parent holds `runtime`.
///
/// Serialising writes the properties in the order of the fields, leaving out optional ones
/// that are `None` or `Absent`, and gives the serializer the exact count of those written.
///
/// Each property is read by one call of a generic helper, with one `?` and no closure, and
/// only required fields are checked for absence (by [`finish_field!`]): on GitHub's 16,000
/// fields, a `?` and a closure per field took 20 s of type and borrow checking instead of
/// 8 s, and checking every field cost 4 s more.
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! serde_struct {
    ($name:ident; $($field:ident: $property:literal $kind:ident,)* $(..$extra:ident)?) => {
        super::runtime::deserialize_struct! { $name; $($field: $property $kind,)* $(..$extra)? }
        super::runtime::serialize_struct! { $name; $($field: $property $kind,)* $(..$extra)? }
    };
}

/// [`serde_struct!`] for a struct the API only sends back: it implements `Serialize` only
/// with the crate's `serialize-responses` feature, since no request needs it.
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! response_struct {
    ($name:ident; $($field:ident: $property:literal $kind:ident,)* $(..$extra:ident)?) => {
        super::runtime::deserialize_struct! { $name; $($field: $property $kind,)* $(..$extra)? }
        #[cfg(feature = "serialize-responses")]
        super::runtime::serialize_struct! { $name; $($field: $property $kind,)* $(..$extra)? }
    };
}

/// The `Deserialize` half of [`serde_struct!`], through [`FromObject`].
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! deserialize_struct {
    ($name:ident; $($field:ident: $property:literal $kind:ident,)* $(..$extra:ident)?) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                super::runtime::deserialize_object(deserializer)
            }
        }

        impl super::runtime::FromObject for $name {
            const EXPECTING: &'static str = concat!("struct ", stringify!($name));

            fn from_object<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                $(let mut $field = super::runtime::$kind::slot();)*
                $(let mut $extra = ::std::collections::BTreeMap::new();)?
                while let ::std::option::Option::Some(key) = map.next_key::<super::runtime::Key<'de>>()? {
                    match &*key {
                        $($property => super::runtime::$kind::read(&mut map, &mut $field),)*
                        _ => super::runtime::undeclared!(map key $($extra)?),
                    }?;
                }
                $(super::runtime::finish_field!($kind $field $property);)*
                ::std::result::Result::Ok(Self { $($field,)* $($extra,)? })
            }
        }
    };
}

/// A property the struct does not declare: kept in its map when it has one, else skipped.
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! undeclared {
    ($map:ident $key:ident) => {
        super::runtime::skip_value(&mut $map)
    };
    ($map:ident $key:ident $extra:ident) => {
        super::runtime::read_extra(&mut $map, &mut $extra, &$key)
    };
}

/// A field after the last property is read: a missing required one is an error.
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! finish_field {
    (required $field:ident $property:literal) => {
        let ::std::option::Option::Some($field) = $field else {
            return ::std::result::Result::Err(super::runtime::missing_field($property));
        };
    };
    ($kind:ident $field:ident $property:literal) => {};
}

/// The `Serialize` half of [`serde_struct!`]: a struct, or a map when it keeps undeclared
/// properties, since their names are only known at run time.
#[allow(unused_macros, reason = "with tag features, every struct can be compiled out")]
macro_rules! serialize_struct {
    ($name:ident; $($field:ident: $property:literal $kind:ident,)*) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let count = 0 $(+ super::runtime::$kind::count(&self.$field))*;
                let state = ::serde::Serializer::serialize_struct(serializer, stringify!($name), count)?;
                $(let state = super::runtime::$kind::write(state, $property, &self.$field)?;)*
                ::serde::ser::SerializeStruct::end(state)
            }
        }
    };
    ($name:ident; $($field:ident: $property:literal $kind:ident,)* ..$extra:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let declared: &[&str] = &[$($property),*];
                let count = super::runtime::count_extra(&self.$extra, declared)
                    $(+ super::runtime::$kind::count(&self.$field))*;
                let mut state = ::serde::Serializer::serialize_map(serializer, ::std::option::Option::Some(count))?;
                $(super::runtime::$kind::entry(&mut state, $property, &self.$field)?;)*
                super::runtime::write_extra(&mut state, &self.$extra, declared)?;
                ::serde::ser::SerializeMap::end(state)
            }
        }
    };
}

#[allow(unused_imports, reason = "with tag features, every struct can be compiled out")]
pub(crate) use {deserialize_struct, finish_field, response_struct, serde_struct, serialize_struct, undeclared};
