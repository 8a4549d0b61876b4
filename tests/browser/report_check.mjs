// report_check.mjs - opens an HTML report of `huikan report --html` in headless
// Chromium through the Chrome DevTools Protocol over a pipe
// (--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4, so
// any Node >= 16 will do and nothing comes from npm) and checks it like a
// reader would:
//   - the headline figures equal `huikan stats` (the total row);
//   - every chart has its marks, one per category and series, and they are drawn;
//   - filtering and searching the table give the counts of `huikan findings`;
//   - a finding's id opens its history with all its events;
//   - a town bar opens that town's village chart;
//   - no console error or uncaught exception, no network request;
//   - every label, heading, status and event is in the report's language
//     (E.lang, "zh" or "en") and no rule id is shown without its title of
//     that language;
// then saves a screenshot. Prints "ok - ..." / "not ok - ..." lines.
//
// usage: node report_check.mjs EXPECT.json SHOT.png [MAX-OPEN-MS]
// EXPECT.json: {"html": path, "total": {stats total row}, "filters": [{"status"|
// "rule"|"unit"|"town"|"q"|"overdue": value, "count": n}], "history": {"id", "events"},
// "charts": ["chart-rule", ...], "chromium": path, "lang": "zh"|"en"}
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [expectPath, shotPath, maxOpenArg] = process.argv.slice(2);
const E = JSON.parse(readFileSync(expectPath, 'utf8'));
const ZH = (E.lang || 'zh') === 'zh';
const LANG = ZH ? 'zh' : 'en';
const maxOpen = Number(maxOpenArg || 3000);
const tag = E.lang ? `${E.lang}: ` : '';
const ok = (name) => console.log(`ok - ${tag}${name}`);
const notOk = (name, why) => console.log(`not ok - ${tag}${name}: ${why}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const profile = mkdtempSync(join(tmpdir(), 'hk-chromium-'));
const chrome = spawn(E.chromium || 'chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-extensions', '--disable-dev-shm-usage',
  '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--window-size=1280,2000', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let chromeErr = '';
chrome.stderr.on('data', (d) => { chromeErr = (chromeErr + d).slice(-2000); });
chrome.on('error', (e) => finish(`cannot start ${E.chromium || 'chromium'}: ${e.message}`));
chrome.on('exit', (code, sig) => { if (!finished) finish(`chromium exited (${code ?? sig}): ${chromeErr.slice(-400)}`); });
// A pipe error (EPIPE once Chromium is gone) or any other stray exception must
// end the test with a reason, never as a bare exit 1 with nothing said.
for (const fd of [3, 4]) chrome.stdio[fd].on('error', (e) => { if (!finished) finish(`pipe ${fd}: ${e.message}`); });
process.on('uncaughtException', (e) => { if (!finished) finish(`uncaught: ${e.stack || e}`); });

const watchdog = setTimeout(() => finish('timed out after 50 s'), 50000);
let finished = false;

function finish(why) {
  if (finished) return;
  finished = true;
  if (why) notOk('browser test', why);
  chrome.kill('SIGKILL');
  clearTimeout(watchdog);
  setTimeout(() => { rmSync(profile, { recursive: true, force: true }); process.exit(0); }, 200);
}

// the protocol: one JSON message per NUL-terminated chunk, we write fd 3, read fd 4
let nextId = 1;
const pending = new Map();
const listeners = [];
let inbuf = Buffer.alloc(0);
chrome.stdio[4].on('data', (chunk) => {
  inbuf = Buffer.concat([inbuf, chunk]);
  let nul;
  while ((nul = inbuf.indexOf(0)) >= 0) {
    const msg = JSON.parse(inbuf.subarray(0, nul).toString('utf8'));
    inbuf = inbuf.subarray(nul + 1);
    if (msg.id && pending.has(msg.id)) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? p.rej(new Error(`${p.method}: ${msg.error.message}`)) : p.res(msg.result);
    } else {
      listeners.forEach((fn) => fn(msg));
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  chrome.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((res, rej) => pending.set(id, { res, rej, method }));
}
function on(fn) { listeners.push(fn); }

async function evaluate(session, expr) {
  const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true }, session);
  if (r.exceptionDetails) throw new Error(`${expr.slice(0, 60)}: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
  return r.result.value;
}

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId: s } = await send('Target.attachToTarget', { targetId, flatten: true });
  const errors = [], requests = [];
  let loaded = null;
  on((msg) => {
    if (msg.sessionId !== s) return;
    if (msg.method === 'Runtime.consoleAPICalled' && (msg.params.type === 'error' || msg.params.type === 'assert'))
      errors.push(`console.${msg.params.type}: ${msg.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    if (msg.method === 'Runtime.exceptionThrown')
      errors.push(`exception: ${msg.params.exceptionDetails.exception?.description || msg.params.exceptionDetails.text}`);
    if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error')
      errors.push(`log: ${msg.params.entry.text} ${msg.params.entry.url || ''}`);
    if (msg.method === 'Network.requestWillBeSent' && !/^(file|data|about):/.test(msg.params.request.url))
      requests.push(msg.params.request.url);
    if (msg.method === 'Page.loadEventFired' && loaded) loaded();
  });
  await Promise.all([send('Runtime.enable', {}, s), send('Log.enable', {}, s), send('Page.enable', {}, s),
    send('Network.enable', {}, s)]);
  await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 2000, deviceScaleFactor: 1, mobile: false }, s);

  // open it and wait until the script has drawn the table
  const url = 'file://' + resolve(E.html);
  const t0 = Date.now();
  const loadedP = new Promise((r) => { loaded = r; });
  await send('Page.navigate', { url }, s);
  await loadedP;
  let ready = false;
  for (let i = 0; i < 200 && !ready; i++) {
    ready = await evaluate(s, "document.documentElement.getAttribute('data-ready') === '1'");
    if (!ready) await sleep(50);
  }
  const openMs = Date.now() - t0;
  if (!ready) return notOk('report opens', 'the table script never finished (data-ready)');
  console.log(`# opened in ${openMs} ms (${E.nfindings ?? '?'} findings)`);
  openMs <= maxOpen ? ok(`report opens and draws its table in ${openMs} ms (limit ${maxOpen})`)
    : notOk('report opens in time', `${openMs} ms > ${maxOpen} ms`);

  // headline figures = huikan stats
  const figs = await evaluate(s, `Object.fromEntries(['findings','open','closed','overdue','relapsed','closure']
    .map(k => [k, +document.getElementById('fig-' + k).dataset.value]))`);
  const want = { findings: +E.total.findings, open: +E.total.open, closed: +E.total.closed,
    overdue: +E.total.overdue, relapsed: +E.total.relapsed, closure: +E.total.closure_pct };
  const bad = Object.keys(want).filter((k) => Math.abs(figs[k] - want[k]) > 1e-9);
  bad.length ? notOk('headline figures equal huikan stats', bad.map((k) => `${k} ${figs[k]} != ${want[k]}`).join(', '))
    : ok(`headline figures equal huikan stats (${JSON.stringify(want)})`);

  // every chart has its marks, drawn with a size where the value is not 0
  const charts = await evaluate(s, `[...document.querySelectorAll('svg.chart')].map(svg => {
    const marks = [...svg.querySelectorAll('.mark')];
    const rows = svg.querySelectorAll('g.row').length;
    const drawn = marks.filter(m => +m.dataset.value > 0).every(m => +m.getAttribute('width') > 0 && +m.getAttribute('height') > 0);
    const series = new Set(marks.map(m => m.dataset.series)).size;
    return { id: svg.id, marks: marks.length, rows, series, drawn,
      visible: svg.getBoundingClientRect().width > 0, sum: marks.reduce((a, m) => a + +m.dataset.value, 0) };
  })`);
  for (const id of E.charts) {
    const c = charts.find((x) => x.id === id);
    if (!c) notOk(`chart ${id}`, 'missing');
    else if (!c.marks || !c.drawn || !c.visible) notOk(`chart ${id}`, JSON.stringify(c));
    else ok(`chart ${id} has ${c.marks} marks`);
  }
  const byName = Object.fromEntries(charts.map((c) => [c.id, c]));
  for (const id of ['chart-category', 'chart-rule', 'chart-town']) {
    const c = byName[id];
    if (c && c.sum !== want.findings) notOk(`chart ${id} adds up`, `${c.sum} != ${want.findings} findings`);
    else if (c) ok(`chart ${id}: its marks add up to the ${want.findings} findings`);
  }
  const villages = charts.filter((c) => c.id.startsWith('chart-village-'));
  villages.length && villages.every((c) => c.marks > 0) ? ok(`${villages.length} village drill-down charts have marks`)
    : notOk('village drill-down charts', JSON.stringify(villages.slice(0, 3)));

  // filters and search = huikan findings
  for (const f of E.filters) {
    const key = Object.keys(f).find((k) => k !== 'count');
    const got = await evaluate(s, `(() => {
      const D = window.hkReport.data, set = (id, v) => { document.getElementById(id).value = v; };
      document.getElementById('f-reset').click();
      const f = ${JSON.stringify(f)};
      if ('status' in f) set('f-status', D.status.indexOf(f.status));
      if ('rule' in f) set('f-rule', D.rule.indexOf(f.rule));
      if ('unit' in f) set('f-unit', D.unit.indexOf(f.unit));
      if ('town' in f) set('f-town', D.town.indexOf(f.town));
      if ('overdue' in f) document.getElementById('f-overdue').checked = true;
      if ('q' in f) { set('q', f.q); document.getElementById('q').dispatchEvent(new Event('input')); }
      else document.getElementById(${JSON.stringify('f-' + key)}).dispatchEvent(new Event('change'));
      return { count: +document.getElementById('count').dataset.count,
        rows: document.querySelectorAll('#rows tr').length };
    })()`);
    const rowsWant = Math.min(f.count, 100);
    got.count === f.count && got.rows === rowsWant
      ? ok(`filter ${key}=${f[key]}: ${got.count} findings, ${got.rows} rows shown`)
      : notOk(`filter ${key}=${f[key]}`, `${got.count} findings / ${got.rows} rows, huikan findings: ${f.count}`);
  }

  // paging: the next page shows the rest
  const paged = await evaluate(s, `(() => { document.getElementById('f-reset').click();
    document.getElementById('next').click();
    return { rows: document.querySelectorAll('#rows tr').length, page: document.getElementById('page').textContent }; })()`);
  const rows2 = Math.min(100, Math.max(0, want.findings - 100));
  paged.rows === rows2 ? ok(`page 2 shows ${paged.rows} rows (${paged.page})`)
    : notOk('paging', `${paged.rows} rows on page 2, want ${rows2}`);

  // the dashboard as an office reads it (issue 15): rule bars by count, the
  // long tail folded; units with counts, closed and overdue, the unassigned
  // apart; 红黑榜; the table by severity then overdue, with unit, person and
  // due; statuses in Chinese only
  if (E.dashboard) {
    const d = await evaluate(s, `(() => {
      document.getElementById('f-reset').click();
      const sums = (id) => [...document.querySelectorAll('#' + id + ' g.row')].map((g) =>
        ({ key: g.querySelector('.mark') && g.querySelector('.mark').dataset.key,
           n: [...g.querySelectorAll('.mark')].reduce((a, m) => a + +m.dataset.value, 0),
           series: [...g.querySelectorAll('.mark')].map((m) => m.dataset.series + ':' + m.dataset.value) }));
      const rules = sums('chart-rule'), units = sums('chart-unit');
      const head = [...document.querySelectorAll('#table thead th')].map((t) => t.textContent);
      const rows = [...document.querySelectorAll('#rows tr')].slice(0, 100).map((tr) =>
        [...tr.children].map((td) => td.textContent));
      return { rules, units, head, rows, unassigned: +document.getElementById('unassigned').dataset.count,
        red: [...document.querySelectorAll('#redlist tbody tr')].map((tr) => tr.children[1].textContent),
        black: [...document.querySelectorAll('#blacklist tbody tr')].map((tr) => tr.children[1].textContent),
        statusText: [...document.querySelectorAll('#rows .st')].map((x) => x.parentElement.textContent) };
    })()`);
    const counts = d.rules.map((r) => r.n);
    counts.every((n, i) => i === 0 || n <= counts[i - 1] || i === counts.length - 1)
      ? ok(`rule chart sorted by count (${counts.slice(0, 5).join(' ')} ...)`) : notOk('rule chart order', counts.join(' '));
    const last = d.rules[d.rules.length - 1];
    d.rules.length === E.dashboard.rule_bars && (ZH ? /^其他 \d+ 条规则$/ : /^\d+ other rules$/).test(last.key)
      ? ok(`rule chart: ${d.rules.length} bars, the long tail folded into "${last.key}"`)
      : notOk('rule chart folding', `${d.rules.length} bars, last ${last && last.key}, want ${E.dashboard.rule_bars}`);
    const units = Object.fromEntries(d.units.map((u) => [u.key, u]));
    const uok = E.dashboard.units.every((u) => units[u.name] && units[u.name].n === u.findings &&
      units[u.name].series.includes('0:' + u.closed) && units[u.name].series.includes('3:' + u.overdue));
    uok && !units['-'] ? ok(`unit chart: counts, closed and overdue of ${E.dashboard.units.length} units as huikan stats, no "(none)" unit`)
      : notOk('unit chart', JSON.stringify(d.units));
    d.unassigned === E.dashboard.unassigned ? ok(`unassigned shown apart: ${d.unassigned}`)
      : notOk('unassigned', `${d.unassigned}, want ${E.dashboard.unassigned}`);
    JSON.stringify(d.red) === JSON.stringify(E.dashboard.red) && JSON.stringify(d.black) === JSON.stringify(E.dashboard.black)
      ? ok(`红黑榜: red ${d.red.join(',')}; black ${d.black.join(',')}`) : notOk('红黑榜', JSON.stringify([d.red, d.black]));
    const H = ZH ? ['责任单位', '责任人', '整改时限', '严重程度', '逾期'] : ['unit', 'person', 'due', 'severity', 'overdue'];
    H.slice(0, 4).every((h) => d.head.includes(h))
      ? ok(`the table has unit, person, due and severity columns (${d.head.join('|')})`) : notOk('table columns', d.head.join('|'));
    const sev = ZH ? { '严重': 0, '一般': 1, '轻微': 2 } : { high: 0, medium: 1, low: 2 };
    const hs = d.head.indexOf(H[3]), od = d.head.indexOf(H[4]);
    const keys = d.rows.map((r) => [sev[r[hs]] ?? 3, -(parseInt(r[od], 10) || -1)]);
    keys.every((k, i) => i === 0 || k[0] > keys[i - 1][0] || (k[0] === keys[i - 1][0] && k[1] >= keys[i - 1][1]))
      ? ok('the table is sorted by severity, then overdue, by default') : notOk('default order', JSON.stringify(keys.slice(0, 20)));
    ZH ? (d.statusText.every((t) => !/[a-z]/.test(t)) ? ok('statuses in the table are Chinese words only')
      : notOk('status words', d.statusText.slice(0, 5).join('|')))
      : (d.statusText.every((t) => /^[a-z ]+/.test(t) && !/\p{Script=Han}/u.test(t)) ? ok('statuses in the table are English words')
      : notOk('status words', d.statusText.slice(0, 5).join('|')));
  }

  // the language of the page: every label, heading, status, legend and event
  // type in E.lang, and every rule id beside its title of that language
  {
    const L = await evaluate(s, `(async () => {
      const D = window.hkReport.data, ids = new Set(D.rule);
      document.getElementById('f-reset').click();
      const own = (el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(' ').trim();
      const labels = [];
      const add = (where, t) => { if (t && t.trim()) labels.push([where, t.trim()]); };
      document.querySelectorAll('h1, h2, section > h3, .rank h3, small, nav a, th, button, label, .fig .lbl, svg text.legend, #f-status option, ' +
        '#f-town option:first-child, #f-unit option:first-child, #f-rule option:first-child, .st, #count, #unassigned, #redlist td[colspan]')
        .forEach((el) => add(el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''), own(el)));
      add('meta', own(document.querySelector('.meta')));
      add('placeholder', document.getElementById('q').placeholder);
      /* a history with events of every kind the ledger has */
      const q = document.getElementById('q'); q.value = ${JSON.stringify(E.history ? E.history.id : '')};
      q.dispatchEvent(new Event('input'));
      const a = document.querySelector('#rows a.fid');
      if (a) { a.click(); await new Promise((r) => setTimeout(r, 100)); }
      document.querySelectorAll('#history-body dt, #history-body .ev-type, #history-body h3, #history-body h2 small')
        .forEach((el) => add('history ' + el.tagName.toLowerCase(), own(el)));
      /* every text showing a rule id: the table's rule column (every page), the
         filter, the chart's bars, the history */
      const ruleTexts = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n; (n = walk.nextNode());) {
        if (n.parentElement.closest('script')) continue;
        for (const w of n.textContent.split(/[\\s()]+/)) if (ids.has(w)) { ruleTexts.push(n.textContent.trim()); break; }
      }
      document.getElementById('close-history').click();
      document.getElementById('f-reset').click();
      const cols = [...document.querySelectorAll('#table thead th')].map((t) => t.textContent);
      const rc = cols.indexOf(${JSON.stringify(ZH ? '规则' : 'rule')});
      const rows = [];
      for (let p = 0; p < 100; p++) {
        document.querySelectorAll('#rows tr').forEach((tr) => rows.push(tr.children[rc].textContent));
        if (document.getElementById('next').disabled) break;
        document.getElementById('next').click();
      }
      document.getElementById('f-reset').click();
      return { labels, ruleTexts, rows, nrules: ids.size };
    })()`);
    const han = /\p{Script=Han}/u;
    const bad = L.labels.filter(([, t]) => ZH
      ? /[A-Za-z]{2,}/.test(t.replace(/\b(id|huikan|JavaScript|UTC)\b/g, ''))
      : han.test(t));
    bad.length === 0 && L.labels.length > 40
      ? ok(`${L.labels.length} labels, headings, legends, statuses and event types, all in ${ZH ? 'Chinese' : 'English'}`)
      : notOk(`labels in the other language`, JSON.stringify(bad.slice(0, 6)) + ` (${L.labels.length} labels)`);
    const titled = ZH ? /\p{Script=Han}.*\s\(?[a-z0-9_.-]+\)?$/u : /^[A-Za-z][^\p{Script=Han}]*\s\(?[a-z0-9_.-]+\)?$/u;
    const untitled = L.ruleTexts.filter((t) => !titled.test(t));
    untitled.length === 0 && L.ruleTexts.length > L.nrules
      ? ok(`every one of the ${L.ruleTexts.length} texts showing a rule id shows its ${ZH ? 'Chinese' : 'English'} title beside it`)
      : notOk(`rule ids without their title`, JSON.stringify(untitled.slice(0, 5)) + ` of ${L.ruleTexts.length}`);
    const rowsBad = L.rows.filter((t) => !titled.test(t));
    rowsBad.length === 0 && L.rows.length === want.findings
      ? ok(`the rule column of all ${L.rows.length} rows shows the title beside the id (${L.rows[0]})`)
      : notOk(`rule column`, `${L.rows.length} rows, untitled: ${JSON.stringify(rowsBad.slice(0, 3))}`);
  }

  // a click on the overdue header puts the most overdue first
  if (E.most_overdue) {
    const top = await evaluate(s, `(() => { document.getElementById('f-reset').click();
      document.querySelector('#table th[data-sort="9"]').click();
      const a = document.querySelector('#rows a.fid'); return a ? a.textContent : null; })()`);
    E.most_overdue.includes(top) ? ok(`sorting by overdue puts ${top} first`)
      : notOk('sort by overdue', `${top} first, want one of ${E.most_overdue.join(' ')}`);
  }

  // a finding's id opens its history
  if (E.history) {
    const h = await evaluate(s, `(async () => {
      document.getElementById('f-reset').click();
      const q = document.getElementById('q'); q.value = ${JSON.stringify(E.history.id)}; q.dispatchEvent(new Event('input'));
      document.querySelector('#rows a.fid').click();
      await new Promise(r => setTimeout(r, 100));
      const p = document.getElementById('history');
      return { hidden: p.hidden, events: p.querySelectorAll('ol.events li').length,
        text: document.getElementById('history-body').textContent };
    })()`);
    const missing = (E.history.contains || []).filter((t) => !h.text.includes(t));
    !h.hidden && h.events === E.history.events && !missing.length
      ? ok(`clicking ${E.history.id} opens its history: ${h.events} events with who, when, what, evidence`)
      : notOk('history', `hidden ${h.hidden}, ${h.events} events (want ${E.history.events}), missing ${JSON.stringify(missing)}`);
    await send('Page.captureScreenshot', { format: 'png' }, s).then((r) =>
      writeFileSync(shotPath.replace(/\.png$/, '-history.png'), Buffer.from(r.data, 'base64')));
    await evaluate(s, "document.getElementById('close-history').click(); document.getElementById('f-reset').click(); 1");
  }

  // a town bar opens the town's villages
  const drill = await evaluate(s, `(() => {
    const g = document.querySelector('#chart-town g.row'); if (!g) return null;
    g.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const open = [...document.querySelectorAll('.drill')].filter(d => !d.hidden);
    return { open: open.length, town: open[0] && open[0].dataset.town,
      marks: open[0] ? open[0].querySelectorAll('.mark').length : 0,
      count: +document.getElementById('count').dataset.count };
  })()`);
  drill && drill.open === 1 && drill.marks > 0
    ? ok(`clicking town ${drill.town} shows its villages (${drill.marks} marks) and filters the table to ${drill.count}`)
    : notOk('town drill-down', JSON.stringify(drill));
  await evaluate(s, "document.getElementById('f-reset').click(); window.scrollTo(0, 0); 1");

  const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false }, s);
  writeFileSync(shotPath, Buffer.from(shot.data, 'base64'));
  ok(`screenshot saved: ${shotPath}`);

  // printable: as print media the controls are hidden, the charts and figures stay
  await send('Emulation.setEmulatedMedia', { media: 'print' }, s);
  const print = await evaluate(s, `(() => {
    const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0;
    return { controls: shown(document.querySelector('.controls')), pager: shown(document.querySelector('.pager')),
      figures: shown(document.getElementById('figures')),
      charts: [...document.querySelectorAll('svg.chart')].filter(c => !c.closest('.drill')).every(shown) };
  })()`);
  await send('Emulation.setEmulatedMedia', { media: '' }, s);
  !print.controls && !print.pager && print.figures && print.charts
    ? ok('printable: print media hides the controls, keeps the figures and every chart')
    : notOk('print media', JSON.stringify(print));

  errors.length ? notOk('no console errors', errors.slice(0, 5).join(' | ')) : ok('no console errors or exceptions');
  requests.length ? notOk('no network requests', requests.slice(0, 5).join(' ')) : ok('no network requests');
}

main().then(() => finish(), (e) => finish(e.message));
