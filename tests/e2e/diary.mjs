// Browser end-to-end test of the e-diary on a phone (390×844): the parent switches between
// two children and opens the week and marks tabs; the pupil sees their own diary without a
// switcher; a teacher gets 403. Neither page may scroll sideways (wide tables scroll inside
// their .table-wrap). Screenshots: diary-parent.png, diary-parent-marks.png, diary-pupil.png,
// diary-pupil-marks.png.
//
// Plain Node (no test framework): node:assert, exit code 1 on any failure.
//
//   VSOKO_URL  base URL of a running `vsoko demo` server (default http://127.0.0.1:18080)
//   E2E_OUT    directory for screenshots (default <repo>/target/e2e)

import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, OUT, PASSWORD, launch } from './lib.mjs';

const PHONE = { width: 390, height: 844 };

const isPath = (p) => (url) => url.pathname === p;

async function login(page, loginName) {
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=login]', loginName);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([
    page.waitForURL(isPath('/')),
    page.click('form[action="/login"] button[type=submit]'),
  ]);
}

/** The page must not scroll sideways on a phone. */
async function assertNoSideScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client + 1, `${what}: page is ${scroll}px wide in a ${client}px viewport`);
}

/** Opens the week and the marks tab of the diary shown and checks both render. */
async function checkTabs(page, shot) {
  assert.equal(await page.locator('#diary-week').count(), 1, '#diary-week on the default tab');
  assert.ok((await page.locator('.diary-day').count()) >= 5, 'Monday to Friday are shown');
  await assertNoSideScroll(page, 'week');
  await page.screenshot({ path: path.join(OUT, `${shot}.png`), fullPage: true });

  const prev = await page.locator('.diary-weeknav a[rel=prev]').getAttribute('href');
  await Promise.all([page.waitForURL((u) => u.searchParams.has('week')), page.click('.diary-weeknav a[rel=prev]')]);
  assert.ok(page.url().endsWith(prev), `previous week link followed (${page.url()})`);
  assert.equal(await page.locator('#diary-week').count(), 1, 'previous week renders');

  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('tab') === 'marks'),
    page.click('.diary-tabs a[href*="tab=marks"]'),
  ]);
  assert.equal(await page.locator('#diary-marks').count(), 1, '#diary-marks on the marks tab');
  assert.equal(await page.locator('#diary-subjects').count(), 1, 'subjects table');
  assert.equal(await page.locator('#diary-year').count(), 1, 'year table');
  assert.ok((await page.locator('#diary-subjects tbody tr').count()) > 0, 'subjects are listed');
  await assertNoSideScroll(page, 'marks');
  const marks = page.locator('#diary-subjects .mark[tabindex]');
  if ((await marks.count()) > 0) {
    // A tapped mark tells its date and work type without pushing the page sideways.
    await marks.last().click();
    await assertNoSideScroll(page, 'marks with a tapped mark');
  }
  await page.screenshot({ path: path.join(OUT, `${shot}-marks.png`), fullPage: true });
}

async function withPhone(browser, name, fn) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: PHONE, isMobile: true, hasTouch: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.warn(`  [${name}] page error: ${err.message}`));
  try {
    await fn(page);
  } catch (err) {
    await page.screenshot({ path: path.join(OUT, `fail-diary-${name}.png`), fullPage: true }).catch(() => {});
    err.message += `\n    at URL ${page.url()}`;
    throw err;
  } finally {
    await context.close();
  }
}

async function checkParent(browser) {
  await withPhone(browser, 'parent', async (page) => {
    await login(page, 'parent');
    await Promise.all([page.waitForURL(isPath('/diary')), page.click('.main-nav a[href="/diary"]')]);
    assert.equal(await page.locator('main#diary').count(), 1, 'main#diary');
    const children = page.locator('.diary-children a');
    assert.ok((await children.count()) >= 2, 'the switcher lists both children');
    const first = await page.locator('main#diary').getAttribute('data-pupil');
    const other = page.locator('.diary-children a:not([aria-current])').first();
    const href = await other.getAttribute('href');
    await Promise.all([page.waitForURL((u) => u.href.endsWith(href)), other.click()]);
    const second = await page.locator('main#diary').getAttribute('data-pupil');
    assert.notEqual(second, first, 'switching shows the other child');
    assert.equal(
      await page.locator(`.diary-children a[aria-current=page][href="/diary?pupil=${second}"]`).count(),
      1,
      'the current child is marked',
    );
    // The new-marks feed (when the demo has recent marks) shows once, then is seen.
    if ((await page.locator('#diary-feed').count()) > 0) {
      await page.reload();
      assert.equal(await page.locator('#diary-feed').count(), 0, 'the feed is empty after it was shown');
    }
    await checkTabs(page, 'diary-parent');
  });
}

async function checkPupil(browser) {
  await withPhone(browser, 'pupil', async (page) => {
    await login(page, 'pupil');
    const res = await page.goto(`${BASE}/diary`);
    assert.equal(res?.status(), 200, 'GET /diary');
    assert.equal(await page.locator('.diary-children').count(), 0, 'a pupil has no switcher');
    await checkTabs(page, 'diary-pupil');
  });
}

async function checkTeacher(browser) {
  await withPhone(browser, 'teacher', async (page) => {
    await login(page, 'teacher');
    const res = await page.goto(`${BASE}/diary`);
    assert.equal(res?.status(), 403, 'staff read the journal, not the diary');
  });
}

async function main() {
  console.log(`e2e diary: ${BASE}, screenshots in ${OUT}`);
  const browser = await launch();
  const failures = [];
  const run = async (name, fn) => {
    try {
      await fn(browser);
      console.log(`ok diary-${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`FAIL diary-${name}: ${err.message}`);
    }
  };
  try {
    await run('parent', checkParent);
    await run('pupil', checkPupil);
    await run('teacher', checkTeacher);
  } finally {
    await browser.close();
  }
  console.log(`e2e diary summary: ${3 - failures.length}/3 passed` + (failures.length ? `; failed: ${failures.join(', ')}` : ''));
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
