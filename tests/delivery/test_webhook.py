"""Webhooks end to end: `nhacviec deliver` on the seed against a real HTTP
server (tests/servers/http_server.py) that checks the Standard Webhooks
signature, and each class of failure: retried, retried after Retry-After,
or dead."""

import base64
import datetime
import hashlib
import hmac
import json
import os
import tempfile
import unittest

from harness import Server, Workspace, directory_with, read_jsonl

SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()
FINANCE = 'name = "Sở Tài chính"\nemails = ["so-tai-chinh@haiphong.example"]\nwebhooks = []'
OFFICE = 'name = "Văn phòng UBND thành phố"\nemails = ["van-phong-ubnd@haiphong.example"]\nwebhooks = []'


class WebhookDelivery(unittest.TestCase):
    def start(self, *server_args, secret=SECRET, extra_config="", office=False):
        """The seed, Sở Tài chính with a webhook at /hook and, with `office`, the city office
        with one at /office."""
        self.out = tempfile.mkdtemp(prefix="nhacviec-http-")
        self.server = Server("http_server.py", "--out", self.out, "--secret", SECRET, *server_args)
        self.addCleanup(self.server.stop)
        self.url = f"http://127.0.0.1:{self.server.port}/hook"
        self.office_url = f"http://127.0.0.1:{self.server.port}/office"
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        replacements = [(FINANCE, FINANCE.replace("webhooks = []", f'webhooks = ["{self.url}"]'))]
        urls = [self.url]
        if office:
            replacements.append((OFFICE, OFFICE.replace("webhooks = []", f'webhooks = ["{self.office_url}"]')))
            urls.append(self.office_url)
        with open(self.ws.path("agencies.toml"), "w", encoding="utf-8") as f:
            f.write(directory_with(replacements))
        endpoint = "".join(f'[[webhook.endpoint]]\nurl = "{url}"\nsecret = "{secret}"\n' for url in urls) \
            if secret else ""
        self.ws.write_config(f'[agencies]\ndirectory = "agencies.toml"\n{extra_config}{endpoint}')
        self.ws.import_plan()

    def requests(self):
        return read_jsonl(os.path.join(self.out, "requests.jsonl"))

    def webhook_rows(self, state=None):
        return [r for r in self.ws.outbox(state) if r["channel"] == "webhook"]

    def test_posts_are_signed_and_describe_the_notification(self):
        self.start()
        self.ws.deliver("2026-11-25T08:00", "28 sent, 0 to retry, 0 dead")  # 23 emails, 5 webhooks
        requests = self.requests()
        self.assertEqual(len(requests), 5)
        key = base64.b64decode(SECRET[len("whsec_"):])
        for r in requests:
            self.assertTrue(r["signature_ok"])
            h = r["headers"]
            signed = f'{h["webhook-id"]}.{h["webhook-timestamp"]}.{r["body"]}'.encode()
            expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            self.assertEqual(h["webhook-signature"], expected)
            self.assertRegex(h["webhook-id"], r"^msg_[0-9a-f]{32}$")
            self.assertEqual(h["content-type"], "application/json")
        self.assertEqual(len({r["headers"]["webhook-id"] for r in requests}), 5)

        by_key = {json.loads(r["body"])["data"]["key"]: json.loads(r["body"]) for r in requests}
        i3 = by_key["90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính"]
        self.assertEqual(i3["type"], "nhacviec.escalation")
        self.assertEqual(i3["planned_at"], "2026-10-27T08:00:00+07:00")
        data = i3["data"]
        self.assertEqual(data["plan"], "90/KH-UBND/2026")
        self.assertEqual(data["task"]["id"], "I.3")
        self.assertEqual(data["task"]["product"], "Kế hoạch thực hiện")
        self.assertIsNone(data["task"]["precondition"])
        self.assertEqual(data["deadline"], {"written": "Quý I/2026", "resolved": "2026-03-31",
                                            "legal_end": "2026-03-31"})
        self.assertIsNone(data["period"])
        self.assertEqual(data["kind"], "escalation")
        self.assertEqual(data["level"], 3)
        self.assertEqual(data["days_overdue"], 239)
        self.assertIsNone(data["days_left"])
        self.assertEqual(data["recipients"], {
            "to": ["Sở Tài chính"],
            "cc": ["Các Sở, ban, ngành thành phố", "UBND xã, phường, đặc khu", "Văn phòng UBND thành phố",
                   "Lãnh đạo UBND thành phố"]})
        self.assertEqual(data["subject"], "[Quá hạn kéo dài – báo cáo Lãnh đạo UBND] Nhiệm vụ I.3 quá hạn 239 ngày")
        digest = by_key["*|*|2026-11-23|digest|Văn phòng UBND thành phố"]
        self.assertEqual(digest["type"], "nhacviec.digest")
        self.assertEqual(digest["data"]["digest"]["overdue_count"], 4)

    def test_each_copy_names_its_agency_and_both_moments(self):
        # The I.3 escalation goes to Sở Tài chính (lead) and, copied, to the city office: one
        # webhook each, delivered almost a month after it was planned (catch-up).
        self.start(office=True)
        self.ws.deliver("2026-11-25T08:00", "33 sent, 0 to retry, 0 dead")
        i3 = sorted((r["path"], r, json.loads(r["body"])) for r in self.requests()
                    if json.loads(r["body"])["data"]["key"] == "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính")
        self.assertEqual([(path, body["agency"]) for path, _, body in i3],
                         [("/hook", "Sở Tài chính"), ("/office", "Văn phòng UBND thành phố")])
        for _, r, body in i3:
            self.assertEqual(sorted(body), ["agency", "data", "planned_at", "sent_at", "type"])
            self.assertEqual(body["planned_at"], "2026-10-27T08:00:00+07:00")
            self.assertEqual(body["sent_at"], "2026-11-25T08:00:00+07:00")
            self.assertEqual(r["headers"]["webhook-timestamp"], "1795568400")  # 2026-11-25T08:00:00+07:00
            self.assertTrue(r["signature_ok"])

    def test_each_copy_carries_its_own_answer_link(self):
        # With a public URL, the lead's copy carries the lead's answer link; the city office's
        # copy (it answers for no task) carries none, and neither carries the other's text.
        self.start(extra_config='[api]\npublic_url = "https://nv.example/"\n', office=True)
        self.ws.deliver("2026-11-25T08:00", "33 sent, 0 to retry, 0 dead")
        i3 = {body["agency"]: body for body in (json.loads(r["body"]) for r in self.requests())
              if body["data"]["key"] == "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính"}
        lead = i3["Sở Tài chính"]["data"]
        office = i3["Văn phòng UBND thành phố"]["data"]
        self.assertRegex(lead["answer_url"], r"^https://nv\.example/tra-loi/[A-Za-z0-9_-]{43}$")
        self.assertIn("Báo cáo kết quả, đề nghị gia hạn: " + lead["answer_url"] + "\n", lead["text"])
        self.assertIsNone(office["answer_url"])
        self.assertNotIn("/tra-loi/", office["text"])
        self.assertEqual(lead["reference"], "NV-842P8-CGYE5")
        self.assertEqual(office["reference"], "NV-842P8-CGYE5")
        self.assertEqual(lead["key"], office["key"])

    def test_retry_after_is_honoured_and_the_id_is_kept(self):
        self.start("--status", "503", "--retry-after", "120", "--fail-times", "1")
        self.ws.deliver("2026-11-25T08:00", "27 sent, 1 to retry, 0 dead")
        [row] = self.webhook_rows("retrying")
        self.assertEqual(row["next_attempt_at"], "2026-11-25T08:02:00+07:00")
        self.assertEqual(row["detail"], "HTTP 503, Retry-After 120")
        self.ws.deliver("2026-11-25T08:01:59", "0 sent, 0 to retry, 0 dead")
        self.ws.deliver("2026-11-25T08:02", "1 sent, 0 to retry, 0 dead")
        requests = self.requests()
        self.assertEqual(len(requests), 6)
        # The retry carries the same webhook-id as the refused attempt, so a receiver can drop repeats.
        self.assertEqual(requests[0]["headers"]["webhook-id"], requests[5]["headers"]["webhook-id"])
        # Each attempt's body says when it was sent, as its webhook-timestamp does.
        self.assertEqual([json.loads(requests[i]["body"])["sent_at"] for i in (0, 5)],
                         ["2026-11-25T08:00:00+07:00", "2026-11-25T08:02:00+07:00"])
        self.assertEqual([requests[i]["headers"]["webhook-timestamp"] for i in (0, 5)], ["1795568400", "1795568520"])
        self.assertEqual(len({r["headers"]["webhook-id"] for r in requests}), 5)

    def test_429_waits_as_long_as_asked(self):
        self.start("--status", "429", "--retry-after", "600")
        self.ws.deliver("2026-11-25T08:00", "23 sent, 5 to retry, 0 dead")
        rows = self.webhook_rows("retrying")
        self.assertEqual([r["next_attempt_at"] for r in rows], ["2026-11-25T08:10:00+07:00"] * 5)

    def test_server_errors_and_timeouts_are_retried(self):
        for args, detail in ((["--status", "500"], "HTTP 500"), (["--status", "408"], "HTTP 408")):
            with self.subTest(args=args):
                self.start(*args)
                self.ws.deliver("2026-11-25T08:00", "23 sent, 5 to retry, 0 dead")
                for row in self.webhook_rows("retrying"):
                    self.assertEqual(row["detail"], detail)
                    self.assertRegex(row["next_attempt_at"], r"^2026-11-25T08:0(0:5[4-9]|1:0[0-6])\+07:00$")

    def test_a_hanging_endpoint_times_out_and_is_retried(self):
        self.start("--hang", extra_config="[webhook]\ntimeout_seconds = 1\nconnections = 5\n")
        self.ws.deliver("2026-11-25T08:00", "23 sent, 5 to retry, 0 dead")
        for row in self.webhook_rows("retrying"):
            self.assertRegex(row["detail"], r"^Operation timed out after 1\d\d\d milliseconds with 0 bytes received "
                                            + r"\(http://127\.0\.0\.1:\d+/hook\)$")

    def test_other_client_errors_are_dead_at_once(self):
        self.start("--status", "404")
        self.ws.deliver("2026-11-25T08:00", "23 sent, 0 to retry, 5 dead")
        rows = self.webhook_rows("dead")
        self.assertEqual([(r["attempts"], r["detail"]) for r in rows], [(1, "HTTP 404")] * 5)
        self.assertEqual(len(self.requests()), 5)
        # Nothing more is tried later.
        self.ws.deliver("2026-11-25T20:00", "0 sent, 0 to retry, 0 dead")
        self.assertEqual(len(self.requests()), 5)

    def test_an_endpoint_without_a_secret_is_reported_and_never_posted_unsigned(self):
        self.start(secret=None)
        check = self.ws.run("check", check=False)
        self.assertEqual(check.returncode, 1)
        self.assertIn(f"  webhook without a secret: Sở Tài chính: {self.url} "
                      "(add a [[webhook.endpoint]] to the configuration)\n", check.stdout)
        self.ws.deliver("2026-11-25T08:00", "23 sent, 0 to retry, 5 dead")
        self.assertEqual(self.requests(), [])
        for row in self.webhook_rows("dead"):
            self.assertEqual(row["detail"],
                             f"no secret for {self.url}: add it as a [[webhook.endpoint]] to the configuration")

    def test_send_test_posts_a_signed_test_message(self):
        self.start()
        result = self.ws.run("send-test", "Sở Tài chính")
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertRegex(lines[0], r"^email so-tai-chinh@haiphong\.example → mail folder .*/mail: sent \(delivered to ")
        self.assertEqual(lines[1], f"webhook {self.url}: sent (HTTP 204)")
        [request] = self.requests()
        self.assertTrue(request["signature_ok"])
        body = json.loads(request["body"])
        self.assertEqual(body["type"], "nhacviec.test")
        self.assertEqual(body["data"]["agency"], "Sở Tài chính")
        self.assertEqual(body["data"]["subject"], "Thử nghiệm kênh nhận thông báo nhắc việc")


if __name__ == "__main__":
    unittest.main()
