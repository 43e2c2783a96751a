//! The trials worker's messages, as JSON text written and read by hand (the page carries
//! no serde-derived reading code; see ARCHITECTURE.md, "First load").
//!
//! ```text
//! page                                      trials worker
//!  {"id": 3, "plan": "<JSON plan file>"}  ──▶  Simulation::of_document, run
//!  {"id": 3, "sensitivity": {…}}         ◀──  first: each range alone ([`Sensitivity`])
//!  {"id": 3, "progress": [500, 2000]}     ◀──  after each hundredth of the trials
//!  {"id": 3, "bands": {…}}                ◀──  at the end ([`bands_document`])
//!  {"id": 3, "failed": "why"}             ◀──  a plan it cannot read, or without ranges
//! ```
//!
//! The plan is the plan file as the page writes it (`codec::share::plan_json`): the worker
//! draws the trials into that document ([`Simulation::of_document`]), so it needs no plan
//! writer of its own, and it tells a fractional field from a count by how the writer writes
//! them (`12.0`, `12`). A file written by hand is read and written again first, as the page
//! does with every plan it opens.
//!
//! One run at a time, a chunk of trials (a hundredth) at a time: the worker reads its messages
//! between chunks, so a new request replaces the run going and a stop (`{"id": 4}`, no plan)
//! ends it ([`Runner`]).

use serde_json::{Map, Value};

use super::{
    Band, Bands, Metric, Move, MoveBand, NoTrials, Resource, ScenarioBands, Sensitivity,
    Simulation, Swing, Tally,
};
use crate::codec::{json, plan_file};

/// What the worker says about a run.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    /// Trials done so far, of how many.
    Progress {
        /// Trials run.
        done: u32,
        /// Trials asked for.
        total: u32,
    },
    /// Each range's reach, known before the trials (two runs per range).
    Sensitivity(Sensitivity),
    /// The run's bands.
    Bands(Bands),
    /// Why there are none, in words.
    Failed(String),
}

/// The page's request: run the trials of `plan_json` (a JSON plan file as
/// `codec::share::plan_json` writes it), as run `id`.
pub fn request_text(id: u32, plan_json: &str) -> String {
    json::write(&json::object(vec![
        ("id", id.into()),
        ("plan", plan_json.into()),
    ]))
}

/// The page's request to stop the run going, whichever it is: a request without a plan.
pub fn stop_text(id: u32) -> String {
    json::write(&json::object(vec![("id", id.into())]))
}

/// The worker's side: the run going, worked through a chunk of trials at a time so that the
/// worker reads its messages between chunks (a new request replaces the run, a stop ends it).
#[derive(Default)]
pub struct Runner {
    run: Option<Run>,
}

struct Run {
    id: u32,
    simulation: Simulation,
    tally: Tally,
    next: u32,
}

impl Runner {
    /// A message from the page: a new run replaces the one going (its sensitivity and the
    /// reason it cannot run, if it cannot, are reported at once); a stop ends the one going.
    pub fn hear(&mut self, text: &str, post: &mut dyn FnMut(String)) {
        self.run = None;
        let Ok(request) = json::parse(text) else {
            let why = "The trials worker was sent something it cannot read".to_owned();
            post(report_text(0, &Report::Failed(why)));
            return;
        };
        let id = request
            .get("id")
            .and_then(Value::as_u64)
            .and_then(|id| u32::try_from(id).ok())
            .unwrap_or(0);
        let Some(plan) = request.get("plan") else {
            return;
        };
        let simulation = plan
            .as_str()
            .ok_or_else(|| "The trials worker was sent something else than a plan".to_owned())
            .and_then(|text| plan_file::import_json_document(text).map_err(|e| e.to_string()))
            .and_then(|(plan, document)| {
                let plan = plan
                    .validate()
                    .map_err(|_| "The plan has problems: mend them to see its ranges".to_owned())?;
                Simulation::of_document(&plan, document).map_err(|why| match why {
                    NoTrials::NoRanges => "The plan has no ranges".to_owned(),
                    NoTrials::Problems(problems) => problems
                        .first()
                        .map(|p| format!("The ranges have a problem: {p}"))
                        .unwrap_or_default(),
                })
            });
        match simulation {
            Ok(simulation) => {
                post(report_text(
                    id,
                    &Report::Sensitivity(simulation.sensitivity()),
                ));
                self.run = Some(Run {
                    id,
                    tally: simulation.tally(),
                    simulation,
                    next: 0,
                });
            }
            Err(why) => post(report_text(id, &Report::Failed(why))),
        }
    }

    /// Whether a run is going (a chunk is to be run).
    pub fn busy(&self) -> bool {
        self.run.is_some()
    }

    /// Runs the next chunk of the run going (a hundredth of its trials, at least one) and
    /// reports its progress, or its bands after the last chunk.
    pub fn chunk(&mut self, post: &mut dyn FnMut(String)) {
        let Some(run) = &mut self.run else {
            return;
        };
        let total = run.simulation.trials();
        let end = run.next.saturating_add((total / 100).max(1)).min(total);
        run.simulation.run(run.next..end, &mut run.tally, |_| {});
        run.next = end;
        if end < total {
            post(report_text(run.id, &Report::Progress { done: end, total }));
            return;
        }
        let u = run.simulation.uncertainty();
        let report = match run.tally.bands(u.band_pct, u.size_for_pct) {
            Some(bands) => Report::Bands(bands),
            None => Report::Failed(format!(
                "No trial gave a valid plan: {}",
                run.tally.first_rejection.clone().unwrap_or_default()
            )),
        };
        post(report_text(run.id, &report));
        self.run = None;
    }
}

/// Runs the request in `text` to its end at once, posting each report as it comes (what the
/// worker does chunk by chunk).
pub fn answer(text: &str, post: &mut dyn FnMut(String)) {
    let mut runner = Runner::default();
    runner.hear(text, post);
    while runner.busy() {
        runner.chunk(post);
    }
}

/// `report` of run `id` as text.
pub fn report_text(id: u32, report: &Report) -> String {
    let body = match report {
        Report::Progress { done, total } => ("progress", Value::from(vec![*done, *total])),
        Report::Sensitivity(s) => ("sensitivity", sensitivity_document(s)),
        Report::Bands(bands) => ("bands", bands_document(bands)),
        Report::Failed(why) => ("failed", why.as_str().into()),
    };
    json::write(&json::object(vec![("id", id.into()), body]))
}

/// The run id and report in a worker's message, or `None` when it is not one.
pub fn read_report(text: &str) -> Option<(u32, Report)> {
    let message = json::parse(text).ok()?;
    let id = u32::try_from(message.get("id")?.as_u64()?).ok()?;
    let report = if let Some(progress) = message.get("progress") {
        let done = progress.get(0)?.as_u64()?;
        let total = progress.get(1)?.as_u64()?;
        Report::Progress {
            done: u32::try_from(done).ok()?,
            total: u32::try_from(total).ok()?,
        }
    } else if let Some(sensitivity) = message.get("sensitivity") {
        Report::Sensitivity(read_sensitivity(sensitivity)?)
    } else if let Some(bands) = message.get("bands") {
        Report::Bands(read_bands(bands)?)
    } else {
        Report::Failed(message.get("failed")?.as_str()?.to_owned())
    };
    Some((id, report))
}

const RESOURCES: [(&str, Resource); 2] =
    [("database", Resource::Database), ("redis", Resource::Redis)];

/// `bands` as a document: per scenario, each metric's months as `[low, median, high]`
/// (and the sized-for percentile fourth when the plan names one), and each move as
/// `[resource, tier, early, median, late, within]` (a month not within the horizon is
/// `null`).
pub fn bands_document(bands: &Bands) -> Value {
    let scenarios = bands
        .scenarios
        .iter()
        .map(|s| {
            let mut metrics = Map::new();
            for (metric, months) in Metric::ALL.iter().zip(&s.metrics) {
                let months = months
                    .iter()
                    .map(|b| {
                        let mut figures = vec![b.low, b.median, b.high];
                        figures.extend(b.sized);
                        Value::from(figures)
                    })
                    .collect();
                metrics.insert(metric.name().to_owned(), Value::Array(months));
            }
            let moves = s
                .moves
                .iter()
                .map(|m| {
                    let resource = RESOURCES
                        .iter()
                        .find(|(_, r)| *r == m.step.resource)
                        .map_or("database", |(name, _)| name);
                    Value::Array(vec![
                        resource.into(),
                        m.step.tier.into(),
                        m.early.into(),
                        m.median.into(),
                        m.late.into(),
                        m.within_horizon.into(),
                    ])
                })
                .collect();
            json::object(vec![
                ("metrics", Value::Object(metrics)),
                ("moves", Value::Array(moves)),
            ])
        })
        .collect();
    json::object(vec![
        ("trials", bands.trials.into()),
        ("rejected", bands.rejected.into()),
        (
            "first_rejection",
            bands
                .first_rejection
                .as_deref()
                .map_or(Value::Null, Value::from),
        ),
        ("band_pct", Value::from(bands.band_pct.to_vec())),
        (
            "size_for_pct",
            bands.size_for_pct.map_or(Value::Null, Value::from),
        ),
        ("scenarios", Value::Array(scenarios)),
    ])
}

/// The bands in a document [`bands_document`] wrote, or `None` when it is not one.
pub fn read_bands(document: &Value) -> Option<Bands> {
    let number = |v: &Value| v.as_f64().filter(|x| x.is_finite());
    let count = |v: &Value| v.as_u64().and_then(|x| u32::try_from(x).ok());
    let band_pct = document.get("band_pct")?;
    let band_pct = [number(band_pct.get(0)?)?, number(band_pct.get(1)?)?];
    let size_for_pct = match document.get("size_for_pct") {
        None | Some(Value::Null) => None,
        Some(v) => Some(number(v)?),
    };
    let scenarios = document
        .get("scenarios")?
        .as_array()?
        .iter()
        .map(|s| {
            let metrics = s.get("metrics")?;
            let metrics = Metric::ALL
                .iter()
                .map(|metric| {
                    metrics
                        .get(metric.name())?
                        .as_array()?
                        .iter()
                        .map(|b| {
                            let at = |i: usize| b.get(i).and_then(number);
                            Some(Band {
                                low: at(0)?,
                                median: at(1)?,
                                high: at(2)?,
                                sized: at(3),
                            })
                        })
                        .collect::<Option<Vec<_>>>()
                })
                .collect::<Option<Vec<_>>>()?;
            let moves = s
                .get("moves")?
                .as_array()?
                .iter()
                .map(|m| {
                    let resource = m.get(0)?.as_str()?;
                    let resource = RESOURCES.iter().find(|(n, _)| *n == resource)?.1;
                    let month = |i: usize| m.get(i).and_then(count);
                    Some(MoveBand {
                        step: Move {
                            resource,
                            tier: usize::try_from(m.get(1)?.as_u64()?).ok()?,
                        },
                        early: month(2),
                        median: month(3),
                        late: month(4),
                        within_horizon: number(m.get(5)?)?,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(ScenarioBands { metrics, moves })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Bands {
        trials: count(document.get("trials")?)?,
        rejected: count(document.get("rejected")?)?,
        first_rejection: document
            .get("first_rejection")
            .and_then(Value::as_str)
            .map(str::to_owned),
        band_pct,
        size_for_pct,
        scenarios,
    })
}

/// `sensitivity` as a document: the month, and per scenario each swing as
/// `[field, input low, input high, output low, output high, base]` (an output the plan does
/// not give is `null`).
pub fn sensitivity_document(sensitivity: &Sensitivity) -> Value {
    let swings = sensitivity
        .swings
        .iter()
        .map(|swings| {
            let rows = swings
                .iter()
                .map(|s| {
                    Value::Array(vec![
                        s.field.as_str().into(),
                        s.inputs[0].into(),
                        s.inputs[1].into(),
                        s.outputs[0].into(),
                        s.outputs[1].into(),
                        s.base.into(),
                    ])
                })
                .collect();
            Value::Array(rows)
        })
        .collect();
    json::object(vec![
        ("month", sensitivity.month.into()),
        ("swings", Value::Array(swings)),
    ])
}

/// The sensitivity in a document [`sensitivity_document`] wrote.
pub fn read_sensitivity(document: &Value) -> Option<Sensitivity> {
    let number = |v: &Value| v.as_f64().filter(|x| x.is_finite());
    let month = u32::try_from(document.get("month")?.as_u64()?).ok()?;
    let swings = document
        .get("swings")?
        .as_array()?
        .iter()
        .map(|rows| {
            rows.as_array()?
                .iter()
                .map(|row| {
                    let at = |i: usize| row.get(i).and_then(number);
                    Some(Swing {
                        field: row.get(0)?.as_str()?.to_owned(),
                        inputs: [at(1)?, at(2)?],
                        outputs: [at(3), at(4)],
                        base: at(5)?,
                    })
                })
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Sensitivity { month, swings })
}
