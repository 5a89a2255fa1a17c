//! Random valid protocols, small enough to enumerate every concrete answer path, built
//! deterministically from a seed (so a failing proptest case reproduces from its seed).

use serde_json::{json, Value};

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone)]
struct Q {
    id: String,
    kind: &'static str,
    options: usize,
    unsure: bool,
    max: i64,
}

/// A random protocol as JSON: 1–6 questions of every kind, conditional asking, 1–7 rules of every
/// effect (some ending the quiz), 0–3 plan parts, screening questions with findings.
pub fn random_protocol(seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let n_questions = 1 + rng.below(6);
    let mut questions: Vec<Q> = Vec::new();
    let mut question_json = Vec::new();
    for i in 0..n_questions {
        let kind = ["yes_no", "single_choice", "multiple_choice", "number"][rng.below(4)];
        let q = Q {
            id: format!("q{i}"),
            kind,
            options: match kind {
                "single_choice" => 2 + rng.below(3),
                "multiple_choice" => 1 + rng.below(3),
                _ => 0,
            },
            unsure: kind == "yes_no" && rng.chance(50),
            max: 1 + rng.below(5) as i64,
        };
        let mut doc = json!({"id": q.id, "kind": kind, "prompt": format!("Question {i}?")});
        let screening = rng.chance(50);
        match kind {
            "yes_no" => {
                doc["unsure"] = q.unsure.into();
                doc["screening"] = screening.into();
            }
            "single_choice" | "multiple_choice" => {
                let unsure_option = kind == "single_choice" && rng.chance(30);
                let mut options: Vec<Value> =
                    (0..q.options).map(|o| json!({"id": format!("o{o}"), "label": format!("Option {o}")})).collect();
                if unsure_option {
                    options.last_mut().unwrap()["unsure"] = true.into();
                }
                if screening {
                    options[rng.below(q.options)]["finding"] = true.into();
                    doc["screening"] = true.into();
                }
                doc["options"] = options.into();
                doc["informational"] = true.into();
            }
            _ => {
                doc["min"] = 0.into();
                doc["max"] = q.max.into();
                if screening {
                    doc["screening"] = true.into();
                    doc["safe_range"] = json!({"below": 1 + rng.below(q.max as usize) as i64});
                }
            }
        }
        if i > 0 && rng.chance(40) {
            doc["ask_if"] = condition(&mut rng, &questions, 2);
        }
        question_json.push(doc);
        questions.push(q);
    }

    let n_rules = 1 + rng.below(7);
    let rules: Vec<Value> = (0..n_rules)
        .map(|r| {
            let effect = ["note", "consult", "postpone", "not_candidate"][rng.below(4)];
            let mut rule = json!({
                "id": format!("r{r}"), "when": condition(&mut rng, &questions, 3),
                "effect": effect, "reason": format!("Rule {r}."), "source": ["test"]
            });
            if effect == "postpone" {
                rule["come_back"] = "later".into();
            }
            if effect != "note" && rng.chance(25) {
                rule["ends_quiz"] = true.into();
            }
            // Without drawing from `rng`, so that earlier seeds make the same protocols.
            if r % 3 == 1 {
                rule["red_flag"] = "a doctor today".into();
            }
            rule
        })
        .collect();
    let plans: Vec<Value> = (0..rng.below(4))
        .map(|p| {
            let min = 1 + rng.below(4) as u32;
            json!({
                "id": format!("p{p}"), "when": condition(&mut rng, &questions, 2), "label": format!("Plan {p}"),
                "sessions": {"min": min, "max": min + rng.below(3) as u32},
                "interval_weeks": {"min": 4, "max": 4 + rng.below(3) as u32}, "source": ["test"]
            })
        })
        .collect();
    let outcome = |s: &str| json!({"headline": s, "body": s});
    json!({
        "format": 1, "id": format!("random_{seed}"), "version": "1",
        "treatment": {"name": "T", "session": "S", "timeline": "T", "maintenance": "M"},
        "disclaimer": "D",
        "outcomes": {"candidate": outcome("c"), "postpone": outcome("p"), "consult": outcome("k"), "not_candidate": outcome("n")},
        "questions": question_json, "rules": rules, "plans": plans, "sources": {"test": "Test."}
    })
}

/// A random condition on `questions`, nested up to `depth`.
fn condition(rng: &mut Rng, questions: &[Q], depth: usize) -> Value {
    if depth > 0 && rng.chance(35) {
        let key = ["all", "any", "not"][rng.below(3)];
        if key == "not" {
            return json!({"not": condition(rng, questions, depth - 1)});
        }
        let parts: Vec<Value> = (0..1 + rng.below(3)).map(|_| condition(rng, questions, depth - 1)).collect();
        return json!({ key: parts });
    }
    let q = &questions[rng.below(questions.len())];
    match q.kind {
        "yes_no" => {
            let answers: &[&str] = if q.unsure { &["yes", "no", "unsure"] } else { &["yes", "no"] };
            json!({ answers[rng.below(answers.len())]: q.id })
        }
        "single_choice" | "multiple_choice" => {
            let option = |rng: &mut Rng| format!("o{}", rng.below(q.options));
            match rng.below(3) {
                0 => json!({"chose": {"question": q.id, "option": option(rng)}}),
                1 => {
                    json!({"chose_any": {"question": q.id, "options": [option(rng), option(rng)]}})
                }
                _ => {
                    json!({"chose_only": {"question": q.id, "options": [option(rng), option(rng)]}})
                }
            }
        }
        _ => {
            let low = rng.below(q.max as usize + 1) as i64;
            match rng.below(3) {
                0 => json!({"number": {"question": q.id, "at_least": low}}),
                1 => json!({"number": {"question": q.id, "below": low + 1}}),
                _ => {
                    json!({"number": {"question": q.id, "at_least": low, "below": low + 1 + rng.below(3) as i64}})
                }
            }
        }
    }
}
