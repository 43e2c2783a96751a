//! Voice: GPU nodes for a response or wait target, a stated peak concurrency, bounded work for
//! absurd loads, and one timeline entry for repeated steps.

use super::*;

/// A voice plan worked by hand: 15 sessions at once today (stated, for today's 1 000 users),
/// 4 minutes and 4 interactions each, 2 s of GPU time an interaction, on one-stream nodes of 20
/// sessions, no spare.
fn stated_voice_plan() -> Plan {
    let mut plan = small_plan();
    plan.policies.redundancy = 0;
    let voice = plan.baseline.voice.as_mut().unwrap();
    voice.peak_concurrent_sessions = 15.0;
    voice.session_minutes = 4.0;
    voice.interactions_per_session = 4.0;
    voice.gpu_seconds_per_interaction = 2.0;
    let node = &mut plan.catalogs.gpu_nodes[0];
    node.streams_per_node = 1;
    node.sessions_per_node = 20;
    plan
}

/// The figures of [`stated_voice_plan`], by hand:
///
/// ```text
/// concurrent   15 × 1 000 ÷ 1 000 users today = 15              → ⌈15 ÷ 20⌉ = 1 node by sessions
/// busiest hour 15 × 60 ÷ 4 min = 225 sessions (Little's law)
/// λ            225 × 4 ÷ 3 600 = 0.25/s;  A = 0.25 × 2 s = 0.5 erlangs
/// c = 1        C = A = 0.5;  cμ − λ = (1 − 0.5) ÷ 2 = 0.25/s;  t_0.95 = ln(0.5 ÷ 0.05) ÷ 0.25 = 9.21 s
/// c = 2        invB = 1, 1 + 1 ÷ 0.5 = 3, 1 + 3 × 2 ÷ 0.5 = 13: B = 1/13;  ρ = 0.25
///              C = (1/13) ÷ (1 − 0.25 × 12/13) = 0.1;  cμ − λ = 1.5 ÷ 2 = 0.75/s
///              t_0.95 = ln(0.1 ÷ 0.05) ÷ 0.75 = ln 2 ÷ 0.75 = 0.924 s
/// c = 3        invB = 1 + 13 × 3 ÷ 0.5 = 79: B = 1/79;  ρ = 1/6
///              C = (1/79) ÷ (1 − 78/474) = 474 ÷ (79 × 396) = 1/66 ≤ 5 %: t_0.95 = 0
/// ```
///
/// A p95 wait of 1 s needs 2 streams; a p95 response of 3 s is that wait plus the 2 s on the
/// GPU, the same 2; a p95 response of 2.5 s leaves 0.5 s of wait: 3 streams, 3 nodes, a p95
/// response of 0 + 2 s. Under 2 s no number of nodes will do, and the plan is refused.
#[test]
fn a_response_target_is_the_wait_target_plus_the_gpu_time() {
    let nodes = |target: VoiceTarget, seconds: f64| {
        let mut plan = stated_voice_plan();
        plan.policies.voice.target = target;
        match target {
            VoiceTarget::Wait => plan.policies.voice.wait_target_s = seconds,
            VoiceTarget::Response => plan.policies.voice.response_target_s = seconds,
        }
        run(plan)
    };

    let (plan, results) = nodes(VoiceTarget::Wait, 1.0);
    let v = first_month(&results).voice.clone().unwrap();
    assert_close("concurrent", v.concurrent_sessions, 15.0, EXACT);
    assert_close("busiest hour", v.busiest_hour_sessions, 225.0, EXACT);
    assert_close("λ", v.interactions_per_s, 0.25, EXACT);
    assert_close("A", v.offered_load_erlangs, 0.5, EXACT);
    assert_close(
        "p95 wait with 2 streams",
        v.wait_at_percentile_s.unwrap(),
        2.0f64.ln() / 0.75,
        EXACT,
    );
    assert_eq!(
        (v.nodes_by_concurrency, v.servers, v.nodes),
        (1, 2, 2),
        "{v:?}"
    );
    assert_eq!(
        sentence(&plan, &results, Figure::GpuNodes),
        "2 GPU nodes = max(⌈15 concurrent sessions ÷ 20 per node⌉ = 1, ⌈2 streams ÷ 1 per \
         node⌉ = 2) — the wait target (Erlang C) binds"
    );

    let (_, results) = nodes(VoiceTarget::Response, 3.0);
    let same = first_month(&results).voice.clone().unwrap();
    assert_eq!((same.servers, same.nodes), (2, 2));

    let (plan, results) = nodes(VoiceTarget::Response, 2.5);
    let v = first_month(&results).voice.clone().unwrap();
    assert_eq!(
        (v.servers, v.nodes, v.binding),
        (3, 3, VoiceBinding::Queueing)
    );
    assert_eq!(v.wait_at_percentile_s, Some(0.0));
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert_eq!(
        why.sentence(),
        "3 GPU nodes = max(⌈15 concurrent sessions ÷ 20 per node⌉ = 1, ⌈3 streams ÷ 1 per \
         node⌉ = 3) — the response-time target (Erlang C) binds"
    );
    let input = |name: &str| {
        why.inputs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no input {name}: {:?}", why.inputs))
    };
    assert_eq!(
        input("concurrent sessions"),
        "stated: 15 today × 1\u{202F}000 ÷ 1\u{202F}000 users today"
    );
    assert_eq!(
        input("response-time target"),
        "p95 ≤ 2.5 s = wait ≤ 0.5 s + 2 s GPU"
    );
    // The table shows the response at p95 beside the target: no wait, then 2 s on the GPU.
    let tables = headroom_core::tables::scenario_tables(&plan, &results, 0);
    let table = tables.iter().find(|t| t.id == "voice").unwrap();
    let cell = table.cell(1, "wait").unwrap();
    assert_eq!(cell.value, Some(2.0));
    assert!(table.columns.iter().any(|c| c.title == "Response at p95"));
    assert_eq!(
        table.note.as_deref(),
        Some("gpu.test nodes; response target p95 ≤ 2.5 s.")
    );

    // Shorter than the GPU time itself: refused, naming the field and why.
    let mut plan = stated_voice_plan();
    plan.policies.voice.target = VoiceTarget::Response;
    plan.policies.voice.response_target_s = 1.9;
    let errors = plan.validate().unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "policies.voice.response_target_s");
    assert_eq!(
        errors[0].message,
        "Voice response target (1.9 s) is below the GPU time per interaction (2 s), which every \
         response includes"
    );
}

/// A stated peak grows with the units the month sizes for (×3 in a ×3 season), and the
/// explanation says the concurrency was stated; without it, that it was derived.
#[test]
fn a_stated_peak_concurrency_grows_with_demand_and_says_so() {
    let mut plan = stated_voice_plan();
    plan.scenarios[0].calendar = vec![headroom_core::plan::CalendarEffect {
        name: "Rush".to_owned(),
        from: "01-01".parse().unwrap(),
        to: "01-31".parse().unwrap(),
        multiplier: 3.0,
        year: None,
    }];
    plan.start = headroom_core::plan::YearMonth {
        year: 2027,
        month: 1,
    };
    let (plan, results) = run(plan);
    let january = first_month(&results).voice.clone().unwrap();
    let february = results.scenarios[0].months[1].voice.clone().unwrap();
    assert_close("January", january.concurrent_sessions, 45.0, EXACT);
    assert_close("February", february.concurrent_sessions, 15.0, EXACT);
    // 45 at once: ⌈45 ÷ 20⌉ = 3 nodes by sessions.
    assert_eq!(january.nodes_by_concurrency, 3);
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert!(why.inputs.contains(&(
        "concurrent sessions".to_owned(),
        "stated: 15 today × 3\u{202F}000 ÷ 1\u{202F}000 users today".to_owned()
    )));

    let (plan, results) = run(small_plan());
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert!(why.inputs.contains(&(
        "concurrent sessions".to_owned(),
        "derived: busiest-hour sessions × session length".to_owned()
    )));

    // Nothing to grow from: refused, naming the field.
    let mut plan = stated_voice_plan();
    plan.baseline.units = 0.0;
    let errors = plan.validate().unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(),
        ["baseline.voice.peak_concurrent_sessions"]
    );
    assert!(errors[0]
        .message
        .starts_with("Peak concurrent sessions need units today above 0"));
}

fn voice_plan(units: f64, voice: VoiceDemand, growth_pct: f64, horizon_months: u32) -> Plan {
    let mut plan = small_plan();
    plan.horizon_months = horizon_months;
    plan.baseline.units = units;
    plan.baseline.voice = Some(voice);
    plan.scenarios[0].growth = Growth::Compound {
        monthly_growth_pct: growth_pct,
        monthly_churn_pct: 0.0,
    };
    plan
}

fn assert_nodes_finite_and_monotone(results: &PlanResults) {
    let nodes: Vec<u64> = results.scenarios[0]
        .months
        .iter()
        .map(|m| m.voice.as_ref().expect("the plan has voice").nodes)
        .collect();
    assert!(nodes.windows(2).all(|w| w[0] <= w[1]), "{nodes:?}");
    for m in &results.scenarios[0].months {
        let v = m.voice.as_ref().unwrap();
        assert!(v.offered_load_erlangs.is_finite());
        assert!(v.wait_at_percentile_s.is_none_or(f64::is_finite));
        assert!(m.cost.total_usd_per_month.is_finite());
    }
}

#[test]
fn absurd_voice_loads_take_bounded_work() {
    // Every voice figure at its validated maximum, growing 1 000 % a month for 120 months: the
    // offered load is far beyond any queueing model, so streams are capped by utilisation.
    let absurd = VoiceDemand {
        sessions_per_unit_per_day: 1e6,
        peak_hour_share_pct: 100.0,
        session_minutes: 1440.0,
        interactions_per_session: 1e4,
        gpu_seconds_per_interaction: 3600.0,
        peak_concurrent_sessions: 0.0,
    };
    let (plan, results) = run(voice_plan(1e9, absurd, 1000.0, 120));
    assert_nodes_finite_and_monotone(&results);
    let last = results.scenarios[0].months.last().unwrap();
    assert_eq!(
        last.voice.as_ref().unwrap().queue_model,
        QueueModel::UtilisationCap
    );
    let why = engine::explain(&plan, &results, 0, 120, Figure::GpuNodes).unwrap();
    assert!(why
        .inputs
        .iter()
        .any(|(name, value)| name == "queueing model"
            && value.starts_with("beyond the queueing model's range")));

    // 10 400 to 105 000 erlangs: the exact search would take up to a million steps a month;
    // square-root staffing takes a few dozen.
    let heavy = VoiceDemand {
        sessions_per_unit_per_day: 1.0,
        peak_hour_share_pct: 10.0,
        session_minutes: 0.01,
        interactions_per_session: 10.0,
        gpu_seconds_per_interaction: 36.0,
        peak_concurrent_sessions: 0.0,
    };
    let (plan, results) = run(voice_plan(1e6, heavy.clone(), 4.0, 60));
    assert_nodes_finite_and_monotone(&results);
    let first = first_month(&results).voice.as_ref().unwrap();
    // Month 1 has grown 4 % already: 10 400 erlangs.
    assert_close(
        "first.offered_load_erlangs",
        first.offered_load_erlangs,
        10_400.0,
        ITERATIVE,
    );
    assert_eq!(first.queue_model, QueueModel::HalfinWhitt);
    // Checked with the exact wait: above A, within a few √A.
    let servers = first.servers as f64;
    assert!(
        servers > 10_400.0 && servers < 10_400.0 + 5.0 * 102.0,
        "{servers}"
    );
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert!(
        why.binding.contains("Halfin–Whitt, checked with Erlang C"),
        "{why:?}"
    );

    // Crossing the threshold (4 400 → 7 795 erlangs) keeps nodes monotone.
    let (_, results) = run(voice_plan(4e5, heavy, 10.0, 7));
    assert_nodes_finite_and_monotone(&results);
    let models: Vec<QueueModel> = results.scenarios[0]
        .months
        .iter()
        .map(|m| m.voice.as_ref().unwrap().queue_model)
        .collect();
    assert_eq!(models[0], QueueModel::ErlangC);
    assert_eq!(models[6], QueueModel::HalfinWhitt);
}

/// A voice fleet that grows most months is one timeline entry from its first step to its last,
/// not one entry per step; two steps or fewer stay separate.
#[test]
fn repeated_gpu_steps_are_one_timeline_entry() {
    let voice = small_plan().baseline.voice.unwrap();
    let (_, results) = run(voice_plan(20_000.0, voice.clone(), 4.0, 120));
    let s = &results.scenarios[0];
    let nodes: Vec<u64> = s
        .months
        .iter()
        .map(|m| m.voice.as_ref().unwrap().nodes)
        .collect();
    let steps: Vec<u32> = (1..nodes.len())
        .filter(|&i| nodes[i] > nodes[i - 1])
        .map(|i| i as u32 + 1)
        .collect();
    assert!(steps.len() > 20, "{} steps", steps.len());
    let voice_events: Vec<_> = s
        .timeline
        .iter()
        .filter(|e| e.resource == headroom_core::engine::Resource::Voice)
        .collect();
    assert_eq!(voice_events.len(), 1, "{voice_events:?}");
    let grouped = voice_events[0];
    let (first, last) = (steps[0], *steps.last().unwrap());
    assert_eq!(grouped.month, first);
    assert_eq!(grouped.through_month.map(u32::from), Some(last));
    let expected_start = format!(
        "GPU voice nodes {} → {} over months {first}–{last} (",
        nodes[first as usize - 2],
        nodes[last as usize - 1]
    );
    assert!(
        grouped.text.starts_with(&expected_start),
        "{} vs {expected_start}",
        grouped.text
    );
    assert!(
        grouped.text.contains(&format!("in {} steps", steps.len())),
        "{}",
        grouped.text
    );
    assert!(s.timeline.len() < 20, "{} entries", s.timeline.len());

    // Steady demand with one step of growth: each step is its own entry.
    let (_, results) = run(voice_plan(20_000.0, voice, 4.0, 2));
    let events: Vec<_> = results.scenarios[0]
        .timeline
        .iter()
        .filter(|e| e.resource == headroom_core::engine::Resource::Voice)
        .collect();
    assert!(events.len() <= 2);
    assert!(events.iter().all(|e| e.through_month.is_none()
        && e.text.starts_with("GPU voice nodes ")
        && !e.text.contains("steps")));
}
