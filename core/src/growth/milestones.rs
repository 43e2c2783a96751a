//! Milestones: inorganic growth as known counts at known months, held between them (step) or
//! joined by straight lines (linear); see the [growth module's documentation](super).

use super::explain::units_text;
use super::{clamp_units, MAX_UNITS};
use crate::explain::Explanation;
use crate::plan::{Interpolation, Milestone};

/// Milestones sorted by month (stable), a repeated month keeping its last value, counts clamped.
pub(super) fn sorted_milestones(points: &[Milestone], saturated: &mut bool) -> Vec<(u32, f64)> {
    let mut sorted: Vec<Milestone> = points.to_vec();
    crate::sort::stable_sort_by(&mut sorted, &|a, b| a.month.cmp(&b.month));
    let mut out: Vec<(u32, f64)> = Vec::with_capacity(sorted.len());
    for p in sorted {
        let units = clamp_units(p.units, saturated);
        match out.last_mut() {
            Some(last) if last.0 == p.month => last.1 = units,
            _ => out.push((p.month, units)),
        }
    }
    out
}

/// How a milestone month's value came about, for explanations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum MilestoneCase {
    /// Before the first milestone (its month): the baseline.
    BeforeFirst(u32),
    /// Exactly at a milestone.
    At,
    /// Held from the milestone at this month (the next one's month, if any).
    Held(u32, Option<u32>),
    /// On the line from the first point to the second.
    Line((u32, f64), (u32, f64)),
}

/// Units at `month` from sorted milestones, and why.
pub(super) fn milestone_value(
    points: &[(u32, f64)],
    between: Interpolation,
    baseline: f64,
    month: u32,
) -> (f64, MilestoneCase) {
    let reached = points.partition_point(|p| p.0 <= month);
    let Some(&(at, value)) = reached.checked_sub(1).and_then(|i| points.get(i)) else {
        let first = points.first().map_or(0, |p| p.0);
        return (baseline, MilestoneCase::BeforeFirst(first));
    };
    if at == month {
        return (value, MilestoneCase::At);
    }
    match (points.get(reached), between) {
        (Some(&(next, next_value)), Interpolation::Linear) => {
            // at < month < next, so the span is at least 2 and the share in (0, 1).
            let share = f64::from(month - at) / f64::from(next - at);
            let units = value + (next_value - value) * share;
            (
                units.clamp(0.0, MAX_UNITS),
                MilestoneCase::Line((at, value), (next, next_value)),
            )
        }
        (next, _) => (value, MilestoneCase::Held(at, next.map(|p| p.0))),
    }
}

pub(super) fn explain_milestone(
    explanation: Explanation,
    case: MilestoneCase,
    month: u32,
) -> Explanation {
    match case {
        MilestoneCase::BeforeFirst(first) if first > month => explanation.binding(format!(
            "units today, until the first milestone at month {first}"
        )),
        MilestoneCase::BeforeFirst(_) => explanation.binding("units today: no milestones"),
        MilestoneCase::At => explanation.binding(format!("milestone at month {month}")),
        MilestoneCase::Held(at, Some(next)) => explanation.binding(format!(
            "held from the milestone at month {at} until month {next}"
        )),
        MilestoneCase::Held(at, None) => {
            explanation.binding(format!("held from the last milestone, at month {at}"))
        }
        MilestoneCase::Line((a, va), (b, vb)) => explanation
            .formula(format!(
                "{} + ({} − {}) × ({month} − {a}) ÷ ({b} − {a})",
                units_text(va),
                units_text(vb),
                units_text(va)
            ))
            .binding(format!(
                "straight line between the milestones at months {a} and {b}"
            )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{close, means, START};
    use super::super::{explain_month, project, Projection};
    use crate::plan::{Growth, Interpolation, Milestone};
    use crate::tolerance::EXACT;

    /// The Swedish café pilot: 3 → 5 → 8 → 15 → 50 cafés at months 1, 2, 3, 6, 12.
    fn cafes(between: Interpolation) -> Growth {
        let points = [(1, 3.0), (2, 5.0), (3, 8.0), (6, 15.0), (12, 50.0)]
            .map(|(month, units)| Milestone { month, units })
            .to_vec();
        Growth::Milestones { points, between }
    }

    #[test]
    fn milestones_step_hold_the_last_reached_value() {
        let m = means(&project(3.0, &cafes(Interpolation::Step), START, 14));
        assert_eq!(&m[..6], [3.0, 5.0, 8.0, 8.0, 8.0, 15.0]);
        assert_eq!(m[10], 15.0); // month 11
        assert_eq!(m[11], 50.0); // month 12
        assert_eq!(m[13], 50.0); // after the last: held
    }

    #[test]
    fn milestones_linear_interpolate_between_points() {
        let m = means(&project(3.0, &cafes(Interpolation::Linear), START, 13));
        close(m[3], 8.0 + 7.0 / 3.0, EXACT); // month 4: 8 + (15 − 8) × 1/3
        close(m[4], 8.0 + 14.0 / 3.0, EXACT);
        assert_eq!(m[5], 15.0);
        close(m[8], 32.5, EXACT); // month 9: 15 + (50 − 15) × 3/6
        assert_eq!(m[11], 50.0);
        assert_eq!(m[12], 50.0);
    }

    #[test]
    fn milestones_before_the_first_hold_the_baseline_and_order_does_not_matter() {
        let growth = Growth::Milestones {
            points: vec![
                Milestone {
                    month: 6,
                    units: 60.0,
                },
                Milestone {
                    month: 3,
                    units: 30.0,
                },
                Milestone {
                    month: 6,
                    units: 66.0,
                },
            ],
            between: Interpolation::Linear,
        };
        let m = means(&project(10.0, &growth, START, 7));
        assert_eq!(&m[..3], [10.0, 10.0, 30.0]);
        close(m[3], 42.0, EXACT); // 30 + (66 − 30) × 1/3: the later duplicate wins
        assert_eq!(m[5], 66.0);
        assert_eq!(m[6], 66.0);
        let empty = Growth::Milestones {
            points: Vec::new(),
            between: Interpolation::Step,
        };
        assert_eq!(means(&project(7.0, &empty, START, 2)), [7.0, 7.0]);
    }

    #[test]
    fn explains_milestone_months() {
        let step = cafes(Interpolation::Step);
        let p = project(3.0, &step, START, 13);
        let say = |growth: &Growth, p: &Projection, m: u32| {
            explain_month(3.0, growth, START, m, &p.months[m as usize - 1], "cafés").sentence()
        };
        assert_eq!(say(&step, &p, 6), "15 cafés — milestone at month 6");
        assert_eq!(
            say(&step, &p, 4),
            "8 cafés — held from the milestone at month 3 until month 6"
        );
        assert_eq!(
            say(&step, &p, 13),
            "50 cafés — held from the last milestone, at month 12"
        );
        let linear = cafes(Interpolation::Linear);
        let p = project(3.0, &linear, START, 12);
        assert_eq!(
            say(&linear, &p, 4),
            "10.33 cafés = 8 + (15 − 8) × (4 − 3) ÷ (6 − 3) — straight line between the \
             milestones at months 3 and 6"
        );
    }
}
