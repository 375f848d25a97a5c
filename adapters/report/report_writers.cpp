#include "adapters/report/report_writers.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tdkt::adapters::report {

using engine::reports::Cell;
using engine::reports::CellKind;
using engine::reports::Report;
using engine::reports::Table;

namespace {

std::string DateText(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  return text;
}

std::string CellText(const Cell& cell, CellKind kind) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
  if (const auto* share = std::get_if<double>(&cell)) {
    char text[32];
    std::snprintf(text, sizeof text, kind == CellKind::kPercent ? "%.1f%%" : "%g",
                  kind == CellKind::kPercent ? *share * 100.0 : *share);
    return text;
  }
  if (const auto* day = std::get_if<std::chrono::sys_days>(&cell)) return DateText(*day);
  return "";
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void CsvRow(std::ostringstream& out, const std::vector<Cell>& cells, const Table& table) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvField(CellText(cells[i], table.columns[i].kind));
  }
  out << "\r\n";
}

struct Formats {
  lxw_format* title;
  lxw_format* heading;
  lxw_format* header;
  lxw_format* text;
  lxw_format* count;
  lxw_format* money;
  lxw_format* percent;
  lxw_format* date;
  lxw_format* total_text;
  lxw_format* total_number;
};

Formats MakeFormats(lxw_workbook* book) {
  auto bordered = [&](bool bold) {
    lxw_format* f = workbook_add_format(book);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold) format_set_bold(f);
    return f;
  };
  Formats f{};
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_name(f.title, "Times New Roman");
  format_set_font_size(f.title, 14);
  f.heading = workbook_add_format(book);
  format_set_italic(f.heading);
  format_set_font_name(f.heading, "Times New Roman");
  format_set_font_size(f.heading, 12);
  f.header = bordered(true);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_bg_color(f.header, 0xE8EEF4);
  f.text = bordered(false);
  f.count = bordered(false);
  format_set_num_format(f.count, "0");
  f.money = bordered(false);
  format_set_num_format(f.money, "#,##0");
  f.percent = bordered(false);
  format_set_num_format(f.percent, "0.0%");
  f.date = bordered(false);
  format_set_num_format(f.date, "dd/mm/yyyy");
  f.total_text = bordered(true);
  f.total_number = bordered(true);
  format_set_num_format(f.total_number, "#,##0");
  return f;
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell, CellKind kind,
               const Formats& f, bool total) {
  lxw_format* number_format = total                        ? f.total_number
                              : kind == CellKind::kMoney   ? f.money
                              : kind == CellKind::kPercent ? f.percent
                                                           : f.count;
  if (const auto* text = std::get_if<std::string>(&cell)) {
    worksheet_write_string(sheet, row, col, text->c_str(), total ? f.total_text : f.text);
  } else if (const auto* number = std::get_if<std::int64_t>(&cell)) {
    worksheet_write_number(sheet, row, col, static_cast<double>(*number), number_format);
  } else if (const auto* share = std::get_if<double>(&cell)) {
    worksheet_write_number(sheet, row, col, *share, total ? f.percent : number_format);
  } else if (const auto* day = std::get_if<std::chrono::sys_days>(&cell)) {
    const std::chrono::year_month_day ymd(*day);
    lxw_datetime when = {static_cast<int>(ymd.year()),
                         static_cast<int>(unsigned(ymd.month())),
                         static_cast<int>(unsigned(ymd.day())),
                         0,
                         0,
                         0};
    worksheet_write_datetime(sheet, row, col, &when, f.date);
  } else {
    worksheet_write_blank(sheet, row, col, total ? f.total_text : f.text);
  }
}

}  // namespace

std::string ToCsv(const Report& report) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF";  // the byte-order mark: Excel then reads the file as UTF-8
  out << CsvField(report.title) << "\r\n" << CsvField(report.subtitle) << "\r\n";
  for (const Table& table : report.tables) {
    out << "\r\n" << CsvField(table.title) << "\r\n";
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (i > 0) out << ',';
      out << CsvField(table.columns[i].title);
    }
    out << "\r\n";
    for (const auto& row : table.rows) CsvRow(out, row, table);
    if (table.total) CsvRow(out, *table.total, table);
  }
  return out.str();
}

namespace {

boost::json::value CellJson(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return boost::json::value(*text);
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return boost::json::value(*number);
  if (const auto* share = std::get_if<double>(&cell)) return boost::json::value(*share);
  if (const auto* day = std::get_if<std::chrono::sys_days>(&cell)) {
    const std::chrono::year_month_day ymd(*day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return boost::json::value(text);
  }
  return nullptr;
}

boost::json::array RowJson(const std::vector<Cell>& cells) {
  boost::json::array row;
  for (const Cell& cell : cells) row.push_back(CellJson(cell));
  return row;
}

const char* KindName(CellKind kind) {
  switch (kind) {
    case CellKind::kText: return "text";
    case CellKind::kCount: return "count";
    case CellKind::kMoney: return "money";
    case CellKind::kDate: return "date";
    case CellKind::kPercent: return "percent";
  }
  return "text";
}

}  // namespace

std::string ToJson(const Report& report) {
  boost::json::array tables;
  for (const Table& table : report.tables) {
    boost::json::array columns;
    for (const auto& column : table.columns) {
      columns.push_back({{"title", column.title}, {"kind", KindName(column.kind)}});
    }
    boost::json::array rows;
    for (const auto& row : table.rows) rows.push_back(RowJson(row));
    tables.push_back({{"name", table.name},
                      {"title", table.title},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)},
                      {"total", table.total ? boost::json::value(RowJson(*table.total))
                                            : boost::json::value(nullptr)}});
  }
  return boost::json::serialize(boost::json::object{
      {"title", report.title}, {"subtitle", report.subtitle}, {"tables", std::move(tables)}});
}

engine::Result<std::string> ToXlsx(const Report& report) {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) return engine::Status::Unavailable("no temporary directory: " + ec.message());
  char name[] = "tdkt-report-XXXXXX";
  const std::string pattern = (dir / name).string();
  std::vector<char> path(pattern.begin(), pattern.end());
  path.push_back('\0');
  const int fd = mkstemp(path.data());
  if (fd < 0) return engine::Status::Unavailable("cannot create a temporary file for the XLSX");
  ::close(fd);
  const std::string file(path.data());

  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
  if (book == nullptr) {
    std::filesystem::remove(file, ec);
    return engine::Status::Unavailable("libxlsxwriter cannot open a workbook");
  }
  const Formats f = MakeFormats(book);
  for (const Table& table : report.tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, table.name.c_str());
    if (sheet == nullptr) continue;
    worksheet_set_paper(sheet, 9);  // A4
    worksheet_write_string(sheet, 0, 0, report.title.c_str(), f.title);
    worksheet_write_string(sheet, 1, 0, report.subtitle.c_str(), f.heading);
    worksheet_write_string(sheet, 2, 0, table.title.c_str(), f.heading);
    const lxw_row_t header = 4;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      worksheet_write_string(sheet, header, col, table.columns[c].title.c_str(), f.header);
      const double width = table.columns[c].kind == CellKind::kText    ? 34
                           : table.columns[c].kind == CellKind::kMoney ? 18
                           : table.columns[c].kind == CellKind::kDate  ? 14
                                                                       : 12;
      worksheet_set_column(sheet, col, col,
                           c == 0 && table.columns[c].kind == CellKind::kCount ? 6 : width,
                           nullptr);
    }
    worksheet_freeze_panes(sheet, header + 1, 0);
    lxw_row_t row = header + 1;
    for (const auto& cells : table.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        WriteCell(sheet, row, static_cast<lxw_col_t>(c), cells[c], table.columns[c].kind, f, false);
      }
      ++row;
    }
    if (table.total) {
      for (std::size_t c = 0; c < table.total->size(); ++c) {
        WriteCell(sheet, row, static_cast<lxw_col_t>(c), (*table.total)[c], table.columns[c].kind,
                  f, true);
      }
    }
  }
  const lxw_error closed = workbook_close(book);
  if (closed != LXW_NO_ERROR) {
    std::filesystem::remove(file, ec);
    return engine::Status::Unavailable(std::string("libxlsxwriter: ") + lxw_strerror(closed));
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(file, ec);
  if (bytes.empty()) return engine::Status::Unavailable("the XLSX came out empty");
  return bytes;
}

}  // namespace tdkt::adapters::report
