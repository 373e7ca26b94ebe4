//! The options a crate was generated with, recorded in the crate as `openapi-gen.yaml`, so
//! a checked-in crate says how it was made and `generate` and `check` make it the same way
//! without being told again.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The file's name in the crate's directory.
pub const FILE_NAME: &str = "openapi-gen.yaml";

/// The recorded options: those that shape the output. The crate name is recorded as it
/// was decided (so a new title in the spec does not rename the crate); the version only
/// when it was given (so it follows the spec's otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Recorded {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_license: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_repository: Option<String>,
    #[serde(default)]
    pub tri_state: bool,
    #[serde(default)]
    pub typed_formats: bool,
    /// `None`: decided by the API's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_features: Option<bool>,
    /// The overlays applied, in order, as their paths were given (relative to where
    /// `generate` ran, as the spec's path is).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlays: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lenient: bool,
}

impl Recorded {
    /// The file's text.
    pub fn to_text(&self) -> Result<String, Error> {
        let body =
            serde_yaml::to_string(self).map_err(|e| Error::Internal(format!("cannot record the options: {e}")))?;
        Ok(format!(
            "# The options openapi-gen made this crate with. `openapi-gen generate` and `check` read\n\
             # them when pointed at this directory, so `openapi-gen generate <spec> --out <this\n\
             # directory>` makes the crate the same way. An option given on the command line wins,\n\
             # and is recorded here in its turn.\n\
             {body}"
        ))
    }

    /// The options recorded in the crate at `dir`, if it has the file.
    pub fn read_from(dir: &Path) -> Result<Option<Self>, Error> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(Error::Read { path, source }),
        };
        serde_yaml::from_str(&text)
            .map(Some)
            .map_err(|e| Error::Config(format!("`{}` is not a valid options file: {e}", path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::Recorded;

    #[test]
    fn options_read_back_as_written() {
        let recorded = Recorded {
            crate_name: Some("acme-api".into()),
            crate_license: Some("MIT".into()),
            typed_formats: true,
            tag_features: Some(false),
            overlays: vec!["fixes/nullable.yaml".into(), "fixes/no-admin.yaml".into()],
            ..Recorded::default()
        };
        let text = recorded.to_text().expect("text");
        assert!(text.contains("crate-name: acme-api\n") && text.contains("typed-formats: true\n"), "{text}");
        assert!(text.contains("overlays:\n- fixes/nullable.yaml\n- fixes/no-admin.yaml\n"), "{text}");
        assert!(!text.contains("crate-version"), "{text}");
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(super::FILE_NAME), &text).expect("write");
        assert_eq!(Recorded::read_from(dir.path()).expect("reads"), Some(recorded));
        std::fs::write(dir.path().join(super::FILE_NAME), "typo-option: true\n").expect("write");
        let error = Recorded::read_from(dir.path()).expect_err("unknown option");
        assert!(error.to_string().contains("is not a valid options file"), "{error}");
        assert_eq!(Recorded::read_from(&dir.path().join("nowhere")).expect("no file"), None);
    }
}
