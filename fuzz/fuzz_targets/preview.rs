//! Fuzz target `preview`: see `candidacy_fuzz::preview` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::preview::preview(data));
