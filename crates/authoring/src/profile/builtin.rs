//! The profiles shipped with this build, from the repository's `profiles/` (`tests/profiles.rs`
//! checks that every file there is listed).

pub(super) const FILES: &[(&str, &str)] = &[
    ("profiles/chemical_peel.json", include_str!("../../../../profiles/chemical_peel.json")),
    ("profiles/laser_resurfacing.json", include_str!("../../../../profiles/laser_resurfacing.json")),
    ("profiles/microneedling.json", include_str!("../../../../profiles/microneedling.json")),
];
