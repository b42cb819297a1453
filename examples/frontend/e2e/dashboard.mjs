#!/usr/bin/env node
// Opens the built dashboard in headless Chromium, logs in and saves a screenshot.
//
//   node e2e/dashboard.mjs --page URL --phone P --password W --screenshot FILE
//       [--post-order CASE_ID --graphql URL --token T]
//
// With --post-order, once the dashboard shows, another client (this script, with token T) posts
// that case to the order board through the gateway, and the page must show it without a reload
// (`liveOrder` in the output: the board's text once it holds the case's number).
// Prints one JSON line describing what the page shows; exits 1 when the dashboard does not
// appear (the page's error line and console are printed). CHROMIUM overrides /usr/bin/chromium.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import { chromium } from "playwright-core";

function optional(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

async function postOrder(graphql, token, caseId) {
  const response = await fetch(graphql, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: "mutation($i: PostOrderInput!) { postOrder(input: $i) { case { number } } }",
      variables: { i: { caseId } },
    }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`postOrder failed: ${JSON.stringify(body.errors)}`);
  }
  return body.data.postOrder.case.number;
}

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0 || !process.argv[at + 1]) {
    process.stderr.write(`dashboard: --${name} is required\n`);
    process.exit(2);
  }
  return process.argv[at + 1];
}

const page_url = option("page");
const screenshot = option("screenshot");

// No internet here: nothing may phone home or update itself.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const console_lines = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  page.on("console", (message) => console_lines.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => console_lines.push(`pageerror: ${error.message}`));
  await page.goto(page_url);
  await page.fill("input[name=phone]", option("phone"));
  await page.fill("input[name=password]", option("password"));
  await page.click("button[type=submit]");
  const shown = await Promise.race([
    page.waitForSelector("[data-testid=dashboard]:not([hidden])", { timeout: 30_000 }).then(() => "dashboard"),
    page.waitForSelector("[data-testid=error]:not([hidden])", { timeout: 30_000 }).then(() => "error"),
  ]);
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  if (shown !== "dashboard") {
    const message = await page.textContent("[data-testid=error]");
    process.stderr.write(`dashboard: the page shows an error: ${message}\n${console_lines.join("\n")}\n`);
    process.exitCode = 1;
  } else {
    const summary = {
      title: await page.textContent("#dashboard h1"),
      cases: await page.$$eval("[data-testid=case]", (rows) => rows.map((row) => [...row.cells].map((c) => c.textContent))),
      stats: await page.textContent("[data-testid=stats]"),
      orderBoard: await page.textContent("[data-testid=order-board]"),
      leaderboard: await page.textContent("[data-testid=leaderboard]"),
      chart: (await page.$$("svg rect")).length,
      chartLabels: await page.$$eval("svg text", (texts) => texts.map((text) => text.textContent)),
      lang: await page.getAttribute("html", "lang"),
    };
    const caseId = optional("post-order");
    if (caseId) {
      const number = await postOrder(option("graphql"), option("token"), caseId);
      await page.waitForFunction(
        (wanted) => document.querySelector("[data-testid=order-board]")?.textContent?.includes(wanted),
        number,
        { timeout: 30_000 },
      );
      summary.liveOrder = await page.textContent("[data-testid=order-board]");
      summary.liveOrderCount = await page.textContent("[data-testid=order-board-count]");
      await page.screenshot({ path: screenshot.replace(/\.png$/, "-live.png"), fullPage: true });
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
} catch (error) {
  process.stderr.write(`dashboard: ${error.message}\n${console_lines.join("\n")}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
