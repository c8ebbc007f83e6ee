// Browser end-to-end test of the teacher's journal: the teacher opens the first journal of
// the current period, adds today's lesson if there is none (through the page's form),
// enters marks and attendance with the keyboard only (Enter, arrows, Tab), waits for each
// cell's saved state, sees a wrong mark refused in place, reloads and finds the marks
// there. Then the deputy changes a cell the teacher's page still shows: the teacher's next
// edit of it (from the stale page) is saved and flagged as overwriting the deputy's entry,
// and Alt+H shows the cell's history with all three changes.
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
import { BASE, CHROMIUM, OUT, PASSWORD, launch } from './lib.mjs';

/** Today as the server sees it (UTC), dd.mm.yyyy. */
function todayRu() {
  const [y, m, d] = new Date().toISOString().slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

async function login(browser, loginName) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.warn(`  [${loginName}] page error: ${err.message}`));
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=login]', loginName);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    page.click('form[action="/login"] button[type=submit]'),
  ]);
  return { context, page };
}

/** The 0-based column index of the last lesson dated `date` (dd.mm.yyyy), or -1. */
async function lessonColumn(page, date) {
  return page.evaluate((d) => {
    const cells = Array.from(document.querySelectorAll('#jgrid thead th'));
    let found = -1;
    cells.forEach((th, i) => {
      if (th.dataset.lesson && (th.title || '').startsWith(d)) found = i;
    });
    return found;
  }, date);
}

/** The cell inputs of a column, with their row numbers (rows without an input are skipped). */
function columnInputs(page, col) {
  return page.locator(`#jgrid tbody tr td:nth-child(${col + 1}) input.jc`);
}

/** A value different from the cell's current one, from a list of candidates. */
function other(current, candidates) {
  return candidates.find((c) => c !== current.trim());
}

async function waitState(input, state) {
  const td = input.locator('xpath=..');
  await td.locator(`xpath=self::td[@data-state="${state}"]`).waitFor({ timeout: 10_000 });
}

async function teacherTypesMarks(browser) {
  const { context, page } = await login(browser, 'teacher');
  try {
    await page.goto(`${BASE}/journal`);
    const first = page.locator('#my-journals a').first();
    assert.ok((await first.count()) === 1, 'the teacher has a journal');
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/journal/')), first.click()]);
    const grid = page.locator('table#jgrid');
    assert.equal(await grid.getAttribute('data-writable'), 'true', 'the current period is writable for the teacher');

    // Today's lesson: add it through the form when the journal has none.
    const today = todayRu();
    let col = await lessonColumn(page, today);
    if (col < 0) {
      const date = page.locator('#jadd-form input[name=date]');
      await date.fill(today);
      await page.locator('#jadd-form input[name=topic]').fill('Проверка журнала (e2e)');
      await page.locator('#jadd-form input[name=homework]').fill('§ 1, № 1–3');
      await Promise.all([page.waitForURL((u) => u.searchParams.has('period')), page.locator('#jadd-form input[name=homework]').press('Enter')]);
      col = await lessonColumn(page, today);
    }
    assert.ok(col >= 0, `a lesson dated ${today} is in the grid`);

    const inputs = columnInputs(page, col);
    assert.ok((await inputs.count()) >= 5, 'at least five pupils are on the list');
    const cells = [0, 1, 2, 3, 4].map((i) => inputs.nth(i));
    const before = await Promise.all(cells.map((c) => c.inputValue()));
    const want = [
      other(before[0], ['5', '4']),
      other(before[1], ['4', '3']),
      other(before[2], ['н', 'б']),
      other(before[3], ['5 4', '4 4']),
    ];

    // Keyboard only from here: Enter saves and moves down, ArrowDown and Tab save and move.
    await cells[0].focus();
    await page.keyboard.type(want[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.type(want[1]);
    await page.keyboard.press('Enter');
    await page.keyboard.type(want[2]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type(want[3].replace(' ', ''));
    await page.keyboard.press('Tab');
    for (let i = 0; i < 4; i++) await waitState(cells[i], 'saved');
    assert.equal(await cells[3].inputValue(), want[3], 'typed "54" is shown as stored, "5 4"');

    // A mark outside the scale is refused in place with the server's message.
    await page.keyboard.press('Escape');
    await cells[4].focus();
    await page.keyboard.type('7');
    await page.keyboard.press('ArrowUp');
    await waitState(cells[4], 'error');
    const title = (await cells[4].getAttribute('title')) || '';
    assert.match(title, /1.*5/, `the error names the scale: "${title}"`);
    await cells[4].focus();
    await page.keyboard.press('Escape');
    assert.equal(await cells[4].inputValue(), before[4], 'Escape restores the stored value');

    // Reload: the marks are stored.
    await page.reload();
    const again = columnInputs(page, col);
    for (let i = 0; i < 4; i++) {
      assert.equal(await again.nth(i).inputValue(), want[i], `cell ${i + 1} kept after reload`);
    }
    assert.equal(await again.nth(4).inputValue(), before[4], 'the refused mark was not written');
    await page.screenshot({ path: path.join(OUT, 'journal.png'), fullPage: false });
    return { context, page, col, url: page.url(), first: want[0] };
  } catch (err) {
    await page.screenshot({ path: path.join(OUT, 'fail-journal-teacher.png'), fullPage: true }).catch(() => {});
    await context.close();
    err.message += `\n    at URL ${page.url()}`;
    throw err;
  }
}

async function staleEditIsShown(browser, teacher) {
  const { page, col, url, first } = teacher;
  const deputy = await login(browser, 'deputy');
  try {
    // The deputy changes the first cell; the teacher's page still shows the old value.
    await deputy.page.goto(url);
    const dCell = columnInputs(deputy.page, col).first();
    await dCell.focus();
    const byDeputy = other(first, ['3', '2']);
    await deputy.page.keyboard.type(byDeputy);
    await deputy.page.keyboard.press('Enter');
    await waitState(dCell, 'saved');

    const tCell = columnInputs(page, col).first();
    assert.equal(await tCell.inputValue(), first, "the teacher's page is stale");
    await tCell.focus();
    const byTeacher = ['2', '3', '4', '5'].find((x) => x !== first && x !== byDeputy);
    await page.keyboard.type(byTeacher);
    await page.keyboard.press('Enter');
    await waitState(tCell, 'stale');
    const note = (await tCell.getAttribute('title')) || '';
    assert.match(note, /deputy/, `the stale edit names who was overwritten: "${note}"`);
    assert.equal(await tCell.inputValue(), byTeacher, 'last write wins');

    // Alt+H: the history lists the teacher's, the deputy's and the teacher's change.
    await tCell.focus();
    await page.keyboard.press('Alt+h');
    await page.locator('#jpop:not([hidden]) tr.change').first().waitFor();
    const changes = await page.locator('#jpop tr.change').count();
    assert.ok(changes >= 3, `history shows every change (${changes})`);
    await page.screenshot({ path: path.join(OUT, 'journal-history.png'), fullPage: false });
    await page.keyboard.press('Escape');
  } catch (err) {
    await page.screenshot({ path: path.join(OUT, 'fail-journal-stale.png'), fullPage: true }).catch(() => {});
    err.message += `\n    at URL ${page.url()}`;
    throw err;
  } finally {
    await deputy.context.close();
  }
}

async function main() {
  console.log(`e2e journal: ${BASE}, screenshots in ${OUT}`);
  let browser;
  try {
    browser = await launch();
  } catch (err) {
    console.error(`error: cannot launch ${CHROMIUM}: ${err.message}`);
    process.exit(1);
  }
  const failures = [];
  let teacher = null;
  try {
    try {
      teacher = await teacherTypesMarks(browser);
      console.log('ok journal-keyboard-entry');
    } catch (err) {
      failures.push('journal-keyboard-entry');
      console.log(`FAIL journal-keyboard-entry: ${err.message}`);
    }
    if (!teacher) {
      failures.push('journal-stale-edit');
      console.log('FAIL journal-stale-edit: not run (the keyboard entry failed)');
    } else {
      try {
        await staleEditIsShown(browser, teacher);
        console.log('ok journal-stale-edit');
      } catch (err) {
        failures.push('journal-stale-edit');
        console.log(`FAIL journal-stale-edit: ${err.message}`);
      } finally {
        await teacher.context.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`e2e journal summary: ${2 - failures.length}/2 passed` + (failures.length ? `; failed: ${failures.join(', ')}` : ''));
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
