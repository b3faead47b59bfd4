// Load an HTML file in headless Chromium, run axe-core on it, print the result as JSON.
// Usage: node axe_check.cjs NODE_PREFIX CHROMIUM PAGE.html [SCREENSHOT.png]
// NODE_PREFIX is the folder `npm install --prefix` put playwright-core and axe-core in.
"use strict";
const path = require("path");
const fs = require("fs");
const os = require("os");

const [prefix, chromium, page, screenshot] = process.argv.slice(2);
const modules = path.resolve(prefix, "node_modules");
const { chromium: launcher } = require(path.join(modules, "playwright-core"));
const axeSource = fs.readFileSync(path.join(modules, "axe-core", "axe.min.js"), "utf8");

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "coproduction-axe-"));
  const context = await launcher.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    javaScriptEnabled: true, // for axe itself: the report has no scripts of its own
    viewport: { width: 1000, height: 1400 },
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    const tab = context.pages()[0] || (await context.newPage());
    await tab.goto("file://" + path.resolve(page));
    if (screenshot) await tab.screenshot({ path: screenshot });
    await tab.addScriptTag({ content: axeSource });
    const result = await tab.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const found = await axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        resultTypes: ["violations", "incomplete"],
      });
      return {
        version: found.testEngine.version,
        violations: found.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")),
        })),
        passes: found.passes.length,
        incomplete: found.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ") + ": " + (n.any[0] && n.any[0].message)) })),
      };
    });
    process.stdout.write(JSON.stringify(result) + "\n");
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(3);
});
