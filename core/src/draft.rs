//! The form draft kept in the browser's local storage, so a reload loses nothing.
//!
//! A wire format, kept apart from the model: a version tag and the form's text. Decoding never
//! panics; anything unreadable (hand-edited, truncated, from a future version) is an error the
//! app answers by starting from defaults.

use serde::{Deserialize, Serialize};

use crate::baseline::BaselineForm;

/// Version written by [`encode`].
pub const DRAFT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct DraftV1 {
    version: u32,
    baseline: BaselineForm,
}

/// Serialises `form` for storage.
pub fn encode(form: &BaselineForm) -> String {
    let draft = DraftV1 {
        version: DRAFT_VERSION,
        baseline: form.clone(),
    };
    // A struct of strings always serialises; the fallback only satisfies the type.
    serde_json::to_string(&draft).unwrap_or_default()
}

/// Reads a stored draft.
///
/// # Errors
/// A message when `stored` is not JSON of a known draft version.
pub fn decode(stored: &str) -> Result<BaselineForm, String> {
    let draft: DraftV1 =
        serde_json::from_str(stored).map_err(|e| format!("unreadable saved draft: {e}"))?;
    if draft.version != DRAFT_VERSION {
        return Err(format!(
            "saved draft has version {}, this app reads version {DRAFT_VERSION}",
            draft.version
        ));
    }
    Ok(draft.baseline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_exactly_even_when_invalid() {
        let form = BaselineForm {
            peak_rps: "12.".into(),
            min_instances: "  x ".into(),
            ..BaselineForm::default()
        };
        assert_eq!(decode(&encode(&form)), Ok(form));
    }

    #[test]
    fn rejects_garbage_and_other_versions() {
        assert!(decode("").is_err());
        assert!(decode("{").is_err());
        assert!(decode("[1,2]").is_err());
        assert!(decode(r#"{"version":2,"baseline":{}}"#)
            .unwrap_err()
            .contains("version 2"));
    }

    #[test]
    fn missing_fields_fall_back_to_defaults() {
        let form = decode(r#"{"version":1,"baseline":{"peak_rps":"9"}}"#).unwrap();
        assert_eq!(form.peak_rps, "9");
        assert_eq!(form.min_instances, BaselineForm::default().min_instances);
    }
}
