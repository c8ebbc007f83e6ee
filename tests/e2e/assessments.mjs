// Browser end-to-end test of "Done means" for assessments on the demo school: the deputy takes
// a ФИС ОКО "Индивидуальные результаты" workbook (written here, as ФИС ОКО lays it out: meta
// rows, a row of levels Б/П, task columns "N (Mб)") for a ВПР the demo does not hold, drops it
// into the upload page with the school's conversion table, sees the dry run, applies it, sees
// the results of each class and task, and a second upload of the same file changes nothing.
// A codifier loaded afterwards gives the work's tasks its items. A pupil sees their own
// results in the diary.
//
//   VSOKO_URL=http://127.0.0.1:18080 E2E_OUT=../../target/e2e node assessments.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BASE, OUT, launch, login, steps } from './lib.mjs';

// ---------------------------------------------------------------- a ФИС ОКО workbook

/** A zip archive of stored (uncompressed) entries: [name, Buffer][]. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (i) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/** An XLSX workbook with one sheet of rows (numbers as numbers, the rest as inline strings). */
function xlsx(sheetName, rows) {
  const sheetRows = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          if (v === '' || v === null || v === undefined) return '';
          const ref = `${colName(c)}${r + 1}`;
          return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const x = (s) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
  return zip([
    ['[Content_Types].xml', x('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')],
    ['_rels/.rels', x('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')],
    ['xl/workbook.xml', x(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`)],
    ['xl/_rels/workbook.xml.rels', x('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
    ['xl/worksheets/sheet1.xml', x(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`)],
  ]);
}

/** ВПР 2024 Russian, grade 4, in 4А and 4Б: the ФИС ОКО form with the marks of the table below. */
const MAXIMA = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3];
const CLASSES = { '4А': 11, '4Б': 12 };
const TABLE = '# source: школьная копия таблицы\n# link: https://example.invalid\n# kind: vpr\n# year: 2024\n# subject: rus\n# grade: 4\n# output: mark\n# max_primary: 24\n2;0;9;;\n3;10;15;;\n4;16;20;;\n5;21;24;;\n';
const markOf = (p) => (p <= 9 ? 2 : p <= 15 ? 3 : p <= 20 ? 4 : 5);

function fisOko() {
  const tasks = MAXIMA.map((m, i) => `${i + 1} (${m}б)`);
  const rows = [
    ['ВПР 2024 Русский язык 4 класс'],
    ['Предмет:', 'Русский язык'],
    ['Максимальный первичный балл:', 24],
    ['Дата:', '15.04.2024'],
    [],
    ['', '', '', '', '', '', ...MAXIMA.map((_, i) => (i < 9 ? 'Б' : 'П'))],
    ['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант', ...tasks, 'Первичный балл', 'Отметка', 'Отметка по журналу'],
  ];
  let code = 60001;
  for (const [cls, n] of Object.entries(CLASSES)) {
    for (let i = 0; i < n; i += 1) {
      const strength = (i % 5) + 1;
      const scores = MAXIMA.map((m, j) => (j === 9 && i % 4 === 0 ? 'X' : Math.floor((m * strength) / 5)));
      const primary = scores.reduce((a, s) => a + (s === 'X' ? 0 : s), 0);
      rows.push(['edu000001', 'Город', 'Школа', String(code), cls, 1 + (i % 2), ...scores, primary, markOf(primary), i % 3 === 0 ? 'нет отметки' : 4]);
      code += 1;
    }
  }
  return xlsx('Лист1', rows);
}

// ---------------------------------------------------------------- the test

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vsoko-e2e-assessments-'));
  const file = path.join(dir, 'ВПР_2024_Русский_язык_4.xlsx');
  writeFileSync(file, fisOko());
  const table = path.join(dir, 'vpr-2024-rus-4.conversion.csv');
  writeFileSync(table, TABLE);
  const total = Object.values(CLASSES).reduce((a, n) => a + n, 0);

  const browser = await launch();
  const { step, finish } = steps();
  let procedureHref = null;
  try {
    await step('deputy-drops-a-fis-oko-file-sees-the-dry-run-and-applies-it', async () => {
      const { context, page } = await login(browser, 'deputy', { timeout: 30_000 });
      try {
        await page.click('nav a[href="/assessments/import"]');
        await page.waitForURL((u) => u.pathname === '/assessments/import');
        await page.setInputFiles('input[name=file]', file);
        await page.selectOption('select[name=layout]', 'vpr');
        await page.setInputFiles('input[name=conversion]', table);
        await Promise.all([page.waitForURL((u) => u.pathname === '/assessments/import/preview'), page.click('form.upload-form button[type=submit]')]);
        // The dry run: counts, nothing written yet, the apply button.
        const results = page.locator('#counts tr[data-kind="results"]');
        assert.equal(await results.getAttribute('data-created'), String(total), 'the dry run counts every participant');
        assert.equal(await page.locator('#apply-form').count(), 1, 'the dry run offers to apply');
        assert.ok((await page.locator('#notes').innerText()).includes(String(total)), 'the rows of the file are named');
        await page.screenshot({ path: path.join(OUT, 'assessments-dry-run.png'), fullPage: true });
        const list = await (await context.request.get(`${BASE}/assessments`)).text();
        assert.ok(!list.includes('ВПР 2024 Русский язык 4 класс'), 'the dry run wrote nothing');
        // Apply.
        await Promise.all([page.waitForURL((u) => u.pathname === '/assessments/import/apply'), page.click('#apply-form button[type=submit]')]);
        assert.equal(await page.locator('#counts tr[data-kind="results"]').getAttribute('data-created'), String(total));
        assert.equal(await page.locator('#apply-form').count(), 0, 'applied, nothing more to apply');
        await page.screenshot({ path: path.join(OUT, 'assessments-applied.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await step('deputy-sees-the-results-of-each-class-and-task', async () => {
      const { context, page } = await login(browser, 'deputy', { timeout: 30_000 });
      try {
        await page.click('nav a[href="/assessments"]');
        await page.waitForURL((u) => u.pathname === '/assessments');
        const row = page.locator('#procedures tr.procedure', { hasText: 'ВПР 2024 Русский язык 4 класс' });
        assert.equal(await row.count(), 1, 'the new work is listed');
        assert.equal(await row.getAttribute('data-n'), String(total));
        for (const [cls, n] of Object.entries(CLASSES)) {
          assert.equal(await row.locator(`.class-n[data-class="${cls}"]`).getAttribute('data-n'), String(n), `${cls} with its n`);
        }
        procedureHref = await row.locator('a').getAttribute('href');
        await Promise.all([page.waitForURL((u) => u.pathname === procedureHref), row.locator('a').click()]);
        for (const [cls, n] of Object.entries(CLASSES)) {
          const line = page.locator(`#marks tr.marks[data-label="${cls}"]`);
          assert.equal(await line.getAttribute('data-n'), String(n), `${cls}: marks with n`);
        }
        const tasks = page.locator('#tasks tr.task');
        assert.equal(await tasks.count(), MAXIMA.length, 'a line per task');
        assert.equal((await tasks.nth(9).locator('td').first().innerText()).trim(), 'П', 'task 10 is of the advanced level');
        assert.ok((await page.locator('#histogram svg').count()) === 1, 'the primary-score histogram is drawn');
        await page.screenshot({ path: path.join(OUT, 'assessments-procedure.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await step('the-same-file-twice-changes-nothing', async () => {
      const { context, page } = await login(browser, 'deputy', { timeout: 30_000 });
      try {
        await page.goto(`${BASE}/assessments/import`);
        await page.setInputFiles('input[name=file]', file);
        await Promise.all([page.waitForURL((u) => u.pathname === '/assessments/import/preview'), page.click('form.upload-form button[type=submit]')]);
        assert.equal(await page.locator('#counts tr[data-kind="results"]').getAttribute('data-unchanged'), String(total));
        assert.equal(await page.locator('#apply-form').count(), 0, 'nothing to apply');
      } finally {
        await context.close();
      }
    });

    await step('deputy-loads-a-codifier-and-the-analysis-shows-its-items', async () => {
      // A codifier of this work with the plan of tasks 9 and 10 (structure of a ФИПИ
      // codifier; texts written for the test).
      const head = '# Кодификатор для проверки\n# source: тестовый документ\n# link: https://example.invalid/codifier\n# kind: vpr\n# year: 2024\n# subject: rus\n# grade: 4\n# columns: code;kind;parent;text\n';
      const items = '1;элемент;;Морфология\n1.1;элемент;1;Имя существительное как часть речи\n1;требование;;Распознавать грамматические признаки слов\n';
      const { context, page } = await login(browser, 'deputy', { timeout: 30_000 });
      try {
        await page.click('nav a[href="/admin/codifiers"]');
        await page.waitForURL((u) => u.pathname === '/admin/codifiers');
        // An ambiguous reference ("1" is in both lists): the line is named, nothing is stored.
        await page.fill('#cod-form textarea[name=text]', `${head}${items}9;задание;;1\n`);
        await page.click('#cod-form button[type=submit]');
        assert.ok((await page.locator('#cod-errors').innerText()).includes('строка 12'), 'the line of the error');
        assert.equal(await page.locator('#cod-list tr[id^="cod-"]').count(), 0, 'nothing stored');
        await page.fill('#cod-form textarea[name=text]', `${head}${items}9;задание;;1.1 Т:1\n10;задание;;Т:1\n`);
        await Promise.all([page.waitForURL((u) => /^\/admin\/codifiers\/[0-9a-f-]+$/.test(u.pathname)), page.click('#cod-form button[type=submit]')]);
        assert.equal(await page.locator('#cod-elements tr[data-depth="1"]').count(), 1, 'the element tree');
        assert.equal(await page.locator('#cod-plan tbody tr').count(), 2, 'the plan');
        // The work imported before now counts its tasks by those items.
        await page.goto(`${BASE}${procedureHref}`);
        const skills = await page.locator('#skills').innerText();
        assert.ok(skills.includes('Имя существительное как часть речи'), 'task 9 by its content element');
        assert.ok(skills.includes('Распознавать грамматические признаки слов'), 'tasks 9 and 10 by their requirement');
      } finally {
        await context.close();
      }
    });

    await step('pupil-sees-own-results-in-the-diary', async () => {
      const { context, page } = await login(browser, 'pupil', { timeout: 30_000 });
      try {
        await page.goto(`${BASE}/diary`);
        await Promise.all([page.waitForURL((u) => u.searchParams.get('tab') === 'assessments'), page.click('#tab-assessments')]);
        const cards = page.locator('.diary-assessment');
        assert.ok((await cards.count()) >= 1, 'the demo pupil wrote ВПР');
        assert.ok((await cards.first().locator('.task-score').count()) >= 1, 'scores per task');
        await page.screenshot({ path: path.join(OUT, 'assessments-diary.png'), fullPage: true });
        if (procedureHref) {
          const res = await page.goto(`${BASE}${procedureHref}`);
          assert.equal(res?.status(), 404, 'a pupil does not open a procedure page');
        }
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
