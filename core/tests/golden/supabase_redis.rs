//! Golden test for the supabase_redis preset.
