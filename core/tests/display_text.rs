//! Everything the results views write follows the one rule per quantity of `format`: no
//! number holds a space a line could break at and dollars never show one decimal. Checked over
//! every template (and one with a per-unit connection rule) through the tables, the comparison
//! (which also fills the summary cards), the timeline, the break points and every figure's
//! explanation.

use headroom_core::compare::{break_sentences, compare_month};
use headroom_core::engine::{self, Figure, PlanResults};
use headroom_core::format;
use headroom_core::plan::Plan;
use headroom_core::presets::TEMPLATES;
use headroom_core::tables::scenario_tables;
use headroom_core::validate::ValidPlan;

/// A digit, a plain space and three digits: "4 258" written with a breakable space.
fn breakable_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(5)
        .any(|w| w[0].is_ascii_digit() && w[1] == ' ' && w[2..].iter().all(char::is_ascii_digit))
}

/// "$59.6": dollars with a single decimal.
fn one_decimal_dollars(text: &str) -> bool {
    text.match_indices('$').any(|(at, _)| {
        let amount: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == format::GROUP_SEPARATOR)
            .collect();
        amount
            .split_once('.')
            .is_some_and(|(_, cents)| cents.trim_end_matches('.').len() == 1)
    })
}

fn check(text: &str, context: &str) {
    assert!(!breakable_number(text), "{context}: {text:?}");
    assert!(!one_decimal_dollars(text), "{context}: {text:?}");
}

fn plans() -> Vec<(String, Plan)> {
    let mut plans: Vec<(String, Plan)> = TEMPLATES
        .iter()
        .map(|t| (t.id.to_owned(), (t.build)()))
        .collect();
    let mut per_unit = Plan::default();
    per_unit.baseline.database.connections_per_unit = 0.37;
    plans.push(("per-unit connections".to_owned(), per_unit));
    plans
}

fn run(plan: &Plan) -> (ValidPlan, PlanResults) {
    let valid = plan.validate().expect("templates validate");
    let results = engine::run(&valid);
    (valid, results)
}

#[test]
fn results_write_numbers_and_dollars_by_one_rule() {
    for (name, plan) in plans() {
        let (valid, results) = run(&plan);
        for (s, result) in results.scenarios.iter().enumerate() {
            for table in scenario_tables(&valid, &results, s) {
                for row in &table.rows {
                    for (cell, column) in row.cells.iter().zip(&table.columns) {
                        let context = format!("{name} {} {} {}", table.id, column.key, row.month);
                        check(&cell.text, &context);
                    }
                }
            }
            for event in &result.timeline {
                check(&event.text, &format!("{name} timeline"));
            }
            let months = result.months.len() as u32;
            for month in [1, months.div_ceil(2), months] {
                for figure in Figure::TABLE {
                    if let Some(e) = engine::explain(&valid, &results, s, month, figure) {
                        check(&e.sentence(), &format!("{name} {figure:?} {month}"));
                        for (what, value) in &e.inputs {
                            check(value, &format!("{name} {figure:?} {month} {what}"));
                        }
                    }
                }
                for component in 0..result.months[month as usize - 1].cost.items.len() {
                    let figure = Figure::Cost { component };
                    if let Some(e) = engine::explain(&valid, &results, s, month, figure) {
                        check(&e.sentence(), &format!("{name} {figure:?} {month}"));
                    }
                }
            }
        }
        let months = results.scenarios[0].months.len() as u32;
        for month in [1, months] {
            let comparison = compare_month(&valid, &results, month, 0).expect("month in range");
            for row in &comparison.rows {
                for cell in &row.cells {
                    let context = format!("{name} compare {} {month}", row.key);
                    check(&cell.text, &context);
                    if let Some(d) = &cell.difference {
                        check(&d.text, &context);
                    }
                }
            }
        }
        for sentence in break_sentences(&valid, &results, 0) {
            check(&sentence.text, &format!("{name} break points"));
        }
    }
}
