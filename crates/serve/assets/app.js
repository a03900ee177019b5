// policykg query page: SPARQL editor with highlighting, prefix completion and hints, example
// queries, history, shareable links; results with Chinese labels, paged, sortable, filtered, as a
// bar chart; CSV download. Vanilla JS, no dependencies; everything comes from this server.
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
    // How the results are shown: sorted by a variable (dir 1 or -1), filtered, paged, as a chart.
    view: { sort: null, dir: 1, filter: '', filterVar: '', page: 0, pageSize: 50, mode: 'table' },
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
    closeCompletion();
    queryChanged();
  }
  // After any change of the text: the panel title and the prefix hints follow it.
  function queryChanged() {
    updateTitle();
    updatePrefixHint();
  }

  // ---------------------------------------------------------------- title
  // The example's name while the text is that example's; else the query's own first comment
  // (unless it is an example's title: an edited example is no longer that example), else 查询.
  function updateTitle() {
    const text = textarea.value;
    const ex = EXAMPLES.find((e) => e.query === text);
    document.querySelectorAll('#pk-examples-list button').forEach((b) => {
      b.classList.toggle('active', !!ex && b.dataset.name === ex.name);
    });
    let main = '查询';
    let en = 'Query';
    if (ex) {
      main = ex.title;
      en = ex.name;
    } else {
      const c = /^\s*#\s*(.+)/.exec(text);
      const comment = c ? c[1].trim() : '';
      if (comment && !EXAMPLES.some((e) => e.title === comment)) main = comment;
      else if (comment) en = 'Query · 已修改';
    }
    const title = $('pk-query-title');
    title.textContent = main + ' ';
    const span = document.createElement('span');
    span.className = 'en';
    span.textContent = en;
    title.appendChild(span);
    title.title = main;
    return main;
  }

  // ---------------------------------------------------------------- prefixes
  const PREFIX_NS = new Map((SETTINGS.prefixes || []).map(([p, ns]) => [p, ns]));
  const TERMS = SETTINGS.terms || [];

  // The prefixes the text declares and those it uses (prefixed names outside comments, strings
  // and IRIs: the highlighter's tokens).
  function prefixUse(text) {
    const declared = new Set();
    const decl = /PREFIX\s+([A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:\s*</gi;
    let m;
    while ((m = decl.exec(text)) !== null) declared.add(m[1] || '');
    const used = [];
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[0] === '') { TOKEN.lastIndex++; continue; }
      if (!m[6]) continue;
      const prefix = m[6].slice(0, m[6].indexOf(':'));
      if (prefix === '' && text[m.index - 1] === '_') continue; // a blank node _:b
      if (!declared.has(prefix) && !used.includes(prefix)) used.push(prefix);
    }
    return used;
  }

  function updatePrefixHint() {
    const box = $('pk-prefix-hint');
    const missing = prefixUse(textarea.value);
    box.textContent = '';
    if (!missing.length) { box.hidden = true; return; }
    const known = missing.filter((p) => PREFIX_NS.has(p));
    const unknown = missing.filter((p) => !PREFIX_NS.has(p));
    const names = (list) => list.map((p) => p + ':').join('、');
    if (known.length) {
      const t = document.createElement('span');
      t.textContent = '未声明的前缀 ' + names(known) + (SETTINGS.predeclared
        ? '（本服务器已预声明，可直接运行；其他端点需要声明）'
        : '（服务器不预声明前缀，运行会报错）');
      box.appendChild(t);
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.id = 'pk-add-prefixes';
      b.textContent = '添加 PREFIX 声明';
      b.addEventListener('click', () => addPrefixes(known));
      box.appendChild(b);
    }
    if (unknown.length) {
      const t = document.createElement('span');
      t.className = 'unknown';
      t.textContent = '未知前缀 ' + names(unknown) + '：请用 PREFIX 声明其命名空间';
      box.appendChild(t);
    }
    box.hidden = false;
  }

  // Inserts PREFIX lines after the query's leading comments and declarations.
  function addPrefixes(prefixes) {
    const text = textarea.value;
    const lines = text.split('\n');
    let at = 0;
    while (at < lines.length && /^\s*(#.*|PREFIX\b.*|BASE\b.*)?$/i.test(lines[at]) && !/^\s*$/.test(lines[at])) at++;
    const add = prefixes.map((p) => 'PREFIX ' + p + ': <' + PREFIX_NS.get(p) + '>');
    lines.splice(at, 0, ...add);
    const next = lines.join('\n');
    errorAt = null;
    textarea.value = next;
    renderEditor();
    queryChanged();
    textarea.focus();
  }

  // ---------------------------------------------------------------- completion
  // After `pkg:` (any known prefix) the vocabulary's terms; after `PREFIX ` the known prefixes.
  const complete = $('pk-complete');
  let completion = null; // { items, index, from }
  let measureCtx = null;

  function completionItems() {
    const pos = textarea.selectionStart;
    if (pos !== textarea.selectionEnd) return null;
    const text = textarea.value;
    const before = text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos);
    const code = before.replace(/<[^>]*>/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '');
    if (code.includes('#') || (code.split('"').length % 2) === 0) return null;
    let m = /^\s*PREFIX\s+([A-Za-z][\w-]*)?$/i.exec(before);
    if (m) {
      const typed = m[1] || '';
      const items = [...PREFIX_NS].filter(([p]) => p.startsWith(typed))
        .map(([p, ns]) => ({ insert: p + ': <' + ns + '>', text: p + ':', hint: ns }));
      return items.length ? { items, from: pos - typed.length } : null;
    }
    m = /(?:^|[^\w:?$<"'@.\-])([A-Za-z][\w-]*):([\w\-\u00c0-\uffff]*)$/.exec(before);
    if (!m || !PREFIX_NS.has(m[1])) return null;
    const typed = m[2].toLowerCase();
    const own = TERMS.filter((t) => t.prefix === m[1]);
    const starts = own.filter((t) => t.local.toLowerCase().startsWith(typed));
    const inside = typed ? own.filter((t) => !starts.includes(t) &&
      (t.local.toLowerCase().includes(typed) || (t.label && t.label.includes(m[2])))) : [];
    const items = starts.concat(inside).slice(0, 60)
      .map((t) => ({ insert: t.local, text: t.prefix + ':' + t.local, hint: t.label }));
    if (items.length === 1 && items[0].insert === m[2]) return null;
    return items.length ? { items, from: pos - m[2].length } : null;
  }

  function caretPoint() {
    const pos = textarea.selectionStart;
    const text = textarea.value;
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    const line = text.slice(0, lineStart).split('\n').length - 1;
    if (!measureCtx) measureCtx = document.createElement('canvas').getContext('2d');
    const cs = getComputedStyle(textarea);
    measureCtx.font = cs.fontSize + ' ' + cs.fontFamily;
    const x = parseFloat(cs.paddingLeft) + measureCtx.measureText(text.slice(lineStart, pos)).width - textarea.scrollLeft;
    const y = parseFloat(cs.paddingTop) + (line + 1) * parseFloat(cs.lineHeight) - textarea.scrollTop;
    return { x, y };
  }

  function showCompletion() {
    completion = completionItems();
    if (!completion) { closeCompletion(); return; }
    completion.index = 0;
    complete.textContent = '';
    completion.items.forEach((item, i) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.dataset.index = String(i);
      const t = document.createElement('span');
      t.className = 'c-term';
      t.textContent = item.text;
      li.appendChild(t);
      if (item.hint) {
        const h = document.createElement('span');
        h.className = 'c-hint';
        h.textContent = item.hint;
        li.appendChild(h);
      }
      li.addEventListener('mousedown', (e) => { e.preventDefault(); acceptCompletion(i); });
      complete.appendChild(li);
    });
    complete.hidden = false;
    const panel = complete.offsetParent || complete.parentElement;
    const code = textarea.getBoundingClientRect();
    const base = panel.getBoundingClientRect();
    const p = caretPoint();
    const width = complete.offsetWidth;
    const left = Math.max(0, Math.min(code.left - base.left + p.x, base.width - width - 4));
    complete.style.left = left + 'px';
    complete.style.top = (code.top - base.top + Math.min(p.y, code.height) + 2) + 'px';
    highlightCompletion();
  }
  function highlightCompletion() {
    [...complete.children].forEach((li, i) => {
      const on = i === completion.index;
      li.classList.toggle('active', on);
      li.setAttribute('aria-selected', on ? 'true' : 'false');
      if (on) li.scrollIntoView({ block: 'nearest' });
    });
  }
  function acceptCompletion(i) {
    if (!completion) return;
    const item = completion.items[i];
    textarea.setRangeText(item.insert, completion.from, textarea.selectionStart, 'end');
    closeCompletion();
    errorAt = null;
    renderEditor();
    queryChanged();
    textarea.focus();
  }
  function closeCompletion() {
    completion = null;
    complete.hidden = true;
  }

  textarea.addEventListener('input', () => {
    errorAt = null;
    renderEditor();
    queryChanged();
    showCompletion();
  });
  // Leaving the editor closes the list (after a moment: a click on an item comes first).
  textarea.addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== textarea) closeCompletion();
  }, 150));
  textarea.addEventListener('click', closeCompletion);
  textarea.addEventListener('scroll', syncScroll);
  textarea.addEventListener('keydown', (e) => {
    if (completion && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const n = completion.items.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        completion.index = (completion.index + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        highlightCompletion();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        acceptCompletion(completion.index);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        closeCompletion();
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      closeCompletion();
      e.preventDefault();
      run();
    } else if (e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      const s = textarea.selectionStart;
      const end = textarea.selectionEnd;
      textarea.setRangeText('  ', s, end, 'end');
      renderEditor();
      queryChanged();
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
    history.replaceState(null, '', '#example=' + encodeURIComponent(name));
  }

  // ---------------------------------------------------------------- history and links
  const HISTORY_KEY = 'policykg.history';
  const HISTORY_MAX = 20;
  function loadHistory() {
    try {
      const h = JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
      return Array.isArray(h) ? h.filter((e) => e && typeof e.query === 'string') : [];
    } catch (e) {
      return [];
    }
  }
  function remember(query, outcome) {
    const h = loadHistory().filter((e) => e.query !== query);
    h.unshift({ query, title: updateTitle(), at: Date.now(), outcome });
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(h.slice(0, HISTORY_MAX)));
    } catch (e) {
      // Storage full or disabled: the history is a convenience.
    }
    renderHistory();
  }
  function renderHistory() {
    const list = $('pk-history');
    list.textContent = '';
    const h = loadHistory();
    $('pk-history-clear').hidden = !h.length;
    if (!h.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = '运行过的查询保存在本浏览器（最近 ' + HISTORY_MAX + ' 条）。';
      list.appendChild(li);
      return;
    }
    h.forEach((e) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.title = e.query;
      const t = document.createElement('span');
      t.className = 'h-title';
      t.textContent = e.title || '查询';
      const m = document.createElement('span');
      m.className = 'h-meta';
      const d = new Date(e.at);
      const pad = (n) => String(n).padStart(2, '0');
      m.textContent = (d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' +
        pad(d.getMinutes()) + (e.outcome ? ' · ' + e.outcome : '');
      const q = document.createElement('span');
      q.className = 'h-query';
      q.textContent = e.query.split('\n').filter((l) => l.trim() && !/^\s*(#|PREFIX\b)/i.test(l)).join(' ').slice(0, 90);
      b.append(t, m, q);
      b.addEventListener('click', () => {
        setQuery(e.query);
        textarea.focus();
      });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function shareUrl(query) {
    return location.origin + location.pathname + '#query=' + encodeURIComponent(query);
  }
  async function share() {
    const url = shareUrl(textarea.value);
    history.replaceState(null, '', url);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch (e) {
      // No clipboard (permissions, insecure origin): the link is shown to copy by hand.
    }
    const n = $('pk-notice');
    n.hidden = false;
    n.className = 'notice info';
    n.textContent = copied ? '链接已复制，打开即运行此查询：' : '复制此链接，打开即运行此查询：';
    const input = document.createElement('input');
    input.type = 'text';
    input.readOnly = true;
    input.id = 'pk-share-url';
    input.value = url;
    n.appendChild(input);
    input.focus();
    input.select();
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
        remember(query, kind);
        return;
      }
      state.lastQuery = query;
      const ex = EXAMPLES.find((e) => e.query === query);
      history.replaceState(null, '', ex ? '#example=' + encodeURIComponent(ex.name) : shareUrl(query));
      if (errorAt) markError(null);
      const type = response.headers.get('Content-Type') || '';
      const truncated = response.headers.get('X-Policykg-Truncated') === 'true';
      if (type.includes('json')) {
        const data = await response.json();
        if (typeof data.boolean === 'boolean') {
          state.results = null;
          renderBoolean(data.boolean);
          setStatus('ASK · ' + ms + ' ms', 'ok');
          remember(query, 'ASK');
        } else {
          state.results = data;
          const n = data.results.bindings.length;
          setStatus(n + ' 行 · ' + ms + ' ms', 'ok');
          resetView(data);
          renderTable();
          remember(query, n + ' 行');
          $('pk-download-csv').disabled = false;
          $('pk-download-labelled').disabled = false;
          fetchLabels(data).then(renderTable);
        }
      } else {
        state.results = null;
        const text = await response.text();
        renderRdf(text);
        setStatus((response.headers.get('X-Policykg-Rows') || '?') + ' 条三元组 · ' + ms + ' ms', 'ok');
        remember(query, '图');
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
  function clearResults(keepTools) {
    const box = $('pk-results');
    box.textContent = '';
    if (!keepTools) $('pk-result-tools').hidden = true;
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
      // A version's id (what `policykg diff OLD_ID NEW_ID` takes) beside its title.
      const vid = label && /\/(?:expr|version)\/([^/#?]+)$/.exec(term.value);
      if (vid) {
        const v = document.createElement('span');
        v.className = 'vid';
        v.textContent = vid[1];
        v.title = '版本 ID（policykg diff 的参数）';
        span.appendChild(v);
      }
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

  // ---------------------------------------------------------------- result view
  const collator = new Intl.Collator('zh-CN', { numeric: true });

  function isNumber(term) {
    return !!term && (term.type === 'literal' || term.type === 'typed-literal') &&
      !!term.datatype && NUMERIC.test(term.datatype) && term.value !== '' && !isNaN(Number(term.value));
  }
  // What a cell shows, for sorting and filtering.
  function cellText(term, showLabels) {
    if (!term) return '';
    if (term.type === 'uri') return (showLabels && state.labels.get(term.value)) || shortIri(term.value);
    return term.value;
  }
  // Unbound last; numbers by value, before text; text in Chinese collation order.
  function compareTerms(a, b, showLabels) {
    if (!a || !b) return !a && !b ? 0 : (!a ? 1 : -1);
    const na = isNumber(a);
    const nb = isNumber(b);
    if (na && nb) return Number(a.value) - Number(b.value);
    if (na !== nb) return na ? -1 : 1;
    return collator.compare(cellText(a, showLabels), cellText(b, showLabels));
  }

  // Bar chart: the first column against the first numeric column after it, when every row has a
  // number there (agencies by led tasks, targets per year).
  function chartColumns(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    if (vars.length < 2 || !rows.length) return null;
    const value = vars.slice(1).find((v) => rows.every((r) => isNumber(r[v])));
    return value ? { label: vars[0], value } : null;
  }

  function resetView(data) {
    const v = state.view;
    v.sort = null;
    v.dir = 1;
    v.page = 0;
    v.filter = '';
    $('pk-filter').value = '';
    const vars = data.head.vars || [];
    if (!vars.includes(v.filterVar)) v.filterVar = '';
    const sel = $('pk-filter-var');
    sel.textContent = '';
    [['', '所有列']].concat(vars.map((x) => [x, '?' + x])).forEach(([value, text]) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      sel.appendChild(o);
    });
    sel.value = v.filterVar;
    const chart = chartColumns(data);
    $('pk-view-chart').disabled = !chart;
    if (!chart) v.mode = 'table';
  }

  // The rows to show: filtered, sorted, each with its index in the answer.
  function viewRows(data, showLabels) {
    const v = state.view;
    const vars = data.head.vars || [];
    let rows = data.results.bindings.map((row, i) => ({ row, i }));
    const f = v.filter.trim().toLowerCase();
    if (f) {
      const cols = v.filterVar ? [v.filterVar] : vars;
      rows = rows.filter(({ row }) => cols.some((c) => {
        const t = row[c];
        if (!t) return false;
        return cellText(t, showLabels).toLowerCase().includes(f) || t.value.toLowerCase().includes(f);
      }));
    }
    if (v.sort) {
      const key = v.sort;
      rows.sort((a, b) => (compareTerms(a.row[key], b.row[key], showLabels) * v.dir) || (a.i - b.i));
    }
    return rows;
  }

  function renderTable() {
    const data = state.results;
    if (!data) return;
    const showLabels = $('pk-show-labels').checked;
    const vars = data.head.vars || [];
    const all = data.results.bindings;
    if (!all.length) {
      renderEmpty('查询成功，但没有匹配的结果。');
      return;
    }
    const v = state.view;
    const rows = viewRows(data, showLabels);
    const pages = Math.max(1, Math.ceil(rows.length / v.pageSize));
    v.page = Math.min(Math.max(0, v.page), pages - 1);
    const first = v.page * v.pageSize;
    const pageRows = rows.slice(first, first + v.pageSize);

    $('pk-result-tools').hidden = false;
    $('pk-view-table').classList.toggle('active', v.mode === 'table');
    $('pk-view-chart').classList.toggle('active', v.mode === 'chart');
    $('pk-page-size').value = String(v.pageSize);
    $('pk-prev').disabled = v.page === 0;
    $('pk-next').disabled = v.page >= pages - 1;
    $('pk-page-info').textContent = (rows.length
      ? '第 ' + (first + 1) + '–' + (first + pageRows.length) + ' 行'
      : '无匹配行') + '，共 ' + rows.length + ' 行' + (rows.length !== all.length ? '（筛选自 ' + all.length + ' 行）' : '') +
      ' · ' + (v.page + 1) + '/' + pages + ' 页';

    const box = clearResults(true);
    if (v.mode === 'chart') {
      box.appendChild(renderChart(pageRows, chartColumns(data), showLabels, box.clientWidth));
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
    for (const name of vars) {
      const th = document.createElement('th');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      b.dataset.var = name;
      b.title = '按此列排序（再点一次倒序，第三次取消）';
      const s = document.createElement('span');
      s.className = 'var';
      s.textContent = '?' + name;
      b.appendChild(s);
      const arrow = document.createElement('span');
      arrow.className = 'arrow';
      arrow.textContent = v.sort === name ? (v.dir > 0 ? '▲' : '▼') : '↕';
      b.appendChild(arrow);
      th.setAttribute('aria-sort', v.sort === name ? (v.dir > 0 ? 'ascending' : 'descending') : 'none');
      b.addEventListener('click', () => {
        if (v.sort !== name) { v.sort = name; v.dir = 1; }
        else if (v.dir > 0) v.dir = -1;
        else v.sort = null;
        v.page = 0;
        renderTable();
      });
      th.appendChild(b);
      hr.appendChild(th);
    }
    const tbody = table.createTBody();
    if (!pageRows.length) {
      const td = tbody.insertRow().insertCell();
      td.colSpan = vars.length + 1;
      td.className = 'none';
      td.textContent = '没有符合筛选条件的行。';
    }
    pageRows.forEach(({ row, i }) => {
      const tr = tbody.insertRow();
      const n = tr.insertCell();
      n.className = 'rownum';
      n.textContent = String(i + 1);
      for (const name of vars) {
        const td = tr.insertCell();
        if (row[name]) td.appendChild(renderTerm(row[name], showLabels));
        else {
          const u = document.createElement('span');
          u.className = 'unbound';
          u.textContent = '—';
          td.appendChild(u);
        }
      }
    });
    box.appendChild(table);
  }

  // A horizontal bar chart in inline SVG: one bar per row of the page, label on the left.
  function renderChart(rows, cols, showLabels, boxWidth) {
    const NS = 'http://www.w3.org/2000/svg';
    const el = (name, attrs, text) => {
      const e = document.createElementNS(NS, name);
      for (const k in attrs) e.setAttribute(k, String(attrs[k]));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const width = Math.max(300, (boxWidth || 600) - 24);
    const labelW = Math.min(260, Math.round(width * 0.4));
    const barH = 18;
    const step = 26;
    const height = rows.length * step + 30;
    const values = rows.map(({ row }) => Number(row[cols.value].value));
    const max = Math.max(0, ...values) || 1;
    const scale = (width - labelW - 70) / max;
    const svg = el('svg', { class: 'chart', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
    svg.appendChild(el('title', {}, '?' + cols.label + ' × ?' + cols.value));
    const fits = Math.max(4, Math.floor((labelW - 10) / 13));
    rows.forEach(({ row }, k) => {
      const y = 10 + k * step;
      const label = cellText(row[cols.label], showLabels) || '—';
      const value = values[k];
      const g = el('g', { class: 'bar' });
      g.appendChild(el('title', {}, label + '：' + row[cols.value].value));
      g.appendChild(el('text', { x: labelW - 8, y: y + barH - 4, 'text-anchor': 'end', class: 'label' },
        label.length > fits ? label.slice(0, fits - 1) + '…' : label));
      g.appendChild(el('rect', { x: labelW, y, width: Math.max(1, Math.max(0, value) * scale), height: barH, rx: 3 }));
      g.appendChild(el('text', { x: labelW + Math.max(0, value) * scale + 6, y: y + barH - 4, class: 'value' },
        row[cols.value].value));
      svg.appendChild(g);
    });
    svg.appendChild(el('line', { x1: labelW, y1: 4, x2: labelW, y2: height - 16, class: 'axis' }));
    svg.appendChild(el('text', { x: labelW, y: height - 2, class: 'caption' },
      '?' + cols.value + '（按 ?' + cols.label + '）'));
    const wrap = document.createElement('div');
    wrap.className = 'chart-wrap';
    wrap.appendChild(svg);
    return wrap;
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
  $('pk-share').addEventListener('click', share);
  $('pk-history-clear').addEventListener('click', () => {
    try { localStorage.removeItem(HISTORY_KEY); } catch (e) { /* nothing kept */ }
    renderHistory();
  });
  $('pk-view-table').addEventListener('click', () => { state.view.mode = 'table'; renderTable(); });
  $('pk-view-chart').addEventListener('click', () => { state.view.mode = 'chart'; renderTable(); });
  $('pk-filter').addEventListener('input', (e) => { state.view.filter = e.target.value; state.view.page = 0; renderTable(); });
  $('pk-filter-var').addEventListener('change', (e) => { state.view.filterVar = e.target.value; state.view.page = 0; renderTable(); });
  $('pk-page-size').addEventListener('change', (e) => {
    const v = state.view;
    const first = v.page * v.pageSize;
    v.pageSize = Number(e.target.value) || 50;
    v.page = Math.floor(first / v.pageSize);
    renderTable();
  });
  $('pk-prev').addEventListener('click', () => { state.view.page--; renderTable(); });
  $('pk-next').addEventListener('click', () => { state.view.page++; renderTable(); });
  $('pk-show-labels').addEventListener('change', renderTable);
  $('pk-download-csv').addEventListener('click', downloadCsv);
  $('pk-download-labelled').addEventListener('click', downloadLabelled);

  renderHeader();
  renderExamples();
  renderHistory();
  // A shared link (#query=… or ?query=…) restores its query and runs it.
  const sharedQuery = () => {
    const h = /^#query=(.*)$/s.exec(location.hash);
    if (h) {
      try { return decodeURIComponent(h[1]); } catch (e) { return null; }
    }
    return new URLSearchParams(location.search).get('query');
  };
  window.addEventListener('hashchange', () => {
    const q = sharedQuery();
    if (q && q !== textarea.value) { setQuery(q); run(); }
  });
  const fromHash = /^#example=(.+)$/.exec(location.hash);
  const shared = sharedQuery();
  if (shared) { setQuery(shared); run(); }
  else if (fromHash && EXAMPLES.some((e) => e.name === decodeURIComponent(fromHash[1]))) selectExample(decodeURIComponent(fromHash[1]));
  else if (EXAMPLES.length) selectExample(EXAMPLES[0].name);
  else setQuery('PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\nSELECT ?s ?label WHERE {\n  ?s skos:prefLabel ?label .\n}\nLIMIT 20\n');
})();
