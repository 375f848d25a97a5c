#!/usr/bin/env python3
"""A real SMTP server on loopback for tests (aiosmtpd): every message it accepts is written to
OUT_DIR as N.eml (the bytes received) and N.json (what a mail reader sees: the envelope, the
headers as received, the subject decoded per RFC 2047, the body decoded from its transfer
encoding and charset). Prints "PORT <n>" once it listens; runs until killed.

usage: smtp_sink.py OUT_DIR
"""
import email
import email.header
import json
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw)
        charset = message.get_content_charset() or "us-ascii"
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": message.get("From", ""),
            "to": message.get("To", ""),
            "subject_raw": message.get("Subject", ""),
            "subject": str(email.header.make_header(
                email.header.decode_header(message.get("Subject", "")))),
            "content_type": message.get("Content-Type", ""),
            "transfer_encoding": message.get("Content-Transfer-Encoding", ""),
            "message_id": message.get("Message-ID", ""),
            "date": message.get("Date", ""),
            "body": message.get_payload(decode=True).decode(charset),
        }
        base = os.path.join(self.out_dir, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        with open(base + ".tmp", "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        os.rename(base + ".tmp", base + ".json")  # readers never see half a file
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    out_dir = sys.argv[1]
    port = free_port()
    controller = Controller(Sink(out_dir), hostname="127.0.0.1", port=port)
    controller.start()
    print("PORT %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
