// Browser end-to-end test of a school control work: the teacher creates a work for 7А with
// three tasks (maxima 2, 1, 3) and own mark bands, then fills in scores in the grid with the
// keyboard only (typing, Tab, Shift+Tab, Enter; "х" for "not done"), waits for each cell's saved
// state, sees the sum and the mark computed from the bands at once, sees a score above the
// maximum refused in place (Escape reverts it), reloads and finds scores, sums and marks there.
//
// Plain Node (no test framework): node:assert, exit code 1 on any failure.
//
//   VSOKO_URL  base URL of a running `vsoko demo` server (default http://127.0.0.1:18080)
//   E2E_OUT    directory for screenshots (default <repo>/target/e2e)
//
// Uses Debian's /usr/bin/chromium through playwright-core; never run
// `npx playwright install`.

import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, OUT, launch, login as logIn, steps, todayRu } from './lib.mjs';

/** Logs in, reporting the page's script errors. */
async function login(browser, loginName) {
  const session = await logIn(browser, loginName, { timeout: 15_000 });
  session.page.on('pageerror', (err) => console.warn(`  [${loginName}] page error: ${err.message}`));
  return session;
}

/** Waits until the cell holding `input` shows `state` (saved, error). */
async function waitState(input, state) {
  await input.locator(`xpath=parent::td[@data-state="${state}"]`).waitFor({ timeout: 10_000 });
}

async function teacherEntersAWork(browser) {
  const { context, page } = await login(browser, 'teacher');
  try {
    await page.goto(`${BASE}/control-works`);
    const title = `КР «Дроби» ${Date.now()}`;
    await page.fill('#cw-form input[name=title]', title);
    const subject = await page.locator('#cw-form select[name=subject_id] option:not([value=""])').first().getAttribute('value');
    await page.selectOption('#cw-form select[name=subject_id]', subject);
    await page.fill('#cw-form input[name=date]', todayRu());
    await page.locator('#cw-classes label', { hasText: /^\s*7А\s*$/ }).locator('input').check();
    await page.fill('#cw-form textarea[name=tasks]', '1;2;Б;;Сложение дробей\n2;1;П\n3;3;В');
    await page.fill('#cw-form textarea[name=bands]', '2;0;2\n3;3;4\n4;5;5\n5;6;6');
    await Promise.all([
      page.waitForURL((u) => /^\/control-works\/[0-9a-f-]{36}$/.test(u.pathname)),
      page.click('#cw-form button[type=submit]'),
    ]);
    assert.equal(await page.locator('h1').textContent(), title);

    const grid = page.locator('table.cwgrid').first();
    const rows = grid.locator('tbody tr');
    const cell = (r, t) => rows.nth(r).locator('input.jc').nth(t);
    const sum = (r) => rows.nth(r).locator('td.cws');
    const mark = (r) => rows.nth(r).locator('td.cwm');

    // Row 1 with Tab: 2, not done, 3 → sum 5, mark 4 (bands 5–5 → 4). Enter moves down.
    await cell(0, 0).focus();
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await waitState(cell(0, 0), 'saved');
    assert.equal(await sum(0).textContent(), '2');
    assert.equal(await mark(0).textContent(), '', 'no mark before every task is filled in');
    await page.keyboard.type('х');
    await page.keyboard.press('Tab');
    await waitState(cell(0, 1), 'saved');
    assert.equal(await cell(0, 1).inputValue(), 'Х');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await waitState(cell(0, 2), 'saved');
    assert.equal(await sum(0).textContent(), '5');
    assert.equal(await mark(0).textContent(), '4');

    // Row 2 backwards with Shift+Tab: 1, then 5 in task 2 (max 1) is refused; back with Tab,
    // Escape reverts it, then 0 and 0; Enter saves the last one.
    assert.equal(await page.evaluate(() => document.activeElement.closest('tr').sectionRowIndex), 1);
    await page.keyboard.type('1');
    await page.keyboard.press('Shift+Tab');
    await waitState(cell(1, 2), 'saved');
    await page.keyboard.type('5');
    await page.keyboard.press('Shift+Tab');
    await waitState(cell(1, 1), 'error');
    assert.match(await cell(1, 1).getAttribute('title'), /от 0 до 1/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    assert.equal(await cell(1, 1).inputValue(), '');
    await page.keyboard.type('0');
    await page.keyboard.press('Shift+Tab');
    await waitState(cell(1, 1), 'saved');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await waitState(cell(1, 0), 'saved');
    assert.equal(await sum(1).textContent(), '1');
    assert.equal(await mark(1).textContent(), '2');
    await page.screenshot({ path: path.join(OUT, 'control-work.png'), fullPage: false });

    // After a reload: the stored cells, sums and marks.
    await page.reload();
    assert.deepEqual(
      await Promise.all([0, 1, 2].map((t) => cell(0, t).inputValue())),
      ['2', 'Х', '3'],
    );
    assert.deepEqual(
      await Promise.all([0, 1, 2].map((t) => cell(1, t).inputValue())),
      ['0', '0', '1'],
    );
    assert.equal(await sum(0).textContent(), '5');
    assert.equal(await mark(0).textContent(), '4');
    assert.equal(await mark(1).textContent(), '2');
  } catch (err) {
    await page.screenshot({ path: path.join(OUT, 'fail-control-work.png'), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

async function main() {
  console.log(`e2e control work: ${BASE}, screenshots in ${OUT}`);
  const browser = await launch();
  const { step, finish } = steps();
  try {
    await step('control-work-keyboard-entry', () => teacherEntersAWork(browser));
  } finally {
    await browser.close();
  }
  finish();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
