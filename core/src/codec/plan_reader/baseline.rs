//! The plan's baseline: demand and infrastructure today, and the traffic model.

use super::{tagged, variant, At, Fields, Read, ReadError};
use crate::plan::{
    Baseline, CostLine, DatabaseDemand, PeakShape, RedisDemand, ScalingPoint, Today, Traffic,
    VoiceDemand,
};
use serde_json::Value;

impl Read for Baseline {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct Baseline",
            &[
                "demand_unit",
                "units",
                "traffic",
                "fixed_peak_rps",
                "database",
                "redis",
                "voice",
                "other_costs",
                "today",
                "scaling",
            ],
        )?;
        Ok(Baseline {
            demand_unit: f.req("demand_unit")?,
            units: f.req("units")?,
            traffic: f.req("traffic")?,
            fixed_peak_rps: f.opt("fixed_peak_rps")?,
            database: f.opt("database")?,
            redis: f.opt("redis")?,
            voice: f.opt("voice")?,
            other_costs: f.opt("other_costs")?,
            today: f.opt("today")?,
            scaling: f.opt("scaling")?,
        })
    }
}

impl Read for ScalingPoint {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct ScalingPoint",
            &["instances", "throughput_rps"],
        )?;
        Ok(ScalingPoint {
            instances: f.req("instances")?,
            throughput_rps: f.req("throughput_rps")?,
        })
    }
}

impl Read for Traffic {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        const TAG: &str = "model";
        let (map, name) = tagged(
            value,
            at,
            "internally tagged enum Traffic",
            TAG,
            &["daily_volume", "peak_rate"],
        )?;
        Ok(if name == "daily_volume" {
            let f = variant(map, at, TAG, &["requests_per_unit_per_day", "peak"])?;
            Traffic::DailyVolume {
                requests_per_unit_per_day: f.req("requests_per_unit_per_day")?,
                peak: f.req("peak")?,
            }
        } else {
            let f = variant(map, at, TAG, &["peak_rps"])?;
            Traffic::PeakRate {
                peak_rps: f.req("peak_rps")?,
            }
        })
    }
}

impl Read for PeakShape {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        const TAG: &str = "shape";
        let (map, name) = tagged(
            value,
            at,
            "internally tagged enum PeakShape",
            TAG,
            &["peak_to_average", "peak_hour_share"],
        )?;
        Ok(if name == "peak_to_average" {
            let f = variant(map, at, TAG, &["ratio"])?;
            PeakShape::PeakToAverage {
                ratio: f.req("ratio")?,
            }
        } else {
            let f = variant(map, at, TAG, &["share_pct"])?;
            PeakShape::PeakHourShare {
                share_pct: f.req("share_pct")?,
            }
        })
    }
}

impl Read for DatabaseDemand {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct DatabaseDemand",
            &[
                "data_gb_fixed",
                "data_gb_per_unit",
                "connections_per_unit",
                "background_connections",
            ],
        )?;
        let d = DatabaseDemand::default();
        Ok(DatabaseDemand {
            data_gb_fixed: f.or("data_gb_fixed", d.data_gb_fixed)?,
            data_gb_per_unit: f.or("data_gb_per_unit", d.data_gb_per_unit)?,
            connections_per_unit: f.or("connections_per_unit", d.connections_per_unit)?,
            background_connections: f.or("background_connections", d.background_connections)?,
        })
    }
}

impl Read for RedisDemand {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct RedisDemand",
            &[
                "memory_mb_fixed",
                "memory_mb_per_unit",
                "keys_per_unit",
                "bytes_per_key",
            ],
        )?;
        let d = RedisDemand::default();
        Ok(RedisDemand {
            memory_mb_fixed: f.or("memory_mb_fixed", d.memory_mb_fixed)?,
            memory_mb_per_unit: f.or("memory_mb_per_unit", d.memory_mb_per_unit)?,
            keys_per_unit: f.or("keys_per_unit", d.keys_per_unit)?,
            bytes_per_key: f.or("bytes_per_key", d.bytes_per_key)?,
        })
    }
}

impl Read for VoiceDemand {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct VoiceDemand",
            &[
                "sessions_per_unit_per_day",
                "peak_hour_share_pct",
                "session_minutes",
                "interactions_per_session",
                "gpu_seconds_per_interaction",
            ],
        )?;
        Ok(VoiceDemand {
            sessions_per_unit_per_day: f.req("sessions_per_unit_per_day")?,
            peak_hour_share_pct: f.req("peak_hour_share_pct")?,
            session_minutes: f.req("session_minutes")?,
            interactions_per_session: f.req("interactions_per_session")?,
            gpu_seconds_per_interaction: f.req("gpu_seconds_per_interaction")?,
        })
    }
}

impl Read for CostLine {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct CostLine",
            &["name", "fixed_usd_per_month", "per_unit_usd_per_month"],
        )?;
        Ok(CostLine {
            name: f.req("name")?,
            fixed_usd_per_month: f.opt("fixed_usd_per_month")?,
            per_unit_usd_per_month: f.opt("per_unit_usd_per_month")?,
        })
    }
}

impl Read for Today {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct Today",
            &[
                "app_instances",
                "monthly_bill_usd",
                "database_tier",
                "redis_plan",
            ],
        )?;
        Ok(Today {
            app_instances: f.opt("app_instances")?,
            monthly_bill_usd: f.opt("monthly_bill_usd")?,
            database_tier: f.opt("database_tier")?,
            redis_plan: f.opt("redis_plan")?,
        })
    }
}
