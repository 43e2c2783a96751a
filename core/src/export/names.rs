//! Names in exports: RFC 1123 labels for Compose service keys, Kubernetes object names and
//! the Compose project, and safe download file names. Accented Latin letters are folded to
//! ASCII first ([`fold`]), so "Café voice pilot" becomes `cafe-voice-pilot`, not
//! `caf-voice-pilot`.

/// Longest RFC 1123 label.
pub const MAX_LABEL: usize = 63;

/// The ASCII letters a Latin-1 Supplement or Latin Extended-A letter is written with in a
/// name (lowercase: labels are lowercase): `é` → `e`, `ß` → `ss`, `Æ` → `ae`, `Ł` → `l`,
/// `Þ` → `th`. `None` for every other character (ASCII included): a hand table rather than
/// Unicode decomposition, which would need a dependency and its tables for a few letters.
///
/// # Example
/// ```
/// use headroom_core::export::fold;
/// assert_eq!(fold('é'), Some("e"));
/// assert_eq!(fold('ß'), Some("ss"));
/// assert_eq!(fold('Ž'), Some("z"));
/// assert_eq!(fold('a'), None);
/// assert_eq!(fold('日'), None);
/// ```
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'ß' => "ss",
        'Ś'..='š' | 'ſ' => "s",
        'Þ' | 'þ' => "th",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

/// Derives an RFC 1123 label (Kubernetes object names, Compose service keys and project
/// names) from a name: accented Latin letters are [`fold`]ed, ASCII letters lowercased, digits
/// kept, every other run of characters becomes one `-`, leading and trailing `-` are dropped
/// and the result is cut to 63 characters. A name with no letters or digits becomes `service`.
///
/// # Example
/// ```
/// use headroom_core::export::dns_label;
/// assert_eq!(dns_label("Web API"), "web-api");
/// assert_eq!(dns_label("payments_v2 (EU)"), "payments-v2-eu");
/// assert_eq!(dns_label("Café voice pilot"), "cafe-voice-pilot");
/// assert_eq!(dns_label("Straße Ünïon"), "strasse-union");
/// assert_eq!(dns_label("no"), "no");
/// assert_eq!(dns_label("☕☕"), "service");
/// ```
pub fn dns_label(name: &str) -> String {
    let mut label = String::with_capacity(name.len().min(MAX_LABEL));
    let mut dash = false;
    for c in name.chars() {
        let mut ascii = [0u8; 4];
        let text: &str = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase().encode_utf8(&mut ascii)
        } else if let Some(letters) = fold(c) {
            letters
        } else {
            dash = true;
            continue;
        };
        if dash && !label.is_empty() {
            label.push('-');
        }
        dash = false;
        label.push_str(text);
    }
    label.truncate(MAX_LABEL);
    let label = label.trim_end_matches('-');
    if label.is_empty() {
        "service".to_owned()
    } else {
        label.to_owned()
    }
}

/// Derives a [`dns_label`] for every name, making them unique: the second name that derives to
/// `web` becomes `web-2`, the third `web-3`. Labels in `reserved` (such as `redis`) are taken
/// from the start.
///
/// # Example
/// ```
/// use headroom_core::export::unique_labels;
/// let labels = unique_labels(["Web", "web", "Redis"], &["redis"]);
/// assert_eq!(labels, ["web", "web-2", "redis-2"]);
/// ```
pub fn unique_labels<'a>(
    names: impl IntoIterator<Item = &'a str>,
    reserved: &[&str],
) -> Vec<String> {
    // A list, not a hash set: a few names, and no hashing code in the worker for them.
    let mut taken: Vec<String> = reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut labels = Vec::new();
    for name in names {
        let base = dns_label(name);
        let mut label = base.clone();
        let mut n = 2u32;
        while taken.contains(&label) {
            let suffix = format!("-{n}");
            let keep = MAX_LABEL.saturating_sub(suffix.len()).min(base.len());
            label = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
            n = n.saturating_add(1);
        }
        taken.push(label.clone());
        labels.push(label);
    }
    labels
}

/// A download's file name: the [`dns_label`] of each part, joined by `-`, then `.` and
/// `extension` (`"compose.yaml"`, `"yaml"`). Safe on every file system: lowercase ASCII
/// letters, digits, `-` and `.` only.
///
/// # Example
/// ```
/// use headroom_core::export::file_name;
/// assert_eq!(file_name(&["Café pilot", "Base", "2027-06"], "compose.yaml"),
///            "cafe-pilot-base-2027-06.compose.yaml");
/// assert_eq!(file_name(&["../../etc/passwd"], "yaml"), "etc-passwd.yaml");
/// assert_eq!(file_name(&["Shop"], "helm-values.yaml"), "shop.helm-values.yaml");
/// ```
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let stem: Vec<String> = parts.iter().map(|part| dns_label(part)).collect();
    let extension: String = extension
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    format!("{}.{}", stem.join("-"), extension.trim_matches(['.', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_rfc_1123() {
        for name in [
            "",
            "-",
            "A",
            "Web API",
            "--x--",
            &"x".repeat(100),
            &"é".repeat(100),
            &"ß".repeat(40),
            &format!("a{}b", "-".repeat(70)),
            "日本",
            "a..b",
        ] {
            let label = dns_label(name);
            assert!(!label.is_empty() && label.len() <= MAX_LABEL, "{label}");
            assert!(label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(!label.starts_with('-') && !label.ends_with('-'), "{label}");
        }
    }

    #[test]
    fn every_latin_1_and_extended_a_letter_folds_to_ascii_letters() {
        // Latin-1 Supplement letters (× and ÷ are not letters) and all of Latin Extended-A.
        let letters = ('\u{C0}'..='\u{FF}')
            .filter(|c| !matches!(c, '×' | '÷'))
            .chain('\u{100}'..='\u{17F}');
        for c in letters {
            let folded = fold(c).unwrap_or_else(|| panic!("{c} ({:X}) is not folded", c as u32));
            assert!(
                !folded.is_empty() && folded.chars().all(|l| l.is_ascii_lowercase()),
                "{c}: {folded}"
            );
        }
        assert_eq!(fold('×'), None);
        assert_eq!(fold('\u{180}'), None);
    }

    #[test]
    fn unique_labels_stay_short_and_distinct() {
        let long = "y".repeat(80);
        let labels = unique_labels([long.as_str(), long.as_str(), long.as_str()], &[]);
        assert_eq!(labels.len(), 3);
        assert!(labels.iter().all(|l| l.len() <= MAX_LABEL));
        assert!(labels[1].ends_with("-2") && labels[2].ends_with("-3"));
    }
}
