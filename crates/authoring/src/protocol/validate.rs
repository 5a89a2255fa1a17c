//! Static validation: ids, kinds, references, texts. Reports every problem, not only the first,
//! and builds the [`Model`] when there is none.
//!
//! Questions that can never be asked and rules that can never fire need the paths; `crate::check`
//! finds those with the verifier's exploration.

use std::collections::{BTreeMap, HashMap};

use super::condition::{Cond, Condition, Test};
use super::diagnostic::{Diagnostic, Kind, Related};
use super::suggest::did_you_mean;
use super::texts::{all_texts, missing_locales};
use super::{Effect, NumberRange, OptionSet, Protocol, Question, QuestionKind, Span};
use super::{Model, PlanModel, QuestionModel, RuleModel};
use crate::answers::YesNo;

pub(super) fn validate(protocol: &Protocol, out: &mut Vec<Diagnostic>) -> Option<Model> {
    let mut checker = Checker { protocol, out, question_by_id: BTreeMap::new(), used_options: Vec::new() };
    checker.header();
    checker.texts();
    checker.parameters();
    checker.treatments();
    let questions = checker.questions();
    let rules = checker.rules();
    let plans = checker.plans();
    // Unused options are often the echo of a broken reference; report them once the errors are fixed.
    if checker.error_count() == 0 {
        checker.unused_options();
        checker.out.extend(super::glossary_check::unexplained_terms(protocol));
        checker.out.extend(super::glossary_check::untranslated_mentions(protocol));
    }
    let parameter_uses =
        super::parameters::uses(protocol).into_iter().map(|(id, places)| (id.to_owned(), places)).collect();
    Some(Model {
        questions: questions?,
        rules: rules?,
        plans: plans?,
        question_by_id: checker.question_by_id,
        parameter_uses,
    })
}

struct Checker<'p, 'o> {
    protocol: &'p Protocol,
    out: &'o mut Vec<Diagnostic>,
    question_by_id: BTreeMap<String, usize>,
    /// Per question, the options that some condition mentions.
    used_options: Vec<OptionSet>,
}

impl Checker<'_, '_> {
    fn report(&mut self, kind: Kind, pointer: impl Into<String>, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::new(kind, pointer, message));
        self.out.last_mut().expect("just pushed")
    }

    fn check_id(&mut self, pointer: String, id: &str, what: &str) {
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && id.len() <= 64;
        if !valid {
            self.report(Kind::InvalidId, pointer, format!("invalid {what} id `{}`", truncate(id))).help =
                Some("ids start with a lowercase letter and use only a-z, 0-9 and `_` (at most 64)".into());
        }
    }

    /// Reports ids seen twice; `ids` are (pointer, id) pairs.
    fn check_unique<'a>(&mut self, ids: impl Iterator<Item = (String, &'a str)>, what: &str) {
        let mut first: HashMap<&str, String> = HashMap::new();
        for (pointer, id) in ids {
            if let Some(earlier) = first.get(id) {
                let help = format!("first defined at {earlier}");
                let diagnostic = self.report(Kind::DuplicateId, pointer, format!("duplicate {what} id `{id}`"));
                diagnostic.help = Some(help);
                diagnostic.related.push(Related::at(earlier.clone(), format!("`{id}` first defined here")));
            } else {
                first.insert(id, pointer);
            }
        }
    }

    fn header(&mut self) {
        let protocol = self.protocol;
        self.check_id("/id".into(), &protocol.id, "protocol");
        if protocol.version.trim().is_empty() {
            self.report(Kind::EmptyVersion, "/version", "the protocol version is empty");
        }
        if !protocol.locales.iter().any(|locale| locale == "en") {
            self.report(Kind::EnglishNotDeclared, "/locales", "`locales` must include `en`").help =
                Some("English is the fallback every visitor can get".into());
        }
        for (i, locale) in protocol.locales.iter().enumerate() {
            if !crate::messages::speaks(locale) {
                self.report(
                    Kind::InterfaceLanguageMissing,
                    format!("/locales/{i}"),
                    format!(
                        "the widget's own buttons and headings are not written in `{locale}`: they show in English"
                    ),
                )
                .help = Some(format!("the protocol's texts still show in `{locale}`"));
            }
        }
        if let Some(profile) = &protocol.profile {
            self.check_id("/profile".into(), profile, "profile");
        }
        for source in protocol.sources.keys() {
            self.check_id(format!("/sources/{source}"), source, "source");
        }
    }

    fn texts(&mut self) {
        let protocol = self.protocol;
        for (pointer, text) in all_texts(protocol) {
            if !text.has("en") {
                self.report(Kind::MissingEnglishText, pointer.clone(), "missing English text").help =
                    Some("add an `en` entry".into());
            }
            for locale in missing_locales(protocol, text) {
                self.report(Kind::MissingTranslation, pointer.clone(), format!("missing `{locale}` text"));
            }
            for locale in text.locales() {
                if !protocol.locales.iter().any(|declared| declared == locale) {
                    self.report(
                        Kind::UndeclaredLocale,
                        format!("{pointer}/{}", super::locate::pointer_segment(locale)),
                        format!("locale `{locale}` is not declared in `locales`"),
                    );
                }
            }
        }
    }

    /// A chooser's treatments, and every reference to them from rules, plans and questions.
    fn treatments(&mut self) {
        let protocol = self.protocol;
        let known: Vec<&str> = protocol.treatments.iter().map(|t| t.id.as_str()).collect();
        for (i, option) in protocol.treatments.iter().enumerate() {
            self.check_id(format!("/treatments/{i}/id"), &option.id, "treatment");
            if known[..i].contains(&option.id.as_str()) {
                self.report(
                    Kind::DuplicateId,
                    format!("/treatments/{i}/id"),
                    format!("treatment `{}` is listed twice", option.id),
                );
            }
        }
        if protocol.treatments.len() == 1 {
            self.report(Kind::SingleTreatmentChooser, "/treatments", "a chooser with one treatment chooses nothing")
                .help = Some("list two or more treatments, or describe the one in `treatment`".into());
        }
        let mut references: Vec<(String, &[String])> = Vec::new();
        for (i, rule) in protocol.rules.iter().enumerate() {
            references.push((format!("/rules/{i}/treatments"), &rule.treatments));
            if rule.ends_quiz && !rule.treatments.is_empty() {
                self.report(Kind::PartialRuleEndsQuiz, format!("/rules/{i}/ends_quiz"), "a rule for some treatments cannot end the quiz").help =
                    Some("the other treatments still need the remaining answers: end the quiz only with rules for every treatment".into());
            }
        }
        for (i, plan) in protocol.plans.iter().enumerate() {
            references.push((format!("/plans/{i}/treatments"), &plan.treatments));
        }
        for (i, question) in protocol.questions.iter().enumerate() {
            references.push((format!("/questions/{i}/screens_for"), &question.screens_for));
            if !question.screens_for.is_empty() && !question.screening {
                self.report(
                    Kind::ScreensForNotScreening,
                    format!("/questions/{i}/screens_for"),
                    "`screens_for` on a question that is not screening",
                )
                .help = Some("set `\"screening\": true`, or remove `screens_for`".into());
            }
        }
        for (pointer, names) in references {
            if !names.is_empty() && known.is_empty() {
                self.report(
                    Kind::NoTreatmentsToChoose,
                    pointer.clone(),
                    "this protocol lists no `treatments` to choose from",
                )
                .help = Some("add the treatments to `treatments`, or remove this list".into());
                continue;
            }
            for (n, name) in names.iter().enumerate() {
                if !known.contains(&name.as_str()) {
                    self.report(
                        Kind::UnknownTreatment,
                        format!("{pointer}/{n}"),
                        format!("unknown treatment `{}`", truncate(name)),
                    )
                    .help = did_you_mean(name, &known);
                }
            }
        }
    }

    fn parameters(&mut self) {
        let protocol = self.protocol;
        for (id, parameter) in &protocol.parameters {
            self.check_id(format!("/parameters/{id}"), id, "parameter");
            for (s, source) in parameter.source.iter().enumerate() {
                if !protocol.sources.contains_key(source) {
                    let known: Vec<&str> = protocol.sources.keys().map(String::as_str).collect();
                    let pointer = format!("/parameters/{id}/source/{s}");
                    self.report(Kind::UnknownSource, pointer, format!("unknown source `{}`", truncate(source))).help =
                        did_you_mean(source, &known);
                }
            }
        }
        self.out.extend(super::parameters::check(protocol));
    }

    fn questions(&mut self) -> Option<Vec<QuestionModel>> {
        let protocol = self.protocol;
        self.check_unique(
            protocol.questions.iter().enumerate().map(|(i, q)| (format!("/questions/{i}/id"), q.id.as_str())),
            "question",
        );
        for (i, question) in protocol.questions.iter().enumerate() {
            self.check_id(format!("/questions/{i}/id"), &question.id, "question");
            self.question_by_id.entry(question.id.clone()).or_insert(i);
        }
        if protocol.questions.is_empty() {
            self.report(Kind::NoQuestions, "/questions", "a protocol needs at least one question");
        }
        self.used_options = vec![OptionSet::default(); protocol.questions.len()];
        let mut models = Some(Vec::new());
        for (i, question) in protocol.questions.iter().enumerate() {
            let model = self.question(i, question);
            match (&mut models, model) {
                (Some(models), Some(model)) => models.push(model),
                _ => models = None,
            }
        }
        models
    }

    fn question(&mut self, i: usize, question: &Question) -> Option<QuestionModel> {
        let at = format!("/questions/{i}");
        let errors_before = self.error_count();
        let is_choice = matches!(question.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice);
        let kind_name = kind_name(question.kind);

        if is_choice {
            let minimum = if question.kind == QuestionKind::SingleChoice { 2 } else { 1 };
            if question.options.len() < minimum {
                self.report(
                    Kind::TooFewOptions,
                    format!("{at}/options"),
                    format!("a {kind_name} question needs at least {minimum} options"),
                );
            }
            if question.options.len() > OptionSet::MAX_OPTIONS {
                self.report(
                    Kind::TooManyOptions,
                    format!("{at}/options"),
                    format!("at most {} options are supported", OptionSet::MAX_OPTIONS),
                );
            }
            self.check_unique(
                question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(o, option)| (format!("{at}/options/{o}/id"), option.id.as_str())),
                "option",
            );
            for (o, option) in question.options.iter().enumerate() {
                self.check_id(format!("{at}/options/{o}/id"), &option.id, "option");
                if option.risk.is_some() && !(option.finding && question.screening) {
                    self.report(
                        Kind::RiskOutsideFindings,
                        format!("{at}/options/{o}/risk"),
                        "`risk` only ranks the findings of a screening question",
                    )
                    .help = Some("mark the option `\"finding\": true`, or remove `risk`".into());
                }
                if option.finding && !question.screening {
                    self.report(
                        Kind::FindingOutsideScreening,
                        format!("{at}/options/{o}/finding"),
                        "`finding` has no effect outside a screening question",
                    )
                    .help = Some("set `\"screening\": true` on the question".into());
                }
            }
            if question.kind == QuestionKind::MultipleChoice && question.options.iter().any(|o| o.unsure) {
                self.report(
                    Kind::UnsureOnMultipleChoice,
                    format!("{at}/options"),
                    "a multiple choice question cannot offer \"I'm not sure\"",
                );
            }
        } else if !question.options.is_empty() {
            self.report(
                Kind::OptionsOnNonChoice,
                format!("{at}/options"),
                format!("a {kind_name} question has no options"),
            );
        }

        let yes_no_only = [
            ("unsure", question.unsure),
            ("yes_label", question.yes_label.is_some()),
            ("no_label", question.no_label.is_some()),
        ];
        for (field, present) in yes_no_only {
            if present && question.kind != QuestionKind::YesNo {
                let help = if field == "unsure" {
                    Some("for a choice question, mark an option `\"unsure\": true`")
                } else {
                    None
                };
                let diagnostic = self.report(
                    Kind::MisplacedField,
                    format!("{at}/{field}"),
                    format!("`{field}` is only for yes/no questions"),
                );
                diagnostic.help = help.map(Into::into);
            }
        }

        let mut bounds = (0, 0);
        if question.kind == QuestionKind::Number {
            match (question.min, question.max) {
                (Some(min), Some(max)) if min <= max => bounds = (min, max),
                (Some(min), Some(max)) => {
                    self.report(
                        Kind::MaxBelowMin,
                        format!("{at}/max"),
                        format!("`max` ({max}) is below `min` ({min})"),
                    );
                }
                _ => {
                    self.report(Kind::NumberWithoutBounds, at.clone(), "a number question needs `min` and `max`");
                }
            }
            if let Some(safe) = question.safe_range {
                self.check_range(&format!("{at}/safe_range"), safe);
                if !question.screening {
                    self.report(
                        Kind::SafeRangeOutsideScreening,
                        format!("{at}/safe_range"),
                        "`safe_range` has no effect outside a screening question",
                    );
                }
            }
        } else {
            for (field, present) in [
                ("min", question.min.is_some()),
                ("max", question.max.is_some()),
                ("unit", question.unit.is_some()),
                ("safe_range", question.safe_range.is_some()),
            ] {
                if present {
                    self.report(
                        Kind::MisplacedField,
                        format!("{at}/{field}"),
                        format!("`{field}` is only for number questions"),
                    );
                }
            }
        }

        self.screens(&at, question);

        if question.screening {
            let has_finding = match question.kind {
                QuestionKind::YesNo => true,
                QuestionKind::Number => question.safe_range.is_some(),
                _ => question.options.iter().any(|o| o.finding || o.unsure),
            };
            if !has_finding {
                let help = match question.kind {
                    QuestionKind::Number => "add a `safe_range`: values outside it are findings",
                    _ => "mark the options that rule treatment out or need a clinician with `\"finding\": true`",
                };
                self.report(
                    Kind::ScreeningWithoutFinding,
                    format!("{at}/screening"),
                    "a screening question has no finding",
                )
                .help = Some(help.into());
            }
        }

        let ask_if = question.ask_if.as_ref().and_then(|condition| {
            let cond = self.resolve(condition, &format!("{at}/ask_if"))?;
            let mut late = None;
            cond.for_each_test(&mut |q, _| {
                if q >= i {
                    late = Some(q)
                }
            });
            if let Some(late) = late {
                let other = &self.protocol.questions[late].id;
                let message =
                    format!("`ask_if` of question `{}` refers to `{other}`, which is not asked before it", question.id);
                let help =
                    format!("a question may only depend on earlier answers; move `{other}` before `{}`", question.id);
                self.report(Kind::ConditionOnLaterQuestion, format!("{at}/ask_if"), message).help = Some(help);
            }
            Some(cond)
        });

        if self.error_count() > errors_before {
            return None;
        }
        let options_where = |pick: fn(&super::Choice) -> bool| -> OptionSet {
            question.options.iter().enumerate().filter(|(_, o)| pick(o)).map(|(o, _)| o).collect()
        };
        Some(QuestionModel {
            kind: question.kind,
            ask_if,
            n_options: question.options.len(),
            unsure_allowed: question.unsure,
            screening: question.screening,
            finding_options: if question.screening { options_where(|o| o.finding) } else { OptionSet::default() },
            unsure_options: options_where(|o| o.unsure),
            bounds,
            safe_range: question.safe_range,
            option_risk: question.options.iter().map(|o| o.risk.unwrap_or(0)).collect(),
        })
    }

    /// `screens` (profile items) only on answers that can rule them in and out: a screening
    /// question's findings against its safe answers, or a finding option against the others.
    fn screens(&mut self, at: &str, question: &Question) {
        let options = || question.options.iter().enumerate();
        let declared = (question.screens.iter().map(|item| (format!("{at}/screens"), item)))
            .chain(options().flat_map(|(o, option)| {
                option.screens.iter().map(move |item| (format!("{at}/options/{o}/screens"), item))
            }))
            .collect::<Vec<_>>();
        for (pointer, item) in &declared {
            self.check_id(pointer.clone(), item, "profile item");
        }
        if declared.is_empty() {
            return;
        }
        let id = &question.id;
        if !question.screening || question.informational {
            let pointer = declared[0].0.clone();
            self.report(
                Kind::CannotRuleOut,
                pointer,
                format!("question `{id}` cannot rule out `{}`: it is not a screening question", declared[0].1),
            )
            .help = Some("set `\"screening\": true` and mark what rules the item in as a finding".into());
            return;
        }
        if !question.screens.is_empty() {
            let safe_option = |o: &super::Choice| !o.finding && !o.unsure;
            let why_not = match question.kind {
                QuestionKind::YesNo => None,
                QuestionKind::Number if question.safe_range.is_none() => {
                    Some("a number rules an item out only inside its `safe_range`")
                }
                QuestionKind::Number => None,
                _ if !question.options.iter().any(|o| o.finding) => Some("none of its options is a finding"),
                _ if !question.options.iter().any(safe_option) => Some("every option is a finding or unsure"),
                _ => None,
            };
            if let Some(why_not) = why_not {
                let item = &question.screens[0];
                self.report(Kind::CannotRuleOut, format!("{at}/screens"), format!("question `{id}` cannot rule out `{item}`: {why_not}"))
                    .help = Some("put `screens` on a yes/no question, a number with a `safe_range`, or a choice with findings and safe options".into());
            }
        }
        for (o, option) in options().filter(|(_, option)| !option.screens.is_empty()) {
            if !option.finding {
                let item = &option.screens[0];
                let message = format!("option `{}` of `{id}` screens `{item}` but is not a finding", option.id);
                self.report(Kind::CannotRuleOut, format!("{at}/options/{o}/screens"), message).help =
                    Some("mark it `\"finding\": true`: choosing it rules the item in".into());
            }
        }
    }

    fn check_range(&mut self, pointer: &str, range: NumberRange) {
        match (range.at_least, range.below) {
            (None, None) => {
                self.report(Kind::InvalidNumberRange, pointer, "a number range needs `at_least`, `below` or both");
            }
            (Some(low), Some(high)) if low >= high => {
                self.report(
                    Kind::InvalidNumberRange,
                    pointer,
                    format!("the range `at_least {low}, below {high}` is empty"),
                );
            }
            _ => {}
        }
    }

    fn rules(&mut self) -> Option<Vec<RuleModel>> {
        let protocol = self.protocol;
        if protocol.rules.is_empty() {
            self.report(Kind::NoRules, "/rules", "the protocol has no rules: every visitor would be a candidate");
        }
        self.check_unique(
            protocol.rules.iter().enumerate().map(|(i, r)| (format!("/rules/{i}/id"), r.id.as_str())),
            "rule",
        );
        let mut models = Some(Vec::new());
        for (i, rule) in protocol.rules.iter().enumerate() {
            let at = format!("/rules/{i}");
            self.check_id(format!("{at}/id"), &rule.id, "rule");
            match (rule.effect, &rule.come_back) {
                (Effect::Postpone, None) => {
                    self.report(
                        Kind::PostponeWithoutComeBack,
                        at.clone(),
                        format!("postpone rule `{}` has no `come_back` text", rule.id),
                    )
                    .help = Some("say when to come back, e.g. \"once the cold sore has fully healed\"".into());
                }
                (effect, Some(_)) if effect != Effect::Postpone => {
                    self.report(
                        Kind::TextForAnotherOutcome,
                        format!("{at}/come_back"),
                        "`come_back` is only shown for postpone rules",
                    );
                }
                _ => {}
            }
            if rule.instead.is_some() && rule.effect != Effect::NotCandidate {
                self.report(
                    Kind::TextForAnotherOutcome,
                    format!("{at}/instead"),
                    "`instead` is only shown for not_candidate rules",
                );
            }
            if rule.ends_quiz && rule.effect == Effect::Note {
                self.report(Kind::NoteEndsQuiz, format!("{at}/ends_quiz"), "a note rule cannot end the quiz").help =
                    Some("ending the quiz skips screening questions; only a rule that blocks booking may".into());
            }
            self.check_sources(&format!("{at}/source"), &rule.source, &rule.id);
            let when = self.resolve(&rule.when, &format!("{at}/when"));
            match (&mut models, when) {
                (Some(models), Some(when)) => {
                    let decided_after = when.last_question().unwrap_or(0);
                    models.push(RuleModel { when, effect: rule.effect, ends_quiz: rule.ends_quiz, decided_after });
                }
                _ => models = None,
            }
        }
        models
    }

    fn check_sources(&mut self, pointer: &str, sources: &[String], owner: &str) {
        if sources.is_empty() {
            // An absent `source` has no place in the text; point at its owner instead.
            let owner_pointer = pointer.strip_suffix("/source").unwrap_or(pointer);
            self.report(Kind::MissingSource, owner_pointer, format!("`{owner}` cites no source")).help =
                Some("a medical director signs off rules with their sources".into());
        }
        for (s, source) in sources.iter().enumerate() {
            if !self.protocol.sources.contains_key(source) {
                let known: Vec<&str> = self.protocol.sources.keys().map(String::as_str).collect();
                let diagnostic = self.report(
                    Kind::UnknownSource,
                    format!("{pointer}/{s}"),
                    format!("unknown source `{}`", truncate(source)),
                );
                diagnostic.help = did_you_mean(source, &known);
            }
        }
    }

    fn plans(&mut self) -> Option<Vec<PlanModel>> {
        let protocol = self.protocol;
        self.check_unique(
            protocol.plans.iter().enumerate().map(|(i, p)| (format!("/plans/{i}/id"), p.id.as_str())),
            "plan",
        );
        let mut models = Some(Vec::new());
        for (i, plan) in protocol.plans.iter().enumerate() {
            let at = format!("/plans/{i}");
            self.check_id(format!("{at}/id"), &plan.id, "plan");
            self.check_span(&format!("{at}/sessions"), plan.sessions);
            self.check_span(&format!("{at}/interval_weeks"), plan.interval_weeks);
            self.check_sources(&format!("{at}/source"), &plan.source, &plan.id);
            let when = self.resolve(&plan.when, &format!("{at}/when"));
            match (&mut models, when) {
                (Some(models), Some(when)) => {
                    let decided_after = when.last_question().unwrap_or(0);
                    models.push(PlanModel {
                        when,
                        sessions: plan.sessions,
                        interval_weeks: plan.interval_weeks,
                        decided_after,
                    });
                }
                _ => models = None,
            }
        }
        models
    }

    fn check_span(&mut self, pointer: &str, span: Span) {
        if span.min == 0 || span.min > span.max {
            self.report(
                Kind::InvalidSpan,
                pointer,
                format!("`{}..{}` is not a range of at least 1", span.min, span.max),
            )
            .help = Some("write `{\"min\": 3, \"max\": 4}` with 1 <= min <= max".into());
        }
    }

    fn unused_options(&mut self) {
        let protocol = self.protocol;
        for (i, question) in protocol.questions.iter().enumerate() {
            if question.informational {
                continue;
            }
            let used = self.used_options.get(i).copied().unwrap_or_default();
            for (o, option) in question.options.iter().enumerate() {
                // A screening question's answers that are not findings are its safe answers:
                // no rule needs them.
                let safe_answer = question.screening && !option.finding;
                if !used.contains(o) && !option.unsure && !safe_answer {
                    let message = format!(
                        "option `{}` of question `{}` is not used by any rule, plan or condition",
                        option.id, question.id
                    );
                    self.report(Kind::UnusedOption, format!("/questions/{i}/options/{o}"), message).help =
                        Some("choosing it changes nothing; set `\"informational\": true` on the question if that is intended".into());
                }
            }
        }
    }

    fn error_count(&self) -> usize {
        self.out.iter().filter(|d| d.severity == super::Severity::Error).count()
    }

    /// Resolves a condition's ids, reporting every unknown or mismatched reference.
    fn resolve(&mut self, condition: &Condition, at: &str) -> Option<Cond> {
        let list = |this: &mut Self, conds: &[Condition], key: &str| -> Option<Vec<Cond>> {
            if conds.is_empty() {
                this.report(Kind::EmptyList, format!("{at}/{key}"), format!("an empty `{key}` is not allowed")).help =
                    Some("remove it, or list at least one condition".into());
                return None;
            }
            let resolved: Vec<Option<Cond>> =
                conds.iter().enumerate().map(|(i, c)| this.resolve(c, &format!("{at}/{key}/{i}"))).collect();
            resolved.into_iter().collect()
        };
        match condition {
            Condition::All(conds) => list(self, conds, "all").map(Cond::All),
            Condition::Any(conds) => list(self, conds, "any").map(Cond::Any),
            Condition::Not(cond) => self.resolve(cond, &format!("{at}/not")).map(|c| Cond::Not(Box::new(c))),
            Condition::Yes(id) => self.yes_no_test(id, YesNo::Yes, &format!("{at}/yes")),
            Condition::No(id) => self.yes_no_test(id, YesNo::No, &format!("{at}/no")),
            Condition::Unsure(id) => self.yes_no_test(id, YesNo::Unsure, &format!("{at}/unsure")),
            Condition::Chose(test) => {
                let at = format!("{at}/chose");
                let question = self.question_ref(&test.question, &format!("{at}/question"))?;
                let set =
                    self.options_ref(question, std::slice::from_ref(&test.option), &format!("{at}/option"), false)?;
                Some(Cond::Test(question, Test::ChoseAny(set)))
            }
            Condition::ChoseAny(test) | Condition::ChoseOnly(test) => {
                let key = if matches!(condition, Condition::ChoseAny(_)) { "chose_any" } else { "chose_only" };
                let at = format!("{at}/{key}");
                let question = self.question_ref(&test.question, &format!("{at}/question"))?;
                if test.options.is_empty() {
                    self.report(Kind::EmptyList, format!("{at}/options"), "list at least one option");
                    return None;
                }
                let set = self.options_ref(question, &test.options, &format!("{at}/options"), true)?;
                let test = if key == "chose_any" { Test::ChoseAny(set) } else { Test::ChoseOnly(set) };
                Some(Cond::Test(question, test))
            }
            Condition::Number(test) => {
                let at = format!("{at}/number");
                let question = self.question_ref(&test.question, &format!("{at}/question"))?;
                let kind = self.protocol.questions[question].kind;
                if kind != QuestionKind::Number {
                    let message =
                        format!("`number` tests a number question, but `{}` is {}", test.question, kind_name(kind));
                    self.report(Kind::WrongTestKind, format!("{at}/question"), message);
                    return None;
                }
                let range = NumberRange { at_least: test.at_least, below: test.below };
                let errors_before = self.error_count();
                self.check_range(&at, range);
                (self.error_count() == errors_before).then_some(Cond::Test(question, Test::Number(range)))
            }
        }
    }

    fn question_ref(&mut self, id: &str, at: &str) -> Option<usize> {
        let found = self.question_by_id.get(id).copied();
        if found.is_none() {
            let known: Vec<&str> = self.protocol.questions.iter().map(|q| q.id.as_str()).collect();
            let diagnostic = self.report(Kind::UnknownQuestion, at, format!("unknown question `{}`", truncate(id)));
            diagnostic.help = did_you_mean(id, &known);
        }
        found
    }

    fn yes_no_test(&mut self, id: &str, answer: YesNo, at: &str) -> Option<Cond> {
        let question = self.question_ref(id, at)?;
        let doc = &self.protocol.questions[question];
        if doc.kind != QuestionKind::YesNo {
            let help = match doc.kind {
                QuestionKind::Number => "use `number` with `at_least` / `below`",
                _ => "use `chose`, `chose_any` or `chose_only` with option ids",
            };
            let message =
                format!("`{}` tests a yes/no question, but `{id}` is {}", answer.as_str(), kind_name(doc.kind));
            self.report(Kind::WrongTestKind, at, message).help = Some(help.into());
            return None;
        }
        if answer == YesNo::Unsure && !doc.unsure {
            self.report(Kind::UnsureNotOffered, at, format!("question `{id}` does not offer \"I'm not sure\"")).help =
                Some(format!("set `\"unsure\": true` on `{id}`"));
            return None;
        }
        Some(Cond::Test(question, Test::YesNo(answer)))
    }

    fn options_ref(
        &mut self,
        question: usize,
        ids: &[String],
        at: &str,
        indexed: bool,
    ) -> Option<crate::answers::OptionSet> {
        let doc = &self.protocol.questions[question];
        if !matches!(doc.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice) {
            let message = format!("`{}` is {}, which has no options", doc.id, kind_name(doc.kind));
            let help = if doc.kind == QuestionKind::YesNo { "use `yes`, `no` or `unsure`" } else { "use `number`" };
            self.report(Kind::WrongTestKind, at, message).help = Some(help.into());
            return None;
        }
        let mut set = OptionSet::default();
        let mut ok = true;
        for (i, id) in ids.iter().enumerate() {
            match doc.options.iter().position(|option| &option.id == id) {
                Some(option) => set.insert(option),
                None => {
                    ok = false;
                    let known: Vec<&str> = doc.options.iter().map(|o| o.id.as_str()).collect();
                    let pointer = if indexed { format!("{at}/{i}") } else { at.to_owned() };
                    let message = format!("unknown option `{}` of question `{}`", truncate(id), doc.id);
                    let diagnostic = self.report(Kind::UnknownOption, pointer, message);
                    diagnostic.help = did_you_mean(id, &known);
                }
            }
        }
        if let Some(used) = self.used_options.get_mut(question) {
            used.0 |= set.0;
        }
        ok.then_some(set)
    }
}

fn kind_name(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::SingleChoice => "single choice",
        QuestionKind::MultipleChoice => "multiple choice",
        QuestionKind::YesNo => "yes/no",
        QuestionKind::Number => "number",
    }
}

/// Keeps hostile or huge ids from flooding a message.
fn truncate(id: &str) -> String {
    let mut short: String = id.chars().take(64).collect();
    if short.len() < id.len() {
        short.push('…');
    }
    short.escape_debug().to_string()
}
