//! The month-by-month sizing tables of one scenario, as plain data.
//!
//! The page, the CSV downloads and the tests all read the same [`Table`]s, so a figure is
//! written one way everywhere: text through [`crate::format`], the unit in the column header,
//! and the raw value beside the text for spreadsheets and comparisons. Each column that holds
//! a figure [`engine::explain`] can explain names that [`Figure`], so the page builds the
//! working of a cell only when someone asks for it.
//!
//! Tables ([`scenario_tables`]): demand and app instances, database, Redis, GPU voice (only when
//! the plan has voice) and cost. A cell may carry a [`Flag`]: an upgrade that month, a need
//! beyond the catalog, instances above the maximum, a pooler needed, more GPU nodes.

use crate::currency::Currency;
use crate::engine::{self, Figure, MonthResult, PlanResults, ScenarioResult};
use crate::export::csv;
use crate::format;
use crate::plan::{Plan, VoiceTarget};
use crate::sizing::Binding;
use crate::totals::{self, LowerBound};
use crate::validate::ValidPlan;
use serde::Serialize;
use std::hash::{Hash, Hasher};

/// One sizing table of one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Stable identifier: "demand", "database", "redis", "voice" or "cost".
    pub id: &'static str,
    /// "Database".
    pub title: String,
    /// One line under the title that says how to read the table, if any.
    pub note: Option<String>,
    /// The catalog's price date, for a table of costs: every cost is read with it.
    #[serde(with = "crate::plan::day::optional")]
    pub priced_on: Option<chrono::NaiveDate>,
    /// The columns after the month column.
    pub columns: Vec<Column>,
    /// One row per month of the horizon, in month order.
    pub rows: Vec<Row>,
}

/// A column of a [`Table`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// Stable identifier within the table: "instances", "tier", "cost-0".
    pub key: String,
    /// "Peak".
    pub title: String,
    /// "req/s", "GB", "USD/month"; empty for names and counts without a unit.
    pub unit: String,
    /// The figure [`engine::explain`] explains for a cell of this column, if any.
    pub figure: Option<Figure>,
    /// Whether the cells are numbers (aligned right).
    pub numeric: bool,
}

/// One month of a [`Table`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Plan month, 1-based.
    pub month: u32,
    /// Calendar month: "Jan 2027".
    pub label: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// When the row's totals are lower bounds, why: "the database has no price; Redis is
    /// beyond the largest catalog plan" (cost table only).
    pub lower_bound: Option<String>,
}

/// One figure of one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// As shown: "1 234", "Pro+", "65.7 %".
    pub text: String,
    /// The number behind the text, in the column's unit (`None` for names and words).
    pub value: Option<f64>,
    /// Something the planner should notice.
    pub flag: Option<Flag>,
}

/// Something worth noticing about a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Flag {
    /// The resource moves to a larger tier or plan this month.
    Upgrade,
    /// No entry of the catalog holds this month's need.
    BeyondCatalog,
    /// More app instances than the policy's maximum.
    OverMax,
    /// The app's pools need a connection pooler.
    PoolerNeeded,
    /// More GPU voice nodes than the month before.
    MoreNodes,
    /// A total that leaves out a component (no price, or beyond the catalog): at least this.
    LowerBound,
}

impl Flag {
    /// Short words for the flag: "upgrade this month".
    pub fn label(self) -> &'static str {
        match self {
            Flag::Upgrade => "upgrade this month",
            Flag::BeyondCatalog => "beyond the catalog",
            Flag::OverMax => "above the maximum instances",
            Flag::PoolerNeeded => "pooler needed",
            Flag::MoreNodes => "more nodes than the month before",
            Flag::LowerBound => "lower bound",
        }
    }

    /// A class-name-safe identifier: "upgrade", "beyond", "over-max", "pooler", "more-nodes".
    pub fn id(self) -> &'static str {
        match self {
            Flag::Upgrade => "upgrade",
            Flag::BeyondCatalog => "beyond",
            Flag::OverMax => "over-max",
            Flag::PoolerNeeded => "pooler",
            Flag::MoreNodes => "more-nodes",
            Flag::LowerBound => "lower-bound",
        }
    }
}

impl Cell {
    fn number(value: f64, text: String) -> Self {
        Self {
            text,
            value: value.is_finite().then_some(value),
            flag: None,
        }
    }

    fn words(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            value: None,
            flag: None,
        }
    }

    fn flagged(mut self, flag: Option<Flag>) -> Self {
        self.flag = flag;
        self
    }
}

impl Column {
    fn new(key: impl Into<String>, title: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            title: title.into(),
            unit: unit.into(),
            figure: None,
            numeric: true,
        }
    }

    fn explained(mut self, figure: Figure) -> Self {
        self.figure = Some(figure);
        self
    }

    fn text(mut self) -> Self {
        self.numeric = false;
        self
    }

    /// "Peak (req/s)", or the bare title when there is no unit.
    pub fn heading(&self) -> String {
        if self.unit.is_empty() {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.unit)
        }
    }
}

impl Row {
    /// A fingerprint of everything the row shows (month, label, every cell's text and flag),
    /// so a view can tell an unchanged row from a changed one without comparing cell by cell.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.month.hash(&mut hasher);
        self.label.hash(&mut hasher);
        for cell in &self.cells {
            cell.text.hash(&mut hasher);
            cell.flag.hash(&mut hasher);
        }
        self.lower_bound.hash(&mut hasher);
        hasher.finish()
    }
}

impl Table {
    /// The row of plan month `month` (1-based), if in the horizon.
    pub fn row(&self, month: u32) -> Option<&Row> {
        self.rows.iter().find(|r| r.month == month)
    }

    /// The column with `key`, with its index.
    pub fn column(&self, key: &str) -> Option<(usize, &Column)> {
        self.columns.iter().enumerate().find(|(_, c)| c.key == key)
    }

    /// The cell of `month` in column `key`.
    pub fn cell(&self, month: u32, key: &str) -> Option<&Cell> {
        let (index, _) = self.column(key)?;
        self.row(month)?.cells.get(index)
    }

    /// The table as CSV (RFC 4180, formula-safe, see [`csv::to_csv`]): a "Month" and a
    /// "Calendar month" column, then one column per [`Column`] headed "Title (unit)", then
    /// "Flags", and for a table of costs "Lower bound" (why the row's totals are only lower
    /// bounds, empty when they are exact) and "Prices as of" with the catalog's price date.
    /// Numbers are written plainly (no digit grouping, at most six decimals) so spreadsheets
    /// read them as numbers, a lower bound included; names and words as shown.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{engine, plan::Plan, tables};
    /// let plan = Plan::default().validate().unwrap();
    /// let results = engine::run(&plan);
    /// let demand = &tables::scenario_tables(&plan, &results, 0)[0];
    /// let csv = demand.to_csv();
    /// assert!(csv.starts_with("Month,Calendar month,Units (users),Peak (req/s),"));
    /// assert_eq!(csv.lines().count(), 13); // header and 12 months
    /// ```
    pub fn to_csv(&self) -> String {
        let mut header: Vec<String> = vec!["Month".to_owned(), "Calendar month".to_owned()];
        header.extend(self.columns.iter().map(Column::heading));
        header.push("Flags".to_owned());
        if self.priced_on.is_some() {
            header.push("Lower bound".to_owned());
            header.push("Prices as of".to_owned());
        }
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                let mut cells = Vec::with_capacity(row.cells.len() + 3);
                cells.push(row.month.to_string());
                cells.push(row.label.clone());
                let mut flags = Vec::new();
                for (cell, column) in row.cells.iter().zip(&self.columns) {
                    cells.push(match cell.value {
                        Some(value) => plain_number(value),
                        None => cell.text.clone(),
                    });
                    if let Some(flag) = cell.flag {
                        flags.push(format!("{}: {}", column.title, flag.label()));
                    }
                }
                cells.push(flags.join("; "));
                if let Some(date) = self.priced_on {
                    cells.push(row.lower_bound.clone().unwrap_or_default());
                    cells.push(date.to_string());
                }
                cells
            })
            .collect();
        csv::to_csv(&header_refs, &rows)
    }

    /// A file name for the table's CSV: "supabase-redis-saas-moderate-database.csv".
    pub fn csv_file_name(&self, plan_name: &str, scenario_name: &str) -> String {
        format!(
            "{}.csv",
            slug(&format!("{plan_name} {scenario_name} {}", self.id))
        )
    }
}

/// A number as spreadsheets read it: no grouping, at most six decimals, no trailing zeros.
///
/// # Example
/// ```
/// use headroom_core::tables::plain_number;
/// assert_eq!(plain_number(1234.5), "1234.5");
/// assert_eq!(plain_number(2.0 / 3.0), "0.666667");
/// assert_eq!(plain_number(-0.0), "0");
/// ```
pub fn plain_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = crate::float_text::fixed(value, 6);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Lower-case words joined by dashes, for file names: "Supabase + Redis SaaS" →
/// "supabase-redis-saas".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(crate::text::lower_case) {
        if crate::text::is_letter_or_digit(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "headroom".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// "Jan 2027": the calendar month as tables and sentences write it.
pub use crate::format::month_label;

/// "USD/month, prices of 1 Nov 2026": the unit of every cost, with the catalog's price date.
pub fn price_note(results: &PlanResults) -> String {
    format!(
        "{}, prices of {}",
        results.currency.per_month(),
        format::day_label(results.priced_on)
    )
}

/// Identifier and title of every table of scenario `scenario`, in page order: demand and app
/// instances, database, Redis, GPU voice (only when the plan has voice) and cost. Empty when
/// the index is out of range.
pub fn table_ids(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
) -> Vec<(&'static str, &'static str)> {
    let Some(result) = results.scenarios.get(scenario) else {
        return Vec::new();
    };
    let mut ids = vec![
        ("demand", "Demand and app instances"),
        ("database", "Database"),
        ("redis", "Redis"),
    ];
    if has_voice(plan.plan(), result) {
        ids.push(("voice", "GPU voice"));
    }
    ids.push(("cost", "Cost"));
    ids
}

fn has_voice(plan: &Plan, result: &ScenarioResult) -> bool {
    plan.baseline.voice.is_some() && result.months.iter().any(|m| m.voice.is_some())
}

/// The table `id` (see [`table_ids`]) of scenario `scenario`; `None` when either is unknown.
/// Builds only that table: the page shows one at a time and rebuilds it on every keystroke.
pub fn scenario_table(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    id: &str,
) -> Option<Table> {
    let result = results.scenarios.get(scenario)?;
    let plan = plan.plan();
    let labels: Vec<String> = result
        .months
        .iter()
        .map(|m| month_label(m.calendar))
        .collect();
    match id {
        "demand" => Some(demand_table(plan, result, &labels)),
        "database" => Some(database_table(plan, result, &labels)),
        "redis" => Some(redis_table(plan, result, &labels)),
        "voice" if has_voice(plan, result) => Some(voice_table(plan, result, &labels)),
        "cost" => Some(cost_table(plan, results, result, &labels)),
        _ => None,
    }
}

/// Every sizing table of scenario `scenario` (an index into `results.scenarios`), in the order
/// of [`table_ids`]. Empty when the index is out of range. `results` must be
/// [`engine::run`]'s output for `plan`.
///
/// # Example
/// ```
/// use headroom_core::{engine, plan::Plan, tables};
/// let plan = Plan::default().validate().unwrap();
/// let results = engine::run(&plan);
/// let tables = tables::scenario_tables(&plan, &results, 0);
/// let ids: Vec<&str> = tables.iter().map(|t| t.id).collect();
/// assert_eq!(ids, ["demand", "database", "redis", "cost"]);
/// assert_eq!(tables[0].cell(1, "instances").unwrap().text, "2");
/// ```
pub fn scenario_tables(plan: &ValidPlan, results: &PlanResults, scenario: usize) -> Vec<Table> {
    table_ids(plan, results, scenario)
        .into_iter()
        .filter_map(|(id, _)| scenario_table(plan, results, scenario, id))
        .collect()
}

fn rows(
    result: &ScenarioResult,
    labels: &[String],
    cells: impl Fn(usize, &MonthResult) -> Vec<Cell>,
) -> Vec<Row> {
    rows_with(result, labels, cells, |_| None)
}

/// Rows, each with the reason its totals are lower bounds (if any) from `lower_bound`.
fn rows_with(
    result: &ScenarioResult,
    labels: &[String],
    cells: impl Fn(usize, &MonthResult) -> Vec<Cell>,
    lower_bound: impl Fn(&MonthResult) -> Option<String>,
) -> Vec<Row> {
    result
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| Row {
            month: m.month,
            label: labels.get(i).cloned().unwrap_or_default(),
            cells: cells(i, m),
            lower_bound: lower_bound(m),
        })
        .collect()
}

fn count(value: u64) -> Cell {
    Cell::number(value as f64, format::number(value as f64))
}

/// A count of things that is computed as a fraction (connections from a per-unit rule):
/// shown and kept whole, rounded up.
fn whole(value: f64) -> Cell {
    Cell::number(
        crate::sizing::ceil_count(value) as f64,
        format::count(value),
    )
}

fn amount(value: f64) -> Cell {
    Cell::number(value, format::number(value))
}

fn percent(fraction: f64) -> Cell {
    Cell::number(fraction * 100.0, format::percent(fraction))
}

fn money(value: f64, currency: Currency) -> Cell {
    Cell::number(value, format::money(value, currency))
}

/// Units as the growth explanation shows them: whole from 100 up.
fn units_amount(units: f64) -> f64 {
    if units.abs() >= 100.0 {
        units.round()
    } else {
        units
    }
}

fn demand_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let unit_name = plan.baseline.demand_unit.as_str();
    let sized_differs = result
        .months
        .iter()
        .any(|m| (m.units_sized - m.units.mean).abs() > 1e-9 * m.units.mean.abs().max(1.0));
    let calendar = result
        .months
        .iter()
        .any(|m| !m.calendar_effect.active.is_empty());
    let mut columns = vec![Column::new("units", "Units", unit_name).explained(Figure::Units)];
    if sized_differs {
        columns.push(Column::new("units-sized", "Sized for", unit_name).explained(Figure::PeakRps));
    }
    if calendar {
        columns.push(Column::new("calendar", "Calendar", "").text());
    }
    columns.extend([
        Column::new("peak", "Peak", "req/s").explained(Figure::PeakRps),
        Column::new("instances", "App instances", "").explained(Figure::AppInstances),
        Column::new("utilisation", "Utilisation at peak", "%").explained(Figure::AppInstances),
        Column::new("binding", "Binds", "")
            .explained(Figure::AppInstances)
            .text(),
    ]);
    let rows = rows(result, labels, |_, m| {
        let mut cells = vec![amount(units_amount(m.units.mean))];
        if sized_differs {
            cells.push(amount(units_amount(m.units_sized)));
        }
        if calendar {
            let effect = &m.calendar_effect;
            cells.push(Cell::words(if effect.active.is_empty() {
                String::new()
            } else {
                format!(
                    "{} ×{}",
                    effect.active.join(", "),
                    format::number(effect.peak)
                )
            }));
        }
        let over = m.app.over_max.then_some(Flag::OverMax);
        cells.extend([
            amount(m.peak_rps),
            count(m.app.instances).flagged(over),
            percent(m.app.utilisation_at_peak),
            Cell::words(match (m.app.over_max, m.app.binding) {
                (true, _) => "above the maximum",
                (false, Binding::Load) => "CPU target",
                (false, Binding::Minimum) => "minimum",
            })
            .flagged(over),
        ]);
        cells
    });
    Table {
        id: "demand",
        title: "Demand and app instances".to_owned(),
        note: Some(format!(
            "{} on {}; at most {} instances before moving up a size.",
            plan.policies.app_instance,
            if plan.policies.target_utilisation_pct > 0.0 {
                format!(
                    "a {} utilisation target",
                    format::percent(plan.policies.target_utilisation_pct / 100.0)
                )
            } else {
                "no utilisation target".to_owned()
            },
            plan.policies.max_instances
        )),
        priced_on: None,
        columns,
        rows,
    }
}

/// The flag of a month's tier: beyond the catalog, or an upgrade into it.
fn tier_flag(tier: Option<usize>, month: u32, upgrades: &[crate::tiers::Upgrade]) -> Option<Flag> {
    if tier.is_none() {
        Some(Flag::BeyondCatalog)
    } else if upgrades.iter().any(|u| u.month == month) {
        Some(Flag::Upgrade)
    } else {
        None
    }
}

fn database_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let per_unit_rule = plan.baseline.database.connections_per_unit > 0.0;
    let unit_name = plan.baseline.demand_unit.as_str();
    let mut columns = vec![
        Column::new("connections", "Connections", "").explained(Figure::DbConnections),
        Column::new("from-pools", "From app pools", "").explained(Figure::DbConnections),
    ];
    if per_unit_rule {
        columns.push(
            Column::new("from-units", format!("From {unit_name}"), "")
                .explained(Figure::DbConnections),
        );
    }
    columns.extend([
        Column::new("data", "Data", "GB").explained(Figure::DbTier),
        Column::new("tier", "Tier", "")
            .explained(Figure::DbTier)
            .text(),
        Column::new("usage", "Tier use", "%").explained(Figure::DbTier),
        Column::new("pooler", "Pooler", "")
            .explained(Figure::DbPooler)
            .text(),
    ]);
    let names = &plan.catalogs.databases;
    let rows = rows(result, labels, |i, m| {
        let db = &m.database;
        let mut cells = vec![whole(db.connections), whole(db.connections_from_pools)];
        if per_unit_rule {
            cells.push(whole(db.connections_from_units));
        }
        let tier_month = result.database_tiers.months.get(i);
        let flag = tier_flag(db.tier, m.month, &result.database_tiers.upgrades);
        let usage = tier_month.map_or(0.0, |t| t.usage_pct);
        cells.extend([
            amount(db.data_gb),
            Cell::words(tier_text(
                db.tier.and_then(|t| names.get(t)).map(|t| &t.name),
            ))
            .flagged(flag),
            Cell::number(usage, format::percent(usage / 100.0)),
            Cell::words(if db.tier.is_none() {
                "—"
            } else if db.needs_pooler {
                "needed"
            } else {
                "direct"
            })
            .flagged(db.needs_pooler.then_some(Flag::PoolerNeeded)),
        ]);
        cells
    });
    Table {
        id: "database",
        title: "Database".to_owned(),
        note: Some(format!(
            "Moves up a tier when {} of a limit; a pooler is advised above {} of direct connections.",
            database_triggers_words(&result.database_tiers),
            format::percent(plan.policies.pooler_share_pct / 100.0)
        )),
        priced_on: None,
        columns,
        rows,
    }
}

/// "a need passes 80 %", or "connections pass 80 % or its size 75 %" when the walk used a
/// trigger of its own for either limit (the walk's triggers, as its explanations give them).
fn database_triggers_words(walk: &crate::tiers::Progression) -> String {
    let [connections, size] = walk.triggers.map(format::percent);
    if connections == size {
        format!("a need passes {connections}")
    } else {
        format!("connections pass {connections} or its size {size}")
    }
}

fn tier_text(name: Option<&String>) -> String {
    name.cloned()
        .unwrap_or_else(|| "beyond the catalog".to_owned())
}

fn redis_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let columns = vec![
        Column::new("data", "Data", "MB").explained(Figure::RedisMemory),
        Column::new("node-memory", "Node memory", "MB").explained(Figure::RedisMemory),
        Column::new("maxmemory", "maxmemory", "MB").explained(Figure::RedisMemory),
        Column::new("plan", "Plan", "")
            .explained(Figure::RedisPlan)
            .text(),
        Column::new("topology", "Topology", "")
            .explained(Figure::RedisPlan)
            .text(),
        Column::new("usage", "Plan use", "%").explained(Figure::RedisPlan),
    ];
    let plans = &plan.catalogs.redis;
    let rows = rows(result, labels, |i, m| {
        let r = &m.redis;
        let flag = tier_flag(r.plan, m.month, &result.redis_plans.upgrades);
        let usage = result
            .redis_plans
            .months
            .get(i)
            .map_or(0.0, |t| t.usage_pct);
        vec![
            amount(r.need.data_mb),
            amount(r.need.node_memory_mb),
            amount(r.need.maxmemory_mb),
            Cell::words(tier_text(
                r.plan.and_then(|p| plans.get(p)).map(|p| &p.name),
            ))
            .flagged(flag),
            Cell::words(r.topology_words().unwrap_or("—")),
            Cell::number(usage, format::percent(usage / 100.0)),
        ]
    });
    Table {
        id: "redis",
        title: "Redis".to_owned(),
        note: Some(format!(
            "Node memory keeps {} free for saves and rewrites; moves up a plan past {} of its memory.",
            format::percent(1.0 - plan.policies.redis.maxmemory_share_pct / 100.0),
            format::percent(result.redis_plans.triggers[0])
        )),
        priced_on: None,
        columns,
        rows,
    }
}

fn voice_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let policy = &plan.policies.voice;
    let percentile = format::number(policy.percentile_pct);
    // With a response target the column shows the response at the percentile: the wait plus
    // the GPU time (docs/models.md "GPU voice nodes").
    let gpu_s = plan
        .baseline
        .voice
        .as_ref()
        .map_or(0.0, |v| v.gpu_seconds_per_interaction);
    let (column, kind, target_s, added_s) = match policy.target {
        VoiceTarget::Wait => ("Wait", "wait", policy.wait_target_s, 0.0),
        VoiceTarget::Response => ("Response", "response", policy.response_target_s, gpu_s),
    };
    let columns = vec![
        Column::new("sessions", "Concurrent sessions", "").explained(Figure::GpuNodes),
        Column::new("interactions", "Interactions", "per s").explained(Figure::GpuNodes),
        Column::new("erlangs", "Offered load", "erlangs").explained(Figure::GpuNodes),
        Column::new("by-concurrency", "Nodes by sessions", "").explained(Figure::GpuNodes),
        Column::new("by-queue", "Nodes by queueing", "").explained(Figure::GpuNodes),
        Column::new("nodes", "GPU nodes", "").explained(Figure::GpuNodes),
        Column::new("wait", format!("{column} at p{percentile}"), "s").explained(Figure::GpuNodes),
        Column::new("binding", "Binds", "")
            .explained(Figure::GpuNodes)
            .text(),
    ];
    let width = columns.len();
    let rows = rows(result, labels, |i, m| {
        let Some(v) = &m.voice else {
            return std::iter::repeat_n(Cell::words("—"), width).collect();
        };
        let previous = i
            .checked_sub(1)
            .and_then(|p| result.months.get(p))
            .and_then(|p| p.voice.as_ref())
            .map(|p| p.nodes);
        let more = previous
            .is_some_and(|p| v.nodes > p)
            .then_some(Flag::MoreNodes);
        vec![
            amount(v.concurrent_sessions),
            amount(v.interactions_per_s),
            amount(v.offered_load_erlangs),
            count(v.nodes_by_concurrency),
            count(v.nodes_by_queue),
            count(v.nodes).flagged(more),
            match v.wait_at_percentile_s {
                Some(wait) => amount(wait + added_s),
                None => Cell::words(v.no_wait_words()),
            },
            Cell::words(v.binding.as_str()),
        ]
    });
    Table {
        id: "voice",
        title: "GPU voice".to_owned(),
        note: Some(format!(
            "{} nodes; {kind} target p{percentile} ≤ {} s.",
            policy.gpu_node,
            format::number(target_s)
        )),
        priced_on: None,
        columns,
        rows,
    }
}

fn cost_table(
    plan: &Plan,
    results: &PlanResults,
    result: &ScenarioResult,
    labels: &[String],
) -> Table {
    let names = &plan.baseline.other_costs;
    let currency = results.currency;
    let per_month = currency.per_month();
    let components: Vec<_> = result
        .months
        .first()
        .map(|m| m.cost.items.iter().map(|i| i.component).collect())
        .unwrap_or_default();
    let mut columns: Vec<Column> = components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Column::new(format!("cost-{i}"), c.name(names), per_month.clone())
                .explained(Figure::Cost { component: i })
        })
        .collect();
    let unit_name = &plan.baseline.demand_unit;
    columns.push(Column::new("total", "Total", per_month.clone()).explained(Figure::TotalCost));
    columns.push(
        Column::new(
            "per-unit",
            format!("Per {}", singular(unit_name)),
            per_month,
        )
        .explained(Figure::CostPerUnit),
    );
    let rows = rows_with(
        result,
        labels,
        |_, m| {
            let mut cells: Vec<Cell> = components
                .iter()
                .map(|component| {
                    m.cost
                        .items
                        .iter()
                        .find(|item| item.component == *component)
                        .map_or_else(
                            || money(0.0, currency),
                            |item| money(item.usd_per_month, currency),
                        )
                })
                .collect();
            let lower_bound = m.cost.is_lower_bound();
            let flag = lower_bound.then_some(Flag::LowerBound);
            let total = m.cost.total_usd_per_month;
            cells.push(
                Cell::number(total, totals::money(total, lower_bound, currency)).flagged(flag),
            );
            cells.push(match m.cost_per_unit_usd {
                Some(per_unit) => {
                    Cell::number(per_unit, totals::money(per_unit, lower_bound, currency))
                        .flagged(flag)
                }
                None => Cell::words("—"),
            });
            cells
        },
        |m| LowerBound::of_month(m).map(|why| why.reason(names)),
    );
    let mut note = price_note(results);
    if let Some(why) = LowerBound::of(&result.months) {
        note.push_str(&format!(
            ". Totals marked “at least” leave out a cost: {}.",
            why.reason(names)
        ));
    }
    Table {
        id: "cost",
        title: "Cost".to_owned(),
        note: Some(note),
        priced_on: Some(results.priced_on),
        columns,
        rows,
    }
}

/// "users" → "user"; names that do not end in a plain "s" are kept.
pub fn singular(unit_name: &str) -> &str {
    match unit_name.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem,
        _ => unit_name,
    }
}

/// The explanation of the figure in `column` of `month`, built on demand (see
/// [`engine::explain`]).
pub fn explain_cell(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    month: u32,
    column: &Column,
) -> Option<crate::explain::Explanation> {
    engine::explain(plan, results, scenario, month, column.figure?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;
    use crate::presets::computed as template;

    fn table<'a>(tables: &'a [Table], id: &str) -> &'a Table {
        tables.iter().find(|t| t.id == id).expect("table")
    }

    #[test]
    fn the_blank_plan_by_hand() {
        // 1 000 users growing 5 % − 1 % churn a month, 200 requests a day each, peak 3 × the
        // day's average; m7g.large serves 50 req/s, 35 req/s at the 70 % target.
        let (plan, results) = template("blank");
        let tables = scenario_tables(&plan, &results, 0);
        let demand = table(&tables, "demand");
        // Units: 1 000 × 1.04 = 1 040 in month 1, 1 000 × 1.04¹² = 1 601 in month 12.
        assert_eq!(demand.cell(1, "units").unwrap().text, "1\u{202F}040");
        assert_eq!(demand.cell(12, "units").unwrap().text, "1\u{202F}601");
        // Peak: 1 040 × 200 ÷ 86 400 × 3 = 7.22 req/s.
        assert_eq!(demand.cell(1, "peak").unwrap().text, "7.22");
        assert_eq!(demand.columns[1].unit, "req/s");
        // ⌈7.22 ÷ 35⌉ = 1, below the minimum of 2.
        assert_eq!(demand.cell(1, "instances").unwrap().text, "2");
        assert_eq!(demand.cell(1, "binding").unwrap().text, "minimum");
        // 7.22 ÷ (2 × 50) = 7.2 %.
        assert_eq!(demand.cell(1, "utilisation").unwrap().text, "7.2 %");
        assert_eq!(demand.rows[0].label, "Jan 2027");
        assert_eq!(demand.rows[11].label, "Dec 2027");

        let cost = table(&tables, "cost");
        // 2 × $59.60 = $119.20, written in whole dollars from $100 up.
        let app = cost.cell(1, "cost-0").unwrap();
        assert_eq!(app.text, "$119");
        assert!((app.value.unwrap() - 119.2).abs() < 1e-9);
        assert_eq!(cost.columns[0].title, "App instances");
        assert_eq!(
            cost.note.as_deref(),
            Some("USD/month, prices of 1 Nov 2026")
        );
        assert_eq!(cost.columns.last().unwrap().title, "Per user");
    }

    #[test]
    fn supabase_redis_moderate_by_hand() {
        let (plan, results) = template("supabase-redis");
        let moderate = scenario_tables(&plan, &results, 1);
        assert!(
            moderate.iter().all(|t| t.id != "voice"),
            "no voice in this plan"
        );
        let db = table(&moderate, "database");
        // Moderate: 100 × 1.17 = 117 users in month 1; 0.1 GB each → 11.7 GB, more than
        // 80 % of Pro's 8 GB: Pro+ from month 1, an upgrade.
        assert_eq!(db.cell(1, "data").unwrap().text, "11.7");
        assert_eq!(db.cell(1, "tier").unwrap().text, "Pro+");
        assert_eq!(db.cell(1, "tier").unwrap().flag, Some(Flag::Upgrade));
        // Connections: 1 instance × 50 pool + 5 background = 55.
        assert_eq!(db.cell(1, "connections").unwrap().text, "55");
        assert!(
            db.column("from-units").is_none(),
            "the per-unit rule is off"
        );
        let redis = table(&moderate, "redis");
        // 117 users × 10 MB = 1 170 MB, fragmentation 1, maxmemory 100 %.
        assert_eq!(redis.cell(1, "node-memory").unwrap().text, "1\u{202F}170");
        assert_eq!(redis.cell(1, "plan").unwrap().text, "2 GB single node");
        assert_eq!(redis.cell(1, "topology").unwrap().text, "single node");
        // Every upgrade month of the progressions is flagged, and only those.
        for (tbl, progression) in [
            (db, &results.scenarios[1].database_tiers),
            (redis, &results.scenarios[1].redis_plans),
        ] {
            let key = if tbl.id == "database" { "tier" } else { "plan" };
            for row in &tbl.rows {
                let upgraded = progression.upgrades.iter().any(|u| u.month == row.month);
                let cell = tbl.cell(row.month, key).unwrap();
                assert_eq!(
                    cell.flag == Some(Flag::Upgrade),
                    upgraded && cell.text != "beyond the catalog"
                );
            }
        }
        // Every cell is finite and every row has one cell per column.
        for t in &moderate {
            for row in &t.rows {
                assert_eq!(row.cells.len(), t.columns.len(), "{}", t.id);
                assert!(row.cells.iter().all(|c| c.value.is_none_or(f64::is_finite)));
                assert!(row.cells.iter().all(|c| !c.text.contains("NaN")));
            }
        }
    }

    #[test]
    fn voice_table_only_with_voice_and_with_hand_checked_nodes() {
        let (plan, results) = template("cafe-pilot");
        let tables = scenario_tables(&plan, &results, 0);
        let voice = table(&tables, "voice");
        let m = &results.scenarios[0].months[0];
        let v = m.voice.as_ref().unwrap();
        assert_eq!(
            voice.cell(1, "nodes").unwrap().text,
            v.nodes.to_string(),
            "the table shows the engine's figure"
        );
        // The rule: nodes = max(by sessions, by queueing) + redundancy.
        let redundancy = u64::from(plan.plan().policies.redundancy);
        for row in &voice.rows {
            let get = |key: &str| voice.cell(row.month, key).unwrap().value.unwrap();
            let expected = get("by-concurrency").max(get("by-queue")) + redundancy as f64;
            assert_eq!(get("nodes"), expected.max(1.0), "month {}", row.month);
        }
        assert!(voice.columns.iter().any(|c| c.title == "Wait at p95"));
    }

    /// No demand means no voice load: its wait reads "no load", not "unstable" (a queue is
    /// unstable only when the load fills every stream).
    #[test]
    fn a_month_without_voice_load_is_not_unstable() {
        let mut plan = presets::find("cafe-pilot").expect("template").build();
        plan.baseline.units = 0.0;
        plan.scenarios.truncate(1);
        plan.scenarios[0].growth = crate::plan::Growth::Compound {
            monthly_growth_pct: 0.0,
            monthly_churn_pct: 0.0,
        };
        let plan = plan.validate().expect("valid plan");
        let results = engine::run(&plan);
        let tables = scenario_tables(&plan, &results, 0);
        let voice = table(&tables, "voice");
        let v = results.scenarios[0].months[0].voice.as_ref().unwrap();
        assert_eq!(v.offered_load_erlangs, 0.0);
        assert_eq!(voice.cell(1, "wait").unwrap().text, "no load");
        assert!(voice
            .rows
            .iter()
            .all(|row| voice.cell(row.month, "wait").unwrap().text != "unstable"));
        // A load that fills every stream is unstable; a stable queue without a wait figure is
        // neither.
        let unstable = crate::voice::VoiceSizing {
            interactions_per_s: 2.0,
            offered_load_erlangs: 8.0,
            streams: 8,
            wait_at_percentile_s: None,
            ..v.clone()
        };
        assert_eq!(unstable.no_wait_words(), "unstable");
        let stable = crate::voice::VoiceSizing {
            streams: 9,
            ..unstable
        };
        assert_eq!(stable.no_wait_words(), "—");
    }

    #[test]
    fn every_explained_column_explains_every_month() {
        for template_id in ["blank", "supabase-redis", "cafe-pilot", "voiceassist"] {
            let (plan, results) = template(template_id);
            for s in 0..results.scenarios.len() {
                for t in scenario_tables(&plan, &results, s) {
                    for column in t.columns.iter().filter(|c| c.figure.is_some()) {
                        for row in &t.rows {
                            let e = explain_cell(&plan, &results, s, row.month, column);
                            assert!(
                                e.is_some_and(|e| !e.sentence().is_empty()),
                                "{template_id} {} {} month {}",
                                t.id,
                                column.key,
                                row.month
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn csv_has_plain_numbers_flags_and_the_price_date() {
        let (plan, results) = template("supabase-redis");
        let tables = scenario_tables(&plan, &results, 2);
        let db = table(&tables, "database");
        let csv = db.to_csv();
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("Month,Calendar month,Connections,From app pools,Data (GB),Tier,Tier use (%),Pooler,Flags")
        );
        let first = lines.next().unwrap();
        assert!(first.starts_with("1,Dec 2025,55,55,14,Pro+,"), "{first}");
        assert!(first.ends_with("Tier: upgrade this month"), "{first}");
        let cost = table(&tables, "cost").to_csv();
        assert!(
            cost.starts_with("Month,Calendar month,App instances (USD/month),"),
            "{cost}"
        );
        assert!(cost
            .lines()
            .next()
            .unwrap()
            .ends_with(",Flags,Lower bound,Prices as of"));
        assert!(
            cost.lines().skip(1).all(|l| l.ends_with(",2026-11-01")),
            "{cost}"
        );
        assert_eq!(
            db.csv_file_name("Supabase + Redis SaaS", "Aggressive"),
            "supabase-redis-saas-aggressive-database.csv"
        );
    }

    #[test]
    fn voiceassist_totals_read_at_least_with_the_reason() {
        let (plan, results) = template("voiceassist");
        let tables = scenario_tables(&plan, &results, 0);
        let cost = table(&tables, "cost");
        let months = &results.scenarios[0].months;
        // Month 1: 2 × $59.60 = $119.20; the database and Redis carry no price.
        let total = cost.cell(1, "total").unwrap();
        assert_eq!(total.text, "at least $119");
        assert!(
            (total.value.unwrap() - 119.2).abs() < 1e-9,
            "still a number"
        );
        assert_eq!(total.flag, Some(Flag::LowerBound));
        let per_unit = cost.cell(1, "per-unit").unwrap();
        assert!(per_unit.text.starts_with("at least $"), "{}", per_unit.text);
        assert_eq!(per_unit.flag, Some(Flag::LowerBound));
        assert_eq!(
            cost.row(1).unwrap().lower_bound.as_deref(),
            Some("the database has no price; Redis has no price")
        );
        assert_eq!(
            cost.row(6).unwrap().lower_bound.as_deref(),
            Some(
                "the database has no price; the database is beyond the largest catalog tier; \
                 Redis has no price"
            )
        );
        assert_eq!(
            cost.note.as_deref(),
            Some(
                "USD/month, prices of 1 Nov 2026. Totals marked “at least” leave out a cost: \
                 the database has no price; Redis has no price; \
                 the database is beyond the largest catalog tier from month 6."
            )
        );
        // The CSV keeps the number and says why in its own column.
        let csv = cost.to_csv();
        let mut lines = csv.split("\r\n");
        let header = lines.next().unwrap();
        assert!(
            header.ends_with(
                ",Total (USD/month),Per user (USD/month),Flags,Lower bound,Prices as of"
            ),
            "{header}"
        );
        let first = lines.next().unwrap();
        assert!(first.contains(",119.2,"), "{first}");
        assert!(
            first.ends_with(
                ",\"Total: lower bound; Per user: lower bound\",\
                 \"the database has no price; Redis has no price\",2026-11-01"
            ),
            "{first}"
        );
        assert_eq!(months.len(), cost.rows.len());

        // A complete bill reads as before, with an empty "Lower bound" cell.
        let (plan, results) = template("blank");
        let cost = table(&scenario_tables(&plan, &results, 0), "cost").clone();
        assert_eq!(cost.cell(1, "total").unwrap().text, "$141");
        assert_eq!(cost.cell(1, "total").unwrap().flag, None);
        assert_eq!(cost.row(1).unwrap().lower_bound, None);
        assert_eq!(
            cost.note.as_deref(),
            Some("USD/month, prices of 1 Nov 2026")
        );
        let csv = cost.to_csv();
        assert!(csv.split("\r\n").nth(1).unwrap().ends_with(",,,2026-11-01"));
    }

    #[test]
    fn fingerprints_follow_the_content() {
        let (plan, results) = template("supabase-redis");
        let tables = scenario_tables(&plan, &results, 0);
        // What a row shows: its month, label, every cell's text and flag, and the lower-bound
        // note (not the number behind a cell's text).
        let shown = |r: &Row| {
            let cells: Vec<_> = r.cells.iter().map(|c| (c.text.clone(), c.flag)).collect();
            (r.month, r.label.clone(), cells, r.lower_bound.clone())
        };
        // Rows of every table, of every month: the same fingerprint exactly when they show the
        // same.
        let rows: Vec<&Row> = tables.iter().flat_map(|t| &t.rows).collect();
        assert!(rows.len() > 30, "{} rows", rows.len());
        let mut same_content = 0;
        for a in &rows {
            for b in &rows {
                let same = shown(a) == shown(b);
                same_content += usize::from(same);
                assert_eq!(a.fingerprint() == b.fingerprint(), same, "{a:?} {b:?}");
            }
        }
        assert_eq!(
            same_content,
            rows.len(),
            "every row differs from every other"
        );
        // Each part of what a row shows is in its fingerprint; the number behind is not.
        let row = &tables[0].rows[3];
        let changes: [fn(&mut Row); 5] = [
            |r| r.label.push(' '),
            |r| r.cells[0].text.push('0'),
            |r| r.cells[0].flag = Some(Flag::Upgrade),
            |r| r.cells[1].flag = Some(Flag::LowerBound),
            |r| r.lower_bound = Some("no price".to_owned()),
        ];
        for change in changes {
            let mut changed = row.clone();
            change(&mut changed);
            assert_ne!(changed.fingerprint(), row.fingerprint(), "{changed:?}");
        }
        let mut renumbered = row.clone();
        renumbered.cells[0].value = renumbered.cells[0].value.map(|v| v + 1.0);
        assert_eq!(renumbered.fingerprint(), row.fingerprint());
        assert!(scenario_tables(&plan, &results, 9).is_empty());
    }

    #[test]
    fn table_ids_name_the_tables_built() {
        for template in presets::TEMPLATES {
            let (plan, results) = self::template(template.id);
            for s in 0..results.scenarios.len() {
                let ids = table_ids(&plan, &results, s);
                let tables = scenario_tables(&plan, &results, s);
                assert_eq!(ids.len(), tables.len(), "{}", template.id);
                for ((id, title), table) in ids.iter().zip(&tables) {
                    assert_eq!((*id, *title), (table.id, table.title.as_str()));
                    assert_eq!(table.rows.len() as u32, plan.plan().horizon_months);
                }
            }
            assert!(scenario_table(&plan, &results, 0, "nothing").is_none());
        }
    }

    #[test]
    fn labels_and_numbers() {
        assert_eq!(
            month_label(crate::plan::YearMonth {
                year: 2027,
                month: 9
            }),
            "Sep 2027"
        );
        assert_eq!(plain_number(14.000_000_1), "14");
        assert_eq!(plain_number(f64::NAN), "");
        assert_eq!(slug("  Café pilot: Phase 1 "), "café-pilot-phase-1");
        assert_eq!(slug("+++"), "headroom");
        assert_eq!(singular("cafés"), "café");
        assert_eq!(singular("business"), "business");
    }
}
