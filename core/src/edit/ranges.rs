//! A range typed into a numeric field: what the field accepts ([`read_typed`]), what it shows
//! ([`range_of`], then [`crate::uncertain::syntax::field_text`]) and how the plan keeps it
//! ([`set_range`]): the field holds the range's point value, and the uncertainty section holds
//! the range under the field's path. And ranges through list edits: a range names its field
//! by path, so when an entry of a list is removed, copied or moved its ranges go with it
//! ([`drop_entry_ranges`], [`move_ranges`], [`copy_ranges`]).

use crate::input::NumberSpec;
use crate::plan::{
    Distribution, Plan, Range, Uncertainty, DEFAULT_BAND_PCT, DEFAULT_SEED, DEFAULT_TRIALS,
};
use crate::uncertain::syntax::{self, Entry};

/// What typing `text` into a field of `spec` gives: a number as the field has always read it,
/// or (in a field of fractional numbers) a range inside the field's limits; else the end of a
/// sentence saying why not ("must be at most 100 %").
pub fn read_typed(spec: &NumberSpec, text: &str) -> Result<Entry, String> {
    let problem = match spec.parse(text) {
        Ok(value) => return Ok(Entry::Number(value)),
        Err(problem) => problem,
    };
    if spec.whole || !looks_like_range(text) {
        return Err(spec.describe(&problem));
    }
    match syntax::parse(text) {
        Ok(Entry::Range(range)) => within(spec, &range).map(|()| Entry::Range(range)),
        Ok(Entry::Number(_)) => Err(spec.describe(&problem)),
        Err(range_problem) => Err(range_problem.describe()),
    }
}

/// Whether `text` reads as an attempt at a range rather than a number: a slash, a parenthesis,
/// a dash after its first character, `..` or the word `to`. (Searched for by character and by
/// word, not with a string pattern: see [`crate::text::find`].)
pub fn looks_like_range(text: &str) -> bool {
    let t = text.trim();
    let mut after_first = t.chars();
    after_first.next();
    t.contains(['/', '(', '–', '—', '‒'])
        || after_first.as_str().contains(['-', '−'])
        || t.as_bytes().windows(2).any(|pair| pair == b"..")
        || t.split_whitespace()
            .any(|word| word.eq_ignore_ascii_case("to"))
}

/// Whether every value `range` can take (its point, and both ends of a bounded range) is one
/// the field accepts.
fn within(spec: &NumberSpec, range: &Distribution) -> Result<(), String> {
    let ends = match *range {
        Distribution::Uniform { low, high }
        | Distribution::Triangular { low, high, .. }
        | Distribution::Pert { low, high, .. } => vec![low, high],
        Distribution::Normal { .. } | Distribution::Lognormal { .. } => Vec::new(),
    };
    for value in ends.into_iter().chain([range.point()]) {
        if let Err(problem) = spec.check(value) {
            return Err(format!(
                "is a range reaching {}, outside what the field takes: it {}",
                crate::format::number(value),
                spec.describe(&problem)
            ));
        }
    }
    Ok(())
}

/// The range of the field at `path`, if the plan has one.
pub fn range_of<'a>(plan: &'a Plan, path: &str) -> Option<&'a Distribution> {
    let section = plan.uncertainty.as_ref()?;
    section
        .ranges
        .iter()
        .find(|r| r.field == path)
        .map(|r| &r.distribution)
}

/// Drops the range of the field at `path`, if it has one: what typing a plain number into it
/// does. A section left with no ranges and only default settings is removed, so a plan whose
/// ranges are all undone is the plan it was.
pub fn drop_range(plan: &mut Plan, path: &str) {
    let Some(section) = plan.uncertainty.as_mut() else {
        return;
    };
    section.ranges.retain(|r| r.field != path);
    drop_if_idle(plan);
}

/// Removes the uncertainty section when it has no ranges left and only default settings, so
/// a plan whose ranges are all undone is the plan it was.
fn drop_if_idle(plan: &mut Plan) {
    // Field by field rather than against `Uncertainty::default()`: this runs with every
    // keystroke in a number field, in the page's first download.
    let idle = plan.uncertainty.as_ref().is_some_and(|section| {
        section.ranges.is_empty()
            && section.seed == DEFAULT_SEED
            && section.trials == DEFAULT_TRIALS
            && section.band_pct == DEFAULT_BAND_PCT
            && section.size_for_pct.is_none()
    });
    if idle {
        plan.uncertainty = None;
    }
}

/// Gives the field at `path` the range `range`, or none (`None`, as [`drop_range`]).
pub fn set_range(plan: &mut Plan, path: &str, range: Option<Distribution>) {
    let Some(range) = range else {
        drop_range(plan, path);
        return;
    };
    let section = plan.uncertainty.get_or_insert_with(Uncertainty::default);
    match section.ranges.iter_mut().find(|r| r.field == path) {
        Some(existing) => existing.distribution = range,
        None => section.ranges.push(Range {
            field: path.to_owned(),
            distribution: range,
        }),
    }
}

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

/// Keeps the ranges on their fields when entry `index` of the list at `list` is removed: its
/// own ranges go with it, and those of the entries after it move up one.
pub fn drop_entry_ranges(plan: &mut Plan, list: &str, index: usize) {
    move_ranges(plan, list, |i| match i.cmp(&index) {
        std::cmp::Ordering::Less => Some(i),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(i - 1),
    });
    drop_if_idle(plan);
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
    use crate::validate::specs;

    #[test]
    fn numbers_read_as_they_always_have_and_ranges_only_in_fractional_fields() {
        let spec = specs::GROWTH_PCT;
        assert_eq!(read_typed(&spec, "12"), Ok(Entry::Number(12.0)));
        assert_eq!(
            read_typed(&spec, " 2,000 "),
            spec.parse(" 2,000 ")
                .map(Entry::Number)
                .map_err(|p| spec.describe(&p))
        );
        assert_eq!(
            read_typed(&spec, "8–20 %"),
            Ok(Entry::Range(Distribution::Uniform {
                low: 8.0,
                high: 20.0
            }))
        );
        assert_eq!(
            read_typed(&spec, "8/12/20"),
            Ok(Entry::Range(Distribution::Pert {
                low: 8.0,
                likely: 12.0,
                high: 20.0
            }))
        );
        // A whole-number field keeps its own message.
        let whole = specs::REDUNDANCY;
        assert_eq!(
            read_typed(&whole, "1-2"),
            Err(whole.describe(&whole.parse("1-2").unwrap_err()))
        );
        // Not a number and not a range: the field's own message.
        assert_eq!(
            read_typed(&spec, "many"),
            Err(spec.describe(&spec.parse("many").unwrap_err()))
        );
        // A range with a problem says the range's problem.
        let message = read_typed(&spec, "20–8").unwrap_err();
        assert!(message.contains("above"), "{message}");
        // A range outside the field's limits is refused, naming the value.
        let message = read_typed(&specs::TARGET_UTILISATION_PCT, "50–120").unwrap_err();
        assert!(message.contains("120"), "{message}");
    }

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
        for i in 0..4 {
            set_range(
                &mut plan,
                &format!("scenarios[{i}].growth.monthly_growth_pct"),
                Some(d),
            );
        }
        set_range(&mut plan, "baseline.units", Some(d));
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
            Some(&Distribution::Uniform {
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

    #[test]
    fn ranges_are_kept_by_path_and_the_section_goes_with_the_last() {
        let mut plan = Plan::default();
        let path = "scenarios[0].growth.monthly_growth_pct";
        let range = Distribution::Uniform {
            low: 2.0,
            high: 8.0,
        };
        set_range(&mut plan, path, Some(range));
        assert_eq!(range_of(&plan, path), Some(&range));
        let wider = Distribution::Uniform {
            low: 1.0,
            high: 9.0,
        };
        set_range(&mut plan, path, Some(wider));
        assert_eq!(plan.uncertainty.as_ref().unwrap().ranges.len(), 1);
        assert_eq!(range_of(&plan, path), Some(&wider));
        set_range(&mut plan, path, None);
        assert_eq!(plan, Plan::default());
        // Settings of its own keep the section.
        plan.uncertainty = Some(Uncertainty {
            seed: 9,
            ..Uncertainty::default()
        });
        set_range(&mut plan, path, None);
        assert!(plan.uncertainty.is_some());
    }

    #[test]
    fn a_removed_entry_of_a_nested_list_takes_its_ranges_and_the_later_ones_move_up() {
        let mut plan = Plan::default();
        let list = "baseline.other_costs";
        let range = |low| Distribution::Uniform {
            low,
            high: low + 1.0,
        };
        for i in 0..3 {
            set_range(
                &mut plan,
                &format!("{list}[{i}].fixed_usd_per_month"),
                Some(range(i as f64)),
            );
        }
        set_range(&mut plan, "baseline.units", Some(range(9.0)));
        drop_entry_ranges(&mut plan, list, 1);
        let kept: Vec<(String, Distribution)> = plan
            .uncertainty
            .as_ref()
            .unwrap()
            .ranges
            .iter()
            .map(|r| (r.field.clone(), r.distribution))
            .collect();
        assert_eq!(
            kept,
            vec![
                (format!("{list}[0].fixed_usd_per_month"), range(0.0)),
                (format!("{list}[1].fixed_usd_per_month"), range(2.0)),
                ("baseline.units".to_owned(), range(9.0)),
            ]
        );
        // With the last range the section goes, as when it is typed away.
        drop_entry_ranges(&mut plan, list, 0);
        drop_entry_ranges(&mut plan, list, 0);
        set_range(&mut plan, "baseline.units", None);
        assert_eq!(plan.uncertainty, None);
        set_range(
            &mut plan,
            &format!("{list}[0].fixed_usd_per_month"),
            Some(range(1.0)),
        );
        drop_entry_ranges(&mut plan, list, 0);
        assert_eq!(plan.uncertainty, None);
    }
}
