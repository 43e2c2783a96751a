//! The baseline: today's load and how one app instance copes with it.
//!
//! [`BaselineForm`] holds the text exactly as typed, so a half-typed value is never lost;
//! [`BaselineForm::validate`] turns it into a [`Baseline`] of checked numbers, or into one
//! [`FieldError`] per bad field.

use serde::{Deserialize, Serialize};

use crate::input::{FieldError, NumberSpec};

/// One input of the baseline form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BaselineField {
    PeakRps,
    CapacityPerInstanceRps,
    TargetUtilisationPct,
    MinInstances,
}

impl BaselineField {
    /// Every field, in form order.
    pub const ALL: [BaselineField; 4] = [
        BaselineField::PeakRps,
        BaselineField::CapacityPerInstanceRps,
        BaselineField::TargetUtilisationPct,
        BaselineField::MinInstances,
    ];

    /// Label, unit and accepted range. The limits are far beyond any real plan: they only catch
    /// typing mistakes (an extra zero run wild) before they become absurd fleets.
    pub const fn spec(self) -> NumberSpec {
        match self {
            BaselineField::PeakRps => NumberSpec {
                label: "Peak traffic",
                unit: "req/s",
                min: 0.0,
                max: 10_000_000.0,
                whole: false,
            },
            BaselineField::CapacityPerInstanceRps => NumberSpec {
                label: "Capacity of one instance",
                unit: "req/s",
                min: 0.001,
                max: 1_000_000.0,
                whole: false,
            },
            BaselineField::TargetUtilisationPct => NumberSpec {
                label: "Target utilisation",
                unit: "%",
                min: 1.0,
                max: 100.0,
                whole: false,
            },
            BaselineField::MinInstances => NumberSpec {
                label: "Minimum instances",
                unit: "instances",
                min: 0.0,
                max: 10_000.0,
                whole: true,
            },
        }
    }

    /// A short hint shown under the input.
    pub const fn hint(self) -> &'static str {
        match self {
            BaselineField::PeakRps => "Busiest second you plan for, across all instances.",
            BaselineField::CapacityPerInstanceRps => {
                "Requests per second one instance serves at 100 % CPU (from a load test)."
            }
            BaselineField::TargetUtilisationPct => {
                "Keep peak load below this share of capacity; 60–70 % is common."
            }
            BaselineField::MinInstances => "Floor for availability, e.g. 2 for N+1.",
        }
    }

    /// A stable key for this field in ids, test ids and the stored draft.
    pub const fn key(self) -> &'static str {
        match self {
            BaselineField::PeakRps => "peak_rps",
            BaselineField::CapacityPerInstanceRps => "capacity_per_instance_rps",
            BaselineField::TargetUtilisationPct => "target_utilisation_pct",
            BaselineField::MinInstances => "min_instances",
        }
    }
}

/// The baseline form as typed. Strings, so that "12." or "" survive until the person finishes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaselineForm {
    pub peak_rps: String,
    pub capacity_per_instance_rps: String,
    pub target_utilisation_pct: String,
    pub min_instances: String,
}

impl Default for BaselineForm {
    /// A small web service: 200 req/s at peak, 50 req/s per instance, 70 % target (the seeds'
    /// convention), two instances minimum for N+1.
    fn default() -> Self {
        BaselineForm {
            peak_rps: "200".to_owned(),
            capacity_per_instance_rps: "50".to_owned(),
            target_utilisation_pct: "70".to_owned(),
            min_instances: "2".to_owned(),
        }
    }
}

impl BaselineForm {
    /// The text currently in `field`.
    pub fn get(&self, field: BaselineField) -> &str {
        match field {
            BaselineField::PeakRps => &self.peak_rps,
            BaselineField::CapacityPerInstanceRps => &self.capacity_per_instance_rps,
            BaselineField::TargetUtilisationPct => &self.target_utilisation_pct,
            BaselineField::MinInstances => &self.min_instances,
        }
    }

    /// Replaces the text of `field`.
    pub fn set(&mut self, field: BaselineField, text: String) {
        match field {
            BaselineField::PeakRps => self.peak_rps = text,
            BaselineField::CapacityPerInstanceRps => self.capacity_per_instance_rps = text,
            BaselineField::TargetUtilisationPct => self.target_utilisation_pct = text,
            BaselineField::MinInstances => self.min_instances = text,
        }
    }

    /// Checks every field and builds a [`Baseline`].
    ///
    /// # Errors
    /// One [`FieldError`] per rejected field, in form order, so the form can mark them all at once.
    pub fn validate(&self) -> Result<Baseline, Vec<FieldError<BaselineField>>> {
        let mut errors = Vec::new();
        let mut parse = |field: BaselineField| {
            let spec = field.spec();
            spec.parse(self.get(field)).unwrap_or_else(|problem| {
                errors.push(FieldError {
                    field,
                    spec,
                    problem,
                });
                0.0
            })
        };
        let peak_rps = parse(BaselineField::PeakRps);
        let capacity_per_instance_rps = parse(BaselineField::CapacityPerInstanceRps);
        let target_utilisation_pct = parse(BaselineField::TargetUtilisationPct);
        let min_instances = parse(BaselineField::MinInstances);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Baseline {
            peak_rps,
            capacity_per_instance_rps,
            target_utilisation: target_utilisation_pct / 100.0,
            // Whole and within 0..=10 000 by its spec, so the conversion is exact.
            min_instances: min_instances as u32,
        })
    }
}

/// A checked baseline. Built only by [`BaselineForm::validate`] (or [`Baseline::new`]), so every
/// field is finite and within its [`NumberSpec`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    peak_rps: f64,
    capacity_per_instance_rps: f64,
    target_utilisation: f64,
    min_instances: u32,
}

impl Baseline {
    /// Builds a baseline from numbers, with the same checks as the form.
    ///
    /// `target_utilisation_pct` is a percentage (70 for 70 %).
    ///
    /// # Errors
    /// The first field outside its spec.
    pub fn new(
        peak_rps: f64,
        capacity_per_instance_rps: f64,
        target_utilisation_pct: f64,
        min_instances: u32,
    ) -> Result<Self, FieldError<BaselineField>> {
        let form = BaselineForm {
            peak_rps: peak_rps.to_string(),
            capacity_per_instance_rps: capacity_per_instance_rps.to_string(),
            target_utilisation_pct: target_utilisation_pct.to_string(),
            min_instances: min_instances.to_string(),
        };
        form.validate().map_err(|mut errors| errors.swap_remove(0))
    }

    /// Peak load across the fleet, requests per second.
    pub fn peak_rps(&self) -> f64 {
        self.peak_rps
    }

    /// What one instance serves at full utilisation, requests per second (> 0).
    pub fn capacity_per_instance_rps(&self) -> f64 {
        self.capacity_per_instance_rps
    }

    /// Highest planned share of capacity in use at peak, as a fraction in [0.01, 1].
    pub fn target_utilisation(&self) -> f64 {
        self.target_utilisation
    }

    /// Instances to run whatever the load.
    pub fn min_instances(&self) -> u32 {
        self.min_instances
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::FieldProblem;

    #[test]
    fn default_form_is_valid() {
        let baseline = BaselineForm::default()
            .validate()
            .expect("defaults are valid");
        assert_eq!(baseline.peak_rps(), 200.0);
        assert_eq!(baseline.target_utilisation(), 0.7);
        assert_eq!(baseline.min_instances(), 2);
    }

    #[test]
    fn reports_every_bad_field_in_form_order() {
        let mut form = BaselineForm::default();
        form.set(BaselineField::PeakRps, "lots".into());
        form.set(BaselineField::TargetUtilisationPct, "0".into());
        form.set(BaselineField::MinInstances, "1.5".into());
        let errors = form.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                BaselineField::PeakRps,
                BaselineField::TargetUtilisationPct,
                BaselineField::MinInstances
            ]
        );
        assert_eq!(errors[0].problem, FieldProblem::NotANumber);
        assert_eq!(
            errors[1].to_string(),
            "Target utilisation must be at least 1 %"
        );
    }

    #[test]
    fn zero_capacity_is_rejected_not_divided_by() {
        let err = Baseline::new(100.0, 0.0, 70.0, 1).unwrap_err();
        assert_eq!(err.field, BaselineField::CapacityPerInstanceRps);
        assert_eq!(
            err.to_string(),
            "Capacity of one instance must be at least 0.001 req/s"
        );
    }

    #[test]
    fn count_limits_are_shown_with_their_unit() {
        let mut form = BaselineForm::default();
        form.set(BaselineField::MinInstances, "20000".into());
        assert_eq!(
            form.validate().unwrap_err()[0].to_string(),
            "Minimum instances must be at most 10 000 instances"
        );
    }

    #[test]
    fn get_and_set_address_the_same_field() {
        let mut form = BaselineForm::default();
        for (i, field) in BaselineField::ALL.into_iter().enumerate() {
            form.set(field, i.to_string());
        }
        for (i, field) in BaselineField::ALL.into_iter().enumerate() {
            assert_eq!(form.get(field), i.to_string());
        }
    }
}
