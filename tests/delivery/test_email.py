"""Email end to end: `nhacviec deliver` on the seed against a real SMTP server
(aiosmtpd, tests/servers/smtp_server.py); every message parsed back with
Python's email package."""

import base64
import email
import email.header
import email.policy
import os
import re
import tempfile
import tomllib
import unittest

from harness import SEED, SOURCE, Server, Workspace, read_jsonl

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
Báo cáo kết quả, đề nghị gia hạn: bằng văn bản gửi Sở Tài chính.

--
Thư nhắc việc tự động của hệ thống nhắc việc nhacviec. Số tham chiếu: NV-842P8-CGYE5
"""


def plain_text(message):
    """The text/plain part with the canonical CRLF line breaks (RFC 2045) read as \\n."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def parse(record):
    return email.message_from_string(record["data"], policy=email.policy.default)


I1_KEY = "90/KH-UBND/2026|I.1|2026-Q4|review-14|Sở Văn hóa, Thể thao và Du lịch"
# The directory's names whose run of non-ASCII words is too long for one encoded word (45
# bytes) with no plain ASCII word to break it (see test_display_names_decode_as_written).
PYTHON_DOUBLES = [
    "Các cơ quan truyền thông, báo chí trên địa bàn thành phố",
    "Các Sở, ngành, đơn vị liên quan là cơ quan chủ quản của đơn vị sự nghiệp công lập",
    "Các quỹ tài chính nhà nước ngoài ngân sách",
    "Các cơ quan quản lý các quỹ tài chính nhà nước ngoài ngân sách",
]
ENCODED_WORD = re.compile(r"=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=")


def mailboxes(message, header):
    """(display name, address) of each mailbox of a header, as Python's email reads them."""
    return [(a.display_name, a.addr_spec) for a in message[header].addresses]


def rfc2047_display_name(raw_mailbox):
    """The display name of one raw mailbox ("=?UTF-8?B?…?= \"thanh,\" … <addr>") decoded as
    RFC 2047 section 6.2 says: white space between two adjacent encoded words is dropped, any
    other kept; the quoted strings nhacviec writes hold no escapes."""
    raw = re.sub(r"\r\n(?=[ \t])", "", raw_mailbox)
    phrase = raw[:raw.rindex("<")].strip()
    return str(email.header.make_header(email.header.decode_header(phrase))).replace('"', "")


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

    def test_every_message_says_it_is_auto_generated(self):
        # RFC 3834: out-of-office replies must not come back to the sender.
        self.start()
        self.ws.deliver("2026-11-25T08:00", "23 sent, 0 to retry, 0 dead")
        self.assertEqual([parse(r)["Auto-Submitted"] for r in self.received()], ["auto-generated"] * 23)

    def test_each_address_appears_once_under_its_own_agency(self):
        # I.1's cooperating cell names "Báo và phát thanh, truyền hình Hải Phòng" and the group
        # "các cơ quan truyền thông, báo chí trên địa bàn thành phố", of which it is a member.
        self.start()
        self.ws.run("deliver", "--now", "2026-12-17T08:00")
        i1 = [parse(r) for r in self.received() if parse(r)["X-Nhacviec-Key"] == I1_KEY]
        # Python's email keeps the folding space between two encoded words of a display name
        # (see test_display_names_decode_as_written): compared with single spaces.
        single = lambda boxes: [(" ".join(name.split()), address) for name, address in boxes]
        for m in i1:
            self.assertEqual(single(mailboxes(m, "To")), [
                ("Sở Văn hóa, Thể thao và Du lịch", "so-van-hoa-the-thao-du-lich@haiphong.example")])
            self.assertEqual(single(mailboxes(m, "Cc")), [
                ("Các Sở, ban, ngành thành phố", "cac-so-ban-nganh@haiphong.example"),
                ("UBND xã, phường, đặc khu", "ubnd-xa-phuong-dac-khu@haiphong.example"),
                ("Báo và Phát thanh, Truyền hình Hải Phòng", "bao-phat-thanh-truyen-hinh@haiphong.example"),
                ("Các cơ quan truyền thông, báo chí trên địa bàn thành phố", "co-quan-bao-chi@haiphong.example")])
        # One copy per address.
        self.assertEqual(sorted(r["rcpt_tos"][0] for r in self.received()
                                if parse(r)["X-Nhacviec-Key"] == I1_KEY), [
            "bao-phat-thanh-truyen-hinh@haiphong.example", "cac-so-ban-nganh@haiphong.example",
            "co-quan-bao-chi@haiphong.example", "so-van-hoa-the-thao-du-lich@haiphong.example",
            "ubnd-xa-phuong-dac-khu@haiphong.example"])

    def test_display_names_decode_as_written(self):
        # Every agency of the directory that has an address, as the To of a real message.
        self.start()
        with open(os.path.join(SOURCE, "config", "agencies.toml"), "rb") as f:
            names = [a["name"] for a in tomllib.load(f)["agency"] if a.get("emails")]
        self.assertEqual(len(names), 27)
        python_differs = []
        for name in names:
            self.ws.run("send-test", name)
            record = self.received()[-1]
            raw_to = re.search(r"^To: (.*?)\r?\n(?![ \t])", record["data"], re.M | re.S).group(1)
            first_mailbox = raw_to.split(">,")[0].rstrip(">") + ">"
            # No encoded word starts with a space: the space between two words ends the first.
            for word in ENCODED_WORD.findall(first_mailbox):
                self.assertFalse(base64.b64decode(word).decode().startswith(" "), (name, first_mailbox))
            # Decoded as RFC 2047 says, the name is exactly as written.
            self.assertEqual(rfc2047_display_name(first_mailbox), name)
            if mailboxes(parse(record), "To")[0][0] != name:
                python_differs.append(name)
        # Python's email decodes every name as written, but those with a run of words too long
        # for one encoded word (45 bytes) and no plain ASCII word to break it: it keeps the folding
        # space between the two encoded words, which RFC 2047 drops, and shows a doubled space.
        self.assertEqual(python_differs, PYTHON_DOUBLES)

    def amended_plan(self, *replacements):
        """The seed with each (line start, old, new) replaced in the first line that starts so;
        new None removes the line."""
        with open(SEED, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for start, old, new in replacements:
            i = next(i for i, line in enumerate(lines) if line.startswith(start))
            if new is None:
                del lines[i]
            else:
                self.assertIn(old, lines[i])
                lines[i] = lines[i].replace(old, new, 1)
        path = self.ws.path("amended.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        return path

    def test_two_agencies_without_a_contact_in_one_task_stop_nothing(self):
        # I.3 cooperates with two agencies the directory does not know: each is recorded
        # undeliverable on its own, and everything else goes out, for every task.
        self.start()
        self.ws.import_plan(self.amended_plan(
            ("3\t", "- Các Sở, ban, ngành thành phố; - UBND xã, phường, đặc khu;", "Sở Không Có A; Sở Không Có B")))
        result = self.ws.deliver("2026-12-01T08:00", "33 sent, 0 to retry, 0 dead")
        self.assertIn("2 deliveries recorded as undeliverable: the agency has no contact\n", result.stdout)
        dead = [(r["key"], r["agency"], r["channel"], r["detail"]) for r in self.ws.outbox("dead")]
        self.assertEqual(dead, [
            ("90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính", "Sở Không Có A", "none", "not in the agency directory"),
            ("90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính", "Sở Không Có B", "none", "not in the agency directory")])
        i3 = sorted(rcpt for key, rcpt in ((parse(r)["X-Nhacviec-Key"], r["rcpt_tos"][0]) for r in self.received())
                    if key.startswith("90/KH-UBND/2026|I.3|"))
        self.assertEqual(i3, ["lanh-dao-ubnd@haiphong.example", "so-tai-chinh@haiphong.example",
                              "van-phong-ubnd@haiphong.example"])

    def test_an_amendment_cancels_what_no_longer_holds_and_rewords_the_rest(self):
        # The server refuses the first 23 messages for now: all of 25 November's deliveries retry.
        self.start("--fail-data-times", "23", "451")
        self.ws.deliver("2026-11-25T08:00", "0 sent, 23 to retry, 0 dead")
        # Then the plan is amended: II.4.1 removed, II.1.1's deadline moved from Quý III/2026 to
        # Quý I/2027, I.3's deadline worded anew (the same day); and II.5.1 is marked done.
        self.ws.import_plan(self.amended_plan(
            ("4.1\t", None, None),
            ("1.1\t", "Quý III/2026", "Quý I/2027"),
            ("3\t", "Quý I/2026", "Trước ngày 31/3/2026")))
        self.ws.run("status", "II.5.1", "done", "--date", "2026-11-20")
        result = self.ws.deliver("2026-11-25T08:05", "7 sent, 0 to retry, 0 dead")
        self.assertIn("16 deliveries cancelled: their notification no longer holds "
                      "(nhacviec outbox --state cancelled)\n", result.stdout)
        cancelled = sorted({(r["key"], r["detail"]) for r in self.ws.outbox("cancelled")})
        self.assertEqual(cancelled, [
            ("90/KH-UBND/2026|II.1.1|-|escalation-3.1|Sở Nông nghiệp và Môi trường",
             'no longer planned for 2026-10-30T08:00:00+07:00: the deadline of task II.1.1 is now "Quý I/2027" '
             "(2027-03-31)"),
            ("90/KH-UBND/2026|II.4.1|-|escalation-3.1|Sở Tài chính",
             "task II.4.1 is no longer in plan 90/KH-UBND/2026"),
            ("90/KH-UBND/2026|II.5.1|-|escalation-3.1|Sở Tài chính", "task II.5.1 was marked done on 2026-11-20")])
        self.assertEqual(len(self.ws.outbox("cancelled")), 16)
        # What still holds goes out as the plan now words it.
        sent = [parse(r) for r in self.received()]
        self.assertEqual(sorted({m["X-Nhacviec-Key"] for m in sent}), [
            "*|*|2026-11-23|digest|Văn phòng UBND thành phố", I3_KEY])
        for m in sent:
            if m["X-Nhacviec-Key"] == I3_KEY:
                self.assertIn("Thời hạn: Trước ngày 31/3/2026 (đến hết ngày 31/03/2026)\n", plain_text(m))
                self.assertNotIn("Quý I/2026", plain_text(m))
        # A cancelled notification does not hold its key: after II.1.1's new deadline has passed,
        # the same escalation step comes due again, and goes out.
        self.ws.run("deliver", "--now", "2027-05-04T08:00")
        again = [parse(r) for r in self.received()[len(sent):]]
        ii11 = [m for m in again
                if m["X-Nhacviec-Key"] == "90/KH-UBND/2026|II.1.1|-|escalation-3.1|Sở Nông nghiệp và Môi trường"]
        self.assertEqual(len(ii11), 5)
        self.assertIn("Thời hạn: Quý I/2027", plain_text(ii11[0]))

    def test_send_test_names_an_unknown_agency(self):
        self.start()
        result = self.ws.run("send-test", "Sở Không Có", check=False)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, 'nhacviec: unknown agency "Sở Không Có"\n')


if __name__ == "__main__":
    unittest.main()
