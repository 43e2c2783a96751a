//! Share links of real plans (`codec::share`): lengths of every template, fixtures of every
//! schema version, round trips, hostile payloads and a fuzz loop through the whole opening path.

use super::*;
use headroom_core::codec::link::{Mode, Selection};
use headroom_core::codec::plan_file::{self, ImportError};
use headroom_core::codec::share::{self, Arrival, OpenError};
use headroom_core::plan::{Plan, PLAN_SCHEMA_VERSION};
use headroom_core::presets::TEMPLATES;
use std::path::PathBuf;

/// Where the app is published; links are measured with this prefix.
const PAGE: &str = "https://headroom-planner.github.io/headroom/";

/// Longest share link accepted for any template, in characters (see the constant's
/// documentation for why 2 000).
const LINK_BUDGET: usize = share::SAFE_LINK_CHARS;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_template_link_is_within_the_budget() {
    let mut lines = Vec::new();
    let mut over = Vec::new();
    for template in &TEMPLATES {
        let plan = template.build();
        let json = share::plan_json(&plan);
        let edit = share::url(PAGE, &plan, Mode::Edit);
        let view = share::url(PAGE, &plan, Mode::View);
        let v1 = base64url(&miniz_oxide::deflate::compress_to_vec(&json, 9)).len();
        let payload = edit.len() - PAGE.len() - "#plan=v2.".len();
        lines.push(format!(
            "| {} | {} | {} | {v1} | {payload} | {} |",
            template.id,
            json.len(),
            base64url(&json).len(),
            edit.len()
        ));
        assert_eq!(view.len(), edit.len());
        if edit.len() > LINK_BUDGET {
            over.push(format!("{} ({})", template.id, edit.len()));
        }
        let opened = share::open(&edit).unwrap();
        assert_eq!(opened.plan.plan(), &plan, "{}", template.id);
        assert_eq!(opened.mode, Mode::Edit);
        assert_eq!(share::open(&view).unwrap().mode, Mode::View);
    }
    println!(
        "share links under {PAGE}:\n| template | plan JSON, bytes | base64url | DEFLATE (v1) | DEFLATE + dictionary (v2) | whole link |\n|---|---:|---:|---:|---:|---:|\n{}",
        lines.join("\n")
    );
    assert!(
        over.is_empty(),
        "links over {LINK_BUDGET} characters: {over:?}"
    );
}

/// The plan a link fixture must decode to: the plan fixture of the same name (up to the
/// first `.`) and version.
fn expected_plan(version: &str, stem: &str) -> Plan {
    let dir = fixtures_dir().join("plans").join(version);
    let base = stem.split('.').next().unwrap_or(stem);
    let path = ["json", "yaml"]
        .iter()
        .map(|ext| dir.join(format!("{base}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no plan fixture {version}/{base}.json or .yaml"));
    plan_file::import(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `links/v<N>/<name>[.view][.packing-v<P>].txt` opens, migrated, to the plan of
/// `plans/v<N>/<name>.*`, in the mode its name says (`.view` is read-only); `.packing-v<P>`
/// files keep older payload formats. Links made by every schema version must keep opening:
/// never delete or regenerate these files.
#[test]
fn link_fixtures_of_every_schema_version_keep_opening() {
    let mut opened = 0;
    for version in 1..=PLAN_SCHEMA_VERSION {
        let dir = fixtures_dir().join(format!("links/v{version}"));
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (every schema version needs link fixtures)",
                dir.display()
            )
        });
        for entry in entries.flatten() {
            let path = entry.path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let got = share::open(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                got.plan.plan(),
                &expected_plan(&format!("v{version}"), &stem),
                "{}",
                path.display()
            );
            let mode = if stem.contains(".view") {
                Mode::View
            } else {
                Mode::Edit
            };
            if let Some(packing) = stem.split(".packing-").nth(1) {
                assert!(text.contains(&format!("={packing}.")), "{}", path.display());
            }
            assert_eq!(got.mode, mode, "{}", path.display());
            // Made before links carried a scenario and month: they open on the defaults.
            assert_eq!(got.at, Selection::default(), "{}", path.display());
            opened += 1;
        }
    }
    assert!(opened >= 3, "only {opened} link fixtures");
}

/// The link fixtures of the current schema version exist, so that links made today are
/// opened by every later version's tests. When a new schema version is introduced they are
/// missing, and `HEADROOM_WRITE_LINK_FIXTURES=1` writes them (existing fixtures are never
/// overwritten); without it the test fails, naming them.
#[test]
fn the_link_fixtures_of_this_version_exist() {
    let version = format!("v{PLAN_SCHEMA_VERSION}");
    let dir = fixtures_dir().join("links").join(&version);
    let mut wanted: Vec<(std::path::PathBuf, String)> = [
        ("default", Mode::Edit),
        ("cafe-chain", Mode::Edit),
        ("hand-written", Mode::Edit),
        ("cafe-chain.view", Mode::View),
        ("in-euros", Mode::Edit),
        ("with-ranges", Mode::Edit),
    ]
    .into_iter()
    .map(|(stem, mode)| {
        let plan = expected_plan(&version, stem);
        let text = format!("{}\n", share::url(PAGE, &plan, mode));
        (dir.join(format!("{stem}.txt")), text)
    })
    .collect();
    // The first payload format (no dictionary), as a link made before `v2.` reads.
    let json = share::plan_json(&expected_plan(&version, "default"));
    let compressed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    wanted.push((
        dir.join("default.packing-v1.txt"),
        format!(
            "{PAGE}#plan={}{}\n",
            link::VERSION_1_PREFIX,
            base64url(&compressed)
        ),
    ));
    let missing: Vec<_> = wanted.iter().filter(|(path, _)| !path.exists()).collect();
    if missing.is_empty() {
        return;
    }
    assert!(
        std::env::var_os("HEADROOM_WRITE_LINK_FIXTURES").is_some(),
        "link fixtures of {version} missing (write them with HEADROOM_WRITE_LINK_FIXTURES=1 cargo test --test link_codec): {:?}",
        missing.iter().map(|(path, _)| path).collect::<Vec<_>>()
    );
    std::fs::create_dir_all(&dir).unwrap();
    for (path, text) in missing {
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn what_arriving_from_a_link_does() {
    let theirs = TEMPLATES[1].build();
    let mine = Plan::default();
    let edit = share::fragment(&theirs, Mode::Edit);
    let view = share::fragment(&theirs, Mode::View);
    assert_eq!(share::arrive("", Some(&mine)), Arrival::NoLink);
    assert_eq!(share::arrive("#results", Some(&mine)), Arrival::NoLink);
    assert!(matches!(share::arrive(&edit, None), Arrival::Open(p, _) if p.plan() == &theirs));
    assert!(matches!(
        share::arrive(&edit, Some(&theirs)),
        Arrival::Open(..)
    ));
    assert!(matches!(share::arrive(&edit, Some(&mine)), Arrival::Ask(p, _) if p.plan() == &theirs));
    assert!(
        matches!(share::arrive(&view, Some(&mine)), Arrival::View(p, _) if p.plan() == &theirs)
    );
    assert!(matches!(share::arrive(&view, None), Arrival::View(..)));
    let cut = &edit[..edit.len() / 2];
    assert!(matches!(
        share::arrive(cut, Some(&mine)),
        Arrival::Failed(OpenError::Link(_))
    ));
}

/// The sender's scenario and month travel with the link and come back as they were, in
/// both modes and whatever the receiver has saved.
#[test]
fn a_link_opens_on_the_scenario_and_month_it_was_made_on() {
    let theirs = TEMPLATES
        .iter()
        .map(|t| t.build())
        .find(|p| p.scenarios.len() >= 3 && p.horizon_months >= 7)
        .expect("a template with three scenarios");
    let at = Selection {
        scenario: Some(2),
        month: Some(7),
    };
    let mine = Plan::default();
    for mode in [Mode::Edit, Mode::View] {
        let url = share::url_at(PAGE, &theirs, mode, at);
        assert!(url.ends_with("&scenario=2&month=7"), "{url}");
        let opened = share::open(&url).unwrap();
        assert_eq!(opened.plan.plan(), &theirs);
        assert_eq!((opened.mode, opened.at), (mode, at));
        let arrived = share::arrive(&url, Some(&mine));
        assert!(
            matches!(
                arrived,
                Arrival::Ask(_, a) | Arrival::View(_, a) if a == at
            ),
            "{arrived:?}"
        );
        assert!(matches!(
            share::arrive(&url, None),
            Arrival::Open(_, a) | Arrival::View(_, a) if a == at
        ));
    }
    // Order of the parameters does not matter; the plan parameter is still found.
    let payload = share::fragment(&theirs, Mode::View);
    let payload = payload.trim_start_matches("#view=");
    let reordered = format!("#month=7&scenario=2&view={payload}");
    assert_eq!(share::open(&reordered).unwrap().at, at);
    // A link without them (every link made before) opens on the page's defaults.
    let plain = share::url(PAGE, &theirs, Mode::Edit);
    assert_eq!(share::open(&plain).unwrap().at, Selection::default());
}

/// Hand-edited scenario and month parameters never fail a link and never panic: what the
/// plan does not have is dropped (or, for a month past the horizon, clamped to the last).
#[test]
fn hostile_scenario_and_month_parameters_are_ignored_or_clamped() {
    let plan = Plan::default();
    let scenarios = plan.scenarios.len();
    let horizon = plan.horizon_months;
    let base = share::url(PAGE, &plan, Mode::View);
    let cases: Vec<(String, Selection)> = vec![
        (format!("&scenario={scenarios}"), Selection::default()),
        (
            "&scenario=18446744073709551616".into(),
            Selection::default(),
        ),
        ("&scenario=4294967295".into(), Selection::default()),
        ("&scenario=-1&month=-3".into(), Selection::default()),
        ("&scenario=1e3&month=0x7".into(), Selection::default()),
        ("&scenario=&month=".into(), Selection::default()),
        ("&scenario&month".into(), Selection::default()),
        ("&scenario=+0&month=+2".into(), Selection::default()),
        ("&scenario=٣&month=７".into(), Selection::default()),
        ("&month=0".into(), Selection::default()),
        (
            "&month=999999999".into(),
            Selection {
                scenario: None,
                month: Some(horizon),
            },
        ),
        (
            format!("&month={}", horizon + 1),
            Selection {
                scenario: None,
                month: Some(horizon),
            },
        ),
        (
            "&scenario=0&month=1&scenario=5&month=3".into(),
            Selection {
                scenario: Some(0),
                month: Some(1),
            },
        ),
        ("&month=%37&scenario=0%00".into(), Selection::default()),
    ];
    for (params, want) in cases {
        let url = format!("{base}{params}");
        let opened = share::open(&url).unwrap_or_else(|e| panic!("{params}: {e}"));
        assert_eq!(opened.at, want, "{params}");
        assert_eq!(opened.plan.plan(), &plan, "{params}");
    }
    // Garbage in the parameters alone never panics, whatever the bytes.
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    for _ in 0..2_000 {
        let mut text = String::from("#scenario=");
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push(char::from_u32((seed % 0x3000) as u32).unwrap_or('&'));
        }
        let at = link::selection(&text).within(3, 24);
        assert!(at.scenario.is_none_or(|s| s < 3));
        assert!(at.month.is_none_or(|m| (1..=24).contains(&m)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any valid plan survives encode → decode exactly, in both modes, with ranges or
    /// without.
    #[test]
    fn plans_round_trip_through_links(
        template in 0..TEMPLATES.len(),
        name in "[^\\p{Cc}]{0,40}[a-zA-Z0-9<>&\"'☕]",
        units in 0.0f64..1e9,
        growth in -50.0f64..200.0,
        view in any::<bool>(),
        ranges in proptest::option::of((any::<u32>(), 0.0f64..1e9, 0.0f64..1e3, proptest::option::of(1.0f64..99.0))),
    ) {
        let mut plan = TEMPLATES[template].build();
        plan.name = name;
        plan.baseline.units = units;
        if let headroom_core::plan::Growth::Compound { monthly_growth_pct, monthly_churn_pct } =
            &mut plan.scenarios[0].growth
        {
            *monthly_growth_pct = growth;
            *monthly_churn_pct = 0.0;
        }
        if let Some((seed, spread, sd, size_for_pct)) = ranges {
            use headroom_core::plan::{Distribution, Range, Uncertainty};
            plan.uncertainty = Some(Uncertainty {
                seed,
                size_for_pct,
                ranges: vec![
                    Range {
                        field: "baseline.units".into(),
                        distribution: Distribution::Pert {
                            low: (units - spread).max(0.0),
                            likely: units,
                            high: units + spread,
                        },
                    },
                    Range {
                        field: "policies.headroom_pct".into(),
                        distribution: Distribution::Normal {
                            mean: plan.policies.headroom_pct,
                            sd,
                        },
                    },
                ],
                ..Uncertainty::default()
            });
        }
        prop_assume!(plan.validate().is_ok());
        let mode = if view { Mode::View } else { Mode::Edit };
        let url = share::url(PAGE, &plan, mode);
        let opened = share::open(&url).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(opened.plan.plan(), &plan);
        prop_assert_eq!(opened.mode, mode);
    }
}

/// A link whose payload is `json`, packed the way the app packs it.
fn link_of(json: &str) -> String {
    format!("{PAGE}{}", link::fragment(json.as_bytes()))
}

#[test]
fn hostile_links_are_refused_in_words() {
    let default = serde_json::to_value(plan_file::PlanFile::new(Plan::default())).unwrap();
    let with = |path: &[&str], value: serde_json::Value| {
        let mut document = default.clone();
        let mut target = &mut document;
        for key in path {
            target = &mut target[*key];
        }
        *target = value;
        link_of(&document.to_string())
    };
    // Huge and impossible numbers.
    let huge = share::open(&with(
        &["plan", "baseline", "units"],
        serde_json::json!(1e308),
    ))
    .unwrap_err();
    assert!(
        matches!(&huge, OpenError::Invalid(e) if e[0].path == "baseline.units"),
        "{huge:?}"
    );
    assert!(huge
        .to_string()
        .starts_with("This link's plan has values Headroom cannot use: "));
    let overflow = link_of(
        &default
            .to_string()
            .replace("\"units\":1000.0", "\"units\":1e999"),
    );
    assert!(overflow.len() > 100);
    assert!(
        matches!(share::open(&overflow), Err(OpenError::Plan(_))),
        "{:?}",
        share::open(&overflow)
    );
    // A negative price and an absurd horizon, reported together.
    let mut document = default.clone();
    document["plan"]["horizon_months"] = serde_json::json!(100000);
    document["plan"]["catalogs"]["instances"][0]["usd_per_month"] = serde_json::json!(-5);
    let both = share::open(&link_of(&document.to_string())).unwrap_err();
    assert!(
        matches!(&both, OpenError::Invalid(e) if e.len() >= 2),
        "{both:?}"
    );
    // Script in names is kept as plain text: the page shows it as text.
    let script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let opened = share::open(&with(&["plan", "name"], serde_json::json!(script))).unwrap();
    assert_eq!(opened.plan.plan().name, script);
    // Not a plan: wrong fields, a newer schema, not JSON, not text.
    let unknown = with(&["plan", "baseline", "untis"], serde_json::json!(5));
    assert!(share::open(&unknown)
        .unwrap_err()
        .to_string()
        .contains("untis"));
    let newer = share::open(&with(
        &["headroom_plan"],
        serde_json::json!(PLAN_SCHEMA_VERSION + 1),
    ))
    .unwrap_err();
    assert!(matches!(newer, OpenError::Plan(ImportError::TooNew { .. })));
    assert!(newer
        .to_string()
        .starts_with("This link was made by a newer version of Headroom"));
    let not_text = format!("{PAGE}{}", link::fragment(&[0xff, 0xfe, 0x00]));
    assert_eq!(share::open(&not_text), Err(OpenError::NotText));
    let array = share::open(&link_of("[1, 2, 3]")).unwrap_err();
    assert!(matches!(array, OpenError::Plan(_)), "{array:?}");
    // Deep nesting is refused by the JSON reader's recursion limit, not the stack.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(share::open(&link_of(&deep)).is_err());
    // 10 MB of link text is refused before anything is decoded.
    let long = format!("{PAGE}#plan=v1.{}", "A".repeat(10 * 1024 * 1024));
    let (result, peak) = peak_heap(|| share::open(&long));
    assert!(matches!(
        result,
        Err(OpenError::Link(LinkError::TooLong { .. }))
    ));
    assert!(peak < 4096, "refusing 10 MB held {peak} bytes");
    // A bomb of a plan: 10 MB of white space inside valid JSON.
    let bomb = format!(
        "{PAGE}#plan={}",
        packed_densely(
            format!(
                "{{\"headroom_plan\": 1,{}\"plan\": {{}}}}",
                " ".repeat(10 << 20)
            )
            .as_bytes()
        )
    );
    let (result, peak) = peak_heap(|| share::open(&bomb));
    assert!(
        matches!(result, Err(OpenError::Link(LinkError::TooLarge { .. }))),
        "{result:?}"
    );
    assert!(peak < 400 * 1024, "the bomb held {peak} bytes");
}

#[test]
fn fuzz_link_opening() {
    let seeds: Vec<Vec<u8>> = TEMPLATES
        .iter()
        .map(|t| share::plan_json(&t.build()))
        .collect();
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    fuzz_inputs(&seeds, 3_000, 0x5EED_0F5A_A2E0, |text| {
        let outcome = match share::open(text) {
            Ok(_) => "ok",
            Err(OpenError::Link(_)) => "link",
            Err(OpenError::NotText) => "not text",
            Err(OpenError::Plan(_)) => "not a plan",
            Err(OpenError::Invalid(_)) => "invalid",
            Err(_) => "other",
        };
        *outcomes.entry(outcome).or_default() += 1;
    });
    println!("{outcomes:#?}");
    for expected in ["ok", "link", "not a plan"] {
        assert!(
            outcomes.contains_key(expected),
            "the fuzz loop never reached {expected:?}: {outcomes:?}"
        );
    }
}
