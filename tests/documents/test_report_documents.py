"""The periodic report as the monitoring office files it, read back with the
libraries officials' tools are tested against: the .docx with python3-docx,
the .xlsx with python3-openpyxl. Every cell of every table and sheet is
compared with what `nhacviec report --period … --format json` prints for the
same database, which has statuses and report documents set so that every
category has rows. The heading block (number and symbol, place and date) and
the closing block (recipients, signer) are compared with the [report]
configuration as the JSON carries it. The layout is checked too: A4, Times
New Roman, the header rows repeated on each page, page numbers in the top
margin but on the first page, dates as dates and numbers as numbers in the
workbook, its columns, wrapping and print setup.
"""

import datetime
import json
import os
import sqlite3
import subprocess
import tempfile
import unittest

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
BIN = os.environ.get("NHACVIEC_BIN", os.path.join(SOURCE, "build", "nhacviec"))
SEED = os.path.join(SOURCE, "config", "plans", "hai-phong-90-KH-UBND-2026.txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TASK_HEADER = ["Mã nhiệm vụ", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng",
               "Số, ký hiệu văn bản báo cáo", "Ngày văn bản", "Số ngày quá hạn"]
SHEET_HEADER = ["Mã nhiệm vụ", "Kế hoạch", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Hạn xử lý",
                "Tình trạng", "Số, ký hiệu văn bản báo cáo", "Ngày văn bản", "Số ngày quá hạn"]
# The [report] fields of the heading and closing blocks, other than their defaults.
CONFIG = """[report]
number_symbol = "BC-STC"
signer_title = "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC"
signer_name = "Nguyễn Văn An"
recipients = ["UBND thành phố (để báo cáo)", "Văn phòng UBND thành phố", "Lưu: VT, KHTH"]
"""
AGENCY_HEADER = ["STT", "Cơ quan chủ trì", "Số nhiệm vụ", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn"]

# What puts tasks of the seed in every category of 2026-Q3 (as of 30/9/2026): II.5.12 due in Quý II/2026
# rather than IV (overdue), tasks done (task, day), report documents (task: number, day done, its date, decision).
DONE = [("I.3", "2026-04-15"), ("II.1.1", "2026-09-10")]
FILED = {"I.3": ("125/BC-STC", "2026-04-15", "2026-04-16", "confirmed"),
         "II.1.1": ("33/BC-SNNMT", "2026-09-10", "2026-09-12", "confirmed"),
         "II.4.1": ("77/BC-SKHCN", "2026-09-25", "2026-09-26", "awaiting"),
         "II.5.1": ("80/BC-SNV", "2026-10-02", "2026-10-02", "awaiting")}


def vn_date(iso):
    if iso is None:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def as_date(iso):
    return None if iso is None else datetime.date.fromisoformat(iso)


class ReportDocumentsCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.dir.name, "nv.db")
        cls.config = os.path.join(cls.dir.name, "nhacviec.toml")
        with open(cls.config, "w", encoding="utf-8") as f:
            f.write(CONFIG)
        plan = os.path.join(cls.dir.name, "plan.txt")
        with open(SEED, encoding="utf-8") as f:
            lines = f.read().split("\n")
        (at,) = [i for i, line in enumerate(lines) if line.startswith("5.12\t")]
        lines[at] = lines[at].replace("Quý IV/2026", "Quý II/2026")
        with open(plan, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        cls.run_cli("import", plan)
        for task, day in DONE:
            cls.run_cli("status", task, "done", "--date", day, "--by", "Sở Tài chính")
        cls.run_cli("status", "I.7", "waiting", "--by", "Sở Tài chính")
        with sqlite3.connect(cls.db) as db:
            # Recorded in the period (the report counts what was recorded by its end): each completion the day
            # it was done, the rest on 3/8.
            db.execute("UPDATE status_changes SET changed_at = COALESCE(done_on, '2026-08-03') || 'T16:00:00+07:00'")
            for task, (number, done, day, state) in FILED.items():
                (task_id,) = db.execute("SELECT id FROM tasks WHERE code = ?", (task,)).fetchone()
                (agency,) = db.execute("SELECT name FROM task_agencies WHERE task_id = ? AND role = 'lead' "
                                       "ORDER BY position LIMIT 1", (task_id,)).fetchone()
                db.execute("INSERT INTO answers (task_id, agency, kind, done_on, document_number, document_date, via, "
                           "answered_at, completion_state, decided_by, decided_at) VALUES "
                           "(?, ?, 'completion', ?, ?, ?, 'cli', ?, ?, ?, ?)",
                           (task_id, agency, done, number, day, day + "T09:00:00+07:00", state,
                            "Sở Tài chính" if state == "confirmed" else None,
                            day + "T10:00:00+07:00" if state == "confirmed" else None))
        cls.reports = {}
        for period in ("2026-Q3", "2026-H2"):
            out = cls.run_cli("report", "--period", period, "--format", "json")
            docx_path = os.path.join(cls.dir.name, f"bao-cao-{period}.docx")
            xlsx_path = os.path.join(cls.dir.name, f"bao-cao-{period}.xlsx")
            cls.run_cli("report", "--period", period, "--format", "docx", "--output", docx_path)
            cls.run_cli("report", "--period", period, "--format", "xlsx", "--output", xlsx_path)
            cls.reports[period] = (json.loads(out), docx_path, xlsx_path)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    @classmethod
    def run_cli(cls, *args):
        done = subprocess.run([BIN, "--config", cls.config, "--db", cls.db, *args], capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AssertionError(f"nhacviec {' '.join(args)}: {done.returncode}\n{done.stderr}")
        return done.stdout

    def test_every_category_has_rows(self):
        model = self.reports["2026-Q3"][0]
        self.assertEqual(model["as_of"], "2026-09-30")
        self.assertTrue(model["period"]["ended"])
        empty = [c["key"] for c in model["categories"] if not c["tasks"]]
        self.assertEqual(empty, [])
        rows = {t["id"]: t for c in model["categories"] for t in c["tasks"]}
        self.assertEqual((rows["I.3"]["days_late"], rows["I.3"]["report_number"], rows["I.3"]["report_date"]),
                         (15, "125/BC-STC", "2026-04-16"))
        self.assertEqual((rows["II.5.12"]["days_late"], rows["II.5.12"]["due"]), (92, "2026-06-30"))
        self.assertEqual((rows["II.4.1"]["report_number"], rows["II.4.1"]["status_label"]),
                         ("77/BC-SKHCN", "Chưa thực hiện; đã báo cáo hoàn thành, chờ xác nhận"))
        # Reported after the report's day: not in it.
        self.assertEqual((rows["II.5.1"]["report_number"], rows["II.5.1"]["report_date"]), ("", None))

    def test_docx_tables_are_the_model(self):
        for period, (model, path, _) in self.reports.items():
            with self.subTest(period=period):
                document = docx.Document(path)
                tables = document.tables
                heading = [c.text for c in tables[0].rows[0].cells]
                self.assertEqual(heading[0], "UBND THÀNH PHỐ HẢI PHÒNG\nSỞ TÀI CHÍNH\n_______")
                self.assertTrue(heading[1].startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"))
                made = model["made_on"].split("-")
                self.assertEqual([c.text for c in tables[0].rows[1].cells],
                                 [f"Số:        /{model['number_symbol']}",
                                  f"{model['place']}, ngày {made[2]} tháng {made[1]} năm {made[0]}"])
                filled = [c for c in model["categories"] if c["tasks"]]
                self.assertEqual(len(tables), 2 + len(filled) + 1)
                for table, category in zip(tables[2:], filled):
                    rows = [[c.text for c in r.cells] for r in table.rows]
                    self.assertEqual(rows[0], TASK_HEADER)
                    expected = []
                    for t in category["tasks"]:
                        deadline = t["deadline"] + (f"\n({vn_date(t['due'])})" if t["due"] else "")
                        expected.append([t["id"], t["title"], t["lead"], deadline, t["status_label"],
                                         t["report_number"], vn_date(t["report_date"]),
                                         "" if t["days_late"] is None else str(t["days_late"])])
                    self.assertEqual(rows[1:], expected)
                    # The header row repeats on each page.
                    self.assertIsNotNone(table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader"))
                agencies = [[c.text for c in r.cells] for r in tables[-1].rows]
                self.assertEqual(agencies[0], AGENCY_HEADER)
                self.assertEqual(agencies[1:], [[str(i + 1), a["name"], str(a["tasks"]), str(a["on_time"]),
                                                 str(a["late"]), str(a["overdue"])]
                                                for i, a in enumerate(model["agencies"])])
                # Headings of the categories and the summary paragraph carry the counts.
                text = "\n".join(p.text for p in document.paragraphs)
                for i, c in enumerate(model["categories"]):
                    self.assertIn(f"{i + 1}. {c['label']}: {c['count']} nhiệm vụ", text)
                self.assertIn(f"Tổng số nhiệm vụ: {model['total']}, trong đó {model['with_deadline']} "
                              "nhiệm vụ có thời hạn.", text)
                self.assertIn("Tình hình thực hiện Kế hoạch số 90/KH-UBND ngày 20/03/2026", text)
                ending = "ngày cuối kỳ báo cáo" if model["period"]["ended"] else "kỳ báo cáo chưa kết thúc"
                self.assertIn(f"số liệu tính đến ngày {vn_date(model['as_of'])}, {ending})", text)
                self.assertIn(f"(Kèm theo Báo cáo số        /{model['number_symbol']} ngày {vn_date(model['made_on'])} "
                              f"của {model['monitoring']})", text)

    def test_docx_closing_block(self):
        for period, (model, path, _) in self.reports.items():
            with self.subTest(period=period):
                self.assertEqual((model["number_symbol"], model["signer_title"], model["signer_name"]),
                                 ("BC-STC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn An"))
                self.assertEqual(model["recipients"],
                                 ["UBND thành phố (để báo cáo)", "Văn phòng UBND thành phố", "Lưu: VT, KHTH"])
                document = docx.Document(path)
                closing = document.tables[1]
                self.assertEqual(len(closing.rows), 1)
                left, right = closing.rows[0].cells
                self.assertEqual(left.text, "Nơi nhận:\n- UBND thành phố (để báo cáo);\n"
                                            "- Văn phòng UBND thành phố;\n- Lưu: VT, KHTH.")
                self.assertEqual(right.text, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\n\nNguyễn Văn An")
                # "Nơi nhận:" 12 pt bold italic, the list 11 pt; the signer's title and name 14 pt bold, centred.
                heading_run = left.paragraphs[0].runs[0]
                self.assertEqual((heading_run.bold, heading_run.italic, heading_run.font.size.pt), (True, True, 12))
                self.assertEqual({(r.bold, r.italic, r.font.size.pt) for p in left.paragraphs[1:] for r in p.runs},
                                 {(None, None, 11)})
                signer = [p for p in right.paragraphs if p.text]
                self.assertEqual({(r.bold, r.font.size.pt) for p in signer for r in p.runs}, {(True, 14)})
                self.assertEqual({p.alignment for p in right.paragraphs}, {WD_ALIGN_PARAGRAPH.CENTER})
                # Both blocks are borderless; the closing block ends the portrait section.
                for table in document.tables[:2]:
                    borders = table._tbl.find(f"{W}tblPr/{W}tblBorders")
                    self.assertEqual({b.get(f"{W}val") for b in borders}, {"nil"})
                body = list(document.element.body)
                after = body[body.index(closing._tbl) + 1]
                self.assertIsNotNone(after.find(f"{W}pPr/{W}sectPr"))

    def test_docx_layout(self):
        document = docx.Document(self.reports["2026-Q3"][1])
        first, tables = document.sections[0], document.sections[1]
        self.assertEqual((first.page_width, first.page_height), (Twips(11906), Twips(16838)))
        self.assertEqual((tables.page_width, tables.page_height), (Twips(16838), Twips(11906)))
        fonts = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        self.assertEqual(fonts.get(f"{W}ascii"), "Times New Roman")
        size = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        self.assertEqual(size.get(f"{W}val"), "28")
        # Page numbers centred in the top margin, but on the first page; none in the footer.
        self.assertTrue(first.different_first_page_header_footer)
        self.assertEqual(list(first.first_page_header._element.iter(f"{W}instrText")), [])
        for section in document.sections:
            self.assertFalse(section.header.is_linked_to_previous)
            instructions = [e.text for e in section.header._element.iter(f"{W}instrText")]
            self.assertEqual(instructions, [" PAGE "])
            self.assertEqual(section.header.paragraphs[0].alignment, WD_ALIGN_PARAGRAPH.CENTER)
            self.assertTrue(section.footer.is_linked_to_previous)
        # Decree 30/2020's margins: 20 mm top and bottom, 30 mm left, 15 mm right.
        for section in document.sections:
            self.assertEqual((section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
                             (Twips(1134), Twips(1134), Twips(1701), Twips(850)))
        # Every run is 13 or 14 pt, but the issuing body and the national name of the heading block (12 pt) and
        # the closing block's recipients (12 pt heading, 11 pt list).
        sizes = {e.get(f"{W}val") for e in document.element.body.iter(f"{W}sz")}
        self.assertEqual(sizes, {"22", "24", "26", "28"})
        heading = {e.get(f"{W}val") for e in document.tables[0]._tbl.iter(f"{W}sz")}
        self.assertEqual(heading, {"24", "26", "28"})
        # The task tables fill the landscape text width (14287 twentieths of a point); the narrow columns
        # hold a date, a report number and the header "Số ngày / quá hạn" without breaking a word.
        for table in document.tables[2:-1]:
            widths = [int(c.get(f"{W}w")) for c in table._tbl.iter(f"{W}gridCol")]
            self.assertEqual(widths, [1150, 3937, 1800, 1550, 1700, 1500, 1400, 1250])
        widths = [int(c.get(f"{W}w")) for c in document.tables[-1]._tbl.iter(f"{W}gridCol")]
        self.assertEqual(sum(widths), 14287)

    def test_xlsx_sheets_are_the_model(self):
        for period, (model, _, path) in self.reports.items():
            with self.subTest(period=period):
                book = openpyxl.load_workbook(path)
                names = ["Tổng hợp"] + [c["label"] for c in model["categories"]] + ["Theo cơ quan chủ trì"]
                self.assertEqual(book.sheetnames, names)
                summary = book["Tổng hợp"]
                self.assertEqual([c.value for c in summary[5]], ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ (%)"])
                rows = [[c.value for c in r] for r in summary.iter_rows(min_row=6)]
                expected = [[c["label"], c["count"], c["percent"]] for c in model["categories"]]
                expected += [["Tổng số nhiệm vụ", model["total"], None],
                             ["Nhiệm vụ có thời hạn", model["with_deadline"], None]]
                self.assertEqual(rows, expected)
                for category in model["categories"]:
                    sheet = book[category["label"]]
                    rows = [[c.value for c in r] for r in sheet.iter_rows()]
                    self.assertEqual(rows[0], SHEET_HEADER)
                    expected = []
                    for t in category["tasks"]:
                        due = as_date(t["due"])
                        filed = as_date(t["report_date"])
                        expected.append([t["id"], t["plan"], t["title"], t["lead"], t["deadline"],
                                         None if due is None else datetime.datetime.combine(due, datetime.time()),
                                         t["status_label"], t["report_number"] or None,
                                         None if filed is None else datetime.datetime.combine(filed, datetime.time()),
                                         t["days_late"]])
                    self.assertEqual(rows[1:], expected)
                    self.assertEqual(sheet.freeze_panes, "A2")
                    self.assertEqual(sheet.print_title_rows, "$1:$1")
                    self.assertEqual(sheet.page_setup.paperSize, 9)
                    for row in sheet.iter_rows(min_row=2):
                        self.assertEqual(row[5].number_format if row[5].value else "dd/mm/yyyy", "dd/mm/yyyy")
                        self.assertTrue(row[9].value is None or isinstance(row[9].value, int))
                agencies = book["Theo cơ quan chủ trì"]
                rows = [[c.value for c in r] for r in agencies.iter_rows()]
                self.assertEqual(rows[0], AGENCY_HEADER)
                self.assertEqual(rows[1:], [[i + 1, a["name"], a["tasks"], a["on_time"], a["late"], a["overdue"]]
                                            for i, a in enumerate(model["agencies"])])
                for sheet in book.worksheets:
                    self.assertEqual(sheet.oddHeader.center.text, "&A")  # the sheet's name
                    self.assertEqual(sheet.oddFooter.center.text, "Trang &P/&N")
                fonts = {c.font.name for ws in book.worksheets for r in ws.iter_rows() for c in r if c.value is not None}
                self.assertEqual(fonts, {"Times New Roman"})


if __name__ == "__main__":
    unittest.main()
