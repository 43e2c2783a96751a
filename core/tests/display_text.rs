//! Everything the results views write follows the one rule per quantity of `format`: no
//! number holds a space a line could break at, dollars never show one decimal and connection
//! counts are whole, and calendar months read "Mar 2027" (the chart axis too). Checked over every template (and one with a per-unit connection rule,
//! whose connections are computed as fractions) through the tables, the comparison (which also
//! fills the summary cards), the timeline, the break points and every figure's explanation.

use headroom_core::compare::{break_sentences, compare_month};
use headroom_core::engine::{self, Figure, PlanResults};
use headroom_core::format;
use headroom_core::plan::{Plan, YearMonth};
use headroom_core::presets::TEMPLATES;
use headroom_core::tables::{month_label, scenario_tables};
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
        .map(|t| (t.id.to_owned(), t.build()))
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
fn results_write_numbers_dollars_and_counts_by_one_rule() {
    for (name, plan) in plans() {
        let (valid, results) = run(&plan);
        for (s, result) in results.scenarios.iter().enumerate() {
            for table in scenario_tables(&valid, &results, s) {
                for row in &table.rows {
                    for (cell, column) in row.cells.iter().zip(&table.columns) {
                        let context = format!("{name} {} {} {}", table.id, column.key, row.month);
                        check(&cell.text, &context);
                        if table.id == "database" && column.key.contains("connections")
                            || column.key.starts_with("from-")
                        {
                            assert!(!cell.text.contains('.'), "{context}: {}", cell.text);
                        }
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
                    if row.key == "connections" {
                        assert!(!cell.text.contains('.'), "{context}: {}", cell.text);
                    }
                }
            }
        }
        for sentence in break_sentences(&valid, &results, 0) {
            check(&sentence.text, &format!("{name} break points"));
        }
    }
}

#[test]
fn fractional_connections_show_as_whole_counts() {
    let mut plan = Plan::default();
    plan.baseline.database.connections_per_unit = 0.37;
    let (valid, results) = run(&plan);
    let m = &results.scenarios[0].months[0];
    // 1 000 users × 1.04 = 1 040 in month 1; × 0.37 = 384.8 connections: 385.
    assert!(m.database.connections.fract() != 0.0);
    let database = scenario_tables(&valid, &results, 0)
        .into_iter()
        .find(|t| t.id == "database")
        .expect("a database table");
    assert_eq!(database.cell(1, "connections").unwrap().text, "385");
    assert_eq!(database.cell(1, "from-units").unwrap().text, "385");
    let comparison = compare_month(&valid, &results, 1, 0).unwrap();
    let row = comparison
        .rows
        .iter()
        .find(|r| r.key == "connections")
        .unwrap();
    assert_eq!(row.cells[0].text, "385");
    let e = engine::explain(&valid, &results, 0, 1, Figure::DbConnections).unwrap();
    assert_eq!(e.figure, "385 connections");
    let chart = headroom_core::chart::scenarios_chart(
        &results,
        0,
        headroom_core::chart::Metric::DbConnections,
    )
    .expect("a scenarios chart");
    assert_eq!(chart.readout(1).values[0].1, "385 connections");
    let summary = chart.summary.trim_end_matches('.');
    assert!(!summary.contains('.'), "{summary}");
}

#[test]
fn calendar_months_have_one_label() {
    let march = YearMonth {
        year: 2027,
        month: 3,
    };
    assert_eq!(format::month_label(march), "Mar 2027");
    assert_eq!(month_label(march), "Mar 2027");
    assert_eq!(march.label(), "Mar 2027");
    for month in 0..=13 {
        let m = YearMonth { year: 2027, month };
        assert_eq!(m.label(), format::month_label(m));
        assert_eq!(month_label(m), format::month_label(m));
    }
    let plan = Plan::default();
    let (_, results) = run(&plan);
    let data = headroom_core::chart::demand_chart(&results, 0).expect("a demand chart");
    let geometry = data.layout(headroom_core::chart::Frame {
        width: 900.0,
        height: 300.0,
    });
    assert!(!geometry.x_ticks.is_empty());
    for tick in &geometry.x_ticks {
        assert_eq!(tick.label.len(), "Mar 2027".len(), "{}", tick.label);
    }
}
