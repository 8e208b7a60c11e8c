// End-to-end: the admin console (admin-ui/dist) served by the real gaiarouter
// binary, driven in Chromium by playwright-core. One administrator's day:
// sign in with the master key, create an organization and a key, chat with
// that key in the playground (streamed), find the request in Activity and on
// the dashboard, revoke the key and see the playground refuse it readably;
// an expired session and signing out; the gateway serving the console's
// deep links. Then screenshots of every page at 1366×900 and 375×812, in
// English and 简体中文 (light and dark).
//
// Run by CTest (e2e.console_browser, tests/e2e/CMakeLists.txt) with
//   GAIAROUTER_BINARY, GAIAROUTER_PLUGIN_DIR  the gateway and its plugins
//   GAIAROUTER_CONSOLE_DIR                     admin-ui/dist (built by scripts/test)
//   GAIAROUTER_TEST_OUTPUT                     where the screenshots go
// Chromium is /usr/bin/chromium (Debian's package; scripts/test installs it),
// or GAIAROUTER_CHROMIUM.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { gatewayLog, requiredEnv, startGateway, stopGateway } from './gateway.mjs';

const ADMIN_KEY = 'gr-test-admin-key-console-browser-0123456789';
const CHROMIUM = process.env.GAIAROUTER_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Generous for a loaded CI machine; every wait ends as soon as its condition holds.
const WAIT_MS = 15_000;
// Usage records are written every usage.flush_ms (200 ms here); statistics
// and the activity list see a request within a few of those.
const RECORD_WAIT_MS = 20_000;

const CONFIG = `server:
  host: 127.0.0.1
  shutdown_grace_s: 2
logging:
  console: true
usage:
  flush_ms: 200
providers:
  mock:
    plugin: mock
    options:
      stream_delay_ms: 20
`;

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 375, height: 812 };
const LOOKS = [
  { name: 'desktop-en', viewport: DESKTOP, locale: 'en', theme: 'light' },
  { name: 'mobile-en', viewport: PHONE, locale: 'en', theme: 'light' },
  { name: 'desktop-zh-CN-dark', viewport: DESKTOP, locale: 'zh-CN', theme: 'dark' },
  { name: 'mobile-zh-CN-dark', viewport: PHONE, locale: 'zh-CN', theme: 'dark' },
];

const consoleDir = process.env.GAIAROUTER_CONSOLE_DIR ?? '';
const outputDir = process.env.GAIAROUTER_TEST_OUTPUT || join(tmpdir(), 'gaiarouter-console-screenshots');

let gateway;
let browser;
const pageErrors = []; // uncaught exceptions in the console, by page

// What the flow creates and later steps use.
const state = {
  orgName: `Browser Test Org ${Date.now().toString(36)}`,
  keyName: 'playground key',
  orgId: null,
  keyId: null,
  secret: null,
  requestId: null,
  revoked: false,
  memberEmail: `member-${Date.now().toString(36)}@example.com`,
  memberPassword: 'correct horse battery staple',
  memberCreated: false,
};

function preconditions() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium; scripts/test does) ` +
        'or point GAIAROUTER_CHROMIUM at a Chromium binary. The console browser test does not skip.',
    );
  }
  requiredEnv('GAIAROUTER_CONSOLE_DIR');
  if (!existsSync(join(consoleDir, 'index.html'))) {
    throw new Error(
      `The console is not built: ${join(consoleDir, 'index.html')} is missing. ` +
        'Run scripts/test (it builds admin-ui), or: cd admin-ui && npm ci && npm run build',
    );
  }
}

async function newPage(look) {
  // Reduced motion: charts are drawn at once, so screenshots show them whole.
  const context = await browser.newContext({
    viewport: look.viewport,
    locale: look.locale === 'en' ? 'en-US' : 'zh-CN',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(WAIT_MS);
  // The console's remembered preferences (src/stores/preferences.ts), set
  // before its scripts run.
  await context.addInitScript(
    ({ locale, theme }) => {
      if (!localStorage.getItem('gaiarouter.preferences')) {
        localStorage.setItem('gaiarouter.preferences', JSON.stringify({ locale, theme }));
      }
    },
    { locale: look.locale, theme: look.theme },
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${look.name} ${page.url()}: ${error.message}`));
  // Anything the gateway's Content-Security-Policy blocked is a fault too.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      pageErrors.push(`${look.name} ${page.url()}: ${message.text()}`);
    }
  });
  return page;
}

// The <input>/<textarea> of a field, whether the test id sits on it or on
// the Arco wrapper around it.
function field(page, testid) {
  const id = JSON.stringify(testid);
  return page
    .locator(
      `input[data-testid=${id}], textarea[data-testid=${id}], [data-testid=${id}] input, [data-testid=${id}] textarea`,
    )
    .first();
}

async function signInWithKey(page, key) {
  await page.goto(`${gateway.url}/login`);
  // The second tab: sign in with an API key (English or Chinese label).
  await page.locator('.arco-tabs-tab').filter({ hasText: /API key|API 密钥/ }).click();
  await field(page, 'login-key').fill(key);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
}

// Follows a menu entry; on phones the menu is a drawer behind a button.
async function openFromMenu(page, name) {
  const entry = page.getByTestId(`nav-${name}`);
  if (!(await entry.isVisible())) await page.getByTestId('menu-toggle').click();
  await entry.click();
}

// Waits until `check` passes, running `retry` (a reload, a refresh click)
// between attempts; each attempt's own waiting is Playwright's.
async function eventually(what, check, retry, timeoutMs = RECORD_WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s (${lastError?.message ?? lastError})`);
    await retry();
  }
}

async function ensureChecked(page, testid) {
  const box = page.getByTestId(testid);
  await box.waitFor();
  if (!/\barco-checkbox-checked\b/.test((await box.getAttribute('class')) ?? '')) await box.click();
  await page.locator(`[data-testid=${JSON.stringify(testid)}].arco-checkbox-checked`).waitFor();
}

async function sendInPlayground(page, text, key) {
  await page.getByTestId('playground-current-model').filter({ hasText: 'mock/echo' }).waitFor();
  if (key !== undefined) {
    // On phones the key field is in the folded settings panel.
    const keyField = field(page, 'playground-key');
    if (!(await keyField.isVisible())) await page.getByTestId('playground-settings').click();
    await keyField.fill(key);
  }
  await field(page, 'playground-input').fill(text);
  const replies = page.getByTestId('playground-reply');
  const before = await replies.count();
  await page.getByTestId('playground-send').click();
  // Settled (answered, stopped or failed): the earlier replies all are, so
  // the new one is the next settled one.
  await page.locator('[data-testid="playground-reply"]:not([data-state="streaming"])').nth(before).waitFor();
  return replies.nth(before);
}

// A failed step leaves a screenshot of where it was.
async function step(page, name, body) {
  try {
    await body();
  } catch (e) {
    mkdirSync(outputDir, { recursive: true });
    const shot = join(outputDir, `failed-${name}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    // The gateway's own messages; the access log would drown them.
    const log = gatewayLog(gateway)
      .split('\n')
      .filter((line) => line && !line.includes('gaiarouter.access'))
      .slice(-20)
      .join('\n');
    e.message += `\n(screenshot: ${shot})\n--- gateway log (tail, without access lines) ---\n${log}`;
    throw e;
  }
}

// A step that builds on an earlier one says so when that one failed.
function needs(...names) {
  const missing = names.filter((name) => !state[name]);
  if (missing.length > 0) throw new Error(`cannot run: an earlier step failed (no ${missing.join(', ')})`);
}

describe('admin console in Chromium', { concurrency: false }, () => {
  let page; // the administrator's desktop session through the flow

  before(async () => {
    preconditions();
    mkdirSync(outputDir, { recursive: true });
    gateway = await startGateway({
      config: CONFIG,
      adminKey: ADMIN_KEY,
      env: { GAIAROUTER_CONSOLE_DIR: consoleDir },
      prefix: 'gaiarouter-console-',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await newPage(LOOKS[0]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stopGateway(gateway);
  });

  test('the gateway serves the console at / and its routes as deep links', async () => {
    const index = readFileSync(join(consoleDir, 'index.html'), 'utf8');
    for (const path of ['/', '/organizations', '/organizations/org_unknown', '/settings']) {
      const response = await fetch(`${gateway.url}${path}`);
      assert.equal(response.status, 200, `GET ${path}`);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/, `GET ${path}`);
      assert.equal(await response.text(), index, `GET ${path} answers the console's index.html`);
    }
    // A hashed asset of the build, and the API still owning /v1.
    const asset = readdirSync(join(consoleDir, 'assets')).find((name) => name.endsWith('.js'));
    const assetAnswer = await fetch(`${gateway.url}/assets/${asset}`);
    assert.equal(assetAnswer.status, 200);
    assert.match(assetAnswer.headers.get('content-type') ?? '', /javascript/);
    const api = await fetch(`${gateway.url}/v1/no-such-endpoint`);
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error.code, 'unknown_endpoint');
  });

  test('signs in with the master key; a reload of a deep link keeps the page', async () => {
    await step(page, 'sign-in', async () => {
      await signInWithKey(page, ADMIN_KEY);
      await page.getByTestId('nav-dashboard').waitFor();
      await page.goto(`${gateway.url}/organizations`);
      await page.getByTestId('org-create').waitFor();
      assert.equal(new URL(page.url()).pathname, '/organizations');
    });
  });

  test('creates an organization', async () => {
    await step(page, 'create-organization', async () => {
      await openFromMenu(page, 'organizations');
      await page.getByTestId('org-create').click();
      await field(page, 'org-form-name').fill(state.orgName);
      await page.getByTestId('org-form-submit').click();
      // A new organization opens on its own page.
      await page.waitForURL(/\/organizations\/org_[A-Za-z0-9]+$/);
      state.orgId = new URL(page.url()).pathname.split('/').pop();
      await page.getByTestId('org-detail-name').filter({ hasText: state.orgName }).waitFor();
    });
  });

  test('creates a read+write key in it and reads its secret once', async () => {
    needs('orgId');
    await step(page, 'create-key', async () => {
      await openFromMenu(page, 'keys');
      await page.getByTestId('key-create').click();
      await field(page, 'key-form-name').fill(state.keyName);
      await page.getByTestId('key-form-organization').click();
      await page.getByTestId('key-form-organization-option').filter({ hasText: state.orgName }).click();
      await ensureChecked(page, 'key-form-permission-read');
      await ensureChecked(page, 'key-form-permission-write');
      await page.getByTestId('key-form-submit').click();
      const secret = page.getByTestId('key-secret');
      await secret.waitFor();
      state.secret = (await secret.textContent()).trim();
      assert.match(state.secret, /^\S{20,}$/, 'the one-time secret is shown');
      await page.getByTestId('key-secret-close').click();
      await secret.waitFor({ state: 'detached' });
      const row = page.getByTestId('key-row').filter({ has: page.getByTestId('key-name').getByText(state.keyName, { exact: true }) });
      await row.waitFor();
      state.keyId = await row.getAttribute('data-key-id');
      assert.match(state.keyId ?? '', /^key_/);
    });
  });

  test('chats with that key in the playground and sees the streamed reply', async () => {
    needs('secret');
    await step(page, 'playground-chat', async () => {
      await openFromMenu(page, 'playground');
      const message = 'Hello from the browser test';
      const reply = await sendInPlayground(page, message, state.secret);
      assert.equal(await reply.getAttribute('data-state'), 'done');
      // mock/echo streams the last user message back word by word.
      assert.equal((await reply.getByTestId('playground-reply-text').textContent()).trim(), message);
      assert.match(await reply.getByTestId('playground-usage').textContent(), /\d+.*\d+.*\d+/);
      assert.match(await reply.getByTestId('playground-cost').textContent(), /\$/);
      assert.equal(await page.getByTestId('playground-error').count(), 0);
      state.requestId = await reply.getByTestId('playground-request-id').getAttribute('data-request-id');
      assert.match(state.requestId ?? '', /^req_/);
    });
  });

  test('finds the request in Activity and opens it', async () => {
    needs('requestId', 'keyId');
    await step(page, 'activity', async () => {
      await openFromMenu(page, 'activity');
      const row = page.getByTestId(`activity-row-${state.requestId}`);
      await eventually(
        'the request in the activity list',
        () => row.waitFor({ timeout: 1_000 }),
        () => page.getByTestId('activity-refresh').click(),
      );
      await row.click();
      await page.getByTestId('activity-detail-id').waitFor();
      assert.equal((await page.getByTestId('activity-detail-id').textContent()).trim(), state.requestId);
      assert.equal((await page.getByTestId('activity-detail-model').textContent()).trim(), 'mock/echo');
      assert.equal((await page.getByTestId('activity-detail-api-key').textContent()).trim(), state.keyId);
      await page.keyboard.press('Escape');
      await page.getByTestId('activity-detail-id').waitFor({ state: 'hidden' });
      await page.locator('.arco-drawer-mask').waitFor({ state: 'hidden' });
    });
  });

  test('the dashboard counts the request', async () => {
    needs('requestId');
    await step(page, 'dashboard', async () => {
      await openFromMenu(page, 'dashboard');
      const total = page.getByTestId('dashboard-total-requests');
      await eventually(
        'at least one request on the dashboard',
        () => total.filter({ hasText: /^\s*[1-9][\d,.\s]*$/ }).waitFor({ timeout: 1_000 }),
        () => page.getByTestId('dashboard-refresh').click(),
      );
      const requests = Number((await total.textContent()).replace(/[^\d]/g, ''));
      assert.ok(requests >= 1, `dashboard shows ${requests} requests`);
    });
  });

  test('revokes the key on the keys page', async () => {
    needs('keyId');
    await step(page, 'revoke-key', async () => {
      await openFromMenu(page, 'keys');
      const row = page.locator(`[data-testid="key-row"][data-key-id="${state.keyId}"]`);
      await row.getByTestId('key-revoke').click();
      await page.getByTestId('key-revoke-confirm').click();
      await page.locator(`[data-testid="key-row"][data-key-id="${state.keyId}"][data-status="active"]`).waitFor({ state: 'detached' });
      state.revoked = true;
    });
  });

  test('the playground shows the revoked key refused, readably, and stays signed in', async () => {
    needs('secret', 'revoked');
    await step(page, 'playground-revoked', async () => {
      await openFromMenu(page, 'playground');
      const reply = await sendInPlayground(page, 'Are you still there?', state.secret);
      assert.equal(await reply.getAttribute('data-state'), 'failed');
      const error = reply.getByTestId('playground-error');
      const text = (await error.innerText()).trim();
      assert.match(text, /revoked/i, 'the gateway message (401 api_key_revoked)');
      assert.match(text, /401/);
      assert.doesNotMatch(text, /[{}]|"error"/, 'no raw JSON');
      // Only the pasted key was refused: the session is untouched.
      assert.equal(await reply.getByTestId('playground-sign-in-again').count(), 0);
      assert.equal(new URL(page.url()).pathname, '/playground');
      await page.getByTestId('account-menu').waitFor();
      await page.screenshot({ path: join(outputDir, 'desktop-en-playground-refused.png'), fullPage: true });
    });
  });

  test('the settings page describes the gateway', async () => {
    await step(page, 'settings', async () => {
      await openFromMenu(page, 'settings');
      await page.getByTestId('settings-database').filter({ hasText: 'SQLite' }).waitFor();
      await page.locator('[data-testid="settings-provider-mock"][data-configured="true"]').waitFor();
      assert.match(await page.getByTestId('settings-version').textContent(), /\d+\.\d+\.\d+/);
    });
  });

  test('creates a member of the organization on the users page', async () => {
    needs('orgId');
    await step(page, 'create-member', async () => {
      await openFromMenu(page, 'users');
      await page.getByTestId('user-create').click();
      await field(page, 'user-form-email').fill(state.memberEmail);
      await field(page, 'user-form-name').fill('Browser Member');
      await field(page, 'user-form-password').fill(state.memberPassword);
      await page.getByTestId('user-form-role-member').click();
      await page.getByTestId('user-form-organization').click();
      await page.getByTestId('user-form-organization-option').filter({ hasText: state.orgName }).click();
      await page.getByTestId('user-form-submit').click();
      await page.getByTestId('user-form').waitFor({ state: 'detached' });
      await page.getByTestId('user-row').filter({ hasText: state.memberEmail }).waitFor();
      state.memberCreated = true;
    });
  });

  test('an invalid session token sends the user to sign in again', async () => {
    await step(page, 'expired-session', async () => {
      await page.evaluate(() => {
        const session = JSON.parse(localStorage.getItem('gaiarouter.session'));
        session.token = 'gr-not-a-valid-key-00000000000000000000';
        localStorage.setItem('gaiarouter.session', JSON.stringify(session));
      });
      await page.goto(`${gateway.url}/organizations`);
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByTestId('login-notice').filter({ hasText: /expired/i }).waitFor();
      assert.equal(await page.evaluate(() => localStorage.getItem('gaiarouter.session')), null);
      // Signing in again returns to the page asked for.
      await page.locator('.arco-tabs-tab').filter({ hasText: 'API key' }).click();
      await field(page, 'login-key').fill(ADMIN_KEY);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === '/organizations');
    });
  });

  test('signing out ends the session', async () => {
    await step(page, 'sign-out', async () => {
      await page.getByTestId('account-menu').click();
      await page.getByTestId('sign-out').click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByTestId('login-notice').filter({ hasText: /signed out/i }).waitFor();
      await page.goto(`${gateway.url}/keys`);
      await page.waitForURL((url) => url.pathname === '/login');
    });
  });

  test('the member signs in with email and password and sees only their organization', async () => {
    needs('memberCreated');
    await step(page, 'member-sign-in', async () => {
      // Left on the sign-in page by the step before, which asked for /keys.
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/keys');
      await page.locator('.arco-tabs-tab').filter({ hasText: 'Email and password' }).click();
      await field(page, 'login-email').fill(state.memberEmail);
      await field(page, 'login-password').fill('not the password');
      await page.getByTestId('login-submit').click();
      // The gateway's own message, not JSON.
      const refusal = page.getByTestId('login-error');
      await refusal.waitFor();
      assert.doesNotMatch(await refusal.textContent(), /[{}]|"error"/);
      await field(page, 'login-password').fill(state.memberPassword);
      await page.getByTestId('login-submit').click();
      // Back to the page asked for.
      await page.waitForURL((url) => url.pathname === '/keys');
      await page.getByTestId('key-create').waitFor();
      await page.getByTestId('account-menu').filter({ hasText: state.memberEmail }).waitFor();
      // Members manage their organization's keys but not users or settings.
      assert.equal(await page.getByTestId('nav-users').count(), 0);
      assert.equal(await page.getByTestId('nav-settings').count(), 0);
      await openFromMenu(page, 'organizations');
      const rows = page.getByTestId('org-row');
      await rows.filter({ hasText: state.orgName }).waitFor();
      assert.equal(await rows.count(), 1, 'a member sees only their own organization');
      // A reload keeps the session.
      await page.reload();
      await rows.filter({ hasText: state.orgName }).waitFor();
      await page.getByTestId('account-menu').click();
      await page.getByTestId('sign-out').click();
      await page.waitForURL((url) => url.pathname === '/login');
    });
  });

  test('screenshots of every page at 1366×900 and 375×812, English and Chinese', async () => {
    mkdirSync(outputDir, { recursive: true });
    const overflowing = [];
    const unresolvedTags = [];
    const failures = [];
    for (const look of LOOKS) {
      const shotPage = await newPage(look);
      const shoot = async (name) => {
        await shotPage.evaluate(() => document.fonts.ready);
        await shotPage.screenshot({ path: join(outputDir, `${look.name}-${name}.png`), fullPage: true });
        // Arco components and icons are imported where templates use them; one
        // that was not would stay an unknown <a-…>/<icon-…> element.
        const unresolved = await shotPage.evaluate(() =>
          [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => /^(a|icon)-/.test(n)))],
        );
        if (unresolved.length > 0) unresolvedTags.push(`${look.name} ${name}: ${unresolved.join(', ')}`);
        if (look.viewport.width < 768) {
          const wide = await shotPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (wide > 0) overflowing.push(`${look.name} ${name}: ${wide} px wider than the screen`);
        }
      };
      // Every page is tried; the failures are reported together at the end.
      const visit = async (name, path, ready) => {
        try {
          await step(shotPage, `${look.name}-${name}`, async () => {
            await shotPage.goto(`${gateway.url}${path}`, { waitUntil: 'networkidle' });
            if (ready) await ready();
            await shoot(name);
          });
        } catch (e) {
          failures.push(`${look.name} ${name}: ${e.message.split('\n')[0]}`);
        }
      };

      await visit('login', '/login', () => shotPage.getByTestId('login-submit').waitFor());
      await step(shotPage, `${look.name}-sign-in`, () => signInWithKey(shotPage, ADMIN_KEY));
      await visit('dashboard', '/', () => shotPage.getByTestId('dashboard-total-requests').filter({ hasText: /\d/ }).waitFor());
      await visit('organizations', '/organizations', () => shotPage.getByTestId('org-row').first().waitFor());
      await visit('organization', `/organizations/${state.orgId}`, () => shotPage.getByTestId('org-detail-name').waitFor());
      // The flow's key is revoked by now: the list may be empty.
      await visit('keys', '/keys', () => shotPage.getByTestId('key-table').waitFor());
      await visit('models', '/models', () => shotPage.getByTestId('model-row-mock/echo').waitFor());
      await visit('activity', '/activity', async () => {
        await shotPage.getByTestId(`activity-row-${state.requestId}`).click();
        await shotPage.getByTestId('activity-detail-id').waitFor();
      });
      await visit('playground', '/playground', async () => {
        // A conversation as the administrator, so the transcript shows.
        const reply = await sendInPlayground(shotPage, look.locale === 'en' ? 'Hello, GaiaRouter' : '你好，GaiaRouter');
        assert.equal(await reply.getAttribute('data-state'), 'done', `${look.name}: the master key chats`);
      });
      await visit('users', '/users', () => shotPage.getByTestId('user-table').waitFor());
      await visit('settings', '/settings', () => shotPage.getByTestId('settings-provider-mock').waitFor());
      await shotPage.context().close();
    }
    console.log(`console screenshots: ${outputDir}`);
    assert.deepEqual(failures, [], 'every page showed its content');
    assert.deepEqual(overflowing, [], 'no page is wider than a 375 px phone screen');
    assert.deepEqual(unresolvedTags, [], 'every component in the pages was resolved');
  });

  test('no page threw an uncaught error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
