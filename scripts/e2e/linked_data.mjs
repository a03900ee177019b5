// Headless Chromium test of the Linked Data pages of `policykg serve` (/id/…), driven by
// playwright-core with Debian's /usr/bin/chromium (no browser download).
//
// usage: node scripts/e2e/linked_data.mjs --base http://127.0.0.1:7878 \
//          --agency 安徽省经济和信息化厅 --expect-lead 11 --out target/e2e
//
// Opens the agency's page, checks its lead tasks, follows its first lead task to the task page
// (a highlighted mention, a link back to the agency), follows the task's version to the policy
// page (tasks with agencies), and keeps screenshots of the three at 1280 and 400 px
// (ld-{agency,task,policy}-{1280,400}.png); at 400 px no page may scroll sideways. Checks that
// the pages run no script and load nothing from another host, and that an unknown IRI gets the
// 404 page. Ends with "N passed, N failed".

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

function parseArgs(argv) {
  const args = { base: 'http://127.0.0.1:7878', out: 'target/e2e', agency: '安徽省经济和信息化厅', expectLead: 11 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${key}`);
    switch (key) {
      case '--base': args.base = value.replace(/\/$/, ''); break;
      case '--agency': args.agency = value; break;
      case '--expect-lead': args.expectLead = Number(value); break;
      case '--out': args.out = value; break;
      case '--chromium': args.chromium = value; break;
      default: throw new Error(`unknown argument ${key}`);
    }
  }
  return args;
}

const args = parseArgs(process.argv);
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
}

mkdirSync(args.out, { recursive: true });
const browser = await chromium.launch({
  executablePath: args.chromium || process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const foreign = [];
const pageErrors = [];
async function newPage(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('request', (r) => { if (!r.url().startsWith(args.base)) foreign.push(r.url()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

try {
  const page = await newPage(1280);
  const urls = {};

  // The agency.
  urls.agency = `${args.base}/id/agency/${encodeURIComponent(args.agency)}`;
  let response = await page.goto(urls.agency, { waitUntil: 'load' });
  check('agency page answers 200 HTML', response.status() === 200
    && (response.headers()['content-type'] || '').startsWith('text/html'), `${response.status()}`);
  check('agency page names the agency', (await page.textContent('h1')).trim() === args.agency);
  const lead = await page.$$('ol.items.lead > li');
  check(`agency page lists ${args.expectLead} lead tasks`, lead.length === args.expectLead, `${lead.length}`);
  const firstLead = lead.length ? await lead[0].textContent() : '';
  check('each lead task names its policy, date and basis', /依据：/.test(firstLead) && /\d{4}-\d{2}-\d{2}/.test(firstLead), firstLead);
  check('pages run no script', (await page.$$('script')).length === 0);
  await page.screenshot({ path: `${args.out}/ld-agency-1280.png`, fullPage: true });

  // Its first lead task.
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('ol.items.lead > li a')]);
  urls.task = page.url();
  check('the task link leads to a task page', /\/id\/expr\/[^/]+\/task\//.test(urls.task), urls.task);
  const marks = await page.$$('.text mark.agency, .text mark.many');
  check('the task page highlights the agency mention', marks.length > 0);
  const marked = marks.length ? await marks[0].textContent() : '';
  check('the highlighted span is the mention as written', marked.length > 0 && /厅|委|局|办|府/.test(marked), marked);
  check('the task page links back to the agency',
    (await page.$$(`a[href="/id/agency/${args.agency}"]`)).length > 0);
  await page.screenshot({ path: `${args.out}/ld-task-1280.png`, fullPage: true });

  // Its version (the policy page).
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('dl.facts dd a[href^="/id/expr/"]')]);
  urls.policy = page.url();
  check('the version link leads to the policy page', /\/id\/expr\/[^/]+$/.test(urls.policy), urls.policy);
  const tasks = await page.$$('ol.items.tasks > li');
  check('the policy page lists its tasks', tasks.length >= 11, `${tasks.length}`);
  check('the policy page shows agencies with roles', (await page.$$('ol.items.tasks .chip .role')).length > 0);
  await page.screenshot({ path: `${args.out}/ld-policy-1280.png`, fullPage: true });

  // The three at 400 px: nothing scrolls sideways.
  const narrow = await newPage(400);
  for (const [name, url] of Object.entries(urls)) {
    await narrow.goto(url, { waitUntil: 'load' });
    const { scroll, client } = await narrow.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    check(`${name} page fits 400 px`, scroll <= client, `scroll width ${scroll} > ${client}`);
    await narrow.screenshot({ path: `${args.out}/ld-${name}-400.png`, fullPage: true });
  }

  // An unknown IRI.
  response = await page.goto(`${args.base}/id/agency/${encodeURIComponent('没有这个机构')}`, { waitUntil: 'load' });
  check('an unknown IRI gets the 404 page', response.status() === 404
    && (await page.textContent('h1')).includes('库中没有这个资源'), `${response.status()}`);

  check('nothing is loaded from another host', foreign.length === 0, foreign.join(' '));
  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
  console.log(`screenshots: ${args.out}/ld-{agency,task,policy}-{1280,400}.png`);
} catch (e) {
  check('the run completes', false, e.stack || String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
