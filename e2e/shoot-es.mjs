// Writes docs/images/widget-es-*.png: the widget in Spanish at phone width, for the README.
// Run after a release build: node e2e/shoot-es.mjs
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const port = 4490 + Math.floor(Math.random() * 50);
const server = spawn(process.execPath, ["serve.mjs", "../dist", String(port), "pages"], { cwd: here("."), stdio: "ignore" });
try {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 390, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${port}/site/blank.html`);
  await page.evaluate(() => {
    document.documentElement.lang = "es";
    const quiz = document.createElement("candidacy-quiz");
    for (const [name, value] of Object.entries({ "clinic-name": "Clínica Luz", phone: "+34 910 000 000", "booking-url": "https://clinica.example/reservar" })) {
      quiz.setAttribute(name, value);
    }
    document.getElementById("slot").replaceChildren(quiz);
  });
  const widget = page.locator("candidacy-quiz .candidacy:not([data-first-screen])");
  await widget.locator('[data-action="start"]').click();
  await widget.locator('input[value="acne_scars"]').check();
  await page.locator("candidacy-quiz").screenshot({ path: here("../docs/images/widget-es-question.png"), animations: "disabled" });
  await browser.close();
  console.log("wrote docs/images/widget-es-question.png");
} finally {
  server.kill();
}
