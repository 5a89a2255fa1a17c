//! Fuzz target `parent_message`: see `candidacy_fuzz::parent_message` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::parent_message::parent_message(data));
