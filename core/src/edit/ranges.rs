//! Ranges through list edits: a range names its field by path (`scenarios[2].growth…`), so
//! when a scenario or catalog entry is deleted, copied or moved its ranges move with it
//! ([`move_ranges`], [`copy_ranges`]).

use crate::plan::{Plan, Range};

/// Keeps the ranges on their fields when entries of the list at `list` (`scenarios`,
/// `catalogs.instances`) move: a range over `{list}[i]…` moves to `{list}[to(i)]…`, or goes
/// with its entry when `to(i)` is `None`. Ranges name fields by path, so a list edit that did
/// not do this would leave a range on another entry, or on none.
pub fn move_ranges(plan: &mut Plan, list: &str, to: impl Fn(usize) -> Option<usize>) {
    let Some(section) = plan.uncertainty.as_mut() else {
        return;
    };
    section.ranges.retain_mut(|range| {
        let Some(rest) = range
            .field
            .strip_prefix(list)
            .and_then(|r| r.strip_prefix('['))
        else {
            return true;
        };
        let Some((index, tail)) = rest.split_once(']') else {
            return true;
        };
        let Ok(index) = index.parse::<usize>() else {
            return true;
        };
        match to(index) {
            Some(moved) => {
                range.field = format!("{list}[{moved}]{tail}");
                true
            }
            None => false,
        }
    });
}

/// Copies the ranges of entry `from` of the list at `list` to entry `to` (a duplicated
/// scenario keeps its ranges), after [`move_ranges`] has made room.
pub fn copy_ranges(plan: &mut Plan, list: &str, from: usize, to: usize) {
    let Some(section) = plan.uncertainty.as_mut() else {
        return;
    };
    let prefix = format!("{list}[{from}]");
    let copies: Vec<Range> = section
        .ranges
        .iter()
        .filter_map(|r| {
            let tail = r.field.strip_prefix(&prefix)?;
            (tail.is_empty() || tail.starts_with(['.', '['])).then(|| Range {
                field: format!("{list}[{to}]{tail}"),
                distribution: r.distribution,
            })
        })
        .collect();
    section.ranges.extend(copies);
}

/// Where entry `i` goes when `from` moves to `to` (as [`super::move_item`] moves it).
pub fn moved_index(i: usize, from: usize, to: usize) -> usize {
    if i == from {
        to
    } else if from < to && i > from && i <= to {
        i - 1
    } else if to < from && i >= to && i < from {
        i + 1
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Distribution, Uncertainty};

    #[test]
    fn ranges_follow_their_entries_when_a_list_changes() {
        let mut plan = Plan::default();
        plan.scenarios = (0..4)
            .map(|i| crate::plan::Scenario {
                name: format!("S{i}"),
                ..plan.scenarios[0].clone()
            })
            .collect();
        let d = Distribution::Uniform {
            low: 1.0,
            high: 2.0,
        };
        let range = |field: String| Range {
            field,
            distribution: d,
        };
        let mut ranges: Vec<Range> = (0..4)
            .map(|i| range(format!("scenarios[{i}].growth.monthly_growth_pct")))
            .collect();
        ranges.push(range("baseline.units".to_owned()));
        plan.uncertainty = Some(Uncertainty {
            ranges,
            ..Uncertainty::default()
        });
        let range_of = |plan: &Plan, path: &str| {
            plan.uncertainty
                .as_ref()
                .and_then(|u| u.ranges.iter().find(|r| r.field == path))
                .map(|r| r.distribution)
        };
        let fields = |plan: &Plan| -> Vec<String> {
            let mut f: Vec<String> = plan
                .uncertainty
                .as_ref()
                .unwrap()
                .ranges
                .iter()
                .map(|r| r.field.clone())
                .collect();
            f.sort();
            f
        };
        // Scenario 1 deleted: 2 and 3 move up, 1's range goes.
        crate::edit::delete_scenario(&mut plan, 1);
        assert_eq!(
            fields(&plan),
            [
                "baseline.units",
                "scenarios[0].growth.monthly_growth_pct",
                "scenarios[1].growth.monthly_growth_pct",
                "scenarios[2].growth.monthly_growth_pct"
            ]
        );
        // Duplicated: the copy (at 1) has the original's range, the others move down.
        crate::edit::duplicate_scenario(&mut plan, 0);
        assert_eq!(fields(&plan).len(), 5);
        assert!(range_of(&plan, "scenarios[3].growth.monthly_growth_pct").is_some());
        // Moved: 0 to 2.
        plan.uncertainty.as_mut().unwrap().ranges[0].distribution = Distribution::Uniform {
            low: 0.0,
            high: 9.0,
        };
        let first = plan.uncertainty.as_ref().unwrap().ranges[0].field.clone();
        assert_eq!(first, "scenarios[0].growth.monthly_growth_pct");
        crate::edit::move_scenario(&mut plan, 0, 2);
        assert_eq!(
            range_of(&plan, "scenarios[2].growth.monthly_growth_pct"),
            Some(Distribution::Uniform {
                low: 0.0,
                high: 9.0
            })
        );
        for (from, to) in [(0, 3), (3, 0), (1, 2), (2, 1), (2, 2)] {
            let mut list: Vec<usize> = (0..4).collect();
            crate::edit::move_item(&mut list, from, to);
            for (i, item) in (0..4).map(|i| (i, i)) {
                assert_eq!(list[moved_index(i, from, to)], item, "{from} → {to}");
            }
        }
    }
}
