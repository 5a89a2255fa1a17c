//! Diagnostics as data: a [`Kind`] with a stable code (`C0xx` for protocol files and `check`,
//! `P0xx` for profile files, `V0xx` for `verify`), a severity, what went wrong, where (a JSON
//! pointer, line and column), what might help, and related places. `docs/diagnostics.md` explains
//! every code; the CLI prints them for people, as JSON, or as SARIF (`src/cli/format.rs`).

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// The kinds, in one table: variant, code, name, severity, and a one-line summary (the doc).
macro_rules! kinds {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal, $name:literal, $severity:ident;)+) => {
        /// What a diagnostic is about. Codes are stable: a code is never reused for another kind.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Kind {
            /// Every kind, in code order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)+];

            /// The stable code, e.g. `C048`.
            pub fn code(self) -> &'static str {
                match self { $(Kind::$variant => $code,)+ }
            }

            /// A name for machines and people, e.g. `unknown-question`.
            pub fn name(self) -> &'static str {
                match self { $(Kind::$variant => $name,)+ }
            }

            pub fn severity(self) -> Severity {
                match self { $(Kind::$variant => Severity::$severity,)+ }
            }

            /// What the kind means, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Kind::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }
        }
    };
}

kinds! {
    /// The file is not valid JSON.
    InvalidJson = "C001", "invalid-json", Error;
    /// The file's `format` is not one this version reads.
    UnsupportedFormat = "C002", "unsupported-format", Error;
    /// The file is not a JSON object.
    NotAnObject = "C003", "not-an-object", Error;
    /// The file has no `format` field.
    MissingFormat = "C004", "missing-format", Error;
    /// A field is unknown, missing, or of the wrong type for the format.
    InvalidField = "C005", "invalid-field", Error;
    /// A chooser's treatment is not a valid protocol on its own.
    InvalidTreatment = "C006", "invalid-treatment", Error;
    /// An id that is not lowercase letters, digits and `_`, starting with a letter.
    InvalidId = "C010", "invalid-id", Error;
    /// Two questions, options, rules, plan parts or treatments share an id.
    DuplicateId = "C011", "duplicate-id", Error;
    /// The protocol's `version` is empty.
    EmptyVersion = "C012", "empty-version", Error;
    /// `locales` does not include `en`.
    EnglishNotDeclared = "C013", "english-not-declared", Error;
    /// A declared language the widget's own words are not written in.
    InterfaceLanguageMissing = "C014", "interface-language-missing", Warning;
    /// A visitor-facing text without English.
    MissingEnglishText = "C015", "missing-english-text", Error;
    /// A text missing in a declared language (English shows instead).
    MissingTranslation = "C016", "missing-translation", Warning;
    /// A text in a language `locales` does not declare.
    UndeclaredLocale = "C017", "undeclared-locale", Warning;
    /// A chooser with a single treatment.
    SingleTreatmentChooser = "C018", "single-treatment-chooser", Warning;
    /// A rule for some treatments only that ends the quiz.
    PartialRuleEndsQuiz = "C019", "partial-rule-ends-quiz", Error;
    /// `screens_for` on a question that is not a screening question.
    ScreensForNotScreening = "C020", "screens-for-not-screening", Warning;
    /// Treatments named in a protocol that lists none.
    NoTreatmentsToChoose = "C021", "no-treatments-to-choose", Error;
    /// A treatment id the protocol does not list.
    UnknownTreatment = "C022", "unknown-treatment", Error;
    /// A source id `sources` does not list.
    UnknownSource = "C023", "unknown-source", Error;
    /// A protocol without questions.
    NoQuestions = "C024", "no-questions", Error;
    /// A choice question with fewer options than it needs.
    TooFewOptions = "C025", "too-few-options", Error;
    /// A choice question with more options than the engine supports.
    TooManyOptions = "C026", "too-many-options", Error;
    /// `risk` on an option that is not a finding of a screening question.
    RiskOutsideFindings = "C027", "risk-outside-findings", Warning;
    /// `finding` on an option of a question that is not screening.
    FindingOutsideScreening = "C028", "finding-outside-screening", Warning;
    /// "I'm not sure" offered on a multiple choice question.
    UnsureOnMultipleChoice = "C029", "unsure-on-multiple-choice", Error;
    /// `options` on a question that has none (a yes/no or number question).
    OptionsOnNonChoice = "C030", "options-on-non-choice", Error;
    /// A field for another kind of question (`min` on a yes/no, `unsure` on a number...).
    MisplacedField = "C031", "misplaced-field", Error;
    /// A number question whose `max` is below its `min`.
    MaxBelowMin = "C032", "max-below-min", Error;
    /// A number question without `min` and `max`.
    NumberWithoutBounds = "C033", "number-without-bounds", Error;
    /// `safe_range` on a question that is not screening.
    SafeRangeOutsideScreening = "C034", "safe-range-outside-screening", Warning;
    /// A screening question none of whose answers is a finding.
    ScreeningWithoutFinding = "C035", "screening-without-finding", Error;
    /// `ask_if` on an answer that is not asked before the question.
    ConditionOnLaterQuestion = "C036", "condition-on-later-question", Error;
    /// `screens` where no answer can rule the item out (malformed input: exit 2).
    CannotRuleOut = "C037", "cannot-rule-out", Error;
    /// A number range that is missing or empty.
    InvalidNumberRange = "C038", "invalid-number-range", Error;
    /// A protocol without rules: every visitor would be a candidate.
    NoRules = "C039", "no-rules", Warning;
    /// A postpone rule without a `come_back` text.
    PostponeWithoutComeBack = "C040", "postpone-without-come-back", Error;
    /// A text only shown for another outcome (`come_back`, `instead`).
    TextForAnotherOutcome = "C041", "text-for-another-outcome", Warning;
    /// A note rule that ends the quiz.
    NoteEndsQuiz = "C042", "note-ends-quiz", Error;
    /// A rule, plan part or parameter that cites no source.
    MissingSource = "C043", "missing-source", Warning;
    /// A session count or interval that is not a range of at least 1.
    InvalidSpan = "C044", "invalid-span", Error;
    /// An option no rule, plan or condition uses.
    UnusedOption = "C045", "unused-option", Warning;
    /// An empty `all`, `any` or option list.
    EmptyList = "C046", "empty-list", Error;
    /// A test that does not fit its question's kind (`yes` on a number...).
    WrongTestKind = "C047", "wrong-test-kind", Error;
    /// A question id that is not in the protocol.
    UnknownQuestion = "C048", "unknown-question", Error;
    /// `unsure` tested on a question that does not offer "I'm not sure".
    UnsureNotOffered = "C049", "unsure-not-offered", Error;
    /// An option id the question does not have.
    UnknownOption = "C050", "unknown-option", Error;
    /// A `{parameter}` in a text that `parameters` does not declare.
    UnknownParameter = "C051", "unknown-parameter", Error;
    /// A period of less than 1.
    InvalidPeriod = "C052", "invalid-period", Error;
    /// A parameter no text cites.
    UnusedParameter = "C053", "unused-parameter", Warning;
    /// A translation that drops a glossary term its English uses.
    UntranslatedGlossaryTerm = "C054", "untranslated-glossary-term", Warning;
    /// A known medical term without a glossary entry.
    UnexplainedTerm = "C055", "unexplained-term", Warning;
    /// A question no path asks.
    QuestionNeverAsked = "C060", "question-never-asked", Error;
    /// A rule no path fires.
    RuleNeverFires = "C061", "rule-never-fires", Error;
    /// A question with more independently used option groups than the verifier explores.
    TooManyOptionGroups = "C062", "too-many-option-groups", Error;
    /// More distinct states than the verifier explores.
    TooManyStates = "C063", "too-many-states", Error;
    /// `screens` naming an item no profile lists (malformed input: exit 2).
    UnknownScreeningItem = "C070", "unknown-screening-item", Error;
    /// A treatment without a screening profile.
    TreatmentWithoutProfile = "C071", "treatment-without-profile", Error;
    /// A treatment without a screening profile, accepted with `--no-profile`.
    TreatmentWithoutProfileAccepted = "C072", "treatment-without-profile-accepted", Warning;
    /// A profile item no question screens.
    ItemNotScreened = "C073", "item-not-screened", Error;
    /// A profile file that is not valid JSON.
    ProfileInvalidJson = "P001", "profile-invalid-json", Error;
    /// A profile's `format` is missing or not one this version reads.
    ProfileUnsupportedFormat = "P002", "profile-unsupported-format", Error;
    /// A profile field that is unknown, missing, or of the wrong type.
    ProfileInvalidField = "P003", "profile-invalid-field", Error;
    /// Two profiles for one treatment.
    ProfileDuplicateTreatment = "P004", "profile-duplicate-treatment", Error;
    /// An invalid treatment or item id in a profile.
    ProfileInvalidId = "P005", "profile-invalid-id", Error;
    /// A profile with an empty version.
    ProfileEmptyVersion = "P006", "profile-empty-version", Error;
    /// A profile with no items, or more than supported.
    ProfileItemCount = "P007", "profile-item-count", Error;
    /// Two items of a profile share an id.
    ProfileDuplicateItem = "P008", "profile-duplicate-item", Error;
    /// An item whose least outcome is `candidate`.
    ProfileCandidateLeastOutcome = "P009", "profile-candidate-least-outcome", Error;
    /// An item's `safe_range` that is empty.
    ProfileEmptyRange = "P010", "profile-empty-range", Error;
    /// An item that cites no source, or a source the profile does not list.
    ProfileSource = "P011", "profile-source", Error;
    /// Some path does not end in exactly one outcome.
    PathWithoutOutcome = "V001", "path-without-outcome", Error;
    /// A blocking rule's path ends in `candidate`.
    BlockingRuleCandidate = "V002", "blocking-rule-candidate", Error;
    /// A screening finding's path ends in `candidate`.
    FindingCandidate = "V003", "finding-candidate", Error;
    /// An unsure screening answer's path ends in `candidate`.
    UnsureCandidate = "V004", "unsure-candidate", Error;
    /// A riskier screening answer gets a weaker outcome.
    RiskierAnswerWeaker = "V005", "riskier-answer-weaker", Error;
    /// An early end hides a stronger outcome or a red flag.
    EarlyEndHides = "V006", "early-end-hides", Error;
    /// A candidate gets no treatment plan.
    CandidateWithoutPlan = "V007", "candidate-without-plan", Error;
    /// A rule that fires on no path.
    RuleNeverFiresOnAnyPath = "V008", "rule-never-fires-on-any-path", Error;
    /// A question asked on no path.
    QuestionNeverAskedOnAnyPath = "V009", "question-never-asked-on-any-path", Error;
    /// A candidate whose answers did not rule a profile item out.
    ItemNotRuledOut = "V010", "item-not-ruled-out", Error;
    /// An answer ruled a profile item in, and the outcome is weaker than the item's least outcome.
    ItemOutcomeTooWeak = "V011", "item-outcome-too-weak", Error;
    /// The protocol has more paths or option groups than the verifier explores.
    CannotExplore = "V020", "cannot-explore", Error;
}

/// Another place that matters to a diagnostic (the rule that conflicts, the earlier id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub message: String,
    pub pointer: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Related {
    /// A related place at `pointer`, located later from the text.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Related {
        Related { message: message.into(), pointer: pointer.into(), line: None, column: None }
    }
}

/// One problem found in a protocol (or profile) file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: Kind,
    pub severity: Severity,
    /// What went wrong: lowercase, no final period, ids in backticks.
    pub message: String,
    /// A JSON pointer to the offending value, e.g. `/rules/4/when/any/1`; empty for the whole file.
    pub pointer: String,
    /// 1-based line and column of the offending value, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic of `kind` (whose severity it takes) at `pointer`, located later from the text.
    pub fn new(kind: Kind, pointer: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            kind,
            severity: kind.severity(),
            message: message.into(),
            pointer: pointer.into(),
            line: None,
            column: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place, e.g. where an id was first used.
    pub fn with_related(mut self, pointer: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related::at(pointer, message));
        self
    }

    /// Fills in line and column (of the related places too) from the file's text.
    pub fn locate_in(&mut self, text: &str) {
        if self.line.is_none() {
            (self.line, self.column) = super::locate(text, &self.pointer).unzip();
        }
        for related in &mut self.related {
            (related.line, related.column) = super::locate(text, &related.pointer).unzip();
        }
    }
}

/// Every diagnostic of one file, named for display.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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

/// The human form: `error[C048]: unknown question `x``, then the place, related places and help.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = |f: &mut fmt::Formatter<'_>, pointer: &str, line: Option<usize>, column: Option<usize>| {
            let pointer = if pointer.is_empty() { "/" } else { pointer };
            match (line, column) {
                (Some(line), Some(column)) => {
                    writeln!(f, "{}: {pointer} (line {line}, column {column})", self.source_name)
                }
                _ => writeln!(f, "{}: {pointer} (no position in the file)", self.source_name),
            }
        };
        for diagnostic in &self.items {
            let label = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(f, "{label}[{}]: {}", diagnostic.kind.code(), diagnostic.message)?;
            write!(f, "  --> ")?;
            place(f, &diagnostic.pointer, diagnostic.line, diagnostic.column)?;
            for related in &diagnostic.related {
                write!(f, "  note: {}: ", related.message)?;
                place(f, &related.pointer, related.line, related.column)?;
            }
            if let Some(help) = &diagnostic.help {
                writeln!(f, "  help: {help}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_follow_their_family() {
        let mut codes: Vec<&str> = Kind::ALL.iter().map(|kind| kind.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Kind::ALL.len(), "a code is used twice");
        for kind in Kind::ALL {
            let code = kind.code();
            assert!(code.len() == 4 && code[1..].bytes().all(|b| b.is_ascii_digit()), "{code}");
            assert!(matches!(&code[..1], "C" | "P" | "V"), "{code}");
            assert!(!kind.summary().is_empty() && kind.name().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }

    #[test]
    fn a_diagnostic_without_a_place_says_so() {
        let diagnostics = Diagnostics {
            source_name: "clinic.json".to_owned(),
            items: vec![Diagnostic::new(Kind::UnknownQuestion, "/rules/9/when", "unknown question `x`")],
        };
        let text = diagnostics.to_string();
        assert!(text.starts_with("error[C048]: unknown question `x`\n"), "{text}");
        assert!(text.contains("clinic.json: /rules/9/when (no position in the file)"), "{text}");
    }
}
