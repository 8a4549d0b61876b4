/* report.js - the script of the HTML dashboard of `huikan report --html`,
 * inlined into the page: renders the findings table (paged, filtered,
 * searched) from the embedded JSON, opens a finding's history from its id
 * (#F-...), and links the charts' bars to the filters and the village
 * drill-down. No network, no libraries.
 *
 * Row: [id, status, rule, entity, village, town, unit, person, due, days_overdue,
 *       relapses, message, category, severity, events, village name]
 * Event: [type, time, actor, office, run, unit, person, due, note, reason,
 *         evidence, illegal]  (indexes into D.actor, D.run; -1 = none; illegal is why the
 *         event was not applied: "superseded by ..." for a concurrent step that lost;
 *         time in local time)
 * Every word shown comes from the data, in the language of the report: D.L
 * (labels), D.ev (event types), D.sev (severities), D.cat (categories),
 * D.status_label, D.rule_title (each rule's title, shown beside its id). */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var PAGE = 100, page = 0, shown = [], hay = null, sortCol = -1, sortDir = 1;
  var $ = function (id) { return document.getElementById(id); };
  var L = D.L, EV = D.ev;
  function fmt(t, v) { return t.replace(/\{(\w+)\}/g, function (m, k) { return v[k]; }); }

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fill(sel, values, labels) {
    var h = sel.innerHTML;
    for (var i = 0; i < values.length; i++)
      h += '<option value="' + i + '">' + esc(labels ? labels[i] : values[i]) + '</option>';
    sel.innerHTML = h;
  }
  function label(v) { return v === '-' ? L.none : v; }
  /* a rule: its title beside its id */
  function ruleLabel(i) { var t = D.rule_title[i]; return t ? t + ' (' + D.rule[i] + ')' : D.rule[i]; }
  function sevLabel(v) { return D.sev[v] || v; }
  function catLabel(v) { return D.cat[v || '-'] || v; }
  function townLabel(i) { return (D.town_name[i] ? D.town_name[i] + ' ' : '') + label(D.town[i]); }

  fill($('f-status'), D.status, D.status_label);
  fill($('f-rule'), D.rule, D.rule.map(function (r, i) { return ruleLabel(i); }));
  fill($('f-town'), D.town, D.town.map(function (t, i) { return townLabel(i); }));
  fill($('f-unit'), D.unit, D.unit.map(function (u) { return u === '-' ? L.unassigned : u; }));

  function haystack() {
    if (!hay) {
      hay = new Array(D.f.length);
      for (var i = 0; i < D.f.length; i++) {
        var r = D.f[i];
        hay[i] = (r[0] + '\u0001' + r[3] + '\u0001' + r[4] + '\u0001' + r[15] + '\u0001' + r[7] + '\u0001' + r[11] + '\u0001' +
          (r[2] >= 0 ? ruleLabel(r[2]) : '')).toLowerCase();
      }
    }
    return hay;
  }

  function num(id) { var v = $(id).value; return v === '' ? -1 : +v; }

  function apply() {
    var st = num('f-status'), ru = num('f-rule'), to = num('f-town'), un = num('f-unit');
    var od = $('f-overdue').checked, q = $('q').value.trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [], h = terms.length ? haystack() : null;
    shown = [];
    outer: for (var i = 0; i < D.f.length; i++) {
      var r = D.f[i];
      if ((st >= 0 && r[1] !== st) || (ru >= 0 && r[2] !== ru) || (to >= 0 && r[5] !== to) ||
          (un >= 0 && r[6] !== un) || (od && r[9] < 0))
        continue;
      for (var k = 0; k < terms.length; k++)
        if (h[i].indexOf(terms[k]) < 0)
          continue outer;
      shown.push(i);
    }
    sortShown();
    page = 0;
    render();
  }

  /* a click on a column header sorts by it; again: the other way. Overdue
   * sorts the most overdue first; rule, unit and status by their names. */
  /* the default order: severity (high first), then the most overdue first, then id */
  var SEV = { high: 0, '高': 0, medium: 1, '中': 1, low: 2, '低': 2 };
  function sevRank(r) { var k = SEV[r[13]]; return k === undefined ? 3 : k; }
  function defaultOrder(a, b) {
    var x = D.f[a], y = D.f[b];
    return (sevRank(x) - sevRank(y)) || (y[9] - x[9]) || (a - b);
  }
  function sortKey(r) {
    var v = r[sortCol];
    if (sortCol === 13) return sevRank(r);
    if (sortCol === 2) return D.rule[v] || '';
    if (sortCol === 6) return v >= 0 ? D.unit[v] : '';
    if (sortCol === 1) return D.status[v];
    return v;
  }
  function sortShown() {
    if (sortCol < 0) { shown.sort(defaultOrder); return; }
    shown.sort(function (a, b) {
      var x = sortKey(D.f[a]), y = sortKey(D.f[b]);
      if (x === y) return a - b;
      return (x < y ? -1 : 1) * sortDir;
    });
  }
  var ths = document.querySelectorAll('#table th[data-sort]');
  for (var t = 0; t < ths.length; t++) {
    ths[t].addEventListener('click', function () {
      var col = +this.getAttribute('data-sort');
      sortDir = sortCol === col ? -sortDir : (col === 9 ? -1 : 1);
      sortCol = col;
      for (var k = 0; k < ths.length; k++) ths[k].removeAttribute('aria-sort');
      this.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
      sortShown();
      page = 0;
      render();
    });
  }

  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE)), out = [];
    if (page >= pages) page = pages - 1;
    var from = page * PAGE, to = Math.min(shown.length, from + PAGE);
    for (var j = from; j < to; j++) {
      var r = D.f[shown[j]], s = D.status[r[1]];
      out.push('<tr><td><a class="fid" href="#' + r[0] + '">' + r[0] + '</a></td><td><span class="st st-' + s + '">' +
        esc(D.status_label[r[1]]) + '</span>' + (r[10] > 0 ?  ' <span class="overdue" title="' + esc(L.relapses) + '">↺' + r[10] + '</span>' : '') +
        '</td><td>' + esc(r[2] >= 0 ? ruleLabel(r[2]) : '') + '</td><td>' + esc(r[3]) + '</td><td>' + (r[15] ? esc(r[15]) + ' ' : '') + esc(r[4]) + '</td><td>' +
        esc(sevLabel(r[13])) + '</td><td>' + esc(r[6] >= 0 ? D.unit[r[6]] : '') + '</td><td>' + esc(r[7]) + '</td><td>' + esc(r[8]) + '</td><td class="num' +
        (r[9] >= 0 ? ' overdue">' + r[9] + ' ' + esc(L.days) : '">') + '</td><td class="msg">' + esc(r[11]) + '</td></tr>');
    }
    $('rows').innerHTML = out.join('');
    var c = $('count');
    c.setAttribute('data-count', shown.length);
    c.textContent = fmt(L.count, { shown: shown.length, total: D.f.length }) +
      (shown.length ? ' · ' + fmt(L.showing, { from: from + 1, to: to }) : '');
    $('page').textContent = (page + 1) + ' / ' + pages;
    $('prev').disabled = page === 0;
    $('next').disabled = page >= pages - 1;
  }

  var byId = null;
  function find(id) {
    if (!byId) {
      byId = {};
      for (var i = 0; i < D.f.length; i++) byId[D.f[i][0]] = i;
    }
    return byId[id];
  }

  function history() {
    var id = decodeURIComponent(location.hash.slice(1)), i = find(id);
    if (i === undefined) { $('history').hidden = true; return; }
    var r = D.f[i], h = [];
    h.push('<h2>' + esc(r[0]) + ' <small>' + esc(D.status_label[r[1]]) + '</small></h2><dl>');
    var rows = [[L.rule, r[2] >= 0 ? ruleLabel(r[2]) : ''], [L.category, catLabel(r[12])], [L.severity, sevLabel(r[13])],
      [L.entity, r[3]], [L.town, r[5] >= 0 ? townLabel(r[5]) : ''], [L.village, (r[15] ? r[15] + ' ' : '') + r[4]],
      [L.message, r[11]],
      [L.unit, r[6] >= 0 && D.unit[r[6]] !== '-' ? D.unit[r[6]] + (r[7] ? ' / ' + r[7] : '') : ''],
      [L.due, r[8] + (r[9] >= 0 ? ' (' + L.overdue_days + ' ' + r[9] + ')' : '')], [L.relapses, r[10]]];
    rows.forEach(function (kv) { if (kv[1] !== '' && kv[1] != null) h.push('<dt>' + esc(kv[0]) + '</dt><dd>' + esc(kv[1]) + '</dd>'); });
    h.push('</dl><h3>' + esc(L.history) + ' (' + r[14].length + ')</h3><ol class="events">');
    r[14].forEach(function (e) {
      h.push('<li><span class="ev-type">' + esc(EV[e[0]] || e[0]) + '</span> · ' + esc(e[1]) +
        ' · ' + esc(D.actor[e[2]]) + ' <small>[' + esc(e[3]) + ']</small>');
      if (e[4] >= 0) h.push('<br>' + esc(L.run) + ' <code>' + esc(D.run[e[4]]) + '</code>');
      if (e[5]) h.push('<br>' + esc(L.unit) + ' ' + esc(e[5]) + (e[6] ? ' / ' + esc(e[6]) : '') + (e[7] ? ', ' + esc(L.due) + ' ' + esc(e[7]) : ''));
      if (e[8]) h.push('<br>' + esc(L.note) + ': ' + esc(e[8]));
      if (e[9]) h.push('<br>' + esc(L.reason) + ': ' + esc(e[9]));
      if (e[10]) h.push('<br>' + esc(L.evidence) + ': ' + esc(e[10]));
      if (e[11]) h.push(/^superseded /.test(e[11])
        ? '<br><span class="superseded">' + esc(L.superseded) + ', ' + esc(e[11]) + '</span>'
        : '<br><span class="illegal">' + esc(L.illegal) + ': ' + esc(e[11]) + '</span>');
      h.push('</li>');
    });
    h.push('</ol>');
    $('history-body').innerHTML = h.join('');
    $('history').hidden = false;
  }

  function closeHistory() {
    $('history').hidden = true;
    if (location.hash) history_replace();
  }
  function history_replace() {
    try { window.history.replaceState(null, '', location.pathname + location.search); } catch (e) { location.hash = ''; }
  }

  function selectRow(svg, key) {
    var gs = document.querySelectorAll('#' + svg + ' g.row');
    for (var i = 0; i < gs.length; i++) {
      var m = gs[i].querySelector('.mark');
      gs[i].classList.toggle('selected', !!m && m.getAttribute('data-key') === key);
    }
  }

  /* a click on a bar of chart svg sets filter sel to the bar's key */
  function chartFilter(svg, sel, names, after) {
    var el = $(svg);
    if (!el) return;
    function go(target) {
      var g = target.closest && target.closest('g.row');
      var m = g && g.querySelector('.mark');
      if (!m) return;
      var key = m.getAttribute('data-key'), i = names.indexOf(key);
      if (i < 0) return; /* a folded bar (其他 N 条规则) filters nothing */
      $(sel).value = $(sel).value === String(i) ? '' : String(i);
      selectRow(svg, $(sel).value === '' ? null : key);
      if (after) after($(sel).value === '' ? null : key);
      apply();
      $('findings').scrollIntoView({ block: 'start' });
    }
    el.addEventListener('click', function (ev) { go(ev.target); });
    el.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') go(ev.target); });
  }

  function drill(town) {
    var ds = document.querySelectorAll('.drill');
    for (var i = 0; i < ds.length; i++) ds[i].hidden = ds[i].getAttribute('data-town') !== town;
  }

  chartFilter('chart-rule', 'f-rule', D.rule);
  chartFilter('chart-unit', 'f-unit', D.unit);
  chartFilter('chart-town', 'f-town', D.town, drill);
  /* the town drill-down opens without scrolling away from it */
  ['q'].forEach(function (id) { $(id).addEventListener('input', apply); });
  ['f-status', 'f-rule', 'f-town', 'f-unit', 'f-overdue'].forEach(function (id) { $(id).addEventListener('change', apply); });
  $('f-town').addEventListener('change', function () { drill($('f-town').value === '' ? null : D.town[+$('f-town').value]); });
  $('f-reset').addEventListener('click', function () {
    ['q', 'f-status', 'f-rule', 'f-town', 'f-unit'].forEach(function (id) { $(id).value = ''; });
    $('f-overdue').checked = false;
    var sel = document.querySelectorAll('g.row.selected');
    for (var i = 0; i < sel.length; i++) sel[i].classList.remove('selected');
    drill(null);
    apply();
  });
  $('prev').addEventListener('click', function () { if (page > 0) { page--; render(); } });
  $('next').addEventListener('click', function () { page++; render(); });
  $('close-history').addEventListener('click', closeHistory);
  $('history').addEventListener('click', function (ev) { if (ev.target === $('history')) closeHistory(); });
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') closeHistory(); });
  window.addEventListener('hashchange', history);
  apply();
  if (location.hash.length > 1) history();
  window.hkReport = { apply: apply, shown: function () { return shown.length; }, data: D };
  document.documentElement.setAttribute('data-ready', '1');
})();
