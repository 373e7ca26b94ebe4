// Responses read leniently (`--lenient`): a required property that is missing or `null`
// takes an empty value, and each substitution is recorded as a `Deviation` on the response.
// Requests are never touched: what the caller built is what is sent.

/// How many substitutions one body may need before it is refused: a body that breaks more
/// promises than this is not the spec's, and each try decodes it again.
const MAX_REPAIRS: usize = 64;

/// The empty values tried, in order, where a value is missing: the first the type reads,
/// or the first after which decoding fails somewhere else (`{}` for a struct whose own
/// required properties are then filled in turn).
const EMPTY: [&str; 5] = ["\"\"", "0", "false", "[]", "{}"];

/// `body` read as `T` with empty values where required properties are missing or `null`,
/// and the places that took one; `None` when it fails for another reason (a value of
/// another type, say), which stays an error.
fn repaired<T: serde::de::DeserializeOwned>(body: &[u8]) -> Option<(T, Vec<Deviation>)> {
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let mut deviations = Vec::new();
    let mut failure = match attempt::<T>(&value) {
        Ok(read) => return Some((read, deviations)),
        Err(failure) => failure,
    };
    for _ in 0..MAX_REPAIRS {
        let (target, promised) = failure.repairable(&value)?;
        let mut next = None;
        for empty in EMPTY {
            let empty: serde_json::Value = serde_json::from_str(empty).ok()?;
            set(&mut value, &target, empty.clone())?;
            match attempt::<T>(&value) {
                Ok(read) => {
                    deviations.push(Deviation { path: target, promised, read_as: empty });
                    return Some((read, deviations));
                }
                Err(later) if later.place() != target => {
                    next = Some((later, empty));
                    break;
                }
                Err(_) => {}
            }
        }
        let (later, empty) = next?;
        deviations.push(Deviation { path: target, promised, read_as: empty });
        failure = later;
    }
    None
}

/// Why decoding failed, and where.
struct Failure {
    /// The JSON pointer of the value that failed (the object, for a missing property).
    at: String,
    message: String,
}

impl Failure {
    /// The pointer of the property a missing-field error names, else of the failed value.
    fn place(&self) -> String {
        match missing_property(&self.message) {
            Some(property) => format!("{}/{}", self.at, property.replace('~', "~0").replace('/', "~1")),
            None => self.at.clone(),
        }
    }

    /// Where an empty value would keep the spec's promise, and what was promised there:
    /// a missing property, or a `null` where none is allowed.
    fn repairable(&self, value: &serde_json::Value) -> Option<(String, String)> {
        if missing_property(&self.message).is_some() || value.pointer(&self.at) == Some(&serde_json::Value::Null) {
            Some((self.place(), self.message.clone()))
        } else {
            None
        }
    }
}

fn attempt<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, Failure> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut at = String::new();
        for segment in error.path().iter() {
            let part = match segment {
                serde_path_to_error::Segment::Seq { index } => index.to_string(),
                serde_path_to_error::Segment::Map { key } => key.replace('~', "~0").replace('/', "~1"),
                // A path serde cannot follow is not one to repair.
                _ => "\u{0}".to_owned(),
            };
            at.push('/');
            at.push_str(&part);
        }
        Failure { at, message: error.into_inner().to_string() }
    })
}

/// `missing field `name``, as serde words it: the property's name.
fn missing_property(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// Puts `new` at `pointer`, adding the last step to its object when it is missing there.
fn set(value: &mut serde_json::Value, pointer: &str, new: serde_json::Value) -> Option<()> {
    if let Some(place) = value.pointer_mut(pointer) {
        *place = new;
        return Some(());
    }
    let (parent, last) = pointer.rsplit_once('/')?;
    let object = value.pointer_mut(parent)?.as_object_mut()?;
    object.insert(last.replace("~1", "/").replace("~0", "~"), new);
    Some(())
}
