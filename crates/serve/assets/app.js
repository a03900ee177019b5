// policykg query page: SPARQL editor with highlighting, example queries, results with Chinese
// labels, CSV download. Vanilla JS, no dependencies; everything comes from this server.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const readJson = (id, fallback) => {
    try { return JSON.parse($(id).textContent); } catch (e) { return fallback; }
  };
  const EXAMPLES = readJson('pk-examples', []);
  const SETTINGS = readJson('pk-settings', {});
  const ENDPOINT = SETTINGS.endpoint || '/sparql';

  // Label predicates in order of preference; literals in Chinese win over others.
  const LABEL_PREDICATES = [
    'http://www.w3.org/2004/02/skos/core#prefLabel',
    'http://www.w3.org/2000/01/rdf-schema#label',
    'http://data.europa.eu/eli/ontology#title',
    'http://purl.org/dc/terms/title',
    'http://schema.org/name',
    'http://xmlns.com/foaf/0.1/name',
    'http://www.w3.org/2004/02/skos/core#altLabel',
  ];
  const LABEL_BATCH = 150;
  const LABEL_MAX_IRIS = 3000;
  const SHORT_LABEL = 80;

  const state = {
    results: null,     // parsed SPARQL JSON of the last SELECT
    labels: new Map(), // IRI -> label
    lastQuery: '',
    running: null,     // AbortController
  };

  // ---------------------------------------------------------------- highlighter
  const KEYWORDS = new Set((
    'BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED ORDER BY ASC DESC LIMIT OFFSET ' +
    'DISTINCT REDUCED OPTIONAL UNION MINUS GRAPH SERVICE SILENT FILTER BIND AS VALUES GROUP ' +
    'HAVING EXISTS NOT IN UNDEF A TRUE FALSE INSERT DELETE DATA WITH USING DEFAULT ALL CLEAR ' +
    'DROP CREATE LOAD INTO ADD MOVE COPY TO COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR ' +
    'STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN ' +
    'UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY ' +
    'HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE ' +
    'IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE'
  ).split(/\s+/));

  const TOKEN = new RegExp([
    '(#[^\\n]*)',                                            // 1 comment
    '("""[\\s\\S]*?(?:"""|$)|\'\'\'[\\s\\S]*?(?:\'\'\'|$)|"(?:[^"\\\\\\n]|\\\\.)*"?|\'(?:[^\'\\\\\\n]|\\\\.)*\'?)', // 2 string
    '(<[^<>"{}|^`\\\\\\s]*>)',                               // 3 IRI
    '([?$][\\w\\u00b7\\u0300-\\u036f\\u203f-\\u2040\\u00c0-\\uffff]+)', // 4 variable
    '(@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)',                       // 5 language tag
    '((?:[A-Za-z\\u00c0-\\uffff][\\w.\\-\\u00b7\\u00c0-\\uffff]*)?:(?:[\\w\\u00c0-\\uffff%\\-.:]*[\\w\\u00c0-\\uffff%\\-:])?)', // 6 prefixed name
    '([+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?))', // 7 number
    '([A-Za-z_][A-Za-z_0-9]*)',                              // 8 word
    '([{}()\\[\\].,;*=<>!&|^+/-])',                          // 9 punctuation
  ].join('|'), 'g');

  const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

  function highlight(text) {
    let out = '';
    let last = 0;
    TOKEN.lastIndex = 0;
    let m;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[0] === '') { TOKEN.lastIndex++; continue; }
      out += escapeHtml(text.slice(last, m.index));
      const t = escapeHtml(m[0]);
      let cls = null;
      if (m[1]) cls = 'comment';
      else if (m[2]) cls = 'string';
      else if (m[3]) cls = 'iri';
      else if (m[4]) cls = 'var';
      else if (m[5]) cls = 'lang';
      else if (m[6]) cls = 'pname';
      else if (m[7]) cls = 'number';
      else if (m[8]) cls = KEYWORDS.has(m[8].toUpperCase()) ? 'keyword' : null;
      else if (m[9]) cls = 'punct';
      out += cls ? '<span class="hl-' + cls + '">' + t + '</span>' : t;
      last = m.index + m[0].length;
    }
    out += escapeHtml(text.slice(last));
    return out;
  }

  // ---------------------------------------------------------------- editor
  const textarea = $('pk-query');
  const pre = $('pk-highlight');
  const gutter = $('pk-gutter');

  // Where the server said the last query is wrong: {line, column} (1-based, columns in
  // characters as the server counts them), until the text changes.
  let errorAt = null;

  // "line 3, column 7: …" (the guard, described syntax errors) or "error at 3:7: …" (the
  // parser's own words): the first position in an error message.
  function errorPosition(message) {
    const m = /line (\d+), column (\d+)/.exec(message) || /error at (\d+):(\d+)/.exec(message);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
  }
  // UTF-16 offset of a (line, column) in text; a column past the line's end is its end.
  function offsetOf(text, pos) {
    const lines = text.split('\n');
    const line = Math.min(pos.line, lines.length) - 1;
    let offset = 0;
    for (let i = 0; i < line; i++) offset += lines[i].length + 1;
    return offset + Array.from(lines[line]).slice(0, pos.column - 1).join('').length;
  }

  function renderEditor() {
    const text = textarea.value;
    let html;
    if (errorAt) {
      const at = offsetOf(text, errorAt);
      const ch = Array.from(text.slice(at, at + 2))[0] || '';
      const shown = ch === '' || ch === '\n' ? ' ' : ch;
      html = highlight(text.slice(0, at)) + '<mark class="hl-error">' + escapeHtml(shown) + '</mark>' +
        highlight(text.slice(at + (ch === '\n' ? 0 : ch.length)));
    } else {
      html = highlight(text);
    }
    // A trailing newline needs content after it or the <pre> is one line short of the textarea.
    pre.innerHTML = html + '\n ';
    const lines = text.split('\n').length;
    let nums = '';
    for (let i = 1; i <= lines; i++) {
      nums += errorAt && errorAt.line === i ? '<span class="gutter-error">' + i + '</span>\n' : i + '\n';
    }
    gutter.innerHTML = nums;
    syncScroll();
  }
  function markError(pos) {
    errorAt = pos;
    renderEditor();
    if (!pos) return;
    const at = offsetOf(textarea.value, pos);
    textarea.focus();
    textarea.setSelectionRange(at, at);
  }
  function syncScroll() {
    pre.scrollTop = textarea.scrollTop;
    pre.scrollLeft = textarea.scrollLeft;
    gutter.scrollTop = textarea.scrollTop;
  }
  function setQuery(text) {
    errorAt = null;
    textarea.value = text;
    renderEditor();
    textarea.scrollTop = 0;
  }

  textarea.addEventListener('input', () => { errorAt = null; renderEditor(); });
  textarea.addEventListener('scroll', syncScroll);
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      const s = textarea.selectionStart;
      const end = textarea.selectionEnd;
      textarea.setRangeText('  ', s, end, 'end');
      renderEditor();
    }
  });

  // ---------------------------------------------------------------- examples
  function renderExamples() {
    const list = $('pk-examples-list');
    list.textContent = '';
    if (!EXAMPLES.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = '此版本未内置示例查询（scripts/queries/*.rq）。';
      list.appendChild(li);
      return;
    }
    EXAMPLES.forEach((ex) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.name = ex.name;
      const title = document.createElement('span');
      title.className = 'ex-title';
      title.textContent = ex.title;
      b.appendChild(title);
      if (ex.description) {
        const d = document.createElement('span');
        d.className = 'ex-desc';
        d.textContent = ex.description;
        b.appendChild(d);
      }
      const f = document.createElement('span');
      f.className = 'ex-file';
      f.textContent = ex.name;
      b.appendChild(f);
      b.addEventListener('click', () => selectExample(ex.name));
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function selectExample(name) {
    const ex = EXAMPLES.find((e) => e.name === name);
    if (!ex) return;
    setQuery(ex.query);
    document.querySelectorAll('#pk-examples-list button').forEach((b) => {
      b.classList.toggle('active', b.dataset.name === name);
    });
    const title = $('pk-query-title');
    title.textContent = ex.title + ' ';
    const en = document.createElement('span');
    en.className = 'en';
    en.textContent = ex.name;
    title.appendChild(en);
    history.replaceState(null, '', '#example=' + encodeURIComponent(name));
  }

  // ---------------------------------------------------------------- running
  function setStatus(text, kind) {
    const s = $('pk-status');
    s.textContent = text;
    s.className = 'status' + (kind ? ' ' + kind : '');
  }
  function showNotice(kind, title, detail) {
    const n = $('pk-notice');
    n.hidden = false;
    n.className = 'notice ' + kind;
    n.textContent = title;
    if (detail) {
      const p = document.createElement('pre');
      p.textContent = detail;
      n.appendChild(p);
    }
  }
  function hideNotice() {
    $('pk-notice').hidden = true;
  }

  async function sparql(query, accept, signal) {
    const body = new URLSearchParams({ query: query });
    return fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept },
      body: body,
      signal: signal,
    });
  }

  async function run() {
    const query = textarea.value;
    if (!query.trim()) {
      setStatus('请输入查询', 'error');
      return;
    }
    if (state.running) state.running.abort();
    const controller = new AbortController();
    state.running = controller;
    const button = $('pk-run');
    button.disabled = true;
    hideNotice();
    setStatus('运行中…');
    $('pk-download-csv').disabled = true;
    $('pk-download-labelled').disabled = true;
    const started = performance.now();
    try {
      const response = await sparql(
        query, 'application/sparql-results+json, text/turtle;q=0.9', controller.signal);
      const ms = Math.round(performance.now() - started);
      if (!response.ok) {
        const message = await response.text();
        const kind = { 400: '查询有误', 406: '格式不可用', 413: '查询过大', 503: '超时或繁忙' }[response.status] || '服务器错误';
        const pos = response.status === 400 ? errorPosition(message) : null;
        const where = pos ? '（第 ' + pos.line + ' 行第 ' + pos.column + ' 列）' : '';
        setStatus(kind + where + '（HTTP ' + response.status + '）', 'error');
        showNotice('error', kind + where + '：', message.trim());
        markError(pos);
        renderEmpty('没有结果。');
        return;
      }
      state.lastQuery = query;
      if (errorAt) markError(null);
      const type = response.headers.get('Content-Type') || '';
      const truncated = response.headers.get('X-Policykg-Truncated') === 'true';
      if (type.includes('json')) {
        const data = await response.json();
        if (typeof data.boolean === 'boolean') {
          state.results = null;
          renderBoolean(data.boolean);
          setStatus('ASK · ' + ms + ' ms', 'ok');
        } else {
          state.results = data;
          const n = data.results.bindings.length;
          setStatus(n + ' 行 · ' + ms + ' ms', 'ok');
          renderTable();
          $('pk-download-csv').disabled = false;
          $('pk-download-labelled').disabled = false;
          fetchLabels(data).then(renderTable);
        }
      } else {
        state.results = null;
        const text = await response.text();
        renderRdf(text);
        setStatus((response.headers.get('X-Policykg-Rows') || '?') + ' 条三元组 · ' + ms + ' ms', 'ok');
      }
      if (truncated) {
        showNotice('warn', '结果已截断：只返回前 ' + (response.headers.get('X-Policykg-Max-Rows') || SETTINGS.maxRows) +
          ' 行（服务器的 --max-rows 上限）。请加 LIMIT/OFFSET 或更具体的条件。');
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
      setStatus('无法连接服务器', 'error');
      showNotice('error', '请求失败：', String(e));
    } finally {
      if (state.running === controller) state.running = null;
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- labels
  function isLabelPreferred(candidate, current) {
    // Rank: predicate order first, then language: zh* < none < other.
    if (!current) return true;
    if (candidate.rank !== current.rank) return candidate.rank < current.rank;
    return candidate.langRank < current.langRank;
  }
  function langRank(lang) {
    if (!lang) return 1;
    return lang.toLowerCase().startsWith('zh') ? 0 : 2;
  }

  async function fetchLabels(data) {
    const iris = [];
    const seen = new Set();
    for (const row of data.results.bindings) {
      for (const v of Object.values(row)) {
        if (v.type === 'uri' && !seen.has(v.value) && !state.labels.has(v.value)) {
          seen.add(v.value);
          iris.push(v.value);
          if (iris.length >= LABEL_MAX_IRIS) break;
        }
      }
      if (iris.length >= LABEL_MAX_IRIS) break;
    }
    const valid = iris.filter((i) => !/[<>"{}|^`\\\s]/.test(i));
    const predicates = LABEL_PREDICATES.map((p) => '<' + p + '>').join(' ');
    for (let i = 0; i < valid.length; i += LABEL_BATCH) {
      const batch = valid.slice(i, i + LABEL_BATCH);
      const q = 'SELECT ?s ?p ?label WHERE {\n  VALUES ?s { ' + batch.map((x) => '<' + x + '>').join(' ') +
        ' }\n  VALUES ?p { ' + predicates + ' }\n  ?s ?p ?label .\n  FILTER(isLiteral(?label))\n}';
      try {
        const r = await sparql(q, 'application/sparql-results+json');
        if (!r.ok) continue;
        const json = await r.json();
        const best = new Map();
        for (const b of json.results.bindings) {
          const cand = {
            value: b.label.value,
            rank: LABEL_PREDICATES.indexOf(b.p.value),
            langRank: langRank(b.label['xml:lang']),
          };
          if (isLabelPreferred(cand, best.get(b.s.value))) best.set(b.s.value, cand);
        }
        best.forEach((v, k) => state.labels.set(k, v.value));
      } catch (e) {
        // Labels are a convenience; the IRIs stay visible.
      }
    }
  }

  // ---------------------------------------------------------------- rendering
  function clearResults() {
    const box = $('pk-results');
    box.textContent = '';
    return box;
  }
  function renderEmpty(text) {
    const d = document.createElement('div');
    d.className = 'empty';
    d.textContent = text;
    clearResults().appendChild(d);
  }
  function renderBoolean(value) {
    const d = document.createElement('div');
    d.className = 'boolean';
    d.textContent = value ? '是（true）' : '否（false）';
    clearResults().appendChild(d);
  }
  function renderRdf(text) {
    const p = document.createElement('pre');
    p.className = 'rdf';
    p.textContent = text || '（空图）';
    clearResults().appendChild(p);
  }

  const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|gYear)$/;

  function shortIri(iri) {
    for (const [prefix, ns] of (SETTINGS.prefixes || [])) {
      if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ':' + iri.slice(ns.length);
    }
    return iri;
  }

  function renderTerm(term, showLabels) {
    const span = document.createElement('span');
    if (term.type === 'uri') {
      span.className = 'term-iri';
      const label = showLabels ? state.labels.get(term.value) : undefined;
      const a = document.createElement(/^https?:\/\//.test(term.value) ? 'a' : 'span');
      if (a.tagName === 'A') {
        // The store's own IRIs open their Linked Data page on this server (/id/…).
        const base = SETTINGS.resourceBase;
        a.href = base && base.endsWith('/') && term.value.startsWith(base)
          ? '/id/' + term.value.slice(base.length)
          : term.value;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
      }
      a.title = term.value;
      if (label) {
        a.textContent = label.length > SHORT_LABEL ? label.slice(0, SHORT_LABEL) + '…' : label;
        if (label.length > SHORT_LABEL) a.title = label + '\n' + term.value;
      } else {
        a.className = 'iri-raw';
        a.textContent = shortIri(term.value);
      }
      span.appendChild(a);
      const d = document.createElement('button');
      d.type = 'button';
      d.className = 'describe';
      d.title = '查看此资源的全部属性';
      d.textContent = '⊕';
      d.addEventListener('click', () => {
        setQuery('# ' + (label || term.value) + '\nSELECT ?property ?value WHERE {\n  <' + term.value +
          '> ?property ?value .\n}\nORDER BY ?property\nLIMIT 500\n');
        run();
      });
      span.appendChild(d);
    } else if (term.type === 'literal' || term.type === 'typed-literal') {
      span.className = 'term-literal';
      span.textContent = term.value;
      if (term['xml:lang']) {
        const l = document.createElement('span');
        l.className = 'lang';
        l.textContent = '@' + term['xml:lang'];
        span.appendChild(l);
      } else if (term.datatype) {
        span.title = term.datatype;
        if (NUMERIC.test(term.datatype)) span.classList.add('num');
        else if (!term.datatype.endsWith('#string')) {
          const t = document.createElement('span');
          t.className = 'dt';
          t.textContent = shortIri(term.datatype);
          span.appendChild(t);
        }
      }
    } else if (term.type === 'bnode') {
      span.className = 'term-bnode';
      span.textContent = '_:' + term.value;
    } else {
      span.textContent = JSON.stringify(term.value);
    }
    return span;
  }

  function renderTable() {
    const data = state.results;
    if (!data) return;
    const showLabels = $('pk-show-labels').checked;
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    if (!rows.length) {
      renderEmpty('查询成功，但没有匹配的结果。');
      return;
    }
    const table = document.createElement('table');
    table.className = 'results-table';
    const thead = table.createTHead();
    const hr = thead.insertRow();
    const th0 = document.createElement('th');
    th0.className = 'rownum';
    th0.textContent = '#';
    hr.appendChild(th0);
    for (const v of vars) {
      const th = document.createElement('th');
      const s = document.createElement('span');
      s.className = 'var';
      s.textContent = '?' + v;
      th.appendChild(s);
      hr.appendChild(th);
    }
    const tbody = table.createTBody();
    rows.forEach((row, i) => {
      const tr = tbody.insertRow();
      const n = tr.insertCell();
      n.className = 'rownum';
      n.textContent = String(i + 1);
      for (const v of vars) {
        const td = tr.insertCell();
        if (row[v]) td.appendChild(renderTerm(row[v], showLabels));
        else {
          const u = document.createElement('span');
          u.className = 'unbound';
          u.textContent = '—';
          td.appendChild(u);
        }
      }
    });
    clearResults().appendChild(table);
  }

  // ---------------------------------------------------------------- downloads
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function downloadCsv() {
    if (!state.lastQuery) return;
    try {
      const r = await sparql(state.lastQuery, 'text/csv');
      if (!r.ok) {
        showNotice('error', '导出失败：', (await r.text()).trim());
        return;
      }
      download(await r.blob(), 'policykg-results.csv');
    } catch (e) {
      showNotice('error', '导出失败：', String(e));
    }
  }

  function csvCell(s) {
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function downloadLabelled() {
    const data = state.results;
    if (!data) return;
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    const iriVars = vars.filter((v) => rows.some((r) => r[v] && r[v].type === 'uri'));
    const header = [];
    for (const v of vars) {
      header.push(v);
      if (iriVars.includes(v)) header.push(v + '_label');
    }
    const lines = [header.map(csvCell).join(',')];
    for (const r of rows) {
      const cells = [];
      for (const v of vars) {
        cells.push(r[v] ? r[v].value : '');
        if (iriVars.includes(v)) cells.push(r[v] && r[v].type === 'uri' ? (state.labels.get(r[v].value) || '') : '');
      }
      lines.push(cells.map(csvCell).join(','));
    }
    // The BOM makes Excel read the file as UTF-8 (Chinese otherwise shows as mojibake).
    download(new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }),
      'policykg-results-labelled.csv');
  }

  // ---------------------------------------------------------------- start
  function renderHeader() {
    const info = $('pk-endpoint-info');
    const pill = (text, cls, title) => {
      const s = document.createElement('span');
      s.className = 'pill' + (cls ? ' ' + cls : '');
      s.textContent = text;
      if (title) s.title = title;
      info.appendChild(s);
    };
    pill('端点 ' + ENDPOINT, '', 'SPARQL 1.1 Protocol endpoint');
    pill(SETTINGS.writable ? '可写（需令牌）' : '只读', SETTINGS.writable ? 'rw' : 'ro');
    if (SETTINGS.timeoutMs) pill('超时 ' + Math.round(SETTINGS.timeoutMs / 1000) + ' s');
    if (SETTINGS.maxRows) pill('最多 ' + SETTINGS.maxRows + ' 行');
    const footer = $('pk-footer');
    footer.textContent = 'policykg ' + (SETTINGS.version || '') + ' · 存储：' + (SETTINGS.store || '') +
      (SETTINGS.unionDefaultGraph ? ' · 默认图 = 所有图的并集' : '');
  }

  $('pk-run').addEventListener('click', run);
  $('pk-clear').addEventListener('click', () => { setQuery(''); textarea.focus(); });
  $('pk-show-labels').addEventListener('change', renderTable);
  $('pk-download-csv').addEventListener('click', downloadCsv);
  $('pk-download-labelled').addEventListener('click', downloadLabelled);

  renderHeader();
  renderExamples();
  const fromHash = /^#example=(.+)$/.exec(location.hash);
  const params = new URLSearchParams(location.search);
  if (params.get('query')) setQuery(params.get('query'));
  else if (fromHash && EXAMPLES.some((e) => e.name === decodeURIComponent(fromHash[1]))) selectExample(decodeURIComponent(fromHash[1]));
  else if (EXAMPLES.length) selectExample(EXAMPLES[0].name);
  else setQuery('PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\nSELECT ?s ?label WHERE {\n  ?s skos:prefLabel ?label .\n}\nLIMIT 20\n');
})();
