//! Golden tests: each preset template reproduces the figures of the capacity-planning guide it
//! expresses. Where a guide's own arithmetic is wrong, the test asserts the correct figure and
//! says what the guide printed. Tolerances come from `headroom_core::tolerance`, as for every
//! other test.

mod cafe_pilot;
mod selextract;
mod semantic_text;
mod supabase_redis;
mod voiceassist;
