//! The currency a plan's prices are in: its ISO 4217 code, the prefix costs are written with
//! and how many decimals an amount of it has.
//!
//! A plan names its currency by code (`plan.currency`, `USD` when left out). There is no
//! conversion: the prices in the catalogs and the baseline are read in that currency, so the
//! templates, priced in US dollars, stay in USD. [`known`] is the list a plan may name; any
//! other code is refused by validation ([`Currency::check`]) with a sentence saying why.
//!
//! How an amount is written is decided here once, by [`Currency::prefix`]: a symbol where it
//! names only one currency in the list (`$` for USD, `€`, `£`, `¥` for JPY, `₹`), the code
//! otherwise ("CHF 120", and "AUD 120" rather than a `$` a reader would take for US dollars).
//! [`crate::format::money`] writes the digits.

/// A currency a plan can be priced in: one of [`known`] (its index there, so it is as
/// small as a byte wherever results carry it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency(u8);

/// Code, what is written before amounts (the symbol where it names one currency of this
/// list, else the code and a no-break space), and whether amounts of 1 and more are written in
/// whole units (the yen and the won have no minor unit in use) rather than with two decimals
/// below 100.
const TABLE: [(&str, &str, bool); 19] = [
    ("USD", "$", false),
    ("EUR", "€", false),
    ("GBP", "£", false),
    ("JPY", "¥", true),
    ("INR", "₹", false),
    ("AUD", "AUD\u{A0}", false),
    ("CAD", "CAD\u{A0}", false),
    ("CHF", "CHF\u{A0}", false),
    ("CNY", "CNY\u{A0}", false),
    ("SEK", "SEK\u{A0}", false),
    ("NOK", "NOK\u{A0}", false),
    ("DKK", "DKK\u{A0}", false),
    ("PLN", "PLN\u{A0}", false),
    ("BRL", "BRL\u{A0}", false),
    ("MXN", "MXN\u{A0}", false),
    ("SGD", "SGD\u{A0}", false),
    ("NZD", "NZD\u{A0}", false),
    ("ZAR", "ZAR\u{A0}", false),
    ("KRW", "KRW\u{A0}", true),
];

/// The codes of [`TABLE`], as refusals list them.
const CODES: &str = "USD, EUR, GBP, JPY, INR, AUD, CAD, CHF, CNY, SEK, NOK, DKK, PLN, BRL, MXN, \
                     SGD, NZD, ZAR, KRW";

/// The US dollar: the currency of a plan that names none, and of the templates.
pub const USD: Currency = Currency(0);

/// Every currency a plan may name, the most used first (the page's list keeps this order).
pub fn known() -> impl Iterator<Item = Currency> {
    (0..TABLE.len() as u8).map(Currency)
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl Currency {
    /// The known currency with this code; `None` for any other text.
    ///
    /// # Example
    /// ```
    /// use headroom_core::currency::{Currency, USD};
    /// assert_eq!(Currency::of("USD"), Some(USD));
    /// assert_eq!(Currency::of("EUR").map(Currency::prefix), Some("€"));
    /// assert_eq!(Currency::of("eur"), None);
    /// ```
    pub fn of(code: &str) -> Option<Currency> {
        known().find(|c| c.code() == code)
    }

    /// ISO 4217 code, three capital letters: `EUR`.
    pub fn code(self) -> &'static str {
        TABLE[usize::from(self.0) % TABLE.len()].0
    }

    /// Whether amounts of 1 and more are written in whole units (¥60, not ¥59.60).
    pub fn whole(self) -> bool {
        TABLE[usize::from(self.0) % TABLE.len()].2
    }

    /// What goes before an amount: the symbol, or the code and a no-break space ("CHF 120").
    /// The one rule for every cost the page, the tables, the charts and the explanations write.
    pub fn prefix(self) -> &'static str {
        TABLE[usize::from(self.0) % TABLE.len()].1
    }

    /// The unit of a monthly cost: "EUR/month" (table and chart headings, CSV, fields).
    pub fn per_month(self) -> String {
        format!("{}/month", self.code())
    }

    /// What is wrong with `code` as a plan's currency, in words for the field `Currency`;
    /// `None` when it is a known code.
    ///
    /// # Example
    /// ```
    /// use headroom_core::currency::Currency;
    /// assert_eq!(Currency::check("GBP"), None);
    /// assert!(Currency::check("euro").unwrap().contains("three capital letters"));
    /// assert!(Currency::check("XYZ").unwrap().contains("not a currency Headroom knows"));
    /// ```
    pub fn check(code: &str) -> Option<String> {
        if Self::of(code).is_some() {
            return None;
        }
        let shown = format!("\"{}\"", crate::text::excerpt(code));
        Some(
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                format!("Currency {shown} is not a currency Headroom knows: use one of {CODES}")
            } else {
                format!(
                    "Currency {shown} is not an ISO 4217 code: write three capital letters, such \
                     as USD, EUR or GBP"
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_three_capitals_and_differ() {
        let all: Vec<Currency> = known().collect();
        for (i, c) in all.iter().enumerate() {
            let code = c.code();
            assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(Currency::of(code), Some(*c));
            assert!(all[..i].iter().all(|o| o.code() != code));
        }
        assert_eq!(all[0], USD);
        let codes: Vec<&str> = all.iter().map(|c| c.code()).collect();
        assert_eq!(CODES, codes.join(", "));
    }

    #[test]
    fn a_symbol_only_where_it_names_one_currency() {
        let prefixes: Vec<&str> = known().map(Currency::prefix).collect();
        for c in known() {
            let code_then_space = format!("{}\u{A0}", c.code());
            assert!(c.prefix() == code_then_space || c.prefix().chars().count() == 1);
        }
        assert_eq!(prefixes[..5], ["$", "€", "£", "¥", "₹"]);
        assert_eq!(Currency::of("AUD").unwrap().prefix(), "AUD\u{A0}");
        assert_eq!(Currency::of("CHF").unwrap().prefix(), "CHF\u{A0}");
        for (i, p) in prefixes.iter().enumerate() {
            assert!(
                prefixes[..i].iter().all(|o| o != p),
                "{p} names two currencies"
            );
        }
    }

    #[test]
    fn refusals_name_the_field_and_why() {
        for code in ["", "EU", "EURO", "eur", "E1R", "€", "ＥＵＲ", "\u{202E}RUE"] {
            let message = Currency::check(code).unwrap();
            assert!(message.starts_with("Currency "), "{message}");
            assert!(message.contains("three capital letters"), "{message}");
        }
        let message = Currency::check("XTS").unwrap();
        assert!(message.contains("not a currency Headroom knows: use one of USD, EUR"));
        assert_eq!(Currency::check("JPY"), None);
    }
}
