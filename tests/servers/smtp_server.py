#!/usr/bin/python3
"""A small SMTP server for the tests (aiosmtpd 1.4, Debian's python3-aiosmtpd).

Listens on 127.0.0.1, on a free port unless --port N, and prints "ready PORT"
once it accepts connections. Runs until it is sent SIGTERM.

  --out DIR                each accepted message appended (and flushed) as one
                           JSON line to DIR/messages.jsonl:
                           {"mail_from", "rcpt_tos", "data", "peer_connection", "helo"}
                           where peer_connection numbers the connections from 1
                           and helo is the name the client gave in EHLO;
                           DIR/connections.txt holds the number of connections
  --fail-rcpt CODE         reply CODE (e.g. 450, 550) to every RCPT TO
  --fail-data-times N CODE reply CODE to the first N messages (after their
                           data), then accept
  --starttls CERT KEY      offer STARTTLS with this certificate and require it
  --tls CERT KEY           implicit TLS (the client speaks TLS from the start)
  --auth USER:PASS         require AUTH PLAIN or LOGIN with these credentials
                           (after STARTTLS when --starttls is given)
  --idle-timeout SECONDS   close a connection idle this long (default 300)
  --close-after N          after N messages on a connection, close it without
                           a word when the client starts the next one (MAIL)
  --cut-data N             for the first N messages, answer DATA with 354, read
                           the first line of the message and close the
                           connection in the middle of it (nothing accepted)
  --delay SECONDS          wait this long before accepting each message
  --hang                   accept connections and never say anything
"""

import argparse
import asyncio
import json
import logging
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    """The aiosmtpd handler: applies the configured failures and records messages."""

    def __init__(self, args):
        self.args = args
        self.data_failures_left = args.fail_data_times[0] if args.fail_data_times else 0
        self.cuts_left = args.cut_data or 0
        self.out = open(os.path.join(args.out, "messages.jsonl"), "a", encoding="utf-8") if args.out else None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.args.close_after and server.messages >= self.args.close_after:
            server.transport.abort()
            return "421 closing"  # never arrives: the connection is gone
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.fail_rcpt:
            return f"{self.args.fail_rcpt} recipient refused by test server: {address}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.delay:
            await asyncio.sleep(self.args.delay)
        if self.data_failures_left > 0:
            self.data_failures_left -= 1
            return f"{self.args.fail_data_times[1]} message refused by test server"
        if self.out:
            record = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "data": envelope.original_content.decode("utf-8", errors="replace"),
                "peer_connection": server.connection_number,
                "helo": session.host_name,
            }
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.out.flush()
        server.messages += 1
        return "250 2.0.0 Ok: queued"


class CountingSMTP(SMTP):
    """aiosmtpd's SMTP protocol, numbering its connections."""

    connections = 0
    messages = 0  # accepted on this connection

    def connection_made(self, transport):
        if self.transport is None:  # not the STARTTLS upgrade of a connection already counted
            CountingSMTP.connections += 1
            self.connection_number = CountingSMTP.connections
            if self.out_dir:
                with open(os.path.join(self.out_dir, "connections.txt"), "w") as f:
                    f.write(f"{CountingSMTP.connections}\n")
        super().connection_made(transport)

    async def smtp_DATA(self, arg):
        handler = self.event_handler
        if handler.cuts_left > 0 and self.envelope.rcpt_tos and not arg:
            handler.cuts_left -= 1
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._reader.readuntil(b"\r\n")  # the message's first line; the rest never read
            self.transport.abort()
            return
        await super().smtp_DATA(arg)


def tls_context(cert_and_key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_and_key[0], cert_and_key[1])
    return context


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd replies 535
    return check


async def hang(reader, writer):
    await reader.read()  # until the client gives up
    writer.close()


async def serve(args):
    loop = asyncio.get_running_loop()
    if args.hang:
        server = await asyncio.start_server(hang, "127.0.0.1", args.port)
    else:
        handler = Recorder(args)
        options = {"hostname": "test.example", "timeout": args.idle_timeout}
        if args.starttls:
            options.update(tls_context=tls_context(args.starttls), require_starttls=True)
        if args.auth:
            user, _, password = args.auth.partition(":")
            # AUTH after STARTTLS; with implicit TLS or in clear, allowed at once.
            options.update(authenticator=authenticator(user, password), auth_required=True,
                           auth_require_tls=bool(args.starttls))

        def factory():
            protocol = CountingSMTP(handler, loop=loop, **options)
            protocol.out_dir = args.out
            return protocol

        server = await loop.create_server(factory, "127.0.0.1", args.port,
                                          ssl=tls_context(args.tls) if args.tls else None)
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out")
    parser.add_argument("--fail-rcpt", type=int)
    parser.add_argument("--fail-data-times", nargs=2, type=int, metavar=("N", "CODE"))
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", metavar="USER:PASS")
    parser.add_argument("--idle-timeout", type=float, default=300)
    parser.add_argument("--close-after", type=int)
    parser.add_argument("--cut-data", type=int)
    parser.add_argument("--delay", type=float)
    parser.add_argument("--hang", action="store_true")
    args = parser.parse_args()
    # aiosmtpd warns about AUTH without TLS and its own deprecations: expected here.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
