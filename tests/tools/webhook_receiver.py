#!/usr/bin/env python3
"""A webhook receiver on loopback for tests: checks each POST's X-Tdkt-Signature
("sha256=" + hex HMAC-SHA256 of the raw body under SECRET) and that the body is a JSON object,
answers HTTP 500 to the first FAIL_FIRST requests and 200 afterwards, and appends one JSON line
per request to LOG_FILE. Prints "PORT <n>" once it listens; runs until killed.

usage: webhook_receiver.py SECRET FAIL_FIRST LOG_FILE
"""
import hashlib
import hmac
import http.server
import json
import sys
import threading

SECRET = sys.argv[1].encode("utf-8")
FAIL_FIRST = int(sys.argv[2])
LOG_FILE = sys.argv[3]
lock = threading.Lock()
count = 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        signature_ok = hmac.compare_digest(expected, self.headers.get("X-Tdkt-Signature", ""))
        try:
            document = json.loads(body.decode("utf-8"))
        except ValueError:
            document = None
        with lock:
            count += 1
            status = 500 if count <= FAIL_FIRST else 200
            if not signature_ok:
                status = 401
            with open(LOG_FILE, "a", encoding="utf-8") as f:
                f.write(json.dumps({"n": count, "status": status, "signature_ok": signature_ok,
                                    "delivery": self.headers.get("X-Tdkt-Delivery", ""),
                                    "content_type": self.headers.get("Content-Type", ""),
                                    "body": document}, ensure_ascii=False) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
