//! Trials of whole plans: zero-width ranges give the point estimate, bands are ordered, the
//! same seed gives the same bands however the trials are chunked, invalid draws are left out,
//! and the worker's messages and the tornado.

use super::*;
use crate::plan::{Distribution, Plan, Range, Uncertainty};

/// A year of the default plan with voice and one range per `(field, distribution)`.
pub(super) fn plan_with(ranges: &[(&str, Distribution)], trials: u32) -> ValidPlan {
    let mut plan = Plan::default();
    plan.baseline.voice = Some(crate::edit::new_voice_demand());
    plan.baseline.units = 20_000.0;
    plan.uncertainty = Some(Uncertainty {
        trials,
        ranges: ranges
            .iter()
            .map(|(field, distribution)| Range {
                field: (*field).to_owned(),
                distribution: *distribution,
            })
            .collect(),
        ..Uncertainty::default()
    });
    plan.validate().expect("valid")
}

/// Bands of 100 trials (P10–P90) with these scenarios, sized for `size_for_pct`: what the
/// text and the fans are made from, without running trials.
pub(super) fn bands_of(scenarios: Vec<ScenarioBands>, size_for_pct: Option<f64>) -> Bands {
    Bands {
        trials: 100,
        rejected: 0,
        first_rejection: None,
        band_pct: [10.0, 90.0],
        size_for_pct,
        scenarios,
    }
}

pub(super) const GROWTH: &str = "scenarios[0].growth.monthly_growth_pct";

pub(super) fn growth(low: f64, likely: f64, high: f64) -> Distribution {
    Distribution::Pert { low, likely, high }
}

pub(super) fn run_all(simulation: &Simulation) -> Tally {
    let mut tally = simulation.tally();
    simulation.run(0..simulation.trials(), &mut tally, |_| {});
    tally
}

#[test]
fn a_plan_without_ranges_has_no_trials() {
    let none = |plan: &ValidPlan| matches!(Simulation::new(plan), Err(NoTrials::NoRanges));
    assert!(none(&Plan::default().validate().unwrap()));
    assert!(none(&plan_with(&[], 100)));
    // A section with problems gives them, with their paths.
    let plan = plan_with(&[("baseline.units", growth(9.0, 5.0, 1.0))], 100);
    match Simulation::new(&plan) {
        Err(NoTrials::Problems(problems)) => {
            assert_eq!(
                problems[0].path,
                "uncertainty.ranges[0].distribution.likely"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn zero_width_ranges_give_the_point_estimate_figure_for_figure() {
    // The default plan's growth is 5 % a month, its units 20 000 here.
    let plan = plan_with(
        &[
            (GROWTH, growth(5.0, 5.0, 5.0)),
            (
                "baseline.units",
                Distribution::Normal {
                    mean: 20_000.0,
                    sd: 0.0,
                },
            ),
        ],
        100,
    );
    let simulation = Simulation::new(&plan).unwrap();
    let bands = run_all(&simulation)
        .bands([10.0, 90.0], Some(90.0))
        .unwrap();
    let point = engine::run(&plan);
    let lens = simulation.lens;
    for (s, result) in point.scenarios.iter().enumerate() {
        for month in &result.months {
            for metric in Metric::ALL {
                let band = bands.scenarios[s]
                    .band(metric, month.month.number())
                    .unwrap();
                let want = metric.of(month, lens);
                for got in [band.low, band.median, band.high, band.sized.unwrap()] {
                    assert_eq!(got, want, "{metric:?} month {}", month.month);
                }
            }
        }
    }
    assert_eq!(bands.trials, 100);
    assert_eq!(bands.rejected, 0);
}

#[test]
fn bands_are_ordered_everywhere() {
    let plan = plan_with(
        &[
            (GROWTH, growth(0.0, 5.0, 15.0)),
            (
                "baseline.units",
                Distribution::Lognormal {
                    median: 20_000.0,
                    gsd: 1.5,
                },
            ),
            (
                "baseline.voice.gpu_seconds_per_interaction",
                Distribution::Triangular {
                    low: 1.0,
                    likely: 2.5,
                    high: 4.0,
                },
            ),
        ],
        300,
    );
    let simulation = Simulation::new(&plan).unwrap();
    let bands = run_all(&simulation)
        .bands([10.0, 90.0], Some(95.0))
        .unwrap();
    for scenario in &bands.scenarios {
        for months in &scenario.metrics {
            for b in months {
                assert!(b.low <= b.median && b.median <= b.high, "{b:?}");
                assert!(b.sized.unwrap() >= b.high, "{b:?}");
            }
        }
        for m in &scenario.moves {
            if let (Some(early), Some(late)) = (m.early, m.late) {
                assert!(early <= late, "{m:?}");
            }
        }
    }
    // Uncertain growth spreads the last month's units.
    let last = bands.scenarios[0].band(Metric::Units, 12).unwrap();
    assert!(last.high > last.low * 1.5, "{last:?}");
}

#[test]
fn the_same_seed_gives_the_same_bands_however_the_trials_are_chunked() {
    let plan = plan_with(&[(GROWTH, growth(0.0, 5.0, 15.0))], 200);
    let simulation = Simulation::new(&plan).unwrap();
    let whole = run_all(&simulation);
    let mut chunked = simulation.tally();
    for chunk in [0..37, 37..150, 150..200] {
        let mut part = simulation.tally();
        simulation.run(chunk, &mut part, |_| {});
        chunked.merge(&part);
    }
    assert_eq!(whole, chunked);
    assert_eq!(whole, run_all(&simulation));
    // Another seed, other bands.
    let mut other = plan.plan().clone();
    other.uncertainty.as_mut().unwrap().seed = 2;
    let other = Simulation::new(&other.validate().unwrap()).unwrap();
    assert_ne!(whole, run_all(&other));
}

#[test]
fn draws_that_make_no_valid_plan_are_left_out_and_said() {
    // About half the normal's draws are negative units, which no plan has.
    let plan = plan_with(
        &[(
            "baseline.units",
            Distribution::Normal {
                mean: 10.0,
                sd: 100.0,
            },
        )],
        200,
    );
    let simulation = Simulation::new(&plan).unwrap();
    let tally = run_all(&simulation);
    assert!(
        tally.rejected > 40 && tally.rejected < 160,
        "{}",
        tally.rejected
    );
    assert_eq!(tally.trials + tally.rejected, 200);
    let why = tally.first_rejection.clone().unwrap();
    assert!(why.contains("baseline.units"), "{why}");
}

#[test]
fn the_wire_carries_bands_and_sensitivity_unchanged() {
    let plan = plan_with(
        &[
            (GROWTH, growth(0.0, 5.0, 15.0)),
            (
                "baseline.units",
                Distribution::Uniform {
                    low: 15_000.0,
                    high: 25_000.0,
                },
            ),
        ],
        100,
    );
    let simulation = Simulation::new(&plan).unwrap();
    let bands = run_all(&simulation).bands([10.0, 90.0], None).unwrap();
    let text = wire::report_text(7, &wire::Report::Bands(bands.clone()));
    assert_eq!(
        wire::read_report(&text),
        Some((7, wire::Report::Bands(bands)))
    );
    let sensitivity = simulation.sensitivity();
    let text = wire::report_text(8, &wire::Report::Sensitivity(sensitivity.clone()));
    assert_eq!(
        wire::read_report(&text),
        Some((8, wire::Report::Sensitivity(sensitivity)))
    );
    for text in ["", "{}", "{\"id\":1}", "{\"id\":1,\"bands\":{}}", "[1]"] {
        assert_eq!(wire::read_report(text), None, "{text}");
    }
}

#[test]
fn the_worker_answers_progress_then_bands() {
    let plan = plan_with(&[(GROWTH, growth(0.0, 5.0, 15.0))], 200);
    let json = String::from_utf8(crate::codec::share::plan_json(plan.plan())).unwrap();
    let mut reports = Vec::new();
    wire::answer(&wire::request_text(3, &json), &mut |text| {
        reports.push(wire::read_report(&text).unwrap());
    });
    assert!(matches!(reports[0], (3, wire::Report::Sensitivity(_))));
    let progress: Vec<u32> = reports
        .iter()
        .filter_map(|(_, r)| match r {
            wire::Report::Progress { done, total: 200 } => Some(*done),
            _ => None,
        })
        .collect();
    assert_eq!(progress.len(), 99);
    assert!(progress.windows(2).all(|w| w[0] < w[1]));
    assert!(matches!(reports.last(), Some((3, wire::Report::Bands(b))) if b.trials == 200));
    // The worker works on the plan file's document: the same trials as the plan's own.
    let u = plan.plan().uncertainty.as_ref().unwrap();
    let native = run_all(&Simulation::new(&plan).unwrap()).bands(u.band_pct, u.size_for_pct);
    assert!(
        matches!(reports.last(), Some((_, wire::Report::Bands(b))) if Some(b) == native.as_ref())
    );
    // A plan without ranges, or no plan, fails in words.
    let mut failed = Vec::new();
    wire::answer("nonsense", &mut |text| {
        failed.push(wire::read_report(&text).unwrap())
    });
    assert!(matches!(&failed[..], [(0, wire::Report::Failed(_))]));
}

#[test]
fn the_tornado_ranks_the_range_that_moves_cost_most_first() {
    let plan = plan_with(
        &[
            (
                "baseline.units",
                Distribution::Uniform {
                    low: 19_900.0,
                    high: 20_100.0,
                },
            ),
            (GROWTH, growth(0.0, 5.0, 20.0)),
        ],
        100,
    );
    let simulation = Simulation::new(&plan).unwrap();
    let sensitivity = simulation.sensitivity();
    assert_eq!(sensitivity.month, 12);
    let swings = &sensitivity.swings[0];
    assert_eq!(swings[0].field, GROWTH);
    assert!(swings[0].width() > swings[1].width());
    let [low, high] = swings[0].outputs.map(Option::unwrap);
    assert!(
        low <= swings[0].base && swings[0].base <= high,
        "{:?}",
        swings[0]
    );
}

#[test]
fn the_worker_runs_a_chunk_at_a_time_and_a_new_request_or_a_stop_ends_the_run() {
    let plan = plan_with(&[(GROWTH, growth(0.0, 5.0, 15.0))], 300);
    let json = String::from_utf8(crate::codec::share::plan_json(plan.plan())).unwrap();
    let mut reports = Vec::new();
    let mut post = |text: String| reports.push(wire::read_report(&text).unwrap());
    let mut runner = wire::Runner::default();
    runner.hear(&wire::request_text(1, &json), &mut post);
    runner.chunk(&mut post);
    runner.chunk(&mut post);
    // A new request replaces the run; a stop ends it, with no report.
    runner.hear(&wire::request_text(2, &json), &mut post);
    runner.chunk(&mut post);
    runner.hear(&wire::stop_text(3), &mut post);
    assert!(!runner.busy());
    runner.chunk(&mut post);
    let shown: Vec<(u32, Option<u32>)> = reports
        .iter()
        .map(|(id, r)| match r {
            wire::Report::Progress { done, .. } => (*id, Some(*done)),
            _ => (*id, None),
        })
        .collect();
    assert_eq!(
        shown,
        [
            (1, None),
            (1, Some(3)),
            (1, Some(6)),
            (2, None),
            (2, Some(3))
        ]
    );
    // Run to the end chunk by chunk, the bands are those of one run at once.
    let mut chunked = Vec::new();
    let mut runner = wire::Runner::default();
    runner.hear(&wire::request_text(4, &json), &mut |t| chunked.push(t));
    while runner.busy() {
        runner.chunk(&mut |t| chunked.push(t));
    }
    let mut once = Vec::new();
    wire::answer(&wire::request_text(4, &json), &mut |t| once.push(t));
    assert_eq!(chunked, once);
    assert_eq!(chunked.len(), 1 + 99 + 1);
}
