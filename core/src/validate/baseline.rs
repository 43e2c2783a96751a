//! The baseline: today's demand unit and traffic, database and Redis load, voice, other cost
//! lines, scaling measurements and what runs today.

use super::{at, specs, Checker, MAX_LIST, MAX_SCALING_POINTS};
use crate::plan::{Baseline, PeakShape, Traffic, VoiceDemand};

pub(super) fn check_baseline(c: &mut Checker, b: &Baseline) {
    c.name("baseline.demand_unit", "The demand unit", &b.demand_unit);
    c.number("baseline.units", specs::UNITS, b.units);
    check_traffic(c, "baseline.traffic", &b.traffic);
    c.number(
        "baseline.fixed_peak_rps",
        specs::FIXED_PEAK_RPS,
        b.fixed_peak_rps,
    );
    check_fixed_within(c, "baseline.fixed_peak_rps", b, &b.traffic);
    let db = &b.database;
    c.number(
        "baseline.database.data_gb_fixed",
        specs::DATA_GB_FIXED,
        db.data_gb_fixed,
    );
    c.number(
        "baseline.database.data_gb_per_unit",
        specs::DATA_GB_PER_UNIT,
        db.data_gb_per_unit,
    );
    c.number(
        "baseline.database.connections_per_unit",
        specs::CONNECTIONS_PER_UNIT,
        db.connections_per_unit,
    );
    c.count(
        "baseline.database.background_connections",
        specs::BACKGROUND_CONNECTIONS,
        db.background_connections,
    );
    let r = &b.redis;
    c.number(
        "baseline.redis.memory_mb_fixed",
        specs::REDIS_MB_FIXED,
        r.memory_mb_fixed,
    );
    c.number(
        "baseline.redis.memory_mb_per_unit",
        specs::REDIS_MB_PER_UNIT,
        r.memory_mb_per_unit,
    );
    c.number(
        "baseline.redis.keys_per_unit",
        specs::KEYS_PER_UNIT,
        r.keys_per_unit,
    );
    c.number(
        "baseline.redis.bytes_per_key",
        specs::BYTES_PER_KEY,
        r.bytes_per_key,
    );
    if let Some(voice) = &b.voice {
        check_voice(c, voice, b.units);
    }
    if c.list_len(
        "baseline.other_costs",
        "Other costs",
        b.other_costs.len(),
        0,
        MAX_LIST,
    ) {
        for (i, line) in b.other_costs.iter().enumerate() {
            let path = format!("baseline.other_costs[{i}]");
            c.name(at(&path, "name"), "A cost line's name", &line.name);
            c.number(
                at(&path, "fixed_usd_per_month"),
                specs::COST_PER_MONTH,
                line.fixed_usd_per_month,
            );
            c.number(
                at(&path, "per_unit_usd_per_month"),
                specs::COST_PER_MONTH,
                line.per_unit_usd_per_month,
            );
            c.number(
                at(&path, "included_units"),
                specs::INCLUDED_UNITS,
                line.included_units,
            );
            for (field, spec, month) in [
                ("from_month", specs::COST_FROM_MONTH, line.from_month),
                ("until_month", specs::COST_UNTIL_MONTH, line.until_month),
            ] {
                c.optional(at(&path, field), spec, month.map(f64::from));
            }
            if let (Some(from), Some(until)) = (line.from_month, line.until_month) {
                if until < from {
                    c.fail(
                        at(&path, "until_month"),
                        format!(
                            "The last month paid ({until}) is before the first ({from}): the line \
                             would never be paid"
                        ),
                    );
                }
            }
        }
    }
    if c.list_len(
        "baseline.scaling",
        "Scaling measurements",
        b.scaling.len(),
        0,
        MAX_SCALING_POINTS,
    ) {
        for (i, point) in b.scaling.iter().enumerate() {
            let path = format!("baseline.scaling[{i}]");
            c.number(
                at(&path, "instances"),
                specs::SCALING_INSTANCES,
                point.instances,
            );
            c.number(
                at(&path, "throughput_rps"),
                specs::SCALING_THROUGHPUT,
                point.throughput_rps,
            );
        }
    }
    c.count(
        "baseline.today.app_instances",
        specs::TODAY_INSTANCES,
        b.today.app_instances,
    );
    c.number(
        "baseline.today.monthly_bill_usd",
        specs::BILL,
        b.today.monthly_bill_usd,
    );
}

fn check_voice(c: &mut Checker, v: &VoiceDemand, units: f64) {
    c.number(
        "baseline.voice.sessions_per_unit_per_day",
        specs::SESSIONS_PER_UNIT_PER_DAY,
        v.sessions_per_unit_per_day,
    );
    c.number(
        "baseline.voice.peak_hour_share_pct",
        specs::PEAK_HOUR_SHARE,
        v.peak_hour_share_pct,
    );
    c.number(
        "baseline.voice.session_minutes",
        specs::SESSION_MINUTES,
        v.session_minutes,
    );
    c.number(
        "baseline.voice.interactions_per_session",
        specs::INTERACTIONS_PER_SESSION,
        v.interactions_per_session,
    );
    c.number(
        "baseline.voice.gpu_seconds_per_interaction",
        specs::GPU_SECONDS,
        v.gpu_seconds_per_interaction,
    );
    const PATH: &str = "baseline.voice.peak_concurrent_sessions";
    c.number(
        PATH,
        specs::PEAK_CONCURRENT_SESSIONS,
        v.peak_concurrent_sessions,
    );
    // A stated figure grows in proportion to units: from none it cannot.
    if v.peak_concurrent_sessions > 0.0 && units == 0.0 {
        c.fail(
            PATH,
            "Peak concurrent sessions need units today above 0 (0 derives them)",
        );
    }
}

/// A traffic model's figures, at `path` (`baseline.traffic` or `scenarios[i].traffic`).
pub(super) fn check_traffic(c: &mut Checker, path: &str, traffic: &Traffic) {
    match traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak,
        } => {
            c.number(
                at(path, "requests_per_unit_per_day"),
                specs::REQUESTS_PER_UNIT_PER_DAY,
                *requests_per_unit_per_day,
            );
            match peak {
                PeakShape::PeakToAverage { ratio } => {
                    c.number(at(path, "peak.ratio"), specs::PEAK_TO_AVERAGE, *ratio)
                }
                PeakShape::PeakHourShare { share_pct } => c.number(
                    at(path, "peak.share_pct"),
                    specs::PEAK_HOUR_SHARE,
                    *share_pct,
                ),
            }
        }
        Traffic::PeakRate { peak_rps } => {
            c.number(at(path, "peak_rps"), specs::PEAK_RPS, *peak_rps)
        }
    }
}

/// The baseline's fixed traffic is part of today's measured peak, so it cannot exceed a peak
/// rate `traffic` states; the error is put at `path`.
pub(super) fn check_fixed_within(c: &mut Checker, path: &str, b: &Baseline, traffic: &Traffic) {
    if let Traffic::PeakRate { peak_rps } = *traffic {
        if b.fixed_peak_rps > peak_rps {
            c.fail(
                path,
                format!(
                    "Fixed peak traffic ({}) is part of today's peak and cannot exceed it ({})",
                    specs::FIXED_PEAK_RPS.with_unit(b.fixed_peak_rps),
                    specs::PEAK_RPS.with_unit(peak_rps)
                ),
            );
        }
    }
}
