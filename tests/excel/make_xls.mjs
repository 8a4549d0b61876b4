// make_xls.mjs - turns a workbook written by gen_xlsx (libxlsxwriter) into
// an Excel 97-2003 .xls (BIFF8) with SheetJS, keeping cell types and number
// formats (dates stay date cells). The .xls files in tests/excel/ were made
// with it (SheetJS is not installed in CI, so they are committed):
//
//   npm install xlsx@0.18.5   (in any folder; NODE_PATH=that/node_modules)
//   node tests/excel/make_xls.mjs IN.xlsx OUT.xls
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

const [input, output] = process.argv.slice(2);
const wb = XLSX.readFile(input, { cellNF: true, cellDates: false });
XLSX.writeFile(wb, output, { bookType: 'biff8' });
