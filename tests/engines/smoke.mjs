#!/usr/bin/env node
// The cross-engine smoke suite: what a reader does, in Chromium, Firefox ESR or WebKit, over
// WebDriver (WebdriverIO's standalone `remote()` against a driver this script starts itself).
//
//   node tests/engines/smoke.mjs --engine chromium|firefox|webkit --base http://127.0.0.1:8095
//        [--cut-network 'shell command'] [--restore-network 'shell command']
//        [--markdown FILE] [--only check,check]
//
// Each check gets a fresh browser session (clean storage, no service worker left over), so one
// failing never spoils the next. The offline check needs --cut-network: a shell command that stops
// the server behind --base (scripts/test-engines.sh passes `nginx_stop PORT`); --restore-network
// starts it again afterwards. Prints a PASS/FAIL/SKIP table; exits 1 if any check FAILs.
// A SKIP is only ever for a reason the engine gives under automation (see docs/engines.md).
import { remote } from 'webdriverio';
import { spawn, execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const SEED_HEADLINE = "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh";
const RELATED = '/article/armenia-and-azerbaijan';

// ---------------------------------------------------------------------------------------------
// Arguments

const args = { engine: '', base: '', cutNetwork: '', restoreNetwork: '', markdown: '', only: '' };
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(name in args) || i + 1 >= process.argv.length) usage(`unknown or incomplete option ${process.argv[i]}`);
  args[name] = process.argv[++i];
}
if (!['chromium', 'firefox', 'webkit'].includes(args.engine)) usage('--engine must be chromium, firefox or webkit');
if (!/^https?:\/\//.test(args.base)) usage('--base must be a URL such as http://127.0.0.1:8095');
const BASE = args.base.replace(/\/$/, '');

function usage(message) {
  console.error(`smoke.mjs: ${message}`);
  console.error('usage: node tests/engines/smoke.mjs --engine chromium|firefox|webkit --base URL ' +
    "[--cut-network CMD] [--restore-network CMD] [--markdown FILE] [--only check,...]");
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Drivers: each engine's WebDriver server, on a free port, in a process group of its own so that
// stopping it also stops what it started (xvfb-run's Xvfb, the browsers).

const ENGINES = {
  chromium: {
    driver: (port) => ['/usr/bin/chromedriver', [`--port=${port}`]],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
          '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
          '--window-size=1280,900'],
      },
    },
  },
  firefox: {
    driver: (port) => ['geckodriver', [`--port=${port}`, '--host=127.0.0.1']],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless', '-width=1280', '-height=900'] },
    },
  },
  webkit: {
    // MiniBrowser's own --headless mode hangs; it runs in a real (virtual) X display instead.
    driver: (port) => ['xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  },
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startDriver(engine) {
  const port = await freePort();
  const [command, argv] = ENGINES[engine].driver(port);
  const child = spawn(command, argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  child.on('error', (e) => { exited = e.message; });
  for (let waited = 0; waited < 20_000; waited += 250) {
    if (exited !== null) throw new Error(`${command} exited (${exited}) before it was ready:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return { port, child, output: () => output };
    } catch { /* not listening yet */ }
    await sleep(250);
  }
  stopDriver({ child });
  throw new Error(`${command} did not answer on port ${port} within 20 s:\n${output}`);
}

function stopDriver(driver) {
  if (!driver || driver.child.exitCode !== null) return;
  try { process.kill(-driver.child.pid, 'SIGTERM'); } catch { /* already gone */ }
}

async function session(driver, engine) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: driver.port,
    path: '/',
    logLevel: 'error',
    connectionRetryTimeout: 90_000,
    connectionRetryCount: 0,
    // Plain W3C WebDriver in every engine (WebKitWebDriver has no BiDi), so all three are driven alike.
    capabilities: { ...ENGINES[engine].capabilities, 'wdio:enforceWebDriverClassic': true },
  });
  await browser.setTimeout({ pageLoad: 30_000, script: 40_000 });
  return browser;
}

// ---------------------------------------------------------------------------------------------
// Helpers the checks share

class Skip extends Error {}

const fail = (message) => { throw new Error(message); };

// Opens a page and waits (as tests/e2e/fixtures.ts does) until the app has taken over the
// pre-rendered page; resolves to whether it did.
async function open(browser, path) {
  await browser.url(BASE + path);
  return tookOver(browser);
}

async function tookOver(browser, timeout = 20_000) {
  try {
    await browser.waitUntil(() => browser.execute(() => !document.getElementById('prerendered') && !!document.getElementById('app')),
      { timeout, interval: 200 });
    return true;
  } catch (e) {
    if (process.env.SMOKE_DEBUG) console.error('tookOver:', e);
    return false;
  }
}

// Reloads the page as a reader does (F5). Not WebDriver's Refresh: in Firefox that reload bypasses
// the service worker (the reloaded page has no controller), so it can't show offline reading.
async function reload(browser) {
  await browser.execute(() => { window.__ledeBeforeReload = true; location.reload(); });
  await browser.waitUntil(() => browser.execute(() => !window.__ledeBeforeReload && document.readyState === 'complete'),
    { timeout: 30_000, interval: 200, timeoutMsg: 'the reloaded page did not finish loading within 30 s' });
}

async function text(browser, selector) {
  const el = await browser.$(selector);
  if (!(await el.isExisting())) return null;
  return (await el.getText()).trim();
}

async function requireTakeover(browser, path) {
  if (!(await open(browser, path))) fail(`the app did not take over ${path} within 20 s (#prerendered still there or #app missing)`);
}

// ---------------------------------------------------------------------------------------------
// The checks: what a reader does

const CHECKS = [
  {
    name: 'front-page',
    what: 'front page lists 5 story cards with headlines',
    async run(browser) {
      await requireTakeover(browser, '/');
      const titles = await browser.execute(() =>
        [...document.querySelectorAll('.story-card')].map((c) => (c.querySelector('.story-title a')?.textContent ?? '').trim()));
      if (titles.length !== 5) fail(`expected 5 .story-card, found ${titles.length}`);
      const empty = titles.filter((t) => !t).length;
      if (empty) fail(`${empty} of 5 story cards have no headline (.story-title a)`);
      return `${titles.length} cards: ${titles.map((t) => `"${t.slice(0, 28)}…"`).join(', ')}`;
    },
  },
  {
    name: 'takeover',
    what: 'the app takes over the pre-rendered story (#prerendered gone, #app present)',
    async run(browser) {
      await browser.url(BASE + SEED);
      const before = await browser.execute(() => ({
        prerendered: !!document.getElementById('prerendered'),
        h1: document.querySelector('h1')?.textContent?.trim() ?? '',
      }));
      const started = Date.now();
      if (!(await tookOver(browser))) fail('#prerendered still there (or #app missing) 20 s after load');
      return `took over ${Date.now() - started} ms after load returned` +
        (before.prerendered ? ' (pre-rendered page seen first)' : ' (already taken over when load returned)');
    },
  },
  {
    name: 'story-headline',
    what: 'the seed story\'s h1',
    async run(browser) {
      await requireTakeover(browser, SEED);
      const h1 = await text(browser, 'h1');
      if (h1 !== SEED_HEADLINE) fail(`h1 is ${JSON.stringify(h1)}, expected ${JSON.stringify(SEED_HEADLINE)}`);
      return h1;
    },
  },
  {
    name: 'caption',
    what: 'lead image caption mentions Barda',
    async run(browser) {
      await requireTakeover(browser, SEED);
      const caption = await text(browser, 'figure.figure-lead figcaption');
      if (caption === null) fail('no figure.figure-lead figcaption');
      if (!caption.includes('Barda')) fail(`caption does not mention Barda: ${JSON.stringify(caption)}`);
      return caption.length > 70 ? `${caption.slice(0, 70)}…` : caption;
    },
  },
  {
    name: 'related',
    what: 'related panel links to the Armenia and Azerbaijan explainer',
    async run(browser) {
      await requireTakeover(browser, SEED);
      const links = await browser.execute(() =>
        [...document.querySelectorAll('aside.related a')].map((a) => a.getAttribute('href')));
      if (!links.length) fail('no links in aside.related');
      const hit = links.find((href) => href === '/article/armenia-and-azerbaijan' || href.startsWith('/article/armenia-and-azerbaijan#'));
      if (!hit) fail(`aside.related links ${JSON.stringify(links)}, none to ${RELATED}`);
      return `links ${hit}`;
    },
  },
  {
    name: 'highlights',
    what: 'entity highlights (worker + wasm model) within 30 s',
    async run(browser) {
      await requireTakeover(browser, SEED);
      const started = Date.now();
      try {
        await browser.waitUntil(() => browser.execute(() => document.querySelectorAll('mark.entity').length > 0),
          { timeout: 30_000, interval: 250 });
      } catch {
        const hasWorker = await browser.execute(() => typeof Worker === 'function' && typeof WebAssembly === 'object');
        fail(`no mark.entity 30 s after takeover (Worker and WebAssembly ${hasWorker ? 'present' : 'MISSING'})`);
      }
      const count = await browser.execute(() => document.querySelectorAll('mark.entity').length);
      return `${count} marks, first after ${((Date.now() - started) / 1000).toFixed(1)} s`;
    },
  },
  {
    name: 'share',
    what: 'Share falls back to copying the link ("Link copied")',
    async run(browser) {
      await requireTakeover(browser, SEED);
      // Record what the app asked of the clipboard and what the engine answered.
      const setup = await browser.execute(() => {
        const info = { webShare: typeof navigator.share === 'function', clipboard: !!(navigator.clipboard && navigator.clipboard.writeText) };
        // Where the engine has the Web Share API the app opens the system sheet instead, which
        // automation can't see: remove it so the fallback (what most desktop readers get) runs.
        if (info.webShare) {
          delete Navigator.prototype.share;
          try { delete navigator.share; } catch { /* own property only in some engines */ }
        }
        window.__ledeCopy = { state: 'not called' };
        if (info.clipboard) {
          const clip = navigator.clipboard;
          const original = clip.writeText.bind(clip);
          clip.writeText = (t) => {
            window.__ledeCopy = { state: 'pending', text: t };
            return original(t).then(
              (v) => { window.__ledeCopy = { state: 'ok', text: t }; return v; },
              (e) => { window.__ledeCopy = { state: 'refused', text: t, error: `${e && e.name}: ${e && e.message}` }; throw e; });
          };
        }
        return info;
      });
      if (!setup.clipboard) fail('navigator.clipboard.writeText is missing: neither Web Share nor a copy to fall back on');
      const button = await browser.$('button=Share');
      if (!(await button.isExisting())) fail('no "Share" button');
      await button.click();
      let status = '';
      try {
        await browser.waitUntil(async () => (status = (await text(browser, '.share-status')) ?? '') === 'Link copied',
          { timeout: 5_000, interval: 100 });
      } catch {
        const copy = await browser.execute(() => window.__ledeCopy);
        if (copy.state === 'refused') {
          throw new Skip(`the engine refused the clipboard write under automation (${copy.error})`);
        }
        fail(`.share-status is ${JSON.stringify(status)}, not "Link copied"; clipboard write: ${copy.state}`);
      }
      const copy = await browser.execute(() => window.__ledeCopy);
      if (!copy.text || !copy.text.endsWith(SEED)) fail(`copied ${JSON.stringify(copy.text)}, not the story's canonical link`);
      return `copied ${copy.text}` + (setup.webShare ? ' (navigator.share present; removed to exercise the fallback)' : ' (no navigator.share)');
    },
  },
  {
    name: 'offline-reload',
    what: 'the story reloads from the service worker with the server stopped',
    async run(browser) {
      if (!args.cutNetwork) throw new Skip('no --cut-network command given');
      await requireTakeover(browser, SEED);
      const api = await browser.execute(() => 'serviceWorker' in navigator);
      if (!api) throw new Skip('navigator.serviceWorker is missing in this engine under automation');
      const ready = await browser.executeAsync((done) => {
        const timer = setTimeout(() => done('timeout'), 20_000);
        navigator.serviceWorker.ready.then(() => { clearTimeout(timer); done('ready'); }, (e) => done(`error: ${e}`));
      });
      if (ready !== 'ready') {
        const regs = await browser.executeAsync((done) => {
          navigator.serviceWorker.getRegistrations().then((r) => done(`${r.length} registrations`), (e) => done(`getRegistrations failed: ${e}`));
        });
        fail(`service worker not ready after 20 s (${ready}; ${regs})`);
      }
      // The first visit's files were fetched before the worker controlled the page.
      await reload(browser);
      if (!(await tookOver(browser))) fail('the app did not take over after the controlled reload');
      try {
        await browser.waitUntil(() => browser.execute(() => !!navigator.serviceWorker.controller), { timeout: 10_000, interval: 200 });
      } catch {
        fail('navigator.serviceWorker.controller still null after a reload');
      }
      await sleep(500); // let the worker finish putting the story's files in its cache
      execSync(args.cutNetwork, { stdio: 'inherit', shell: '/bin/bash' });
      try {
        await fetch(BASE + SEED, { signal: AbortSignal.timeout(3_000) });
        fail(`--cut-network ran but ${BASE} still answers`);
      } catch (e) {
        if (!(e instanceof TypeError) && e.name !== 'TimeoutError') throw e;
      }
      await reload(browser);
      await tookOver(browser);
      // Offline the worker answers the navigation with the app's shell, and the app then reads the
      // story from the cache: wait for it rather than reading the first frame.
      await browser.waitUntil(async () => (await text(browser, 'h1')) === SEED_HEADLINE, { timeout: 15_000, interval: 200 }).catch(() => {});
      const h1 = await text(browser, 'h1');
      if (h1 !== SEED_HEADLINE) fail(`offline, h1 is ${JSON.stringify(h1)} (expected the seed headline)`);
      const caption = (await text(browser, 'figure.figure-lead figcaption')) ?? '';
      if (!caption.includes('Barda')) fail(`offline, the caption is ${JSON.stringify(caption)}`);
      const state = await browser.execute(() => ({
        controlled: !!navigator.serviceWorker.controller,
        workerStart: performance.getEntriesByType('navigation')[0]?.workerStart ?? null,
        onLine: navigator.onLine,
      }));
      if (!state.controlled) fail('offline, the page rendered but no service worker controls it');
      return `h1 and caption from the worker with the server stopped (navigation workerStart=${state.workerStart === null ? 'n/a' : Math.round(state.workerStart)}, navigator.onLine=${state.onLine})`;
    },
    after() {
      if (args.cutNetwork && args.restoreNetwork) execSync(args.restoreNetwork, { stdio: 'inherit', shell: '/bin/bash' });
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Feature probe: not a check (it never fails), a record of which web platform features the app
// uses each engine offers under automation, for docs/engines.md.

async function probe(browser) {
  await requireTakeover(browser, SEED);
  await browser.waitUntil(() => browser.execute(() => document.querySelectorAll('mark.entity').length > 0),
    { timeout: 30_000, interval: 250 }).catch(() => {});
  return browser.executeAsync((done) => {
    const f = {};
    f['CSS Custom Highlight API (Listen)'] = typeof CSS !== 'undefined' && !!CSS.highlights;
    f['speechSynthesis'] = 'speechSynthesis' in window;
    f['"Listen to this story" shown'] = !!document.querySelector('.listen');
    f['Web Share (navigator.share)'] = typeof navigator.share === 'function';
    f['navigator.clipboard.writeText'] = !!(navigator.clipboard && navigator.clipboard.writeText);
    f['navigator.clipboard.readText'] = !!(navigator.clipboard && navigator.clipboard.readText);
    f['service worker API'] = 'serviceWorker' in navigator;
    f['Cache Storage'] = 'caches' in window;
    f['IndexedDB'] = 'indexedDB' in window;
    f['navigator.storage.persist'] = !!(navigator.storage && navigator.storage.persist);
    f['navigator.storage.estimate'] = !!(navigator.storage && navigator.storage.estimate);
    f[':has() selector'] = CSS.supports('selector(:has(a))');
    f['Worker + WebAssembly'] = typeof Worker === 'function' && typeof WebAssembly === 'object';
    f['dateline as shown'] = (document.querySelector('.story-meta .published time')?.textContent ?? '').trim();
    const voices = () => ('speechSynthesis' in window ? speechSynthesis.getVoices().length : 0);
    const finish = () => {
      f['speech voices'] = voices();
      // Entries, not the object: some drivers hand objects back with their keys sorted.
      if (!(navigator.storage && navigator.storage.persisted)) return done(Object.entries(f));
      navigator.storage.persisted().then((p) => { f['storage persisted'] = p; done(Object.entries(f)); }, () => done(Object.entries(f)));
    };
    setTimeout(finish, 1500); // voices often arrive late
  });
}

// ---------------------------------------------------------------------------------------------
// Run

const only = args.only ? args.only.split(',') : null;
const results = [];
let driver;
let browserVersion = '';
const suiteStart = Date.now();
const cleanup = () => stopDriver(driver);
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

console.log(`Smoke suite: ${args.engine} against ${BASE}`);
try {
  driver = await startDriver(args.engine);
} catch (e) {
  console.error(`could not start the ${args.engine} driver: ${e.message}`);
  process.exit(1);
}

for (const check of CHECKS) {
  if (only && !only.includes(check.name)) continue;
  const started = Date.now();
  let browser;
  let result;
  try {
    browser = await withTimeout(session(driver, args.engine), 100_000, 'starting a session');
    browserVersion ||= `${browser.capabilities.browserName} ${browser.capabilities.browserVersion}`;
    await browser.setWindowSize(1280, 900).catch(() => {});
    const detail = await withTimeout(check.run(browser), 120_000, check.name);
    result = { status: 'PASS', detail };
  } catch (e) {
    result = e instanceof Skip ? { status: 'SKIP', detail: e.message } : { status: 'FAIL', detail: firstLine(e) };
  } finally {
    try { check.after?.(); } catch (e) { console.error(`restoring after ${check.name}: ${e.message}`); }
    if (browser) await withTimeout(browser.deleteSession(), 20_000, 'closing the session').catch(() => {});
  }
  results.push({ name: check.name, what: check.what, seconds: (Date.now() - started) / 1000, ...result });
  const last = results.at(-1);
  console.log(`  ${last.status.padEnd(4)} ${last.name} (${last.seconds.toFixed(1)} s): ${last.detail}`);
}
let features = null;
if (!only || only.includes('features')) {
  let browser;
  try {
    browser = await withTimeout(session(driver, args.engine), 100_000, 'starting a session');
    features = await withTimeout(probe(browser), 60_000, 'the feature probe');
  } catch (e) {
    console.error(`feature probe: ${firstLine(e)}`);
  } finally {
    if (browser) await withTimeout(browser.deleteSession(), 20_000, 'closing the session').catch(() => {});
  }
}
stopDriver(driver);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

function firstLine(e) {
  return String(e && e.message ? e.message : e).split('\n').slice(0, 3).join(' ').slice(0, 300);
}

// The table
const count = (s) => results.filter((r) => r.status === s).length;
const total = ((Date.now() - suiteStart) / 1000).toFixed(1);
const width = Math.max(...results.map((r) => r.name.length), 5);
console.log(`\n${args.engine} (${browserVersion || 'no session'}):`);
console.log(`  ${'check'.padEnd(width)}  result  time`);
for (const r of results) console.log(`  ${r.name.padEnd(width)}  ${r.status.padEnd(6)}  ${r.seconds.toFixed(1).padStart(5)} s`);
if (features) {
  console.log(`\n${args.engine} features (informational):`);
  for (const [k, v] of features) console.log(`  ${k}: ${JSON.stringify(v)}`);
}
console.log(`${args.engine}: ${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped in ${total} s`);

if (args.markdown) {
  const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `Engine: ${args.engine} (${browserVersion || 'no session'}), ${new Date().toISOString().slice(0, 10)}, ` +
      `${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped in ${total} s.`,
    '',
    '| check | what a reader does | result | time | detail |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${esc(r.what)} | ${r.status} | ${r.seconds.toFixed(1)} s | ${esc(r.detail)} |`),
    '',
  ];
  if (features) {
    lines.push('Features the app uses, as this engine offers them under automation (informational):', '',
      '| feature | value |', '|---|---|', ...features.map(([k, v]) => `| ${esc(k)} | ${esc(JSON.stringify(v))} |`), '');
  }
  writeFileSync(args.markdown, lines.join('\n'));
}

process.exitCode = count('FAIL') ? 1 : 0;
