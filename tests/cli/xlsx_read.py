#!/usr/bin/env python3
"""xlsx_read.py - an independent reader of the workbooks huikan writes, for
tests/cli/report_lists_py.sh: Python's zipfile and xml.etree only (not the
node reader of report.sh, not libxlsxwriter). Prints one sheet as TSV: shared
and inline strings as text, numbers as numbers (whole ones without ".0"),
cells whose style is a date format as YYYY-MM-DD.

usage: python3 xlsx_read.py FILE.xlsx SHEET | --sheets
"""
import datetime
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
DATE_IDS = set(range(14, 23)) | {45, 46, 47}


def text_of(el):
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))


def main():
    path, sheet = sys.argv[1], sys.argv[2]
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = [(s.get("name"), s.get("{%s}id" % NS["r"])) for s in wb.find("m:sheets", NS)]
    if sheet == "--sheets":
        print("\n".join(n for n, _ in sheets))
        return
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    rid = dict(sheets)[sheet]
    target = rels[rid].lstrip("/")
    target = target if target.startswith("xl/") else "xl/" + target
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [text_of(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter("{%s}numFmt" % NS["m"])}
    xfs = styles.find("m:cellXfs", NS)
    is_date = []
    for xf in xfs.findall("m:xf", NS):
        fid = int(xf.get("numFmtId", "0"))
        code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", custom.get(fid, ""))
        is_date.append(fid in DATE_IDS or bool(re.search(r"[ymd]", code)))
    root = ET.fromstring(z.read(target))
    for row in root.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            ref = re.match(r"([A-Z]+)", c.get("r")).group(1)
            col = 0
            for ch in ref:
                col = col * 26 + ord(ch) - 64
            t, s = c.get("t"), int(c.get("s", "0"))
            v = c.find("m:v", NS)
            if t == "s":
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = text_of(c.find("m:is", NS))
            elif t == "str":
                val = v.text or "" if v is not None else ""
            elif v is None:
                val = ""
            elif is_date[s]:
                val = (datetime.date(1899, 12, 30) + datetime.timedelta(days=float(v.text))).isoformat()
            else:
                n = float(v.text)
                val = str(int(n)) if n == int(n) else repr(n)
            cells[col] = re.sub(r"[\t\r\n]", " ", val)
        if cells:
            print("\t".join(cells.get(i, "") for i in range(1, max(cells) + 1)))


main()
