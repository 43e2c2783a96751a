//! The hand-written plan reader (`codec::plan_reader`) against the plan's serde derive, on
//! thousands of altered plans: both take the same documents, read them to the same plan, and
//! refuse the same documents with the same words.
//!
//! The derive is the declaration of the format (its attributes say which fields have defaults,
//! which enums are tagged and by what); the reader is the code that runs. Each alteration
//! changes one place of a template's document: a value replaced by one of every kind, a field
//! removed, a field added.

use headroom_core::codec::plan_file::PlanFile;
use headroom_core::codec::{plan_reader, plan_writer};
use headroom_core::plan::Plan;
use headroom_core::presets::TEMPLATES;
use serde_json::{json, Value};

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
    for template in TEMPLATES {
        let plan = template.build();
        assert_eq!(written(&plan), derived_text(&plan), "{}", template.id);
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

/// Every place in `value`: the keys and indices that lead to it.
fn places(value: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                here.push(json!(key));
                places(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                here.push(json!(i));
                places(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'v>(value: &'v mut Value, place: &[Value]) -> &'v mut Value {
    place.iter().fold(value, |v, step| match step {
        Value::String(key) => &mut v[key.as_str()],
        step => &mut v[step.as_u64().unwrap() as usize],
    })
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
    for template in TEMPLATES {
        let document = serde_json::to_value(template.build()).unwrap();
        let mut all = Vec::new();
        places(&document, &mut Vec::new(), &mut all);
        let mut altered: Vec<(Value, Value, String)> = Vec::new();
        for place in &all {
            for kind in &kinds {
                let mut changed = document.clone();
                *at(&mut changed, place) = kind.clone();
                altered.push((changed, kind.clone(), format!("{place:?} = {kind}")));
            }
            let mut changed = document.clone();
            if let Value::Object(map) = at(&mut changed, place) {
                map.insert("zzz".to_owned(), json!(1));
                altered.push((changed.clone(), json!(null), format!("{place:?} + zzz")));
            }
            if let Some((Value::String(key), parent)) = place.split_last() {
                let mut changed = document.clone();
                if let Value::Object(map) = at(&mut changed, parent) {
                    map.shift_remove(key.as_str());
                    altered.push((changed, json!(null), format!("{place:?} removed")));
                }
            }
        }
        for (changed, replacement, change) in altered {
            let by_hand = plan_reader::read(&changed).map_err(|e| e.message);
            match (&by_hand, derived(&changed)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, &b, "{}: {change}", template.id);
                    assert_eq!(written(a), derived_text(a), "{}: {change}", template.id);
                }
                (Err(a), Err(b)) if a == &b => {}
                (Err(a), _) if by_design(&replacement, a) => {}
                (a, b) => disagreements.push(format!(
                    "{}: {change}: the reader says {a:?}, the derive {b:?}",
                    template.id
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
