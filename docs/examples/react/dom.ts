// Plain DOM, no framework: the package's types make the element and its events typed wherever
// `document.querySelector("candidacy-quiz")` finds it. Type-checked with the React example.

import type { CandidacyOutcome, CandidacyQuizElement } from "@candidacy/widget";

const quiz = document.querySelector("candidacy-quiz"); // a CandidacyQuizElement, or null

// `outcome` is there only when the element has `analytics-outcome` (or `share-answers`).
quiz?.addEventListener("candidacy:complete", (event) => {
  const outcome: CandidacyOutcome | undefined = event.detail.outcome;
  const sessions = event.detail.plan ? `${event.detail.plan.sessionsMin}-${event.detail.plan.sessionsMax}` : "none";
  console.log(quiz.id, outcome, sessions);
});

quiz?.addEventListener("candidacy:fallback", (event) => {
  console.warn(`the quiz is not available (${event.detail.cause}); the clinic's phone is shown instead`);
});

// The events bubble out of the shadow root: the document hears every widget's.
document.addEventListener("candidacy:step", (event) => {
  console.log(event.detail.questionId, `${event.detail.index} of about ${event.detail.ofAbout}`);
});

if (quiz) {
  // Properties reflect their attributes; objects need no JSON.
  quiz.clinicName = "Glow Clinic";
  quiz.shareAnswers = false;
  quiz.cta = { consult: { label: "Book a free consultation", url: "https://clinic.example/book?type=consultation" } };
  quiz.hiddenFields = { campaign: "spring", landing: "a" };
  quiz.locale = null; // removes the attribute: the page's language again
  console.log(`candidacy ${quiz.version}`, quiz.cta?.consult?.label);
}

const popup = document.querySelector<CandidacyQuizElement>("candidacy-quiz[mode=popup]");
document.querySelector("#check-candidacy")?.addEventListener("click", () => popup?.open());

// Once the loader has run: the class, with the attributes it observes.
customElements.whenDefined("candidacy-quiz").then((Quiz) => console.log(Quiz.observedAttributes.join(", ")));

// Wrong on purpose: each line below must fail to type-check, proving the types refuse it.
if (quiz) {
  // @ts-expect-error `mode` is "inline" or "popup"
  quiz.mode = "sideways";
  // @ts-expect-error hidden fields are strings
  quiz.hiddenFields = { campaign: 2026 };
  // @ts-expect-error `cta` takes an object, not JSON text
  quiz.cta = '{"consult": {"label": "Book", "url": "https://clinic.example/book"}}';
  // @ts-expect-error `version` is read-only
  quiz.version = "9.9.9";
  quiz.addEventListener("candidacy:complete", (event) => {
    // @ts-expect-error outcomes are written with an underscore: "not_candidate"
    if (event.detail.outcome === "not-candidate") console.log("never");
  });
}
