// What every browser test shares: where the server and the screenshots are, Debian's
// Chromium launched headless, logging in as a demo account, and named steps that are all run
// and reported (exit code 1 when any failed).
//
//   VSOKO_URL  base URL of a running `vsoko demo` server (default http://127.0.0.1:18080)
//   E2E_OUT    directory for screenshots (default <repo>/target/e2e)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BASE = (process.env.VSOKO_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const OUT = process.env.E2E_OUT ? path.resolve(process.env.E2E_OUT) : path.resolve(HERE, '../../target/e2e');
export const CHROMIUM = '/usr/bin/chromium';
export const PASSWORD = 'demo';

/// Today as the pages write dates (dd.mm.yyyy, UTC like the server).
export function todayRu() {
  const [y, m, d] = new Date().toISOString().slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/// Debian's Chromium, headless; the screenshot directory is created first.
export async function launch() {
  mkdirSync(OUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/// A new browser context logged in as a demo account: `{ context, page }` on the home page.
export async function login(browser, loginName, { viewport = { width: 1400, height: 900 }, timeout = 20_000 } = {}) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=login]', loginName);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form[action="/login"] button[type=submit]')]);
  return { context, page };
}

/// Named steps: `step(name, fn)` runs one and records a failure without stopping the rest;
/// `finish()` prints the tally and exits (1 when any step failed).
export function steps() {
  const failures = [];
  let total = 0;
  const step = async (name, fn) => {
    total += 1;
    try {
      await fn();
      console.log(`ok ${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`FAIL ${name}: ${err.message}`);
    }
  };
  const finish = () => {
    console.log(failures.length ? `${failures.length} of ${total} failed: ${failures.join(', ')}` : `all ${total} passed`);
    process.exit(failures.length ? 1 : 0);
  };
  return { step, finish };
}
