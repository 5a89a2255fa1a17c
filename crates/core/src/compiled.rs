//! Compiled protocols: what `candidacy build` writes once a protocol passed check and verify, and
//! the only form the widget runs.
//!
//! A file is `magic (8 bytes) | format (u16) | body length (u32) | body (postcard) | SHA-256 of
//! all that precedes it (32 bytes)`, integers little endian; the length tells a cut file from an
//! edited one. A protocol file (`.cpb`) carries the [`ValidProtocol`] (model resolved,
//! parameters substituted, its fingerprint) with English texts only, and the version of the proof
//! it passed; each other language is a texts file (`.<locale>.cpt`) fetched when a visitor needs it.
//! The checksum catches a damaged or hand-edited file; it is not a signature.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::protocol::{for_each_text_mut, ValidProtocol};

/// The first bytes of a compiled protocol.
pub const PROTOCOL_MAGIC: &[u8; 8] = b"CNDYPROT";
/// The first bytes of a compiled language's texts.
pub const TEXTS_MAGIC: &[u8; 8] = b"CNDYTEXT";
/// The layout version of both kinds of file; bump when a body's types change.
pub const FORMAT: u16 = 1;
/// The version of the properties `candidacy verify` proves; a protocol proven by another version
/// is refused, so every protocol a visitor sees passed today's proof.
pub const PROOF_VERSION: u32 = 3;

const HEADER: usize = 8 + 2 + 4;
const CHECKSUM: usize = 32;

/// A compiled protocol, as read.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub protocol: ValidProtocol,
    /// The version of the proof it passed ([`PROOF_VERSION`] when read by [`decode`]).
    pub proof: u32,
}

#[derive(Serialize, Deserialize)]
struct ProtocolBody {
    proof: u32,
    protocol: ValidProtocol,
}

/// One language's texts of one protocol: every text in [`for_each_text_mut`]'s order, the
/// protocol's first, then each chooser treatment's; `None` where that language has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    /// The fingerprint of the protocol they belong to.
    pub fingerprint: String,
    pub locale: String,
    pub texts: Vec<Option<String>>,
}

/// Why a file is not a usable compiled protocol (or texts file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompiledError {
    /// A protocol file as written (JSON): the widget runs compiled protocols only.
    Json,
    /// Not a compiled file of this kind at all.
    Foreign,
    /// Shorter than its header says it is.
    Truncated { len: usize },
    /// Written by another version of the compiler.
    Format { found: u16 },
    /// The bytes do not match their checksum, or do not read as a protocol.
    Damaged,
    /// Proven by another version of the verifier.
    Unproven { found: u32 },
    /// A texts file for another protocol (or version) than the one running.
    OtherProtocol { fingerprint: String },
}

impl std::fmt::Display for CompiledError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompiledError::Json => {
                f.write_str("this is a protocol file as written (JSON); run `candidacy build` on it and use the file it writes")
            }
            CompiledError::Foreign => f.write_str("this is not a compiled protocol (run `candidacy build`)"),
            CompiledError::Truncated { len } => write!(f, "the file is truncated ({len} bytes)"),
            CompiledError::Format { found } => {
                write!(f, "compiled by another version (format {found}, this widget reads {FORMAT}); run `candidacy build` again")
            }
            CompiledError::Damaged => f.write_str("the file is damaged or was edited after `candidacy build` wrote it"),
            CompiledError::Unproven { found } => write!(
                f,
                "proven by another version of the verifier (proof {found}, this widget needs {PROOF_VERSION}); run `candidacy build` again"
            ),
            CompiledError::OtherProtocol { fingerprint } => {
                write!(f, "these texts belong to another protocol (fingerprint {fingerprint})")
            }
        }
    }
}

impl std::error::Error for CompiledError {}

/// The compiled file of `protocol`, proven by `proof`. Texts in languages other than English are
/// left to [`texts_of`]'s files; the caller strips them with [`english_only`].
pub fn encode(protocol: &ValidProtocol, proof: u32) -> Vec<u8> {
    let body = ProtocolBody { proof, protocol: protocol.clone() };
    seal(PROTOCOL_MAGIC, &postcard::to_allocvec(&body).expect("a protocol serializes"))
}

/// Reads a compiled protocol, refusing anything `candidacy build` did not write today.
pub fn decode(bytes: &[u8]) -> Result<Compiled, CompiledError> {
    let body: ProtocolBody = postcard::from_bytes(open(PROTOCOL_MAGIC, bytes)?).map_err(|_| CompiledError::Damaged)?;
    if body.proof != PROOF_VERSION {
        return Err(CompiledError::Unproven { found: body.proof });
    }
    Ok(Compiled { protocol: body.protocol, proof: body.proof })
}

/// The file of one language's texts.
pub fn encode_texts(texts: &Texts) -> Vec<u8> {
    seal(TEXTS_MAGIC, &postcard::to_allocvec(texts).expect("texts serialize"))
}

/// Reads a language's texts file.
pub fn decode_texts(bytes: &[u8]) -> Result<Texts, CompiledError> {
    postcard::from_bytes(open(TEXTS_MAGIC, bytes)?).map_err(|_| CompiledError::Damaged)
}

/// `protocol` with its texts in English only (and the languages it declares still listed).
pub fn english_only(protocol: &ValidProtocol) -> ValidProtocol {
    let mut english = protocol.clone();
    each_text(&mut english, &mut |text| text.0.retain(|locale, _| locale == "en"));
    english
}

/// `protocol`'s texts in `locale`.
pub fn texts_of(protocol: &ValidProtocol, locale: &str) -> Texts {
    let mut texts = Vec::new();
    each_text(&mut protocol.clone(), &mut |text| texts.push(text.0.get(locale).cloned()));
    Texts { fingerprint: protocol.fingerprint.clone(), locale: locale.to_owned(), texts }
}

/// Puts a language's texts into `protocol`, which they must belong to.
pub fn add_texts(protocol: &mut ValidProtocol, texts: &Texts) -> Result<(), CompiledError> {
    if texts.fingerprint != protocol.fingerprint {
        return Err(CompiledError::OtherProtocol { fingerprint: texts.fingerprint.clone() });
    }
    let mut count = 0;
    each_text(protocol, &mut |_| count += 1);
    if count != texts.texts.len() {
        return Err(CompiledError::Damaged);
    }
    let mut next = texts.texts.iter();
    each_text(protocol, &mut |text| {
        if let Some(Some(translated)) = next.next() {
            text.0.insert(texts.locale.clone(), translated.clone());
        }
    });
    Ok(())
}

/// Every text of a protocol and of each of its chooser treatments, in one order.
fn each_text(protocol: &mut ValidProtocol, f: &mut dyn FnMut(&mut crate::protocol::Text)) {
    for_each_text_mut(&mut protocol.protocol, f);
    for treatment in &mut protocol.treatments {
        each_text(&mut treatment.protocol, f);
    }
}

fn seal(magic: &[u8; 8], body: &[u8]) -> Vec<u8> {
    let mut file = Vec::with_capacity(HEADER + body.len() + CHECKSUM);
    file.extend_from_slice(magic);
    file.extend_from_slice(&FORMAT.to_le_bytes());
    let len = u32::try_from(body.len()).expect("a compiled protocol under 4 GB");
    file.extend_from_slice(&len.to_le_bytes());
    file.extend_from_slice(body);
    let checksum = Sha256::digest(&file);
    file.extend_from_slice(&checksum);
    file
}

/// The body of a sealed file, once its magic, format and checksum are right.
fn open<'b>(magic: &[u8; 8], bytes: &'b [u8]) -> Result<&'b [u8], CompiledError> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return Err(CompiledError::Json);
    }
    if bytes.len() < HEADER {
        return match bytes.starts_with(&magic[..bytes.len().min(8)]) {
            true => Err(CompiledError::Truncated { len: bytes.len() }),
            false => Err(CompiledError::Foreign),
        };
    }
    if &bytes[..8] != magic {
        return Err(CompiledError::Foreign);
    }
    let found = u16::from_le_bytes([bytes[8], bytes[9]]);
    if found != FORMAT {
        return Err(CompiledError::Format { found });
    }
    let body_len = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    let whole = HEADER.saturating_add(body_len).saturating_add(CHECKSUM);
    if bytes.len() < whole {
        return Err(CompiledError::Truncated { len: bytes.len() });
    }
    if bytes.len() > whole {
        return Err(CompiledError::Damaged);
    }
    let (sealed, checksum) = bytes.split_at(bytes.len() - CHECKSUM);
    if Sha256::digest(sealed).as_slice() != checksum {
        return Err(CompiledError::Damaged);
    }
    Ok(&sealed[HEADER..])
}
