#pragma once
// A report (engine/reports.hpp) as the office opens it: an XLSX workbook written with
// libxlsxwriter (one worksheet per table: the report's title, the table's heading, a bold header
// row frozen in place, money as "#,##0", shares as "0.0%", dates as dd/mm/yyyy), or CSV as UTF-8
// with a byte-order mark so that Excel shows Vietnamese correctly (RFC 4180 quoting; the tables
// one after the other, each after its heading). Stateless; safe from any thread.

#include <string>

#include "engine/reports.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::report {

// The workbook's bytes; Unavailable when it cannot be written (a temporary file is used).
engine::Result<std::string> ToXlsx(const engine::reports::Report& report);
std::string ToCsv(const engine::reports::Report& report);
// {"title", "subtitle", "tables": [{"name", "title", "columns": [{"title", "kind"}], "rows",
// "total"}]}: cells are null, strings, whole numbers, shares (0..1) or dates "YYYY-MM-DD" (the
// dashboard draws the tables from it).
std::string ToJson(const engine::reports::Report& report);

}  // namespace tdkt::adapters::report
