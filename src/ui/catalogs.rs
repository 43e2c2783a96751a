//! Catalog editor: the plan's instance types, database tiers, Redis plans and GPU node types,
//! with their capacities, prices and sources, and the date the prices were read.
//!
//! Each entry folds into one line ("m7g.large — 2 vCPU · 8 GB · 50 req/s · $59.60/month") and
//! opens to edit; an entry with a problem opens itself and shows the message next to the
//! offending field (validation's paths such as `catalogs.instances[2].capacity_rps`). Rows are
//! keyed by position, so typing in one never rebuilds another. What adding, removing, moving,
//! renaming and resetting do to the plan is in [`headroom_core::edit`].

use super::fields::{
    field_id, focus_soon, index_rows, money_unit, num, problem_badge, problem_count,
    structural_edit, workspace, Choice, DateInput, NumberInput, OptionalDateInput, TextInput,
    UndoNote, Undoable,
};
use super::paste::{paste_box, PasteBox};
use super::{browser, files};
use crate::ui::effect;
use crate::ui::memo;
use headroom_core::edit::{self, CatalogKind};
use headroom_core::jobs::Job;
use headroom_core::plan::{EntryShared, EntrySharedMut, Named, Plan, RedisTopology};
use headroom_core::validate::specs;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Which entries are unfolded, by catalog and position.
type OpenRows = RwSignal<Open>;

/// A few unfolded entries, as a list: a hash set's code for so few is not worth its bytes.
#[derive(Clone, Default, PartialEq)]
struct Open(Vec<(CatalogKind, usize)>);

impl Open {
    fn contains(&self, row: &(CatalogKind, usize)) -> bool {
        self.0.contains(row)
    }

    fn insert(&mut self, row: (CatalogKind, usize)) {
        if !self.contains(&row) {
            self.0.push(row);
        }
    }

    fn remove(&mut self, row: &(CatalogKind, usize)) {
        self.0.retain(|r| r != row);
    }
}

/// The plan's catalogs.
#[component]
pub fn CatalogEditor() -> impl IntoView {
    let note = RwSignal::new(None::<Undoable>);
    let open: OpenRows = RwSignal::new(Open::default());
    view! {
        <section class="panel inputs catalogs" aria-labelledby="catalogs-title">
            <h2 id="catalogs-title">"Catalogs"</h2>
            <p class="lede">
                "What can be bought, with capacities and prices. Each list runs from smallest to largest: "
                "the plan moves up it in order. They start from Headroom's defaults; edit them to match your provider."
            </p>
            <div class="priced-on">
                <DateInput
                    path="catalogs.priced_on"
                    label="Prices as of"
                    hint="Shown with every cost; change it when you update the prices"
                    get=Arc::new(|p: &Plan| Some(p.catalogs.priced_on))
                    set=Arc::new(|p: &mut Plan, d: edit::NaiveDate| p.catalogs.priced_on = d)
                />
            </div>
            <UndoNote note=note testid="catalog-note"/>
            {CatalogKind::ALL
                .into_iter()
                .map(|kind| view! { <CatalogSection kind=kind note=note open=open/> })
                .collect_view()}
        </section>
    }
}

fn section_hint(kind: CatalogKind) -> &'static str {
    match kind {
        CatalogKind::Instances => {
            "Capacity is what one instance serves at 100 % utilisation. It depends on your app: \
             measure it with a load test (the defaults are examples)."
        }
        CatalogKind::Databases => {
            "Direct connections the tier allows, clients its pooler accepts (0 = no pooler) and \
             the data it holds."
        }
        CatalogKind::Redis => {
            "Memory for data across the offering (the sum of its primaries) and the nodes billed."
        }
        CatalogKind::GpuNodes => {
            "Interactions a node processes at once (streams) and voice sessions it serves."
        }
    }
}

/// One catalog: its entries, Add and Reset.
#[component]
fn CatalogSection(
    kind: CatalogKind,
    note: RwSignal<Option<Undoable>>,
    open: OpenRows,
) -> impl IntoView {
    let ws = workspace();
    let count = memo(move || ws.plan.with(|p| kind.len(p)));
    let list_path = kind.path();
    let list_problem = memo(move || ws.plan_error(&list_path));
    let reference_problems = memo(move || {
        kind.references()
            .iter()
            .filter_map(|(path, _)| ws.plan_error(path))
            .collect::<Vec<_>>()
    });
    let problems = problem_count(ws, vec![kind.path()]);
    let add = move |_| {
        let mut added = None;
        structural_edit(ws, "catalogs+", |p| {
            added = edit::add_catalog_entry(p, kind)
        });
        if let Some(j) = added {
            open.update(|o| {
                o.insert((kind, j));
            });
            focus_soon(field_id(&format!("{}[{j}].name", kind.path())));
        }
    };
    let reset = move |_| {
        let mut moved = Vec::new();
        structural_edit(ws, "catalogs!", |p| moved = edit::reset_catalog(p, kind));
        open.update(|o| o.0.retain(|(k, _)| *k != kind));
        let mut message = format!("{} reset to the defaults.", kind.title());
        for sentence in moved {
            message.push(' ');
            message.push_str(&sentence);
        }
        note.set(Some(Undoable::now(ws, message)));
        focus_soon("catalog-note-undo".to_owned());
    };
    // Tables are written and read by the file worker, which has the plan reader and checks.
    let csv_status = RwSignal::new(None::<String>);
    let download = move |_| {
        let job = Job::WriteCatalog {
            plan: ws.plan.with_untracked(files::json_of),
            catalog: kind.key().to_owned(),
        };
        spawn_local(async move {
            let saved = files::write(job)
                .await
                .and_then(|file| browser::download(&file.name, "text/csv", &file.text));
            csv_status.set(saved.err());
        });
    };
    let read_table = move |text: String| {
        Box::pin(async move {
            let catalog = kind.key().to_owned();
            let job = |plan| Job::ReadCatalog {
                plan,
                catalog,
                text,
            };
            let summary = files::read_into(ws, job).await?;
            open.update(|o| o.0.retain(|(k, _)| *k != kind));
            Ok(summary)
        }) as _
    };
    let testid = kind.key();
    view! {
        <details class="group catalog" open=true data-testid=format!("catalog-{testid}")>
            <summary>
                <span class="group-title">{kind.title()}</span>
                <span class="count">{move || format!("{} entries", count.get())}</span>
                {problem_badge(problems)}
            </summary>
            <div class="catalog-body" role="group" aria-label=kind.title()>
                <p class="hint">{section_hint(kind)}</p>
                {move || {
                    reference_problems
                        .get()
                        .into_iter()
                        .map(|m| view! {
                            <p class="error" role="alert" data-testid="reference-error">
                                {m} ". Pick another on the Policies or Baseline tab, or Undo."
                            </p>
                        })
                        .collect_view()
                }}
                <div class="entries">
                    {index_rows(count, move |j| view! { <CatalogEntry kind=kind index=j note=note open=open/> }.into_any())}
                </div>
                {move || list_problem.get().map(|m| view! { <p class="error" role="alert" data-testid="field-error">{m}</p> })}
                <div class="list-actions">
                    <button type="button" class="add" data-testid=format!("add-{testid}") on:click=add>
                        {format!("Add {}", article(kind.noun()))}
                    </button>
                    <button type="button" class="quiet" data-testid=format!("reset-{testid}") on:click=reset>
                        "Reset to the defaults"
                    </button>
                    <button type="button" class="quiet" data-testid=format!("csv-{testid}") on:click=download>
                        "Download as CSV"
                    </button>
                </div>
                {move || csv_status.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                {paste_box(
                    PasteBox {
                        key: "catalog",
                        id: format!("catalog-csv-{testid}"),
                        summary: "Read a CSV table",
                        label: "A table of entries, a header line first",
                        placeholder: kind_placeholder(kind),
                        hint: "From a spreadsheet or a CSV file: one line per entry, the columns named as in the downloaded table (any order; source, region and the price date may be left out). The entries replace the list above; undo brings it back.",
                        button: "Use this table",
                        accept: ".csv,.tsv,.txt,text/csv,text/plain",
                    },
                    Box::new(read_table),
                )}
            </div>
        </details>
    }
}

/// An example table in the empty box: the header and one entry.
fn kind_placeholder(kind: CatalogKind) -> &'static str {
    match kind {
        CatalogKind::Instances => {
            "name,vcpu,memory_gb,capacity_rps,usd_per_month,region\nm7g.large,2,8,50,59.6,us-east-1"
        }
        CatalogKind::Databases => {
            "name,max_connections,pooler_clients,storage_gb,usd_per_month\nSmall,90,400,10,15"
        }
        CatalogKind::Redis => {
            "name,memory_gb,topology,nodes,usd_per_month\n1 GB single,1,single,1,15"
        }
        CatalogKind::GpuNodes => {
            "name,streams_per_node,sessions_per_node,usd_per_month\ng6.xlarge,4,8,588"
        }
    }
}

fn article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U'));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// One catalog entry: a summary line that unfolds into its fields.
#[component]
fn CatalogEntry(
    kind: CatalogKind,
    index: usize,
    note: RwSignal<Option<Undoable>>,
    open: OpenRows,
) -> impl IntoView {
    let ws = workspace();
    let j = index;
    let base = format!("{}[{j}]", kind.path());
    let name = memo(move || {
        ws.plan
            .with(|p| kind.names(p).into_iter().nth(j).unwrap_or_default())
    });
    let digest = memo(move || {
        ws.plan
            .with(|p| edit::catalog_digest(p, kind, j).unwrap_or_default())
    });
    let used = memo(move || ws.plan.with(|p| edit::used_for(p, kind, j)));
    let problems = problem_count(ws, vec![base.clone()]);
    let count = memo(move || ws.plan.with(|p| kind.len(p)));
    let is_open = memo(move || open.with(|o| o.contains(&(kind, j))));
    effect(move || {
        if problems.get() > 0 && !is_open.get_untracked() {
            open.update(|o| {
                o.insert((kind, j));
            });
        }
    });
    let on_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let now_open = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .map(|d| d.open());
        if let Some(now_open) = now_open {
            if now_open != is_open.get_untracked() {
                open.update(|o| {
                    if now_open {
                        o.insert((kind, j));
                    } else {
                        o.remove(&(kind, j));
                    }
                });
            }
        }
    };
    let remove = move |_| {
        let removed_name = name.get_untracked();
        let mut removed = false;
        structural_edit(ws, "catalogs-", |p| {
            removed = edit::remove_catalog_entry(p, kind, j);
        });
        if removed {
            open.update(|o| {
                o.remove(&(kind, j));
                for (k, x) in &mut o.0 {
                    if *k == kind && *x > j {
                        *x -= 1;
                    }
                }
            });
            note.set(Some(Undoable::now(
                ws,
                format!("Removed “{removed_name}”."),
            )));
            focus_soon("catalog-note-undo".to_owned());
        }
    };
    let move_to = move |to: usize| {
        let mut moved = false;
        structural_edit(ws, "catalogs~", |p| {
            moved = edit::move_catalog_entry(p, kind, j, to)
        });
        if moved {
            open.update(|o| {
                let (a, b) = (o.contains(&(kind, j)), o.contains(&(kind, to)));
                o.remove(&(kind, j));
                o.remove(&(kind, to));
                if a {
                    o.insert((kind, to));
                }
                if b {
                    o.insert((kind, j));
                }
            });
            let up = to < j;
            focus_soon(format!(
                "{}-{}",
                field_id(&format!("{}[{to}]", kind.path())),
                if up { "up" } else { "down" }
            ));
        }
    };
    let entry_id = field_id(&base);
    let priced_hint = ws.plan.with_untracked(|p| {
        format!(
            "Empty: the catalog's date ({})",
            edit::priced_on_words(p.catalogs.priced_on)
        )
    });
    view! {
        <details
            class="entry"
            class:invalid=move || { problems.get() > 0 }
            prop:open=move || is_open.get()
            on:toggle=on_toggle
            data-testid=format!("entry-{}-{j}", kind.key())
        >
            <summary>
                <span class="entry-name">{move || name.get()}</span>
                <span class="entry-digest">{move || digest.get()}</span>
                <span class="entry-badges">
                    {move || used.get().map(|what| view! { <span class="badge used">{format!("used as {what}")}</span> })}
                    {problem_badge(problems)}
                </span>
            </summary>
            <div class="entry-body">
                <TextInput
                    path=format!("{base}.name")
                    label="Name"
                    hint="Unique in this list; whatever uses the entry follows a rename"
                    get=Arc::new(move |p: &Plan| kind.names(p).into_iter().nth(j))
                    set=Arc::new(move |p: &mut Plan, v: String| edit::rename_catalog_entry(p, kind, j, v))
                />
                <div class="row-grid">{entry_fields(kind, j)}</div>
                <OptionalDateInput
                    path=format!("{base}.priced_on")
                    label="Price read on"
                    hint=priced_hint
                    get=Arc::new(move |p: &Plan| entry_priced_on(p, kind, j))
                    set=Arc::new(move |p: &mut Plan, d: Option<edit::NaiveDate>| set_entry_priced_on(p, kind, j, d))
                />
                {shared_text(
                    (kind, j, "region"),
                    "Region",
                    "Where the price applies (us-east-1, eu-central-1); empty: not stated",
                    |e| e.region,
                    |e| e.region,
                )}
                {shared_text(
                    (kind, j, "source"),
                    "Source",
                    "Where the figures come from (a price page, a load test)",
                    |e| e.source,
                    |e| e.source,
                )}
                <div class="entry-actions">
                    <button type="button" id=format!("{entry_id}-up") on:click=move |_| { if j > 0 { move_to(j - 1) } }
                        disabled=move || j == 0 aria-label=move || format!("Move up: {}", name.get())>"Move up"</button>
                    <button type="button" id=format!("{entry_id}-down") on:click=move |_| move_to(j + 1)
                        disabled=move || { j + 1 >= count.get() } aria-label=move || format!("Move down: {}", name.get())>"Move down"</button>
                    <button type="button" class="remove danger" data-testid=format!("remove-{}-{j}", kind.key()) on:click=remove
                        aria-label=move || format!("Remove {}", name.get())>"Remove"</button>
                </div>
            </div>
        </details>
    }
}

/// The entry's own price date: `Some(None)` when it uses the catalog's, `None` when there is no
/// such entry.
fn entry_priced_on(p: &Plan, kind: CatalogKind, j: usize) -> Option<Option<edit::NaiveDate>> {
    edit::catalog_entry(p, kind, j).map(|e| e.shared().priced_on)
}

fn set_entry_priced_on(p: &mut Plan, kind: CatalogKind, j: usize, date: Option<edit::NaiveDate>) {
    if let Some(e) = edit::catalog_entry_mut(p, kind, j) {
        *e.shared_mut().priced_on = date;
    }
}

/// A text field every entry has (its region, its source: `field` names it in the path), read
/// and written through the entry's shared fields, whatever the catalog.
fn shared_text(
    (kind, j, field): (CatalogKind, usize, &str),
    label: &'static str,
    hint: &'static str,
    read: fn(EntryShared<'_>) -> &str,
    write: fn(EntrySharedMut<'_>) -> &mut String,
) -> impl IntoView {
    view! {
        <TextInput
            path=format!("{}[{j}].{field}", kind.path())
            label=label
            hint=hint
            get=Arc::new(move |p: &Plan| edit::catalog_entry(p, kind, j).map(|e| read(e.shared()).to_owned()))
            set=Arc::new(move |p: &mut Plan, v: String| {
                if let Some(e) = edit::catalog_entry_mut(p, kind, j) {
                    *write(e.shared_mut()) = v;
                }
            })
        />
    }
}

/// A numeric field of entry `$j` of catalog list `$list`:
/// `entry_num!(instances, j, vcpu, specs::VCPU, "hint")`, optionally `unit = …`.
macro_rules! entry_num {
    ($list:ident, $j:expr, $field:ident, $spec:expr, $hint:expr $(, $key:ident = $val:expr)*) => {{
        let j = $j;
        let (get, set) = num(
            move |p| p.catalogs.$list.get(j).map(|e| e.$field as f64),
            move |p, v| {
                if let Some(e) = p.catalogs.$list.get_mut(j) {
                    e.$field = v as _;
                }
            },
        );
        let path = format!("catalogs.{}[{j}].{}", stringify!($list), stringify!($field));
        view! { <NumberInput path=path spec=$spec get=get set=set hint=$hint $($key=$val)* /> }
    }};
}

fn entry_fields(kind: CatalogKind, j: usize) -> AnyView {
    match kind {
        CatalogKind::Instances => view! {
            {entry_num!(instances, j, vcpu, specs::VCPU, "", unit = "vCPU")}
            {entry_num!(instances, j, memory_gb, specs::MEMORY_GB, "")}
            {entry_num!(instances, j, capacity_rps, specs::CAPACITY_RPS, "At 100 % utilisation")}
            {entry_num!(instances, j, usd_per_month, specs::PRICE, "On-demand", unit = money_unit())}
        }
        .into_any(),
        CatalogKind::Databases => view! {
            {entry_num!(databases, j, max_connections, specs::MAX_CONNECTIONS, "Direct", unit = "connections")}
            {entry_num!(databases, j, pooler_clients, specs::POOLER_CLIENTS, "0 = no pooler", unit = "clients")}
            {entry_num!(databases, j, storage_gb, specs::STORAGE_GB, "")}
            {entry_num!(databases, j, usd_per_month, specs::PRICE, "", unit = money_unit())}
        }
        .into_any(),
        CatalogKind::Redis => view! {
            {entry_num!(redis, j, memory_gb, specs::MEMORY_GB, "For data")}
            <Choice
                path=format!("catalogs.redis[{j}].topology")
                label="Topology"
                options=RedisTopology::NAMES.iter().map(|&(name, t)| (name, topology_label(t))).collect()
                get=Arc::new(move |p: &Plan| p.catalogs.redis.get(j).map(|e| e.topology.name()))
                set=Arc::new(move |p: &mut Plan, v: &'static str| {
                    if let (Some(e), Some(t)) = (p.catalogs.redis.get_mut(j), RedisTopology::from_name(v)) {
                        e.topology = t;
                    }
                })
            />
            {entry_num!(redis, j, nodes, specs::REDIS_NODES, "Billed", unit = "nodes")}
            {entry_num!(redis, j, usd_per_month, specs::PRICE, "", unit = money_unit())}
        }
        .into_any(),
        CatalogKind::GpuNodes => view! {
            {entry_num!(gpu_nodes, j, streams_per_node, specs::STREAMS_PER_NODE, "Processed at once", unit = "streams")}
            {entry_num!(gpu_nodes, j, sessions_per_node, specs::SESSIONS_PER_NODE, "Concurrent", unit = "sessions")}
            {entry_num!(gpu_nodes, j, usd_per_month, specs::PRICE, "", unit = money_unit())}
        }
        .into_any(),
    }
}

/// A topology as the choice offers it: "Single node", "Primary + replica", "Cluster".
fn topology_label(topology: RedisTopology) -> &'static str {
    match topology {
        RedisTopology::Single => "Single node",
        RedisTopology::Replicated => "Primary + replica",
        RedisTopology::Cluster => "Cluster",
    }
}
