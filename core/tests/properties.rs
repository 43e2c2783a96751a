//! Invariants of the sizing model that must hold for every accepted input.

use headroom_core::baseline::{Baseline, BaselineField, BaselineForm};
use headroom_core::draft;
use headroom_core::sizing::app_instances;
use proptest::prelude::*;

fn baseline(peak: f64, cap: f64, util: f64, min: u32) -> Baseline {
    Baseline::new(peak, cap, util, min).expect("strategy stays within the specs")
}

/// Every accepted baseline, as (peak req/s, capacity req/s, target %, minimum instances); the
/// ranges are the form's specs.
fn any_inputs() -> impl Strategy<Value = (f64, f64, f64, u32)> {
    (
        0.0..10_000_000.0f64,
        0.001..1_000_000.0f64,
        1.0..=100.0f64,
        0u32..=10_000,
    )
}

proptest! {
    /// More load never means fewer instances.
    #[test]
    fn more_load_never_means_fewer_instances(
        (peak, cap, util, min) in any_inputs(),
        extra in 0.0..1_000_000.0f64,
    ) {
        let heavier = (peak + extra).min(10_000_000.0);
        let light = app_instances(&baseline(peak, cap, util, min));
        let heavy = app_instances(&baseline(heavier, cap, util, min));
        prop_assert!(heavy.instances >= light.instances);
    }

    /// A stronger instance or a higher target never needs more instances.
    #[test]
    fn more_capacity_never_means_more_instances((peak, cap, util, min) in any_inputs()) {
        // Halve the starting point so that doubling stays within the specs.
        let (cap, util) = ((cap / 2.0).max(0.001), (util / 2.0).max(1.0));
        let base = app_instances(&baseline(peak, cap, util, min));
        prop_assert!(app_instances(&baseline(peak, cap * 2.0, util, min)).instances <= base.instances);
        prop_assert!(app_instances(&baseline(peak, cap, util * 2.0, min)).instances <= base.instances);
    }

    /// The answer honours the minimum and keeps peak utilisation within the target.
    #[test]
    fn sizing_meets_minimum_and_target((peak, cap, util, min) in any_inputs()) {
        let b = baseline(peak, cap, util, min);
        let s = app_instances(&b);
        prop_assert!(s.instances >= u64::from(min));
        prop_assert!(s.utilisation_at_peak.is_finite());
        prop_assert!(s.utilisation_at_peak <= b.target_utilisation() * (1.0 + 1e-9));
        // And it is the smallest such fleet: one fewer would exceed the target or the minimum.
        if s.instances > u64::from(min) && s.instances > 1 {
            let fewer = (s.instances - 1) as f64 * cap * b.target_utilisation();
            prop_assert!(peak > fewer * (1.0 - 1e-9));
        }
    }

    /// Any text at all in any field validates or is rejected; it never panics, and accepted
    /// values size to a finite answer.
    #[test]
    fn any_text_is_handled(texts in proptest::collection::vec(".{0,12}", 4)) {
        let mut form = BaselineForm::default();
        for (field, text) in BaselineField::ALL.into_iter().zip(texts) {
            form.set(field, text);
        }
        if let Ok(b) = form.validate() {
            prop_assert!(app_instances(&b).utilisation_at_peak.is_finite());
        }
        prop_assert_eq!(draft::decode(&draft::encode(&form)), Ok(form));
    }

    /// A hand-edited draft never panics the decoder.
    #[test]
    fn any_stored_text_decodes_or_errs(text in ".{0,64}") {
        let _ = draft::decode(&text);
    }
}
