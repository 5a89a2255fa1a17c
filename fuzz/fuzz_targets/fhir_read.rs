//! Fuzz target `fhir_read`: see `candidacy_fuzz::fhir_read` for the input and the properties.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candidacy_fuzz::fhir_read::fhir_read(data));
