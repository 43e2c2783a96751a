//! Golden test for the semantic_text preset.
