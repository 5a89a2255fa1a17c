//! Diagnostics: what is wrong, where (a JSON pointer, line and column), and what might help.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a protocol file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What went wrong: lowercase, no final period, ids in backticks.
    pub message: String,
    /// A JSON pointer to the offending value, e.g. `/rules/4/when/any/1`; empty for the whole file.
    pub pointer: String,
    /// 1-based line and column of the offending value, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            pointer: pointer.into(),
            line: None,
            column: None,
            help: None,
        }
    }

    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(pointer, message) }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// Every diagnostic of one file, named for display.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Diagnostics {
    pub source_name: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.items {
            let label = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(f, "{label}: {}", diagnostic.message)?;
            let pointer = if diagnostic.pointer.is_empty() { "/" } else { &diagnostic.pointer };
            write!(f, "  --> {}: {pointer}", self.source_name)?;
            match (diagnostic.line, diagnostic.column) {
                (Some(line), Some(column)) => writeln!(f, " (line {line}, column {column})")?,
                _ => writeln!(f)?,
            }
            if let Some(help) = &diagnostic.help {
                writeln!(f, "  help: {help}")?;
            }
        }
        Ok(())
    }
}
