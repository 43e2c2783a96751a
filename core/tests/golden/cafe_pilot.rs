//! Golden test for the cafe_pilot preset: the Swedish pilot's "Capacity Planning & Scaling
//! Guide" (3 → 5 → 8 → 15 → 50 cafés in months 1, 2, 3, 6, 12).
//!
//! The guide's phases: Phase 1 (3 cafés, month 1), Phase 2 (5–8 cafés, months 2–3), Phase 3
//! (15–25 cafés, month 6), Phase 4 (50+ cafés, month 12).
//!
//! Not expressible in the plan model (follow-ups):
//! - off-hours scale-down of voice nodes and front ends: the guide scales "all" services down by
//!   50 % off hours; the off-hours policy applies to app instances only. Extension: per-resource
//!   off-hours shares;
//! - a node type that changes with the phase ("3-4 instances + dedicated GPU" from Phase 3): the
//!   plan runs one GPU node type for the whole horizon. Extension: dated catalog switches;
//! - the Redis path (1 GB in Phase 2, 3-node cluster in Phase 3, 6+ nodes in Phase 4): the guide
//!   gives no Redis memory figure, so nothing drives it; with the plan's 100 MB the 512 MB node
//!   holds throughout;
//! - the API request volume: the guide gives none; the preset assumes 50 requests a session
//!   (see `API_REQUESTS_PER_SESSION` in the preset).

use headroom_core::engine::{self, MonthResult, PlanResults};
use headroom_core::plan::Plan;
use headroom_core::presets;
use headroom_core::tolerance::{assert_close, CENT, EXACT, HAND};

/// The guide's milestone months and café counts.
const MILESTONES: [(u32, f64); 5] = [(1, 3.0), (2, 5.0), (3, 8.0), (6, 15.0), (12, 50.0)];

/// Sessions per café per day and days per month used for cost per session.
const SESSIONS_PER_CAFE_PER_DAY: f64 = 80.0;
const DAYS_PER_MONTH: f64 = 30.0;

/// Today's compute price per core: $200 ÷ 4.5 cores.
const USD_PER_CORE: f64 = 200.0 / 4.5;

fn preset() -> Plan {
    presets::find("cafe-pilot")
        .expect("cafe-pilot template")
        .build()
}

fn run() -> (Plan, PlanResults) {
    let plan = preset();
    let results = engine::run(&plan.clone().validate().expect("cafe-pilot preset is valid"));
    (plan, results)
}

fn month(results: &PlanResults, month: u32) -> &MonthResult {
    &results.scenarios[0].months[month as usize - 1]
}

fn cost_item(m: &MonthResult, component: &str) -> f64 {
    m.cost
        .items
        .iter()
        .find(|i| {
            let other = presets::find("cafe-pilot")
                .expect("template")
                .build()
                .baseline
                .other_costs;
            i.component.name(&other) == component
        })
        .unwrap_or_else(|| panic!("no {component} cost in month {}", m.month))
        .usd_per_month
}

#[test]
fn cafes_and_traffic_follow_the_growth_projection() {
    let (_, results) = run();
    for (m, cafes) in MILESTONES {
        assert_close(
            &format!("cafés, month {m}"),
            month(&results, m).units.mean,
            cafes,
            EXACT,
        );
    }
    // Between milestones the rollout is linear: month 9 is halfway from 15 to 50.
    assert_close("cafés, month 9", month(&results, 9).units.mean, 32.5, EXACT);
    // "+67% / +167% / +400% / +1567% traffic" over month 1 (rounded in the guide:
    // 5/3 − 1 = 66.7 %, 8/3 − 1 = 166.7 %, 15/3 − 1 = 400 %, 50/3 − 1 = 1 566.7 %).
    let base = month(&results, 1).peak_rps;
    for (m, increase_pct) in [(2, 66.67), (3, 166.67), (6, 400.0), (12, 1566.67)] {
        let actual = (month(&results, m).peak_rps / base - 1.0) * 100.0;
        assert_close(
            &format!("traffic increase, month {m}"),
            actual,
            increase_pct,
            CENT,
        );
    }
}

/// Voice: busiest hour 50 sessions for 3 cafés ("30-50 sessions/hour"), 5 minutes each.
/// Little's law: 50 × 5 ÷ 60 = 4.17 concurrent sessions. The guide's "Concurrent Sessions: Up to
/// 15" / "10-15 maximum" does not follow from its own figures: 15 concurrent 5-minute sessions
/// need 180 sessions an hour, 3.6 times its busiest hour.
#[test]
fn concurrent_voice_sessions_follow_littles_law() {
    let (_, results) = run();
    let voice = month(&results, 1).voice.as_ref().expect("voice");
    assert_close(
        "concurrent sessions, 3 cafés",
        voice.concurrent_sessions,
        50.0 * 5.0 / 60.0,
        EXACT,
    );
    // 250 interactions in the busiest hour, 3 s each: 0.208 erlangs.
    assert_close(
        "interactions/s",
        voice.interactions_per_s,
        250.0 / 3600.0,
        EXACT,
    );
    assert_close(
        "offered load",
        voice.offered_load_erlangs,
        250.0 * 3.0 / 3600.0,
        EXACT,
    );
    let voice12 = month(&results, 12).voice.as_ref().expect("voice");
    assert_close(
        "concurrent sessions, 50 cafés",
        voice12.concurrent_sessions,
        50.0 / 3.0 * 50.0 * 5.0 / 60.0,
        EXACT,
    );
}

/// Ollama nodes per phase: "1 instance", "2 instances", "3-4 instances", "8+ instances".
///
/// The sessions-per-node rule (8 per node, the guide's scale-up trigger) reproduces every phase:
/// ⌈4.17 ÷ 8⌉ = 1, ⌈6.94 ÷ 8⌉ = 1 and ⌈11.1 ÷ 8⌉ = 2, ⌈20.8 ÷ 8⌉ = 3, ⌈69.4 ÷ 8⌉ = 9.
/// The guide's own wait target ("Voice Processing: <2s (95th percentile)") needs a second node
/// already in Phase 1: with one node processing one 3-second interaction at a time, M/M/1 at
/// 0.208 erlangs has a p95 wait of ln(0.208 ÷ 0.05) ÷ (1/3 − 0.069) = 5.4 s. So the plan runs 2
/// nodes in month 1 where the guide has 1.
#[test]
fn voice_nodes_per_phase() {
    let (_, results) = run();
    let nodes = |m: u32| month(&results, m).voice.as_ref().expect("voice").clone();
    let by_concurrency: Vec<u64> = MILESTONES
        .iter()
        .map(|&(m, _)| nodes(m).nodes_by_concurrency)
        .collect();
    assert_eq!(by_concurrency, [1, 1, 2, 3, 9]);
    let planned: Vec<u64> = MILESTONES.iter().map(|&(m, _)| nodes(m).nodes).collect();
    assert_eq!(planned, [2, 2, 2, 3, 9]);
    // Phase 1: the queueing rule binds.
    assert_eq!(nodes(1).nodes_by_queue, 2);
    assert_eq!(nodes(1).binding.as_str(), "queueing");
    let one_node_p95 = (0.208_333_f64 / 0.05).ln() / (1.0 / 3.0 - 250.0 / 3600.0);
    assert!(one_node_p95 > 2.0, "{one_node_p95}");
    // Phase 4: the concurrency rule binds, "8+ instances".
    assert_eq!(nodes(12).binding.as_str(), "concurrency");
    assert!(nodes(12).nodes >= 8);
}

/// What the guide states directly, which the plan can now say as it is written: "Concurrent
/// Sessions: Up to 15 simultaneous voice feedbacks" for today's 3 cafés, and "Voice Processing:
/// <2 seconds (95th percentile)" as a response time.
///
/// ```text
/// month 1 (3 cafés)   15 × 3 ÷ 3 = 15 at once                → ⌈15 ÷ 8⌉ = 2 nodes by sessions
///                     15 × 60 ÷ 5 min = 180 sessions an hour (Little's law)
///                     λ = 180 × 5 ÷ 3 600 = 0.25/s;  A = 0.25 × 3 s = 0.75 erlangs
/// one stream a node   c = 1: C = 0.75, t_0.95 = ln(0.75 ÷ 0.05) ÷ ((1 − 0.75) ÷ 3) = 32.5 s
///                     c = 2: invB 1, 7/3, 65/9 → B = 9/65; C = (9/65) ÷ (1 − 0.375 × 56/65) = 9/44
///                            t_0.95 = ln(9/44 ÷ 0.05) ÷ ((2 − 0.75) ÷ 3) = 3.38 s > 2 s
///                     c = 3: invB = 1 + 65/9 × 3 ÷ 0.75 = 269/9 → B = 9/269
///                            C = (9/269) ÷ (1 − 0.25 × 260/269) = 9/204 ≤ 5 %: t_0.95 = 0
///                     → 3 nodes, the wait target binds (the guide has 1 in Phase 1)
/// month 12 (50 cafés) 15 × 50 ÷ 3 = 250 at once → ⌈250 ÷ 8⌉ = 32 nodes ("8+ instances")
/// ```
///
/// The guide's response target cannot be met by any fleet: its processing alone takes 2–3 s
/// (3 s in the plan), so "< 2 s at p95" as a response time is refused, naming the field. The
/// template keeps it as a wait target.
#[test]
fn the_guides_stated_concurrency_and_response_target() {
    let mut plan = preset();
    plan.baseline
        .voice
        .as_mut()
        .unwrap()
        .peak_concurrent_sessions = 15.0;
    let results = engine::run(&plan.clone().validate().expect("valid"));
    let v1 = month(&results, 1).voice.clone().expect("voice");
    assert_close("concurrent, 3 cafés", v1.concurrent_sessions, 15.0, EXACT);
    assert_close("busiest hour", v1.busiest_hour_sessions, 180.0, EXACT);
    assert_close("λ", v1.interactions_per_s, 0.25, EXACT);
    assert_close("A", v1.offered_load_erlangs, 0.75, EXACT);
    assert_eq!(v1.nodes_by_concurrency, 2);
    assert_eq!((v1.servers, v1.nodes), (3, 3));
    assert_eq!(v1.binding.as_str(), "queueing");
    let two_streams_p95 = (9.0f64 / 44.0 / 0.05).ln() / (1.25 / 3.0);
    assert_close("p95 wait with 2 streams", two_streams_p95, 3.381, HAND);
    let v12 = month(&results, 12).voice.clone().expect("voice");
    assert_close(
        "concurrent, 50 cafés",
        v12.concurrent_sessions,
        250.0,
        EXACT,
    );
    assert_eq!(v12.nodes_by_concurrency, 32);
    assert_eq!(v12.binding.as_str(), "concurrency");

    plan.policies.voice.target = headroom_core::plan::VoiceTarget::Response;
    plan.policies.voice.response_target_s = 2.0;
    let errors = plan.validate().expect_err("shorter than the processing");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "policies.voice.response_target_s");
    assert!(
        errors[0]
            .message
            .starts_with("Voice response target (2 s) is below the GPU time per interaction (3 s)"),
        "{}",
        errors[0].message
    );
}

/// API gateway per phase: "1-2", "2-3", "3-5" and "5-10" instances, at 100 requests a minute
/// per core and the 70 % CPU target, at least the 2 replicas of docker-compose.scale.yml.
/// Phase 4 needs 10, past the pilot's "max 5 instances": the plan flags it from month 8
/// (26.7 cafés, 6 instances), which is where the guide's Phase 4 raises the maximum.
#[test]
fn api_gateway_instances_per_phase() {
    let (_, results) = run();
    let instances: Vec<u64> = MILESTONES
        .iter()
        .map(|&(m, _)| month(&results, m).app.instances)
        .collect();
    assert_eq!(instances, [2, 2, 2, 3, 10]);
    // Peak at 50 cafés: 50 × 80 sessions × 50 requests × 50/240 ÷ 3 600 = 11.57 req/s;
    // ⌈11.57 ÷ (1.667 × 0.7)⌉ = 10.
    assert_close(
        "peak req/s, 50 cafés",
        month(&results, 12).peak_rps,
        50.0 * 80.0 * 50.0 * (50.0 / 240.0) / 3600.0,
        EXACT,
    );
    let first_over = results.scenarios[0]
        .months
        .iter()
        .find(|m| m.app.over_max)
        .map(|m| m.month.number());
    assert_eq!(first_over, Some(8));
}

/// Supabase: 20 concurrent connections today (1 gateway × 10 + 10 background), the 100-pool
/// tier until 80 active connections ("Scale Trigger: >80 active connections"), then the pool of
/// 200. The guide increases the pool in Phase 2 (5–8 cafés); by its own connection figures the
/// 100 pool holds until 8 gateways (90 connections, month 10, 38 cafés).
#[test]
fn database_pool_steps() {
    let (plan, results) = run();
    let tier = |m: u32| {
        results.scenarios[0].database_tiers.months[m as usize - 1]
            .tier
            .map(|t| plan.catalogs.databases[t].name.clone())
    };
    assert_eq!(month(&results, 1).database.connections, 30.0);
    assert_eq!(tier(3).as_deref(), Some("Supabase, pool 100"));
    assert_eq!(tier(9).as_deref(), Some("Supabase, pool 100"));
    assert_eq!(
        tier(10).as_deref(),
        Some("Supabase, pool 200 + read replicas")
    );
    assert_eq!(month(&results, 10).database.connections, 90.0);
    let upgrades = &results.scenarios[0].database_tiers.upgrades;
    assert_eq!(upgrades.len(), 1);
    assert_eq!(upgrades[0].month, 10);
}

#[test]
fn redis_stays_on_the_512_mb_node() {
    let (plan, results) = run();
    for t in results.scenarios[0].redis_plans.tiers() {
        assert_eq!(t, Some(0));
    }
    assert_eq!(plan.catalogs.redis[0].memory_gb, 0.5);
    // 100 MB × 1.2 fragmentation ÷ 75 % = 160 MB, under the 400 MB (80 %) trigger.
    assert_close(
        "Redis node memory",
        month(&results, 12).redis.need.node_memory_mb,
        160.0,
        EXACT,
    );
}

/// Costs. Today's $420 is reproduced line by line: compute $200 = API gateway 1 core + Ollama 2
/// cores + PWA and dashboard 1.5 cores at $44.44 a core; database $100; storage $50,
/// networking $30, monitoring $40.
///
/// At 50 cafés the guide projects $3 350, of which compute $2 000. Database $800, storage $200,
/// networking $150 and monitoring $200 are reproduced (the preset's lines pass through them);
/// compute is not: 10 gateways (less the off-hours saving) + 9 Ollama nodes + the front ends at
/// today's price per core come to $1 168.25, and the guide's $2 000 follows from none of its
/// figures (45 cores at its own price; with the "dedicated GPU" nodes of Phase 3 it would be
/// several times more).
///
/// Cost per session: the guide's "~$0.10" today lies between $420 ÷ (240 × 30) = $0.058 and
/// $420 ÷ (120 × 30) = $0.117 (its session range); its "~$0.05 at scale" is $3 350 ÷ (50 × 40 ×
/// 30) = $0.056 at the low end of the range ($0.028 at the high end).
#[test]
fn costs() {
    let (_, results) = run();
    // Today, by the preset's prices and the guide's instance counts.
    let today = USD_PER_CORE * (1.0 + 2.0 + 1.5) + 100.0 + 50.0 + 30.0 + 40.0;
    assert_close("today", today, 420.0, EXACT);

    let m1 = month(&results, 1);
    // 2 gateways, 1 kept off hours for 108 of 168 hours a week.
    let saving = USD_PER_CORE * 108.0 / 168.0;
    assert_close(
        "API gateway, month 1",
        cost_item(m1, "App instances"),
        2.0 * USD_PER_CORE - saving,
        EXACT,
    );
    assert_close(
        "GPU voice, month 1",
        cost_item(m1, "GPU voice"),
        2.0 * 2.0 * USD_PER_CORE,
        EXACT,
    );
    assert_close("database, month 1", cost_item(m1, "Database"), 100.0, EXACT);
    assert_close("storage, month 1", cost_item(m1, "Storage"), 50.0, EXACT);
    assert_close("total, month 1", m1.cost.total_usd_per_month, 536.46, CENT);

    let m12 = month(&results, 12);
    assert_close(
        "database, 50 cafés",
        cost_item(m12, "Database"),
        800.0,
        EXACT,
    );
    assert_close("storage, 50 cafés", cost_item(m12, "Storage"), 200.0, EXACT);
    assert_close(
        "networking, 50 cafés",
        cost_item(m12, "Networking"),
        150.0,
        EXACT,
    );
    assert_close(
        "monitoring, 50 cafés",
        cost_item(m12, "Monitoring"),
        200.0,
        EXACT,
    );
    let compute = cost_item(m12, "App instances")
        + cost_item(m12, "GPU voice")
        + cost_item(m12, "Customer PWA + business dashboard");
    // 10 gateways − 5 × 108/168 off hours, 9 nodes × 2 cores, 1.5 cores of front ends.
    let expected_compute = USD_PER_CORE * (10.0 - 5.0 * 108.0 / 168.0 + 18.0 + 1.5);
    assert_close("compute, 50 cafés", compute, expected_compute, EXACT);
    assert_close("compute, 50 cafés (dollars)", compute, 1168.25, CENT);
    // Plus the 0.5 GB Redis node ($11.70, not in the guide's budget lines).
    assert_close(
        "total, 50 cafés",
        m12.cost.total_usd_per_month,
        2529.95,
        CENT,
    );

    let sessions = |cafes: f64| cafes * SESSIONS_PER_CAFE_PER_DAY * DAYS_PER_MONTH;
    assert_close("guide today, busy end", 420.0 / sessions(3.0), 0.058, HAND);
    assert_close(
        "guide today, quiet end",
        420.0 / (3.0 * 40.0 * DAYS_PER_MONTH),
        0.117,
        HAND,
    );
    assert_close(
        "guide at scale, quiet end",
        3350.0 / (50.0 * 40.0 * DAYS_PER_MONTH),
        0.056,
        HAND,
    );
    // The plan's own cost per session, over the month's real days: month 1 (January, 31 days)
    // 3 cafés × 80 × 31 = 7 440 sessions, $536.46 ÷ 7 440 = $0.072; month 12 (December)
    // 50 × 80 × 31 = 124 000 sessions, $2 529.95 ÷ 124 000 = $0.020 — under the guide's
    // "~$0.05 at scale" target at the busy end of its session range.
    assert_close(
        "cost per session, month 1",
        m1.cost_per_session_usd.expect("voice"),
        m1.cost.total_usd_per_month / (3.0 * 80.0 * 31.0),
        EXACT,
    );
    assert_close(
        "cost per session, month 1 (dollars)",
        m1.cost_per_session_usd.unwrap(),
        0.072,
        HAND,
    );
    assert_close(
        "cost per session, 50 cafés",
        m12.cost_per_session_usd.expect("voice"),
        m12.cost.total_usd_per_month / (50.0 * 80.0 * 31.0),
        EXACT,
    );
    assert_close(
        "cost per session, 50 cafés (dollars)",
        m12.cost_per_session_usd.unwrap(),
        0.020,
        HAND,
    );
    // Against the guide's 30-day months: $0.021.
    assert_close(
        "at scale, 30 days",
        m12.cost.total_usd_per_month / sessions(50.0),
        0.021,
        HAND,
    );
}
