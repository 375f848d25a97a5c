#!/usr/bin/python3
"""The browser test of the Nhập danh sách page against the real service: starts `tdkt serve
--demo` on a fresh SQLite database, writes two lists with openpyxl (one with problems at K3 and
E4, one that imports) and runs import_test.py as the demo's unit officer. Keeps the screenshots in
--artifacts (import.png: the drafts created; import-errors.png, import-dossier.png,
import-history.png).

Usage: run_import_with_demo.py --binary PATH --artifacts DIR
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from api_e2e import Server  # noqa: E402

import openpyxl  # noqa: E402  (Debian python3-openpyxl)

HEADERS = ["STT", "Đối tượng", "Họ và tên / Tên tập thể / Chủ hộ", "Giới tính", "Ngày sinh",
           "Chức vụ", "Trực tiếp lao động, sản xuất", "Số định danh cá nhân", "Loại tập thể",
           "Thôn", "Hình thức khen thưởng", "Tóm tắt thành tích"]


def write(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="tdkt-browser-import-")
    good = [
        [1, "Cá nhân", "Lường Thị Ngọc", "Nữ", datetime.date(1987, 9, 1), "Y sĩ", "Không", None,
         None, None, "Giấy khen của Chủ tịch UBND xã", "Hoàn thành xuất sắc nhiệm vụ năm 2024."],
        [2, "Hộ gia đình", "Lộc Văn Đức", None, None, None, "Có", None, None, "Thôn Minh Thanh",
         "Gia đình văn hóa", "Gia đình văn hóa tiêu biểu."],
    ]
    bad = [good[0],
           [2, "Hộ gia đình", "Lộc Văn Đức", None, None, None, "Có", None, None,
            "Thôn Minh Thanh", "Lao động tiên tiến", "x"],
           [3, "Cá nhân", "Vi Văn Khải", "Nam", "31/02/1980", None, "Có", None, None, None,
            "Lao động tiên tiến", "x"]]
    write(os.path.join(workdir, "good.xlsx"), good)
    write(os.path.join(workdir, "bad.xlsx"), bad)
    server = Server(args.binary, "sqlite:" + os.path.join(workdir, "demo.db"), workdir,
                    name="serve-import")
    try:
        command = ["/usr/bin/python3", os.path.join(HERE, "import_test.py"), "--url",
                   server.url + "/", "--officer", server.tokens["unit_officer"],
                   "--bad", os.path.join(workdir, "bad.xlsx"),
                   "--good", os.path.join(workdir, "good.xlsx"), "--rows", str(len(good)),
                   "--screenshot", os.path.join(args.artifacts, "import.png")]
        return subprocess.run(command, timeout=300).returncode
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
