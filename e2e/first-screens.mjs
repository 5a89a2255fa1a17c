// Writes FIRST_SCREENS at the end of static/candidacy.js: the widget's first screens (welcome,
// and the first question for start="first-question") for the built-in protocol, exactly as the
// widget renders them, with the clinic's details as tokens. The loader shows them while the wasm
// loads, so a visitor sees the quiz as soon as the page does. Run after a release build whenever
// the first screens change:
//
//   trunk build --release && node e2e/first-screens.mjs && trunk build --release
//
// `node e2e/first-screens.mjs --check` writes nothing: it fails when the loader's copy differs.
// The widget runs the built-in protocol compiled into the wasm (English) and fetches its other
// languages' texts from dist/protocols/; the locales are the ones its source declares.
//
// e2e/tests/first_paint.spec.ts fails when this file no longer matches what the widget renders.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
/** The tokens the loader replaces, and the values the widget renders in their place here. */
const TOKENS = {
  clinic: { token: "⟦clinic⟧", value: "Clinic Name Token" },
  phone: { token: "⟦phone⟧", value: "+1 555 0199" },
  tel: { token: "⟦tel⟧", value: "tel:+15550199" },
  booking: { token: "⟦booking⟧", value: "https://booking.invalid/token" },
};
const SCREENS = ["welcome", "first-question"];
const check = process.argv.includes("--check");
const protocol = JSON.parse(readFileSync(here("../static/protocols/microneedling.json"), "utf8"));
/** The widget's word for a clinic without a name, per locale (crates/core/src/messages/<locale>.rs). */
const theClinic = (locale) => {
  const messages = readFileSync(here(`../crates/core/src/messages/${locale.split("-")[0]}.rs`), "utf8");
  return messages.match(/the_clinic: "([^"]*)"/)[1];
};

const port = 4390 + Math.floor(Math.random() * 100);
const server = spawn(process.execPath, ["serve.mjs", "../dist", String(port), "pages"], { cwd: here("."), stdio: "ignore" });
try {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox"] });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/site/blank.html`);
  const screens = {};
  for (const [locale, start] of protocol.locales.flatMap((locale) => SCREENS.map((start) => [locale, start]))) {
    const html = await page.evaluate(
      async ({ locale, start, tokens }) => {
        const quiz = document.createElement("candidacy-quiz");
        quiz.id = `capture-${start}`;
        quiz.setAttribute("locale", locale);
        quiz.setAttribute("start", start);
        quiz.setAttribute("clinic-name", tokens.clinic.value);
        quiz.setAttribute("phone", tokens.phone.value);
        quiz.setAttribute("booking-url", tokens.booking.value);
        document.body.append(quiz);
        // The widget's own rendering, not the loader's copy of it from an earlier run.
        const live = () => quiz.shadowRoot?.querySelector(".candidacy:not([data-first-screen])");
        for (let i = 0; i < 200 && !live()?.querySelector("[data-step], [data-question-id]"); i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        const widget = live();
        if (!widget?.querySelector("[data-step=welcome], [data-question-id]")) throw new Error(`no first screen for start=${start}`);
        let html = widget.outerHTML;
        for (const { token, value } of Object.values(tokens)) html = html.split(value).join(token);
        quiz.remove();
        return html;
      },
      { locale, start, tokens: TOKENS },
    );
    screens[`${locale}:${start}`] = html;
  }
  await browser.close();
  const file = here("../static/candidacy.js");
  const loader = readFileSync(file, "utf8");
  const block = /(\/\/ <first-screens>[^\n]*\n)[\s\S]*?(\/\/ <\/first-screens>)/;
  if (!block.test(loader)) throw new Error(`no <first-screens> block in ${file}`);
  const generated = {
    locales: protocol.locales,
    theClinic: Object.fromEntries(protocol.locales.map((locale) => [locale, theClinic(locale)])),
    screens,
  };
  const json = JSON.stringify(generated, null, 2).replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  const written = loader.replace(block, (_, open, close) => `${open}const FIRST_SCREENS = ${json};\n${close}`);
  if (check) {
    if (written !== loader) {
      console.error(`${file}: FIRST_SCREENS differs from what the widget renders: run node e2e/first-screens.mjs`);
      process.exitCode = 1;
    } else {
      console.log(`${file}: FIRST_SCREENS matches the widget`);
    }
  } else {
    writeFileSync(file, written);
    console.log(`wrote ${file}`);
  }
} finally {
  server.kill();
}
