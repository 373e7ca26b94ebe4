// Properties that are optional and nullable at once, with the generator's tri-state option.
// Included in a generated runtime only when a model has one.

/// A property that can be absent, `null`, or a value: three states an `Option` cannot tell
/// apart. `Absent` is not sent at all; `Null` is sent as `null`, which is how a `PATCH`
/// clears a value. Decoding gives `Absent` for a missing property and `Null` for `null`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Tristate<T> {
    /// Not sent, or not received.
    #[default]
    Absent,
    /// An explicit `null`.
    Null,
    Value(T),
}

impl<T> Tristate<T> {
    /// Whether the property is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, if there is one, collapsing absent and `null` into `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }
}

impl<T> From<T> for Tristate<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

/// `Some(value)` is a value and `None` is `null`: an `Option` is always present.
impl<T> From<Option<T>> for Tristate<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T: serde::Serialize> serde::Serialize for Tristate<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            // An absent field is left out of its struct; if it is serialised
            // anyway (inside a map, say) `null` is the closest there is.
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

impl<T> optional::Omittable for Tristate<T> {
    fn is_omitted(&self) -> bool {
        self.is_absent()
    }
}

/// Called only when the property is present (fields default to `Absent`).
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Tristate<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}
