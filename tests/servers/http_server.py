#!/usr/bin/env python3
"""A small HTTP/1.1 server for the webhook tests.

Listens on 127.0.0.1 (port 0, i.e. any free port, unless --port N), prints
"ready PORT" on stdout once it accepts connections, and answers every request
as the options say. Connections are kept alive between requests.

Each request is appended to OUT/requests.jsonl (with --out OUT) as one JSON
line, before the answer is sent:
  {"method", "path", "headers": {lower-case name: value}, "body",
   "connection": number of the TCP connection, counted from 1,
   "signature_ok": true/false (only with --secret)}

Options:
  --status CODE        the answer's status (default 204)
  --retry-after VALUE  a Retry-After header on every answer that is not 2xx
  --fail-times N       only the first N requests get --status; later ones 204
  --hang               read the request, record it, never answer
  --secret whsec_...   check the Standard Webhooks signature (webhook-id,
                       webhook-timestamp, webhook-signature); the timestamp's
                       age is not checked
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import itertools
import json
import os
import sys
import threading
import time


def signature_ok(key, headers, body):
    """Whether one of the webhook-signature entries signs this request."""
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = headers.get("webhook-signature", "").split(" ")
    return any(hmac.compare_digest(expected, entry) for entry in given)


def make_handler(options):
    lock = threading.Lock()
    connections = itertools.count(1)
    requests = itertools.count(1)
    key = base64.b64decode(options.secret[len("whsec_"):]) if options.secret else None
    log_path = os.path.join(options.out, "requests.jsonl") if options.out else None

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive

        def setup(self):
            super().setup()
            with lock:
                self.connection_number = next(connections)

        def log_message(self, format, *args):
            pass  # quiet: the crash test sends thousands of requests

        def handle_any(self):
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length) if length > 0 else b""
            headers = {}
            for name, value in self.headers.items():
                name = name.lower()
                headers[name] = headers[name] + ", " + value if name in headers else value
            record = {
                "method": self.command,
                "path": self.path,
                "headers": headers,
                "body": body.decode("utf-8", errors="replace"),
                "connection": self.connection_number,
            }
            if key is not None:
                record["signature_ok"] = signature_ok(key, headers, body)
            with lock:
                number = next(requests)
                if log_path:
                    with open(log_path, "a", encoding="utf-8") as log:
                        log.write(json.dumps(record, ensure_ascii=False) + "\n")

            if options.hang:
                while True:
                    time.sleep(3600)

            failing = options.fail_times is None or number <= options.fail_times
            status = options.status if failing else 204
            self.send_response(status)
            if options.retry_after is not None and not 200 <= status <= 299:
                self.send_header("Retry-After", options.retry_after)
            if 300 <= status <= 399:
                self.send_header("Location", "/redirected")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = handle_any

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a hanging answer does not keep the process alive
    request_queue_size = 128  # bursts of connections from the crash test


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out")
    parser.add_argument("--status", type=int, default=204)
    parser.add_argument("--retry-after")
    parser.add_argument("--fail-times", type=int)
    parser.add_argument("--hang", action="store_true")
    parser.add_argument("--secret")
    options = parser.parse_args()

    server = Server(("127.0.0.1", options.port), make_handler(options))
    print(f"ready {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
