//! Scale up or scale out: the verdict for the type in use at one peak, and when a cheaper
//! size saves enough to be worth a move.

use super::rps;
use super::sizes::{cheapest_of, VerticalComparison};
use crate::explain::Explanation;
use crate::format;
use serde::Serialize;

/// What to do with the type in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SizeAction {
    /// Keep the type; add instances as load grows.
    ScaleOut,
    /// Move to the larger type `to` (catalog index).
    ScaleUp {
        /// Catalog index of the larger type.
        to: usize,
    },
    /// Even the largest types need more than the maximum: re-architect or raise the maximum.
    NoSizeFits,
}

/// Advice for the type in use, with its reasons.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeAdvice {
    /// Scale out, scale up, or nothing fits.
    pub action: SizeAction,
    /// Why, in words and figures.
    pub explanation: Explanation,
}

/// Smallest monthly saving, in dollars, worth moving to a larger size for.
pub const MIN_SAVING_USD_PER_MONTH: f64 = 1.0;

/// Smallest monthly saving worth moving to a larger size for, as a share of the fleet's
/// monthly cost (1 = 1 %).
pub const MIN_SAVING_PCT: f64 = 1.0;

/// Whether serving the peak for `cheaper_usd_per_month` instead of `now_usd_per_month` is worth
/// moving to a larger size: the saving is at least [`MIN_SAVING_USD_PER_MONTH`] and at least
/// [`MIN_SAVING_PCT`] of the fleet's cost now. Below that a move (new images, a migration, a
/// rollout) costs more attention than it saves; a saving of cents is noise in the prices.
///
/// # Example
/// ```
/// use headroom_core::vertical::saving_matters;
/// assert!(!saving_matters(357.6, 357.3)); // $0.30
/// assert!(!saving_matters(2_000.0, 1_990.0)); // $10, 0.5 %
/// assert!(saving_matters(357.6, 340.0)); // $17.60, 4.9 %
/// assert!(!saving_matters(f64::NAN, 1.0));
/// ```
pub fn saving_matters(now_usd_per_month: f64, cheaper_usd_per_month: f64) -> bool {
    let saving = now_usd_per_month - cheaper_usd_per_month;
    saving >= MIN_SAVING_USD_PER_MONTH && saving >= now_usd_per_month * MIN_SAVING_PCT / 100.0
}

impl VerticalComparison {
    /// Advice for the type in use, `current` (catalog index); `None` when it is not in the
    /// comparison.
    ///
    /// Scale up a size when the current count exceeds the maximum (to the cheapest larger type
    /// within it) or when a larger type serves the peak for less; otherwise scale out.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{catalog, plan::Policies, vertical::{compare_sizes, SizeAction, SizingPolicy}};
    /// let policy = SizingPolicy::from(&Policies::default());
    /// let c = compare_sizes(&catalog::default_instances(), 1000.0, &policy);
    /// // 29 × m7g.large would pass the maximum of 10; 3 × m7g.4xlarge costs $1 429.5.
    /// assert_eq!(c.advice(2).unwrap().action, SizeAction::ScaleUp { to: 5 });
    /// ```
    pub fn advice(&self, current: usize) -> Option<SizeAdvice> {
        let now = self.options.get(current)?;
        let larger = cheapest_of(self.options.iter().skip(current + 1));
        let money = |x| format::money(x, self.currency);
        let figure_now = format!(
            "{} × {} = {}/month",
            now.instances,
            now.name,
            money(now.usd_per_month)
        );
        let (action, figure, binding) = match (now.exceeds_max, larger) {
            (true, Some(up)) => (
                SizeAction::ScaleUp { to: up.instance },
                format!("scale up to {}", up.name),
                format!(
                    "{figure_now} passes the maximum of {} instances; {} × {} = {}/month stays \
                     within it",
                    self.max_instances,
                    up.instances,
                    up.name,
                    money(up.usd_per_month)
                ),
            ),
            (true, None) => (
                SizeAction::NoSizeFits,
                "no larger size fits".to_owned(),
                format!(
                    "{figure_now} passes the maximum of {} instances and so does every larger \
                     size: re-architect (shard, cache, queue) or raise the maximum",
                    self.max_instances
                ),
            ),
            (false, Some(up)) if saving_matters(now.usd_per_month, up.usd_per_month) => (
                SizeAction::ScaleUp { to: up.instance },
                format!("scale up to {}", up.name),
                format!(
                    "{} × {} serves {} for {}/month, {} less than {figure_now}",
                    up.instances,
                    up.name,
                    rps(self.peak_rps),
                    money(up.usd_per_month),
                    money(now.usd_per_month - up.usd_per_month)
                ),
            ),
            (false, _) => {
                let mut text =
                    format!("{figure_now} stays within the maximum and no larger size is cheaper");
                if let Some(up) = larger.filter(|up| up.usd_per_month < now.usd_per_month) {
                    text = format!(
                        "{figure_now} stays within the maximum; {} × {} would save only {}/month, \
                         too little to move for",
                        up.instances,
                        up.name,
                        money(now.usd_per_month - up.usd_per_month)
                    );
                }
                if let Some(best) = self.cheapest.and_then(|c| self.options.get(c)) {
                    if best.instance < current && best.usd_per_month < now.usd_per_month {
                        text.push_str(&format!(
                            "; a smaller size, {} × {}, would cost {}/month",
                            best.instances,
                            best.name,
                            money(best.usd_per_month)
                        ));
                    }
                }
                (
                    SizeAction::ScaleOut,
                    format!("scale out on {}", now.name),
                    text,
                )
            }
        };
        Some(SizeAdvice {
            action,
            explanation: Explanation::new(figure)
                .formula(now.explanation.formula.clone())
                .input("peak", rps(self.peak_rps))
                .input("type in use", now.name.clone())
                .binding(binding),
        })
    }
}
