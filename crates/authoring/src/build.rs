//! What `candidacy build` writes for a protocol that passed check and verify: the compiled
//! protocol (English texts, the resolved model, the fingerprint and the proof's version) and one
//! texts file per other language it declares, which the widget fetches only for a visitor who
//! reads that language.

use crate::compiled::{self, PROOF_VERSION};
use crate::profile::ProfileSet;
use crate::protocol::ValidProtocol;
use crate::verify::{profile::prove, verify};

/// The compiled files of one protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    /// `<stem>.protocol.bin`.
    pub protocol: Vec<u8>,
    /// `<stem>.<locale>.texts.bin` for each declared language but English.
    pub texts: Vec<(String, Vec<u8>)>,
}

/// The file name suffix of a compiled protocol.
pub const PROTOCOL_SUFFIX: &str = ".protocol.bin";

/// The name of a language's texts file beside the compiled protocol `protocol_file`
/// (`microneedling.protocol.bin` → `microneedling.es.texts.bin`).
pub fn texts_file_name(protocol_file: &str, locale: &str) -> String {
    let stem = protocol_file.strip_suffix(PROTOCOL_SUFFIX).unwrap_or(protocol_file);
    format!("{stem}.{locale}.texts.bin")
}

/// Compiles a protocol that passed `check` and `verify` (the caller's duty: this only encodes).
pub fn compile(protocol: &ValidProtocol) -> Build {
    let texts = (protocol.protocol.locales.iter())
        .filter(|locale| *locale != "en")
        .map(|locale| (locale.clone(), compiled::encode_texts(&compiled::texts_of(protocol, locale))))
        .collect();
    let runtime = for_runtime(compiled::english_only(protocol));
    Build { protocol: compiled::encode(&runtime, PROOF_VERSION), texts }
}

/// `protocol` without what only its authors read (sources and citations, the parameters already
/// substituted into its texts, what its questions screen for): the visitor's download is smaller,
/// and the fingerprint, taken from the file as written, still names all of it.
fn for_runtime(mut protocol: ValidProtocol) -> ValidProtocol {
    let doc = &mut protocol.protocol;
    doc.sources.clear();
    doc.parameters.clear();
    for question in &mut doc.questions {
        question.screens.clear();
        question.screens_for.clear();
        question.options.iter_mut().for_each(|option| option.screens.clear());
    }
    doc.rules.iter_mut().for_each(|rule| rule.source.clear());
    doc.plans.iter_mut().for_each(|plan| plan.source.clear());
    for treatment in &mut protocol.treatments {
        treatment.protocol = for_runtime(treatment.protocol.clone());
    }
    protocol
}

/// Whether `protocol` passes what `candidacy verify` proves (for a chooser, each treatment), held
/// to its profile in `profiles` if it has one; `Err` names the first treatment that does not.
pub fn proven(protocol: &ValidProtocol, profiles: &ProfileSet) -> Result<(), String> {
    let treatments: Vec<(&str, &ValidProtocol)> = match protocol.treatments.is_empty() {
        true => vec![(protocol.protocol.id.as_str(), protocol)],
        false => protocol.treatments.iter().map(|choice| (choice.id.as_str(), &choice.protocol)).collect(),
    };
    for (id, treatment) in treatments {
        let holds = verify(treatment).is_ok_and(|report| report.holds())
            && profiles
                .get(treatment.protocol.profile_id())
                .is_none_or(|profile| prove(treatment, profile).is_ok_and(|proof| proof.holds()));
        if !holds {
            return Err(format!("`{id}` does not pass `candidacy verify` (it prints the counterexample)"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiled::{add_texts, decode, decode_texts, CompiledError};

    fn chemical_peel() -> ValidProtocol {
        let text = include_str!("../../../static/protocols/chemical-peel.json");
        crate::protocol::load("chemical-peel.json", text).unwrap().protocol
    }

    #[test]
    fn a_compiled_protocol_with_its_languages_reads_back_as_the_protocol() {
        let protocol = chemical_peel();
        let build = compile(&protocol);
        let mut read = decode(&build.protocol).unwrap().protocol;
        assert_eq!(read.fingerprint, protocol.fingerprint);
        assert!(!read.protocol.disclaimer.has("es"), "English only until the visitor needs Spanish");
        let [(locale, spanish)] = &build.texts[..] else { panic!("one other language: {:?}", build.texts.len()) };
        assert_eq!(locale, "es");
        add_texts(&mut read, &decode_texts(spanish).unwrap()).unwrap();
        assert!(read.protocol == for_runtime(protocol.clone()).protocol, "the protocol as the runtime needs it");
        assert!(read.protocol.sources.is_empty() && read.protocol.parameters.is_empty(), "no authors' notes");
        assert_eq!(read.model.questions.len(), protocol.model.questions.len());
    }

    #[test]
    fn every_edited_byte_is_refused() {
        let bytes = compile(&chemical_peel()).protocol;
        for at in (0..bytes.len()).step_by(7) {
            let mut edited = bytes.clone();
            edited[at] ^= 0x20;
            assert!(decode(&edited).is_err(), "byte {at} edited, yet read");
        }
    }

    #[test]
    fn json_truncated_and_foreign_files_are_named() {
        let bytes = compile(&chemical_peel()).protocol;
        assert_eq!(decode(b"  {\"format\": 1}").unwrap_err(), CompiledError::Json);
        assert_eq!(decode(&bytes[..5]).unwrap_err(), CompiledError::Truncated { len: 5 });
        let cut = bytes.len() - 1;
        assert_eq!(decode(&bytes[..cut]).unwrap_err(), CompiledError::Truncated { len: cut });
        assert_eq!(decode(b"GIF89a, an image and not a protocol at all").unwrap_err(), CompiledError::Foreign);
        let texts = &compile(&chemical_peel()).texts[0].1;
        assert_eq!(decode(texts).unwrap_err(), CompiledError::Foreign, "a texts file is not a protocol");
    }

    #[test]
    fn texts_of_another_protocol_are_refused() {
        let peel = compile(&chemical_peel());
        let chooser = include_str!("../../../static/protocols/resurfacing.json");
        let mut other = crate::protocol::load("resurfacing.json", chooser).unwrap().protocol;
        let texts = decode_texts(&peel.texts[0].1).unwrap();
        assert!(matches!(add_texts(&mut other, &texts), Err(CompiledError::OtherProtocol { .. })));
    }

    #[test]
    fn the_shipped_protocols_are_proven_and_a_weakened_one_is_not() {
        let profiles = ProfileSet::builtin();
        assert_eq!(proven(&chemical_peel(), &profiles), Ok(()));
        let mut json: serde_json::Value = serde_json::from_str(crate::DEFAULT_PROTOCOL).unwrap();
        let rules = json["rules"].as_array_mut().unwrap();
        rules.iter_mut().find(|rule| rule["id"] == "blood_thinners").unwrap()["effect"] = "note".into();
        let weakened = crate::protocol::load("weakened.json", &json.to_string()).unwrap().protocol;
        assert!(proven(&weakened, &profiles).unwrap_err().contains("`microneedling`"));
    }

    #[test]
    fn texts_files_sit_beside_their_protocol() {
        assert_eq!(texts_file_name("microneedling.protocol.bin", "es"), "microneedling.es.texts.bin");
    }
}
