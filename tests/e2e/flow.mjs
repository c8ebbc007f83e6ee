// Browser end-to-end test of the journal → diary flow: the teacher types a mark for the demo
// pupil in 7А's journal with the keyboard; the parent opens the diary at once and sees it in
// the new-marks feed and in today's lesson; the deputy sees the journal control page.
//
//   VSOKO_URL=http://127.0.0.1:18080 E2E_OUT=../../target/e2e node flow.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.VSOKO_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const OUT = process.env.E2E_OUT ? path.resolve(process.env.E2E_OUT) : path.resolve(HERE, '../../target/e2e');
const CHROMIUM = '/usr/bin/chromium';

function todayRu() {
  const [y, m, d] = new Date().toISOString().slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

async function login(browser, loginName, viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport });
  context.setDefaultTimeout(15_000);
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
  const step = async (name, fn) => {
    try {
      await fn();
      console.log(`ok ${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`FAIL ${name}: ${err.message}`);
    }
  };
  try {
    // The demo pupil (7А) is the parent's child.
    const pupil = await login(browser, 'pupil');
    const me = await pupil.page.evaluate(async () => (await fetch('/api/v1/me')).json());
    await pupil.context.close();
    const pupilId = me.pupil_id;
    let mark = '5';
    let subject = '';

    await step('teacher-marks-7a-pupil', async () => {
      const { context, page } = await login(browser, 'teacher');
      try {
        await page.goto(`${BASE}/journal`);
        const link = page.locator('#my-journals a', { hasText: '7А' }).first();
        await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/journal/')), link.click()]);
        subject = (await page.locator('h1').innerText()).split('·').pop().trim();
        const today = todayRu();
        const column = () =>
          page.evaluate((d) => {
            let found = -1;
            document.querySelectorAll('#jgrid thead th').forEach((th, i) => {
              if (th.dataset.lesson && (th.title || '').startsWith(d)) found = i;
            });
            return found;
          }, today);
        let col = await column();
        if (col < 0) {
          await page.locator('#jadd-form input[name=date]').fill(today);
          await page.locator('#jadd-form input[name=topic]').fill('Проверка дневника (e2e)');
          await page.locator('#jadd-form input[name=homework]').fill('№ 10');
          await Promise.all([page.waitForURL((u) => u.searchParams.has('period')), page.locator('#jadd-form input[name=homework]').press('Enter')]);
          col = await column();
        }
        assert.ok(col >= 0, `a lesson dated ${today}`);
        const cell = page.locator(`#jgrid tbody tr[data-pupil="${pupilId}"] td:nth-child(${col + 1}) input.jc`);
        const before = (await cell.inputValue()).trim();
        mark = before === '5' ? '4' : '5';
        await cell.focus();
        await page.keyboard.press('Control+A');
        await page.keyboard.type(mark);
        await page.keyboard.press('Enter');
        await cell.locator('xpath=..').locator('xpath=self::td[@data-state="saved"]').waitFor({ timeout: 10_000 });
      } finally {
        await context.close();
      }
    });

    await step('parent-sees-it-in-the-diary', async () => {
      const { context, page } = await login(browser, 'parent', { width: 390, height: 844 });
      try {
        await page.goto(`${BASE}/diary?pupil=${pupilId}`);
        const feed = page.locator('#diary-feed');
        await feed.waitFor();
        const text = await feed.innerText();
        assert.ok(text.includes(subject) && text.includes(mark), `the feed lists ${subject} ${mark}: ${text}`);
        const todayCard = page.locator('.diary-day.today');
        assert.ok((await todayCard.innerText()).includes(mark), "today's lesson shows the mark");
        await page.screenshot({ path: path.join(OUT, 'flow-parent-diary.png'), fullPage: false });
      } finally {
        await context.close();
      }
    });

    await step('deputy-sees-journal-control', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        for (const tab of ['topics', 'marks', 'late', 'overview']) {
          const res = await page.goto(`${BASE}/control?tab=${tab}`);
          assert.equal(res?.status(), 200, `/control?tab=${tab}`);
          assert.ok((await page.locator('table').count()) > 0, `a table on the ${tab} tab`);
        }
        await page.screenshot({ path: path.join(OUT, 'flow-deputy-control.png'), fullPage: false });
      } finally {
        await context.close();
      }
    });
  } finally {
    await browser.close();
  }
  console.log(`e2e flow summary: ${3 - failures.length}/3 passed` + (failures.length ? `; failed: ${failures.join(', ')}` : ''));
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
