// Browser end-to-end test: log in as every demo role, check the home page,
// check one page the role must not see, log out. Also checks that a wrong
// password is rejected.
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

const LOGINS = [
  'admin',
  'director',
  'deputy',
  'teacher',
  'classteacher',
  'pupil',
  'parent',
  'municipal',
  'regional',
];
/** Roles that must not reach the school's pupil list. */
const DENIED_ADMIN_PUPILS = new Set(['pupil', 'parent', 'municipal', 'regional']);

const pathOf = (url) => new URL(url).pathname;
const isPath = (p) => (url) => url.pathname === p;

/** Log in through the form and wait for the redirect to `/`. */
async function login(page, loginName, password) {
  await page.fill('input[name=login]', loginName);
  await page.fill('input[name=password]', password);
  await Promise.all([
    page.waitForURL(isPath('/')),
    page.click('form[action="/login"] button[type=submit]'),
  ]);
}

async function checkRole(browser, loginName) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.warn(`  [${loginName}] page error: ${err.message}`));
  try {
    // Login page: demo hint and demo banner.
    const res = await page.goto(`${BASE}/login`);
    assert.equal(res?.status(), 200, `GET /login status`);
    assert.ok(await page.locator('#demo-logins').isVisible(), '#demo-logins hint is visible on /login');
    assert.ok(await page.locator('.demo-banner').first().isVisible(), '.demo-banner is visible on /login');

    // Log in, land on home.
    await login(page, loginName, PASSWORD);
    const home = page.locator('main#home');
    assert.equal(await home.count(), 1, 'main#home exists after login');
    assert.equal(await home.getAttribute('data-login'), loginName, 'main#home[data-login]');
    assert.ok(await page.locator('.demo-banner').first().isVisible(), '.demo-banner is visible on /');
    await page.screenshot({ path: path.join(OUT, `home-${loginName}.png`), fullPage: true });

    // Access control on the admin pupil list.
    const adminRes = await page.goto(`${BASE}/admin/pupils`);
    const status = adminRes?.status();
    if (DENIED_ADMIN_PUPILS.has(loginName)) {
      assert.ok(status === 403 || status === 404, `GET /admin/pupils must be 403 or 404, got ${status}`);
    } else if (loginName === 'admin') {
      assert.equal(status, 200, 'GET /admin/pupils status for admin');
      assert.ok((await page.locator('table').count()) > 0, '/admin/pupils contains a table');
    }

    // Log out from the home page and check the session is gone.
    await page.goto(`${BASE}/`);
    await Promise.all([
      page.waitForURL(isPath('/login')),
      page.click('form[action="/logout"] button'),
    ]);
    const after = await page.goto(`${BASE}/`);
    assert.ok(
      pathOf(page.url()) === '/login' || [401, 403].includes(after?.status()),
      `after logout GET / must not show home (url ${page.url()}, status ${after?.status()})`,
    );
  } catch (err) {
    await page
      .screenshot({ path: path.join(OUT, `fail-${loginName}.png`), fullPage: true })
      .catch(() => {});
    err.message += `\n    at URL ${page.url()}`;
    throw err;
  } finally {
    await context.close();
  }
}

async function checkWrongPassword(browser) {
  const context = await browser.newContext({ locale: 'ru-RU' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  try {
    await page.goto(`${BASE}/login`);
    await page.fill('input[name=login]', 'admin');
    await page.fill('input[name=password]', 'definitely-wrong');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && pathOf(r.url()) === '/login'),
      page.click('form[action="/login"] button[type=submit]'),
    ]);
    await page.waitForLoadState('load');
    await page.locator('.form-error').first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(pathOf(page.url()), '/login', 'stays on /login after a wrong password');
    assert.equal(await page.locator('main#home').count(), 0, 'no home page after a wrong password');
  } catch (err) {
    await page
      .screenshot({ path: path.join(OUT, 'fail-wrong-password.png'), fullPage: true })
      .catch(() => {});
    err.message += `\n    at URL ${page.url()}`;
    throw err;
  } finally {
    await context.close();
  }
}

async function main() {
  console.log(`e2e: ${BASE}, screenshots in ${OUT}`);

  let browser;
  try {
    browser = await launch();
  } catch (err) {
    console.error(`error: cannot launch ${CHROMIUM}: ${err.message}`);
    process.exit(1);
  }

  const failures = [];
  const run = async (name, fn) => {
    try {
      await fn();
      console.log(`ok ${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`FAIL ${name}: ${err.message}`);
    }
  };

  try {
    for (const loginName of LOGINS) {
      await run(loginName, () => checkRole(browser, loginName));
    }
    // After the role loop, so the per-account login throttle cannot affect `admin` above.
    await run('wrong-password', () => checkWrongPassword(browser));
  } finally {
    await browser.close();
  }

  const total = LOGINS.length + 1;
  console.log(
    `e2e summary: ${total - failures.length}/${total} passed` +
      (failures.length ? `; failed: ${failures.join(', ')}` : ''),
  );
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
