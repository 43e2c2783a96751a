//! The plan: everything a planner enters, as one serde document.
//!
//! A [`Plan`] is what is stored in local storage, written to plan files and packed into share
//! links. It holds *inputs only*; results are always recomputed by [`crate::engine`]. It is
//! deliberately plain data (no validation in the types) so a half-edited or hand-written plan can
//! still be loaded and shown; [`Plan::validate`] is the one gate between such a document and the
//! models, and returns every problem at once, each naming its field (see [`crate::validate`]).
//!
//! Conventions, followed by every field:
//! - units are in the names: `_pct` is a percentage (70 means 70 %), `_rps` requests per second,
//!   `_gb`/`_mb` decimal gigabytes/megabytes, `_usd_per_month` an amount per month in the
//!   plan's [`Plan::currency`] (the name is older than the field), `_s` seconds;
//! - months are counted from 1: month 1 is the calendar month [`Plan::start`], month `m` is
//!   `m − 1` months later; "today" (the baseline) is month 0;
//! - catalogs are ordered from smallest to largest: tier progression walks them in order.
//!
//! The wire format is versioned by [`PLAN_SCHEMA_VERSION`]; files and links carry it so that
//! older documents can be migrated forward.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod day;

/// Version of the plan document written by this build.
pub const PLAN_SCHEMA_VERSION: u32 = 1;

/// The longest plan, in months (ten years): the largest horizon validation accepts, the last
/// month a milestone can name, and the longest projection the growth model computes.
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// A whole capacity plan: inputs only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Title shown on the page and in exports.
    pub name: String,
    /// Calendar month of month 1.
    pub start: YearMonth,
    /// Months to plan, 1–120.
    pub horizon_months: u32,
    /// ISO 4217 code of the currency every price and cost of the plan is in (`EUR`); one of
    /// [`crate::currency::known`]. `USD` when left out, and then not written.
    #[serde(default = "usd_code", skip_serializing_if = "is_usd_code")]
    pub currency: String,
    /// Demand and infrastructure today.
    pub baseline: Baseline,
    /// One or more named futures to compare.
    pub scenarios: Vec<Scenario>,
    /// Rules that apply to every resource.
    #[serde(default)]
    pub policies: Policies,
    /// What can be bought, with capacities and prices.
    #[serde(default = "crate::catalog::default_catalogs")]
    pub catalogs: Catalogs,
}

fn usd_code() -> String {
    crate::currency::USD.code().to_owned()
}

fn is_usd_code(code: &str) -> bool {
    code == crate::currency::USD.code()
}

/// A calendar month, written `"2026-01"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Calendar year, 1900–2200.
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

/// A day of the year without a year, written `"11-20"` (20 November).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    /// 1–12.
    pub month: u32,
    /// 1–31, valid for the month (29 February allowed).
    pub day: u32,
}

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

/// One possible future.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// "Conservative", "Black Friday".
    pub name: String,
    /// How units evolve month by month.
    pub growth: Growth,
    /// Dated multipliers on peak demand (seasons, events).
    #[serde(default)]
    pub calendar: Vec<CalendarEffect>,
    /// This scenario's own traffic per unit, in place of [`Baseline::traffic`] ("each user
    /// makes 200 requests a month in the aggressive case"); `None` = the baseline's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<Traffic>,
    /// The database's data grows by this share a month on its own ("data grows 40 % in year
    /// 1"), in percent, instead of with units; `None` = with units (docs/models.md "Own
    /// growth").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_monthly_growth_pct: Option<f64>,
    /// Background work (the fixed peak traffic and the background connections) grows by this
    /// share a month, in percent; `None` = it stays at today's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_monthly_growth_pct: Option<f64>,
}

impl Scenario {
    /// The traffic model this scenario is sized with: its own, else the baseline's.
    pub fn traffic<'a>(&'a self, baseline: &'a Baseline) -> &'a Traffic {
        self.traffic.as_ref().unwrap_or(&baseline.traffic)
    }
}

/// How demand units evolve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Growth {
    /// Uₘ = U₀ · (1 + g − churn)ᵐ.
    Compound {
        /// New units per month as a share of current units, in percent.
        monthly_growth_pct: f64,
        /// Units lost per month as a share of current units, in percent.
        #[serde(default)]
        monthly_churn_pct: f64,
    },
    /// Known counts at given months ("3 cafés in month 1, 5 in 2, 8 in 3, 15 in 6, 50 in 12").
    Milestones {
        /// Points in month order; before the first, units are the baseline's.
        points: Vec<Milestone>,
        /// What happens between points.
        #[serde(default)]
        between: Interpolation,
    },
    /// A least-squares trend fitted to history.
    Trend {
        /// Dated observations of the demand unit count (at least 3).
        history: Vec<Observation>,
        /// Straight line, or straight line through log(units).
        #[serde(default)]
        shape: TrendShape,
        /// Prediction-interval confidence, in percent (e.g. 95).
        #[serde(default = "default_confidence_pct")]
        confidence_pct: f64,
    },
}

/// A trend's prediction-interval confidence when the plan does not give one, in percent.
pub const DEFAULT_CONFIDENCE_PCT: f64 = 95.0;

fn default_confidence_pct() -> f64 {
    DEFAULT_CONFIDENCE_PCT
}

/// A known unit count at a month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Month number, 1-based.
    pub month: u32,
    /// Units at that month.
    pub units: f64,
}

/// Between milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Interpolation {
    /// Hold the last reached value until the next milestone.
    #[default]
    Step,
    /// Straight line between milestones.
    Linear,
}

/// One historical observation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Day of the observation.
    #[serde(with = "day")]
    pub date: NaiveDate,
    /// Units observed.
    pub units: f64,
}

impl Observation {
    /// Puts `observations` in date order, keeping the order of those on the same day (the one
    /// sort of observations: the trend fit and the history reader share its code).
    pub fn sort_by_date(observations: &mut [Observation]) {
        crate::sort::stable_sort_by(observations, &|a, b| a.date.cmp(&b.date));
    }
}

/// Shape of a fitted trend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TrendShape {
    /// units = a + b·t.
    #[default]
    Linear,
    /// log(units) = a + b·t (constant percentage growth).
    Exponential,
}

/// A multiplier on peak demand between two days of the year ("Black Friday 11-20..11-30 ×3").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarEffect {
    /// "Black Friday".
    pub name: String,
    /// First day (inclusive).
    pub from: MonthDay,
    /// Last day (inclusive); before `from` means the period wraps over New Year.
    pub to: MonthDay,
    /// Demand multiplier while active (3.0 = three times, 0.7 = 30 % less).
    pub multiplier: f64,
    /// Only this year; every year when absent.
    #[serde(default)]
    pub year: Option<i32>,
}

impl CalendarEffect {
    /// An effect every year from `from` to `to` (month, day), both inclusive.
    pub fn every_year(name: &str, from: (u32, u32), to: (u32, u32), multiplier: f64) -> Self {
        let day = |(month, day): (u32, u32)| MonthDay { month, day };
        Self {
            name: name.to_owned(),
            from: day(from),
            to: day(to),
            multiplier,
            year: None,
        }
    }
}

/// Which forecast bound to size for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ForecastBound {
    /// The fitted value.
    #[default]
    Mean,
    /// The upper prediction bound (safe side).
    Upper,
    /// The lower prediction bound.
    Lower,
}

/// Rules that apply across every resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policies {
    /// Utilisation to plan instances and nodes at, in percent.
    pub target_utilisation_pct: f64,
    /// Share of a tier's limit at which to move up a tier, in percent.
    pub scale_up_trigger_pct: f64,
    /// A database tier's own trigger for its connection limit, in percent; `None` = the
    /// scale-up trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_connections_trigger_pct: Option<f64>,
    /// A database tier's own trigger for its size limit ("upgrade at 75 % of storage"), in
    /// percent; `None` = the scale-up trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_storage_trigger_pct: Option<f64>,
    /// A Redis plan's own trigger for its memory, in percent; `None` = the scale-up trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redis_memory_trigger_pct: Option<f64>,
    /// Extra capacity on top of the forecast, in percent.
    pub headroom_pct: f64,
    /// Spare instances and nodes beyond what load needs: 1 = N+1, 2 = N+2.
    pub redundancy: u32,
    /// Fewest app instances, for availability.
    pub min_instances: u32,
    /// Most app instances before the plan flags the tier (scale up a size, or re-architect).
    pub max_instances: u32,
    /// Catalog name of the instance type the app runs on.
    pub app_instance: String,
    /// Database connections each app instance's pool holds.
    pub pool_per_instance: u32,
    /// Share of a database tier's direct connections the app may hold before a pooler is
    /// advised, in percent.
    pub pooler_share_pct: f64,
    /// Forecast bound to size for (trend scenarios).
    pub forecast_bound: ForecastBound,
    /// Redis memory rules.
    pub redis: RedisPolicy,
    /// Voice/GPU rules.
    pub voice: VoicePolicy,
    /// Committed-use discount.
    pub commitment: CommitmentPolicy,
    /// Scale-down outside business hours.
    pub off_hours: OffHoursPolicy,
}

/// Redis memory rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedisPolicy {
    /// RSS over used memory (1.0–3.0).
    pub fragmentation_ratio: f64,
    /// Share of a node's memory `maxmemory` may use, leaving room for fork/rewrite, in percent.
    pub maxmemory_share_pct: f64,
    /// Redis' own bytes per key when demand is counted in keys.
    pub overhead_bytes_per_key: f64,
    /// Require a replica (high availability) even when one node would hold the data.
    pub require_replica: bool,
}

/// Voice/GPU rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VoicePolicy {
    /// Catalog name of the GPU node type.
    pub gpu_node: String,
    /// What the target bounds: the wait before processing starts (older plans) or the
    /// response, wait plus GPU time.
    pub target: VoiceTarget,
    /// Longest acceptable wait before processing starts, in seconds ([`VoiceTarget::Wait`]).
    pub wait_target_s: f64,
    /// Longest acceptable response, the wait plus the interaction's GPU time, in seconds
    /// ([`VoiceTarget::Response`]).
    pub response_target_s: f64,
    /// Share of interactions that must meet the target, in percent.
    pub percentile_pct: f64,
}

/// What the voice policy's target bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VoiceTarget {
    /// The wait before processing starts: [`VoicePolicy::wait_target_s`].
    #[default]
    Wait,
    /// The response, the wait plus the interaction's GPU time:
    /// [`VoicePolicy::response_target_s`].
    Response,
}

/// Committed-use (reserved instance, savings plan) discount.
///
/// When enabled, every term commits the floor of the app instances and GPU nodes running
/// around the clock in that term (renewed term after term) and bills them at the discount; see
/// [`crate::cost`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CommitmentPolicy {
    /// Whether to commit at all.
    pub enabled: bool,
    /// Discount on committed capacity, in percent (1-year ≈ 30, 3-year ≈ 50).
    pub discount_pct: f64,
    /// Length of the commitment, in months.
    pub term_months: u32,
}

/// Scale-down outside business hours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OffHoursPolicy {
    /// Whether app instances scale down off hours.
    pub enabled: bool,
    /// Hours per weekday at full capacity (e.g. 12 for 8 AM–8 PM).
    pub business_hours_per_weekday: f64,
    /// Whether weekends run at the reduced level all day.
    pub weekends_reduced: bool,
    /// Share of the instances kept off hours, in percent (never below one instance).
    pub off_hours_share_pct: f64,
}

/// Everything that can be bought, dated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogs {
    /// Day the prices were read; shown with every cost. An entry read on another day says so
    /// in its own `priced_on`.
    #[serde(with = "day")]
    pub priced_on: NaiveDate,
    /// App instance types, smallest first.
    pub instances: Vec<InstanceType>,
    /// Managed database tiers, smallest first.
    pub databases: Vec<DatabaseTier>,
    /// Redis plans (node size and topology), smallest first.
    pub redis: Vec<RedisPlan>,
    /// GPU node types for voice, smallest first.
    pub gpu_nodes: Vec<GpuNode>,
}

/// An app instance type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceType {
    /// "m7g.large".
    pub name: String,
    /// Virtual CPUs.
    pub vcpu: f64,
    /// Memory, GB.
    pub memory_gb: f64,
    /// Requests per second one instance serves at 100 % utilisation (measure it: app-specific).
    pub capacity_rps: f64,
    /// On-demand price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// A managed database tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseTier {
    /// "Supabase Small".
    pub name: String,
    /// Direct connections allowed.
    pub max_connections: u32,
    /// Clients the tier's pooler accepts (0 = no pooler).
    #[serde(default)]
    pub pooler_clients: u32,
    /// Data size the tier holds, GB.
    pub storage_gb: f64,
    /// Price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// Redis topology.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedisTopology {
    /// One node; data loss on failure is tolerated.
    Single,
    /// Primary and replica: high availability, memory paid twice.
    Replicated,
    /// Sharded over several primaries (each with a replica when `replicas` is set).
    Cluster,
}

impl RedisTopology {
    /// In words, as tables, digests and explanations write it: "single node", "primary +
    /// replica", "cluster" (its name in plan files is [`Named::name`]).
    pub fn words(self) -> &'static str {
        match self {
            RedisTopology::Single => "single node",
            RedisTopology::Replicated => "primary + replica",
            RedisTopology::Cluster => "cluster",
        }
    }
}

/// A Redis offering: node size and topology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisPlan {
    /// "8 GB primary + replica".
    pub name: String,
    /// Memory for data across the whole offering (sum of primaries), GB.
    pub memory_gb: f64,
    /// Topology.
    pub topology: RedisTopology,
    /// Nodes billed (primaries and replicas).
    pub nodes: u32,
    /// Price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// A GPU node type for voice processing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpuNode {
    /// "g5.xlarge (A10G)".
    pub name: String,
    /// Interactions one node processes at once (batched streams).
    pub streams_per_node: u32,
    /// Concurrent voice sessions one node serves, by the simple concurrency rule.
    pub sessions_per_node: u32,
    /// Price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
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

impl Default for Policies {
    fn default() -> Self {
        Self {
            target_utilisation_pct: 70.0,
            scale_up_trigger_pct: 80.0,
            database_connections_trigger_pct: None,
            database_storage_trigger_pct: None,
            redis_memory_trigger_pct: None,
            headroom_pct: 0.0,
            redundancy: 0,
            min_instances: 2,
            max_instances: 10,
            app_instance: crate::catalog::DEFAULT_APP_INSTANCE.to_owned(),
            pool_per_instance: 20,
            pooler_share_pct: 80.0,
            forecast_bound: ForecastBound::Mean,
            redis: RedisPolicy::default(),
            voice: VoicePolicy::default(),
            commitment: CommitmentPolicy::default(),
            off_hours: OffHoursPolicy::default(),
        }
    }
}

impl Default for RedisPolicy {
    fn default() -> Self {
        Self {
            fragmentation_ratio: 1.2,
            maxmemory_share_pct: 75.0,
            overhead_bytes_per_key: 96.0,
            require_replica: false,
        }
    }
}

impl Default for VoicePolicy {
    fn default() -> Self {
        Self {
            gpu_node: crate::catalog::DEFAULT_GPU_NODE.to_owned(),
            target: VoiceTarget::Wait,
            wait_target_s: 2.0,
            // The default wait plus a new voice demand's 2.5 s of GPU time
            // (`edit::new_voice_demand`): the same sizing.
            response_target_s: 4.5,
            percentile_pct: 95.0,
        }
    }
}

impl Default for CommitmentPolicy {
    fn default() -> Self {
        Self {
            enabled: false,
            discount_pct: 30.0,
            term_months: 12,
        }
    }
}

impl Default for OffHoursPolicy {
    fn default() -> Self {
        Self {
            enabled: false,
            business_hours_per_weekday: 12.0,
            weekends_reduced: true,
            off_hours_share_pct: 50.0,
        }
    }
}

impl Default for Plan {
    /// A blank plan: 1 000 users, 200 requests per user per day, one steady scenario.
    fn default() -> Self {
        Self {
            name: "New plan".to_owned(),
            start: YearMonth {
                year: 2027,
                month: 1,
            },
            horizon_months: 12,
            currency: usd_code(),
            baseline: Baseline {
                demand_unit: "users".to_owned(),
                units: 1000.0,
                traffic: Traffic::DailyVolume {
                    requests_per_unit_per_day: 200.0,
                    peak: PeakShape::PeakToAverage { ratio: 3.0 },
                },
                fixed_peak_rps: 0.0,
                database: DatabaseDemand::default(),
                redis: RedisDemand::default(),
                voice: None,
                other_costs: Vec::new(),
                today: Today::default(),
                scaling: Vec::new(),
            },
            scenarios: vec![Scenario {
                name: "Steady".to_owned(),
                growth: Growth::Compound {
                    monthly_growth_pct: 5.0,
                    monthly_churn_pct: 1.0,
                },
                calendar: Vec::new(),
                traffic: None,
                data_monthly_growth_pct: None,
                background_monthly_growth_pct: None,
            }],
            policies: Policies::default(),
            catalogs: crate::catalog::default_catalogs(),
        }
    }
}

impl Plan {
    /// The plan's currency; US dollars when it names none Headroom knows (which validation
    /// refuses).
    pub fn currency(&self) -> crate::currency::Currency {
        crate::currency::Currency::of(&self.currency).unwrap_or(crate::currency::USD)
    }

    /// The instance type the app runs on: the catalog entry named by
    /// [`Policies::app_instance`]. When no entry has that name, the catalog's first (smallest)
    /// entry; `None` only when the instance catalog is empty. A valid plan names an entry its
    /// catalog holds, so the fallback is for plans that have not been validated.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Plan;
    /// let mut plan = Plan::default();
    /// assert_eq!(plan.app_instance_type().unwrap().name, plan.policies.app_instance);
    /// plan.policies.app_instance = "gone".to_owned();
    /// assert_eq!(plan.app_instance_type(), plan.catalogs.instances.first());
    /// plan.catalogs.instances.clear();
    /// assert_eq!(plan.app_instance_type(), None);
    /// ```
    pub fn app_instance_type(&self) -> Option<&InstanceType> {
        let instances = &self.catalogs.instances;
        instances
            .iter()
            .find(|i| i.name == self.policies.app_instance)
            .or_else(|| instances.first())
    }

    /// The GPU node type voice runs on: the catalog entry named by [`VoicePolicy::gpu_node`].
    /// When no entry has that name, the catalog's first (smallest) entry; `None` only when the
    /// GPU catalog is empty. A valid plan with voice names an entry its catalog holds.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Plan;
    /// let mut plan = Plan::default();
    /// assert_eq!(plan.voice_gpu_node().unwrap().name, plan.policies.voice.gpu_node);
    /// plan.policies.voice.gpu_node = "gone".to_owned();
    /// assert_eq!(plan.voice_gpu_node(), plan.catalogs.gpu_nodes.first());
    /// plan.catalogs.gpu_nodes.clear();
    /// assert_eq!(plan.voice_gpu_node(), None);
    /// ```
    pub fn voice_gpu_node(&self) -> Option<&GpuNode> {
        let nodes = &self.catalogs.gpu_nodes;
        nodes
            .iter()
            .find(|g| g.name == self.policies.voice.gpu_node)
            .or_else(|| nodes.first())
    }
}

impl Catalogs {
    /// The day an entry's price was read: its own `priced_on`, or the catalog's.
    ///
    /// # Example
    /// ```
    /// use headroom_core::catalog::default_catalogs;
    /// let catalogs = default_catalogs();
    /// let node = &catalogs.gpu_nodes[0];
    /// assert_eq!(catalogs.price_date(node.priced_on), catalogs.priced_on);
    /// ```
    pub fn price_date(&self, entry_priced_on: Option<NaiveDate>) -> NaiveDate {
        entry_priced_on.unwrap_or(self.priced_on)
    }

    /// Every entry of the four catalogs: instance types, database tiers, Redis plans, GPU
    /// nodes.
    pub fn entries(&self) -> impl Iterator<Item = EntryShared<'_>> {
        let instances = self.instances.iter().map(CatalogEntry::shared);
        let databases = self.databases.iter().map(CatalogEntry::shared);
        let redis = self.redis.iter().map(CatalogEntry::shared);
        let gpu_nodes = self.gpu_nodes.iter().map(CatalogEntry::shared);
        instances.chain(databases).chain(redis).chain(gpu_nodes)
    }
}

/// What every catalog entry has besides its own figures, borrowed: its name, its price, where
/// the figures come from, the day the price was read and where it applies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntryShared<'a> {
    /// Its name, distinct in its catalog.
    pub name: &'a str,
    /// Price, in the plan's currency per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    pub source: &'a str,
    /// Its own price date, if it has one ([`Catalogs::price_date`]).
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies; empty = not stated.
    pub region: &'a str,
}

/// The shared fields of a catalog entry, to change them.
#[derive(Debug)]
pub struct EntrySharedMut<'a> {
    /// Its name (a rename also moves what refers to it: `edit::rename_catalog_entry`).
    pub name: &'a mut String,
    /// Where the figures come from.
    pub source: &'a mut String,
    /// Its own price date.
    pub priced_on: &'a mut Option<NaiveDate>,
    /// Where the price applies.
    pub region: &'a mut String,
}

/// An entry of one of the four catalogs: what code that works on any catalog reads and
/// changes, through one `dyn` call rather than a `match` on the catalog at every use.
pub trait CatalogEntry {
    /// The shared fields.
    fn shared(&self) -> EntryShared<'_>;
    /// The shared fields, to change them.
    fn shared_mut(&mut self) -> EntrySharedMut<'_>;
}

macro_rules! catalog_entry {
    ($($ty:ty),+) => {$(
        impl CatalogEntry for $ty {
            fn shared(&self) -> EntryShared<'_> {
                EntryShared {
                    name: &self.name,
                    usd_per_month: self.usd_per_month,
                    source: &self.source,
                    priced_on: self.priced_on,
                    region: &self.region,
                }
            }
            fn shared_mut(&mut self) -> EntrySharedMut<'_> {
                EntrySharedMut {
                    name: &mut self.name,
                    source: &mut self.source,
                    priced_on: &mut self.priced_on,
                    region: &mut self.region,
                }
            }
        }
    )+};
}
catalog_entry!(InstanceType, DatabaseTier, RedisPlan, GpuNode);

impl YearMonth {
    /// The month `offset` months later (earlier when negative), saturating at the valid range.
    pub fn plus_months(self, offset: i64) -> YearMonth {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + offset;
        let index = index.clamp(1900 * 12, 2200 * 12 + 11);
        YearMonth {
            year: (index / 12) as i32,
            month: (index % 12) as u32 + 1,
        }
    }

    /// The calendar month of plan month `month` (1-based) when `self` is month 1.
    pub fn of_plan_month(self, month: u32) -> YearMonth {
        self.plus_months(i64::from(month) - 1)
    }

    /// First day of the month, when the fields are in range.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// Number of days in the month (28–31, Gregorian leap years); 30 when the month is out of
    /// range.
    pub fn days(self) -> u32 {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 30,
        }
    }

    /// "Jan 2027" ([`crate::format::month_label`]).
    pub fn label(self) -> String {
        crate::format::month_label(self)
    }
}

impl From<NaiveDate> for YearMonth {
    fn from(date: NaiveDate) -> Self {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let quoted = crate::text::excerpt(text);
        let bad = || format!("\"{quoted}\" is not a month written as YYYY-MM (e.g. 2027-01)");
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(format!(
                "\"{quoted}\" names month {month}, which does not exist: months run from 01 to \
                 12 (YYYY-MM, e.g. 2027-01)"
            ));
        }
        if !(1900..=2200).contains(&year) {
            return Err(format!(
                "\"{quoted}\" is in the year {year}: plans start between 1900 and 2200"
            ));
        }
        Ok(YearMonth { year, month })
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl std::str::FromStr for MonthDay {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let quoted = crate::text::excerpt(text);
        let bad = || format!("\"{quoted}\" is not a day written as MM-DD (e.g. 11-20)");
        let (month, day) = text.trim().split_once('-').ok_or_else(bad)?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        let day: u32 = day.parse().map_err(|_| bad())?;
        // 2024 is a leap year, so 02-29 is accepted.
        NaiveDate::from_ymd_opt(2024, month, day)
            .ok_or_else(|| format!("\"{quoted}\" is not a day that exists (MM-DD, e.g. 11-20)"))?;
        Ok(MonthDay { month, day })
    }
}

/// The names plan files and the worker's messages give a choice's values (as its serde derive
/// writes them), in one table per choice: `codec::plan_reader` and `jobs` read by it,
/// `codec::plan_writer` and `jobs` write by it.
pub trait Named: Copy + PartialEq + 'static {
    /// Every value with its name, in the order the values are declared.
    const NAMES: &'static [(&'static str, Self)];

    /// The names alone, in the same order: what code that does not depend on the type reads.
    const WORDS: &'static [&'static str];

    /// The name plan files give `self`.
    fn name(self) -> &'static str;

    /// The value named `name`, if it is one of [`Named::NAMES`].
    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, value)| value)
    }
}

/// [`Named`] for a choice: its table, and its name looked up by position (the table lists the
/// values in their declared order; a test checks it).
macro_rules! named {
    ($ty:ident: $($name:literal => $value:ident),+) => {
        impl $crate::plan::Named for $ty {
            const NAMES: &'static [(&'static str, Self)] = &[$(($name, $ty::$value)),+];
            const WORDS: &'static [&'static str] = &[$($name),+];

            fn name(self) -> &'static str {
                Self::NAMES[self as usize].0
            }
        }
    };
}

pub(crate) use named;

named!(Interpolation: "step" => Step, "linear" => Linear);
named!(TrendShape: "linear" => Linear, "exponential" => Exponential);
named!(ForecastBound: "mean" => Mean, "upper" => Upper, "lower" => Lower);
named!(RedisTopology: "single" => Single, "replicated" => Replicated, "cluster" => Cluster);
named!(VoiceTarget: "wait" => Wait, "response" => Response);

macro_rules! string_serde {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        // Parsed inside the visitor rather than after `String::deserialize`: `serde_json` gives
        // an error raised there the position just after the string, so the message names this
        // field even when it is the last of its object (after `}` it would name the object).
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Text)
            }
        }
    };
}

string_serde!(YearMonth);
string_serde!(MonthDay);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_arithmetic_and_text() {
        let jan = YearMonth {
            year: 2027,
            month: 1,
        };
        assert_eq!(jan.of_plan_month(1), jan);
        assert_eq!(
            jan.of_plan_month(12),
            YearMonth {
                year: 2027,
                month: 12
            }
        );
        assert_eq!(
            jan.of_plan_month(13),
            YearMonth {
                year: 2028,
                month: 1
            }
        );
        assert_eq!(
            jan.plus_months(-1),
            YearMonth {
                year: 2026,
                month: 12
            }
        );
        for (year, month, days) in [
            (2028, 2, 29),
            (2027, 2, 28),
            (2000, 2, 29),
            (2100, 2, 28),
            (2027, 4, 30),
            (2027, 12, 31),
            (2027, 13, 30),
        ] {
            assert_eq!(YearMonth { year, month }.days(), days, "{year}-{month}");
        }
        // The same as counting between first days.
        for month in 1..=12 {
            let m = YearMonth { year: 2027, month };
            let next = m.plus_months(1).first_day().unwrap();
            let days = (next - m.first_day().unwrap()).num_days();
            assert_eq!(i64::from(m.days()), days);
        }
        assert_eq!(jan.to_string(), "2027-01");
        assert_eq!("2027-01".parse::<YearMonth>(), Ok(jan));
        assert!("2027-13".parse::<YearMonth>().is_err());
        assert!("январь".parse::<YearMonth>().is_err());
        assert_eq!(jan.label(), "Jan 2027");
    }

    #[test]
    fn every_choice_names_its_values_in_their_order() {
        fn check<T: Named + std::fmt::Debug>() {
            // `name` looks up by position: a table out of the declared order fails here.
            for &(name, value) in T::NAMES {
                assert_eq!(value.name(), name, "{value:?}");
            }
            let words: Vec<&str> = T::NAMES.iter().map(|(name, _)| *name).collect();
            assert_eq!(T::WORDS, words);
        }
        check::<Interpolation>();
        check::<TrendShape>();
        check::<ForecastBound>();
        check::<RedisTopology>();
        check::<VoiceTarget>();
        check::<crate::codec::plan_file::Format>();
        check::<crate::jobs::Deploy>();
        check::<crate::codec::library::Kind>();
    }

    #[test]
    fn month_day_text() {
        assert_eq!(
            "11-20".parse::<MonthDay>(),
            Ok(MonthDay { month: 11, day: 20 })
        );
        assert!("02-30".parse::<MonthDay>().is_err());
        assert!("1120".parse::<MonthDay>().is_err());
        assert_eq!(MonthDay { month: 7, day: 1 }.to_string(), "07-01");
    }

    #[test]
    fn default_plan_round_trips_through_json() {
        let plan = Plan::default();
        let json = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn unknown_fields_are_rejected_with_their_name() {
        let mut value = serde_json::to_value(Plan::default()).unwrap();
        value["baseline"]["untis"] = serde_json::json!(5);
        let error = serde_json::from_value::<Plan>(value)
            .unwrap_err()
            .to_string();
        assert!(error.contains("untis"), "{error}");
    }
}
