//! Fuzz target `compiled`: see `candidacy_fuzz::compiled` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::compiled::compiled(data));
