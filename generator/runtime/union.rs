// Untagged unions whose variants can read the same object. serde's `untagged` takes the
// first variant that reads it and drops what that variant does not declare; these take the
// variant that keeps the most of it, and an `anyOf` whose members can all hold keeps every
// member that reads it. Shipped when an API has such a type.

/// What a variant keeps of an object it reads.
#[allow(dead_code, reason = "each union uses the kinds its variants are")]
pub(crate) enum Keeps {
    /// Nothing: the variant reads no objects.
    Nothing,
    /// The properties its struct declares.
    Properties(&'static [&'static str]),
    /// Every property.
    Everything,
}

/// One variant of an untagged union, as [`read_untagged`] tries it.
pub(crate) struct Variant<T> {
    pub(crate) name: &'static str,
    pub(crate) keeps: Keeps,
    /// Properties the variant fixes to one text, as (property, text): an object that gives
    /// another text there is not this variant.
    pub(crate) constants: &'static [(&'static str, &'static str)],
    pub(crate) read: fn(&serde_json::Value) -> Result<T, serde_json::Error>,
}

/// Reads `value` as the variant that keeps the most of it, the earlier on a tie; a variant
/// that keeps all of it ends the search. An object whose one-value properties match no
/// variant (a kind of event this version of the API does not list) is read as if the
/// variants fixed nothing, so the enums' catch-alls keep what it says. What each variant
/// found wrong is in the error when none reads it.
#[allow(dead_code, reason = "with tag features, every union can be compiled out")]
pub(crate) fn read_untagged<T, E: serde::de::Error>(
    value: &serde_json::Value,
    expecting: &str,
    variants: &[Variant<T>],
) -> Result<T, E> {
    let mut problems = Vec::new();
    let matching = |variant: &&Variant<T>| {
        let Some(object) = value.as_object() else { return true };
        variant.constants.iter().all(|(property, text)| {
            object.get(*property).and_then(serde_json::Value::as_str).is_none_or(|given| given == *text)
        })
    };
    if let Some(read) = most_kept(value, variants.iter().filter(matching), &mut problems) {
        return Ok(read);
    }
    if variants.iter().any(|variant| !variant.constants.is_empty()) {
        problems.clear();
        if let Some(read) = most_kept(value, variants.iter(), &mut problems) {
            return Ok(read);
        }
    }
    Err(E::custom(format!("no variant of {expecting} reads this value ({})", problems.join("; "))))
}

fn most_kept<'v, T: 'v>(
    value: &serde_json::Value,
    variants: impl Iterator<Item = &'v Variant<T>>,
    problems: &mut Vec<String>,
) -> Option<T> {
    let object = value.as_object();
    let mut best: Option<(usize, T)> = None;
    for variant in variants {
        match (variant.read)(value) {
            Ok(read) => {
                let (kept, whole) = match (object, &variant.keeps) {
                    (None, _) => (0, true),
                    (Some(object), Keeps::Properties(names)) => {
                        let kept = object.keys().filter(|key| names.contains(&key.as_str())).count();
                        (kept, kept == object.len())
                    }
                    (Some(object), Keeps::Everything) => (object.len(), true),
                    (Some(object), Keeps::Nothing) => (0, object.is_empty()),
                };
                if best.as_ref().is_none_or(|(most, _)| kept > *most) {
                    best = Some((kept, read));
                }
                if whole {
                    break;
                }
            }
            Err(error) => problems.push(format!("{}: {error}", variant.name)),
        }
    }
    best.map(|(_, read)| read)
}

/// `value` as one member of an `anyOf`, or `None` with what was wrong noted.
#[allow(dead_code, reason = "with tag features, every union can be compiled out")]
pub(crate) fn read_member<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    match T::deserialize(value) {
        Ok(read) => Some(read),
        Err(error) => {
            problems.push(format!("{name}: {error}"));
            None
        }
    }
}

/// The error for a value no member of an `anyOf` reads.
#[allow(dead_code, reason = "with tag features, every union can be compiled out")]
pub(crate) fn no_member_reads<E: serde::de::Error>(expecting: &str, problems: &[String]) -> E {
    E::custom(format!("no member of {expecting} reads this value ({})", problems.join("; ")))
}

/// Writes the members of an `anyOf` that are set as one object: each member's properties,
/// the first member's value where two write the same property.
#[allow(dead_code, reason = "with tag features, every union can be compiled out")]
pub(crate) fn write_members<S: serde::Serializer, const N: usize>(
    serializer: S,
    members: [Result<Option<serde_json::Value>, serde_json::Error>; N],
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    let mut merged = serde_json::Map::new();
    for member in members {
        match member.map_err(S::Error::custom)? {
            Some(serde_json::Value::Object(object)) => {
                for (property, value) in object {
                    merged.entry(property).or_insert(value);
                }
            }
            Some(other) => return Err(S::Error::custom(format!("an anyOf member wrote {other}, not an object"))),
            None => {}
        }
    }
    serde::Serialize::serialize(&merged, serializer)
}
