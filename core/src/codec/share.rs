//! Share links of whole plans: a [`Plan`] in the URL fragment, and what the page does when it
//! is opened from one.
//!
//! # Format
//!
//! A share link's payload ([`link`]: version tag, raw DEFLATE, base64url) wraps the plan file's
//! JSON envelope, written compactly:
//!
//! ```text
//! #plan=v2.<base64url(deflate({"headroom_plan":1,"plan":{…}}))>    edit
//! #view=v2.<…the same…>                                             read-only view
//! #view=v2.<…>&scenario=2&month=7                   …opening on the third scenario, month 7
//! ```
//!
//! Two versions travel in every link, each with its own job: `v2.` is the *payload* format
//! (how the bytes are packed), `headroom_plan` the *plan schema* (what the fields mean). Opening
//! a link goes through [`plan_file::import_json`], so a link made by an older version is migrated by
//! the same chain as an old file, and `core/tests/fixtures/links/v<N>/` keeps links of every
//! schema version that must keep opening.
//!
//! What the sender was looking at ([`Selection`]: the scenario, by 0-based index, and the
//! 1-based plan month) travels as plain fragment parameters after the payload, outside the
//! compressed plan. They are optional (older links have none and open on the page's
//! defaults), and a value the plan does not have is dropped or clamped, never an error.
//!
//! # Opening is bounded and total
//!
//! [`open`] decodes within [`DecodeLimits::DEFAULT`] (64 KiB of text, 256 KiB unpacked), reads
//! the JSON within the plan file's limits, and validates the plan; every failure is an
//! [`OpenError`] whose `Display` text can be shown as is. Names are plain text: the page shows
//! them as text, never as markup.
//!
//! # Arriving from a link
//!
//! [`arrive`] decides what the page does with the link in its address and the plan already
//! saved in the browser: a link never silently replaces a saved plan that differs from it.

use std::fmt;

use crate::codec::json;
use crate::codec::link::{self, DecodeLimits, LinkError, Mode, Selection};
use crate::codec::plan_file::{self, ImportError};
use crate::plan::Plan;
use crate::validate::{PlanError, ValidPlan};

/// Longest link that every browser, chat tool and e-mail client carries intact, in characters.
/// Browsers take far longer URLs (Chrome 2 MB, Firefox and Safari beyond 64 K), and the fragment
/// never reaches a server, so no server limit applies; the binding limits are in the tools
/// people paste links into: 2 000 characters is the de facto "safe everywhere" length (under
/// the old Internet Explorer limit of 2 083 that many link checkers, e-mail clients and
/// sitemaps still apply), far within what chat messages hold (tens of thousands of characters
/// in Slack and Microsoft Teams).
/// Every template's link stays within it (`tests/link_codec/`); the page says so when a plan's
/// link is longer.
pub const SAFE_LINK_CHARS: usize = 2_000;

/// Most validation problems named in an [`OpenError::Invalid`] message.
const MAX_PROBLEMS_SHOWN: usize = 3;

/// The JSON a link carries: the plan file envelope, without white space.
///
/// # Example
/// ```
/// use headroom_core::{codec::share, plan::Plan};
/// let json = share::plan_json(&Plan::default());
/// assert!(json.starts_with(br#"{"headroom_plan":1,"plan":{"name":"New plan""#));
/// ```
pub fn plan_json(plan: &Plan) -> Vec<u8> {
    // A plan is plain data with string keys: serialising it cannot fail. The fallback keeps
    // this total; such a link would open with a clear error.
    json::write(&plan_file::document(plan)).into_bytes()
}

/// The fragment that opens `plan` in `mode`: `#plan=v2.…` or `#view=v2.…`.
///
/// # Example
/// ```
/// use headroom_core::codec::{link::Mode, share};
/// use headroom_core::plan::Plan;
/// let fragment = share::fragment(&Plan::default(), Mode::Edit);
/// assert!(fragment.starts_with("#plan=v2."));
/// let opened = share::open(&fragment).unwrap();
/// assert_eq!(opened.plan.plan(), &Plan::default());
/// ```
pub fn fragment(plan: &Plan, mode: Mode) -> String {
    link::fragment_for(&plan_json(plan), mode)
}

/// The whole link: `page` (the app's address; any fragment it has is dropped) followed by
/// [`fragment`].
///
/// # Example
/// ```
/// use headroom_core::codec::{link::Mode, share};
/// use headroom_core::plan::Plan;
/// let url = share::url("https://example.org/headroom/#old", &Plan::default(), Mode::View);
/// assert!(url.starts_with("https://example.org/headroom/#view=v2."));
/// ```
pub fn url(page: &str, plan: &Plan, mode: Mode) -> String {
    url_at(page, plan, mode, Selection::default())
}

/// [`fragment`], opening on the scenario and month of `at`: `#view=v2.…&scenario=2&month=7`.
///
/// # Example
/// ```
/// use headroom_core::codec::{link::{Mode, Selection}, share};
/// use headroom_core::plan::Plan;
/// let at = Selection { scenario: Some(0), month: Some(7) };
/// let fragment = share::fragment_at(&Plan::default(), Mode::View, at);
/// assert!(fragment.ends_with("&scenario=0&month=7"));
/// assert_eq!(share::open(&fragment).unwrap().at, at);
/// ```
pub fn fragment_at(plan: &Plan, mode: Mode, at: Selection) -> String {
    let mut fragment = fragment(plan, mode);
    fragment.push_str(&at.params());
    fragment
}

/// [`url`], opening on the scenario and month of `at` (see [`fragment_at`]).
pub fn url_at(page: &str, plan: &Plan, mode: Mode, at: Selection) -> String {
    let base = page.split_once('#').map_or(page, |(base, _)| base);
    format!("{base}{}", fragment_at(plan, mode, at))
}

/// A plan opened from a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The plan, validated.
    pub plan: ValidPlan,
    /// How the link asks to open it.
    pub mode: Mode,
    /// The scenario and month to open on, as far as the plan has them (see
    /// [`Selection::within`]); unset when the link does not say.
    pub at: Selection,
}

/// Why a link could not be opened. The `Display` text is written for the person who opened it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum OpenError {
    /// The link text itself: missing, too long, damaged, or from a newer payload format.
    Link(LinkError),
    /// The unpacked payload is not UTF-8 text.
    NotText,
    /// The payload is not a plan this version can read (including a newer plan schema).
    Plan(ImportError),
    /// The plan was read but has values Headroom cannot use.
    Invalid(Vec<PlanError>),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Link(error) => error.fmt(f),
            OpenError::NotText => f.write_str(
                "This link is damaged: its contents are not text. Ask for the link again, or \
                 copy it in full.",
            ),
            OpenError::Plan(ImportError::TooNew { version, supported }) => write!(
                f,
                "This link was made by a newer version of Headroom (plan format {version}; this \
                 version reads up to {supported}). Reload the page to update Headroom, then \
                 open the link again."
            ),
            OpenError::Plan(error) => write!(
                f,
                "This link does not hold a plan Headroom can read. {error}."
            ),
            OpenError::Invalid(errors) => {
                f.write_str("This link's plan has values Headroom cannot use: ")?;
                let shown: Vec<String> = errors
                    .iter()
                    .take(MAX_PROBLEMS_SHOWN)
                    .map(|e| format!("{} ({})", e.message, e.path))
                    .collect();
                f.write_str(&shown.join("; "))?;
                if errors.len() > MAX_PROBLEMS_SHOWN {
                    write!(f, "; and {} more", errors.len() - MAX_PROBLEMS_SHOWN)?;
                }
                f.write_str(".")
            }
        }
    }
}

impl std::error::Error for OpenError {}

impl From<LinkError> for OpenError {
    fn from(error: LinkError) -> Self {
        OpenError::Link(error)
    }
}

/// Opens a link as a person pasted it (a full URL, a fragment or a bare payload): decodes it
/// within [`DecodeLimits::DEFAULT`], reads and migrates the plan, and validates it. Never
/// panics, whatever the text.
///
/// # Errors
/// An [`OpenError`] saying what is wrong in words.
///
/// # Example
/// ```
/// use headroom_core::codec::{link::Mode, share::{self, OpenError}};
/// use headroom_core::plan::Plan;
/// let url = share::url("https://example.org/", &Plan::default(), Mode::View);
/// assert_eq!(share::open(&url).unwrap().mode, Mode::View);
/// let cut = &url[..url.len() - 10];
/// assert!(matches!(share::open(cut), Err(OpenError::Link(_))));
/// ```
pub fn open(text: &str) -> Result<Opened, OpenError> {
    let (mode, payload) = link::parse(text)?;
    let bytes = link::decode(payload, &DecodeLimits::DEFAULT)?;
    let json = String::from_utf8(bytes).map_err(|_| OpenError::NotText)?;
    let plan = plan_file::import_json(&json).map_err(OpenError::Plan)?;
    let plan = plan.validate().map_err(OpenError::Invalid)?;
    let at = link::selection(text).within(plan.plan().scenarios.len(), plan.plan().horizon_months);
    Ok(Opened { plan, mode, at })
}

/// What the page does on load (or when its fragment changes) with the link in its address.
#[derive(Clone, Debug, PartialEq)]
pub enum Arrival {
    /// The address has no plan link: nothing to do.
    NoLink,
    /// The link could not be opened: say why, and keep the person's own plan untouched.
    Failed(OpenError),
    /// Open the linked plan in the editor now, on the scenario and month the link names:
    /// nothing is saved in this browser, or the saved plan is the same plan.
    Open(ValidPlan, Selection),
    /// Ask first: the saved plan differs, and opening the link must not silently replace it.
    Ask(ValidPlan, Selection),
    /// Show the linked plan read-only, on the scenario and month the link names; the saved
    /// plan is neither shown nor touched.
    View(ValidPlan, Selection),
}

/// Decides what to do with `fragment` (the page's address or just its fragment) when the
/// browser already holds `saved` (the autosaved or current plan, if any).
///
/// # Example
/// ```
/// use headroom_core::codec::{link::Mode, share::{self, Arrival}};
/// use headroom_core::plan::Plan;
/// let linked = Plan { name: "Theirs".into(), ..Plan::default() };
/// let fragment = share::fragment(&linked, Mode::Edit);
/// assert!(matches!(share::arrive(&fragment, None), Arrival::Open(..)));
/// assert!(matches!(share::arrive(&fragment, Some(&linked)), Arrival::Open(..)));
/// assert!(matches!(share::arrive(&fragment, Some(&Plan::default())), Arrival::Ask(..)));
/// assert!(matches!(share::arrive("#plan=v2.!!", Some(&Plan::default())), Arrival::Failed(_)));
/// assert_eq!(share::arrive("", None), Arrival::NoLink);
/// ```
pub fn arrive(fragment: &str, saved: Option<&Plan>) -> Arrival {
    if !link::has_plan(fragment) {
        return Arrival::NoLink;
    }
    match open(fragment) {
        Err(error) => Arrival::Failed(error),
        Ok(Opened {
            plan,
            mode: Mode::View,
            at,
        }) => Arrival::View(plan, at),
        Ok(Opened {
            plan,
            mode: Mode::Edit,
            at,
        }) => match saved {
            Some(saved) if saved != plan.plan() => Arrival::Ask(plan, at),
            _ => Arrival::Open(plan, at),
        },
    }
}
