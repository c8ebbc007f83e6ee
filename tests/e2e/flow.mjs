// Browser end-to-end test of the journal → diary flow: the teacher types a mark for the demo
// pupil in 7А's journal with the keyboard; the parent opens the diary at once and sees it in
// the new-marks feed and in today's lesson; the deputy sees the journal control page.
//
//   VSOKO_URL=http://127.0.0.1:18080 E2E_OUT=../../target/e2e node flow.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, OUT, launch, login, steps, todayRu } from './lib.mjs';

async function main() {
  const browser = await launch();
  const { step, finish } = steps();
  try {
    // The demo pupil (7А) is the parent's child.
    const pupil = await login(browser, 'pupil', { timeout: 15_000 });
    const me = await pupil.page.evaluate(async () => (await fetch('/api/v1/me')).json());
    await pupil.context.close();
    const pupilId = me.pupil_id;
    let mark = '5';
    let subject = '';

    await step('teacher-marks-7a-pupil', async () => {
      const { context, page } = await login(browser, 'teacher', { timeout: 15_000 });
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
      const { context, page } = await login(browser, 'parent', { viewport: { width: 390, height: 844 }, timeout: 15_000 });
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
      const { context, page } = await login(browser, 'deputy', { timeout: 15_000 });
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
  finish();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
