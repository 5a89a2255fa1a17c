//! Target `compiled`: any bytes given to the widget as a compiled protocol or texts file.
//!
//! Properties: reading never panics; a file read as a protocol is whole (every question of its
//! model has its text, and the engine walks it from the start); texts read are added to the
//! built-in protocol or refused, never half-added.

use candidacy::compiled::{add_texts, decode, decode_texts};

pub fn compiled(data: &[u8]) {
    if let Ok(compiled) = decode(data) {
        let protocol = compiled.protocol;
        assert_eq!(protocol.model.questions.len(), protocol.protocol.questions.len(), "a whole protocol");
        let walk = candidacy::engine::walk(&protocol, &candidacy::answers::Answers::new(protocol.questions().len()));
        assert!(walk.asked.len() <= protocol.questions().len());
    }
    if let Ok(texts) = decode_texts(data) {
        let built_in = std::fs::read(crate::seeds::repository().join("static/protocols/microneedling.protocol.bin"))
            .expect("the built-in protocol, compiled");
        let mut protocol = decode(&built_in).expect("the built-in protocol reads").protocol;
        let before = protocol.clone();
        if add_texts(&mut protocol, &texts).is_err() {
            assert_eq!(protocol.protocol, before.protocol, "refused texts leave the protocol as it was");
        }
    }
}
