//! Fuzz target `attributes`: see `candidacy_fuzz::attributes` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::attributes::attributes(data));
