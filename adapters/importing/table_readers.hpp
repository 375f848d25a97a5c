#pragma once
// Reading a unit's nomination list from the file the office sends: XLSX (the OOXML package, read
// with libzip and pugixml, since Debian 12 ships no C++ spreadsheet reader) or CSV (UTF-8, comma
// or semicolon). Both give an engine::Sheet of typed cells; the core judges the rows.
//
// What a file may be is bounded before anything is parsed: the bytes inflated from the package
// (per part, in total, and their ratio to the compressed size: a zip bomb stops at the limit),
// the number of rows and columns. A file the reader refuses is InvalidArgument with a Vietnamese
// message that says what and where (the part, the cell): not a zip, not a workbook, a formula, a
// merged range, an error value, no sheet, too many rows.
//
// Pure functions of the bytes; safe from any thread.

#include <cstddef>
#include <string_view>

#include "engine/import_sheet.hpp"
#include "engine/nomination_import.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::importing {

struct ReadLimits {
  std::size_t max_part_bytes = 16u << 20;   // one XML part, inflated
  std::size_t max_total_bytes = 32u << 20;  // every part read, inflated
  // Inflated / compressed, for parts over 1 MiB: real sheets compress 10 to 30 times; a bomb
  // thousands of times.
  double max_ratio = 100;
  int max_entries = 1000;                     // files in the package
  int max_rows = engine::kMaxImportRows + 1;  // the header and the data rows
  int max_columns = 64;
};

enum class TableFormat { kXlsx, kCsv };

// The first sheet of the workbook (the first tab), its rows that hold anything. Formulas, merged
// cells and error values are refused naming the cell: a list the office signs must say what it
// shows, and a cached formula result may be stale or missing (a file not recalculated since), so
// the reader does not pick one.
engine::Result<engine::Sheet> ReadXlsx(std::string_view bytes, const ReadLimits& limits = {});

// RFC 4180 CSV in UTF-8, with or without a byte-order mark; fields separated by commas or by
// semicolons (what the header line uses, outside quotes), quoted fields may hold separators,
// doubled quotes and line breaks. Every cell is text. Not UTF-8 is refused (save as "CSV UTF-8").
engine::Result<engine::Sheet> ReadCsv(std::string_view bytes, const ReadLimits& limits = {});

engine::Result<engine::Sheet> ReadTable(std::string_view bytes, TableFormat format,
                                        const ReadLimits& limits = {});

}  // namespace tdkt::adapters::importing
