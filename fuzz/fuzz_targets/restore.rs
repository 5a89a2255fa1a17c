//! Fuzz target `restore`: see `candidacy_fuzz::restore` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::restore::restore(data));
