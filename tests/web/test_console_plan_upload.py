"""The console's plan upload (/quan-ly/nhap-ke-hoach), end to end in a real
browser: Debian's chromium, driven by chromium-driver through
python3-selenium.

The daemon starts on an empty database with an admin and a viewer account.
The admin follows the console's link, uploads the bundled plan as a Word
document made by LibreOffice (tests/data/office/plan-90-libreoffice.docx):
the preview shows 51 tasks and the one warning (II.5.13 has no date), and
"Áp dụng" imports them. A status is set on II.7.6 from the command line.
Then an amended text version of the bundled plan (made here: II.7.6's
deadline changed, II.7.7 removed, II.7.8 added) is previewed: exactly
those changes are listed; "Hủy" leaves the database as it was; previewed
again and applied, the changes are in `nhacviec tasks` and II.7.6 keeps its
status. A PDF and a Word 97-2003 document are refused in Vietnamese,
naming the file and what to do; over HTTP, a form without a file, a form without the CSRF
token and the viewer are refused.

With NHACVIEC_SCREENSHOTS=DIR, full-page screenshots at desktop (1366 px)
and phone (390 px) width go there.
"""

import base64
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))

from harness import BIN, SEED  # noqa: E402
from check_html import check  # noqa: E402

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from console_daemon import ConsoleDaemon  # noqa: E402
from headless_chromium import browser, NoRedirect  # noqa: E402

NOW = "2026-12-07T09:00"
PASSWORD = "mật khẩu đúng 2026"
SCREENSHOTS = os.environ.get("NHACVIEC_SCREENSHOTS")
OFFICE = os.path.join(HERE, "..", "data", "office")
DOCX = os.path.join(OFFICE, "plan-90-libreoffice.docx")
NEW_TASK = ("7.8\tTổng kết, đánh giá việc thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập.\tSở Tài chính\t"
            "Sở Nội vụ\tBáo cáo\tQuý IV/2026")
WARNING_TAIL = (", nhiệm vụ II.5.13: thời hạn “Trong từng giai đoạn” không nêu ngày cụ thể; nhiệm vụ để ở trạng thái "
                "chưa xác định thời hạn cho đến khi được đặt hạn.")
STALE_FORM = ("Biểu mẫu này không do phiên làm việc hiện tại tạo ra, hoặc đã cũ. Xin mở lại trang quản lý và thực "
              "hiện lại.")
NOT_ADMIN = ("Chỉ tài khoản quản trị được nhập kế hoạch. Xin liên hệ người quản trị hệ thống nếu cần nhập một kế "
             "hoạch mới hoặc một phiên bản mới.")
STORED_TABLES = ("plans", "tasks", "task_agencies", "task_changes", "status_changes")


def amended_seed():
    """The bundled plan with II.7.6's deadline changed, II.7.7 removed and II.7.8 added."""
    with open(SEED, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines:
        if line.startswith("7.6\t"):
            out.append(line[:line.rindex("\t") + 1] + "Quý IV/2026")
        elif line.startswith("7.7\t"):
            continue
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out + [NEW_TASK, ""])


class ConsolePlanUpload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="nhacviec-plan-upload-")
        cls.db = os.path.join(cls.dir, "nhacviec.db")
        for name, role in (("quantri", "admin"), ("xem", "viewer")):
            subprocess.run([BIN, "--db", cls.db, "user", "add", name, "--role", role],
                           input=(PASSWORD + "\n").encode(), check=True, cwd=cls.dir, capture_output=True)
        cls.amended = os.path.join(cls.dir, "ke-hoach-90-sua-doi.txt")
        with open(cls.amended, "w", encoding="utf-8") as f:
            f.write(amended_seed())
        cls.daemon = ConsoleDaemon(cls.dir, cls.db, NOW)
        cls.base = cls.daemon.base
        cls.driver = browser()
        cls.driver.set_window_size(1366, 900)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.daemon.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    # Helpers

    def cli(self, *args):
        return subprocess.run([BIN, "--db", self.db, *args], check=True, cwd=self.dir, capture_output=True,
                              text=True).stdout

    def tasks(self):
        return {t["id"]: t for t in json.loads(self.cli("tasks", "--json"))}

    def stored(self):
        """What the database holds of the plans, their tasks, history and statuses."""
        with sqlite3.connect(self.db) as db:
            return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in STORED_TABLES}

    def login(self, name):
        d = self.driver
        d.delete_all_cookies()
        d.get(self.base + "/quan-ly/dang-nhap")
        d.find_element(By.ID, "name").send_keys(name)
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form.login button").click()
        WebDriverWait(d, 10).until(expected_conditions.url_to_be(self.base + "/quan-ly/"))
        return "nv_phien=" + d.get_cookie("nv_phien")["value"]

    def click_and_wait(self, selector):
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, selector).click()
        WebDriverWait(self.driver, 30, ignored_exceptions=(WebDriverException,)).until(
            expected_conditions.staleness_of(old))

    def upload(self, path):
        self.driver.find_element(By.ID, "tep").send_keys(os.path.abspath(path))
        self.click_and_wait("form[enctype] button")

    def text(self, element_id):
        return self.driver.find_element(By.ID, element_id).text

    def items(self, list_id):
        return [li.text for li in self.driver.find_elements(By.CSS_SELECTOR, f"#{list_id} > li")]

    def codes(self, list_id):
        return [li.get_attribute("data-code") for li in self.driver.find_elements(By.CSS_SELECTOR, f"#{list_id} > li")]

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
                with open(os.path.join(SCREENSHOTS, f"plan-upload-{name}-{label}.png"), "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        self.driver.set_window_size(1366, 900)

    def post(self, cookie, fields, file=None, origin=True):
        """A multipart POST to the upload page as a script sends it; (status, page text)."""
        boundary = uuid.uuid4().hex
        body = b""
        for name, value in fields.items():
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").encode()
        if file is not None:
            name, data = file
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{name}\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        headers = {"Cookie": cookie, "Content-Type": f"multipart/form-data; boundary={boundary}"}
        if origin:
            headers["Origin"] = self.base
        request = urllib.request.Request(self.base + "/quan-ly/nhap-ke-hoach", data=body, headers=headers,
                                         method="POST")
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def token(self):
        return self.driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")

    # The test

    def test_upload_preview_apply_cancel(self):
        d = self.driver
        cookie = self.login("quantri")
        d.find_element(By.LINK_TEXT, "Nhập kế hoạch").click()
        WebDriverWait(d, 10).until(expected_conditions.url_to_be(self.base + "/quan-ly/nhap-ke-hoach"))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Nhập kế hoạch")
        self.assertEqual(self.text("upload-limit"),
                         "Tệp Word (.docx), Excel (.xlsx) hoặc văn bản (.txt) có bảng phụ lục nhiệm vụ, tối đa 10 MB. "
                         "Hệ thống cho xem trước những gì sẽ được nhập; dữ liệu chỉ thay đổi khi bấm “Áp dụng”.")
        self.shot("form")
        self.assertEqual(self.tasks(), {})

        # The Word document into the empty database: 51 tasks and the one warning, nothing written yet.
        empty = self.stored()
        self.upload(DOCX)
        self.assertEqual(self.text("preview-file"), "plan-90-libreoffice.docx")
        self.assertEqual(self.text("preview-plan"), "Kế hoạch số 90/KH-UBND ngày 20/03/2026")
        self.assertEqual(self.text("preview-count"), "51")
        self.assertEqual(self.text("preview-kind"), "Kế hoạch mới: chưa có trong hệ thống; 51 nhiệm vụ sẽ được thêm.")
        self.assertEqual(self.items("preview-warnings"), ["Bảng 1, hàng 54" + WARNING_TAIL])
        codes = self.codes("preview-tasks")
        self.assertEqual(len(codes), 51)
        self.assertEqual(codes[:3], ["I.1", "I.2", "I.3"])
        self.assertEqual(codes[-1], "II.7.7")
        self.assertEqual(self.items("preview-tasks")[2],
                         "I.3 " + self.seed_tasks()["I.3"]["title"] + "\nChủ trì: Sở Tài chính · Thời hạn: Quý I/2026")
        self.assertEqual(self.stored(), empty)
        self.shot("preview-new")

        # The page as the server sends it is well-formed HTML5.
        with urllib.request.urlopen(urllib.request.Request(self.base + "/quan-ly/nhap-ke-hoach",
                                                           headers={"Cookie": cookie}), timeout=30) as r:
            page = r.read()
        with open(os.path.join(self.dir, "page.html"), "wb") as f:
            f.write(page)
        self.assertEqual(check(os.path.join(self.dir, "page.html")), [])

        self.click_and_wait("#ap-dung")
        self.assertEqual(self.text("upload-notice"), "Đã nhập kế hoạch 90/KH-UBND từ tệp plan-90-libreoffice.docx.")
        self.assertEqual(self.text("preview-kind"), "Đã nhập kế hoạch mới; 51 nhiệm vụ đã được thêm.")
        tasks = self.tasks()
        self.assertEqual(len(tasks), 51)
        self.assertEqual(tasks["I.3"]["deadline"]["due"], "2026-03-31")
        self.shot("applied-new")
        # The console's task list sees them at once.
        d.get(self.base + "/quan-ly/nhiem-vu")
        self.assertIn("51 nhiệm vụ", d.find_element(By.TAG_NAME, "main").text)

        # A status the amendment must keep.
        self.cli("status", "II.7.6", "in-progress")
        self.assertEqual(self.tasks()["II.7.6"]["status"]["state"], "in_progress")

        # The amended text: exactly its three changes; cancelled, nothing changes.
        d.get(self.base + "/quan-ly/nhap-ke-hoach")
        before = self.stored()
        self.upload(self.amended)
        self.assertEqual(self.text("preview-file"), "ke-hoach-90-sua-doi.txt")
        self.assertEqual(self.text("preview-count"), "51")
        self.assertEqual(self.text("preview-kind"), "Phiên bản mới của kế hoạch đã lưu. Trạng thái và lịch sử của "
                                                    "các nhiệm vụ được giữ nguyên.")
        self.assertEqual(self.codes("preview-added"), ["II.7.8"])
        self.assertEqual(self.items("preview-added"),
                         ["II.7.8 – Tổng kết, đánh giá việc thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập."])
        self.assertEqual(self.codes("preview-removed"), ["II.7.7"])
        self.assertEqual(self.codes("preview-changed"), ["II.7.6"])
        self.assertEqual(self.items("preview-changed"), ["II.7.6\nThời hạn: \"Giai đoạn 2026 – 2030\" → \"Quý IV/2026\""])
        self.assertEqual(d.find_elements(By.ID, "preview-restored"), [])
        self.assertEqual(self.items("preview-warnings"), ["Dòng 145" + WARNING_TAIL])
        self.assertEqual(d.find_elements(By.ID, "preview-tasks"), [])
        self.shot("preview-amended")
        self.click_and_wait("#huy")
        self.assertEqual(self.text("upload-notice"), "Đã hủy việc nhập tệp ke-hoach-90-sua-doi.txt; dữ liệu không "
                                                     "thay đổi.")
        self.assertEqual(d.find_elements(By.ID, "preview"), [])
        self.assertEqual(self.stored(), before)

        # Again, applied: the changes are stored, the status stays.
        self.upload(self.amended)
        self.click_and_wait("#ap-dung")
        self.assertEqual(self.text("upload-notice"), "Đã nhập kế hoạch 90/KH-UBND từ tệp ke-hoach-90-sua-doi.txt.")
        self.assertEqual(self.text("preview-kind"), "Đã cập nhật phiên bản mới của kế hoạch đã lưu. Trạng thái và "
                                                    "lịch sử của các nhiệm vụ được giữ nguyên.")
        tasks = self.tasks()
        self.assertEqual(len(tasks), 51)
        self.assertNotIn("II.7.7", tasks)
        self.assertEqual(tasks["II.7.8"]["deadline"]["due"], "2026-12-31")
        self.assertEqual(tasks["II.7.6"]["deadline"]["text"], "Quý IV/2026")
        self.assertEqual(tasks["II.7.6"]["status"]["state"], "in_progress")
        with sqlite3.connect(self.db) as db:
            self.assertEqual(db.execute("SELECT source_name FROM plans").fetchall(),
                             [("ke-hoach-90-sua-doi.txt, uploaded in the console by quantri",)])
        self.shot("applied-amended")

        # Refusals in Vietnamese, naming the file and what to do; nothing stored changes.
        before = self.stored()
        for name, message in [
                ("small-plan.pdf", "Tệp small-plan.pdf là tệp PDF: hãy xuất bảng phụ lục sang .docx, hoặc trích nội "
                                   "dung ra tệp văn bản (.txt), rồi tải lên."),
                ("small-plan.doc", "Tệp small-plan.doc là tài liệu Word 97-2003 (.doc): hãy lưu lại dưới dạng .docx "
                                   "rồi tải lên.")]:
            self.upload(os.path.join(OFFICE, name))
            self.assertEqual(self.text("upload-error"), message)
            self.assertEqual(d.find_elements(By.ID, "preview"), [])
        self.shot("refused")
        self.assertEqual(self.stored(), before)

        # Over HTTP: no file chosen; no CSRF token; a viewer.
        token = self.token()
        status, page = self.post(cookie, {"csrf": token, "buoc": "xem-truoc"}, ("", b""))
        self.assertEqual(status, 422)
        self.assertIn("Chưa chọn tệp: xin chọn tệp kế hoạch (.docx, .xlsx hoặc .txt) rồi bấm “Xem trước”.", page)
        with open(SEED, "rb") as f:
            seed = f.read()
        status, page = self.post(cookie, {"buoc": "xem-truoc"}, ("ke-hoach.txt", seed))
        self.assertEqual(status, 403)
        self.assertIn(STALE_FORM, page)
        # A file over 10 MiB in a body the server reads: the form's message; a larger body is refused from its
        # Content-Length, before it is read.
        status, page = self.post(cookie, {"csrf": token, "buoc": "xem-truoc"},
                                 ("lon.txt", b"x" * (10 * 1024 * 1024 + 1)))
        self.assertEqual(status, 400)
        self.assertIn("Tệp kế hoạch: tệp quá lớn (tối đa 10 MB).", page)
        with socket.create_connection(("127.0.0.1", int(self.base.rsplit(":", 1)[1])), timeout=30) as s:
            s.sendall(("POST /quan-ly/nhap-ke-hoach HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
                       "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 20000000\r\n\r\n")
                      .encode())
            answer = s.recv(4096).decode()
        self.assertTrue(answer.startswith("HTTP/1.1 413 "), answer)
        status, page = self.post(cookie, {"csrf": "sai", "buoc": "ap-dung", "ban": "1"})
        self.assertEqual(status, 403)
        self.assertIn(STALE_FORM, page)
        self.assertEqual(self.stored(), before)

        viewer = self.login("xem")
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(self.base + "/quan-ly/nhap-ke-hoach",
                                                          headers={"Cookie": viewer}), timeout=30)
        self.assertEqual(refused.exception.code, 403)
        self.assertIn(NOT_ADMIN, refused.exception.read().decode())
        d.get(self.base + "/quan-ly/nhap-ke-hoach")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Không có quyền nhập kế hoạch")
        self.shot("viewer")

    def seed_tasks(self):
        """The bundled plan's tasks as `nhacviec tasks --json` gives them, from a database of its own."""
        db = os.path.join(self.dir, "seed.db")
        if not os.path.exists(db):
            subprocess.run([BIN, "--db", db, "import", SEED], check=True, cwd=self.dir, capture_output=True)
        out = subprocess.run([BIN, "--db", db, "tasks", "--json"], check=True, cwd=self.dir, capture_output=True,
                             text=True).stdout
        return {t["id"]: t for t in json.loads(out)}


if __name__ == "__main__":
    unittest.main()
