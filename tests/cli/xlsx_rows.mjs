// xlsx_rows.mjs - reads one sheet of an XLSX file back (unzip + its XML, no
// library) for tests/cli/report.sh, printing TSV rows: shared or inline
// strings as text (tabs and newlines as spaces, like `huikan findings`),
// numbers as numbers, cells whose style is a date format as YYYY-MM-DD.
//
// usage: node xlsx_rows.mjs FILE.xlsx SHEET-NAME [--types | --meta | --sheets]
//   --types   print a type letter per cell instead (s text, n number, d date)
//   --meta    print "frozen=<rows> cols=<columns with a width> autofilter=<ref>"
//   --sheets  print the sheet names, one a line
import { execFileSync } from 'node:child_process';

const [file, sheet, mode] = process.argv.slice(2);
const unzip = (path) => {
  try {
    return execFileSync('unzip', ['-p', file, path], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } catch (e) {
    return '';
  }
};
const decode = (s) => s.replace(/&(lt|gt|amp|quot|apos|#x?[0-9a-fA-F]+);/g, (_, e) =>
  ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ??
  String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
const texts = (xml) => [...xml.matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>|<t\/>/g)].map((m) => decode(m[1] || '')).join('');

const wb = unzip('xl/workbook.xml');
const rels = unzip('xl/_rels/workbook.xml.rels');
const sheets = [...wb.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)].map((m) => ({ name: decode(m[1]), rid: m[2] }));
if (mode === '--sheets') {
  sheets.forEach((s) => console.log(s.name));
  process.exit(0);
}
const sh = sheets.find((s) => s.name === sheet);
if (!sh) {
  console.error(`${file}: no sheet ${sheet} (has ${sheets.map((s) => s.name).join(', ')})`);
  process.exit(2);
}
const target = new RegExp(`<Relationship [^>]*Id="${sh.rid}"[^>]*Target="([^"]*)"`).exec(rels) ||
  new RegExp(`<Relationship [^>]*Target="([^"]*)"[^>]*Id="${sh.rid}"`).exec(rels);
const xml = unzip('xl/' + target[1].replace(/^\/?xl\//, ''));
const shared = [...unzip('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));

// styles: which cell formats are dates
const styles = unzip('xl/styles.xml');
const custom = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles) || ['', ''])[1];
const isDate = [...xfs.matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => {
  const id = +m[1];
  return (id >= 14 && id <= 22) || /[yd]/.test((custom[m[1]] || '').replace(/"[^"]*"/g, ''));
});
const serialToDate = (n) => new Date(Date.UTC(1899, 11, 30) + Math.round(n * 86400000)).toISOString().slice(0, 10);

if (mode === '--meta') {
  const pane = /<pane [^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml);
  const cols = [...xml.matchAll(/<col [^>]*width="([\d.]+)"/g)].length;
  const af = /<autoFilter ref="([^"]*)"/.exec(xml);
  console.log(`frozen=${pane ? pane[1] : 0} cols=${cols} autofilter=${af ? af[1] : ''}`);
  process.exit(0);
}
const colIndex = (ref) => [...ref.replace(/\d+$/, '')].reduce((a, c) => a * 26 + c.charCodeAt(0) - 64, 0) - 1;
for (const row of xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)) {
  const out = [];
  for (const c of row[1].matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = c[2], body = c[3] || '', i = colIndex(c[1]);
    const t = (/ t="(\w+)"/.exec(attrs) || [])[1], s = +((/ s="(\d+)"/.exec(attrs) || [])[1] || 0);
    const v = (/<v>([\s\S]*?)<\/v>/.exec(body) || [])[1];
    let text, type;
    if (t === 's') [text, type] = [shared[+v], 's'];
    else if (t === 'inlineStr' || t === 'str') [text, type] = [t === 'str' ? decode(v || '') : texts(body), 's'];
    else if (v !== undefined && isDate[s]) [text, type] = [serialToDate(+v), 'd'];
    else if (v !== undefined) [text, type] = [v, 'n'];
    else [text, type] = ['', ''];
    while (out.length < i) out.push('');
    out[i] = mode === '--types' ? type : text.replace(/[\t\r\n]/g, ' ');
  }
  console.log(out.join('\t'));
}
