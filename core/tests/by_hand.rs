//! What the page reads and writes by hand against the serde derives that declare the formats:
//! the plan (`codec::plan_reader`, `codec::plan_writer`) on thousands of altered plans (the
//! templates', and plans with ranges of every shape), and My plans' index (`codec::library`) on
//! every single change of a stored one. Both sides take the same documents, read them to the
//! same values, refuse the same documents (the plan's with the same words) and write the same
//! text.
//!
//! The derive is the declaration of the format (its attributes say which fields have defaults,
//! which enums are tagged and by what); the hand-written code is what runs. Each alteration
//! changes one place of a document: a value replaced by one of every kind, a field removed, a
//! field added (`common::single_changes`).

mod common;

use headroom_core::codec::library::{Kind, Library};
use headroom_core::codec::plan_file::PlanFile;
use headroom_core::codec::{plan_reader, plan_writer};
use headroom_core::plan::{Distribution, Plan, Range, Uncertainty};
use headroom_core::presets::TEMPLATES;
use serde_json::{json, Value};

/// A plan with ranges of every shape: the first template's, the percentile to size for given
/// when `size_for` is.
fn with_ranges(size_for: bool) -> Plan {
    let mut plan = TEMPLATES[0].build();
    let range = |field: &str, distribution| Range {
        field: field.to_owned(),
        distribution,
    };
    plan.uncertainty = Some(Uncertainty {
        seed: 42,
        trials: 5000,
        band_pct: [5.0, 95.5],
        size_for_pct: size_for.then_some(90.0),
        ranges: vec![
            range(
                "baseline.units",
                Distribution::Pert {
                    low: 800.0,
                    likely: 1000.0,
                    high: 1500.0,
                },
            ),
            range(
                "scenarios[0].growth.monthly_growth_pct",
                Distribution::Triangular {
                    low: 2.0,
                    likely: 5.5,
                    high: 9.0,
                },
            ),
            range(
                "catalogs.instances[1].usd_per_month",
                Distribution::Uniform {
                    low: 90.0,
                    high: 130.0,
                },
            ),
            range(
                "policies.headroom_pct",
                Distribution::Normal {
                    mean: 20.0,
                    sd: 2.5,
                },
            ),
            range(
                "baseline.fixed_peak_rps",
                Distribution::Lognormal {
                    median: 4.0,
                    gsd: 1.5,
                },
            ),
        ],
    });
    plan
}

/// The plans every check runs on, by name: the templates', and plans with ranges (with and
/// without a percentile to size for).
fn plans() -> Vec<(&'static str, Plan)> {
    let mut plans: Vec<(&'static str, Plan)> =
        TEMPLATES.iter().map(|t| (t.id, t.build())).collect();
    plans.push(("with ranges", with_ranges(true)));
    plans.push((
        "with ranges, sized for the plan's numbers",
        with_ranges(false),
    ));
    plans
}

/// What the derive makes of `document`, its message cut before serde_json's position.
fn derived(document: &Value) -> Result<Plan, String> {
    let text = serde_json::to_string(document).unwrap();
    serde_json::from_str::<Plan>(&text).map_err(|e| {
        let mut message = e.to_string();
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        message
    })
}

/// The plan file the writer makes of `plan`, as text (key order included).
fn written(plan: &Plan) -> String {
    serde_json::to_string(&plan_writer::document(plan)).unwrap()
}

/// The plan file the derive makes of `plan`, as text.
fn derived_text(plan: &Plan) -> String {
    serde_json::to_string(&PlanFile::new(plan.clone())).unwrap()
}

#[test]
fn the_writer_and_the_derive_write_the_same_text() {
    for (name, plan) in plans() {
        assert_eq!(written(&plan), derived_text(&plan), "{name}");
    }
    // What validation refuses is still written as serde writes it: a number that is not
    // finite as null, an entry's own price date when it has one.
    let mut plan = Plan::default();
    plan.baseline.units = f64::NAN;
    plan.policies.headroom_pct = f64::INFINITY;
    plan.catalogs.instances[0].priced_on = chrono::NaiveDate::from_ymd_opt(2026, 2, 1);
    plan.scenarios[0]
        .calendar
        .push(headroom_core::plan::CalendarEffect {
            name: "Black Friday".into(),
            from: "11-20".parse().unwrap(),
            to: "11-30".parse().unwrap(),
            multiplier: 3.0,
            year: Some(-5),
        });
    assert_eq!(written(&plan), derived_text(&plan));
}

/// Where the two differ by design (see the reader's module documentation), the reader's
/// `message` being the clearer: the derive also takes a struct or model written as a list of
/// its values, and a model's name written as its index (`model: 0`); for a choice
/// (`topology`) written as anything but a string it says only "expected value".
fn by_design(replacement: &Value, message: &str) -> bool {
    (replacement.is_array()
        && (message.contains("expected struct")
            || message.contains("expected internally tagged enum")))
        || (replacement.is_number() && message.ends_with("expected variant identifier"))
        || (!replacement.is_string() && message.contains(", expected enum "))
}

#[test]
fn the_reader_and_the_derive_agree_on_every_single_change() {
    let kinds = [
        json!(null),
        json!(true),
        json!(0),
        json!(7),
        json!(-1),
        json!(1.5),
        json!(5_000_000_000u64),
        json!("many"),
        json!("2027-03"),
        json!("linear"),
        json!([]),
        json!({}),
    ];
    let mut compared = 0;
    let mut disagreements: Vec<String> = Vec::new();
    for (name, plan) in plans() {
        let document = serde_json::to_value(plan).unwrap();
        let altered = common::single_changes(&document, &kinds);
        for (changed, replacement, change) in altered {
            let by_hand = plan_reader::read(&changed).map_err(|e| e.message);
            match (&by_hand, derived(&changed)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, &b, "{name}: {change}");
                    assert_eq!(written(a), derived_text(a), "{name}: {change}");
                }
                (Err(a), Err(b)) if a == &b => {}
                (Err(a), _) if by_design(&replacement, a) => {}
                (a, b) => disagreements.push(format!(
                    "{name}: {change}: the reader says {a:?}, the derive {b:?}"
                )),
            }
            compared += 1;
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements, the first:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(25)].join("\n")
    );
    assert!(compared > 10_000, "{compared}");
}

/// My plans' index, read and written by hand as its derive declares it: the same text out,
/// and the same index (or none) from every single change of a stored one.
#[test]
fn the_index_reads_and_writes_as_its_derive_declares() {
    let mut library = Library::new();
    library.add("Shop", Kind::Saved, "a copy", "2026-12-05 10:00");
    library.add("Before the link", Kind::Aside, "", "");
    library.add("Damaged", Kind::Unreadable, "why", "");
    assert_eq!(library.to_json(), serde_json::to_string(&library).unwrap());
    let document: Value = serde_json::from_str(&library.to_json()).unwrap();
    let kinds = [
        json!(null),
        json!(true),
        json!(3),
        json!(-1),
        json!(1.5),
        json!(5_000_000_000u64),
        json!("aside"),
        json!([]),
        json!({}),
    ];
    let altered = common::single_changes(&document, &kinds);
    for (changed, _, change) in &altered {
        let derived = changed
            .is_object()
            .then(|| serde_json::from_value::<Library>(changed.clone()).ok())
            .flatten();
        assert_eq!(Library::from_document(changed), derived, "{change}");
    }
    assert!(altered.len() > 200, "{}", altered.len());
}
