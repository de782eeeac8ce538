"""The console's pages, end to end in a real browser: Debian's chromium,
driven by chromium-driver through python3-selenium.

A fresh database holds the seed plan, an account `ttv.stc` that monitors
plan 90/KH-UBND and a completion Sở Tài chính reported for task I.3 (with
markup in its note and document number, which must show as text). The test
logs in, sees the inbox (the completion awaiting confirmation with its age,
II.5.13 without a deadline), the list of tasks with its filters, search and
the "awaiting me" box, the task page of I.3 with its decision forms, history,
planned notifications and messages (one cancelled, one sent late), sends the return form without a reason and sees
the field named, confirms the completion, logs out and sees the pages
refuse.

Screenshots at desktop (1366 px) and phone (390 px) width go to
NHACVIEC_SCREENSHOTS (CTest sets the build directory's screenshots/).
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))

from harness import BIN, SEED  # noqa: E402
from check_html import check  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from console_daemon import ConsoleDaemon  # noqa: E402
from headless_chromium import browser  # noqa: E402

NOW = "2026-10-15T09:30"
PASSWORD = "mật khẩu đúng 2026"
SCREENSHOTS = os.environ.get("NHACVIEC_SCREENSHOTS")
NOTE = '<script>alert("x")</script><b>Đã xong</b>'


class ConsolePages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="nhacviec-console-pages-")
        cls.db = os.path.join(cls.dir, "nhacviec.db")
        subprocess.run([BIN, "--db", cls.db, "import", SEED], check=True, cwd=cls.dir, capture_output=True)
        subprocess.run([BIN, "--db", cls.db, "user", "add", "ttv.stc", "--role", "monitor", "--plan", "90/KH-UBND"],
                       input=(PASSWORD + "\n").encode(), check=True, cwd=cls.dir, capture_output=True)
        with sqlite3.connect(cls.db) as db:
            cls.task_id = db.execute("SELECT id FROM tasks WHERE code = 'I.3'").fetchone()[0]
            db.execute("INSERT INTO answers (task_id, agency, kind, note, done_on, document_number, document_date, via, "
                       "client_address, answered_at, completion_state) VALUES (?, 'Sở Tài chính', 'completion', ?, "
                       "'2026-10-10', '125/BC-STC<i>', '2026-10-11', 'link', '198.51.100.4', "
                       "'2026-10-12T09:30:00+07:00', 'awaiting')", (cls.task_id, NOTE))
            # Two messages of I.3 recorded before: one sent an hour and a quarter late, one cancelled.
            sent = cls.add_message(db, "reminder-98", "2026-10-13T08:00:00+07:00", "sent", "")
            db.execute("INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
                       "VALUES (?, ?, ?, 'sent', '250 OK')", (sent, cls.seconds("2026-10-13T09:14:00+07:00"),
                                                                cls.seconds("2026-10-13T09:15:00+07:00")))
            cls.add_message(db, "reminder-99", "2026-10-14T08:00:00+07:00", "cancelled",
                            "no longer planned for 2026-10-14T08:00:00+07:00: now planned for "
                            "2026-10-20T08:00:00+07:00")
        cls.daemon = ConsoleDaemon(cls.dir, cls.db, NOW)
        cls.base = cls.daemon.base
        cls.driver = browser()

    @staticmethod
    def seconds(iso):
        return int(datetime.datetime.fromisoformat(iso).timestamp())

    @classmethod
    def add_message(cls, db, name, due, state, cancelled_because):
        """A reminder of I.3 to Sở Tài chính by email, planned at `due`, in `state`; its delivery's id."""
        at = cls.seconds(due)
        notification = db.execute(
            "INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at, subject, cancelled_because) "
            "VALUES (?, 'reminder', 'I.3', 'Sở Tài chính', ?, ?, ?, ?)",
            (f"90/KH-UBND/2026|I.3|-|{name}|Sở Tài chính", at, at, f"Nhắc hạn nhiệm vụ I.3 ({name})",
             cancelled_because or None)).lastrowid
        return db.execute(
            "INSERT INTO deliveries (notification_id, agency, channel, address, state, attempts, next_attempt_at, "
            "updated_at, last_error) VALUES (?, 'Sở Tài chính', 'email', 'so-tai-chinh@haiphong.example', ?, ?, ?, "
            "?, ?)", (notification, state, 1 if state == "sent" else 0, at, at + 60, cancelled_because)).lastrowid

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.daemon.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def screenshot(self, name):
        if not SCREENSHOTS:
            return
        os.makedirs(SCREENSHOTS, exist_ok=True)
        for width in (1366, 390):
            self.driver.set_window_size(width, 900)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, max(height, 600))
            # At phone width nothing may be wider than the screen.
            if width == 390:
                self.assertLessEqual(self.driver.execute_script("return document.documentElement.scrollWidth"), 390,
                                     name)
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, f"console-{name}-{width}.png"))
        self.driver.set_window_size(1366, 900)

    def well_formed(self, path):
        """The page at `path` as the server sends it, with this browser's session, is well-formed HTML5."""
        cookie = "nv_phien=" + self.driver.get_cookie("nv_phien")["value"]
        req = urllib.request.Request(self.base + path, headers={"Cookie": cookie})
        with urllib.request.urlopen(req, timeout=10) as response:
            self.assertEqual(response.status, 200, path)
            page = os.path.join(self.dir, "page.html")
            with open(page, "wb") as f:
                f.write(response.read())
        self.assertEqual(check(page), [], path)

    def count(self):
        return self.driver.find_element(By.ID, "so-nhiem-vu").text

    def test_inbox_list_task_logout(self):
        d = self.driver
        d.get(self.base + "/quan-ly/nhiem-vu")
        WebDriverWait(d, 10).until(expected_conditions.url_contains("/quan-ly/dang-nhap"))
        d.find_element(By.ID, "name").send_keys("ttv.stc")
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form.login button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_to_be(self.base + "/quan-ly/"))

        # The inbox: the completion with its age, its markup as text; II.5.13 without a deadline.
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Xin chào ttv.stc")
        awaiting = d.find_element(By.ID, "cho-xac-nhan")
        self.assertIn("Báo cáo hoàn thành chờ xác nhận (1)", awaiting.text)
        self.assertIn("3 ngày trước", awaiting.text)
        self.assertIn("văn bản số 125/BC-STC<i>", awaiting.text)
        self.assertIn("II.5.13", d.find_element(By.ID, "chua-co-han").text)
        self.assertEqual(d.find_elements(By.TAG_NAME, "i"), [])
        self.screenshot("inbox")
        self.well_formed("/quan-ly/")

        # The list: every task, then a search without diacritics, a category, "awaiting me".
        d.find_element(By.LINK_TEXT, "Danh sách nhiệm vụ").click()
        WebDriverWait(d, 10).until(expected_conditions.presence_of_element_located((By.ID, "so-nhiem-vu")))
        self.assertEqual(self.count(), "51 nhiệm vụ")
        self.screenshot("list")
        self.well_formed("/quan-ly/nhiem-vu")
        d.find_element(By.ID, "tim").send_keys("CO CAU LAI VON")
        d.find_element(By.CSS_SELECTOR, "form.filters button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_contains("tim="))
        self.assertEqual(self.count(), "1 nhiệm vụ")
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "ul.tasks li").text.startswith("II.5.13 "))
        d.find_element(By.ID, "tim").clear()
        Select(d.find_element(By.ID, "nhom")).select_by_visible_text("Chưa xác định thời hạn")
        d.find_element(By.CSS_SELECTOR, "form.filters button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_contains("nhom=undetermined"))
        self.assertIn("II.5.13", d.find_element(By.ID, "ket-qua").text)
        self.assertNotIn("I.3 ", d.find_element(By.ID, "ket-qua").text)
        Select(d.find_element(By.ID, "nhom")).select_by_index(0)
        d.find_element(By.NAME, "cho-xu-ly").click()
        d.find_element(By.CSS_SELECTOR, "form.filters button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_contains("cho-xu-ly=1"))
        self.assertEqual(self.count(), "1 nhiệm vụ")
        self.screenshot("list-awaiting")
        # A bad parameter: 400, the parameter named.
        d.get(self.base + "/quan-ly/nhiem-vu?trang=" + urllib.parse.quote("-1"))
        self.assertIn("Tham số “trang” (số trang) phải là một số nguyên dương.", d.find_element(By.TAG_NAME, "main").text)
        d.back()

        # The task page: the task, the completion with its decision forms, the history, the plan ahead.
        d.find_element(By.CSS_SELECTOR, "ul.tasks li a").click()
        WebDriverWait(d, 10).until(expected_conditions.url_to_be(f"{self.base}/quan-ly/nhiem-vu/{self.task_id}"))
        self.assertTrue(d.find_element(By.TAG_NAME, "h1").text.startswith("Nhiệm vụ I.3: "))
        pending = d.find_element(By.ID, "cho-xu-ly")
        self.assertIn(NOTE, pending.text)
        self.assertEqual(len(pending.find_elements(By.CSS_SELECTOR, "form.decision")), 2)
        self.assertIn("Sở Tài chính (từ địa chỉ 198.51.100.4)", d.find_element(By.ID, "lich-su").text)
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#quan-ly form.decision"))
        for section in ("du-kien", "thu-da-gui", "tep"):
            self.assertTrue(d.find_element(By.ID, section).is_displayed(), section)
        # The messages: the cancelled one with its state and why, the late one with when it was sent.
        messages = d.find_element(By.ID, "thu-da-gui").text
        self.assertIn("08:00 14/10/2026 – Nhắc hạn nhiệm vụ I.3 (reminder-99)\nSở Tài chính – thư điện tử "
                      "so-tai-chinh@haiphong.example · đã hủy\nKhông gửi vì thời điểm gửi đã đổi; nay dự kiến gửi lúc "
                      "08:00 20/10/2026.", messages)
        self.assertIn("08:00 13/10/2026 (gửi lúc 09:15 13/10/2026) – Nhắc hạn nhiệm vụ I.3 (reminder-98)\nSở Tài "
                      "chính – thư điện tử so-tai-chinh@haiphong.example · đã gửi (1 lần gửi)", messages)
        self.assertEqual(d.find_elements(By.TAG_NAME, "script"), [])
        self.screenshot("task")
        self.well_formed(f"/quan-ly/nhiem-vu/{self.task_id}")

        # Returning it without a reason: the form again, the field named; then confirming it.
        give_back = pending.find_element(By.CSS_SELECTOR, "form.return")
        d.execute_script("arguments[0].noValidate = true", give_back)
        give_back.find_element(By.TAG_NAME, "button").click()
        WebDriverWait(d, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "p.field-error")))
        self.assertEqual(d.find_element(By.CSS_SELECTOR, "form.return textarea").get_attribute("aria-invalid"), "true")
        self.screenshot("task-refused")
        d.find_element(By.CSS_SELECTOR, "form.confirm button").click()
        WebDriverWait(d, 10).until(expected_conditions.presence_of_element_located((By.ID, "da-ghi-nhan")))
        self.assertEqual(d.find_element(By.ID, "da-ghi-nhan").text, "Đã xác nhận hoàn thành.")
        self.assertIn("Xác nhận báo cáo hoàn thành của Sở Tài chính", d.find_element(By.ID, "lich-su").text)
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "form.confirm"), [])
        self.screenshot("task-confirmed")

        # Logout: the pages send the browser to the login form.
        d.find_element(By.CSS_SELECTOR, "header form button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_contains("/quan-ly/dang-nhap"))
        for path in ("/quan-ly/", "/quan-ly/nhiem-vu", f"/quan-ly/nhiem-vu/{self.task_id}"):
            d.get(self.base + path)
            self.assertEqual(d.current_url, self.base + "/quan-ly/dang-nhap", path)


if __name__ == "__main__":
    unittest.main()
