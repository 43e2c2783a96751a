//! Today's demand and infrastructure: the [`Baseline`], its traffic model, the database,
//! Redis and voice demand, the other cost lines and what runs today.

use super::*;

/// Demand drivers and infrastructure today (month 0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// What demand is counted in: "users", "cafés", "tenants".
    pub demand_unit: String,
    /// How many of them there are today.
    pub units: f64,
    /// How request traffic follows from the units.
    pub traffic: Traffic,
    /// Peak requests per second that do not grow with units (health checks, crawlers,
    /// internal jobs), added to the peak the traffic model gives. With [`Traffic::PeakRate`] it
    /// is part of today's measured peak, so only the rest scales with units. 0 by default
    /// (older plans): all traffic grows with units.
    #[serde(default)]
    pub fixed_peak_rps: f64,
    /// Database demand.
    #[serde(default)]
    pub database: DatabaseDemand,
    /// Redis demand.
    #[serde(default)]
    pub redis: RedisDemand,
    /// Voice/GPU demand; `None` when the product has no voice.
    #[serde(default)]
    pub voice: Option<VoiceDemand>,
    /// Costs the sizing models do not cover (monitoring, storage, third-party APIs).
    #[serde(default)]
    pub other_costs: Vec<CostLine>,
    /// What runs and what is paid today, for comparison.
    #[serde(default)]
    pub today: Today,
    /// Load-test measurements of throughput at several instance counts (optional): with three
    /// or more, including one instance, a Universal Scalability Law fit warns where adding
    /// instances stops helping.
    #[serde(default)]
    pub scaling: Vec<ScalingPoint>,
}

/// One load-test measurement: throughput with `instances` instances.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalingPoint {
    /// Instances (or cores) under test, ≥ 1.
    pub instances: f64,
    /// Throughput measured at that size, requests per second.
    pub throughput_rps: f64,
}

/// How peak request rate follows from demand units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Traffic {
    /// Daily volume per unit, shaped into a peak rate.
    DailyVolume {
        /// Requests one unit makes per day.
        requests_per_unit_per_day: f64,
        /// How concentrated the day's traffic is.
        peak: PeakShape,
    },
    /// Today's measured peak rate; it scales in proportion to units.
    PeakRate {
        /// Peak requests per second today.
        peak_rps: f64,
    },
}

/// How a day's volume concentrates into its peak.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum PeakShape {
    /// peak rps = daily ÷ 86 400 × ratio.
    PeakToAverage {
        /// Peak rate over the day's average rate, ≥ 1.
        ratio: f64,
    },
    /// peak rps = daily × share ÷ 3 600.
    PeakHourShare {
        /// Share of a day's traffic in its busiest hour, in percent.
        share_pct: f64,
    },
}

/// Database demand: data size and connections.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseDemand {
    /// Data that does not grow with units, in GB.
    pub data_gb_fixed: f64,
    /// Data per unit, in GB.
    pub data_gb_per_unit: f64,
    /// A per-unit connection rule some teams use ("100 connections per 1 000 users"); 0 = off.
    pub connections_per_unit: f64,
    /// Connections held by workers, cron jobs and admin tools, beside the app pools.
    pub background_connections: u32,
}

/// Redis demand: memory that grows with units, optionally counted in keys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedisDemand {
    /// Memory that does not grow with units, in MB.
    pub memory_mb_fixed: f64,
    /// Memory per unit as measured (payload and overhead together), in MB.
    pub memory_mb_per_unit: f64,
    /// Keys per unit, when counting keys instead (0 = off).
    pub keys_per_unit: f64,
    /// Key plus value bytes per key; Redis' own per-key overhead comes from the policy.
    pub bytes_per_key: f64,
}

/// Voice demand served by GPU nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceDemand {
    /// Voice sessions one unit has per day.
    pub sessions_per_unit_per_day: f64,
    /// Share of a day's sessions in the busiest hour, in percent.
    pub peak_hour_share_pct: f64,
    /// Mean length of a session, in minutes (for the concurrency rule).
    pub session_minutes: f64,
    /// Voice interactions (utterances processed) per session.
    pub interactions_per_session: f64,
    /// GPU processing time per interaction, in seconds (the queueing model's service time).
    pub gpu_seconds_per_interaction: f64,
    /// Concurrent sessions at today's peak, all units together, when measured or stated ("up
    /// to 15 at once for our 3 cafés"); it grows in proportion to units and replaces the
    /// concurrency derived from sessions per unit per day, peak-hour share and session length
    /// (docs/models.md "GPU voice nodes"). 0 (older plans, and by default): derived.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub peak_concurrent_sessions: f64,
}

impl VoiceDemand {
    /// The share of a day's sessions in its busiest hour ([`VoiceDemand::peak_hour_share_pct`]),
    /// within 0–100 % (none when not a number).
    pub fn peak_hour_share(&self) -> crate::units::Share {
        crate::units::Share::of_pct_at_least(self.peak_hour_share_pct, 0.0, 0.0)
    }
}

/// Whether a figure is 0, the value a field whose 0 means "off" is left out at.
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// A cost the sizing models do not produce.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    /// "Monitoring", "OpenAI API".
    pub name: String,
    /// Fixed part, USD per month.
    #[serde(default)]
    pub fixed_usd_per_month: f64,
    /// Part per demand unit, USD per month.
    #[serde(default)]
    pub per_unit_usd_per_month: f64,
    /// Demand units the fixed price includes ("100 000 monthly active users included"): the
    /// per-unit price applies only to the units above them. 0 by default (older plans).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub included_units: f64,
    /// First plan month (1-based) the line is paid in, when it starts later ("Pro for DDoS
    /// from month 12"); `None` = from the first month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_month: Option<u32>,
    /// Last plan month the line is paid in, when it ends ("the free plan until month 11");
    /// `None` = to the horizon. A price that changes is two lines, one ending as the next starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_month: Option<u32>,
}

impl CostLine {
    /// A line paid every month: `fixed` plus `per_unit` for every demand unit.
    pub fn new(name: &str, fixed_usd_per_month: f64, per_unit_usd_per_month: f64) -> Self {
        CostLine {
            name: name.to_owned(),
            fixed_usd_per_month,
            per_unit_usd_per_month,
            included_units: 0.0,
            from_month: None,
            until_month: None,
        }
    }

    /// Whether the line is paid in plan month `month` (1-based).
    pub fn runs_in(&self, month: u32) -> bool {
        self.from_month.is_none_or(|from| month >= from)
            && self.until_month.is_none_or(|until| month <= until)
    }
}

/// Infrastructure and bill today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Today {
    /// App instances running today.
    pub app_instances: u32,
    /// Today's whole monthly bill, USD.
    pub monthly_bill_usd: f64,
    /// Database tier in use today (catalog name); empty = the smallest. Tier progression never
    /// moves below it.
    pub database_tier: String,
    /// Redis plan in use today (catalog name); empty = the smallest.
    pub redis_plan: String,
}

impl Default for DatabaseDemand {
    fn default() -> Self {
        Self {
            data_gb_fixed: 1.0,
            data_gb_per_unit: 0.0,
            connections_per_unit: 0.0,
            background_connections: 5,
        }
    }
}

impl Default for RedisDemand {
    fn default() -> Self {
        Self {
            memory_mb_fixed: 100.0,
            memory_mb_per_unit: 0.0,
            keys_per_unit: 0.0,
            bytes_per_key: 0.0,
        }
    }
}
