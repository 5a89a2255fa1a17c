//! Finds where a JSON pointer's value starts in the source text, as line and column.
//!
//! serde gives positions for syntax errors only; semantic errors know their JSON pointer, and this
//! turns it back into a place a person can open in an editor.

/// The 1-based line and column of the value at `pointer` in `text`, if the text is valid JSON
/// and the pointer exists.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let mut scanner = Scanner { bytes: text.as_bytes(), pos: 0 };
    scanner.skip_ws();
    if !pointer.is_empty() {
        for segment in pointer.strip_prefix('/')?.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            scanner.enter(&segment)?;
        }
    }
    Some(line_column(text, scanner.pos))
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Moves from the current value to its child named `segment`, leaving `pos` at the child.
    fn enter(&mut self, segment: &str) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    let key = self.string()?;
                    self.eat(b':')?;
                    self.skip_ws();
                    if key == segment {
                        return Some(());
                    }
                    self.skip_value()?;
                    self.eat(b',')?;
                }
            }
            b'[' => {
                let index: usize = segment.parse().ok()?;
                self.pos += 1;
                for _ in 0..index {
                    self.skip_ws();
                    self.skip_value()?;
                    self.eat(b',')?;
                }
                self.skip_ws();
                (self.peek()? != b']').then_some(())
            }
            _ => None,
        }
    }

    /// Reads a string at `pos` and returns it unescaped.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.skip_string()?;
        serde_json::from_slice(&self.bytes[start..self.pos]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        (self.peek()? == b'"').then_some(())?;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                self.pos += 1;
                let mut depth = 1usize;
                while depth > 0 {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                Some(())
            }
            _ => {
                while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }
}

/// `key` as one segment of a JSON pointer (RFC 6901: `~` is `~0`, `/` is `~1`).
pub(crate) fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values() {
        let text = "{\n  \"a\": [1, {\"b\": \"x,]\"}],\n  \"c/d\": {\"e\": true}\n}";
        assert_eq!(locate(text, ""), Some((1, 1)));
        assert_eq!(locate(text, "/a"), Some((2, 8)));
        assert_eq!(locate(text, "/a/1/b"), Some((2, 18)));
        assert_eq!(locate(text, "/c~1d/e"), Some((3, 16)));
        assert_eq!(locate(text, &format!("/{}/e", pointer_segment("c/d"))), Some((3, 16)));
        assert_eq!(locate(text, "/a/2"), None);
        assert_eq!(locate(text, "/missing"), None);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(locate("{\"é\": 1, \"b\": 2}", "/b"), Some((1, 15)));
    }
}
