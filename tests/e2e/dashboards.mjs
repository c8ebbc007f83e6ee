// Browser end-to-end test of the dashboards on the demo school: the deputy opens the results
// and sees "the school at a glance" — the lenient class among the objectivity signals, 6Б's
// weak skill among the problem zones, and the value-added block — with XLSX links beside the
// tables; the value-added page opens from the menu; a teacher sees at most his own teacher
// line there, labelled methodical support. The demo links ВПР 2026 to October's administrative
// control work in mathematics, with a strong and a weak teacher: both have a line. The other
// schools of the demo region wrote the same ВПР: the deputy compares a work with the
// municipality and region, the municipal specialist sees a line per school. Against the same
// quarter of last year, classes carry the n of their pupils' classes of last year.
//
//   VSOKO_URL=http://127.0.0.1:18080 E2E_OUT=../../target/e2e node dashboards.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, OUT, launch, login, steps } from './lib.mjs';

async function main() {
  const browser = await launch();
  const { step, finish } = steps();
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
        // The demo region's other schools wrote the same ВПР: the overview compares with them.
        assert.ok((await page.locator('#signals-compare tr.compare-item').count()) > 0, 'quality beside the municipality and region');
        await page.screenshot({ path: path.join(OUT, 'dashboard-deputy.png'), fullPage: true });
        await Promise.all([page.waitForURL((u) => u.pathname.includes('/analysis')), link.click()]);
        assert.ok((await page.locator('tr.skill[data-status="deficit"], tr.task[data-status="deficit"]').count()) > 0, 'the drill-down shows the deficit');
      } finally {
        await context.close();
      }
    });

    await step('deputy-compares-with-the-same-quarter-last-year', async () => {
      const { context, page } = await login(browser, 'deputy');
      try {
        await page.goto(`${BASE}/results`);
        await page.selectOption('form.toolbar select[name="versus"]', 'year');
        await Promise.all([
          page.waitForURL((u) => u.pathname === '/results' && u.searchParams.get('versus') === 'year'),
          page.click('form.toolbar button[type="submit"]'),
        ]);
        // The demo's closed year 2025/26 has first-quarter marks for the same pupils.
        assert.match(await page.locator('#basis').innerText(), /2025\/2026/, 'the basis line names last year');
        const judged = await page.locator('#table-classes tr.result td.change small').count();
        assert.ok(judged > 0, 'classes carry last year\'s n (their pupils\' classes of last year)');
        await page.screenshot({ path: path.join(OUT, 'results-versus-year.png'), fullPage: false });
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

    await step('deputy-compares-a-procedure-and-municipal-sees-schools', async () => {
      const deputy = await login(browser, 'deputy');
      try {
        await deputy.page.goto(`${BASE}/results`);
        const link = deputy.page.locator('#signals-compare tr.compare-item a').first();
        await Promise.all([deputy.page.waitForURL((u) => u.pathname.includes('/analysis')), link.click()]);
        assert.equal(await deputy.page.locator('#compare tr.compare-level').count(), 3, 'school, municipality, region');
        const region = deputy.page.locator('#compare tr[data-level="region"]');
        assert.ok(Number(await region.getAttribute('data-schools')) >= 5, 'the region holds the second municipality too');
        assert.ok((await deputy.page.locator('table.tasks th.level-col').count()) === 2, 'task columns for the levels');
        await deputy.page.screenshot({ path: path.join(OUT, 'compare-deputy.png'), fullPage: true });
      } finally {
        await deputy.context.close();
      }
      const municipal = await login(browser, 'municipal');
      try {
        await municipal.page.goto(`${BASE}/schools`);
        await Promise.all([municipal.page.waitForURL((u) => u.pathname === '/schools/assessments'), municipal.page.click('#unit-assessments-link')]);
        assert.ok((await municipal.page.locator('section.unit-procedure').count()) > 0, 'procedures of the municipality');
        const vpr = municipal.page.locator('section.unit-procedure[data-title^="ВПР"]').first();
        assert.equal(await vpr.locator('tr.unit-school').count(), 3, 'a line per school of the municipality');
        assert.equal(await vpr.locator('tr.unit-total').count(), 1, 'and the total');
      } finally {
        await municipal.context.close();
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
  finish();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
