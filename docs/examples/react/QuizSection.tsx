"use client";

// The example of docs/react.md: a clinic's landing-page section with the quiz inline, a second
// quiz in a popup opened from the page's own button, and the page reacting to the quiz's events.
// Type-checked by `cd e2e && npx tsc -p ../docs/examples/react/tsconfig.json`.

import { useEffect, useMemo, useRef, useState } from "react";
import type {
  CandidacyCallsToAction,
  CandidacyCompleteDetail,
  CandidacyOutcome,
  CandidacyQuizElement,
} from "@candidacy/widget";
import type {} from "@candidacy/widget/react";

const BOOKING_URL = "https://clinic.example/book";
const PHONE = "+1 555 0100";

// Outside the component: the same object on every render, so React never sets it again.
const CALLS_TO_ACTION: CandidacyCallsToAction = {
  candidate: { label: "Book your first session", url: "https://clinic.example/book?type=first" },
  consult: { label: "Book a free consultation", url: "https://clinic.example/book?type=consultation" },
};

export function QuizSection({ campaign }: { campaign: string }) {
  const quiz = useRef<CandidacyQuizElement>(null);
  const peel = useRef<CandidacyQuizElement>(null);
  // True once <candidacy-quiz> is defined: from then on it has its properties and methods.
  const [defined, setDefined] = useState(false);
  const [outcome, setOutcome] = useState<CandidacyOutcome | null>(null);
  const [leadSent, setLeadSent] = useState(false);
  // Goes only into the lead the visitor chooses to send; a new object would remount the widget.
  const hiddenFields = useMemo(() => ({ campaign, landing: "microneedling-spring" }), [campaign]);

  // The loader touches `window` and `HTMLElement` when it is imported: import it in the browser only.
  useEffect(() => {
    let current = true;
    import("@candidacy/widget").then(
      () => current && setDefined(true),
      () => {}, // the loader did not load: the element keeps showing its children (phone, booking link)
    );
    return () => {
      current = false;
    };
  }, []);

  // Events can be listened to before the element is defined: it dispatches them once it runs.
  useEffect(() => {
    const element = quiz.current;
    if (!element) return;
    // The outcome comes with `analytics-outcome` (set below): a clinic choosing to see it.
    const onComplete = (event: CustomEvent<CandidacyCompleteDetail>) => setOutcome(event.detail.outcome ?? null);
    const onLeadSent = () => setLeadSent(true);
    element.addEventListener("candidacy:complete", onComplete);
    element.addEventListener("candidacy:lead-sent", onLeadSent);
    return () => {
      element.removeEventListener("candidacy:complete", onComplete);
      element.removeEventListener("candidacy:lead-sent", onLeadSent);
    };
  }, []);

  return (
    <section aria-labelledby="candidacy-section-heading">
      <h2 id="candidacy-section-heading">Is microneedling right for you?</h2>
      <candidacy-quiz
        ref={quiz}
        id="quiz-microneedling"
        clinic-name="Glow Clinic"
        booking-url={BOOKING_URL}
        phone={PHONE}
        start="first-question"
        lead-endpoint="https://clinic.example/api/candidacy-lead"
        analytics
        analytics-outcome
        cta-attribution
        // Objects are set as properties, which exist once the element is defined (see docs/react.md).
        cta={defined ? CALLS_TO_ACTION : undefined}
        hiddenFields={defined ? hiddenFields : undefined}
        style={{ "--candidacy-primary": "#6b2d5c" }}
      >
        <p>
          Call Glow Clinic on <a href="tel:+15550100">{PHONE}</a> or <a href={BOOKING_URL}>book a consultation</a>.
        </p>
      </candidacy-quiz>
      {outcome === "candidate" && (
        <p>
          <a href="/microneedling/first-session">What happens at your first session</a>
        </p>
      )}
      {!leadSent && (
        <p>
          Rather talk first? <a href="/contact">Leave us your number</a> and we will call you.
        </p>
      )}

      <h2>Thinking about a chemical peel?</h2>
      <button type="button" disabled={!defined} onClick={() => peel.current?.open()}>
        Check if a peel suits you
      </button>
      <candidacy-quiz
        ref={peel}
        id="quiz-peel"
        mode="popup"
        loading="lazy"
        launcher-text="Am I a candidate for a peel?"
        protocol="/candidacy/protocols/chemical-peel.json"
        clinic-name="Glow Clinic"
        booking-url={BOOKING_URL}
        phone={PHONE}
      >
        <p>
          Call Glow Clinic on <a href="tel:+15550100">{PHONE}</a> to ask about chemical peels.
        </p>
      </candidacy-quiz>
    </section>
  );
}
