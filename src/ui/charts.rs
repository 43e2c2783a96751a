//! Charts drawn as SVG by the app itself: demand and capacity over time with upgrade markers,
//! cost stacked by component, scenarios overlaid.
//!
//! What each chart plots, its axes, ticks, paths and marker placement come from
//! `headroom_core::chart`; this module only renders them and handles the pointer and the
//! keyboard. Each chart is a `Memo` of the core's `ChartData` (from the memoised results, the
//! selected scenario and, for the overlay, the chosen metric) and of its geometry at the
//! measured width, so an edit redraws only the charts whose data changed, and moving the
//! pointer only moves the month cursor and the legend's values.
//!
//! The SVG's coordinate system is the measured width in CSS pixels (its `viewBox`), so text
//! keeps its size from a phone to a wide screen; it still scales with `width: 100 %` (print,
//! a resize before the next measurement).

use super::state::Workspace;
use crate::ui::effect;
use crate::ui::memo;
use headroom_core::chart::{self, coordinate, ChartData, ChartGeometry, Frame, Metric, Shape};
use headroom_core::selection;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Width used before the panel has been measured, px.
const DEFAULT_WIDTH: f64 = 720.0;

/// Every chart for the selected scenario and month.
#[component]
pub fn ChartsPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App").deferred();
    let body = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(DEFAULT_WIDTH);
    // The charts are drawn once the panel is measured: drawn at the default width first,
    // they were drawn twice on every phone.
    let measured = RwSignal::new(false);
    let measure = move || {
        if let Some(el) = body.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
        // Once: set again (on a resize) it would draw the charts anew.
        if !measured.get_untracked() {
            measured.set(true);
        }
    };
    effect(move || {
        // Once mounted; then on every window resize.
        if body.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let hover = RwSignal::new(None::<u32>);
    let announcement = RwSignal::new(String::new());
    let metric = RwSignal::new(Metric::TotalCost);
    let metrics = memo(move || {
        ws.computed.with(|c| {
            c.as_ref()
                .map(|c| Metric::available(&c.results))
                .unwrap_or_default()
        })
    });
    let chosen_metric = memo(move || {
        let m = metric.get();
        if metrics.with(|all| all.contains(&m)) {
            m
        } else {
            Metric::TotalCost
        }
    });
    let demand = memo(move || {
        let scenario = ws.scenario.get();
        let chart = ws.computed.with(|c| {
            c.as_ref()
                .and_then(|c| chart::demand_chart(&c.results, scenario))
        });
        // With the trials' band of its figure while the plan has them.
        ws.banding.chart(chart, scenario, Metric::PeakDemand)
    });
    let cost = memo(move || {
        let scenario = ws.scenario.get();
        let chart = ws.computed.with(|c| {
            c.as_ref()
                .and_then(|c| chart::cost_chart(c.plan.plan(), &c.results, scenario))
        });
        ws.banding.chart(chart, scenario, Metric::TotalCost)
    });
    let overlay = memo(move || {
        let scenario = ws.scenario.get();
        let metric = chosen_metric.get();
        let chart = ws.computed.with(|c| {
            c.as_ref()
                .and_then(|c| chart::scenarios_chart(&c.results, scenario, metric))
        });
        ws.banding.chart(chart, scenario, metric)
    });
    let scenario_name = memo(move || {
        let scenario = ws.scenario.get();
        ws.computed.with(|c| {
            c.as_ref().and_then(|c| {
                let last = c.results.scenarios.len().checked_sub(1)?;
                c.results
                    .scenarios
                    .get(scenario.min(last))
                    .map(|s| s.name.clone())
            })
        })
    });
    let width = Signal::from(width);
    let shared = Shared {
        ws,
        width,
        hover,
        announcement,
    };

    view! {
        <section class="panel charts" aria-labelledby="charts-title" data-testid="charts"
            class:stale=move || ws.stale.get()>
            <div class="charts-head">
                <h2 id="charts-title">"Charts"</h2>
                {move || scenario_name.get().map(|name| view! {
                    <p class="charts-scenario" data-testid="charts-scenario">{name}</p>
                })}
            </div>
            <p class="charts-hint">
                "Point at a chart, or focus it and use ← →, Home and End, to read a month; click to select it."
            </p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="charts-announcement">
                {move || announcement.get()}
            </p>
            <div class="charts-body" node_ref=body>
                {move || demand.with(Option::is_none).then(|| view! {
                    <p class="charts-empty" data-testid="charts-empty">
                        "The charts appear once the plan is valid."
                    </p>
                })}
                // Untracked: what the charts read when built is theirs to follow, not a
                // reason to draw all three anew.
                {move || measured.get().then(|| untrack(|| view! {
                    <ChartFigure id="demand" data=demand shared=shared/>
                    // Each chart after the first in a task of its own (one a frame).
                    {super::lazy::in_next_task(move || view! { <ChartFigure id="cost" data=cost shared=shared/> })}
                    {super::lazy::in_next_task(move || view! {
                        <ChartFigure id="scenarios" data=overlay shared=shared
                            controls=move || view! { <MetricPicker metric=metric chosen=chosen_metric metrics=metrics/> }
                            legend_selects_scenario=true/>
                    })}
                }))}
            </div>
        </section>
    }
}

/// What every chart of the panel shares: the workspace, the measured width, the month under
/// the pointer and the screen-reader announcement.
#[derive(Clone, Copy)]
struct Shared {
    ws: Workspace,
    width: Signal<f64>,
    hover: RwSignal<Option<u32>>,
    announcement: RwSignal<String>,
}

/// The metric of the scenarios chart.
#[component]
fn MetricPicker(
    metric: RwSignal<Metric>,
    chosen: Memo<Metric>,
    metrics: Memo<Vec<Metric>>,
) -> impl IntoView {
    view! {
        <div class="chart-controls">
            <label for="chart-metric">"Compare"</label>
            <select id="chart-metric" data-testid="chart-metric"
                on:change=move |ev| {
                    if let Some(m) = Metric::from_id(&event_target_value(&ev)) {
                        metric.set(m);
                    }
                }>
                {move || metrics.get().into_iter().map(|m| view! {
                    <option value=m.id() selected=move || chosen.get() == m>{m.label()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The x, in the SVG's coordinates, of a pointer event over `target`.
fn pointer_x(ev: &web_sys::MouseEvent, frame_width: f64) -> Option<f64> {
    let target = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let rect = target.get_bounding_client_rect();
    (rect.width() > 0.0)
        .then(|| (f64::from(ev.client_x()) - rect.left()) * frame_width / rect.width())
}

/// One chart: heading, the SVG, the legend with the values of the active month, and (for the
/// demand chart) the list of markers.
#[component]
fn ChartFigure(
    /// "demand", "cost" or "scenarios": the prefix of element ids and test ids.
    id: &'static str,
    data: Memo<Option<ChartData>>,
    shared: Shared,
    #[prop(optional, into)] controls: Option<ViewFn>,
    #[prop(optional)] legend_selects_scenario: bool,
) -> impl IntoView {
    let Shared {
        ws,
        width,
        hover,
        announcement,
    } = shared;
    let geometry = memo(move || {
        let frame = Frame::for_width(width.get());
        data.with(|d| d.as_ref().map(|d| d.layout(frame)))
    });
    let months = memo(move || data.with(|d| d.as_ref().map_or(1, |d| d.months)));
    let selected = memo(move || selection::month_within(ws.month.get(), months.get()));
    let active = memo(move || {
        let month = hover.get().unwrap_or_else(|| selected.get());
        selection::month_within(month, months.get())
    });
    let heading_id = format!("chart-{id}-heading");
    let legend_id = format!("chart-{id}-legend");
    // The marker list changes only when the markers do, not with every redraw.
    let markers = memo(move || {
        geometry
            .with(|g| {
                g.as_ref().map(|g| {
                    g.markers
                        .iter()
                        .map(|m| (m.month, m.number, m.label.clone(), m.details.clone()))
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    let readout = memo(move || {
        let month = active.get();
        data.with(|d| d.as_ref().map(|d| d.readout(month)))
    });

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((frame_width, x)) =
            geometry.with_untracked(|g| g.as_ref().map(|g| (g.frame.width, g.x)))
        else {
            return;
        };
        if let Some(px) = pointer_x(&ev, frame_width) {
            let month = x.month_at(px);
            if hover.get_untracked() != Some(month) {
                hover.set(Some(month));
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((frame_width, x)) =
            geometry.with_untracked(|g| g.as_ref().map(|g| (g.frame.width, g.x)))
        else {
            return;
        };
        if let Some(px) = pointer_x(&ev, frame_width) {
            ws.month.set(x.month_at(px));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let last = months.get_untracked().max(1);
        let current = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" => current.saturating_sub(1).max(1),
            "ArrowRight" => (current + 1).min(last),
            "PageUp" => current.saturating_sub(12).max(1),
            "PageDown" => (current + 12).min(last),
            "Home" => 1,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        hover.set(None);
        ws.month.set(next);
        let text = data.with_untracked(|d| {
            d.as_ref().map(|d| {
                let r = d.readout(next);
                let mut parts: Vec<String> =
                    r.values.iter().map(|(n, v)| format!("{n} {v}")).collect();
                parts.extend(r.total.clone().map(|t| format!("total {t}")));
                parts.extend(r.events.iter().cloned());
                format!("{}: {}", r.month_label, parts.join(", "))
            })
        });
        announcement.set(text.unwrap_or_default());
    };

    view! {
        <Show when=move || data.with(Option::is_some)>
            <figure class="chart" data-testid=format!("chart-{id}")>
                <figcaption class="chart-head">
                    <h3 id=heading_id.clone()>
                        {move || data.with(|d| d.as_ref().map(|d| d.title.clone()))}
                    </h3>
                    {controls.clone().map(|c| c.run())}
                </figcaption>
                <div class="chart-plot" tabindex="0" role="group"
                    aria-labelledby=heading_id.clone()
                    aria-describedby=legend_id.clone()
                    data-testid=format!("chart-{id}-plot")
                    on:pointermove=on_move
                    on:pointerleave=move |_| hover.set(None)
                    on:click=on_click
                    on:keydown=on_key>
                    {move || {
                        let g = geometry.get()?;
                        let d = data.get()?;
                        Some(chart_svg(d, g, selected, active))
                    }}
                </div>
                <div class="chart-legend" id=legend_id.clone()
                    data-testid=format!("chart-{id}-legend")>
                    {move || readout.get().map(|r| {
                        // How each series is drawn, not its values (read on every move of the
                        // pointer); the scenarios' own series select them, the trials' band and
                        // median after them do not.
                        let (layers, own) = data.with(|d| d.as_ref().map(|d| (
                            d.series.iter().map(|s| (s.tone, s.shape, s.dashed, s.emphasis)).collect::<Vec<_>>(),
                            d.bands_from.unwrap_or(usize::MAX),
                        )).unwrap_or_default());
                        view! {
                            <p class="readout-month">
                                <strong data-testid="readout-month">{r.month_label.clone()}</strong>
                                {move || hover.get().is_none().then_some(" (selected)")}
                                {r.remark.clone().map(|remark| view! { <span class="readout-remark">{remark}</span> })}
                            </p>
                            <ul class="legend">
                                {layers.into_iter().zip(r.values.clone()).enumerate().map(|(i, ((tone, shape, dashed, emphasis), (name, value)))| {
                                    let swatch = format!(
                                        "swatch {} {}{}",
                                        tone.class(),
                                        match shape {
                                            Shape::Bars => "swatch-bar",
                                            Shape::StepArea | Shape::Band => "swatch-area",
                                            Shape::Line | Shape::Step => "swatch-line",
                                        },
                                        if dashed { " swatch-dashed" } else { "" }
                                    );
                                    let item = view! {
                                        <span class=swatch aria-hidden="true"></span>
                                        <span class="legend-name">{name}</span>
                                        <span class="legend-value" data-testid="legend-value">{value}</span>
                                    };
                                    if legend_selects_scenario && i < own {
                                        view! {
                                            <li class:emphasis=emphasis>
                                                <button type="button" class="legend-button"
                                                    aria-pressed=if emphasis { "true" } else { "false" }
                                                    title="Show this scenario in the charts and tables"
                                                    on:click=move |_| ws.scenario.set(i)>
                                                    {item}
                                                </button>
                                            </li>
                                        }.into_any()
                                    } else {
                                        view! { <li class:emphasis=emphasis>{item}</li> }.into_any()
                                    }
                                }).collect_view()}
                                {r.total.clone().map(|total| view! {
                                    <li class="legend-total">
                                        <span class="legend-name">"Total"</span>
                                        <span class="legend-value" data-testid="legend-total">{total}</span>
                                    </li>
                                })}
                            </ul>
                        }
                    })}
                </div>
                {move || markers.with(|list| {
                    (!list.is_empty()).then(|| view! {
                        <ol class="chart-events" data-testid="chart-events"
                            aria-label="Upgrades and limits crossed">
                            {list.iter().cloned().map(|(month, number, label, details)| {
                                let when = data.with_untracked(|d| {
                                    d.as_ref().map(|d| d.start.of_plan_month(month).label()).unwrap_or_default()
                                });
                                view! {
                                    <li>
                                        <button type="button" class="event-month link"
                                            title="Select this month"
                                            on:click=move |_| ws.month.set(month)>
                                            <span class="event-number" aria-hidden="true">{number}</span>
                                            {when}
                                        </button>
                                        <span class="event-label">{label}</span>
                                        {details.into_iter().map(|d| view! { <span class="event-detail">{d}</span> }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    })
                })}
            </figure>
        </Show>
    }
}

/// An SVG `<title>` (the view macro makes an HTML one among several siblings).
/// A macro rather than a function: the element's type depends on whether components are
/// type-erased (`--cfg erase_components`), so it is left to inference at each use.
macro_rules! svg_title {
    ($text:expr) => {
        leptos::tachys::svg::title().child($text)
    };
}

/// The SVG of one chart. The month cursor and the points follow `selected` and `active`
/// without redrawing the rest.
fn chart_svg(
    data: ChartData,
    g: ChartGeometry,
    selected: Memo<u32>,
    active: Memo<u32>,
) -> impl IntoView {
    let id = data.id;
    let title_id = format!("chart-{id}-title");
    let desc_id = format!("chart-{id}-desc");
    let (labelled_by, described_by) = (title_id.clone(), desc_id.clone());
    let x = g.x;
    let plot = g.plot;
    let band = x.band();
    let view_box = format!(
        "0 0 {} {}",
        coordinate(g.frame.width),
        coordinate(g.frame.height)
    );
    let grid = g
        .y_ticks
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1=coordinate(plot.left) x2=coordinate(plot.right) y1=coordinate(t.at) y2=coordinate(t.at)/>
                <text class="tick-y" x=coordinate(plot.left - 6.0) y=coordinate(t.label_at + 4.0) text-anchor="end">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let x_labels = g
        .x_ticks
        .iter()
        .map(|t| {
            view! {
                <line class="tick-mark" x1=coordinate(t.at) x2=coordinate(t.at) y1=coordinate(plot.bottom) y2=coordinate(plot.bottom + 4.0)/>
                <text class="tick-x" x=coordinate(t.label_at) y=coordinate(plot.bottom + 17.0) text-anchor="middle">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let layers = g
        .layers
        .iter()
        .map(|l| {
            let kind = match l.shape {
                Shape::Bars => "bars",
                Shape::Band => "band",
                Shape::Line | Shape::Step | Shape::StepArea => "line",
            };
            let class = format!(
                "series {} {kind}{}{}",
                l.tone.class(),
                if l.dashed { " dashed" } else { "" },
                if l.emphasis { " emphasis" } else { "" }
            );
            let area = (!l.area.is_empty()).then(
                || view! { <path class=format!("area {}", l.tone.class()) d=l.area.clone()/> },
            );
            view! {
                {area}
                <path class=class d=l.d.clone() data-testid="chart-series"/>
            }
        })
        .collect_view();
    let markers = g
        .markers
        .iter()
        .map(|m| {
            view! {
                <g class="marker" data-testid="chart-marker" data-month=m.month>
                    {svg_title!(m.tooltip.clone())}
                    <line class="marker-line" x1=coordinate(m.x) x2=coordinate(m.x) y1=coordinate(plot.top - 2.0) y2=coordinate(plot.bottom)/>
                    <circle class="marker-badge" cx=coordinate(m.x) cy=coordinate(plot.top - 10.0) r="8"/>
                    <text class="marker-number" x=coordinate(m.x) y=coordinate(plot.top - 6.0) text-anchor="middle">{m.number}</text>
                </g>
            }
        })
        .collect_view();
    // The labels go over every line of the plot (their halo hides a marker line that would
    // cross another marker's label).
    let marker_labels = g
        .markers
        .iter()
        .filter_map(|m| {
            let p = m.placement.as_ref()?;
            Some(view! {
                <text class="marker-label" data-testid="chart-marker-label" x=coordinate(p.x) y=coordinate(p.y)
                    text-anchor=if p.end { "end" } else { "start" }>{m.label.clone()}</text>
            })
        })
        .collect_view();
    // Points of the line layers at the active month.
    let lines: Vec<(String, Arc<Vec<f64>>)> = g
        .layers
        .iter()
        .filter(|l| l.shape.is_line())
        .map(|l| (l.tone.class(), Arc::new(l.ys.clone())))
        .collect();
    let points = lines
        .into_iter()
        .map(|(tone, ys)| {
            view! {
                <circle class=format!("point {tone}") r="4"
                    cx=move || coordinate(x.center(active.get()))
                    cy=move || coordinate(ys.get(active.get().saturating_sub(1) as usize).copied().unwrap_or(plot.bottom))/>
            }
        })
        .collect_view();

    view! {
        <svg role="img" viewBox=view_box width="100%" preserveAspectRatio="xMidYMid meet"
            aria-labelledby=labelled_by aria-describedby=described_by
            data-testid=format!("chart-{id}-svg")>
            {svg_title!(data.title.clone()).id(title_id)}
            <desc id=desc_id>{data.summary.clone()}</desc>
            <rect class="selected-band" x=move || coordinate(x.start(selected.get())) y=coordinate(plot.top)
                width=coordinate(band) height=coordinate(plot.bottom - plot.top)/>
            <g class="axis">
                {grid}
                <text class="axis-title" x="0" y="11">{g.y_title.clone()}</text>
                <line class="axis-line" x1=coordinate(plot.left) x2=coordinate(plot.right) y1=coordinate(g.baseline) y2=coordinate(g.baseline)/>
                {x_labels}
            </g>
            <g class="layers">{layers}</g>
            <g class="markers">{markers}</g>
            <line class="cursor" x1=move || coordinate(x.center(active.get())) x2=move || coordinate(x.center(active.get()))
                y1=coordinate(plot.top) y2=coordinate(plot.bottom)/>
            <line class="selected-line" data-testid="selected-month-marker"
                data-month=move || selected.get()
                x1=move || coordinate(x.center(selected.get())) x2=move || coordinate(x.center(selected.get()))
                y1=coordinate(plot.top) y2=coordinate(plot.bottom)/>
            <g class="points">{points}</g>
            <g class="marker-labels">{marker_labels}</g>
        </svg>
    }
}
