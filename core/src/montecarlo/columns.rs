//! The bands in the sizing tables: beside each figure the trials give a band for (app
//! instances, connections and tier, Redis memory and plan, GPU nodes, cost), a column with
//! that figure at the percentile the plan sizes for (the median when it names none), month
//! by month, and its band in brackets: "App instances P90, band P10–P90" holding "3 (2–3)". The
//! table's note says which percentile it is and how many trials made it.
//!
//! The plan's own columns keep their single values: the deployment is sized from them, and
//! the band's column is read beside them.

use std::cell::RefCell;
use std::sync::Arc;

use super::table::{figure_text, percentile_name, LABELS};
use super::{Bands, Metric};
use crate::export::SizedFor;
use crate::format;
use crate::plan::Plan;
use crate::tables::{Cell, Column, Table};

/// For each metric (in [`Metric::ALL`]'s order), the table and the column its band goes
/// beside.
const BESIDE: [(&str, &str); 9] = [
    ("demand", "units"),
    ("demand", "peak"),
    ("demand", "instances"),
    ("database", "connections"),
    ("database", "tier"),
    ("redis", "node-memory"),
    ("redis", "plan"),
    ("voice", "nodes"),
    ("cost", "total"),
];

/// Appended to the name of a band of the plan before its last edit.
pub const EARLIER: &str = ", before the last edit";

/// Appended to a sentence about the bands of the plan before its last edit.
pub const NOT_FINISHED: &str =
    " These bands are the trials of the plan before its last edit: those of the plan as it is now have not finished.";

/// The bands with their columns' cells, written once per scenario and figure, when a table
/// first asks for them: the page builds a table again on every keystroke, and the bands
/// change only with each run of the trials (formatting every month's band on each keystroke
/// took a phone 5 ms).
pub struct BandColumns {
    bands: Arc<Bands>,
    /// Per scenario and metric (`scenario × 9 + metric`), one cell per month; empty until
    /// asked for.
    cells: RefCell<Vec<Vec<Cell>>>,
    /// Whether the bands are the trials of the plan before its last edit (the trials of the
    /// plan as it is have not finished): shown, but no deployment is sized from them.
    earlier: bool,
}

impl BandColumns {
    /// Columns of `bands`, none written yet.
    pub fn new(bands: Arc<Bands>) -> Self {
        Self {
            bands,
            cells: RefCell::new(Vec::new()),
            earlier: false,
        }
    }

    /// These columns, of the trials of the plan before its last edit: the tables and charts
    /// still show them, but [`BandColumns::sized`] gives nothing until the trials of the plan
    /// as it is finish, and [`BandColumns::sized_line`] says so.
    pub fn of_earlier_plan(mut self) -> Self {
        self.earlier = true;
        self
    }

    /// The bands.
    pub fn bands(&self) -> &Bands {
        &self.bands
    }

    /// Whether the bands are the trials of the plan before its last edit
    /// ([`BandColumns::of_earlier_plan`]).
    pub fn is_of_earlier_plan(&self) -> bool {
        self.earlier
    }

    /// Scenario `scenario`'s figures in month `month` (from 1) at the percentile the plan
    /// sizes for, for a deployment file; `None` when the plan names none, or the bands have
    /// no such scenario or month.
    pub fn sized(&self, scenario: usize, month: u32) -> Option<SizedFor> {
        let bands = &*self.bands;
        let pct = bands.size_for_pct.filter(|_| !self.earlier)?;
        let s = bands.scenarios.get(scenario)?;
        // Whole figures (counts, catalog positions): their quantiles are whole already.
        let at = |metric: Metric| -> Option<u64> {
            let value = s.band(metric, month)?.sized?;
            Some(value.max(0.0).round() as u64)
        };
        let index = |metric: Metric| at(metric).and_then(|i| usize::try_from(i).ok());
        Some(SizedFor {
            pct,
            trials: bands.trials,
            app_instances: at(Metric::AppInstances)?,
            database_connections: s
                .band(Metric::DatabaseConnections, month)?
                .sized?
                .max(0.0)
                .ceil() as u64,
            database_tier: index(Metric::DatabaseTier)?,
            redis_plan: index(Metric::RedisPlan)?,
            gpu_nodes: at(Metric::GpuNodes)?,
        })
    }

    /// What the deployment files of scenario `scenario`'s month `month` are sized for, in one
    /// sentence for the Share menu; `None` when the plan names no percentile to size for.
    pub fn sized_line(&self, scenario: usize, month: u32) -> Option<String> {
        if self.earlier && self.bands.size_for_pct.is_some() {
            return Some(
                "The trials of the plan as it is now have not finished: until they do, the files are sized from the plan's single values.".to_owned(),
            );
        }
        let f = self.sized(scenario, month)?;
        Some(format!(
            "Sized for {} of the plan's ranges, over {} trials: replicas, database connections and tier, Redis plan and GPU nodes at that percentile; resources, autoscaling, maxmemory and pool sizes follow from them.",
            percentile_name(f.pct),
            format::count(f64::from(f.trials))
        ))
    }

    /// Adds the band's column beside each of `table`'s figures that the bands have for
    /// scenario `scenario` (`table` is that scenario's), and a sentence to the table's note.
    /// A month the bands do not reach (the plan changed since the trials) shows "—". Nothing
    /// changes when the bands have no such scenario. `plan` names the tiers and the currency
    /// (the first time each column is written).
    pub fn add(&self, table: &mut Table, plan: &Plan, scenario: usize) {
        let bands = &*self.bands;
        let Some(bands_of_scenario) = bands.scenarios.get(scenario) else {
            return;
        };
        let [low, high] = bands.band_pct.map(percentile_name);
        let (at, which) = match bands.size_for_pct {
            Some(p) => (percentile_name(p), "the figure the plan sizes for"),
            None => ("P50".to_owned(), "the median"),
        };
        // Of the plan before its last edit: said in every column's heading, not only the note.
        let heading = format!(
            "{at}, band {low}–{high}{}",
            if self.earlier { EARLIER } else { "" }
        );
        let mut cache = self.cells.borrow_mut();
        let mut added = false;
        for ((metric, label), (id, key)) in Metric::ALL.into_iter().zip(LABELS).zip(BESIDE) {
            let Some((after, unit)) = table
                .column(key)
                .filter(|_| id == table.id)
                .map(|(i, c)| (i + 1, c.unit.clone()))
            else {
                continue;
            };
            let numeric = !matches!(metric, Metric::DatabaseTier | Metric::RedisPlan);
            table.columns.insert(
                after,
                Column {
                    key: format!("{key}-band"),
                    title: format!("{label} {heading}"),
                    unit,
                    figure: None,
                    numeric,
                },
            );
            let at = scenario * Metric::ALL.len() + metric.index();
            if cache.len() <= at {
                cache.resize_with(at + 1, Vec::new);
            }
            let cells = &mut cache[at];
            if cells.is_empty() {
                // In the column's unit, as the figure's own column has it.
                let text = |v: f64| match metric {
                    Metric::RedisMemoryMb => format::number(v),
                    _ => figure_text(plan, metric, v),
                };
                *cells = bands_of_scenario.metrics[metric.index()]
                    .iter()
                    .map(|band| {
                        let figure = band.sized.unwrap_or(band.median);
                        Cell {
                            text: format!(
                                "{} ({}–{})",
                                text(figure),
                                text(band.low),
                                text(band.high)
                            ),
                            // Text, in a file too: the figure and its band.
                            value: None,
                            flag: None,
                        }
                    })
                    .collect();
            }
            for row in &mut table.rows {
                let cell = (row.month as usize)
                    .checked_sub(1)
                    .and_then(|m| cells.get(m))
                    .cloned()
                    .unwrap_or_else(|| Cell {
                        text: "—".to_owned(),
                        value: None,
                        flag: None,
                    });
                row.cells.insert(after.min(row.cells.len()), cell);
            }
            added = true;
        }
        if added {
            let note = table.note.get_or_insert_with(String::new);
            if !note.is_empty() {
                note.push(' ');
            }
            note.push_str(&format!(
                "The “{heading}” columns are over {} trials: {at}, {which}, and in brackets the band from {low} to {high}. The other columns hold the plan's single values.{}",
                format::count(f64::from(bands.trials)),
                if self.earlier { NOT_FINISHED } else { "" }
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::bands_of;
    use super::super::{Band, ScenarioBands};
    use super::*;
    use crate::engine;
    use crate::tables::scenario_table;

    /// Bands for `months` months in which every figure of month `m` is `[m, 2m, 3m]`, sized
    /// for the high one when `sized`.
    fn bands(months: u32, sized: bool) -> Bands {
        let band = |m: u32| {
            let m = f64::from(m);
            Band {
                low: m,
                median: 2.0 * m,
                high: 3.0 * m,
                sized: sized.then_some(3.0 * m),
            }
        };
        let metrics = Metric::ALL
            .iter()
            .map(|_| (1..=months).map(band).collect())
            .collect();
        bands_of(
            vec![ScenarioBands {
                metrics,
                moves: Vec::new(),
            }],
            sized.then_some(90.0),
        )
    }

    fn table(id: &str) -> (Plan, Table) {
        let plan = Plan::default();
        let valid = plan.clone().validate().unwrap();
        let table = scenario_table(&valid, &engine::run(&valid), 0, id).unwrap();
        (plan, table)
    }

    #[test]
    fn each_figure_gets_its_band_beside_it() {
        let (plan, mut demand) = table("demand");
        let before = demand.columns.len();
        let columns = BandColumns::new(Arc::new(bands(12, true)));
        let before_bands = demand.clone();
        columns.add(&mut demand, &plan, 0);
        // Written once, the same again: the table of the next keystroke gets the same columns.
        let mut again = before_bands;
        columns.add(&mut again, &plan, 0);
        assert_eq!(again, demand);
        let keys: Vec<&str> = demand.columns.iter().map(|c| c.key.as_str()).collect();
        let beside = |key: &str| keys.iter().position(|k| *k == key).unwrap() + 1;
        for key in ["units", "peak", "instances"] {
            assert_eq!(keys[beside(key)], format!("{key}-band"), "{keys:?}");
        }
        assert_eq!(demand.columns.len(), before + 3);
        let (i, column) = demand.column("instances-band").unwrap();
        assert_eq!(column.title, "App instances P90, band P10–P90");
        let row = demand.row(4).unwrap();
        assert_eq!(row.cells.len(), demand.columns.len());
        assert_eq!(row.cells[i].text, "12 (4–12)");
        assert_eq!(row.cells[i].value, None);
        // A CSV cell holds the figure with its band, under the column's title.
        let csv = demand.to_csv();
        assert!(csv.contains("App instances P90, band P10–P90"), "{csv}");
        assert!(csv.contains("12 (4–12)"), "{csv}");
        let note = demand.note.as_deref().unwrap();
        assert!(
            note.contains("over 100 trials: P90, the figure the plan sizes for, and in brackets"),
            "{note}"
        );
    }

    #[test]
    fn tiers_by_name_and_the_median_without_a_percentile() {
        let (plan, mut database) = table("database");
        BandColumns::new(Arc::new(bands(12, false))).add(&mut database, &plan, 0);
        let (i, column) = database.column("tier-band").unwrap();
        assert_eq!(column.title, "Database tier P50, band P10–P90");
        assert!(!column.numeric);
        let tiers: Vec<&str> = plan
            .catalogs
            .databases
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        let cell = &database.row(1).unwrap().cells[i];
        assert_eq!(
            cell.text,
            format!("{} ({}–{})", tiers[2], tiers[1], tiers[3])
        );
        assert_eq!(cell.value, None);
        assert!(database
            .note
            .as_deref()
            .unwrap()
            .contains("P50, the median"));
    }

    #[test]
    fn zero_width_ranges_give_the_single_values_beside_them() {
        use super::super::tests::{growth, plan_with, run_all, GROWTH};
        use super::super::Simulation;
        let plan = plan_with(&[(GROWTH, growth(5.0, 5.0, 5.0))], 100);
        let tally = run_all(&Simulation::new(&plan).unwrap());
        let bands = tally.bands([10.0, 90.0], Some(90.0)).unwrap();
        let results = engine::run(&plan);
        for id in ["demand", "database", "redis", "voice", "cost"] {
            let mut t = scenario_table(&plan, &results, 0, id).unwrap();
            BandColumns::new(Arc::new(bands.clone())).add(&mut t, plan.plan(), 0);
            let banded: Vec<usize> = (0..t.columns.len())
                .filter(|&i| t.columns[i].key.ends_with("-band"))
                .collect();
            assert!(!banded.is_empty(), "{id}");
            for row in &t.rows {
                for &i in &banded {
                    let (single, band) = (&row.cells[i - 1], &row.cells[i]);
                    let (single, band) = (&single.text, &band.text);
                    assert!(
                        band.starts_with(&format!("{single} (")),
                        "{id}: {single} {band}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_figures_a_deployment_is_sized_for() {
        let columns = BandColumns::new(Arc::new(bands(12, true)));
        // Month 4: every figure's band is [4, 8, 12], sized for the high one.
        let sized = columns.sized(0, 4).unwrap();
        assert_eq!(sized.pct, 90.0);
        assert_eq!(sized.trials, 100);
        assert_eq!(
            (
                sized.app_instances,
                sized.database_tier,
                sized.redis_plan,
                sized.gpu_nodes
            ),
            (12, 12, 12, 12)
        );
        assert_eq!(sized.database_connections, 12);
        assert_eq!(columns.sized(0, 13), None);
        assert_eq!(columns.sized(1, 4), None);
        assert!(columns
            .sized_line(0, 4)
            .unwrap()
            .starts_with("Sized for P90 of the plan's ranges, over 100 trials: replicas"));
        // Without a percentile to size for, none.
        let single = BandColumns::new(Arc::new(bands(12, false)));
        assert_eq!((single.sized(0, 4), single.sized_line(0, 4)), (None, None));
    }

    #[test]
    fn no_deployment_is_sized_from_the_trials_of_the_plan_before_its_edit() {
        let (plan, mut demand) = table("demand");
        let earlier = BandColumns::new(Arc::new(bands(12, true))).of_earlier_plan();
        assert_eq!(earlier.sized(0, 4), None);
        assert_eq!(
            earlier.sized_line(0, 4).as_deref(),
            Some("The trials of the plan as it is now have not finished: until they do, the files are sized from the plan's single values.")
        );
        // The tables still show them, marked as the earlier plan's in each heading and in
        // the note.
        let before = demand.columns.len();
        earlier.add(&mut demand, &plan, 0);
        assert!(demand.columns.len() > before);
        let (_, column) = demand.column("instances-band").unwrap();
        assert_eq!(
            column.title,
            "App instances P90, band P10–P90, before the last edit"
        );
        assert!(demand.note.as_deref().unwrap().ends_with(NOT_FINISHED));
        // The trials of the plan as it is: no mark.
        let (_, mut current) = table("demand");
        BandColumns::new(Arc::new(bands(12, true))).add(&mut current, &plan, 0);
        let (_, column) = current.column("instances-band").unwrap();
        assert_eq!(column.title, "App instances P90, band P10–P90");
        assert!(!current.note.as_deref().unwrap().contains(NOT_FINISHED));
        // Without a percentile to size for, nothing to say.
        let single = BandColumns::new(Arc::new(bands(12, false))).of_earlier_plan();
        assert_eq!(single.sized_line(0, 4), None);
    }

    #[test]
    fn months_beyond_the_bands_and_other_scenarios() {
        let (plan, mut cost) = table("cost");
        let months = cost.rows.len() as u32;
        BandColumns::new(Arc::new(bands(months - 1, true))).add(&mut cost, &plan, 0);
        let (i, _) = cost.column("total-band").unwrap();
        assert_eq!(cost.row(months).unwrap().cells[i].text, "—");
        // No bands for the scenario: the table as it was.
        let (_, before) = table("redis");
        let mut redis = before.clone();
        BandColumns::new(Arc::new(bands(12, true))).add(&mut redis, &plan, 1);
        assert_eq!(redis, before);
    }
}
