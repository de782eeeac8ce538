"""The monitoring agency's decisions in the console, end to end, and the
console's security, with exact results.

ConsoleDecisions drives Debian's chromium (chromium-driver, python3-selenium)
as an official would: the daemon runs on the seed plan with its clock at
Monday 7 December 2026 and delivers to a real SMTP server (aiosmtpd,
tests/servers/smtp_server.py). Sở Tài chính reports the completion of I.3
through the answer link of its mail; a monitor of plan 90/KH-UBND logs in,
finds it in the inbox and confirms it, and `nhacviec report` counts I.3
done late (due 31/03/2026, done 04/12/2026). The monitor returns the
completion of II.4.1 with a reason (the agency's mail arrives with the
reason and its answer link), approves the extension of II.5.1 to a new date
(`nhacviec schedule` moves its reminders and escalations), approves the
extension of quarter IV/2026 of I.4, reviewed every quarter (`nhacviec
schedule` moves that quarter's review reminders only), sets a deadline
for II.5.13 (its reminders appear), and the next weekly digest counts the
tasks awaiting confirmation, confirmed, returned and extended before and
after; then the monitor logs out and sees the pages refuse.

ConsoleSecurity and SessionExpiry speak HTTP (urllib) to the daemon: no page
or decision without a session, a viewer refused a decision, CSRF tokens
missing, wrong or from another session, a cookie replayed after logout and
after idleness (the daemon started again with its clock later), a monitor
of one plan acting on another plan's task, repeated wrong passwords, and
markup in every text an agency writes shown escaped.

With NHACVIEC_SCREENSHOTS=DIR, full-page screenshots at desktop (1366 px)
and phone (390 px) width go there.
"""

import base64
import email
import email.policy
import html
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))

from harness import BIN, Daemon, Server, Workspace, read_jsonl  # noqa: E402

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from headless_chromium import browser, NoRedirect  # noqa: E402

NOW = "2026-12-07T09:00"
TODAY = "07/12/2026"
PASSWORD = "mật khẩu đúng 2026"
SCREENSHOTS = os.environ.get("NHACVIEC_SCREENSHOTS")
I3_KEY = "90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính"
LEAD = "Sở Tài chính"
LEAD_ADDRESS = "so-tai-chinh@haiphong.example"
LINK = re.compile(r"https?://[^\s<>\"]+/tra-loi/[A-Za-z0-9_-]+")
RETURN_REASON = "Báo cáo chưa kèm danh sách các quỹ đã sáp nhập, giải thể."
CONFIRM_NOTE = "Đã kiểm tra văn bản 125/BC-STC."
APPROVE_NOTE = "Đồng ý gia hạn theo đề nghị, điều chỉnh đến hết Quý I/2027."
DEADLINE_NOTE = "Theo Công văn số 15/UBND-TH ngày 01/12/2026."
PAUSE_NOTE = "Tạm dừng trong thời gian chờ Thủ tướng Chính phủ ban hành tiêu chí."
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
NO_RIGHT = "Tài khoản của bạn không được quyết định về nhiệm vụ này."
STALE_FORM = ("Biểu mẫu này không do phiên làm việc hiện tại tạo ra, hoặc đã cũ. Xin mở lại trang quản lý và thực "
              "hiện lại.")
CROSS_SITE = ("Biểu mẫu được gửi từ một trang khác, không phải trang quản lý của hệ thống Nhắc việc, nên không được "
              "thực hiện.")
OTHER_PLAN = ("Tài khoản của bạn chỉ được xem, xử lý các kế hoạch được giao; nhiệm vụ này thuộc kế hoạch khác.")
TOO_MANY = "Đã đăng nhập sai quá nhiều lần. Xin thử lại sau 15 phút."

# What `nhacviec schedule` plans for II.5.1 (due 30/09/2026, 68 days overdue) until the end of June 2027: level 3
# escalations about every four weeks.
II51_BEFORE = [("2026-12-29T08:00:00+07:00", "escalation", 3), ("2027-01-28T08:00:00+07:00", "escalation", 3),
               ("2027-03-01T08:00:00+07:00", "escalation", 3), ("2027-03-29T08:00:00+07:00", "escalation", 3),
               ("2027-04-28T08:00:00+07:00", "escalation", 3), ("2027-05-28T08:00:00+07:00", "escalation", 3),
               ("2027-06-28T08:00:00+07:00", "escalation", 3)]
# After its extension to 31/03/2027 (a Wednesday): reminders 30, 14, 7, 3 (Sunday 28/03, so Friday 26/03), 1 and 0
# days before; escalations the day after, a week after, and from a month after (Monday 03/05 is the day off for
# Saturday 01/05) about every four weeks.
II51_AFTER = [("2027-03-01T08:00:00+07:00", "reminder", None), ("2027-03-17T08:00:00+07:00", "reminder", None),
              ("2027-03-24T08:00:00+07:00", "reminder", None), ("2027-03-26T08:00:00+07:00", "reminder", None),
              ("2027-03-30T08:00:00+07:00", "reminder", None), ("2027-03-31T08:00:00+07:00", "reminder", None),
              ("2027-04-01T08:00:00+07:00", "escalation", 1), ("2027-04-07T08:00:00+07:00", "escalation", 2),
              ("2027-05-04T08:00:00+07:00", "escalation", 3), ("2027-05-31T08:00:00+07:00", "escalation", 3),
              ("2027-06-29T08:00:00+07:00", "escalation", 3)]
# I.4 ("Thường xuyên", reviewed every quarter): review reminders 14 and 3 days before and on the day, for quarter
# IV/2026 (due Thursday 31/12/2026), I/2027 (Wednesday 31/03/2027; Sunday 28/03 gives way to Friday 26/03) and II/2027
# (Wednesday 30/06/2027; Sunday 27/06 gives way to Friday 25/06).
I4_LATER = [("2027-03-17T08:00:00+07:00", "review", "2027-Q1"), ("2027-03-26T08:00:00+07:00", "review", "2027-Q1"),
            ("2027-03-31T08:00:00+07:00", "review", "2027-Q1"), ("2027-06-16T08:00:00+07:00", "review", "2027-Q2"),
            ("2027-06-25T08:00:00+07:00", "review", "2027-Q2"), ("2027-06-30T08:00:00+07:00", "review", "2027-Q2")]
I4_BEFORE = [("2026-12-17T08:00:00+07:00", "review", "2026-Q4"), ("2026-12-28T08:00:00+07:00", "review", "2026-Q4"),
             ("2026-12-31T08:00:00+07:00", "review", "2026-Q4")] + I4_LATER
# After quarter IV/2026 is extended to Friday 29/01/2027: its reminders on Friday 15/01, Tuesday 26/01 and the day;
# the other quarters as before.
I4_AFTER = [("2027-01-15T08:00:00+07:00", "review", "2026-Q4"), ("2027-01-26T08:00:00+07:00", "review", "2026-Q4"),
            ("2027-01-29T08:00:00+07:00", "review", "2026-Q4")] + I4_LATER
# II.5.13 with its deadline set to 30/06/2027 (a Wednesday): reminders 30, 14, 7, 3 (Sunday 27/06, so Friday 25/06),
# 1 and 0 days before.
II513_AFTER = [("2027-05-31T08:00:00+07:00", "reminder", None), ("2027-06-16T08:00:00+07:00", "reminder", None),
               ("2027-06-23T08:00:00+07:00", "reminder", None), ("2027-06-25T08:00:00+07:00", "reminder", None),
               ("2027-06-29T08:00:00+07:00", "reminder", None), ("2027-06-30T08:00:00+07:00", "reminder", None)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def date_field_takes_day_first(driver):
    """Whether the browser's date fields take the day before the month (as test_answer_page finds out)."""
    driver.get("data:text/html;charset=utf-8,<input type=date id=probe>")
    probe = driver.find_element(By.ID, "probe")
    probe.send_keys("01022026")
    value = probe.get_attribute("value")
    if value not in ("2026-02-01", "2026-01-02"):
        raise AssertionError(f"typing 01022026 into a date field gave {value!r}")
    return value == "2026-02-01"


def plain_text(record):
    message = email.message_from_string(record["data"], policy=email.policy.default)
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def add_user(ws, name, role, *plans):
    args = ["user", "add", name, "--role", role]
    for plan in plans:
        args += ["--plan", plan]
    subprocess.run([BIN, "--config", ws.config, "--db", ws.db, *args], input=(PASSWORD + "\n").encode(),
                   check=True, cwd=ws.dir, capture_output=True)


def task_id(db, code, plan="90/KH-UBND"):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.code = ? AND p.number = ?",
                         (code, plan)).fetchone()[0]


def insert_answer(db, code, kind, **columns):
    """An answer of Sở Tài chính to task `code` of plan 90, as the link records one (via 'link'); its id."""
    values = {"task_id": task_id(db, code), "agency": LEAD, "kind": kind, "via": "link",
              "client_address": "198.51.100.4", **columns}
    if kind == "completion":
        values.setdefault("completion_state", "awaiting")
    if kind == "extension":
        values.setdefault("extension_state", "open")
    names = ", ".join(values)
    with sqlite3.connect(db) as c:
        cursor = c.execute(f"INSERT INTO answers ({names}) VALUES ({', '.join('?' * len(values))})",
                           tuple(values.values()))
        return cursor.lastrowid


def answer_row(db, answer_id):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT completion_state, extension_state, decided_by FROM answers WHERE id = ?",
                         (answer_id,)).fetchone()


def http(url, cookie=None, form=None, headers=None):
    """(status, Location, Set-Cookie, body) of one request; `form` (a dict) is posted urlencoded; no redirect
    followed."""
    opener = urllib.request.build_opener(NoRedirect)
    all_headers = dict(headers or {})
    if cookie:
        all_headers["Cookie"] = cookie
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(url, data=data, headers=all_headers)
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, r.headers.get("Location"), r.headers.get("Set-Cookie"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location"), e.headers.get("Set-Cookie"), e.read().decode()


def log_in(base, name, password=PASSWORD):
    """The session cookie ("nv_phien=…") of a login that works."""
    status, location, cookie, body = http(base + "/quan-ly/dang-nhap", form={"name": name, "password": password})
    if status != 303:
        raise AssertionError(f"login of {name}: {status}\n{body}")
    assert location == "/quan-ly/", location
    return cookie.split(";")[0]


def form_token(base, cookie, path):
    """The CSRF token of the forms on the page at `path`, as this session sees it."""
    status, _, _, body = http(base + path, cookie)
    assert status == 200, (path, status)
    return re.search(r'name="csrf" value="([^"]+)"', body).group(1)


def main_text(body):
    """The text of a page's <main>, tags removed, entities decoded, spaces collapsed."""
    match = re.search(r"<main[^>]*>(.*)</main>", body, re.S)
    text = re.sub(r"<[^>]+>", " ", match.group(1) if match else body)
    return " ".join(html.unescape(text).split())


class ConsoleDecisions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="nhacviec-decisions-smtp-")
        cls.server = Server("smtp_server.py", "--out", cls.out)
        cls.ws = Workspace()
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{cls.server.port}"\nsecurity = "none"\n'
                            f'[api]\npublic_url = "{cls.base}"\n')
        cls.ws.import_plan()
        add_user(cls.ws, "ttv.stc", "monitor", "90/KH-UBND")
        # A completion of II.4.1 (due 30/09/2026) and an extension request for II.5.1, both awaiting the monitor.
        cls.ii41_answer = insert_answer(cls.ws.db, "II.4.1", "completion", done_on="2026-09-29",
                                        document_number="88/BC-STC", document_date="2026-09-30",
                                        note="Đã sáp nhập hai quỹ.", answered_at="2026-12-04T10:00:00+07:00")
        cls.ii51_answer = insert_answer(cls.ws.db, "II.5.1", "extension", proposed_due="2027-02-26",
                                        reason="Chờ ý kiến của Bộ Tài chính về đề án.",
                                        answered_at="2026-12-03T15:00:00+07:00")
        # I.4 is reviewed every quarter: its lead asks for quarter IV/2026 to be reported by 29/01/2027.
        cls.i4_answer = insert_answer(cls.ws.db, "I.4", "extension", period="2026-Q4", proposed_due="2027-01-29",
                                      reason="Chờ số liệu quyết toán năm 2026.",
                                      answered_at="2026-12-03T16:00:00+07:00")
        cls.daemon = Daemon(cls.ws, NOW, "--listen", f"127.0.0.1:{cls.port}")
        cls.driver = browser()
        cls.day_first = date_field_takes_day_first(cls.driver)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        if cls.daemon.process.poll() is None:
            cls.daemon.stop()
        cls.server.stop()
        cls.ws.close()
        shutil.rmtree(cls.out, ignore_errors=True)

    # ---------------------------------------------------------------- helpers

    def received(self):
        return read_jsonl(os.path.join(self.out, "messages.jsonl"))

    def wait_for_mail(self, predicate, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [r for r in self.received() if predicate(r)]
            if found:
                return found
            time.sleep(0.1)
        subjects = {email.message_from_string(r["data"], policy=email.policy.default)["Subject"]
                    for r in self.received()}
        self.fail(f"no {what} arrived; the subjects received:\n" + "\n".join(sorted(subjects)))

    def mail_with_key(self, key, address):
        def wanted(r):
            m = email.message_from_string(r["data"], policy=email.policy.default)
            return m["X-Nhacviec-Key"] == key and r["rcpt_tos"] == [address]
        found = self.wait_for_mail(wanted, f"{key} to {address}")
        self.assertEqual(len(found), 1)
        return found[0]

    def text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).text

    def type_into(self, element_id, text):
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text)

    def type_date(self, element_id, day):
        d, m, y = day.split("/")
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(d + m + y if self.day_first else m + d + y)
        self.assertEqual(field.get_attribute("value"), f"{y}-{m}-{d}", f"typing {day} into #{element_id}")

    def click_and_wait(self, selector):
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, selector).click()
        WebDriverWait(self.driver, 15, ignored_exceptions=(WebDriverException,)).until(
            expected_conditions.staleness_of(old))

    def shot(self, name):
        """Full-page screenshots at desktop and phone width; on the phone the page must not scroll sideways."""
        for label, width in (("desktop", 1366), ("phone", 390)):
            self.driver.set_window_size(width, 900)
            scroll = self.driver.execute_script("return document.documentElement.scrollWidth")
            visible = self.driver.execute_script("return document.documentElement.clientWidth")
            self.assertLessEqual(scroll, visible, f"{name} at {width} px scrolls sideways")
            if SCREENSHOTS:
                os.makedirs(SCREENSHOTS, exist_ok=True)
                size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
                shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                    "format": "png", "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
                with open(os.path.join(SCREENSHOTS, f"decisions-{name}-{label}.png"), "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        self.driver.set_window_size(1366, 900)

    def schedule_of(self, code):
        """What `nhacviec schedule` plans for task `code` until the end of June 2027, as (at, kind, level)."""
        planned = json.loads(self.ws.run("schedule", "--from", "2026-12-07", "--to", "2027-06-30", "--json").stdout)
        return [(n["at"], n["kind"], n["level"]) for n in planned if n["task"] == code]

    def reviews_of(self, code):
        """The review reminders `nhacviec schedule` plans for task `code` until the end of June 2027, as
        (at, kind, period)."""
        planned = json.loads(self.ws.run("schedule", "--from", "2026-12-07", "--to", "2027-06-30", "--json").stdout)
        return [(n["at"], n["kind"], n["period"]) for n in planned if n["task"] == code]

    def report(self):
        return {c["key"]: c for c in json.loads(self.ws.run("report", "--as-of", "2026-12-07", "--json").stdout)
                ["categories"]}

    def history(self):
        """The lines of the task page's history, its heading left out, the minute of this morning's times as x."""
        text = re.sub(r"09:0\d 07/12/2026", "09:0x 07/12/2026", self.text("#lich-su"))
        return text.split("\n")[1:]

    def next_digest_decisions(self):
        """The decisions line of the next weekly digest (Monday 14/12/2026) as (awaiting confirmation, confirmed,
        returned, extended): written by `nhacviec deliver` into a mail folder, on a copy of the database (the
        daemon holds the delivery lock of this one)."""
        copy = Workspace()
        try:
            source, target = sqlite3.connect(self.ws.db), sqlite3.connect(copy.db)
            source.backup(target)
            source.close()
            target.close()
            copy.run("deliver", "--now", "2026-12-14T08:05")
            key = "*|*|2026-12-14|digest|Văn phòng UBND thành phố"
            lines = set()
            for name in sorted(os.listdir(copy.path("mail", "new"))):
                with open(copy.path("mail", "new", name), "rb") as f:
                    message = email.message_from_binary_file(f, policy=email.policy.default)
                if message["X-Nhacviec-Key"] != key:
                    continue
                text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
                lines.update(line for line in text.split("\n") if line.startswith("Xử lý báo cáo của các cơ quan:"))
            self.assertEqual(len(lines), 1, f"the digest {key}: {sorted(lines)}")
            match = re.fullmatch(r"Xử lý báo cáo của các cơ quan: (\d+) nhiệm vụ đã báo cáo hoàn thành, chờ xác "
                                 r"nhận; (\d+) nhiệm vụ đã xác nhận hoàn thành; (\d+) nhiệm vụ có báo cáo hoàn thành "
                                 r"bị trả lại; (\d+) nhiệm vụ đã gia hạn\.", lines.pop())
            self.assertIsNotNone(match)
            return tuple(int(n) for n in match.groups())
        finally:
            copy.close()

    def open_task(self, code):
        self.driver.get(f"{self.base}/quan-ly/nhiem-vu/{task_id(self.ws.db, code)}")
        self.assertTrue(self.text("h1").startswith(f"Nhiệm vụ {code}: "), self.text("h1"))

    # ---------------------------------------------------------------- the flow

    def test_decisions_from_login_to_logout(self):
        d = self.driver
        # Sở Tài chính reports the completion of I.3 through the link of its mail.
        self.daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")
        link = LINK.findall(plain_text(self.mail_with_key(I3_KEY, LEAD_ADDRESS)))[0]
        d.get(link)
        self.type_date("completion-done_on", "04/12/2026")
        self.type_into("completion-document_number", "125/BC-STC")
        self.type_date("completion-document_date", "05/12/2026")
        self.click_and_wait("#form-completion button[type=submit]")
        self.assertTrue(self.text("#da-ghi-nhan").startswith("Đã ghi nhận báo cáo hoàn thành lúc "))

        # The monitor logs in.
        d.get(self.base + "/quan-ly/")
        self.assertEqual(d.current_url, self.base + "/quan-ly/dang-nhap")
        self.type_into("name", "ttv.stc")
        self.type_into("password", PASSWORD)
        self.click_and_wait("form.login button")
        self.assertEqual(d.current_url, self.base + "/quan-ly/")
        self.assertEqual(self.text("h1"), "Xin chào ttv.stc")

        # The inbox: two completions awaiting confirmation, the extension request, II.5.13 without a deadline.
        awaiting = self.text("#cho-xac-nhan")
        self.assertIn("Báo cáo hoàn thành chờ xác nhận (2)", awaiting)
        self.assertIn("Sở Tài chính báo cáo hoàn thành ngày 04/12/2026, văn bản số 125/BC-STC ngày 05/12/2026",
                      awaiting)
        self.assertIn("Sở Tài chính báo cáo hoàn thành ngày 29/09/2026, văn bản số 88/BC-STC ngày 30/09/2026",
                      awaiting)
        self.assertIn("Sở Tài chính đề nghị gia hạn đến ngày 26/02/2027: Chờ ý kiến của Bộ Tài chính về đề án.",
                      self.text("#de-nghi-gia-han"))
        self.assertIn("II.5.13", self.text("#chua-co-han"))
        self.shot("inbox")
        # The next weekly digest, were it sent now: two awaiting confirmation, nothing decided yet.
        self.assertEqual(self.next_digest_decisions(), (2, 0, 0, 0))

        # I.3's page from the inbox: the completion with its two forms; confirmed with a note.
        i3 = task_id(self.ws.db, "I.3")
        self.click_and_wait(f"#cho-xac-nhan a[href='/quan-ly/nhiem-vu/{i3}']")
        self.assertTrue(self.text("h1").startswith("Nhiệm vụ I.3: "))
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#cho-xu-ly form.decision")), 2)
        self.shot("task")
        self.type_into(d.find_element(By.CSS_SELECTOR, "#cho-xu-ly form.confirm textarea").get_attribute("id"),
                       CONFIRM_NOTE)
        self.click_and_wait("#cho-xu-ly form.confirm button[type=submit]")
        self.assertEqual(d.current_url, f"{self.base}/quan-ly/nhiem-vu/{i3}?xong=xac-nhan")
        self.assertEqual(self.text("#da-ghi-nhan"), "Đã xác nhận hoàn thành.")
        self.assertEqual(d.find_elements(By.ID, "cho-xu-ly"), [])
        self.assertEqual(self.text("#trang-thai"), "Trạng thái: Hoàn thành quá hạn (04/12/2026)")
        # One line for the act: the decision, the status it gave, who, when and where.
        self.assertEqual(self.history(), [
            "09:0x 07/12/2026 – ttv.stc (trang quản lý)",
            "Xác nhận báo cáo hoàn thành của Sở Tài chính – trạng thái: đã hoàn thành ngày 04/12/2026", CONFIRM_NOTE,
            "09:0x 07/12/2026 – Sở Tài chính (từ địa chỉ 127.0.0.1)",
            "Báo cáo hoàn thành ngày 04/12/2026, văn bản số 125/BC-STC ngày 05/12/2026 (qua đường liên kết) "
            "(đã xác nhận)", "Ý kiến xử lý: " + CONFIRM_NOTE])
        # The report counts I.3 done late: due 31/03/2026 (its legal end), done 04/12/2026.
        report = self.report()
        self.assertEqual(report["done_late"]["count"], 1)
        self.assertEqual([(t["id"], t["done_on"], t["legal_due"]) for t in report["done_late"]["tasks"]],
                         [("I.3", "2026-12-04", "2026-03-31")])
        self.assertEqual(report["done_on_time"]["count"], 0)
        self.assertEqual(self.schedule_of("I.3"), [])

        # II.4.1: the return without a reason is refused next to its field (a browser that does not check), then
        # returned with a reason.
        self.open_task("II.4.1")
        form = d.find_element(By.CSS_SELECTOR, "#cho-xu-ly form.return")
        reason_id = form.find_element(By.TAG_NAME, "textarea").get_attribute("id")
        d.execute_script("arguments[0].noValidate = true", form)
        self.click_and_wait("#cho-xu-ly form.return button[type=submit]")
        self.assertEqual(d.find_element(By.ID, reason_id + "-loi").text, "Lý do: chưa nhập.")
        self.assertEqual(d.find_element(By.ID, reason_id).get_attribute("aria-invalid"), "true")
        self.assertEqual(answer_row(self.ws.db, self.ii41_answer), ("awaiting", None, None))
        self.shot("refusal")
        self.type_into(reason_id, RETURN_REASON)
        self.click_and_wait("#cho-xu-ly form.return button[type=submit]")
        self.assertEqual(self.text("#da-ghi-nhan"), "Đã trả lại báo cáo hoàn thành; cơ quan chủ trì được báo ngay.")
        self.assertEqual(self.text("#trang-thai"), "Trạng thái: Quá hạn 68 ngày")
        self.assertEqual(self.history()[:4], [
            "09:0x 07/12/2026 – ttv.stc (trang quản lý)",
            "Trả lại báo cáo hoàn thành của Sở Tài chính – trạng thái: đang thực hiện", RETURN_REASON,
            "10:00 04/12/2026 – Sở Tài chính (từ địa chỉ 198.51.100.4)"])
        self.assertEqual(answer_row(self.ws.db, self.ii41_answer), ("returned", None, "ttv.stc"))
        # The agency's mail: the reason and its answer link.
        key = f"90/KH-UBND/2026|II.4.1|-|decision-{self.ii41_answer}|Sở Tài chính"
        mail = self.mail_with_key(key, LEAD_ADDRESS)
        message = email.message_from_string(mail["data"], policy=email.policy.default)
        self.assertEqual(message["Subject"], "Sở Tài chính trả lại báo cáo hoàn thành nhiệm vụ II.4.1")
        body = plain_text(mail)
        self.assertIn(f"\nLý do: {RETURN_REASON}\n", body)
        self.assertIn("\nBáo cáo bị trả lại: văn bản số 88/BC-STC ngày 30/09/2026, ngày hoàn thành 29/09/2026, ", body)
        links = LINK.findall(body)
        self.assertEqual(len(links), 1, body)
        self.assertTrue(links[0].startswith(self.base + "/tra-loi/"), links[0])
        # The link opens II.4.1's page for Sở Tài chính, the completion form offered again.
        d.get(links[0])
        self.assertTrue(self.text("h1").startswith("Nhiệm vụ II.4.1: "))
        self.assertTrue(d.find_elements(By.ID, "form-completion"))
        self.assertEqual(self.report()["done_on_time"]["count"], 0)

        # II.5.1: the extension approved to 31/03/2027; its escalations give way to reminders before the new date.
        self.assertEqual(self.schedule_of("II.5.1"), II51_BEFORE)
        self.open_task("II.5.1")
        form = d.find_element(By.CSS_SELECTOR, "#cho-xu-ly form.approve")
        date_id = form.find_element(By.CSS_SELECTOR, "input[type=date]").get_attribute("id")
        self.assertEqual(d.find_element(By.ID, date_id).get_attribute("value"), "2027-02-26")
        self.shot("task-extension")
        self.type_date(date_id, "31/03/2027")
        self.type_into(form.find_element(By.TAG_NAME, "textarea").get_attribute("id"), APPROVE_NOTE)
        self.click_and_wait("#cho-xu-ly form.approve button[type=submit]")
        self.assertEqual(self.text("#da-ghi-nhan"), "Đã chấp thuận gia hạn; thời hạn mới có hiệu lực.")
        # The new deadline with the original one, on the page and in the history, with who moved it.
        self.assertIn("\nHạn hoàn thành\n31/03/2027 (đã gia hạn; thời hạn cũ 30/09/2026)\n", self.text("#nhiem-vu"))
        self.assertEqual(self.text("#trang-thai"), "Trạng thái: Đang thực hiện trong hạn: còn 114 ngày")
        self.assertEqual(self.history()[:4], [
            "09:0x 07/12/2026 – ttv.stc (trang quản lý)",
            "Chấp thuận đề nghị gia hạn của Sở Tài chính – gia hạn thời hạn hoàn thành từ 30/09/2026 đến 31/03/2027",
            APPROVE_NOTE, "15:00 03/12/2026 – Sở Tài chính (từ địa chỉ 198.51.100.4)"])
        self.assertEqual(answer_row(self.ws.db, self.ii51_answer), (None, "approved", "ttv.stc"))
        self.assertEqual(self.schedule_of("II.5.1"), II51_AFTER)
        # The report: I.3 confirmed, II.4.1 returned, II.5.1 extended (in progress until its new date).
        report = json.loads(self.ws.run("report", "--as-of", "2026-12-07", "--json").stdout)
        self.assertEqual((report["completions_confirmed"], report["completions_returned"], report["extended"]),
                         (1, 1, 1))
        ii51 = [t for c in report["categories"] for t in c["tasks"] if t["id"] == "II.5.1"]
        self.assertEqual([(t["legal_due"], t.get("extended"), t.get("original_due"), t.get("days_left"))
                          for t in ii51], [("2027-03-31", True, "2026-09-30", 114)])
        self.assertIn("  II.5.1  Quý III/2026 (hạn 2027-03-31), đã gia hạn từ 2026-09-30",
                      self.ws.run("report", "--as-of", "2026-12-07").stdout)

        # I.4, reviewed every quarter: the extension of quarter IV/2026 approved at the proposed date; that quarter's
        # review reminders move, the other quarters keep theirs.
        self.assertEqual(self.reviews_of("I.4"), I4_BEFORE)
        self.open_task("I.4")
        self.assertIn("\nKỳ báo cáo tới\nhạn 31/12/2026\n", self.text("#nhiem-vu"))
        self.assertIn("\nSở Tài chính: Đề nghị gia hạn đến ngày 29/01/2027 – kỳ quý IV/2026 (qua đường liên kết), lúc "
                      "16:00 03/12/2026\n", self.text("#cho-xu-ly"))
        form = d.find_element(By.CSS_SELECTOR, "#cho-xu-ly form.approve")
        date_id = form.find_element(By.CSS_SELECTOR, "input[type=date]").get_attribute("id")
        self.assertEqual(d.find_element(By.ID, date_id).get_attribute("value"), "2027-01-29")
        self.click_and_wait("#cho-xu-ly form.approve button[type=submit]")
        self.assertEqual(self.text("#da-ghi-nhan"), "Đã chấp thuận gia hạn; thời hạn mới có hiệu lực.")
        self.assertIn("\nKỳ báo cáo tới\nhạn 29/01/2027\n", self.text("#nhiem-vu"))
        self.assertEqual(self.history(), [
            "09:0x 07/12/2026 – ttv.stc (trang quản lý)",
            "Chấp thuận đề nghị gia hạn của Sở Tài chính – gia hạn báo cáo kỳ quý IV/2026 từ 31/12/2026 đến 29/01/2027",
            "16:00 03/12/2026 – Sở Tài chính (từ địa chỉ 198.51.100.4)",
            "Đề nghị gia hạn đến ngày 29/01/2027 – kỳ quý IV/2026 (qua đường liên kết) (đã chấp thuận)",
            "Chờ số liệu quyết toán năm 2026."])
        self.shot("task-period-extension")
        self.assertEqual(answer_row(self.ws.db, self.i4_answer), (None, "approved", "ttv.stc"))
        self.assertEqual(self.reviews_of("I.4"), I4_AFTER)
        report = json.loads(self.ws.run("report", "--as-of", "2026-12-07", "--json").stdout)
        self.assertEqual(report["extended"], 2)
        i4 = [t for c in report["categories"] for t in c["tasks"] if t["id"] == "I.4"]
        self.assertEqual([(t["latest_review"], t["extended"], t["extended_period"], t["original_due"],
                           t["extended_due"]) for t in i4], [("2026-Q3", True, "2026-Q4", "2026-12-31", "2027-01-29")])

        # II.5.13: a deadline set; its reminders appear.
        self.assertEqual(self.schedule_of("II.5.13"), [])
        self.open_task("II.5.13")
        self.type_date("dat-han-due", "30/06/2027")
        self.type_into("dat-han-note", DEADLINE_NOTE)
        self.click_and_wait("#quan-ly form.deadline button[type=submit]")
        self.assertEqual(self.text("#da-ghi-nhan"), "Đã đặt thời hạn; thư nhắc hạn được lập theo thời hạn mới.")
        self.assertEqual(self.text("#trang-thai"), "Trạng thái: Đang thực hiện trong hạn: còn 205 ngày")
        self.assertEqual(self.history(), ["09:0x 07/12/2026 – ttv.stc", "Đặt thời hạn hoàn thành: 30/06/2027",
                                          DEADLINE_NOTE])
        # Its reminders paused with a reason, then resumed: gone from the schedule, then back, each in the history.
        pause_note = d.find_element(By.CSS_SELECTOR, "#quan-ly form.pause textarea").get_attribute("id")
        self.type_into(pause_note, PAUSE_NOTE)
        self.click_and_wait("#quan-ly form.pause button[value='1']")
        self.assertEqual(self.text("#da-ghi-nhan"), "Đã ghi nhận việc tạm dừng hoặc tiếp tục nhắc việc.")
        self.assertEqual(self.schedule_of("II.5.13"), [])
        self.assertEqual(self.history()[:3], ["09:0x 07/12/2026 – ttv.stc", "Tạm dừng nhắc việc", PAUSE_NOTE])
        self.click_and_wait("#quan-ly form.pause button[value='0']")
        self.assertEqual(self.schedule_of("II.5.13"), II513_AFTER)
        self.assertEqual(self.history()[:2], ["09:0x 07/12/2026 – ttv.stc", "Tiếp tục nhắc việc"])
        self.assertEqual(self.schedule_of("II.5.13"), II513_AFTER)

        # The next weekly digest counts what was decided: none awaiting confirmation any more (I.3 confirmed,
        # II.4.1 returned), one confirmed, one returned, two extended (II.5.1, and quarter IV/2026 of I.4).
        self.assertEqual(self.next_digest_decisions(), (0, 1, 1, 2))

        # Logout: the pages send the browser to the login form; a decision posted with the old cookie is refused.
        cookie = "nv_phien=" + d.get_cookie("nv_phien")["value"]
        ii41 = task_id(self.ws.db, "II.4.1")
        token = form_token(self.base, cookie, f"/quan-ly/nhiem-vu/{ii41}")
        self.click_and_wait("header form button")
        self.assertEqual(d.current_url, self.base + "/quan-ly/dang-nhap?da-dang-xuat=1")
        for path in ("/quan-ly/", "/quan-ly/nhiem-vu", f"/quan-ly/nhiem-vu/{i3}"):
            d.get(self.base + path)
            self.assertEqual(d.current_url, self.base + "/quan-ly/dang-nhap", path)
        status, location, _, _ = http(f"{self.base}/quan-ly/nhiem-vu/{ii41}", cookie,
                                      {"csrf": token, "quyet-dinh": "tam-dung", "paused": "1", "note": "x"})
        self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"))
        self.assertNotIn("on task II.4.1: tam-dung", self.daemon.log())


class ConsoleSecurity(unittest.TestCase):
    """HTTP-level checks on one daemon: the seed plan and a second plan (190/KH-UBND, two tasks); a monitor of
    plan 90 (ttv.stc), a monitor of plan 190 (kh190), a viewer (xem) and an account for the login limit (sai)."""

    # Markup in every text an agency writes.
    NOTE = '<script>alert("ghi chú")</script>'
    NUMBER = '125/BC-STC<img src=x onerror=alert(1)>'
    FILE = '<svg onload=alert(2)>bao-cao.pdf'
    REASON = "<iframe src='//evil.example'></iframe>Chờ ý kiến"
    PROGRESS = '"><b onmouseover=alert(3)>tiến độ</b>'

    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.ws.import_plan()
        plan = cls.ws.path("k190.txt")
        with open(plan, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "..", "delivery", "burst_plan.py"), "2"], stdout=f,
                           check=True)
        cls.ws.import_plan(plan)
        add_user(cls.ws, "ttv.stc", "monitor", "90/KH-UBND")
        add_user(cls.ws, "kh190", "monitor", "190/KH-UBND")
        add_user(cls.ws, "xem", "viewer")
        add_user(cls.ws, "sai", "monitor")
        db = cls.ws.db
        cls.i3 = task_id(db, "I.3")
        cls.k190 = task_id(db, "I.1", "190/KH-UBND")
        cls.completion = insert_answer(db, "I.3", "completion", done_on="2026-12-04", document_number=cls.NUMBER,
                                       document_date="2026-12-05", note=cls.NOTE,
                                       report_path="reports/" + "a" * 64 + ".pdf", report_name=cls.FILE,
                                       report_size=1234, report_sha256="a" * 64,
                                       answered_at="2026-12-05T10:00:00+07:00")
        cls.progress = insert_answer(db, "I.3", "progress", note=cls.PROGRESS, answered_at="2026-12-04T10:00:00+07:00")
        cls.extension = insert_answer(db, "II.5.1", "extension", proposed_due="2027-02-26", reason=cls.REASON,
                                      answered_at="2026-12-03T15:00:00+07:00")
        cls.daemon = Daemon(cls.ws, NOW)
        cls.base = cls.daemon.url

    @classmethod
    def tearDownClass(cls):
        if cls.daemon.process.poll() is None:
            cls.daemon.stop()
        cls.ws.close()

    def task(self, task):
        return f"{self.base}/quan-ly/nhiem-vu/{task}"

    def confirm_form(self, token):
        return {"csrf": token, "quyet-dinh": "xac-nhan", "answer": str(self.completion), "note": ""}

    def assert_untouched(self):
        self.assertEqual(answer_row(self.ws.db, self.completion), ("awaiting", None, None))

    def test_no_page_or_decision_without_a_session(self):
        for path in ("/quan-ly/", "/quan-ly/nhiem-vu", f"/quan-ly/nhiem-vu/{self.i3}", "/quan-ly/tep/" + "a" * 64):
            status, location, _, _ = http(self.base + path)
            self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"), path)
        # A decision with no cookie, and with a made-up one (the browser is told to forget it).
        status, location, _, _ = http(self.task(self.i3), form=self.confirm_form("A" * 22 + "." + "B" * 22))
        self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"))
        status, location, forget, _ = http(self.task(self.i3), "nv_phien=" + "x" * 43, self.confirm_form("A.B"))
        self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"))
        self.assertTrue(forget.startswith("nv_phien=; Max-Age=0; Path=/quan-ly/; HttpOnly; SameSite=Strict"), forget)
        self.assert_untouched()

    def test_a_viewer_reads_but_may_not_decide(self):
        cookie = log_in(self.base, "xem")
        status, _, _, body = http(self.task(self.i3), cookie)
        self.assertEqual(status, 200)
        self.assertNotIn('class="decision', body)
        token = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
        status, _, _, body = http(self.task(self.i3), cookie, self.confirm_form(token))
        self.assertEqual(status, 403)
        self.assertIn("<h1>Không có quyền xử lý</h1>", body)
        self.assertIn(NO_RIGHT, main_text(body))
        self.assert_untouched()
        # Nor a deadline, a status or a pause.
        for form in ({"quyet-dinh": "dat-han", "due": "2027-06-30"}, {"quyet-dinh": "trang-thai", "action": "done"},
                     {"quyet-dinh": "tam-dung", "paused": "1", "note": "x"}):
            status, _, _, body = http(self.task(task_id(self.ws.db, "II.5.13")), cookie, {"csrf": token, **form})
            self.assertEqual(status, 403, form)
            self.assertIn(NO_RIGHT, main_text(body))
        self.assertEqual(self.ws.run("schedule", "--from", "2026-12-07", "--to", "2027-12-31").stdout.count("II.5.13"),
                         0)

    def test_csrf_token_missing_wrong_or_from_another_session(self):
        first = log_in(self.base, "ttv.stc")
        second = log_in(self.base, "ttv.stc")
        token = form_token(self.base, first, f"/quan-ly/nhiem-vu/{self.i3}")
        other = form_token(self.base, second, f"/quan-ly/nhiem-vu/{self.i3}")
        self.assertNotEqual(token, other)
        cases = {
            "missing": {k: v for k, v in self.confirm_form(token).items() if k != "csrf"},
            "empty": self.confirm_form(""),
            "wrong": self.confirm_form("A" * 22 + "." + "B" * 22),
            "one character changed": self.confirm_form(token[:-1] + ("A" if token[-1] != "A" else "B")),
            "another session's": self.confirm_form(other),
        }
        for case, form in cases.items():
            status, _, _, body = http(self.task(self.i3), first, form)
            self.assertEqual(status, 403, case)
            self.assertIn("<h1>Không nhận biểu mẫu này</h1>", body, case)
            self.assertIn(STALE_FORM, main_text(body), case)
        # A form from another site, the right token with it.
        status, _, _, body = http(self.task(self.i3), first, self.confirm_form(token),
                                  {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
        self.assertEqual(status, 403)
        self.assertIn(CROSS_SITE, main_text(body))
        self.assert_untouched()
        self.assertIn("console: a form without a valid token refused (ttv.stc from 127.0.0.1)", self.daemon.log())
        # The other session's token is good for its own session (its logout goes through).
        status, location, _, _ = http(self.base + "/quan-ly/dang-xuat", second, {"csrf": other})
        self.assertEqual((status, location), (303, "/quan-ly/dang-nhap?da-dang-xuat=1"))

    def test_a_cookie_replayed_after_logout(self):
        cookie = log_in(self.base, "ttv.stc")
        token = form_token(self.base, cookie, "/quan-ly/")
        status, location, _, _ = http(self.base + "/quan-ly/dang-xuat", cookie, {"csrf": token})
        self.assertEqual((status, location), (303, "/quan-ly/dang-nhap?da-dang-xuat=1"))
        for path in ("/quan-ly/", f"/quan-ly/nhiem-vu/{self.i3}"):
            status, location, _, _ = http(self.base + path, cookie)
            self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"), path)
        status, location, _, _ = http(self.task(self.i3), cookie, self.confirm_form(token))
        self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"))
        self.assert_untouched()

    def test_a_monitor_of_one_plan_on_another_plans_task(self):
        cookie = log_in(self.base, "kh190")
        status, _, _, body = http(self.task(self.k190), cookie)
        self.assertEqual(status, 200)
        token = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
        status, _, _, body = http(self.task(self.i3), cookie)
        self.assertEqual(status, 403)
        self.assertIn("<h1>Không có quyền xem</h1>", body)
        self.assertIn(OTHER_PLAN, main_text(body))
        status, _, _, body = http(self.task(self.i3), cookie, self.confirm_form(token))
        self.assertEqual(status, 403)
        self.assertIn(OTHER_PLAN, main_text(body))
        self.assert_untouched()
        # Its inbox and list show only plan 190.
        status, _, _, body = http(self.base + "/quan-ly/", cookie)
        self.assertIn("Việc cần xử lý trong các kế hoạch số 190/KH-UBND.", main_text(body))
        self.assertNotIn("I.3", main_text(body))
        status, _, _, body = http(self.base + "/quan-ly/nhiem-vu", cookie)
        self.assertIn('id="so-nhiem-vu">2 nhiệm vụ</p>', body)
        self.assertNotIn("Kế hoạch số 90/KH-UBND", body)
        # The lead agency filter offers only the agencies leading a task of plan 190.
        leads = re.search(r'<select id="chu-tri" name="chu-tri">(.*?)</select>', body, re.S).group(1)
        self.assertEqual(re.findall(r'<option value="([^"]*)"', leads), ["", "Sở Nội vụ", "Sở Xây dựng"])

    def test_repeated_wrong_passwords_slow_down(self):
        for attempt in range(5):
            status, _, cookie, body = http(self.base + "/quan-ly/dang-nhap", form={"name": "sai", "password": "sai"})
            self.assertEqual((status, cookie), (200, None), attempt)
            self.assertIn(WRONG, main_text(body))
        # The sixth, even with the right password: 429, told how long to wait.
        opener = urllib.request.build_opener(NoRedirect)
        req = urllib.request.Request(self.base + "/quan-ly/dang-nhap",
                                     data=urllib.parse.urlencode({"name": "sai", "password": PASSWORD}).encode())
        with self.assertRaises(urllib.error.HTTPError) as refused:
            opener.open(req, timeout=10)
        self.assertEqual(refused.exception.code, 429)
        self.assertIn(int(refused.exception.headers["Retry-After"]), range(890, 901))
        self.assertIn(TOO_MANY, main_text(refused.exception.read().decode()))
        self.assertIsNone(refused.exception.headers.get("Set-Cookie"))
        self.assertRegex(self.daemon.log(), r'console: login for account "sai" from 127\.0\.0\.1 refused: too many '
                                            r'failed logins; (89\d|900) s to wait')
        # Another account from the same address still logs in.
        log_in(self.base, "xem")

    def test_hostile_decision_fields_are_refused_naming_the_field(self):
        cookie = log_in(self.base, "ttv.stc")
        token = form_token(self.base, cookie, f"/quan-ly/nhiem-vu/{self.i3}")
        answer = str(self.completion)
        cases = [
            # A note longer than the form allows.
            ({"quyet-dinh": "xac-nhan", "answer": answer, "note": "x" * 5000}, 422,
             "Ghi chú: quá dài (5000 ký tự); tối đa 2000 ký tự."),
            # A control character in a note.
            ({"quyet-dinh": "xac-nhan", "answer": answer, "note": "\x00\x01"}, 422,
             "Ghi chú: có ký tự điều khiển không được phép (U+0000, ở ký tự thứ 1); chỉ được xuống dòng."),
            # An answer that does not exist.
            ({"quyet-dinh": "xac-nhan", "answer": "999999", "note": ""}, 422, "Không có báo cáo hoàn thành số 999999."),
            # An answer number that is not a number.
            ({"quyet-dinh": "xac-nhan", "answer": "1 OR 1=1", "note": ""}, 400,
             "Biểu mẫu thiếu báo cáo cần xử lý (trường “answer”)."),
            # A form nobody made.
            ({"quyet-dinh": "<script>"}, 400, "Biểu mẫu không rõ loại quyết định (trường “quyet-dinh”)."),
            # A deadline for a task that has one.
            ({"quyet-dinh": "dat-han", "due": "2027-06-30"}, 422,
             "Nhiệm vụ I.3 đã có thời hạn (Quý I/2026); chỉ đặt thời hạn cho nhiệm vụ chưa xác định thời hạn."),
            # A completion date not yet come.
            ({"quyet-dinh": "trang-thai", "action": "done", "date": "2027-01-01"}, 422,
             "Ngày hoàn thành: 01/01/2027 chưa đến."),
        ]
        for form, status, message in cases:
            got, _, _, body = http(self.task(self.i3), cookie, {"csrf": token, **form})
            self.assertEqual(got, status, form)
            self.assertIn(html.escape(message, quote=True).replace("&#x27;", "&#39;"), body, form)
            self.assertNotIn("<script>", body)
        self.assert_untouched()

    def test_markup_an_agency_wrote_is_shown_escaped(self):
        cookie = log_in(self.base, "ttv.stc")
        _, _, _, task_page = http(self.task(self.i3), cookie)
        _, _, _, inbox = http(self.base + "/quan-ly/", cookie)
        _, _, _, ii51_page = http(self.task(task_id(self.ws.db, "II.5.1")), cookie)
        pages = {"task": task_page, "inbox": inbox, "II.5.1": ii51_page}
        shown = {"task": (self.NOTE, self.NUMBER, self.FILE, self.PROGRESS), "inbox": (self.NUMBER, self.REASON),
                 "II.5.1": (self.REASON,)}
        for name, texts in shown.items():
            page = pages[name]
            for written in texts:
                self.assertIn(html.escape(written, quote=True).replace("&#x27;", "&#39;"), page, (name, written))
                self.assertIn(written, main_text(page), (name, written))
            for raw in ("<script", "<img", "<svg", "<iframe", "<b onmouseover", "onerror=alert(1)>"):
                self.assertNotIn(raw, page, (name, raw))


class SessionExpiry(unittest.TestCase):
    """A session idle for the configured time ends: the daemon is started again with its clock later."""

    def test_a_cookie_replayed_after_idleness(self):
        ws = Workspace()
        try:
            ws.write_config("[console]\nsession_idle_minutes = 60\n")
            ws.import_plan()
            add_user(ws, "ttv.stc", "monitor", "90/KH-UBND")
            daemon = Daemon(ws, "2026-12-07T09:00")
            kept, idle = log_in(daemon.url, "ttv.stc"), log_in(daemon.url, "ttv.stc")
            token = form_token(daemon.url, idle, "/quan-ly/")
            self.assertEqual(daemon.stop(), 0)
            # 58 minutes later both hold; one is used.
            daemon = Daemon(ws, "2026-12-07T09:58")
            self.assertEqual(http(daemon.url + "/quan-ly/", kept)[0], 200)
            self.assertEqual(daemon.stop(), 0)
            # At 10:01 the unused one has been idle more than an hour: refused, page and form; the other holds.
            daemon = Daemon(ws, "2026-12-07T10:01")
            status, location, forget, _ = http(daemon.url + "/quan-ly/", idle)
            self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"))
            self.assertTrue(forget.startswith("nv_phien=; Max-Age=0"), forget)
            status, location, _, _ = http(daemon.url + "/quan-ly/dang-xuat", idle, {"csrf": token})
            self.assertEqual((status, location), (303, "/quan-ly/dang-nhap"))
            self.assertEqual(http(daemon.url + "/quan-ly/", kept)[0], 200)
            self.assertEqual(daemon.stop(), 0)
        finally:
            ws.close()


if __name__ == "__main__":
    unittest.main()
