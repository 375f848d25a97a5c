#pragma once
// A spreadsheet as the import of a unit's list sees it: rows of typed cells, whatever file they
// came from (adapters/importing reads XLSX and CSV into it). The core judges the rows; it never
// sees a file.
//
// Plain values; safe to share between threads.

#include <string>
#include <vector>

namespace tdkt::engine {

// One cell: empty, text, a number (a date typed in Excel is a number: its serial), or a boolean.
struct SheetCell {
  enum class Kind { kEmpty, kText, kNumber, kBoolean };
  Kind kind = Kind::kEmpty;
  std::string text;  // kText: the UTF-8 text as written
  double number = 0;
  bool boolean = false;

  static SheetCell Text(std::string t) { return {Kind::kText, std::move(t), 0, false}; }
  static SheetCell Number(double n) { return {Kind::kNumber, {}, n, false}; }
  static SheetCell Boolean(bool b) { return {Kind::kBoolean, {}, 0, b}; }
  friend bool operator==(const SheetCell&, const SheetCell&) = default;
};

// A row that is not empty, with the number the office sees beside it (1-based: the file's row in
// a spreadsheet, the record's line in a CSV). cells[0] is column A; missing trailing cells are
// empty.
struct SheetRow {
  int number = 0;
  std::vector<SheetCell> cells;

  friend bool operator==(const SheetRow&, const SheetRow&) = default;
};

// The rows of the first sheet that hold anything, in order; the first is the header.
struct Sheet {
  std::vector<SheetRow> rows;
  bool date1904 = false;  // the workbook counts date serials from 1904 (engine::DateFromSerial)
};

// The column's letters as a spreadsheet shows them: 0 is "A", 25 "Z", 26 "AA".
inline std::string ColumnLetters(int index) {
  std::string out;
  for (int n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

}  // namespace tdkt::engine
