//! The rules a plan is sized by: [`Policies`] (utilisation, triggers, headroom, redundancy)
//! and those of Redis, voice, commitments and off hours.

use super::*;

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

impl Policies {
    /// What demand is sized at against what is forecast: 1 + the headroom (1.2 for 20 %).
    pub fn headroom_factor(&self) -> f64 {
        1.0 + self.headroom_pct / 100.0
    }

    /// The share of a tier's direct connections past which a pooler is advised
    /// ([`Policies::pooler_share_pct`]), within 0–100 % (all of them when not a number).
    pub fn pooler_share(&self) -> crate::units::Share {
        crate::units::Share::of_pct_at_least(self.pooler_share_pct, 0.0, 100.0)
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

impl VoicePolicy {
    /// The share of interactions the target bounds ([`VoicePolicy::percentile_pct`]), within
    /// 0–100 % (all of them when not a number).
    pub fn percentile(&self) -> crate::units::Share {
        crate::units::Share::of_pct_at_least(self.percentile_pct, 0.0, 100.0)
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

named!(VoiceTarget: "wait" => Wait, "response" => Response);
