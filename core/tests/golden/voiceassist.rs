//! Golden test for the voiceassist preset.
