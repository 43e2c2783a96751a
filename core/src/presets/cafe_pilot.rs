//! Preset: Swedish café voice-feedback pilot.
//!
//! Expresses the pilot's "Capacity Planning & Scaling Guide": 3 cafés today growing to 5, 8, 15
//! and 50 over a year; 120–240 voice-feedback sessions a day for the 3 cafés, 30–50 of them in the
//! busiest hour, 3–5 minutes each with 2–3 s of processing per interaction; Ollama voice nodes of
//! 5–8 concurrent sessions; an API gateway where "1 core handles ~100 requests/minute"; Supabase
//! with a 100-connection pool (200 later); Redis 512 MB with an 80 % trigger; scale-down to 50 %
//! from 8 PM to 8 AM and at weekends; $420 a month today.
//!
//! Ranges are taken at their busy end (240 sessions a day, 50 in the busiest hour, 5 minutes,
//! 3 s), so the plan sizes for the guide's upper figures.
//!
//! Prices: the guide gives one compute bill ($200 a month) for today's 4.5 cores (API gateway 1,
//! customer PWA 0.5, business dashboard 1, Ollama 2), i.e. $44.44 per core-month; the API
//! gateway, the Ollama node and the two web front ends are priced from that.

use super::Template;
use crate::catalog;
use crate::plan::{
    Baseline, Catalogs, CostLine, DatabaseDemand, DatabaseTier, GpuNode, Growth, InstanceType,
    Interpolation, Milestone, OffHoursPolicy, PeakShape, Plan, Policies, RedisDemand, Scenario,
    Today, Traffic, VoiceDemand, VoicePolicy, YearMonth,
};

/// The template.
pub const TEMPLATE: Template = Template {
    id: "cafe-pilot",
    title: "Café voice pilot",
    summary: "A voice-feedback pilot growing from 3 to 50 cafés in a year: Ollama voice nodes, \
              API gateway, Supabase pool and Redis, with off-hours scale-down.",
};

/// Today's compute bill over today's cores: $200 ÷ (1 + 0.5 + 1 + 2) cores ("Budget Planning",
/// "Staging Environment Resources").
pub const USD_PER_CORE_MONTH: f64 = 200.0 / 4.5;

/// Sessions per café per day: 240 a day for 3 cafés (the top of "120-240").
pub const SESSIONS_PER_CAFE_PER_DAY: f64 = 240.0 / 3.0;

/// API requests per feedback session. The guide gives no API volume; 50 requests a session
/// (about 10 per voice interaction: audio upload, status polls, transcript, submit) is an
/// assumption, chosen so that the guide's own API capacity ("1 core handles ~100
/// requests/minute") reproduces its phase table's gateway counts (1–2, 2–3, 3–5, 5–10). The
/// guide's load-test figures (50–75 TPS for 15 concurrent users) would mean 800–1 200 requests a
/// session, 10–13 gateway cores for 3 cafés, and contradict both.
pub const API_REQUESTS_PER_SESSION: f64 = 50.0;

const GUIDE: &str = "Swedish Pilot Capacity Planning & Scaling Guide";

/// The API gateway container: 1 core, 1 GB, "1 core handles ~100 requests/minute".
fn api_gateway() -> InstanceType {
    InstanceType {
        priced_on: None,
        region: String::new(),
        name: "API gateway (1 core, 1 GB)".to_owned(),
        vcpu: 1.0,
        memory_gb: 1.0,
        capacity_rps: 100.0 / 60.0,
        usd_per_month: USD_PER_CORE_MONTH,
        source: format!(
            "{GUIDE} (API Gateway Scaling: \"1 core handles ~100 requests/minute\"; price: \
             $200 compute ÷ 4.5 cores)"
        ),
    }
}

/// The Ollama voice node: 2 cores, 4 GB, "5-8 concurrent voice sessions" (8 is the scale-up
/// trigger: "Concurrent sessions > 8"), one interaction processed at a time (2–3 s each on CPU).
fn ollama_node() -> GpuNode {
    GpuNode {
        priced_on: None,
        region: String::new(),
        name: "Ollama voice node (2 cores, 4 GB)".to_owned(),
        streams_per_node: 1,
        sessions_per_node: 8,
        usd_per_month: 2.0 * USD_PER_CORE_MONTH,
        source: format!(
            "{GUIDE} (Voice Processing (Ollama) Scaling; price: 2 cores at $200 compute ÷ 4.5 \
             cores)"
        ),
    }
}

/// The guide's Supabase steps: today's 100-connection pool at today's $100 database bill, and
/// the pool of 200 with read replicas at its projected $800 (50 cafés). Storage is "Unlimited
/// (managed)".
fn supabase_pools() -> Vec<DatabaseTier> {
    vec![
        DatabaseTier {
            priced_on: None,
            region: String::new(),
            name: "Supabase, pool 100".to_owned(),
            max_connections: 100,
            pooler_clients: 0,
            storage_gb: 10_000.0,
            usd_per_month: 100.0,
            source: format!("{GUIDE} (Database Scaling: connection pool 100; Budget: $100)"),
        },
        DatabaseTier {
            priced_on: None,
            region: String::new(),
            name: "Supabase, pool 200 + read replicas".to_owned(),
            max_connections: 200,
            pooler_clients: 0,
            storage_gb: 10_000.0,
            usd_per_month: 800.0,
            source: format!(
                "{GUIDE} (Database Scaling: \"Increase connection pool to 200\", read \
                 replicas; Budget at 50 cafés: $800)"
            ),
        },
    ]
}

/// A cost line through the guide's two budget points: `today` at 3 cafés and `at_50` at 50.
fn budget_line(name: &str, today: f64, at_50: f64) -> CostLine {
    let per_cafe = (at_50 - today) / (50.0 - 3.0);
    CostLine {
        name: name.to_owned(),
        fixed_usd_per_month: today - 3.0 * per_cafe,
        per_unit_usd_per_month: per_cafe,
        included_units: 0.0,
        from_month: None,
        until_month: None,
    }
}

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "Café voice pilot".to_owned(),
        // The guide is undated; month 1 is the pilot's first month.
        start: YearMonth {
            year: 2026,
            month: 1,
        },
        horizon_months: 12,
        currency: crate::currency::USD.code().to_owned(),
        baseline: Baseline {
            scaling: Vec::new(),
            demand_unit: "cafés".to_owned(),
            // "3 Swedish Cafés" today.
            units: 3.0,
            traffic: Traffic::DailyVolume {
                requests_per_unit_per_day: SESSIONS_PER_CAFE_PER_DAY * API_REQUESTS_PER_SESSION,
                // 50 of 240 sessions in the busiest hour ("Peak Hour Sessions: 30-50").
                peak: PeakShape::PeakHourShare {
                    share_pct: 50.0 / 240.0 * 100.0,
                },
            },
            // All traffic grows with the demand units.
            fixed_peak_rps: 0.0,
            database: DatabaseDemand {
                // "Storage: Unlimited (managed)": size is not a limit in the guide.
                data_gb_fixed: 1.0,
                data_gb_per_unit: 0.0,
                connections_per_unit: 0.0,
                // "Concurrent connections: 20" today = 1 gateway × 10 + 10 for the dashboard,
                // PWA and workers (the split is an assumption; the guide gives the total).
                background_connections: 10,
            },
            // The guide gives no Redis memory figure (sessions and rate limits in 512 MB): the
            // plan default of 100 MB is kept.
            redis: RedisDemand::default(),
            voice: Some(VoiceDemand {
                sessions_per_unit_per_day: SESSIONS_PER_CAFE_PER_DAY,
                peak_hour_share_pct: 50.0 / 240.0 * 100.0,
                // "Session Duration: Average 3-5 minutes".
                session_minutes: 5.0,
                // "Voice Interactions: 3-5 per session" (load test, normal peak).
                interactions_per_session: 5.0,
                // "Voice Processing: 2-3 seconds per interaction".
                gpu_seconds_per_interaction: 3.0,
                // The guide's "Concurrent Sessions: Up to 15" does not follow from its own
                // figures (core/tests/golden/cafe_pilot.rs): the plan derives concurrency.
                peak_concurrent_sessions: 0.0,
            }),
            other_costs: vec![
                // Customer PWA (0.5 core) and business dashboard (1 core), today's compute.
                CostLine {
                    name: "Customer PWA + business dashboard".to_owned(),
                    fixed_usd_per_month: 1.5 * USD_PER_CORE_MONTH,
                    per_unit_usd_per_month: 0.0,
                    included_units: 0.0,
                    from_month: None,
                    until_month: None,
                },
                // "Budget Planning": today (3 cafés) and projected (50 cafés).
                budget_line("Storage", 50.0, 200.0),
                budget_line("Networking", 30.0, 150.0),
                budget_line("Monitoring", 40.0, 200.0),
            ],
            today: Today {
                database_tier: String::new(),
                redis_plan: String::new(),
                // "API Gateway: Instances: 1".
                app_instances: 1,
                // "Total: $420/month".
                monthly_bill_usd: 420.0,
            },
        },
        scenarios: vec![Scenario {
            name: "Pilot rollout".to_owned(),
            // "Growth Projections": 3, 5, 8, 15 and 50 cafés in months 1, 2, 3, 6 and 12; a
            // rollout adds cafés steadily between them.
            growth: Growth::Milestones {
                points: vec![
                    Milestone {
                        month: 1,
                        units: 3.0,
                    },
                    Milestone {
                        month: 2,
                        units: 5.0,
                    },
                    Milestone {
                        month: 3,
                        units: 8.0,
                    },
                    Milestone {
                        month: 6,
                        units: 15.0,
                    },
                    Milestone {
                        month: 12,
                        units: 50.0,
                    },
                ],
                between: Interpolation::Linear,
            },
            calendar: Vec::new(),
            traffic: None,
            data_monthly_growth_pct: None,
            background_monthly_growth_pct: None,
        }],
        policies: Policies {
            // "CPU Utilization: Current Target: <70%".
            target_utilisation_pct: 70.0,
            // "Scale Trigger: >80%"; DB "Active connections > 80" of 100; Redis "> 400MB (80%)".
            scale_up_trigger_pct: 80.0,
            headroom_pct: 0.0,
            redundancy: 0,
            // docker-compose.scale.yml: api-gateway `replicas: 2-5`; "Scale to max 5 instances
            // for pilot phase".
            min_instances: 2,
            max_instances: 5,
            app_instance: api_gateway().name,
            pool_per_instance: 10,
            pooler_share_pct: 80.0,
            voice: VoicePolicy {
                gpu_node: ollama_node().name,
                // "Voice Processing: <2 seconds (95th percentile)", read as the wait before
                // processing: processing alone takes 2–3 s.
                wait_target_s: 2.0,
                percentile_pct: 95.0,
                ..VoicePolicy::default()
            },
            // "Off Hours (8 PM - 8 AM CET): Scale down by 50%, Keep 1 instance minimum";
            // "Weekend Scaling: Reduced capacity (cafés closed)".
            off_hours: OffHoursPolicy {
                enabled: true,
                business_hours_per_weekday: 12.0,
                weekends_reduced: true,
                off_hours_share_pct: 50.0,
            },
            ..Policies::default()
        },
        catalogs: Catalogs {
            instances: vec![api_gateway()],
            databases: supabase_pools(),
            // "Redis Cache: Memory: 512MB, Instances: 1": the default catalog starts at a
            // 0.5 GB node.
            redis: catalog::default_redis_plans(),
            gpu_nodes: vec![ollama_node()],
            ..catalog::default_catalogs()
        },
        uncertainty: None,
    }
}
