"""The agency's page behind an answer link, end to end in a real browser:
Debian's chromium, driven by chromium-driver through python3-selenium.

The daemon runs on the seed plan with its clock at Monday 7 December 2026,
when task I.3 (due 31/03/2026) is long overdue, and delivers to a real SMTP
server (aiosmtpd, tests/servers/smtp_server.py). The test takes the answer
links out of the received mail as a mail client would, opens them and fills
and submits each form by clicking and typing, as a person would; it checks
what the page answers, the history, the schedule, the mail to the monitoring
agency and the next weekly digest.

With NHACVIEC_SCREENSHOTS=DIR it saves full-page screenshots at desktop
(1366 px) and phone (390 px) width there.
"""

import base64
import email
import email.policy
import hashlib
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))

from harness import Daemon, Server, Workspace, read_jsonl  # noqa: E402

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from headless_chromium import browser  # noqa: E402

# A Monday, the digest's day: I.3 is 251 days overdue and its escalation goes out at start.
NOW = "2026-12-07T09:00"
TODAY = "07/12/2026"
# The next Monday: the next weekly digest.
NEXT_DIGEST = "2026-12-14T08:00"
I3_KEY = "90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính"
# What `nhacviec schedule` plans for I.3 from today to the end of March 2027: level 3 every four weeks or so.
I3_ESCALATIONS = [("2026-12-28T08:00:00+07:00", "escalation", 3), ("2027-01-25T08:00:00+07:00", "escalation", 3),
                  ("2027-02-24T08:00:00+07:00", "escalation", 3), ("2027-03-26T08:00:00+07:00", "escalation", 3)]
LEAD = "Sở Tài chính"
LEAD_ADDRESS = "so-tai-chinh@haiphong.example"
COOPERATING = "Các Sở, ban, ngành thành phố"
COOPERATING_ADDRESS = "cac-so-ban-nganh@haiphong.example"
LINK = re.compile(r"https?://[^\s<>\"]+/tra-loi/[A-Za-z0-9_-]+")
SCREENSHOTS = os.environ.get("NHACVIEC_SCREENSHOTS")
VIA = "(qua đường liên kết)"

PROGRESS_NOTE = "Đã hoàn thành dự thảo kế hoạch, đang lấy ý kiến các sở, ngành."
EXTENSION_REASON = "Chờ ý kiến thẩm định của Sở Tư pháp."
COMPLETION_NOTE = "Kế hoạch đã được ban hành và gửi các cơ quan liên quan."
COOPERATING_NOTE = "Đã gửi ý kiến góp ý dự thảo kế hoạch bằng văn bản."
EXTENSION_STATUS = "; đề nghị gia hạn đến ngày 31/01/2027, chờ duyệt"
AWAITING_STATUS = ("Trạng thái: Quá hạn 251 ngày; đã báo cáo hoàn thành ngày 04/12/2026, chờ xác nhận"
                   + EXTENSION_STATUS)
DOCUMENT_NUMBER_MESSAGE = ("Số, ký hiệu văn bản: không đúng dạng; hãy ghi số, năm (nếu có) và ký hiệu văn bản, "
                           "ví dụ 125/BC-STC hoặc 12/2026/QĐ-UBND.")
FUTURE_MESSAGE = "Ngày hoàn thành: ngày 08/12/2026 chưa đến; không được sau hôm nay (07/12/2026)."
SECOND_COMPLETION_MESSAGE = ("Nhiệm vụ I.3 đã được Sở Tài chính báo cáo hoàn thành ngày 04/12/2026 (văn bản "
                             "125/BC-STC), đang chờ xác nhận; không gửi báo cáo hoàn thành lần thứ hai")
FORGED_MESSAGE = ("Đường liên kết này không hợp lệ: có thể địa chỉ bị chép thiếu hoặc sai, hoặc đường liên kết đã "
                  "bị thu hồi. Xin mở lại đường liên kết trong thư nhắc việc mới nhất; nếu vẫn không được, xin "
                  "liên hệ cơ quan theo dõi.")


def minimal_pdf():
    """A small valid PDF (one empty A4 page) with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def date_field_takes_day_first(driver):
    """Whether the browser's date fields take the day before the month (dd/mm/yyyy, as in Vietnam) or after it
    (mm/dd/yyyy, as headless chromium does whatever its language): a person types in the order the field shows."""
    driver.get("data:text/html;charset=utf-8,<input type=date id=probe>")
    probe = driver.find_element(By.ID, "probe")
    probe.send_keys("01022026")
    value = probe.get_attribute("value")
    if value not in ("2026-02-01", "2026-01-02"):
        raise AssertionError(f"typing 01022026 into a date field gave {value!r}")
    return value == "2026-02-01"


def plain_text(record):
    """The text/plain part of a received message, as a mail client shows it."""
    message = email.message_from_string(record["data"], policy=email.policy.default)
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


class AnswerPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="nhacviec-answers-smtp-")
        cls.server = Server("smtp_server.py", "--out", cls.out)
        cls.ws = Workspace()
        # The public address is the daemon's own, on a port chosen here, so that the links in the mail lead to it.
        cls.port = free_port()
        cls.ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{cls.server.port}"\nsecurity = "none"\n'
                            f'[api]\npublic_url = "http://127.0.0.1:{cls.port}"\n')
        cls.ws.import_plan()
        cls.daemon = Daemon(cls.ws, NOW, "--listen", f"127.0.0.1:{cls.port}")
        cls.driver = browser(console_log=True)
        cls.day_first = date_field_takes_day_first(cls.driver)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        if cls.daemon.process.poll() is None:
            cls.daemon.stop()
        cls.server.stop()
        cls.ws.close()
        shutil.rmtree(cls.out, ignore_errors=True)

    # ---------------------------------------------------------------- mail

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

    def message_to(self, key, address):
        """The message of `key` to `address` (one recipient each)."""
        def wanted(r):
            m = email.message_from_string(r["data"], policy=email.policy.default)
            return m["X-Nhacviec-Key"] == key and r["rcpt_tos"] == [address]
        found = self.wait_for_mail(wanted, f"{key} to {address}")
        self.assertEqual(len(found), 1)
        return found[0]

    def link_in(self, record):
        """The answer link of a message's text part, found as a mail client finds links."""
        links = LINK.findall(plain_text(record))
        self.assertEqual(len(links), 1, plain_text(record))
        return links[0]

    # ---------------------------------------------------------------- browser

    def open(self, url):
        self.driver.get(url)

    def text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).text

    def present(self, selector):
        return bool(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def type_into(self, element_id, text):
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text)

    def type_date(self, element_id, day):
        """Types a date ("04/12/2026") into an <input type=date> as a person does: its parts in the order the
        field shows them, the field moving on from one part to the next by itself."""
        d, m, y = day.split("/")
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(d + m + y if self.day_first else m + d + y)
        iso = f"{y}-{m}-{d}"
        self.assertEqual(field.get_attribute("value"), iso, f"typing {day} into #{element_id}")

    def submit(self, form):
        """Clicks the button of `form` (a section id) and waits for the next page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, f"#{form} button[type=submit]").click()
        # While the old page goes, chromedriver may also say its node left the document: asked again, it is stale.
        WebDriverWait(self.driver, 15, ignored_exceptions=(WebDriverException,)).until(
            expected_conditions.staleness_of(old))

    def forms(self):
        return [s.get_attribute("id") for s in self.driver.find_elements(By.CSS_SELECTOR, "section[id^=form-]")]

    def history(self):
        """Each line of the history as (when – who, what, detail)."""
        lines = []
        for li in self.driver.find_elements(By.CSS_SELECTOR, "#lich-su li"):
            details = li.find_elements(By.CSS_SELECTOR, "p.detail")
            lines.append((li.find_element(By.CSS_SELECTOR, ".meta").text,
                          li.find_element(By.CSS_SELECTOR, "div:not(.meta)").text,
                          details[0].text if details else ""))
        return lines

    def banner_time(self, kind_words):
        """The time in the banner after an answer ("09:00"), checked against the daemon's clock."""
        if not self.present("#da-ghi-nhan"):
            self.fail(f"no banner at {self.driver.current_url}; the page says:\n{self.text('body')}")
        banner = self.text("#da-ghi-nhan")
        match = re.match(re.escape(f"Đã ghi nhận {kind_words} lúc ") + r"(09:0\d) " + re.escape(TODAY), banner)
        self.assertTrue(match, banner)
        self.assertIn("?ghi-nhan=", self.driver.current_url)
        return match.group(1)

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
                with open(os.path.join(SCREENSHOTS, f"{name}-{label}.png"), "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        self.driver.set_window_size(1366, 900)

    def console_errors(self, expected_statuses):
        """The browser's console errors, less the failed loads of pages answered with an expected status."""
        errors = []
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            status = re.search(r"the server responded with a status of (\d+)", entry["message"])
            if entry["source"] == "network" and status and int(status.group(1)) in expected_statuses:
                continue
            errors.append(entry["message"])
        return errors

    def i3_schedule(self):
        """The notifications `nhacviec schedule` plans for I.3 until the end of March 2027, as (at, kind, level)."""
        planned = json.loads(self.ws.run("schedule", "--from", "2026-12-07", "--to", "2027-03-31", "--json").stdout)
        return [(n["at"], n["kind"], n["level"]) for n in planned if n["task"] == "I.3"]

    # ---------------------------------------------------------------- the tests

    def test_the_lead_agency_reports_from_the_link_in_its_mail(self):
        self.daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")
        lead_mail = self.message_to(I3_KEY, LEAD_ADDRESS)
        link = self.link_in(lead_mail)
        self.assertTrue(link.startswith(f"http://127.0.0.1:{self.port}/tra-loi/"), link)
        cooperating_link = self.link_in(self.message_to(I3_KEY, COOPERATING_ADDRESS))
        self.assertNotEqual(cooperating_link, link)
        self.assertEqual(self.i3_schedule(), I3_ESCALATIONS)

        # The page before answering.
        self.open(link)
        self.assertEqual(self.text("h1"), "Nhiệm vụ I.3: Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương trình, "
                                          "kế hoạch thực hiện các Nghị quyết của Đảng, Chương trình hành động của Chính "
                                          "phủ liên quan đến phát triển kinh tế nhà nước để điều chỉnh đồng bộ thống nhất.")
        self.assertEqual(self.text("#co-quan p.who"), "Trả lời với tư cách Sở Tài chính (cơ quan chủ trì).")
        self.assertEqual(self.text("#trang-thai"), "Trạng thái: Quá hạn 251 ngày")
        self.assertEqual(self.forms(), ["form-progress", "form-completion", "form-extension"])
        self.assertEqual(self.text("#lich-su p.note"), "Chưa có báo cáo hay thay đổi trạng thái nào.")
        self.shot("answer-before")

        # Progress: a note.
        self.type_into("progress-note", PROGRESS_NOTE)
        self.submit("form-progress")
        at = self.banner_time("báo cáo tiến độ")
        self.assertEqual(self.text("#da-ghi-nhan"), f"Đã ghi nhận báo cáo tiến độ lúc {at} {TODAY}.")
        progress_line = (f"{at} {TODAY} – {LEAD}", f"Báo cáo tiến độ {VIA}", PROGRESS_NOTE)
        self.assertEqual(self.history(), [progress_line])
        self.assertEqual(self.text("#trang-thai"), "Trạng thái: Quá hạn 251 ngày")

        # Extension request: a proposed date and the reason.
        self.type_date("extension-proposed_due", "31/01/2027")
        self.type_into("extension-reason", EXTENSION_REASON)
        self.submit("form-extension")
        at = self.banner_time("đề nghị gia hạn")
        self.assertEqual(self.text("#da-ghi-nhan"), f"Đã ghi nhận đề nghị gia hạn lúc {at} {TODAY}. Thời hạn chỉ thay "
                                                    "đổi khi cơ quan theo dõi chấp thuận.")
        extension_line = (f"{at} {TODAY} – {LEAD}", f"Đề nghị gia hạn đến ngày 31/01/2027 {VIA} (chờ duyệt)",
                          EXTENSION_REASON)
        self.assertEqual(self.history(), [extension_line, progress_line])
        # The request is shown, and nothing else changes until it is approved.
        self.assertEqual(self.text("#trang-thai"), f"Trạng thái: Quá hạn 251 ngày{EXTENSION_STATUS}")
        self.assertEqual(self.i3_schedule(), I3_ESCALATIONS)

        # Completion with a malformed document number: refused next to the field, the typed values kept.
        pdf = minimal_pdf()
        pdf_path = self.ws.path("bao-cao-I3.pdf")
        with open(pdf_path, "wb") as f:
            f.write(pdf)
        self.type_date("completion-done_on", "04/12/2026")
        self.type_into("completion-document_number", "125 BC-STC")
        self.type_date("completion-document_date", "05/12/2026")
        self.driver.find_element(By.ID, "completion-report_file").send_keys(pdf_path)
        self.submit("form-completion")
        self.assertEqual(self.text("#form-completion #loi"), DOCUMENT_NUMBER_MESSAGE)
        self.assertEqual(self.text("#completion-document_number-error"), DOCUMENT_NUMBER_MESSAGE)
        number = self.driver.find_element(By.ID, "completion-document_number")
        self.assertEqual(number.get_attribute("aria-invalid"), "true")
        self.assertEqual(number.get_attribute("value"), "125 BC-STC")
        self.assertEqual(self.driver.find_element(By.ID, "completion-done_on").get_attribute("value"), "2026-12-04")
        self.assertFalse(self.present("#da-ghi-nhan"))
        self.assertEqual(self.history(), [extension_line, progress_line])
        self.assertFalse(os.path.exists(self.ws.path("reports")))  # the file sent with it was not kept
        self.shot("answer-refused")

        # A completion date in the future: the browser itself holds the form back (the field's max is today) ...
        self.type_date("completion-done_on", "08/12/2026")
        self.type_into("completion-document_number", "125/BC-STC")
        done_on = self.driver.find_element(By.ID, "completion-done_on")
        self.assertTrue(self.driver.execute_script("return arguments[0].validity.rangeOverflow", done_on))
        url = self.driver.current_url
        self.driver.find_element(By.CSS_SELECTOR, "#form-completion button[type=submit]").click()
        time.sleep(0.3)
        self.assertEqual(self.driver.current_url, url)
        self.assertEqual(self.text("#form-completion #loi"), DOCUMENT_NUMBER_MESSAGE)  # still the page before
        # ... and a browser that does not check (or an older one) meets the daemon's own check. Turning the
        # browser's check off is the one thing done by script here; the date is still typed.
        self.driver.execute_script("document.querySelector('#form-completion form').noValidate = true")
        self.submit("form-completion")
        self.assertEqual(self.text("#completion-done_on-error"), FUTURE_MESSAGE)
        self.assertEqual(self.text("#form-completion #loi"), FUTURE_MESSAGE)
        self.assertFalse(self.present("#completion-document_number-error"))
        self.assertEqual(self.history(), [extension_line, progress_line])

        # A second person of the agency opens the same link in another tab before the report goes in.
        first_tab = self.driver.current_window_handle
        self.driver.switch_to.new_window("tab")
        self.open(link)
        second_tab = self.driver.current_window_handle
        self.driver.switch_to.window(first_tab)

        # Completion, with the report as a PDF file.
        self.type_date("completion-done_on", "04/12/2026")
        self.type_into("completion-document_number", "125/BC-STC")
        self.type_date("completion-document_date", "05/12/2026")
        self.driver.find_element(By.ID, "completion-report_file").send_keys(pdf_path)
        self.type_into("completion-note", COMPLETION_NOTE)
        self.submit("form-completion")
        at = self.banner_time("báo cáo hoàn thành")
        self.assertEqual(self.text("#da-ghi-nhan"),
                         f"Đã ghi nhận báo cáo hoàn thành lúc {at} {TODAY}. Nhiệm vụ chờ cơ quan theo dõi xác nhận; "
                         "trong thời gian chờ, hệ thống không gửi thư nhắc hạn.")
        self.assertEqual(self.text("#trang-thai"), AWAITING_STATUS)
        self.assertEqual(self.forms(), ["form-progress", "form-extension"])
        completion_line = (f"{at} {TODAY} – {LEAD}",
                           f"Báo cáo hoàn thành ngày 04/12/2026, văn bản số 125/BC-STC ngày 05/12/2026, kèm tệp "
                           f"bao-cao-I3.pdf ({len(pdf)} byte) {VIA} (chờ xác nhận)", COMPLETION_NOTE)
        self.assertEqual(self.history(), [completion_line, extension_line, progress_line])
        self.shot("answer-after-completion")
        # The file is kept in the state directory, named by its content.
        with open(self.ws.path("reports", hashlib.sha256(pdf).hexdigest() + ".pdf"), "rb") as f:
            self.assertEqual(f.read(), pdf)

        # The task's reminders and escalations are gone while the completion awaits confirmation.
        self.assertEqual(self.i3_schedule(), [])

        # The second tab still shows the completion form: its report is refused, at the top of the page.
        self.driver.switch_to.window(second_tab)
        self.type_date("completion-done_on", "03/12/2026")
        self.type_into("completion-document_number", "126/BC-STC")
        self.type_date("completion-document_date", "04/12/2026")
        self.submit("form-completion")
        self.assertEqual(self.text("main > p#loi"), SECOND_COMPLETION_MESSAGE)
        self.assertEqual(self.forms(), ["form-progress", "form-extension"])
        self.assertEqual(self.history(), [completion_line, extension_line, progress_line])
        self.driver.close()
        self.driver.switch_to.window(first_tab)

        # The cooperating agency's page offers only the note form, and records a note.
        self.open(cooperating_link)
        self.assertEqual(self.text("#co-quan p.who"), f"Trả lời với tư cách {COOPERATING} (cơ quan phối hợp).")
        self.assertEqual(self.forms(), ["form-note"])
        self.assertEqual(self.text("#trang-thai"), AWAITING_STATUS)
        self.assertEqual(self.history(), [completion_line, extension_line, progress_line])
        self.shot("answer-cooperating")
        self.type_into("note-note", COOPERATING_NOTE)
        self.submit("form-note")
        at = self.banner_time("ý kiến")
        self.assertEqual(self.text("#da-ghi-nhan"), f"Đã ghi nhận ý kiến lúc {at} {TODAY}.")
        note_line = (f"{at} {TODAY} – {COOPERATING}", f"Ý kiến {VIA}", COOPERATING_NOTE)
        self.assertEqual(self.history(), [note_line, completion_line, extension_line, progress_line])

        self.assertEqual(self.console_errors({422}), [])

        # The next weekly digest lists the task as awaiting confirmation, and the open extension request.
        self.assertEqual(self.daemon.stop(), 0)
        type(self).daemon = Daemon(self.ws, NEXT_DIGEST, "--listen", f"127.0.0.1:{self.port}")
        digest = self.message_to("*|*|2026-12-14|digest|Văn phòng UBND thành phố", "van-phong-ubnd@haiphong.example")
        text = plain_text(digest)
        # The digest shortens titles to 120 characters.
        title = ("Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương trình, kế hoạch thực hiện các Nghị quyết "
                 "của Đảng, Chương trì…")
        self.assertIn(f"\nNHIỆM VỤ QUÁ HẠN\n- I.3 (Sở Tài chính): {title} – hạn 31/03/2026, quá hạn 258 ngày, "
                      "đã báo cáo hoàn thành, chờ xác nhận\n", text)
        self.assertIn(f"\nNHIỆM VỤ ĐÃ BÁO CÁO HOÀN THÀNH, CHỜ XÁC NHẬN\n- I.3 (Sở Tài chính): {title} – Sở Tài chính "
                      "báo cáo hoàn thành ngày 04/12/2026, văn bản số 125/BC-STC ngày 05/12/2026 (gửi ngày 07/12/2026)"
                      "\n\n", text)
        self.assertIn(f"\nĐỀ NGHỊ GIA HẠN CHƯA XỬ LÝ\n- I.3 (Sở Tài chính): {title} – Sở Tài chính đề nghị gia hạn từ "
                      f"31/03/2026 đến 31/01/2027: {EXTENSION_REASON} (gửi ngày 07/12/2026)\n\n", text)

        # The monitoring agency (Sở Tài chính, [roles] of config/agencies.toml) was told of the completion at once.
        def completion_notice(r):
            m = email.message_from_string(r["data"], policy=email.policy.default)
            return m["Subject"] == "Sở Tài chính báo cáo hoàn thành nhiệm vụ I.3" and r["rcpt_tos"] == [LEAD_ADDRESS]
        self.wait_for_mail(completion_notice, "message to the monitoring agency on the completion of I.3", timeout=3)

    def test_a_forged_link_shows_the_invalid_link_page(self):
        self.daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")
        link = self.link_in(self.message_to(I3_KEY, LEAD_ADDRESS))
        # One character of the token changed.
        place = len(link) - 10
        forged = link[:place] + ("B" if link[place] != "B" else "C") + link[place + 1:]
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=10)
        self.assertEqual(refused.exception.code, 404)
        self.driver.get_log("browser")  # what came before
        self.open(forged)
        self.assertEqual(self.text("h1"), "Đường liên kết không dùng được")
        self.assertEqual(self.text("#thong-bao"), FORGED_MESSAGE)
        self.assertEqual(self.text("footer").split(". Trang do")[0],
                         "Cần hỗ trợ, xin liên hệ Sở Tài chính (cơ quan theo dõi thực hiện kế hoạch), thư điện tử "
                         "so-tai-chinh@haiphong.example")
        self.shot("answer-invalid-link")
        self.assertEqual(self.console_errors({404}), [])

    def test_the_page_has_a_strict_content_security_policy(self):
        self.daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")
        link = self.link_in(self.message_to(I3_KEY, LEAD_ADDRESS))
        with urllib.request.urlopen(link, timeout=10) as response:
            self.assertEqual(response.status, 200)
            policy = response.headers["Content-Security-Policy"]
            html = response.read().decode()
        # The one style sheet of the page, allowed by its hash and nothing else.
        style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        self.assertEqual(policy, f"default-src 'none'; style-src 'sha256-{digest}'; form-action 'self'; "
                                 "base-uri 'none'; frame-ancestors 'none'")
        self.assertNotIn("<script", html)


if __name__ == "__main__":
    unittest.main()
