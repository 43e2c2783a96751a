//! Tests of the sizing tables: figures checked by hand, the CSV, fingerprints, and labels.

use super::*;
use crate::engine;
use crate::presets;
use crate::presets::computed as template;

fn table<'a>(tables: &'a [Table], id: &str) -> &'a Table {
    tables.iter().find(|t| t.id == id).expect("table")
}

#[test]
fn the_blank_plan_by_hand() {
    // 1 000 users growing 5 % − 1 % churn a month, 200 requests a day each, peak 3 × the
    // day's average; m7g.large serves 50 req/s, 35 req/s at the 70 % target.
    let (plan, results) = template("blank");
    let tables = scenario_tables(&plan, &results, 0);
    let demand = table(&tables, "demand");
    // Units: 1 000 × 1.04 = 1 040 in month 1, 1 000 × 1.04¹² = 1 601 in month 12.
    assert_eq!(demand.cell(1, "units").unwrap().text, "1\u{202F}040");
    assert_eq!(demand.cell(12, "units").unwrap().text, "1\u{202F}601");
    // Peak: 1 040 × 200 ÷ 86 400 × 3 = 7.22 req/s.
    assert_eq!(demand.cell(1, "peak").unwrap().text, "7.22");
    assert_eq!(demand.columns[1].unit, "req/s");
    // ⌈7.22 ÷ 35⌉ = 1, below the minimum of 2.
    assert_eq!(demand.cell(1, "instances").unwrap().text, "2");
    assert_eq!(demand.cell(1, "binding").unwrap().text, "minimum");
    // 7.22 ÷ (2 × 50) = 7.2 %.
    assert_eq!(demand.cell(1, "utilisation").unwrap().text, "7.2 %");
    assert_eq!(demand.rows[0].label, "Jan 2027");
    assert_eq!(demand.rows[11].label, "Dec 2027");

    let cost = table(&tables, "cost");
    // 2 × $59.60 = $119.20, written in whole dollars from $100 up.
    let app = cost.cell(1, "cost-0").unwrap();
    assert_eq!(app.text, "$119");
    assert!((app.value.unwrap() - 119.2).abs() < 1e-9);
    assert_eq!(cost.columns[0].title, "App instances");
    assert_eq!(
        cost.note.as_deref(),
        Some("USD/month, prices of 1 Nov 2026")
    );
    assert_eq!(cost.columns.last().unwrap().title, "Per user");
}

#[test]
fn supabase_redis_moderate_by_hand() {
    let (plan, results) = template("supabase-redis");
    let moderate = scenario_tables(&plan, &results, 1);
    assert!(
        moderate.iter().all(|t| t.id != "voice"),
        "no voice in this plan"
    );
    let db = table(&moderate, "database");
    // Moderate: 100 × 1.17 = 117 users in month 1; 0.1 GB each → 11.7 GB, more than
    // 80 % of Pro's 8 GB: Pro+ from month 1, an upgrade.
    assert_eq!(db.cell(1, "data").unwrap().text, "11.7");
    assert_eq!(db.cell(1, "tier").unwrap().text, "Pro+");
    assert_eq!(db.cell(1, "tier").unwrap().flag, Some(Flag::Upgrade));
    // Connections: 1 instance × 50 pool + 5 background = 55.
    assert_eq!(db.cell(1, "connections").unwrap().text, "55");
    assert!(
        db.column("from-units").is_none(),
        "the per-unit rule is off"
    );
    let redis = table(&moderate, "redis");
    // 117 users × 10 MB = 1 170 MB, fragmentation 1, maxmemory 100 %.
    assert_eq!(redis.cell(1, "node-memory").unwrap().text, "1\u{202F}170");
    assert_eq!(redis.cell(1, "plan").unwrap().text, "2 GB single node");
    assert_eq!(redis.cell(1, "topology").unwrap().text, "single node");
    // Every upgrade month of the progressions is flagged, and only those.
    for (tbl, progression) in [
        (db, &results.scenarios[1].database_tiers),
        (redis, &results.scenarios[1].redis_plans),
    ] {
        let key = if tbl.id == "database" { "tier" } else { "plan" };
        for row in &tbl.rows {
            let upgraded = progression.upgrades.iter().any(|u| u.month == row.month);
            let cell = tbl.cell(row.month, key).unwrap();
            assert_eq!(
                cell.flag == Some(Flag::Upgrade),
                upgraded && cell.text != "beyond the catalog"
            );
        }
    }
    // Every cell is finite and every row has one cell per column.
    for t in &moderate {
        for row in &t.rows {
            assert_eq!(row.cells.len(), t.columns.len(), "{}", t.id);
            assert!(row.cells.iter().all(|c| c.value.is_none_or(f64::is_finite)));
            assert!(row.cells.iter().all(|c| !c.text.contains("NaN")));
        }
    }
}

#[test]
fn voice_table_only_with_voice_and_with_hand_checked_nodes() {
    let (plan, results) = template("cafe-pilot");
    let tables = scenario_tables(&plan, &results, 0);
    let voice = table(&tables, "voice");
    let m = &results.scenarios[0].months[0];
    let v = m.voice.as_ref().unwrap();
    assert_eq!(
        voice.cell(1, "nodes").unwrap().text,
        v.nodes.to_string(),
        "the table shows the engine's figure"
    );
    // The rule: nodes = max(by sessions, by queueing) + redundancy.
    let redundancy = u64::from(plan.plan().policies.redundancy);
    for row in &voice.rows {
        let get = |key: &str| voice.cell(row.month, key).unwrap().value.unwrap();
        let expected = get("by-concurrency").max(get("by-queue")) + redundancy as f64;
        assert_eq!(get("nodes"), expected.max(1.0), "month {}", row.month);
    }
    assert!(voice.columns.iter().any(|c| c.title == "Wait at p95"));
}

/// No demand means no voice load: its wait reads "no load", not "unstable" (a queue is
/// unstable only when the load fills every stream).
#[test]
fn a_month_without_voice_load_is_not_unstable() {
    let mut plan = presets::find("cafe-pilot").expect("template").build();
    plan.baseline.units = 0.0;
    plan.scenarios.truncate(1);
    plan.scenarios[0].growth = crate::plan::Growth::Compound {
        monthly_growth_pct: 0.0,
        monthly_churn_pct: 0.0,
    };
    let plan = plan.validate().expect("valid plan");
    let results = engine::run(&plan);
    let tables = scenario_tables(&plan, &results, 0);
    let voice = table(&tables, "voice");
    let v = results.scenarios[0].months[0].voice.as_ref().unwrap();
    assert_eq!(v.offered_load_erlangs, 0.0);
    assert_eq!(voice.cell(1, "wait").unwrap().text, "no load");
    assert!(voice
        .rows
        .iter()
        .all(|row| voice.cell(row.month, "wait").unwrap().text != "unstable"));
    // A load that fills every stream is unstable; a stable queue without a wait figure is
    // neither.
    let unstable = crate::voice::VoiceSizing {
        interactions_per_s: 2.0,
        offered_load_erlangs: 8.0,
        streams: 8,
        wait_at_percentile_s: None,
        ..v.clone()
    };
    assert_eq!(unstable.no_wait_words(), "unstable");
    let stable = crate::voice::VoiceSizing {
        streams: 9,
        ..unstable
    };
    assert_eq!(stable.no_wait_words(), "—");
}

#[test]
fn every_explained_column_explains_every_month() {
    for template_id in ["blank", "supabase-redis", "cafe-pilot", "voiceassist"] {
        let (plan, results) = template(template_id);
        for s in 0..results.scenarios.len() {
            for t in scenario_tables(&plan, &results, s) {
                for column in t.columns.iter().filter(|c| c.figure.is_some()) {
                    for row in &t.rows {
                        let e = explain_cell(&plan, &results, s, row.month, column);
                        assert!(
                            e.is_some_and(|e| !e.sentence().is_empty()),
                            "{template_id} {} {} month {}",
                            t.id,
                            column.key,
                            row.month
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn csv_has_plain_numbers_flags_and_the_price_date() {
    let (plan, results) = template("supabase-redis");
    let tables = scenario_tables(&plan, &results, 2);
    let db = table(&tables, "database");
    let csv = db.to_csv();
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("Month,Calendar month,Connections,From app pools,Data (GB),Tier,Tier use (%),Pooler,Flags")
    );
    let first = lines.next().unwrap();
    assert!(first.starts_with("1,Dec 2025,55,55,14,Pro+,"), "{first}");
    assert!(first.ends_with("Tier: upgrade this month"), "{first}");
    let cost = table(&tables, "cost").to_csv();
    assert!(
        cost.starts_with("Month,Calendar month,App instances (USD/month),"),
        "{cost}"
    );
    assert!(cost
        .lines()
        .next()
        .unwrap()
        .ends_with(",Flags,Lower bound,Prices as of"));
    assert!(
        cost.lines().skip(1).all(|l| l.ends_with(",2026-11-01")),
        "{cost}"
    );
    assert_eq!(
        db.csv_file_name("Supabase + Redis SaaS", "Aggressive"),
        "supabase-redis-saas-aggressive-database.csv"
    );
}

#[test]
fn voiceassist_totals_read_at_least_with_the_reason() {
    let (plan, results) = template("voiceassist");
    let tables = scenario_tables(&plan, &results, 0);
    let cost = table(&tables, "cost");
    let months = &results.scenarios[0].months;
    // Month 1: 2 × $59.60 = $119.20; the database and Redis carry no price.
    let total = cost.cell(1, "total").unwrap();
    assert_eq!(total.text, "at least $119");
    assert!(
        (total.value.unwrap() - 119.2).abs() < 1e-9,
        "still a number"
    );
    assert_eq!(total.flag, Some(Flag::LowerBound));
    let per_unit = cost.cell(1, "per-unit").unwrap();
    assert!(per_unit.text.starts_with("at least $"), "{}", per_unit.text);
    assert_eq!(per_unit.flag, Some(Flag::LowerBound));
    assert_eq!(
        cost.row(1).unwrap().lower_bound.as_deref(),
        Some("the database has no price; Redis has no price")
    );
    assert_eq!(
        cost.row(6).unwrap().lower_bound.as_deref(),
        Some(
            "the database has no price; the database is beyond the largest catalog tier; \
             Redis has no price"
        )
    );
    assert_eq!(
        cost.note.as_deref(),
        Some(
            "USD/month, prices of 1 Nov 2026. Totals marked “at least” leave out a cost: \
             the database has no price; Redis has no price; \
             the database is beyond the largest catalog tier from month 6."
        )
    );
    // The CSV keeps the number and says why in its own column.
    let csv = cost.to_csv();
    let mut lines = csv.split("\r\n");
    let header = lines.next().unwrap();
    assert!(
        header.ends_with(",Total (USD/month),Per user (USD/month),Flags,Lower bound,Prices as of"),
        "{header}"
    );
    let first = lines.next().unwrap();
    assert!(first.contains(",119.2,"), "{first}");
    assert!(
        first.ends_with(
            ",\"Total: lower bound; Per user: lower bound\",\
             \"the database has no price; Redis has no price\",2026-11-01"
        ),
        "{first}"
    );
    assert_eq!(months.len(), cost.rows.len());

    // A complete bill reads as before, with an empty "Lower bound" cell.
    let (plan, results) = template("blank");
    let cost = table(&scenario_tables(&plan, &results, 0), "cost").clone();
    assert_eq!(cost.cell(1, "total").unwrap().text, "$141");
    assert_eq!(cost.cell(1, "total").unwrap().flag, None);
    assert_eq!(cost.row(1).unwrap().lower_bound, None);
    assert_eq!(
        cost.note.as_deref(),
        Some("USD/month, prices of 1 Nov 2026")
    );
    let csv = cost.to_csv();
    assert!(csv.split("\r\n").nth(1).unwrap().ends_with(",,,2026-11-01"));
}

#[test]
fn fingerprints_follow_the_content() {
    let (plan, results) = template("supabase-redis");
    let tables = scenario_tables(&plan, &results, 0);
    // What a row shows: its month, label, every cell's text and flag, and the lower-bound
    // note (not the number behind a cell's text).
    let shown = |r: &Row| {
        let cells: Vec<_> = r.cells.iter().map(|c| (c.text.clone(), c.flag)).collect();
        (r.month, r.label.clone(), cells, r.lower_bound.clone())
    };
    // Rows of every table, of every month: the same fingerprint exactly when they show the
    // same.
    let rows: Vec<&Row> = tables.iter().flat_map(|t| &t.rows).collect();
    assert!(rows.len() > 30, "{} rows", rows.len());
    let mut same_content = 0;
    for a in &rows {
        for b in &rows {
            let same = shown(a) == shown(b);
            same_content += usize::from(same);
            assert_eq!(a.fingerprint() == b.fingerprint(), same, "{a:?} {b:?}");
        }
    }
    assert_eq!(
        same_content,
        rows.len(),
        "every row differs from every other"
    );
    // Each part of what a row shows is in its fingerprint; the number behind is not.
    let row = &tables[0].rows[3];
    let changes: [fn(&mut Row); 5] = [
        |r| r.label.push(' '),
        |r| r.cells[0].text.push('0'),
        |r| r.cells[0].flag = Some(Flag::Upgrade),
        |r| r.cells[1].flag = Some(Flag::LowerBound),
        |r| r.lower_bound = Some("no price".to_owned()),
    ];
    for change in changes {
        let mut changed = row.clone();
        change(&mut changed);
        assert_ne!(changed.fingerprint(), row.fingerprint(), "{changed:?}");
    }
    let mut renumbered = row.clone();
    renumbered.cells[0].value = renumbered.cells[0].value.map(|v| v + 1.0);
    assert_eq!(renumbered.fingerprint(), row.fingerprint());
    assert!(scenario_tables(&plan, &results, 9).is_empty());
}

#[test]
fn table_ids_name_the_tables_built() {
    for template in presets::TEMPLATES {
        let (plan, results) = self::template(template.id);
        for s in 0..results.scenarios.len() {
            let ids = table_ids(&plan, &results, s);
            let tables = scenario_tables(&plan, &results, s);
            assert_eq!(ids.len(), tables.len(), "{}", template.id);
            for ((id, title), table) in ids.iter().zip(&tables) {
                assert_eq!((*id, *title), (table.id, table.title.as_str()));
                assert_eq!(table.rows.len() as u32, plan.plan().horizon_months);
            }
        }
        assert!(scenario_table(&plan, &results, 0, "nothing").is_none());
    }
}

#[test]
fn labels_and_numbers() {
    assert_eq!(
        month_label(crate::plan::YearMonth {
            year: 2027,
            month: 9
        }),
        "Sep 2027"
    );
    assert_eq!(plain_number(14.000_000_1), "14");
    assert_eq!(plain_number(f64::NAN), "");
    assert_eq!(slug("  Café pilot: Phase 1 "), "café-pilot-phase-1");
    assert_eq!(slug("+++"), "headroom");
    assert_eq!(singular("cafés"), "café");
    assert_eq!(singular("business"), "business");
}
