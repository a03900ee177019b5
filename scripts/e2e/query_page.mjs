// Headless Chromium test of the policykg query page, driven by playwright-core with Debian's
// /usr/bin/chromium (no browser download).
//
// usage: node scripts/e2e/query_page.mjs --base http://127.0.0.1:7878 \
//          --example 01_tasks_led_by.rq --expect-rows 11 --expect-text 安徽省经济和信息化厅 \
//          --screenshot target/e2e/query-page.png
//
// Opens the page, picks the example query, runs it, checks the rows and the Chinese labels,
// downloads the CSV, runs a malformed query and checks the error, and keeps a screenshot.
// Ends with "N passed, N failed".

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

function parseArgs(argv) {
  const args = { base: 'http://127.0.0.1:7878', screenshot: 'target/e2e/query-page.png', expectText: [] };
  for (let i = 2; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${key}`);
    i++;
    switch (key) {
      case '--base': args.base = value.replace(/\/$/, ''); break;
      case '--example': args.example = value; break;
      case '--expect-rows': args.expectRows = Number(value); break;
      case '--min-rows': args.minRows = Number(value); break;
      case '--expect-text': args.expectText.push(value); break;
      case '--screenshot': args.screenshot = value; break;
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

const browser = await chromium.launch({
  executablePath: args.chromium || process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const pageErrors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // The browser logs every 4xx answer as "Failed to load resource"; the 400 below is expected.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
  });

  const response = await page.goto(`${args.base}/`, { waitUntil: 'load' });
  check('page loads with 200', response && response.status() === 200, response && response.status());
  check('page title', (await page.title()).includes('SPARQL'), await page.title());

  const examples = page.locator('#pk-examples-list button');
  const count = await examples.count();
  check('example queries are listed', count > 0, `${count} examples`);

  // Pick the example: by file name if given, else the first.
  const button = args.example
    ? page.locator(`#pk-examples-list button[data-name="${args.example}"]`)
    : examples.first();
  check(`example ${args.example || '(first)'} is on the page`, (await button.count()) === 1);
  const title = (await button.locator('.ex-title').textContent()) || '';
  await button.click();
  const editorText = await page.locator('#pk-query').inputValue();
  check('clicking the example loads it into the editor', /SELECT|CONSTRUCT|ASK|DESCRIBE/i.test(editorText),
    editorText.slice(0, 80));
  check('the editor highlights keywords', (await page.locator('#pk-highlight .hl-keyword').count()) > 0);

  await page.click('#pk-run');
  await page.waitForSelector('#pk-status.ok, #pk-status.error', { timeout: 30000 });
  const status = (await page.locator('#pk-status').textContent()) || '';
  check('the query runs', !status.includes('HTTP'), status);
  await page.waitForSelector('table.results-table tbody tr', { timeout: 30000 });
  const rows = await page.locator('table.results-table tbody tr').count();
  if (args.expectRows !== undefined) check(`the table has ${args.expectRows} rows`, rows === args.expectRows, `${rows} rows`);
  if (args.minRows !== undefined) check(`the table has at least ${args.minRows} rows`, rows >= args.minRows, `${rows} rows`);
  check('the status line counts the rows', status.includes(`${rows} 行`), status);

  // Labels arrive after the rows: wait for each expected Chinese text.
  for (const text of args.expectText) {
    let found = true;
    try {
      await page.locator('table.results-table').getByText(text).first().waitFor({ timeout: 10000 });
    } catch (e) {
      found = false;
    }
    check(`the results show "${text}"`, found);
  }
  const linkTitle = await page.locator('table.results-table .term-iri a, table.results-table .term-iri span').first()
    .getAttribute('title').catch(() => null);
  check('IRIs are kept as tooltips', !!linkTitle && /^https?:|^urn:/.test(linkTitle.split('\n').pop()), linkTitle);

  mkdirSync(dirname(args.screenshot), { recursive: true });
  await page.screenshot({ path: args.screenshot, fullPage: false });
  console.log(`screenshot: ${args.screenshot} (example: ${title})`);

  // CSV download: the server's SPARQL CSV, same number of rows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pk-download-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const csvRows = csv.split('\r\n').filter((l) => l.length > 0).length - 1;
  check('CSV download has the same rows', csvRows === rows, `${csvRows} CSV rows vs ${rows}`);
  const [labelled] = await Promise.all([page.waitForEvent('download'), page.click('#pk-download-labelled')]);
  const labelledCsv = readFileSync(await labelled.path(), 'utf8');
  check('labelled CSV starts with a UTF-8 BOM and has label columns',
    labelledCsv.charCodeAt(0) === 0xfeff && labelledCsv.split('\r\n')[0].includes('_label'),
    labelledCsv.split('\r\n')[0]);

  // A malformed query shows the parser's message.
  await page.locator('#pk-query').fill('SELECT ?s WHERE { ?s ?p ');
  await page.click('#pk-run');
  await page.waitForSelector('#pk-notice.error', { timeout: 10000 });
  const notice = (await page.locator('#pk-notice').textContent()) || '';
  check('a syntax error is shown with the parser message', notice.includes('SPARQL syntax error'), notice.slice(0, 120));

  check('no JavaScript errors', pageErrors.length === 0, pageErrors.join(' | '));
} catch (e) {
  check('the browser test ran to the end', false, e && e.stack ? e.stack : String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
