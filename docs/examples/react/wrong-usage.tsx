// Wrong on purpose: each element below must fail to type-check, proving the JSX types refuse it.
// Not part of the recipe; `tsc` fails if any of these becomes accepted.

import type {} from "@candidacy/widget/react";

export function WrongUsage() {
  return (
    <>
      {/* @ts-expect-error `mode` is "inline" or "popup" */}
      <candidacy-quiz mode="sideways" />
      {/* @ts-expect-error `cta` is set as a property in React 19: an object, not JSON text */}
      <candidacy-quiz cta='{"consult": {"label": "Book", "url": "https://clinic.example/book"}}' />
      {/* @ts-expect-error a switch is `true` or `false` */}
      <candidacy-quiz share-answers="yes" />
      {/* @ts-expect-error `start` is "welcome" or "first-question" */}
      <candidacy-quiz start="middle" />
      {/* @ts-expect-error hidden fields are strings */}
      <candidacy-quiz hiddenFields={{ campaign: 2026 }} />
    </>
  );
}
