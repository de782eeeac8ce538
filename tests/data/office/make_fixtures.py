#!/usr/bin/env python3
"""Makes the office fixtures of the plan readers' tests (tests/office_plan_test.cpp).

Run by make.sh, which converts what this script writes with LibreOffice.
Step "html": the bundled plan, the small plan and the plan of another
layout (tests/data/plan-other-layout.txt) rendered as HTML with a
real table (the header in <thead>, section rows as one cell across the row),
and a document with no task table; soffice turns them into .docx.
Step "structures": small .docx written by hand, one per structure the Word
reader handles, each the small plan (small-plan.txt) in another form.
Step "fods": the bundled plan, the small plan, the small plan with a date
typed as a date (small-dates.txt, written here too) and the plan of another
layout as spreadsheets in LibreOffice's flat XML (.fods), and a sheet with no
task table; soffice turns them into .xlsx. Section rows are one cell merged
across the row, a task's number cell is merged down over the rows that
continue it, a lead agency shared by adjacent tasks is one cell merged down,
numbers are typed as numbers where the number reads back as written ("1.1";
"5.10" stays text, as a careful typist keeps it), dates as dates, lists and
line breaks as paragraphs in the cell, italics as italic runs.
Step "refusals": files the importer refuses that need no office software.
"""
import html
import os
import re
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SEED = os.path.join(ROOT, "config", "plans", "hai-phong-90-KH-UBND-2026.txt")
SMALL = os.path.join(HERE, "small-plan.txt")
OTHER_LAYOUT = os.path.join(ROOT, "tests", "data", "plan-other-layout.txt")


def cell_paragraphs(cell):
    """A text cell as the paragraphs a Word cell has: a typed list ("<ul> - A; - B.") one item a paragraph."""
    if "<ul" in cell:
        cell = re.sub(r"</?(ul|li)[^>]*>", "", cell).strip()
        items = re.split(r";\s+(?=- )", cell)
        return [item + (";" if k + 1 < len(items) else "") for k, item in enumerate(items)]
    return [cell]


def html_text(text):
    """Text with its <i> kept as italics and its <br> as line breaks, everything else escaped."""
    parts = re.split(r"(</?i>|<br>)", text)
    return "".join(p if p in ("<i>", "</i>", "<br>") else html.escape(p, quote=False) for p in parts)


def plan_html(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    first = next(k for k, line in enumerate(lines) if "\t" in line)
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>plan</title></head><body>']
    for line in lines[:first]:
        out.append("<p>%s</p>" % html_text(line))
    header = lines[first].split("\t")
    out.append('<table border="1"><thead><tr>')
    out.extend("<th>%s</th>" % html_text(h) for h in header)
    out.append("</tr></thead><tbody>")
    for line in lines[first + 1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells == header:
            continue  # a header repeated at a page break: <thead> repeats it
        out.append("<tr>")
        if all(not c.strip() for c in cells[1:]):
            out.append('<td colspan="%d">%s</td>' % (len(cells), html_text(cells[0])))
        else:
            for cell in cells:
                out.append("<td>%s</td>" % "".join("<p>%s</p>" % html_text(p) for p in cell_paragraphs(cell)))
        out.append("</tr>")
    out.append("</tbody></table></body></html>")
    return "\n".join(out)


def step_html(out_dir):
    with open(os.path.join(out_dir, "plan-90.html"), "w", encoding="utf-8") as f:
        f.write(plan_html(SEED))
    with open(os.path.join(out_dir, "small-plan.html"), "w", encoding="utf-8") as f:
        f.write(plan_html(SMALL))
    with open(os.path.join(out_dir, "other-layout.html"), "w", encoding="utf-8") as f:
        f.write(plan_html(OTHER_LAYOUT))
    with open(os.path.join(out_dir, "no-table.html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                "<p>Số: 12/KH-UBND</p><p>Hải Phòng, ngày 5 tháng 1 năm 2026</p>"
                "<p>KẾ HOẠCH</p><p>Các nhiệm vụ được giao tại văn bản riêng.</p></body></html>")
    with open(os.path.join(out_dir, "tasks.csv"), "w", encoding="utf-8") as f:
        f.write("TT,Tên nhiệm vụ,Cơ quan chủ trì\n1,Xây dựng kế hoạch,Sở Nội vụ\n")


# --- Spreadsheets in LibreOffice's flat XML --------------------------------

FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="%s">
"""
FODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document>\n"
DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def fods_paragraph(text):
    """One paragraph: its <i> as italic runs, everything else escaped; the tags the cell does not show dropped."""
    parts = re.split(r"(<i>.*?</i>)", text)
    out = []
    for part in parts:
        if part.startswith("<i>"):
            out.append('<text:span text:style-name="T1">%s</text:span>' % esc(part[3:-4]))
        elif part:
            out.append(esc(part))
    return "<text:p>%s</text:p>" % "".join(out)


def fods_cell(text, attributes=""):
    """A cell typed as a spreadsheet would type what is written in it."""
    text = text.strip()
    if not text:
        return "<table:table-cell%s/>" % attributes
    if re.fullmatch(r"\d+(\.\d+)?", text) and repr(float(text)).removesuffix(".0") == text:
        return '<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (
            attributes, text, text)
    date = DATE.match(text)
    if date:
        day, month, year = (int(g) for g in date.groups())
        return ('<table:table-cell%s table:style-name="ce1" office:value-type="date" office:date-value="%04d-%02d-%02d">'
                "<text:p>%s</text:p></table:table-cell>" % (attributes, year, month, day, text))
    paragraphs = []
    for item in cell_paragraphs(text):
        paragraphs.extend(p.strip() for p in item.split("<br>"))
    return '<table:table-cell%s office:value-type="string">%s</table:table-cell>' % (
        attributes, "".join(fods_paragraph(p) for p in paragraphs if p))


def plan_fods(path, sheet="Kế hoạch"):
    lines = open(path, encoding="utf-8").read().split("\n")
    first = next(k for k, line in enumerate(lines) if "\t" in line)
    header = lines[first].split("\t")
    number = next(k for k, h in enumerate(header) if h in ("TT", "STT"))
    lead = next(k for k, h in enumerate(header) if "chủ trì" in h)
    rows = []
    for line in lines[first + 1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells == header:
            continue  # a header repeated at a page break: a sheet has one
        rows.append(cells + [""] * (len(header) - len(cells)))
    # The merges down: a task's number over the rows that continue it, a lead agency shared by adjacent tasks.
    spans = {}  # (row, column) -> rows spanned; covered cells are not in it
    covered = set()
    k = 0
    while k < len(rows):
        if rows[k][number].strip():
            end = k + 1
            while (end < len(rows) and not rows[end][number].strip()
                   and not (rows[end][0].strip() and all(not c.strip() for c in rows[end][1:]))):
                end += 1
            if end - k > 1:
                spans[(k, number)] = end - k
                covered.update((r, number) for r in range(k + 1, end))
            k = end
        else:
            k += 1
    k = 0
    while k < len(rows):
        end = k + 1
        if rows[k][lead].strip() and rows[k][number].strip():
            while (end < len(rows) and rows[end][lead] == rows[k][lead] and rows[end][number].strip()
                   and (end, lead) not in covered):
                end += 1
        if end - k > 1:
            spans[(k, lead)] = end - k
            covered.update((r, lead) for r in range(k + 1, end))
        k = end
    out = [FODS_HEAD % esc(sheet)]
    for line in lines[:first]:
        out.append("<table:table-row>%s</table:table-row>" % (fods_cell(line) if line.strip() else "<table:table-cell/>"))
    out.append("<table:table-row>%s</table:table-row>" % "".join(fods_cell(h) for h in header))
    for r, cells in enumerate(rows):
        out.append("<table:table-row>")
        if cells[0].strip() and all(not c.strip() for c in cells[1:]):
            out.append(fods_cell(cells[0], ' table:number-columns-spanned="%d"' % len(cells)))
            out.append("<table:covered-table-cell/>" * (len(cells) - 1))
        else:
            for j, c in enumerate(cells):
                if (r, j) in covered:
                    out.append("<table:covered-table-cell/>")
                elif (r, j) in spans:
                    out.append(fods_cell(c, ' table:number-rows-spanned="%d"' % spans[(r, j)]))
                else:
                    out.append(fods_cell(c))
        out.append("</table:table-row>")
    out.append(FODS_TAIL)
    return "\n".join(out)


def step_fods(out_dir):
    small = open(SMALL, encoding="utf-8").read()
    dates = small.replace("Trung tâm dữ liệu\tNăm 2026", "Trung tâm dữ liệu\t30/06/2026")
    assert dates != small
    with open(os.path.join(HERE, "small-dates.txt"), "w", encoding="utf-8") as f:
        f.write(dates)
    for name, path in [("plan-90", SEED), ("small-plan", SMALL), ("small-dates", os.path.join(HERE, "small-dates.txt")),
                       ("other-layout", OTHER_LAYOUT)]:
        with open(os.path.join(out_dir, name + ".fods"), "w", encoding="utf-8") as f:
            f.write(plan_fods(path))
    with open(os.path.join(out_dir, "no-table.fods"), "w", encoding="utf-8") as f:
        f.write(FODS_HEAD % "Sheet1" + "".join(
            "<table:table-row>%s</table:table-row>" % fods_cell(t)
            for t in ["Số: 12/KH-UBND", "Hải Phòng, ngày 5 tháng 1 năm 2026", "KẾ HOẠCH",
                      "Các nhiệm vụ được giao tại văn bản riêng."]) + FODS_TAIL)


# --- Hand-made WordprocessingML -------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""
NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="%s">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>""" % W


def esc(text):
    return html.escape(text, quote=False)


def run(text, italic=False, bold=False):
    props = ("<w:i/>" if italic else "") + ("<w:b/>" if bold else "")
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (
        "<w:rPr>%s</w:rPr>" % props if props else "", esc(text))


def para(*runs, num=False):
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if num else ""
    return "<w:p>%s%s</w:p>" % (ppr, "".join(runs))


def cell(paragraphs, span=1, vmerge=None):
    props = ""
    if span > 1:
        props += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    body = "".join(paragraphs) if paragraphs else "<w:p/>"
    return "<w:tc>%s%s</w:tc>" % ("<w:tcPr>%s</w:tcPr>" % props if props else "", body)


def row(cells, header=False):
    return "<w:tr>%s%s</w:tr>" % ("<w:trPr><w:tblHeader/></w:trPr>" if header else "", "".join(cells))


def document(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W, body))


def write_docx(path, body):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document(body))
        z.writestr("word/numbering.xml", NUMBERING)


def small_plan_docx(structure):
    """The small plan as a Word document that shows one `structure`."""
    lines = open(SMALL, encoding="utf-8").read().split("\n")
    first = next(k for k, line in enumerate(lines) if "\t" in line)
    preamble = lines[:first]
    body = []
    if structure == "layout":
        # The agency's name and the number left, the place and date right, in a borderless table.
        body.append("<w:tbl>%s%s</w:tbl>" % (
            row([cell([para(run(preamble[0]))]), cell([para(run(preamble[2]))])]),
            row([cell([para(run(preamble[1]))]), cell([para()])])))
        preamble = preamble[3:]
    for line in preamble:
        body.append(para(run(line, bold=line.isupper())))
    header = lines[first].split("\t")
    rows = [row([cell([para(run(h, bold=True))]) for h in header], header=structure != "repeated-header")]

    def plain(cells, vmerge=None):
        return row([cell([para(run(c))] if c else [], vmerge=(vmerge[k] if vmerge else None))
                    for k, c in enumerate(cells)])

    def section(title):
        if structure == "gridspan":
            return row([cell([para(run(title, bold=True))], span=6)])
        return plain([title, "", "", "", "", ""])

    rows.append(section("I. Nhiệm vụ chung (2 nhiệm vụ)"))
    if structure == "vmerge":
        # Task 1 on two rows: its number, lead, cooperating, product and deadline cells merged down.
        rows.append(plain(["1", "Xây dựng kế hoạch chuyển đổi số", "Sở Khoa học và Công nghệ",
                           "Các Sở, ban, ngành thành phố", "Kế hoạch", "Quý I/2026"],
                          ["restart", None, "restart", "restart", "restart", "restart"]))
        rows.append(plain(["", "của thành phố giai đoạn 2026 - 2030", "", "", "", ""],
                          ["continue", None, "continue", "continue", "continue", "continue"]))
    elif structure == "changes":
        rows.append(row([
            cell([para(run("1"))]),
            cell([para(run("Xây dựng "), '<w:del w:id="1" w:author="A"><w:r><w:delText>chương trình</w:delText></w:r></w:del>',
                       '<w:ins w:id="2" w:author="A"><w:r><w:t>kế hoạch</w:t></w:r></w:ins>',
                       run(" chuyển đổi số"))]),
            cell([para('<w:fldSimple w:instr=" DOCPROPERTY Lead "><w:r><w:t>Sở Khoa học và Công nghệ</w:t></w:r></w:fldSimple>')]),
            cell([para(run("Các Sở, ban,"), "<w:r><w:tab/></w:r>", run("ngành thành phố"))]),
            cell([para('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF product </w:instrText></w:r>'
                       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run("Kế hoạch"),
                       '<w:r><w:fldChar w:fldCharType="end"/></w:r>')]),
            cell([para(run("Quý I/2026", bold=True))])]))
        rows.append(plain(["", "của thành phố giai đoạn 2026 - 2030", "", "", "", ""]))
        # A row deleted as a tracked change.
        rows.append('<w:tr><w:trPr><w:del w:id="3" w:author="A"/></w:trPr>%s</w:tr>' % "".join(
            cell([para('<w:del w:id="4" w:author="A"><w:r><w:delText>%s</w:delText></w:r></w:del>' % t)])
            for t in ["9", "Nhiệm vụ đã bỏ", "Sở Nội vụ", "", "Báo cáo", "Năm 2026"]))
    else:
        rows.append(plain(["1", "Xây dựng kế hoạch chuyển đổi số", "Sở Khoa học và Công nghệ",
                           "Các Sở, ban, ngành thành phố", "Kế hoạch", "Quý I/2026"]))
        rows.append(plain(["", "của thành phố giai đoạn 2026 - 2030", "", "", "", ""]))
    # Task 2: its title in two paragraphs, its cooperating agencies a list.
    if structure == "numbering":
        cooperating = [para(run("Các Sở, ban, ngành thành phố;"), num=True),
                       para(run("UBND xã, phường, đặc khu."), num=True)]
    else:
        cooperating = [para(run("- Các Sở, ban, ngành thành phố;")), para(run("- UBND xã, phường, đặc khu."))]
    title = ([para(run("Tổ chức tập huấn kỹ năng số")), para(run("cho cán bộ, công chức"))]
             if structure == "changes" else [para(run("Tổ chức tập huấn kỹ năng số cho cán bộ, công chức"))])
    rows.append(row([cell([para(run("2"))]), cell(title), cell([para(run("Sở Nội vụ"))]), cell(cooperating),
                     cell([para(run("Hội nghị tập huấn"))]), cell([para(run("Quý II/2026"))])]))
    if structure == "repeated-header":
        rows.append(row([cell([para(run(h, bold=True))]) for h in header]))
    rows.append(section("II. Nhiệm vụ, giải pháp cụ thể (01 giải pháp, 2 nhiệm vụ)"))
    rows.append(row([cell([para(run("1"))]), cell([para(run("Đối với hạ tầng số (02 nhiệm vụ)", italic=True))])] +
                    [cell([]) for _ in range(4)]))
    if structure == "vmerge":
        rows.append(plain(["1.1", "Nâng cấp trung tâm dữ liệu thành phố", "Sở Khoa học và Công nghệ", "Sở Tài chính",
                           "Trung tâm dữ liệu", "Năm 2026"], [None, None, "restart", None, None, None]))
        rows.append(plain(["1.2", "Kết nối cơ sở dữ liệu quốc gia về dân cư với hệ thống của thành phố", "",
                           "Công an thành phố", "Cơ sở dữ liệu", "Thường xuyên"], [None, None, "continue", None, None, None]))
    elif structure == "changes":
        rows.append(plain(["1.1", "Nâng cấp trung tâm dữ liệu thành phố", "Sở Khoa học và Công nghệ", "Sở Tài chính",
                           "Trung tâm dữ liệu", "Năm 2026"]))
        rows.append(row([cell([para(run("1.2"))]),
                         cell([para(run("Kết nối cơ sở dữ liệu quốc gia về dân cư"), "<w:r><w:br/></w:r>",
                                    run("với hệ thống của thành phố"))])] +
                        [cell([para(run(t))]) for t in ["Sở Khoa học và Công nghệ", "Công an thành phố", "Cơ sở dữ liệu",
                                                        "Thường xuyên"]]))
    else:
        rows.append(plain(["1.1", "Nâng cấp trung tâm dữ liệu thành phố", "Sở Khoa học và Công nghệ", "Sở Tài chính",
                           "Trung tâm dữ liệu", "Năm 2026"]))
        rows.append(plain(["1.2", "Kết nối cơ sở dữ liệu quốc gia về dân cư với hệ thống của thành phố",
                           "Sở Khoa học và Công nghệ", "Công an thành phố", "Cơ sở dữ liệu", "Thường xuyên"]))
    grid = "<w:tblGrid>%s</w:tblGrid>" % ('<w:gridCol w:w="1500"/>' * 6)
    body.append("<w:tbl>%s%s</w:tbl>" % (grid, "".join(rows)))
    return "".join(body)


STRUCTURES = ["tblheader", "repeated-header", "gridspan", "vmerge", "numbering", "changes", "layout"]


def step_structures(out_dir):
    for structure in STRUCTURES:
        write_docx(os.path.join(out_dir, "small-%s.docx" % structure), small_plan_docx(structure))


def step_refusals(out_dir):
    # A zip of a text file: not an office document.
    with zipfile.ZipFile(os.path.join(out_dir, "not-office.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("plan.txt", open(SMALL, encoding="utf-8").read())
    # A zip bomb: a Word document whose document.xml inflates 64 MiB of spaces from a few kilobytes.
    with zipfile.ZipFile(os.path.join(out_dir, "zip-bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document(para(run("Số: 12/KH-UBND"))).replace("<w:body>", "<w:body>" + " " * (64 << 20)))
    # A Word document whose text is Windows-1258, not UTF-8 ("Hải Phòng" with the byte E1 for "ả").
    xml = document(para(run("Số: 12/KH-UBND")) + para(run("HXi Phòng"))).encode("utf-8").replace(b"HXi", b"H\xe1i")
    with zipfile.ZipFile(os.path.join(out_dir, "not-utf8.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", xml)
    # An encrypted document as Word and Excel store one: an OLE2 compound file with the
    # streams EncryptionInfo and EncryptedPackage (their directory entries, UTF-16LE names).
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    def entry(name):
        encoded = name.encode("utf-16-le") + b"\0\0"
        return encoded + b"\0" * (64 - len(encoded)) + struct.pack("<H", len(encoded)) + b"\x02" + b"\0" * 61
    with open(os.path.join(out_dir, "encrypted.docx"), "wb") as f:
        f.write(header + entry("Root Entry") + entry("EncryptionInfo") + entry("EncryptedPackage"))


def main():
    step, out_dir = sys.argv[1], sys.argv[2]
    {"html": step_html, "fods": step_fods, "structures": step_structures, "refusals": step_refusals}[step](out_dir)


if __name__ == "__main__":
    main()
