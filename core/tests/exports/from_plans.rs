//! Deployment specs built from plans and their results.

use super::*;
use headroom_core::engine::{self, PlanResults};
use headroom_core::export::deployment::{self, SpecError, APP_IMAGE, POOL_MODE};
use headroom_core::plan::{Plan, RedisTopology};
use headroom_core::presets::TEMPLATES;
use headroom_core::validate::ValidPlan;

fn run(plan: Plan) -> (ValidPlan, PlanResults) {
    let plan = plan.validate().expect("a valid plan");
    let results = engine::run(&plan);
    (plan, results)
}

fn mib(mb: f64) -> u64 {
    (mb * 1e6 / 1_048_576.0).floor() as u64
}

/// Checks every figure of the spec for `scenario` in `month` against the plan and results.
fn check(valid: &ValidPlan, results: &PlanResults, scenario: usize, month: u32) {
    let plan = valid.plan();
    let context = format!("{} / scenario {scenario} / month {month}", plan.name);
    let spec = deployment::spec(valid, results, scenario, month).expect(&context);
    let result = &results.scenarios[scenario];
    let sized = &result.months[month as usize - 1];
    let policies = &plan.policies;
    let instance = plan
        .catalogs
        .instances
        .iter()
        .find(|i| i.name == policies.app_instance)
        .unwrap();

    assert_eq!(spec.plan_name, plan.name, "{context}");
    assert_eq!(spec.scenario, plan.scenarios[scenario].name, "{context}");
    assert!(
        spec.month_label.contains(&sized.calendar.label()),
        "{context}"
    );
    assert_eq!(spec.services.len(), 1, "{context}");
    let app = &spec.services[0];
    assert_eq!(u64::from(app.replicas), sized.app.instances, "{context}");
    assert_eq!(app.min_replicas, policies.min_instances, "{context}");
    let busiest = result.months.iter().map(|m| m.app.instances).max().unwrap();
    assert_eq!(
        u64::from(app.max_replicas),
        busiest.max(u64::from(policies.max_instances)),
        "{context}"
    );
    assert!(app.min_replicas <= app.replicas && app.replicas <= app.max_replicas);
    // Limits are the node's allocatable, requests below them.
    let node = app.node.as_ref().expect("the app's node");
    assert_eq!(node.instance_type, instance.name);
    assert_eq!(node.capacity_memory_mib, mib(instance.memory_gb * 1000.0));
    assert_eq!(
        app.cpu_limit,
        node.allocatable_millicores() as f64 / 1000.0,
        "{context}"
    );
    assert_eq!(app.memory_limit_mib.0, node.allocatable_memory_mib());
    assert!(app.cpu_reservation < app.cpu_limit, "{context}");
    assert!(
        app.memory_reservation_mib < app.memory_limit_mib,
        "{context}"
    );
    assert!(app.cpu_limit < instance.vcpu, "{context}");
    assert_eq!(app.spare_replicas, policies.redundancy);
    assert_eq!(app.image, APP_IMAGE);
    assert_eq!(
        app.target_cpu_utilisation_pct,
        policies.target_utilisation_pct
    );
    assert_eq!(
        app.target_memory_utilisation_pct,
        policies.scale_up_trigger_pct
    );
    assert!(
        spec.notes.iter().any(|n| n.contains(APP_IMAGE)),
        "{context}"
    );

    // Redis: the month's plan, its memory per primary times the maxmemory share.
    let redis = spec.redis.as_ref().expect("every plan has Redis");
    match sized.redis.plan.map(|p| &plan.catalogs.redis[p]) {
        Some(entry) => {
            let primaries = deployment::primaries(entry);
            let share = policies.redis.maxmemory_share_pct / 100.0;
            assert_eq!(
                redis.maxmemory_mib.0,
                mib(entry.memory_gb * 1000.0 / f64::from(primaries) * share),
                "{context}"
            );
            assert_eq!(redis.nodes, entry.nodes);
            // The container limit is the node memory maxmemory is a share of.
            assert_eq!(
                redis.memory_limit_mib.0,
                mib(entry.memory_gb * 1000.0 / f64::from(primaries)).max(redis.maxmemory_mib.0),
                "{context}"
            );
            let policy = if entry.topology == RedisTopology::Single {
                "allkeys-lru"
            } else {
                "noeviction"
            };
            assert_eq!(redis.maxmemory_policy, policy, "{context}");
            // The data fits in maxmemory whenever the month has a plan.
            assert!(
                (redis.maxmemory_mib.0 as f64) * 1.048_576
                    >= sized.redis.need.rss_mb / f64::from(primaries) - 1.1,
                "{context}: maxmemory {} MiB for {} MB of data",
                redis.maxmemory_mib.0,
                sized.redis.need.rss_mb
            );
        }
        None => assert!(spec.notes.iter().any(|n| n.starts_with("Redis needs"))),
    }

    // Database: the pool per instance always; PgBouncer exactly when the plan advises it.
    let database = spec.database.as_ref().expect("every plan has a database");
    assert_eq!(database.pool_per_instance, policies.pool_per_instance);
    match sized.database.tier.map(|t| &plan.catalogs.databases[t]) {
        Some(tier) => {
            assert_eq!(database.tier, tier.name, "{context}");
            assert_eq!(
                database.pooler.is_some(),
                sized.database.needs_pooler,
                "{context}"
            );
            if let Some(pooler) = &database.pooler {
                assert_eq!(pooler.pool_mode, POOL_MODE);
                assert_eq!(
                    pooler.default_pool_size,
                    ((f64::from(tier.max_connections) * policies.pooler_share_pct / 100.0).floor()
                        as u32)
                        .max(1),
                    "{context}"
                );
                // Every client at full scale-out, or the month's connections when the
                // per-unit rule asks for more.
                assert_eq!(
                    pooler.max_client_conn,
                    (app.max_replicas * policies.pool_per_instance
                        + plan.baseline.database.background_connections)
                        .max(sized.database.connections.ceil() as u32),
                    "{context}"
                );
            }
        }
        None => assert!(spec.notes.iter().any(|n| n.contains("largest tier"))),
    }
    if let Some(voice) = &sized.voice {
        assert!(
            spec.notes
                .iter()
                .any(|n| n.starts_with(&format!("Voice needs {} ×", voice.nodes))),
            "{context}"
        );
        let exported = spec.voice.as_ref().expect("a voice service");
        assert_eq!(u64::from(exported.replicas), voice.nodes, "{context}");
    } else {
        assert_eq!(spec.voice, None, "{context}");
    }

    // The writers carry the figures through.
    let compose_file = parse(&compose::to_yaml(&spec));
    let service = &compose_file["services"]["app"];
    assert_eq!(service["deploy"]["replicas"], app.replicas, "{context}");
    assert_eq!(
        service["environment"]["DB_POOL_SIZE"],
        policies.pool_per_instance.to_string()
    );
    assert_eq!(
        compose_file["services"].get("pgbouncer").is_some(),
        database.pooler.is_some()
    );
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    let hpa = &documents[1];
    assert_eq!(hpa["kind"], "HorizontalPodAutoscaler");
    assert_eq!(hpa["spec"]["minReplicas"], app.min_replicas, "{context}");
    assert_eq!(hpa["spec"]["maxReplicas"], app.max_replicas, "{context}");
    assert_eq!(
        hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"],
        policies.target_utilisation_pct.round().min(90.0) as u32
    );
    let config = &of_kind(&documents, "ConfigMap")[1]["data"];
    assert_eq!(
        config["redis.conf"],
        format!(
            "maxmemory {}mb\nmaxmemory-policy {}\n",
            redis.maxmemory_mib.0.max(1),
            redis.maxmemory_policy
        )
    );
}

#[test]
fn every_template_scenario_and_month_gives_a_consistent_spec() {
    for template in &TEMPLATES {
        let (plan, results) = run(template.build());
        for (s, scenario) in results.scenarios.iter().enumerate() {
            for month in 1..=scenario.months.len() as u32 {
                check(&plan, &results, s, month);
            }
        }
    }
}

#[test]
fn the_default_plan_by_hand() {
    // 1 000 users × 1.04¹² = 1 601 users in month 12; 200 requests a day each, peak 3× the
    // average: 11.1 req/s, one m7g.large at 70 % takes 35, so the HA minimum of 2 binds.
    let (plan, results) = run(Plan::default());
    let spec = deployment::spec(&plan, &results, 0, 12).unwrap();
    let app = &spec.services[0];
    assert_eq!(
        (app.replicas, app.min_replicas, app.max_replicas),
        (2, 2, 10)
    );
    // m7g.large: 2 vCPU, 8 GB = 7 629 MiB, of which 1.93 cores and 7 629 − 1 731 − 100 =
    // 5 798 MiB are allocatable; requests leave 100 m and 256 MiB for DaemonSets.
    assert_eq!((app.cpu_limit, app.memory_limit_mib.0), (1.93, 5798));
    assert_eq!(
        (app.cpu_reservation, app.memory_reservation_mib.0),
        (1.83, 5542)
    );
    assert_eq!(spec.month_label, "Dec 2027 (month 12)");
    // Redis: 100 MB × 1.2 ÷ 75 % = 160 MB of node memory fits the 0.5 GB single node;
    // maxmemory = 500 MB × 75 % = 375 MB = 357 MiB; a single node is a cache.
    let redis = spec.redis.unwrap();
    assert_eq!(
        (
            redis.maxmemory_mib.0,
            redis.maxmemory_policy.as_str(),
            redis.nodes
        ),
        (357, "allkeys-lru", 1)
    );
    // Database: 2 × 20 + 5 = 45 connections, within 80 % of Supabase Micro's 60.
    let database = spec.database.unwrap();
    assert_eq!(database.tier, "Supabase Micro");
    assert_eq!(database.pooler, None);
    let text = kubernetes::to_yaml(&deployment::spec(&plan, &results, 0, 12).unwrap());
    assert!(text.contains("# note: Replace the image registry.example.com/app:latest"));
}

#[test]
fn an_export_of_a_plan_with_ranges_says_what_it_is_sized_for() {
    use headroom_core::plan::{Distribution, Range, Uncertainty};
    let (plan, results) = run(Plan::default());
    let spec = deployment::spec(&plan, &results, 0, 12).unwrap();
    assert!(!spec.notes.iter().any(|n| n.contains("percentile")));
    let ranged = Plan {
        uncertainty: Some(Uncertainty {
            size_for_pct: Some(90.0),
            ranges: vec![Range {
                field: "baseline.units".to_owned(),
                distribution: Distribution::Uniform {
                    low: 800.0,
                    high: 1200.0,
                },
            }],
            ..Uncertainty::default()
        }),
        ..Plan::default()
    };
    let (plan, results) = run(ranged);
    let text = kubernetes::to_yaml(&deployment::spec(&plan, &results, 0, 12).unwrap());
    assert!(
        text.contains(
            "# note: Sized for the plan's single values, not a percentile: the plan sizes for P90"
        ),
        "{text}"
    );
}

#[test]
fn an_export_sized_for_a_percentile_takes_its_figures() {
    use headroom_core::export::SizedFor;
    let mut plan = Plan::default();
    plan.baseline.voice = Some(headroom_core::edit::new_voice_demand());
    let (plan, results) = run(plan);
    let month = &results.scenarios[0].months[11];
    let single = deployment::spec(&plan, &results, 0, 12).unwrap();
    let catalogs = &plan.plan().catalogs;
    let sized = SizedFor {
        pct: 90.0,
        trials: 2000,
        app_instances: month.app.instances + 3,
        database_connections: month.database.connections.ceil() as u64,
        database_tier: catalogs.databases.len() - 1,
        redis_plan: catalogs.redis.len() - 1,
        gpu_nodes: month.voice.as_ref().unwrap().nodes + 1,
    };
    let spec = deployment::spec_at(&plan, &results, 0, 12, Some(sized)).unwrap();
    assert_eq!(
        u64::from(spec.services[0].replicas),
        month.app.instances + 3
    );
    assert!(spec.services[0].max_replicas >= spec.services[0].replicas);
    assert_eq!(
        spec.database.as_ref().unwrap().tier,
        catalogs.databases.last().unwrap().name
    );
    assert_eq!(
        spec.redis.as_ref().unwrap().nodes,
        catalogs.redis.last().unwrap().nodes
    );
    assert_eq!(
        u64::from(spec.voice.as_ref().unwrap().replicas),
        month.voice.as_ref().unwrap().nodes + 1
    );
    let note = spec
        .notes
        .iter()
        .find(|n| n.starts_with("Sized for P90"))
        .expect("a note on the percentile");
    assert!(
        note.contains("over 2\u{202f}000 trials") || note.contains("over 2 000 trials"),
        "{note}"
    );
    assert!(note.contains("90 %"), "{note}");
    // Without figures, the single values, as before.
    assert_eq!(
        deployment::spec_at(&plan, &results, 0, 12, None).unwrap(),
        single
    );
    // Beyond the catalogs: the largest entries, and a note saying so.
    let beyond = SizedFor {
        database_tier: catalogs.databases.len(),
        redis_plan: catalogs.redis.len(),
        ..sized
    };
    let spec = deployment::spec_at(&plan, &results, 0, 12, Some(beyond)).unwrap();
    assert!(spec
        .notes
        .iter()
        .any(|n| n.contains("more than the largest tier")));
    assert!(spec
        .notes
        .iter()
        .any(|n| n.contains("more than the largest plan")));
}

#[test]
fn an_export_sized_for_a_percentile_takes_its_connections() {
    use headroom_core::export::SizedFor;
    let (plan, results) = run(Plan::default());
    let month = &results.scenarios[0].months[11];
    let catalogs = &plan.plan().catalogs;
    let tier = month.database.tier.unwrap();
    let pools = month.database.connections_from_pools;
    let sized = |database_connections: u64| SizedFor {
        pct: 90.0,
        trials: 500,
        app_instances: month.app.instances,
        database_connections,
        database_tier: tier,
        redis_plan: month.redis.plan.unwrap(),
        gpu_nodes: 0,
    };
    // Connections no more than the pools: the pools set them, and no pooler is needed.
    let spec = deployment::spec_at(&plan, &results, 0, 12, Some(sized(pools as u64))).unwrap();
    assert_eq!(spec.database.unwrap().pooler, None);
    // More than the tier's direct allowance (the per-unit rule, in the trials at the
    // percentile): PgBouncer takes them all, and the note names that rule.
    // (More than the pools at the autoscaler's maximum too, so they set `max_client_conn`.)
    let direct = catalogs.databases[tier].max_connections;
    assert!(direct < 5000);
    let spec = deployment::spec_at(&plan, &results, 0, 12, Some(sized(5001))).unwrap();
    let pooler = spec.database.as_ref().unwrap().pooler.as_ref().unwrap();
    assert_eq!(pooler.max_client_conn, 5001);
    assert!(
        spec.notes
            .iter()
            .any(|n| n.contains("the per-unit connection rule") && n.contains("PgBouncer")),
        "{:?}",
        spec.notes
    );
    assert!(
        spec.notes
            .iter()
            .any(|n| n.starts_with("Sized for P90")
                && n.contains("the database connections and tier")),
        "{:?}",
        spec.notes
    );
}

#[test]
fn a_crowded_database_gets_pgbouncer() {
    // 40 instances × 20 connections = 800 + 5 > 80 % of any Supabase tier's direct
    // connections (at most 500).
    let mut plan = Plan::default();
    plan.policies.min_instances = 40;
    plan.policies.max_instances = 50;
    let (plan, results) = run(plan);
    let month = &results.scenarios[0].months[0];
    assert!(month.database.needs_pooler);
    let spec = deployment::spec(&plan, &results, 0, 1).unwrap();
    let tier = &plan.plan().catalogs.databases[month.database.tier.unwrap()];
    let pooler = spec.database.unwrap().pooler.unwrap();
    assert_eq!(pooler.max_client_conn, 50 * 20 + 5);
    assert_eq!(
        pooler.default_pool_size,
        (f64::from(tier.max_connections) * 0.8).floor() as u32
    );
    assert!(spec.notes.iter().any(|n| n.contains("PgBouncer")));
    for month in 1..=12 {
        check(&plan, &results, 0, month);
    }
}

#[test]
fn scenarios_and_months_outside_the_plan_are_errors() {
    let (plan, results) = run(Plan::default());
    assert_eq!(
        deployment::spec(&plan, &results, 1, 1),
        Err(SpecError::NoScenario {
            index: 1,
            scenarios: 1
        })
    );
    for month in [0, 13, u32::MAX] {
        assert_eq!(
            deployment::spec(&plan, &results, 0, month),
            Err(SpecError::NoMonth { month, months: 12 })
        );
    }
    assert_eq!(
        SpecError::NoMonth {
            month: 13,
            months: 12
        }
        .to_string(),
        "There is no month 13 in this plan (it plans 12 months)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the demand and policies, the spec's replica bounds hold and its files parse.
    #[test]
    fn varied_plans_give_sane_specs(
        units in 0.0f64..1e7,
        growth in -20.0f64..60.0,
        min in 1u32..30,
        extra in 0u32..30,
        target in 1.0f64..100.0,
        pool in 1u32..200,
        month in 1u32..=12,
    ) {
        let mut plan = Plan::default();
        plan.baseline.units = units;
        if let headroom_core::plan::Growth::Compound { monthly_growth_pct, .. } =
            &mut plan.scenarios[0].growth
        {
            *monthly_growth_pct = growth;
        }
        plan.policies.min_instances = min;
        plan.policies.max_instances = min + extra;
        plan.policies.target_utilisation_pct = target;
        plan.policies.pool_per_instance = pool;
        let (plan, results) = run(plan);
        check(&plan, &results, 0, month);
    }
}
