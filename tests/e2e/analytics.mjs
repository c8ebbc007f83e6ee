// Browser end-to-end test of the analytics pages on the demo school: the deputy opens the
// results of the period (metrics per class with n), then the ВПР analyses imported by the demo
// build: the lenient teacher's class carries the "possibly lenient marking" signal somewhere,
// 6Б mathematics shows a deficit task (the weak geometry skill), every chart is SVG from
// the server and the task and histogram charts are redrawn by ECharts; a ВПР 2026 analysis shows
// the same work a year earlier (ВПР 2025, another cohort) side by side. A parent cannot open an analysis.
//
//   VSOKO_URL=http://127.0.0.1:18080 E2E_OUT=../../target/e2e node analytics.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, OUT, launch, login, steps } from './lib.mjs';

async function main() {
  const browser = await launch();
  const { step, finish } = steps();
  const analyses = [];
  try {
    await step('deputy-sees-results-of-the-period', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        await page.click('nav a[href="/results"]');
        await page.waitForURL((u) => u.pathname === '/results');
        const rows = page.locator('#table-classes tr.result');
        assert.ok((await rows.count()) >= 10, 'a row per class');
        const n = Number(await rows.first().getAttribute('data-n'));
        assert.ok(n > 0, 'the first class has its n');
        assert.ok((await page.locator('#total svg').count()) === 1, 'the distribution chart is drawn');
        for (const a of await page.locator('#procedures a').all()) {
          analyses.push({ title: (await a.innerText()).trim(), href: await a.getAttribute('href') });
        }
        assert.ok(analyses.length >= 15, `the demo's ВПР and ОГЭ trial are listed (${analyses.length})`);
        await page.screenshot({ path: path.join(OUT, 'analytics-results.png'), fullPage: false });
      } finally {
        await context.close();
      }
    });

    await step('deputy-sees-lenient-marking-and-the-weak-skill', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        let flagged = 0;
        for (const a of analyses) {
          const res = await page.goto(`${BASE}${a.href}`);
          assert.equal(res?.status(), 200, a.href);
          flagged += await page.locator('tr.objectivity[data-flag="true"]').count();
        }
        assert.ok(flagged > 0, 'some class carries the "possibly lenient marking" signal');
        const math6 = analyses.find((a) => a.title.includes('Математика') && a.title.includes('6 класс'));
        assert.ok(math6, 'the grade-6 maths ВПР is listed');
        await page.goto(`${BASE}${math6.href}?class=${encodeURIComponent('6Б')}`);
        const deficits = await page.locator('tr.task[data-status="deficit"]').count();
        assert.ok(deficits > 0, '6Б has deficit tasks');
        assert.ok((await page.locator('#analysis svg').count()) >= 3, 'charts are drawn on the server');
        // ECharts redraws the task completion and the histogram interactively in place of the SVG.
        for (const kind of ['completion', 'histogram']) {
          await page.locator(`[data-chart-box="${kind}"] canvas`).first().waitFor({ timeout: 10000 });
        }
        assert.equal(await page.locator('#tasks-svg').isHidden(), true, 'the task SVG gives way to the interactive chart');
        assert.equal(await page.locator('#histogram-svg').isHidden(), true, 'the histogram SVG gives way to the interactive chart');
        await page.screenshot({ path: path.join(OUT, 'analytics-vpr-6b-math.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await step('deputy-compares-a-vpr-with-the-same-work-a-year-earlier', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        const rus5 = analyses.find((a) => a.title.includes('ВПР 2026') && a.title.includes('Русский язык') && a.title.includes('5 класс'));
        assert.ok(rus5, 'the grade-5 Russian ВПР 2026 is listed');
        await page.goto(`${BASE}${rus5.href}`);
        const block = page.locator('#year-earlier');
        assert.equal(await block.count(), 1, 'the block "the same work a year earlier" is there');
        const years = block.locator('tr.year-line');
        assert.equal(await years.count(), 2);
        assert.deepEqual([await years.nth(0).getAttribute('data-year'), await years.nth(1).getAttribute('data-year')], ['2025', '2026']);
        for (const i of [0, 1]) {
          assert.ok(Number(await years.nth(i).getAttribute('data-n')) >= 30, 'each year with its n, enough to compare');
        }
        assert.equal(await block.getAttribute('data-too-few'), 'false');
        assert.equal(await block.locator('tr.year-change [data-quality-change]').count(), 1, 'the change of quality with its interval');
        assert.ok((await block.locator('tr.year-task').count()) > 5, 'the same task table: tasks side by side');
        await block.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(OUT, 'analytics-year-earlier.png'), fullPage: true });
        const href = await block.getAttribute('data-earlier-href');
        await Promise.all([page.waitForURL((u) => u.pathname === href), block.locator('#year-earlier-link').click()]);
        assert.match(await page.locator('h1').innerText(), /ВПР 2025 Русский язык 5 класс/);
      } finally {
        await context.close();
      }
    });

    await step('parent-cannot-open-an-analysis', async () => {
      const { context, page } = await login(browser, 'parent');
      try {
        const res = await page.goto(`${BASE}${analyses[0]?.href ?? '/assessments/00000000-0000-0000-0000-000000000000/analysis'}`);
        assert.equal(res?.status(), 404);
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
