// Browser end-to-end test of the dashboards on the demo school: the deputy opens the results
// and sees "the school at a glance" — the lenient class among the objectivity signals, 6Б's
// weak skill among the problem zones, and the value-added block — with XLSX links beside the
// tables; the value-added page opens from the menu; a teacher sees at most his own teacher
// line there, labelled methodical support. Assertions on value-added lines run only when the
// demo holds a linked pair of works.
//
//   VSOKO_URL=http://127.0.0.1:18080 E2E_OUT=../../target/e2e node dashboards.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.VSOKO_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const OUT = process.env.E2E_OUT ? path.resolve(process.env.E2E_OUT) : path.resolve(HERE, '../../target/e2e');
const CHROMIUM = '/usr/bin/chromium';

async function login(browser, loginName) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=login]', loginName);
  await page.fill('input[name=password]', 'demo');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form[action="/login"] button[type=submit]')]);
  return { context, page };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
  let vaLines = 0;
  try {
    await step('deputy-sees-the-school-at-a-glance', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        await page.click('nav a[href="/results"]');
        await page.waitForURL((u) => u.pathname === '/results');
        assert.equal(await page.locator('#glance').count(), 1, 'the overview is shown');
        assert.ok((await page.locator('#signals-lenient li.lenient').count()) > 0, 'a lenient class is signalled');
        assert.ok((await page.locator('#signals-deficits li.deficit[data-class="6Б"]').count()) > 0, "6Б's weak skill is a problem zone");
        const link = page.locator('#signals-deficits li.deficit[data-class="6Б"] a').first();
        assert.match(await link.getAttribute('href'), /\/assessments\/.+\/analysis\?class=/);
        assert.ok((await page.locator('a.export[href^="/results.xlsx"]').count()) > 0, 'the tables have an XLSX link');
        vaLines = await page.locator('#signals-va li.va-class').count();
        await page.screenshot({ path: path.join(OUT, 'dashboard-deputy.png'), fullPage: true });
        await Promise.all([page.waitForURL((u) => u.pathname.includes('/analysis')), link.click()]);
        assert.ok((await page.locator('tr.skill[data-status="deficit"], tr.task[data-status="deficit"]').count()) > 0, 'the drill-down shows the deficit');
      } finally {
        await context.close();
      }
    });

    await step('deputy-opens-value-added', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        await page.click('nav a[href="/value-added"]');
        await page.waitForURL((u) => u.pathname === '/value-added');
        // The demo links ВПР 2026 to the administrative control work of October.
        assert.ok(vaLines > 0, 'the demo pair of works gives value-added by class on the overview');
        assert.ok((await page.locator('#va-classes tr.va-line').count()) > 0, 'a line per class');
        assert.ok((await page.locator('#va-model').innerText()).includes('n ='), 'the model carries its n');
        assert.equal(await page.locator('#va-teachers').count(), 1, 'the deputy sees the teacher section');
        // Grades 7–8 learn mathematics as algebra and geometry: their teachers own the maths work.
        assert.ok((await page.locator('#va-teachers tr.va-line').count()) >= 2, 'the strong and the weak maths teacher each have a line');
        assert.ok((await page.locator('#va-support').innerText()).includes('Методическая поддержка'));
        await page.screenshot({ path: path.join(OUT, 'value-added-deputy.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await step('teacher-sees-only-his-own-value-added-line', async () => {
      const { context, page } = await login(browser, 'teacher');
      try {
        const res = await page.goto(`${BASE}/value-added`);
        assert.equal(res?.status(), 200);
        assert.ok((await page.locator('#va-teachers tr.va-line').count()) <= 1, 'at most his own line');
      } finally {
        await context.close();
      }
    });

    await step('parent-cannot-open-value-added', async () => {
      const { context, page } = await login(browser, 'parent');
      try {
        const res = await page.goto(`${BASE}/value-added`);
        assert.equal(res?.status(), 404);
      } finally {
        await context.close();
      }
    });
  } finally {
    await browser.close();
  }
  console.log(`e2e dashboards summary: ${total - failures.length}/${total} passed` + (failures.length ? `; failed: ${failures.join(', ')}` : ''));
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
