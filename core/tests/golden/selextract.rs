//! Golden test for the selextract preset.
