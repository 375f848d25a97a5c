#!/usr/bin/env bash
# Makes the spreadsheets the import's reader is tested on (tests/adapters/importing/), as the
# office's programs write them; the outputs are committed so that the tests need neither program:
#   libreoffice_list.xlsx  LibreOffice Calc's conversion of libreoffice_list.csv
#                          (Debian libreoffice-calc-nogui: shared strings, dates as serials)
#   openpyxl_list.xlsx     written by openpyxl_list.py (Debian python3-openpyxl: inline strings,
#                          a date, booleans, a number)
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# CSV:44,34,76,1 — comma-separated, double quotes, UTF-8, from line 1.
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$out" \
  libreoffice_list.csv >/dev/null
cp "$out/libreoffice_list.xlsx" libreoffice_list.xlsx
/usr/bin/python3 openpyxl_list.py openpyxl_list.xlsx
