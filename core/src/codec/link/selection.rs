//! What the sender of a link had on show (a scenario and a month), carried as plain fragment
//! parameters beside the payload.

/// Name of the fragment parameter that carries the scenario the sender was looking at: a
/// 0-based index into the plan's scenarios (`&scenario=2` is the third).
pub const SCENARIO_KEY: &str = "scenario";

/// Name of the fragment parameter that carries the month the sender was looking at: a 1-based
/// plan month (`&month=7`).
pub const MONTH_KEY: &str = "month";

/// What the sender of a link was looking at: which scenario and which month. It travels as
/// plain fragment parameters beside the payload (`#plan=v2.…&scenario=2&month=7`), outside
/// the compressed plan: the plan is the same whatever is on show, older links have none, and
/// older versions of the page skip parameters they do not know. Both are optional: a link
/// without them opens on the page's defaults.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    /// Index of the scenario on show (0 is the first).
    pub scenario: Option<usize>,
    /// Plan month on show (1-based; month 0 is today and is never selected).
    pub month: Option<u32>,
}

impl Selection {
    /// The fragment parameters for this selection, each after a `&`: `&scenario=2&month=7`, or
    /// nothing for what is not set.
    ///
    /// # Example
    /// ```
    /// use headroom_core::codec::link::Selection;
    /// let at = Selection { scenario: Some(2), month: Some(7) };
    /// assert_eq!(at.params(), "&scenario=2&month=7");
    /// assert_eq!(Selection::default().params(), "");
    /// ```
    pub fn params(self) -> String {
        let mut text = String::new();
        if let Some(scenario) = self.scenario {
            text.push_str(&format!("&{SCENARIO_KEY}={scenario}"));
        }
        if let Some(month) = self.month {
            text.push_str(&format!("&{MONTH_KEY}={month}"));
        }
        text
    }

    /// This selection as far as a plan with `scenarios` scenarios over `horizon_months` months
    /// has it: a scenario it does not have is dropped, month 0 is dropped, and a month past
    /// the horizon becomes the last month.
    ///
    /// # Example
    /// ```
    /// use headroom_core::codec::link::Selection;
    /// let at = Selection { scenario: Some(5), month: Some(40) };
    /// assert_eq!(at.within(3, 24), Selection { scenario: None, month: Some(24) });
    /// let at = Selection { scenario: Some(2), month: Some(0) };
    /// assert_eq!(at.within(3, 24), Selection { scenario: Some(2), month: None });
    /// ```
    pub fn within(self, scenarios: usize, horizon_months: u32) -> Selection {
        Selection {
            scenario: self.scenario.filter(|&s| s < scenarios),
            month: self
                .month
                .filter(|&m| m >= 1 && horizon_months >= 1)
                .map(|m| m.min(horizon_months)),
        }
    }
}

/// The [`Selection`] a link carries (`scenario=` and `month=` parameters in its fragment).
/// Anything that is not a plain decimal number that fits is ignored, as is a parameter that
/// appears again after its first occurrence; never fails.
///
/// # Example
/// ```
/// use headroom_core::codec::link::{selection, Selection};
/// let at = selection("https://example.org/#view=v2.AwA&scenario=1&month=7");
/// assert_eq!(at, Selection { scenario: Some(1), month: Some(7) });
/// assert_eq!(selection("#plan=v2.AwA&scenario=-1&month=7x"), Selection::default());
/// assert_eq!(selection("#plan=v2.AwA"), Selection::default());
/// ```
pub fn selection(link: &str) -> Selection {
    let link = link.trim();
    let fragment = link.split_once('#').map_or(link, |(_, fragment)| fragment);
    let value = |key: &str| {
        fragment.split('&').find_map(|param| {
            param
                .trim()
                .strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('='))
        })
    };
    Selection {
        scenario: value(SCENARIO_KEY).and_then(number),
        month: value(MONTH_KEY).and_then(number),
    }
}

/// A plain decimal number (ASCII digits only, no sign, at most 9 digits) that fits `T`.
pub(super) fn number<T: TryFrom<u32>>(text: &str) -> Option<T> {
    let text = text.trim();
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u32>().ok().and_then(|n| T::try_from(n).ok())
}
