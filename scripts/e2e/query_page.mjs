// Headless Chromium test of the policykg query page, driven by playwright-core with Debian's
// /usr/bin/chromium (no browser download).
//
// usage: node scripts/e2e/query_page.mjs --base http://127.0.0.1:7878 \
//          --example 01_tasks_led_by.rq --expect-rows 11 --expect-text 安徽省经济和信息化厅 \
//          --screenshot target/e2e/query-page.png --narrow-screenshot target/e2e/query-page-400.png
//
// Opens the page, picks the example query, runs it, checks the rows and the Chinese labels,
// downloads the CSV, runs a malformed query and checks the error marked at the line and column
// the server names; completes a prefixed name and adds a missing PREFIX line; pages through a
// 500-row result (LIMIT 500 over tasks: the store needs at least 500), sorts a numeric column,
// filters, draws it as a bar chart; shows version ids; restores a query from the history and
// from a shared link (which runs it); and at 400 px checks the page does not scroll sideways,
// Run is on screen and the editor clear of the results. Keeps both screenshots.
// Ends with "N passed, N failed".

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

function parseArgs(argv) {
  const args = {
    base: 'http://127.0.0.1:7878', screenshot: 'target/e2e/query-page.png',
    narrowScreenshot: 'target/e2e/query-page-400.png', expectText: [],
  };
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
      case '--narrow-screenshot': args.narrowScreenshot = value; break;
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

  // The error is marked where the server says: an undeclared prefix on line 2.
  const bad = 'SELECT ?s WHERE {\n  ?s nosuch:p ?o .\n}';
  await page.locator('#pk-query').fill(bad);
  await page.click('#pk-run');
  await page.waitForFunction(() => /nosuch/.test(document.getElementById('pk-notice').textContent), null, { timeout: 10000 });
  const message = (await page.locator('#pk-notice pre').textContent()) || '';
  const at = /line (\d+), column (\d+)/.exec(message);
  check('the 400 answer names a line and column', !!at && at[1] === '2', message.slice(0, 120));
  if (at) {
    const [line, column] = [Number(at[1]), Number(at[2])];
    check('the gutter marks the error line', (await page.locator('#pk-gutter .gutter-error').textContent()) === String(line));
    check('the error character is marked in the editor', (await page.locator('#pk-highlight mark.hl-error').count()) === 1);
    const caret = await page.locator('#pk-query').evaluate((t) => t.selectionStart);
    const expected = bad.split('\n').slice(0, line - 1).join('\n').length + 1 + column - 1;
    check(`the caret is put at line ${line}, column ${column}`, caret === expected, `${caret} vs ${expected}`);
    check('the status names the position', ((await page.locator('#pk-status').textContent()) || '').includes(`第 ${line} 行第 ${column} 列`));
  }
  check('the prefix hint names the unknown prefix', ((await page.locator('#pk-prefix-hint').textContent()) || '').includes('nosuch:'));
  check('after an edit the title is no longer the example\'s', !((await page.locator('#pk-query-title').textContent()) || '').includes(title),
    await page.locator('#pk-query-title').textContent());

  // Completion after a known prefix, and the PREFIX line a query lacks.
  await page.locator('#pk-query').fill('SELECT ?t WHERE {\n  ?t a ');
  await page.locator('#pk-query').press('End');
  await page.locator('#pk-query').pressSequentially('pkg:Tas');
  await page.waitForSelector('#pk-complete:not([hidden]) li', { timeout: 5000 });
  const offered = await page.locator('#pk-complete li .c-term').allTextContents();
  check('typing pkg:Tas offers pkg:Task', offered.includes('pkg:Task'), offered.slice(0, 5).join(' '));
  const offeredLabel = await page.locator('#pk-complete li.active .c-hint').textContent().catch(() => '');
  await page.locator('#pk-query').press('Enter');
  const completed = await page.locator('#pk-query').inputValue();
  check('Enter inserts the term', completed.endsWith('?t a pkg:Task'), JSON.stringify(completed.slice(-20)));
  check('terms carry their Chinese label', offeredLabel === '任务', offeredLabel);
  await page.locator('#pk-add-prefixes').click();
  check('the hint adds the PREFIX line', (await page.locator('#pk-query').inputValue()).startsWith('PREFIX pkg: <https://policykg.org/ns#>\n'));
  check('the hint is gone once declared', await page.locator('#pk-prefix-hint').isHidden());

  // Paging through a 500-row result, sorting, filtering, the chart.
  const tasks = 'PREFIX pkg: <https://policykg.org/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n' +
    'SELECT ?task ?chars WHERE {\n  ?task a pkg:Task ; rdfs:label ?label .\n  BIND(STRLEN(?label) AS ?chars)\n}\nORDER BY ?task\nLIMIT 500\n';
  await page.locator('#pk-query').fill(tasks);
  await page.click('#pk-run');
  await page.waitForFunction(() => /^500 行/.test(document.getElementById('pk-status').textContent), null, { timeout: 30000 });
  const rowNums = async () => (await page.locator('table.results-table tbody td.rownum').allTextContents()).map(Number);
  let nums = await rowNums();
  check('page 1 shows rows 1–50 of 500', nums.length === 50 && nums[0] === 1 && nums[49] === 50, `${nums.length} rows, ${nums[0]}…${nums[nums.length - 1]}`);
  await page.click('#pk-next');
  nums = await rowNums();
  check('page 2 shows rows 51–100', nums.length === 50 && nums[0] === 51 && nums[49] === 100, `${nums[0]}…${nums[nums.length - 1]}`);
  check('the pager says so', ((await page.locator('#pk-page-info').textContent()) || '').includes('第 51–100 行，共 500 行'),
    await page.locator('#pk-page-info').textContent());
  await page.selectOption('#pk-page-size', '500');
  check('500 per page shows every row', (await rowNums()).length === 500);
  await page.selectOption('#pk-page-size', '50');

  const chars = async () => (await page.locator('table.results-table tbody tr td:nth-child(3)').allTextContents()).map(Number);
  await page.click('th button.sort[data-var="chars"]');
  let col = await chars();
  const ascending = col.every((v, i) => i === 0 || col[i - 1] <= v);
  check('clicking ?chars sorts it ascending, as numbers', ascending && col.length === 50, col.slice(0, 8).join(','));
  await page.click('th button.sort[data-var="chars"]');
  col = await chars();
  const descending = col.every((v, i) => i === 0 || col[i - 1] >= v);
  check('clicking again sorts it descending', descending && col[0] >= 100, col.slice(0, 8).join(','));
  await page.click('th button.sort[data-var="chars"]');
  check('a third click restores the answer\'s order', (await rowNums())[0] === 1);

  await page.selectOption('#pk-filter-var', 'chars');
  await page.locator('#pk-filter').fill('10');
  col = await chars();
  check('the column filter keeps matching rows only', col.length > 0 && col.length < 50 && col.every((v) => String(v).includes('10')),
    `${col.length} rows: ${col.slice(0, 6).join(',')}`);
  await page.locator('#pk-filter').fill('');
  await page.selectOption('#pk-filter-var', '');

  check('a two-column numeric result can be charted', await page.locator('#pk-view-chart').isEnabled());
  await page.click('#pk-view-chart');
  check('the chart draws one bar per row of the page', (await page.locator('svg.chart .bar rect').count()) === 50);
  await page.click('#pk-view-table');

  // Version ids beside their titles.
  await page.locator('#pk-query').fill('PREFIX eli: <http://data.europa.eu/eli/ontology#>\nSELECT ?version WHERE { ?version a eli:LegalExpression } LIMIT 5');
  await page.click('#pk-run');
  let ids = [];
  try {
    await page.waitForSelector('table.results-table .vid', { timeout: 10000 });
    ids = await page.locator('table.results-table .vid').allTextContents();
  } catch (e) { /* checked below */ }
  check('version ids are shown beside their titles', ids.length === 5 && ids.every((i) => /^[0-9a-z]{6,}$/.test(i)), ids.join(' '));

  // History: the runs are kept; clicking one restores its query.
  const historyEntries = page.locator('#pk-history button');
  check('the history keeps the queries run', (await historyEntries.count()) >= 3, `${await historyEntries.count()} entries`);
  await historyEntries.nth(1).click();
  check('clicking a history entry restores its query', (await page.locator('#pk-query').inputValue()) === tasks);

  // A shared link carries the query; opening it restores and runs it.
  await page.click('#pk-share');
  const shared = await page.locator('#pk-share-url').inputValue();
  check('the share link carries the query', shared.includes('#query=') && decodeURIComponent(shared.split('#query=')[1]) === tasks, shared.slice(0, 80));
  const other = await context.newPage();
  other.on('pageerror', (e) => pageErrors.push(String(e)));
  await other.goto(shared, { waitUntil: 'load' });
  try {
    await other.waitForFunction(() => /^500 行/.test(document.getElementById('pk-status').textContent), null, { timeout: 30000 });
  } catch (e) { /* checked below */ }
  check('the shared link reopens its query', (await other.locator('#pk-query').inputValue()) === tasks);
  check('and runs it', (await other.locator('table.results-table tbody tr').count()) === 50,
    await other.locator('#pk-status').textContent());
  await other.close();

  // At 400 px: no sideways scroll, Run on screen, the editor clear of the results, labels on one line.
  const narrow = await browser.newContext({ viewport: { width: 400, height: 860 } });
  const small = await narrow.newPage();
  small.on('pageerror', (e) => pageErrors.push(String(e)));
  await small.goto(`${args.base}/`, { waitUntil: 'load' });
  if (args.example) await small.locator(`#pk-examples-list button[data-name="${args.example}"]`).click();
  await small.click('#pk-run');
  await small.waitForSelector('table.results-table tbody tr', { timeout: 30000 });
  await small.waitForTimeout(500);
  const layout = await small.evaluate(() => {
    const box = (sel) => document.querySelector(sel).getBoundingClientRect();
    const run = box('#pk-run');
    return {
      scrollWidth: document.documentElement.scrollWidth,
      run: { left: run.left, right: run.right, top: run.top, bottom: run.bottom },
      editorBottom: box('.editor-panel').bottom,
      resultsTop: box('.results-panel').top,
      toggleHeight: box('.toggle').height,
    };
  });
  check('at 400 px the page does not scroll sideways', layout.scrollWidth <= 400, `scroll width ${layout.scrollWidth}`);
  check('at 400 px Run is on screen', layout.run.left >= 0 && layout.run.right <= 400 && layout.run.bottom <= 860 &&
    await small.locator('#pk-run').isVisible(), JSON.stringify(layout.run));
  check('at 400 px the editor is clear of the results', layout.editorBottom <= layout.resultsTop, `${layout.editorBottom} > ${layout.resultsTop}`);
  check('at 400 px "显示中文标签" stays on one line', layout.toggleHeight < 30, `${layout.toggleHeight}px`);
  mkdirSync(dirname(args.narrowScreenshot), { recursive: true });
  await small.screenshot({ path: args.narrowScreenshot, fullPage: true });
  console.log(`screenshot: ${args.narrowScreenshot}`);
  await narrow.close();

  check('no JavaScript errors', pageErrors.length === 0, pageErrors.join(' | '));
} catch (e) {
  check('the browser test ran to the end', false, e && e.stack ? e.stack : String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
