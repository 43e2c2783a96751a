//! Golden test for the cafe_pilot preset.
