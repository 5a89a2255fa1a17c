//! Fuzz target `embed_config`: see `candidacy_fuzz::embed_config` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::embed_config::embed_config(data));
