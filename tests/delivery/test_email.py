"""Email end to end: `nhacviec deliver` on the seed against a real SMTP server
(aiosmtpd, tests/servers/smtp_server.py); every message parsed back with
Python's email package."""

import email
import email.policy
import os
import re
import tempfile
import unittest

from harness import Server, Workspace, read_jsonl

I3_KEY = "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính"
I3_TEXT = """Kính gửi: Sở Tài chính
Đồng gửi: Các Sở, ban, ngành thành phố; UBND xã, phường, đặc khu; Văn phòng UBND thành phố; Lãnh đạo UBND thành phố

Nhiệm vụ dưới đây thuộc Kế hoạch số 90/KH-UBND ngày 20/03/2026 đã hết thời hạn ngày 31/03/2026 nhưng chưa được báo cáo hoàn thành (quá hạn 239 ngày):

Nhiệm vụ I.3: Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương trình, kế hoạch thực hiện các Nghị quyết của Đảng, Chương trình hành động của Chính phủ liên quan đến phát triển kinh tế nhà nước để điều chỉnh đồng bộ thống nhất.
Sản phẩm: Kế hoạch thực hiện
Thời hạn: Quý I/2026 (đến hết ngày 31/03/2026)
Cơ quan chủ trì: Sở Tài chính
Cơ quan phối hợp: Các Sở, ban, ngành thành phố; UBND xã, phường, đặc khu

Nhiệm vụ quá hạn kéo dài (239 ngày); thông báo này được gửi đồng thời Lãnh đạo UBND thành phố. Đề nghị người đứng đầu Sở Tài chính trực tiếp chỉ đạo hoàn thành nhiệm vụ, báo cáo giải trình về Sở Tài chính và Văn phòng UBND thành phố.

--
Thư nhắc việc tự động của hệ thống nhắc việc nhacviec. Mã thông báo: 90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính
"""


def plain_text(message):
    """The text/plain part with the canonical CRLF line breaks (RFC 2045) read as \\n."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def parse(record):
    return email.message_from_string(record["data"], policy=email.policy.default)


class EmailDelivery(unittest.TestCase):
    def start(self, *server_args):
        self.out = tempfile.mkdtemp(prefix="nhacviec-smtp-")
        self.server = Server("smtp_server.py", "--out", self.out, *server_args)
        self.addCleanup(self.server.stop)
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        self.ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{self.server.port}"\nsecurity = "none"\n')
        self.ws.import_plan()

    def received(self):
        return read_jsonl(os.path.join(self.out, "messages.jsonl"))

    def test_escalations_arrive_once_with_headers_and_threading(self):
        self.start()
        result = self.ws.deliver("2026-11-25T08:00", "23 sent, 0 to retry, 0 dead")
        self.assertIn("5 notifications came due, 391 skipped by catch-up\n", result.stdout)
        records = self.received()
        self.assertEqual(len(records), 23)

        i3 = [r for r in records if parse(r)["X-Nhacviec-Key"] == I3_KEY]
        self.assertEqual(sorted(r["rcpt_tos"][0] for r in i3), [
            "cac-so-ban-nganh@haiphong.example", "lanh-dao-ubnd@haiphong.example",
            "so-tai-chinh@haiphong.example", "ubnd-xa-phuong-dac-khu@haiphong.example",
            "van-phong-ubnd@haiphong.example"])
        for r in i3:
            self.assertEqual(r["mail_from"], "nhacviec@haiphong.example")
            self.assertEqual(len(r["rcpt_tos"]), 1)
        m = parse(i3[0])
        self.assertEqual(m["Subject"], "[Quá hạn kéo dài – báo cáo Lãnh đạo UBND] Nhiệm vụ I.3 quá hạn 239 ngày")
        self.assertEqual(m["From"], "Hệ thống nhắc việc UBND thành phố Hải Phòng <nhacviec@haiphong.example>")
        self.assertEqual(m["To"], "Sở Tài chính <so-tai-chinh@haiphong.example>")
        self.assertEqual([(a.display_name, a.addr_spec) for a in m["Cc"].addresses], [
            ("Các Sở, ban, ngành thành phố", "cac-so-ban-nganh@haiphong.example"),
            ("UBND xã, phường, đặc khu", "ubnd-xa-phuong-dac-khu@haiphong.example"),
            ("Văn phòng UBND thành phố", "van-phong-ubnd@haiphong.example"),
            ("Lãnh đạo UBND thành phố", "lanh-dao-ubnd@haiphong.example")])
        self.assertEqual(m["Date"], "Wed, 25 Nov 2026 08:00:00 +0700")
        self.assertRegex(m["Message-ID"], r"^<[0-9a-f]{32}@haiphong\.example>$")
        self.assertEqual(m["In-Reply-To"], "<thread.90-KH-UBND-2026.I.3@haiphong.example>")
        self.assertEqual(m["References"], "<thread.90-KH-UBND-2026.I.3@haiphong.example>")
        self.assertEqual(m.get_content_type(), "multipart/alternative")
        parts = [p.get_content_type() for p in m.iter_parts()]
        self.assertEqual(parts, ["text/plain", "text/html"])
        self.assertEqual(plain_text(m), I3_TEXT)
        html = m.get_body(("html",)).get_content()
        self.assertTrue(html.startswith("<p>Kính gửi: <b>Sở Tài chính</b><br>Đồng gửi: Các Sở, ban, ngành thành phố; "))
        self.assertIn("chưa được báo cáo hoàn thành (<b>quá hạn 239 ngày</b>):</p>", html)
        self.assertIn('<tr><th align="left">Thời hạn</th><td>Quý I/2026 (đến hết ngày 31/03/2026)</td></tr>', html)

        # One Message-ID per notification, shared by its copies.
        ids = {}
        for r in records:
            p = parse(r)
            ids.setdefault(p["X-Nhacviec-Key"], set()).add(p["Message-ID"])
        self.assertEqual(len(ids), 5)
        self.assertTrue(all(len(v) == 1 for v in ids.values()))
        self.assertEqual(len({next(iter(v)) for v in ids.values()}), 5)

        # The same moment again: nothing new, nothing sent twice.
        self.ws.deliver("2026-11-25T08:00", "0 sent, 0 to retry, 0 dead")
        self.assertEqual(len(self.received()), 23)

        # The next day, I.3's next level-3 repeat joins the same thread.
        self.ws.run("deliver", "--now", "2026-11-26T08:00")
        later = [parse(r) for r in self.received()[23:]]
        self.assertEqual(len(later), 5)
        for p in later:
            self.assertEqual(p["X-Nhacviec-Key"], "90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính")
            self.assertEqual(p["References"], "<thread.90-KH-UBND-2026.I.3@haiphong.example>")
            self.assertNotEqual(p["Message-ID"], m["Message-ID"])
            self.assertEqual(p["Subject"],
                             "[Quá hạn kéo dài – báo cáo Lãnh đạo UBND] Nhiệm vụ I.3 quá hạn 240 ngày")

    def test_a_temporary_refusal_is_retried_and_then_delivered(self):
        self.start("--fail-data-times", "3", "451")
        self.ws.deliver("2026-11-25T08:00", "20 sent, 3 to retry, 0 dead")
        retrying = self.ws.outbox("retrying")
        self.assertEqual(len(retrying), 3)
        for row in retrying:
            self.assertEqual(row["attempts"], 1)
            self.assertIn("451", row["detail"])
            # 1 minute, give or take the 10 % jitter.
            self.assertRegex(row["next_attempt_at"], r"^2026-11-25T08:0(0:5[4-9]|1:0[0-6])\+07:00$")
        self.ws.deliver("2026-11-25T08:00:50", "0 sent, 0 to retry, 0 dead")
        self.ws.deliver("2026-11-25T08:02", "3 sent, 0 to retry, 0 dead")
        self.assertEqual(len(self.received()), 23)
        keys = {(parse(r)["X-Nhacviec-Key"], r["rcpt_tos"][0]) for r in self.received()}
        self.assertEqual(len(keys), 23)

    def test_a_permanent_refusal_is_dead_at_once_and_reported_in_the_digest(self):
        self.start("--fail-rcpt", "550")
        self.ws.deliver("2026-11-25T08:00", "0 sent, 0 to retry, 23 dead")
        dead = self.ws.outbox("dead")
        self.assertEqual(len(dead), 23)
        self.assertTrue(all(row["attempts"] == 1 and "550" in row["detail"] for row in dead))

    def test_send_test_reaches_the_agency(self):
        self.start()
        result = self.ws.run("send-test", "Sở Tài chính")
        self.assertRegex(result.stdout,
                         rf"^email so-tai-chinh@haiphong\.example → smtp://127\.0\.0\.1:{self.server.port}: sent \(.*250.*\)\n$")
        [record] = self.received()
        m = parse(record)
        self.assertEqual(m["Subject"], "Thử nghiệm kênh nhận thông báo nhắc việc")
        self.assertTrue(plain_text(m).startswith(
            "Kính gửi: Sở Tài chính\n\nĐây là thông báo thử nghiệm của hệ thống nhắc việc UBND thành phố Hải Phòng"))

    def test_send_test_names_an_unknown_agency(self):
        self.start()
        result = self.ws.run("send-test", "Sở Không Có", check=False)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, 'nhacviec: unknown agency "Sở Không Có"\n')


if __name__ == "__main__":
    unittest.main()
