"""The console's report page (/quan-ly/bao-cao), end to end in a real
browser: Debian's chromium, driven by chromium-driver through
python3-selenium.

A fresh database holds the seed plan, a viewer account and task I.3 done
with its report document confirmed. The test logs in, follows the link of
the console's navigation, chooses 2026-Q3 and each format, and the browser
downloads the file: the .docx opens with python3-docx and the .xlsx with
python3-openpyxl, and their per-agency tables are what `nhacviec report
--period 2026-Q3` prints. The answer carries the download's name and type;
a period that has not begun and a made-up one are refused on the page; a
browser without a session is sent to the login page.
"""

import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))

from harness import BIN, SEED  # noqa: E402
from check_html import check  # noqa: E402

import docx  # noqa: E402
import openpyxl  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from console_daemon import ConsoleDaemon  # noqa: E402
from headless_chromium import browser  # noqa: E402

NOW = "2026-10-15T09:30"
PASSWORD = "mật khẩu đúng 2026"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class ConsoleReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="nhacviec-console-report-")
        cls.downloads = os.path.join(cls.dir, "downloads")
        os.makedirs(cls.downloads)
        cls.db = os.path.join(cls.dir, "nhacviec.db")
        subprocess.run([BIN, "--db", cls.db, "import", SEED], check=True, cwd=cls.dir, capture_output=True)
        subprocess.run([BIN, "--db", cls.db, "status", "I.3", "done", "--date", "2026-03-30"], check=True,
                       cwd=cls.dir, capture_output=True)
        subprocess.run([BIN, "--db", cls.db, "user", "add", "xem", "--role", "viewer"],
                       input=(PASSWORD + "\n").encode(), check=True, cwd=cls.dir, capture_output=True)
        with sqlite3.connect(cls.db) as db:
            # I.3's completion recorded the day it was done, as the report counts what was recorded by its end.
            db.execute("UPDATE status_changes SET changed_at = done_on || 'T16:00:00+07:00'")
            task_id = db.execute("SELECT id FROM tasks WHERE code = 'I.3'").fetchone()[0]
            db.execute("INSERT INTO answers (task_id, agency, kind, done_on, document_number, document_date, via, "
                       "answered_at, completion_state, decided_by, decided_at) VALUES (?, 'Sở Tài chính', "
                       "'completion', '2026-03-30', '125/BC-STC', '2026-03-30', 'link', "
                       "'2026-03-30T09:00:00+07:00', 'confirmed', 'Sở Tài chính', '2026-03-31T09:00:00+07:00')",
                       (task_id,))
        cls.expected = json.loads(subprocess.run([BIN, "--db", cls.db, "report", "--period", "2026-Q3"], check=True,
                                                 cwd=cls.dir, capture_output=True, text=True).stdout)
        cls.daemon = ConsoleDaemon(cls.dir, cls.db, NOW)
        cls.base = cls.daemon.base
        cls.driver = browser()
        cls.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": cls.downloads})

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.daemon.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def wait_for_download(self, name, timeout=30):
        path = os.path.join(self.downloads, name)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(path) and not glob.glob(os.path.join(self.downloads, "*.crdownload")):
                return path
            time.sleep(0.1)
        raise AssertionError(f"{name} was not downloaded: {os.listdir(self.downloads)}")

    def fetch(self, path, cookie=None):
        headers = {"Cookie": cookie} if cookie else {}
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(urllib.request.Request(self.base + path, headers=headers), timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def agencies(self):
        return [[str(i + 1), a["name"], str(a["tasks"]), str(a["on_time"]), str(a["late"]), str(a["overdue"])]
                for i, a in enumerate(self.expected["agencies"])]

    def test_form_and_downloads(self):
        d = self.driver
        d.get(self.base + "/quan-ly/")
        WebDriverWait(d, 10).until(expected_conditions.url_contains("/quan-ly/dang-nhap"))
        d.find_element(By.ID, "name").send_keys("xem")
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form.login button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_to_be(self.base + "/quan-ly/"))
        d.find_element(By.LINK_TEXT, "Báo cáo định kỳ").click()
        WebDriverWait(d, 10).until(expected_conditions.url_to_be(self.base + "/quan-ly/bao-cao"))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Báo cáo tình hình thực hiện")
        periods = Select(d.find_element(By.ID, "ky"))
        self.assertEqual([o.get_attribute("value") for o in periods.options],
                         ["2026-Q4", "2026-Q3", "2026-H2", "2026-Q2", "2026-Q1", "2026-H1", "2026"])
        self.assertEqual(periods.first_selected_option.text, "Quý IV năm 2026")

        # Word: the browser downloads it, python3-docx opens it.
        periods.select_by_value("2026-Q3")
        Select(d.find_element(By.ID, "dinh-dang")).select_by_value("docx")
        d.find_element(By.CSS_SELECTOR, "form.filters button").click()
        document = docx.Document(self.wait_for_download("bao-cao-2026-Q3.docx"))
        self.assertEqual([[c.text for c in r.cells] for r in document.tables[-1].rows][1:], self.agencies())
        self.assertIn("Tình hình thực hiện Kế hoạch số 90/KH-UBND ngày 20/03/2026",
                      "\n".join(p.text for p in document.paragraphs))

        # Excel: the same from the page again.
        d.get(self.base + "/quan-ly/bao-cao")
        Select(d.find_element(By.ID, "ky")).select_by_value("2026-Q3")
        Select(d.find_element(By.ID, "dinh-dang")).select_by_value("xlsx")
        d.find_element(By.CSS_SELECTOR, "form.filters button").click()
        book = openpyxl.load_workbook(self.wait_for_download("bao-cao-2026-Q3.xlsx"))
        rows = [[c.value for c in r] for r in book["Theo cơ quan chủ trì"].iter_rows(min_row=2)]
        self.assertEqual([[str(v) for v in r] for r in rows], self.agencies())
        self.assertEqual(book["Hoàn thành đúng hạn"]["A2"].value, "I.3")
        self.assertEqual(book["Hoàn thành đúng hạn"]["H2"].value, "125/BC-STC")

        # The page is well-formed HTML5, as the server sends it.
        cookie = "nv_phien=" + d.get_cookie("nv_phien")["value"]
        status, _, page = self.fetch("/quan-ly/bao-cao", cookie)
        self.assertEqual(status, 200)
        with open(os.path.join(self.dir, "page.html"), "wb") as f:
            f.write(page)
        self.assertEqual(check(os.path.join(self.dir, "page.html")), [])

        # The answer names the download and its type.
        status, headers, body = self.fetch("/quan-ly/bao-cao?ky=2026-Q3&dinh-dang=xlsx", cookie)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertEqual(headers["Content-Disposition"], 'attachment; filename="bao-cao-2026-Q3.xlsx"')
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertTrue(body.startswith(b"PK"))

        # Refusals on the page: a period not begun, a made-up one, another format.
        for query, message in [
                ("ky=2027-Q1&dinh-dang=docx", "Kỳ báo cáo quý I năm 2027 chưa bắt đầu: xin chọn một kỳ đã bắt đầu."),
                ("ky=2025&dinh-dang=docx", "Kỳ báo cáo năm 2025 đã kết thúc trước khi kế hoạch được ban hành: "
                                           "xin chọn một kỳ sau đó."),
                ("ky=2026-Q9&dinh-dang=docx",
                 "Kỳ báo cáo không hợp lệ: xin chọn một quý, 6 tháng hoặc một năm trong danh sách."),
                ("ky=2026-Q3&dinh-dang=pdf", "Định dạng không hợp lệ: xin chọn Word (.docx) hoặc Excel (.xlsx).")]:
            d.get(self.base + "/quan-ly/bao-cao?" + query)
            self.assertEqual(d.find_element(By.ID, "report-error").text, message, query)
            status, _, _ = self.fetch("/quan-ly/bao-cao?" + query, cookie)
            self.assertEqual(status, 400, query)

        # Without a session: the login page.
        status, headers, _ = self.fetch("/quan-ly/bao-cao?ky=2026-Q3&dinh-dang=docx")
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/quan-ly/dang-nhap")


if __name__ == "__main__":
    unittest.main()
