//! Fuzz target `check`: see `candidacy_fuzz::check` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::check::check(data));
