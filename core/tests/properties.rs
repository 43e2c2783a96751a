//! Invariants of the whole engine that must hold for every accepted plan: more load never
//! yields fewer instances, nodes or a lower tier; cost never falls when only load grows;
//! validation accepts what is in range, rejects what is not (naming every field), and nothing —
//! accepted or rejected — makes the engine or its models panic or return NaN or ∞.
//!
//! Plans are drawn across every growth model (compound, milestones, trend), both traffic models
//! and peak shapes (the baseline's and a scenario's own), calendar effects, headroom, forecast
//! bounds, redundancy, resources' own scale-up triggers, voice, off-hours scale-down and
//! commitments.

use chrono::NaiveDate;
use headroom_core::engine::{self, PlanResults};
use headroom_core::growth;
use headroom_core::plan::{
    CalendarEffect, ForecastBound, Growth, Interpolation, Milestone, Observation, PeakShape, Plan,
    Scenario, Traffic, TrendShape, VoiceDemand, VoiceTarget,
};
use headroom_core::redis;
use headroom_core::sizing::{self, SizingPolicy};
use headroom_core::tolerance::EXACT;
use headroom_core::vertical;
use proptest::prelude::*;

fn any_growth() -> impl Strategy<Value = Growth> {
    let compound = (-5.0..30.0f64, 0.0..5.0f64).prop_map(|(g, c)| Growth::Compound {
        monthly_growth_pct: g,
        monthly_churn_pct: c,
    });
    let milestones = (
        prop::collection::btree_map(1u32..=120, 0.0..1e6f64, 1..6),
        any::<bool>(),
    )
        .prop_map(|(points, linear)| Growth::Milestones {
            points: points
                .into_iter()
                .map(|(month, units)| Milestone { month, units })
                .collect(),
            between: if linear {
                Interpolation::Linear
            } else {
                Interpolation::Step
            },
        });
    let trend = (
        prop::collection::vec((1..60i64, 1.0..1e6f64), 3..8),
        any::<bool>(),
        50.0..99.9f64,
    )
        .prop_map(|(steps, exponential, confidence_pct)| {
            let mut date = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date");
            Growth::Trend {
                history: steps
                    .into_iter()
                    .map(|(gap, units)| {
                        date += chrono::Duration::days(gap);
                        Observation { date, units }
                    })
                    .collect(),
                shape: if exponential {
                    TrendShape::Exponential
                } else {
                    TrendShape::Linear
                },
                confidence_pct,
            }
        });
    prop_oneof![2 => compound, 1 => milestones, 1 => trend]
}

fn any_calendar() -> impl Strategy<Value = Vec<CalendarEffect>> {
    prop::collection::vec(
        ((1..=12u32, 1..=28u32), (1..=12u32, 1..=28u32), 0.0..5.0f64),
        0..3,
    )
    .prop_map(|effects| {
        effects
            .into_iter()
            .map(|(from, to, multiplier)| {
                CalendarEffect::every_year("Season", from, to, multiplier)
            })
            .collect()
    })
}

fn any_traffic() -> impl Strategy<Value = (Traffic, f64)> {
    prop_oneof![
        (0.0..1e4f64, 1.0..20.0f64, 0.0..50.0f64).prop_map(|(requests, ratio, fixed)| (
            Traffic::DailyVolume {
                requests_per_unit_per_day: requests,
                peak: PeakShape::PeakToAverage { ratio },
            },
            fixed
        )),
        (0.0..1e4f64, 4.2..100.0f64).prop_map(|(requests, share_pct)| (
            Traffic::DailyVolume {
                requests_per_unit_per_day: requests,
                peak: PeakShape::PeakHourShare { share_pct },
            },
            0.0
        )),
        (0.0..5e3f64, 0.0..1.0f64).prop_map(|(peak_rps, fixed_share)| (
            Traffic::PeakRate { peak_rps },
            peak_rps * fixed_share
        )),
    ]
}

/// A plan drawn from the accepted ranges.
fn any_plan() -> impl Strategy<Value = Plan> {
    (
        (0.0..1e6f64, any_traffic(), 0.0..0.5f64, 0.0..50.0f64),
        (
            0.0..20.0f64,
            4.2..100.0f64,
            0.5..60.0f64,
            0.0..10.0f64,
            0.05..10.0f64,
        ),
        (
            1.0..=100.0f64,
            1.0..=100.0f64,
            0u32..=2,
            1u32..=5,
            0.0..100.0f64,
            [
                prop::option::of(1.0..=100.0f64),
                prop::option::of(1.0..=100.0f64),
                prop::option::of(1.0..=100.0f64),
            ],
        ),
        (
            any_growth(),
            any_calendar(),
            prop::option::of(any_traffic()),
            [
                prop::option::of(-100.0..=50.0f64),
                prop::option::of(-100.0..=50.0f64),
            ],
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0u8..3,
            1u32..=36,
            (prop::option::of(0.0..1e4f64), prop::option::of(0.0..5.0f64)),
        ),
    )
        .prop_map(|(demand, voice, policy, scenario, flags)| {
            let (units, (traffic, fixed), data_gb, redis_mb) = demand;
            let (sessions, share, minutes, interactions, gpu_s) = voice;
            let (util, trigger, redundancy, min, headroom, own_triggers) = policy;
            let (growth, calendar, own, [own_data, own_background]) = scenario;
            let (with_voice, commit, off_hours, bound, horizon, (stated, response)) = flags;
            let mut plan = Plan {
                horizon_months: horizon,
                ..Plan::default()
            };
            plan.baseline.units = units;
            plan.baseline.traffic = traffic;
            plan.baseline.fixed_peak_rps = fixed;
            plan.baseline.database.data_gb_per_unit = data_gb;
            plan.baseline.redis.memory_mb_per_unit = redis_mb;
            plan.baseline.voice = with_voice.then_some(VoiceDemand {
                sessions_per_unit_per_day: sessions,
                peak_hour_share_pct: share,
                session_minutes: minutes,
                interactions_per_session: interactions,
                gpu_seconds_per_interaction: gpu_s,
                // A stated peak needs units today to grow from.
                peak_concurrent_sessions: stated.filter(|_| units > 0.0).unwrap_or(0.0),
            });
            if let Some(beyond_gpu_s) = response.filter(|_| with_voice) {
                plan.policies.voice.target = VoiceTarget::Response;
                plan.policies.voice.response_target_s = gpu_s + beyond_gpu_s;
            }
            plan.policies.target_utilisation_pct = util;
            plan.policies.scale_up_trigger_pct = trigger;
            [
                plan.policies.database_connections_trigger_pct,
                plan.policies.database_storage_trigger_pct,
                plan.policies.redis_memory_trigger_pct,
            ] = own_triggers;
            plan.policies.redundancy = redundancy;
            plan.policies.min_instances = min;
            plan.policies.headroom_pct = headroom;
            plan.policies.commitment.enabled = commit;
            plan.policies.off_hours.enabled = off_hours;
            plan.policies.forecast_bound = match bound {
                0 => ForecastBound::Mean,
                1 => ForecastBound::Upper,
                _ => ForecastBound::Lower,
            };
            // A scenario's own measured peak holds the baseline's fixed traffic too.
            let own = own.map(|(own, _)| match own {
                Traffic::PeakRate { peak_rps } => Traffic::PeakRate {
                    peak_rps: peak_rps.max(fixed),
                },
                daily => daily,
            });
            plan.scenarios = vec![Scenario {
                name: "Drawn".to_owned(),
                growth,
                calendar,
                traffic: own,
                data_monthly_growth_pct: own_data,
                background_monthly_growth_pct: own_background,
            }];
            plan
        })
}

/// `plan` with voice: its own, or a new plan's voice demand.
fn with_voice(mut plan: Plan) -> Plan {
    if plan.baseline.voice.is_none() {
        plan.baseline.voice = Some(headroom_core::edit::new_voice_demand());
    }
    plan
}

fn run(plan: &Plan) -> PlanResults {
    engine::run(&plan.validate().expect("the strategy draws valid plans"))
}

/// The same plan with `factor` times the demand: today's units (and, for a measured peak, the
/// peak, the baseline's and a scenario's own), every milestone and every observation of a
/// trend.
fn scaled(plan: &Plan, factor: f64) -> Plan {
    let mut heavier = plan.clone();
    let b = &mut heavier.baseline;
    b.units = (b.units * factor).min(1e9);
    if let Traffic::PeakRate { peak_rps } = &mut b.traffic {
        let fixed_share = if *peak_rps > 0.0 {
            b.fixed_peak_rps / *peak_rps
        } else {
            0.0
        };
        *peak_rps = (*peak_rps * factor).min(1e7);
        b.fixed_peak_rps = (*peak_rps * fixed_share).min(*peak_rps);
    }
    if let Some(voice) = b.voice.as_mut() {
        voice.peak_concurrent_sessions = (voice.peak_concurrent_sessions * factor).min(1e9);
    }
    let fixed = b.fixed_peak_rps;
    for scenario in &mut heavier.scenarios {
        if let Some(Traffic::PeakRate { peak_rps }) = &mut scenario.traffic {
            *peak_rps = (*peak_rps * factor).min(1e7).max(fixed);
        }
        match &mut scenario.growth {
            Growth::Compound { .. } => {}
            Growth::Milestones { points, .. } => {
                for p in points {
                    p.units *= factor;
                }
            }
            Growth::Trend { history, .. } => {
                for o in history {
                    o.units *= factor;
                }
            }
        }
    }
    heavier
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every accepted plan runs, and every figure is a finite number.
    #[test]
    fn accepted_plans_give_finite_results(plan in any_plan()) {
        let results = run(&plan);
        assert_finite(&results)?;
    }

    /// More demand never means fewer instances or nodes, a lower tier, or a smaller bill.
    #[test]
    fn more_load_never_means_less(plan in any_plan(), factor in 1.0..10.0f64) {
        let light = run(&plan);
        let heavy = run(&scaled(&plan, factor));
        let (l, h) = (&light.scenarios[0], &heavy.scenarios[0]);
        for (i, (lm, hm)) in l.months.iter().zip(&h.months).enumerate() {
            prop_assert!(hm.peak_rps >= lm.peak_rps - EXACT.allowed(lm.peak_rps), "month {}", i + 1);
            prop_assert!(hm.app.instances >= lm.app.instances, "month {}", i + 1);
            prop_assert!(hm.database.connections >= lm.database.connections);
            // A tier beyond the catalog (None) counts as the highest.
            let rank = |t: Option<usize>| t.map_or(usize::MAX, |t| t);
            prop_assert!(rank(h.database_tiers.months[i].tier) >= rank(l.database_tiers.months[i].tier));
            prop_assert!(rank(h.redis_plans.months[i].tier) >= rank(l.redis_plans.months[i].tier));
            if let (Some(lv), Some(hv)) = (&lm.voice, &hm.voice) {
                prop_assert!(hv.nodes >= lv.nodes, "voice nodes fell in month {}", i + 1);
            }
            // With commitments, more load can lower a month's bill: a higher floor commits more
            // instances at the discount (2 → 3 committed while the month still runs 3). The
            // bill without them never falls; see `commitments_never_cost_more` for the rest.
            if !plan.policies.commitment.enabled {
                prop_assert!(
                    hm.cost.total_usd_per_month >= lm.cost.total_usd_per_month - EXACT.allowed(lm.cost.total_usd_per_month),
                    "cost fell in month {}: {} → {}", i + 1, lm.cost.total_usd_per_month, hm.cost.total_usd_per_month
                );
            }
        }
    }

    /// Faster own growth of the data or the background work never means less data, fewer
    /// connections, a lower tier, less traffic or fewer instances.
    #[test]
    fn faster_own_growth_never_means_less(
        plan in any_plan(),
        data_pct in -100.0..=50.0f64,
        background_pct in -100.0..=50.0f64,
        faster in 0.0..50.0f64,
    ) {
        let mut slow = plan;
        slow.baseline.database.background_connections = 7;
        slow.scenarios[0].data_monthly_growth_pct = Some(data_pct);
        slow.scenarios[0].background_monthly_growth_pct = Some(background_pct);
        let mut fast = slow.clone();
        fast.scenarios[0].data_monthly_growth_pct = Some(data_pct + faster);
        fast.scenarios[0].background_monthly_growth_pct = Some(background_pct + faster);
        let (s, f) = (run(&slow), run(&fast));
        let (s, f) = (&s.scenarios[0], &f.scenarios[0]);
        for (i, (sm, fm)) in s.months.iter().zip(&f.months).enumerate() {
            prop_assert!(fm.database.data_gb >= sm.database.data_gb, "month {}", i + 1);
            prop_assert!(fm.database.background_connections >= sm.database.background_connections);
            prop_assert!(fm.database.connections >= sm.database.connections);
            prop_assert!(fm.peak_rps >= sm.peak_rps - EXACT.allowed(sm.peak_rps));
            prop_assert!(fm.app.instances >= sm.app.instances);
            let rank = |t: Option<usize>| t.map_or(usize::MAX, |t| t);
            prop_assert!(rank(f.database_tiers.months[i].tier) >= rank(s.database_tiers.months[i].tier));
        }
    }

    /// A commitment covers only instances that run all month, so it never makes a month dearer
    /// than on-demand, and saves at most the discount.
    #[test]
    fn commitments_never_cost_more(plan in any_plan(), discount in 0.0..95.0f64, term in 1u32..=60) {
        let mut on_demand = plan.clone();
        on_demand.policies.commitment.enabled = false;
        let mut committed = plan;
        committed.policies.commitment.enabled = true;
        committed.policies.commitment.discount_pct = discount;
        committed.policies.commitment.term_months = term;
        let (a, b) = (run(&on_demand), run(&committed));
        for (om, cm) in a.scenarios[0].months.iter().zip(&b.scenarios[0].months) {
            let (full, with) = (om.cost.total_usd_per_month, cm.cost.total_usd_per_month);
            prop_assert!(with <= full + EXACT.allowed(full), "month {}: {with} > {full}", om.month);
            let floor = full * (1.0 - discount / 100.0);
            prop_assert!(with >= floor - EXACT.allowed(floor), "month {}", om.month);
            prop_assert!(cm.committed_app_instances <= cm.app.instances);
        }
    }

    /// A tighter response-time target never needs fewer GPU nodes, in any month.
    #[test]
    fn a_tighter_response_target_never_needs_fewer_nodes(
        plan in any_plan(),
        beyond_gpu_s in 0.0..5.0f64,
        tighter in 0.0..1.0f64,
    ) {
        let mut loose = with_voice(plan);
        let gpu_s = loose.baseline.voice.as_ref().map_or(0.0, |v| v.gpu_seconds_per_interaction);
        loose.policies.voice.target = VoiceTarget::Response;
        loose.policies.voice.response_target_s = gpu_s + beyond_gpu_s;
        let mut tight = loose.clone();
        tight.policies.voice.response_target_s = gpu_s + beyond_gpu_s * tighter;
        let (l, t) = (run(&loose), run(&tight));
        for (lm, tm) in l.scenarios[0].months.iter().zip(&t.scenarios[0].months) {
            let nodes = |m: &engine::MonthResult| m.voice.as_ref().map_or(0, |v| v.nodes);
            prop_assert!(nodes(tm) >= nodes(lm), "month {}: {} < {}", lm.month, nodes(tm), nodes(lm));
        }
    }

    /// A response target of t sizes exactly as a wait target of t less the GPU time per
    /// interaction: the same streams and nodes every month (docs/models.md "GPU voice nodes").
    #[test]
    fn a_response_target_sizes_as_its_wait(plan in any_plan(), wait_s in 0.001..30.0f64) {
        let mut waiting = with_voice(plan);
        waiting.policies.voice.target = VoiceTarget::Wait;
        waiting.policies.voice.wait_target_s = wait_s;
        let gpu_s = waiting.baseline.voice.as_ref().map_or(0.0, |v| v.gpu_seconds_per_interaction);
        let mut responding = waiting.clone();
        responding.policies.voice.target = VoiceTarget::Response;
        responding.policies.voice.response_target_s = wait_s + gpu_s;
        let (w, r) = (run(&waiting), run(&responding));
        for (wm, rm) in w.scenarios[0].months.iter().zip(&r.scenarios[0].months) {
            let (wv, rv) = (wm.voice.as_ref().unwrap(), rm.voice.as_ref().unwrap());
            prop_assert_eq!((wv.servers, wv.nodes), (rv.servers, rv.nodes), "month {}", wm.month);
        }
    }

    /// A stated peak concurrency equal to the one derived today sizes every month as the
    /// derived one does: both grow with the units, and Little's law turns the stated figure
    /// back into the busiest hour's sessions.
    #[test]
    fn a_stated_concurrency_agrees_with_the_derived_one(plan in any_plan()) {
        let mut derived = with_voice(plan);
        prop_assume!(derived.baseline.units > 0.0);
        let voice = derived.baseline.voice.as_mut().unwrap();
        voice.peak_concurrent_sessions = 0.0;
        let today = derived.baseline.units * voice.sessions_per_unit_per_day
            * (voice.peak_hour_share_pct / 100.0) * voice.session_minutes / 60.0;
        prop_assume!(today > 0.0 && today <= 1e9);
        let mut stated = derived.clone();
        stated.baseline.voice.as_mut().unwrap().peak_concurrent_sessions = today;
        let (d, s) = (run(&derived), run(&stated));
        for (dm, sm) in d.scenarios[0].months.iter().zip(&s.scenarios[0].months) {
            let (dv, sv) = (dm.voice.as_ref().unwrap(), sm.voice.as_ref().unwrap());
            for (name, a, b) in [
                ("concurrent sessions", dv.concurrent_sessions, sv.concurrent_sessions),
                ("busiest-hour sessions", dv.busiest_hour_sessions, sv.busiest_hour_sessions),
                ("offered load", dv.offered_load_erlangs, sv.offered_load_erlangs),
            ] {
                prop_assert!((a - b).abs() <= EXACT.allowed(a), "month {}: {name} {a} ≠ {b}", dm.month);
            }
        }
    }

    /// Tiers never go down from one month to the next, even when demand falls.
    #[test]
    fn tiers_never_downgrade(plan in any_plan()) {
        let results = run(&plan);
        let s = &results.scenarios[0];
        for progression in [&s.database_tiers, &s.redis_plans] {
            let ranks: Vec<usize> = progression.months.iter().map(|m| m.tier.map_or(usize::MAX, |t| t)).collect();
            prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        }
    }

    /// Out-of-range numbers are rejected with a message naming the field; nothing panics.
    #[test]
    fn rejected_plans_name_their_fields(plan in any_plan(), bad in prop_oneof![
        Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(-1.0), Just(1e300)
    ]) {
        let mut broken = plan;
        broken.baseline.units = bad;
        let errors = broken.validate().expect_err("an out-of-range unit count is rejected");
        prop_assert!(errors.iter().any(|e| e.path == "baseline.units" && e.message.starts_with("Units today")));
    }

    /// Any field set to a hostile value: validation either accepts the plan — and the engine
    /// then runs it to finite figures — or rejects it with every problem named (a path and a
    /// sentence). Either way the models, which are total, run on the raw figures without
    /// panicking or returning NaN or ∞.
    #[test]
    fn hostile_values_are_rejected_or_run_and_never_panic(
        plan in any_plan(),
        field in 0usize..FIELDS,
        bad in hostile(),
    ) {
        let mut hostile = plan;
        set_field(&mut hostile, field, bad);
        match hostile.validate() {
            Ok(valid) => assert_finite(&engine::run(&valid))?,
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(!e.path.is_empty() && !e.message.is_empty(), "{e:?}");
                }
            }
        }
        // The models on the raw figures, validated or not.
        let p = &hostile;
        let projection = growth::project(p.baseline.units, &p.scenarios[0].growth, p.start, p.horizon_months.min(240));
        for f in &projection.months {
            prop_assert!(f.mean.is_finite() && f.lower.is_finite() && f.upper.is_finite());
        }
        let need = redis::memory_need(&p.baseline.redis, &redis::MemoryRules::of(&p.policies.redis), p.baseline.units);
        prop_assert!(need.node_memory_mb.is_finite());
        let policy = SizingPolicy::from(&p.policies);
        let app = sizing::size_app(p.baseline.units, &p.catalogs.instances[0], &policy);
        prop_assert!(app.utilisation_at_peak.is_finite());
        let c = vertical::compare_sizes(&p.catalogs.instances, p.baseline.units, &policy);
        prop_assert!(c.options.iter().all(|o| o.usd_per_month.is_finite()));
        prop_assert!(c.cheapest_mix.as_ref().is_none_or(|m| m.usd_per_month.is_finite()));
    }
}

fn hostile() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-1.0),
        Just(1e300),
        Just(-1e300),
        Just(0.0),
        Just(1.2),
        Just(10_000.0),
    ]
}

/// How many fields [`set_field`] can break.
const FIELDS: usize = 18;

/// Sets one numeric field, chosen by `field`, to `value`.
fn set_field(plan: &mut Plan, field: usize, value: f64) {
    let b = &mut plan.baseline;
    let p = &mut plan.policies;
    match field {
        0 => b.units = value,
        1 => b.fixed_peak_rps = value,
        2 => b.database.data_gb_per_unit = value,
        3 => b.redis.memory_mb_per_unit = value,
        4 => p.target_utilisation_pct = value,
        5 => p.scale_up_trigger_pct = value,
        6 => p.headroom_pct = value,
        7 => p.voice.percentile_pct = value,
        8 => p.voice.wait_target_s = value,
        16 => p.voice.response_target_s = value,
        17 => match &mut b.voice {
            Some(voice) => voice.peak_concurrent_sessions = value,
            None => p.voice.response_target_s = value,
        },
        9 => p.redis.fragmentation_ratio = value,
        10 => p.commitment.discount_pct = value,
        11 => plan.catalogs.instances[0].capacity_rps = value,
        12 => plan.catalogs.instances[0].usd_per_month = value,
        13 => match &mut plan.scenarios[0].growth {
            Growth::Compound {
                monthly_growth_pct, ..
            } => *monthly_growth_pct = value,
            Growth::Milestones { points, .. } => points[0].units = value,
            Growth::Trend { confidence_pct, .. } => *confidence_pct = value,
        },
        14 => {
            // A horizon of 10 000 months, or of 0.
            plan.horizon_months = if value > 1.0 { 10_000 } else { 0 }
        }
        _ => {
            if let Some(voice) = &mut b.voice {
                voice.gpu_seconds_per_interaction = value;
            } else {
                b.today.monthly_bill_usd = value;
            }
        }
    }
}

fn assert_finite(results: &PlanResults) -> Result<(), TestCaseError> {
    for s in &results.scenarios {
        for month in &s.months {
            prop_assert!(month.units_sized.is_finite() && month.units_sized >= 0.0);
            prop_assert!(month.peak_rps.is_finite() && month.peak_rps >= 0.0);
            prop_assert!(month.app.utilisation_at_peak.is_finite());
            prop_assert!(month.database.connections.is_finite());
            prop_assert!(month.database.data_gb.is_finite());
            prop_assert!(month.redis.need.node_memory_mb.is_finite());
            prop_assert!(month.cost.total_usd_per_month.is_finite());
            prop_assert!(month.cost.total_usd_per_month >= 0.0);
            prop_assert!(month.cost_per_unit_usd.is_none_or(f64::is_finite));
            prop_assert!(month.cost_per_session_usd.is_none_or(f64::is_finite));
            if let Some(voice) = &month.voice {
                prop_assert!(voice.concurrent_sessions.is_finite());
                prop_assert!(voice.busiest_hour_sessions.is_finite());
                prop_assert!(voice.offered_load_erlangs.is_finite());
                prop_assert!(voice.wait_at_percentile_s.is_none_or(f64::is_finite));
            }
        }
        prop_assert!(s
            .vertical
            .cheapest_mix
            .as_ref()
            .is_none_or(|m| m.usd_per_month.is_finite()));
        if let Some(c) = &s.commitment {
            prop_assert!(c.recommended.saving_usd_over_term.is_finite());
            prop_assert!(c.peak.saving_usd_over_term.is_finite());
        }
    }
    Ok(())
}
