//! A plan's currency: old files and links open in US dollars exactly as before, a plan in
//! another currency keeps it through files, links and the autosave's JSON, every cost shows
//! it, and a bad code is refused in words, never a panic.

use headroom_core::codec::link::{self, Mode};
use headroom_core::codec::plan_file::{self, import, to_json, to_yaml};
use headroom_core::codec::share::{self, OpenError};
use headroom_core::currency::{self, Currency, USD};
use headroom_core::plan::Plan;
use headroom_core::{compare, engine, tables, totals};
use std::path::PathBuf;

const PAGE: &str = "https://headroom-planner.github.io/headroom/";

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixtures().join(path)).unwrap()
}

fn in_euros() -> Plan {
    Plan {
        currency: "EUR".to_owned(),
        ..Plan::default()
    }
}

#[test]
fn old_files_and_links_open_in_us_dollars_unchanged() {
    for file in [
        "plans/v1/default.yaml",
        "plans/v1/default.json",
        "plans/v1/cafe-chain.yaml",
        "plans/v1/hand-written.yaml",
    ] {
        let plan = import(&read(file)).unwrap();
        assert_eq!(plan.currency, "USD", "{file}");
        assert_eq!(plan.currency(), USD);
        // Written again, a plan in dollars has no `currency` field: the text is as before.
        assert!(!to_yaml(&plan).unwrap().contains("currency"), "{file}");
        assert!(!to_json(&plan).unwrap().contains("currency"), "{file}");
    }
    for file in ["links/v1/default.txt", "links/v1/cafe-chain.txt"] {
        let opened = share::open(read(file).trim()).unwrap();
        assert_eq!(opened.plan.plan().currency(), USD, "{file}");
        let results = engine::run(&opened.plan);
        assert_eq!(results.currency, USD);
        assert!(tables::price_note(&results).starts_with("USD/month, prices of "));
    }
    // A plan in dollars packs the same JSON into its link as before the field existed.
    let json = String::from_utf8(share::plan_json(&Plan::default())).unwrap();
    assert!(!json.contains("currency"), "{json}");
}

#[test]
fn a_plan_in_euros_keeps_its_currency_in_files_and_links() {
    let plan = in_euros();
    let yaml = to_yaml(&plan).unwrap();
    assert!(yaml.contains("\n  currency: EUR\n"), "{yaml}");
    assert_eq!(import(&yaml).unwrap(), plan);
    let json = to_json(&plan).unwrap();
    assert!(json.contains("\"currency\": \"EUR\""), "{json}");
    assert_eq!(import(&json).unwrap(), plan);
    assert_eq!(
        plan_file::import_json(&String::from_utf8(share::plan_json(&plan)).unwrap()).unwrap(),
        plan
    );
    for mode in [Mode::Edit, Mode::View] {
        let url = share::url(PAGE, &plan, mode);
        let opened = share::open(&url).unwrap();
        assert_eq!(opened.plan.plan(), &plan);
        assert_eq!(opened.mode, mode);
    }
    // The fixture written by hand reads as that plan.
    let fixture = import(&read("plans/v1/in-euros.yaml")).unwrap();
    assert_eq!(fixture.currency(), Currency::of("EUR").unwrap());
    fixture.validate().unwrap();
}

#[test]
fn every_cost_shows_the_plans_currency() {
    let plan = in_euros().validate().unwrap();
    let results = engine::run(&plan);
    assert_eq!(
        tables::price_note(&results),
        "EUR/month, prices of 1 Nov 2026"
    );
    let cost = tables::scenario_tables(&plan, &results, 0)
        .into_iter()
        .find(|t| t.id == "cost")
        .unwrap();
    let total = cost.cell(1, "total").unwrap();
    assert!(
        total.text.contains('€') && !total.text.contains('$'),
        "{}",
        total.text
    );
    let csv = cost.to_csv();
    assert!(csv.contains("Total (EUR/month)"), "{csv}");
    assert!(!csv.contains("USD"), "{csv}");
    let comparison = compare::compare_month(&plan, &results, 1, 0).unwrap();
    let row = comparison
        .rows
        .iter()
        .find(|r| r.key == "total-cost")
        .unwrap();
    assert_eq!(row.unit, "EUR/month");
    assert!(row.cells[0].text.contains('€'), "{}", row.cells[0].text);
    assert_eq!(
        totals::money(715.0, true, plan.plan().currency()),
        "at least €715"
    );
    let cost_chart = headroom_core::chart::cost_chart(plan.plan(), &results, 0).unwrap();
    assert_eq!(cost_chart.format.axis_title(), "EUR/month");
    let section = headroom_core::codec::results::section(&plan, &results);
    assert!(section.columns.contains(&"cost_eur_per_month".to_owned()));
    // Explanations too: no dollar sign anywhere in the working of a cost.
    let e = engine::explain(&plan, &results, 0, 1, engine::Figure::TotalCost).unwrap();
    assert!(
        e.sentence().contains('€') && !e.sentence().contains('$'),
        "{}",
        e.sentence()
    );
}

#[test]
fn a_bad_code_is_refused_naming_the_field_and_why() {
    for (code, why) in [
        ("euro", "three capital letters"),
        ("eur", "three capital letters"),
        ("", "three capital letters"),
        ("€", "three capital letters"),
        ("XYZ", "not a currency Headroom knows"),
    ] {
        let plan = Plan {
            currency: code.to_owned(),
            ..Plan::default()
        };
        let errors = plan.validate().unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "currency");
        assert!(
            errors[0].message.starts_with("Currency "),
            "{}",
            errors[0].message
        );
        assert!(errors[0].message.contains(why), "{}", errors[0].message);
    }
    // Not text at all: the reader names the field.
    let json = to_json(&in_euros()).unwrap().replace("\"EUR\"", "42");
    let error = import(&json).unwrap_err().to_string();
    assert!(error.contains("plan.currency"), "{error}");
    // A hand-edited link: refused in words, whatever the code.
    for code in ["\"EURO\"", "\"\\u202eRUE\"", "null", "[1]", "\"X\""] {
        let text = String::from_utf8(share::plan_json(&in_euros()))
            .unwrap()
            .replace("\"EUR\"", code);
        let error = share::open(&format!("{PAGE}{}", link::fragment(text.as_bytes())));
        match error {
            Err(OpenError::Invalid(e)) => assert_eq!(e[0].path, "currency"),
            Err(OpenError::Plan(e)) => assert!(e.to_string().contains("currency"), "{e}"),
            other => panic!("{code}: {other:?}"),
        }
    }
}

#[test]
fn the_list_has_one_rule_for_symbols() {
    let codes: Vec<&str> = currency::known().map(Currency::code).collect();
    assert_eq!(codes[..4], ["USD", "EUR", "GBP", "JPY"]);
    let money = |code| headroom_core::format::money(1234.5, Currency::of(code).unwrap());
    assert_eq!(money("GBP"), "£1\u{202F}235");
    assert_eq!(money("CAD"), "CAD\u{A0}1\u{202F}235");
}
