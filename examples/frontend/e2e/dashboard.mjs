#!/usr/bin/env node
// Opens the built dashboard in headless Chromium, logs in and saves a screenshot.
//
//   node e2e/dashboard.mjs --page URL --phone P --password W --screenshot FILE [--nearby TITLE]
//       [--post-order CASE_ID --graphql URL --token T]
//
// Waits for every photo thumbnail to load (or fail), opens the first photo's full size by
// clicking it, and with --nearby clicks "Nearby" on the open case of that title and waits for
// the list. With --post-order, after that, another client (this script, with token T) posts that
// case to the order board through the gateway, and the page must show it without a reload
// (`liveOrder` in the output: the board's text once it holds the case's number).
// Prints one JSON line describing what the page shows; exits 1 when the dashboard does not
// appear (the page's error line and console are printed). CHROMIUM overrides /usr/bin/chromium.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import { chromium } from "playwright-core";

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

function option(name, required = true) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0 || !process.argv[at + 1]) {
    if (!required) return undefined;
    process.stderr.write(`dashboard: --${name} is required\n`);
    process.exit(2);
  }
  return process.argv[at + 1];
}

const page_url = option("page");
const screenshot = option("screenshot");
const nearbyOf = option("nearby", false);

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
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
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
  let photos = [];
  let fullPhoto = null;
  let nearby = null;
  if (shown === "dashboard") {
    // every thumbnail has loaded or failed: naturalWidth is 0 for one that failed
    await page.waitForFunction(
      () => [...document.querySelectorAll("[data-testid=photo] img")].every((img) => img.complete),
      null,
      { timeout: 30_000 },
    );
    photos = await page.$$eval("[data-testid=photo]", (links) =>
      links.map((link) => {
        const img = link.querySelector("img");
        return { case: link.closest("tr").cells[1].textContent, naturalWidth: img.naturalWidth, src: img.src, href: link.href };
      }),
    );
    if (photos.length > 0) {
      // a click opens the full photo in a new tab (noopener: the context sees the tab, not the page)
      const [tab] = await Promise.all([context.waitForEvent("page"), page.click("[data-testid=photo]")]);
      await tab.waitForLoadState("load");
      fullPhoto = { url: tab.url(), naturalWidth: await tab.$eval("img", (img) => img.naturalWidth) };
      await tab.close();
    }
    if (nearbyOf) {
      const row = page.locator("[data-testid=case]", { hasText: nearbyOf });
      await row.locator("button[data-nearby]").click();
      await page.waitForSelector("[data-testid=nearby]", { timeout: 30_000 });
      nearby = {
        heading: await page.textContent("[data-testid=nearby-panel] h2"),
        cases: await page.$$eval("[data-testid=nearby-case]", (items) =>
          items.map((item) => [...item.querySelectorAll("span")].map((span) => span.textContent)),
        ),
      };
    }
  }
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
      photos,
      fullPhoto,
      nearby,
    };
    const caseId = option("post-order", false);
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
