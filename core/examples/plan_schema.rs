//! Writes the JSON Schema of a plan file of the current version, as the plan reader describes
//! it (`headroom_core::codec::plan_reader::schema`), to standard output:
//!
//! ```text
//! cargo run -p headroom-core --example plan_schema > docs/plan.schema.json
//! ```
//!
//! `core/tests/plan_schema.rs` fails when the committed `docs/plan.schema.json` differs from it.

use headroom_core::codec::plan_reader;

fn main() {
    print!("{}", plan_reader::schema_text());
}
