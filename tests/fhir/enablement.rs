//! An independent reading of whether a questionnaire item is enabled in a response: R4's
//! `enableWhen` (`Questionnaire.item.enableWhen`, `enableBehavior`) and exactly the FHIRPath subset
//! the exports write in an SDC `enableWhenExpression`. Anything else (the operators `!=`, `>`,
//! `<=`, another FHIRPath function) panics: the exports promise never to write it.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde_json::{json, Value as Json};

pub const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

/// Whether `item` (of the questionnaire) is enabled in `response`.
pub fn is_enabled(item: &Json, response: &Json) -> bool {
    let conditions = item["enableWhen"].as_array().map_or(&[][..], Vec::as_slice);
    let expression = expression_of(item);
    assert!(conditions.is_empty() || expression.is_none(), "SDC: an expression only without enableWhen: {item}");
    if let Some(expression) = expression {
        let result = evaluate(&parse(expression), &[], response);
        assert!(
            matches!(result.as_slice(), [item] if item.is_boolean()),
            "`{expression}` gave {result:?}, not a boolean"
        );
        return is_true(&result);
    }
    let holds = conditions.iter().map(|condition| condition_holds(condition, response));
    match (conditions.len(), item["enableBehavior"].as_str()) {
        (0, None) => true,
        (1, None) => holds.into_iter().all(|h| h),
        (2.., Some("all")) => holds.into_iter().all(|h| h),
        (2.., Some("any")) => holds.into_iter().any(|h| h),
        (n, behavior) => panic!("{n} enableWhen with enableBehavior {behavior:?} (que-12): {item}"),
    }
}

/// The questions (link ids) that `item`'s enabling refers to.
pub fn referenced_questions(item: &Json) -> BTreeSet<String> {
    let mut referenced: BTreeSet<String> = (item["enableWhen"].as_array().into_iter().flatten())
        .map(|condition| condition["question"].as_str().unwrap().to_owned())
        .collect();
    if let Some(expression) = expression_of(item) {
        for part in expression.split("linkId='").skip(1) {
            referenced.insert(part.split('\'').next().unwrap().to_owned());
        }
    }
    referenced
}

pub fn expression_of(item: &Json) -> Option<&str> {
    let extensions = item["extension"].as_array().into_iter().flatten();
    let extension = extensions.into_iter().find(|extension| extension["url"] == ENABLE_WHEN_EXPRESSION)?;
    assert_eq!(extension["valueExpression"]["language"], "text/fhirpath");
    extension["valueExpression"]["expression"].as_str()
}

/// R4: `exists` compares whether there is an answer; `=`, `<` and `>=` hold when at least one
/// answer compares so (a question without answers has none that does).
fn condition_holds(condition: &Json, response: &Json) -> bool {
    let answers = answers_to(response, condition["question"].as_str().unwrap());
    let answered = !answers.is_empty();
    let integer = |answer: &Json| answer["valueInteger"].as_i64();
    match condition["operator"].as_str().unwrap() {
        "exists" => answered == condition["answerBoolean"].as_bool().unwrap(),
        "=" if condition.get("answerCoding").is_some() => {
            let expected = &condition["answerCoding"];
            answers.iter().any(|answer| {
                let coding = &answer["valueCoding"];
                coding["system"] == expected["system"] && coding["code"] == expected["code"]
            })
        }
        "=" => answers.iter().any(|answer| integer(answer) == condition["answerInteger"].as_i64()),
        "<" => answers.iter().any(|answer| integer(answer) < condition["answerInteger"].as_i64()),
        ">=" => answers.iter().any(|answer| integer(answer) >= condition["answerInteger"].as_i64()),
        other => panic!("the exports never write the operator `{other}`"),
    }
}

fn answers_to<'r>(response: &'r Json, link_id: &str) -> Vec<&'r Json> {
    let items = response["item"].as_array().into_iter().flatten();
    let items = items.filter(|item| item["linkId"] == link_id);
    items.flat_map(|item| item["answer"].as_array().into_iter().flatten()).collect()
}

// ---------------------------------------------------------------------------------------------
// The FHIRPath subset: `or`, `and`, `=`, `<`, `>=`, parentheses, `%resource`, `$this`, string and
// integer literals, member access (`value` reading a choice type), and the functions `repeat`,
// `where`, `all`, `exists` and `not`, with FHIRPath's empty-collection and three-valued logic.

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Literal(Json),
    Resource,
    This,
    Member(Box<Expr>, String),
    Call(Box<Expr>, String, Vec<Expr>),
    Binary(Box<Expr>, &'static str, Box<Expr>),
}

fn parse(text: &str) -> Expr {
    let mut parser = Parser { tokens: tokenize(text), at: 0 };
    let expr = parser.expression();
    assert_eq!(parser.at, parser.tokens.len(), "trailing tokens in `{text}`");
    expr
}

fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '\'' {
            chars.next();
            let literal: String = chars.by_ref().take_while(|&c| c != '\'').collect();
            tokens.push(format!("'{literal}"));
        } else if c.is_alphanumeric() || "%$_".contains(c) {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphanumeric() || "%$_".contains(**c)) {
                word.push(c);
                chars.next();
            }
            tokens.push(word);
        } else if c == '>' {
            chars.next();
            assert_eq!(chars.next(), Some('='), "only `>=` is written");
            tokens.push(">=".to_owned());
        } else {
            assert!("().=<-".contains(c), "unexpected `{c}` in `{text}`");
            tokens.push(chars.next().unwrap().to_string());
        }
    }
    tokens
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn next(&mut self) -> String {
        self.at += 1;
        self.tokens[self.at - 1].clone()
    }

    fn expect(&mut self, token: &str) {
        assert_eq!(self.next(), token);
    }

    fn expression(&mut self) -> Expr {
        let mut left = self.conjunction();
        while self.peek() == Some("or") {
            self.next();
            left = Expr::Binary(Box::new(left), "or", Box::new(self.conjunction()));
        }
        left
    }

    fn conjunction(&mut self) -> Expr {
        let mut left = self.comparison();
        while self.peek() == Some("and") {
            self.next();
            left = Expr::Binary(Box::new(left), "and", Box::new(self.comparison()));
        }
        left
    }

    fn comparison(&mut self) -> Expr {
        let left = self.path();
        match self.peek() {
            Some(op @ ("=" | "<" | ">=")) => {
                let op = match op {
                    "=" => "=",
                    "<" => "<",
                    _ => ">=",
                };
                self.next();
                Expr::Binary(Box::new(left), op, Box::new(self.path()))
            }
            _ => left,
        }
    }

    fn path(&mut self) -> Expr {
        let mut target = self.primary();
        while self.peek() == Some(".") {
            self.next();
            let name = self.next();
            target =
                if self.peek() == Some("(") { self.call(target, name) } else { Expr::Member(Box::new(target), name) };
        }
        target
    }

    fn call(&mut self, target: Expr, name: String) -> Expr {
        self.expect("(");
        let mut arguments = Vec::new();
        if self.peek() != Some(")") {
            arguments.push(self.expression());
        }
        self.expect(")");
        Expr::Call(Box::new(target), name, arguments)
    }

    fn primary(&mut self) -> Expr {
        let token = self.next();
        match token.as_str() {
            "(" => {
                let inner = self.expression();
                self.expect(")");
                inner
            }
            "%resource" => Expr::Resource,
            "$this" => Expr::This,
            "true" => Expr::Literal(json!(true)),
            "false" => Expr::Literal(json!(false)),
            "-" => Expr::Literal(json!(-self.next().parse::<i64>().unwrap())),
            _ if token.starts_with('\'') => Expr::Literal(json!(token[1..])),
            _ if token.starts_with(|c: char| c.is_ascii_digit()) => Expr::Literal(json!(token.parse::<i64>().unwrap())),
            // A bare name is a member of the item in focus, as in `where(code='Y')`.
            _ => Expr::Member(Box::new(Expr::This), token),
        }
    }
}

/// A FHIRPath collection: items of the response, borrowed, or values made on the way.
type Items<'r> = Vec<Cow<'r, Json>>;

/// The collection `expr` evaluates to, with `this` in focus.
fn evaluate<'r>(expr: &Expr, this: &[Cow<'r, Json>], resource: &'r Json) -> Items<'r> {
    let each_holds = |items: &[Cow<'r, Json>], criteria: &Expr| -> Vec<bool> {
        let holds = |item: &Cow<'r, Json>| is_true(&evaluate(criteria, std::slice::from_ref(item), resource));
        items.iter().map(holds).collect()
    };
    let owned = |value: Json| vec![Cow::Owned(value)];
    match expr {
        Expr::Literal(value) => owned(value.clone()),
        Expr::Resource => vec![Cow::Borrowed(resource)],
        Expr::This => this.to_vec(),
        Expr::Member(target, name) => {
            evaluate(target, this, resource).iter().flat_map(|item| member(item, name)).collect()
        }
        Expr::Call(target, function, arguments) => {
            let items = evaluate(target, this, resource);
            match (function.as_str(), arguments.as_slice()) {
                ("repeat", [projection]) => {
                    let (mut found, mut queue) = (Vec::new(), items);
                    while let Some(item) = queue.pop() {
                        let projected = evaluate(projection, std::slice::from_ref(&item), resource);
                        found.extend(projected.iter().cloned());
                        queue.extend(projected);
                    }
                    found
                }
                ("where", [criteria]) => {
                    let holds = each_holds(&items, criteria);
                    items.into_iter().zip(holds).filter(|(_, holds)| *holds).map(|(item, _)| item).collect()
                }
                ("all", [criteria]) => owned(json!(each_holds(&items, criteria).into_iter().all(|h| h))),
                ("exists", []) => owned(json!(!items.is_empty())),
                ("not", []) => match items.as_slice() {
                    [] => vec![],
                    [item] if item.is_boolean() => owned(json!(item.as_bool() == Some(false))),
                    other => panic!("not() of {other:?}"),
                },
                (function, _) => panic!("the exports never call `{function}`"),
            }
        }
        Expr::Binary(left, operator, right) => {
            let (left, right) = (evaluate(left, this, resource), evaluate(right, this, resource));
            binary(&left, operator, &right).into_iter().map(Cow::Owned).collect()
        }
    }
}

fn is_true(items: &[Cow<Json>]) -> bool {
    matches!(items, [item] if **item == json!(true))
}

/// A member of one item; `value` reads the choice type `value[x]`.
fn member<'r>(item: &Cow<'r, Json>, name: &str) -> Items<'r> {
    let found = |object: &'r Json| -> Vec<&'r Json> {
        let Some(object) = object.as_object() else { return vec![] };
        let values: Vec<&Json> = if name == "value" {
            object.iter().filter(|(key, _)| key.starts_with("value")).map(|(_, value)| value).collect()
        } else {
            object.get(name).into_iter().collect()
        };
        values
            .into_iter()
            .flat_map(|value| value.as_array().map_or_else(|| vec![value], |items| items.iter().collect()))
            .collect()
    };
    match item {
        Cow::Borrowed(item) => found(item).into_iter().map(Cow::Borrowed).collect(),
        // Only values made on the way are owned, and they have no members.
        Cow::Owned(_) => vec![],
    }
}

fn binary(left: &[Cow<Json>], operator: &str, right: &[Cow<Json>]) -> Vec<Json> {
    let truth = |side: &[Cow<Json>]| match side {
        [] => None,
        [item] => Some(item.as_bool().unwrap_or_else(|| panic!("{item} is not a boolean"))),
        other => panic!("{other:?} is not a boolean"),
    };
    match operator {
        "and" => match (truth(left), truth(right)) {
            (Some(false), _) | (_, Some(false)) => vec![json!(false)],
            (Some(true), Some(true)) => vec![json!(true)],
            _ => vec![],
        },
        "or" => match (truth(left), truth(right)) {
            (Some(true), _) | (_, Some(true)) => vec![json!(true)],
            (Some(false), Some(false)) => vec![json!(false)],
            _ => vec![],
        },
        _ => match (left, right) {
            ([l], [r]) => vec![json!(match operator {
                "=" => l == r,
                "<" => l.as_i64().unwrap() < r.as_i64().unwrap(),
                _ => l.as_i64().unwrap() >= r.as_i64().unwrap(),
            })],
            // A comparison with an empty side is empty.
            _ => vec![],
        },
    }
}

#[test]
fn the_fhirpath_subset_follows_fhirpath_on_a_small_response() {
    let response = json!({"item": [
        {"linkId": "a", "answer": [{"valueCoding": {"code": "x"}}, {"valueCoding": {"code": "y"}}]},
        {"linkId": "n", "answer": [{"valueInteger": 20}]}
    ]});
    let holds = |expression: &str| is_true(&evaluate(&parse(expression), &[], &response));
    let answers = |id: &str| format!("%resource.repeat(item).where(linkId='{id}').answer.value");
    assert!(holds(&format!("{}.where(code='y').exists()", answers("a"))));
    assert!(!holds(&format!("({}.exists() and {}.all(code='x'))", answers("a"), answers("a"))));
    assert!(holds(&format!("({}.exists() and {}.all(code='x' or code='y'))", answers("a"), answers("a"))));
    assert!(holds(&format!("{}.where($this >= 18 and $this < 22).exists()", answers("n"))));
    assert!(!holds(&format!("{}.where($this >= -5).exists()", answers("missing"))));
    assert!(holds(&format!("({}.exists()).not()", answers("missing"))));
}
