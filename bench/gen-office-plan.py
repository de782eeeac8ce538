#!/usr/bin/python3
"""gen-office-plan.py: writes the synthetic plan of gen-plan.py as a Word document and an Excel workbook.

    /usr/bin/python3 bench/gen-office-plan.py --tasks N [--seed S] [--number 190] --out DIR
    /usr/bin/python3 bench/gen-office-plan.py --text plan.txt --out DIR

Writes DIR/plan.txt (the text of `gen-plan.py --tasks N --seed S --number …`,
or a copy of --text), DIR/plan.docx and DIR/plan.xlsx, the same plan in the
three forms, for bench/run-import.sh. Needs the Debian packages python3-docx
and python3-openpyxl (hence /usr/bin/python3, not another interpreter).

The Word document, as an official drafts one: the preamble's lines as
paragraphs (headings in bold), then the appendix as one real table; its header
row is marked to repeat on each page (w:tblHeader) where the text repeats it
after page breaks; section rows ("I. Nhiệm vụ chung (…)") are one cell merged
across the six columns (w:gridSpan), in bold; italic text is in italic runs;
a cooperating cell's typed list ("- A; - B;") is one paragraph per item. A
row that continues a task's title after a page break stays a row of its own,
as LibreOffice writes the seed plan's (tests/data/office/make_fixtures.py).

The Excel workbook, as a task list is kept: one worksheet, the preamble's
lines in column A above the header row, then one row per table row; section
rows merged across the six columns; a task's number merged down over the row
that continues it; numbers typed as numbers where the number reads back as
written ("1.1" as 1.1, "5.10" stays text); italic cells in italics; a typed
list's items on lines of their own in the cell.

The package is python-docx's (styles, settings, A4 section); the table's
rows are appended as XML, since python-docx's cell access walks the whole
table for every row and would take hours at 100,000 tasks. Deterministic for
the same text, but for the packages' timestamps.
"""

import argparse
import os
import re
import subprocess
import sys
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.shared import Mm, Pt
import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COLUMNS = 6
# Column widths in twentieths of a point, on landscape A4 (TT, task, lead, cooperating, product, deadline).
WIDTHS = [700, 5200, 2300, 2700, 1700, 1600]
ITALIC = re.compile(r"(<i>.*?</i>)")


def read_table(text):
    """(preamble lines, header cells, rows): the rows after the first header, repeated headers and blank lines dropped."""
    lines = text.split("\n")
    first = next(k for k, line in enumerate(lines) if "\t" in line)
    header = lines[first].split("\t")
    rows = []
    for line in lines[first + 1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells == header:
            continue  # a header repeated after a page break: the header row repeats by itself
        rows.append(cells + [""] * (COLUMNS - len(cells)))
    return lines[:first], header, rows


def is_section(cells):
    return bool(cells[0].strip()) and all(not c.strip() for c in cells[1:])


def list_items(cell):
    """A typed list ("- A; - B;") as its items ("- A;", "- B;"); any other cell as itself."""
    if not cell.startswith("- "):
        return [cell]
    return [item.strip() for item in re.split(r"(?<=;)\s+(?=- )", cell)]


# --- Word ------------------------------------------------------------------

def runs_xml(text, bold=False):
    """The runs of one paragraph: <i>…</i> as italic runs, the rest plain."""
    out = []
    for part in ITALIC.split(text):
        if not part:
            continue
        italic = part.startswith("<i>")
        if italic:
            part = part[3:-4]
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        out.append('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (
            "<w:rPr>%s</w:rPr>" % props if props else "", escape(part)))
    return "".join(out)


def cell_xml(paragraphs, width, span=1, bold=False):
    props = '<w:tcW w:w="%d" w:type="dxa"/>' % width + ('<w:gridSpan w:val="%d"/>' % span if span > 1 else "")
    body = "".join("<w:p>%s</w:p>" % runs_xml(p, bold) for p in paragraphs if p) or "<w:p/>"
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (props, body)


def row_xml(cells, header=False):
    if header:
        tcs = [cell_xml([c], WIDTHS[k], bold=True) for k, c in enumerate(cells)]
        return '<w:tr xmlns:w="%s"><w:trPr><w:tblHeader/></w:trPr>%s</w:tr>' % (W, "".join(tcs))
    if is_section(cells):
        return '<w:tr xmlns:w="%s">%s</w:tr>' % (W, cell_xml([cells[0]], sum(WIDTHS), span=COLUMNS, bold=True))
    tcs = [cell_xml(list_items(c.strip()), WIDTHS[k]) for k, c in enumerate(cells)]
    return '<w:tr xmlns:w="%s">%s</w:tr>' % (W, "".join(tcs))


def write_docx(path, preamble, header, rows):
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for m in ("left_margin", "right_margin"):
        setattr(section, m, Mm(20))
    for line in preamble:
        paragraph = document.add_paragraph()
        if line.strip():
            paragraph.add_run(line).bold = line.isupper()
    table = document.add_table(rows=0, cols=COLUMNS)
    table.style = "Table Grid"
    tbl = table._tbl
    for k, col in enumerate(tbl.tblGrid.findall("{%s}gridCol" % W)):
        col.set("{%s}w" % W, str(WIDTHS[k]))
    tbl.append(parse_xml(row_xml(header, header=True)))
    for cells in rows:
        tbl.append(parse_xml(row_xml(cells)))
    document.save(path)


# --- Excel -----------------------------------------------------------------

def typed(text):
    """A cell's value as a typist would enter it: numbers that read back as written as numbers."""
    if re.fullmatch(r"\d+(\.\d+)?", text) and repr(float(text)).removesuffix(".0") == text:
        return int(text) if "." not in text else float(text)
    return text


def write_xlsx(path, preamble, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kế hoạch"
    bold, italic = Font(bold=True), Font(italic=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    r = 0
    for line in preamble:
        if line.strip():
            r += 1
            sheet.cell(row=r, column=1, value=line)
    r += 1
    for k, h in enumerate(header, start=1):
        sheet.cell(row=r, column=k, value=h).font = bold
    task_row = None  # the sheet row of the last row with a number, which a continuation row extends
    for cells in rows:
        r += 1
        if is_section(cells):
            sheet.cell(row=r, column=1, value=cells[0]).font = bold
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=COLUMNS)
            task_row = None
            continue
        for k, c in enumerate(cells, start=1):
            c = c.strip()
            if not c:
                continue
            slanted = c.startswith("<i>") and c.endswith("</i>")
            value = "\n".join(ITALIC.sub(lambda m: m.group(0)[3:-4], item) for item in list_items(c))
            cell = sheet.cell(row=r, column=k, value=typed(value))
            cell.alignment = wrap
            if slanted:
                cell.font = italic
        if cells[0].strip():
            task_row = r
        elif task_row is not None:
            sheet.merge_cells(start_row=task_row, start_column=1, end_row=r, end_column=1)
    for k, width in enumerate(WIDTHS):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(k + 1)].width = width / 100
    book.save(path)


def main():
    parser = argparse.ArgumentParser(description="Writes gen-plan.py's plan as .txt, .docx and .xlsx (see the file's header).")
    parser.add_argument("--tasks", type=int, help="number of tasks (the plan of gen-plan.py)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--number", default="190", help="plan number before /KH-UBND (default 190)")
    parser.add_argument("--text", help="a text plan to convert instead of generating one")
    parser.add_argument("--out", required=True, help="the folder to write plan.txt, plan.docx and plan.xlsx to")
    args = parser.parse_args()
    if (args.tasks is None) == (args.text is None):
        parser.error("give either --tasks or --text")
    if args.text:
        with open(args.text, encoding="utf-8") as f:
            text = f.read()
    else:
        text = subprocess.run([sys.executable, os.path.join(HERE, "gen-plan.py"), "--tasks", str(args.tasks),
                               "--seed", str(args.seed), "--number", args.number],
                              check=True, capture_output=True, encoding="utf-8").stdout
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "plan.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    preamble, header, rows = read_table(text)
    write_docx(os.path.join(args.out, "plan.docx"), preamble, header, rows)
    write_xlsx(os.path.join(args.out, "plan.xlsx"), preamble, header, rows)


if __name__ == "__main__":
    main()
