// The CSV reader (RFC 4180, as spreadsheets write it): hand-written because Debian 12 ships no C++
// CSV library, and the grammar is a dozen lines.
#include <string>

#include "adapters/importing/table_readers.hpp"

namespace tdkt::adapters::importing {

namespace {

using engine::Result;
using engine::Status;

// The byte offset of the first sequence that is not well-formed UTF-8, or npos.
std::size_t FirstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xE  ? 3
                         : (c >> 3) == 0x1E ? 4
                                            : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    if (length == 2 && c < 0xC2) return i;
    if (length == 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;
    }
    if (length == 4) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// The separator of the header line: the more frequent of ',' and ';' outside quotes (',' when
// neither appears: a one-column file).
char DetectSeparator(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

Result<engine::Sheet> ReadCsv(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    return Status::InvalidArgument(
        "tệp CSV mã hóa UTF-16: hãy lưu dưới dạng «CSV UTF-8 (phân cách bằng dấu phẩy)»");
  }
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return Status::InvalidArgument("tệp là một gói zip (XLSX?), không phải CSV");
  }
  if (std::size_t bad = FirstInvalidUtf8(bytes); bad != std::string_view::npos) {
    int line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += bytes[i] == '\n';
    return Status::InvalidArgument("tệp CSV không phải UTF-8 (byte " + std::to_string(bad) +
                                   ", dòng " + std::to_string(line) +
                                   "): hãy lưu dưới dạng «CSV UTF-8»");
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("tệp CSV chứa byte 0: không phải tệp văn bản");
  }
  const char separator = DetectSeparator(bytes);
  engine::Sheet sheet;
  engine::SheetRow row;
  std::string field;
  bool quoted_field = false;  // the field began with a quote
  int line = 1;               // the physical line being read
  row.number = 1;
  auto end_field = [&]() -> Status {
    if (static_cast<int>(row.cells.size()) >= limits.max_columns) {
      return Status::InvalidArgument("tệp CSV, dòng " + std::to_string(row.number) + ": quá " +
                                     std::to_string(limits.max_columns) + " cột");
    }
    row.cells.push_back(field.empty() && !quoted_field ? engine::SheetCell()
                                                       : engine::SheetCell::Text(field));
    field.clear();
    quoted_field = false;
    return Status::Ok();
  };
  auto end_row = [&]() -> Status {
    if (Status s = end_field(); !s.ok()) return s;
    bool any = false;
    for (const auto& cell : row.cells) {
      any = any || (cell.kind == engine::SheetCell::Kind::kText &&
                    cell.text.find_first_not_of(" \t") != std::string::npos);
    }
    if (any) {
      if (static_cast<int>(sheet.rows.size()) >= limits.max_rows) {
        return Status::InvalidArgument("tệp CSV có quá " + std::to_string(limits.max_rows - 1) +
                                       " dòng đề nghị (dòng " + std::to_string(row.number) +
                                       "); hãy chia danh sách thành nhiều tệp");
      }
      while (!row.cells.empty() && row.cells.back().kind == engine::SheetCell::Kind::kEmpty) {
        row.cells.pop_back();
      }
      sheet.rows.push_back(std::move(row));
    }
    row = engine::SheetRow();
    return Status::Ok();
  };
  std::size_t i = 0;
  while (i < bytes.size()) {
    char c = bytes[i];
    if (c == '"' && field.empty() && !quoted_field) {
      // A quoted field: up to the closing quote; "" is one quote.
      quoted_field = true;
      const int opened_at = line;
      ++i;
      for (;;) {
        if (i >= bytes.size()) {
          return Status::InvalidArgument("tệp CSV, dòng " + std::to_string(opened_at) +
                                         ": dấu ngoặc kép mở mà không đóng");
        }
        if (bytes[i] == '"') {
          if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (bytes[i] == '\n') ++line;
        field += bytes[i++];
      }
      if (i < bytes.size() && bytes[i] != separator && bytes[i] != '\n' && bytes[i] != '\r') {
        return Status::InvalidArgument("tệp CSV, dòng " + std::to_string(line) +
                                       ": có ký tự sau dấu ngoặc kép đóng");
      }
      continue;
    }
    if (c == separator) {
      if (Status s = end_field(); !s.ok()) return s;
      ++i;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      ++i;
      if (Status s = end_row(); !s.ok()) return s;
      ++line;
      row.number = line;
    } else if (c == '"') {
      return Status::InvalidArgument("tệp CSV, dòng " + std::to_string(line) +
                                     ": dấu ngoặc kép giữa ô không được đặt trong ngoặc kép");
    } else {
      field += c;
      ++i;
    }
  }
  if (!field.empty() || quoted_field || !row.cells.empty()) {
    if (Status s = end_row(); !s.ok()) return s;
  }
  if (sheet.rows.empty()) return Status::InvalidArgument("tệp CSV trống: không có dòng nào");
  return sheet;
}

Result<engine::Sheet> ReadTable(std::string_view bytes, TableFormat format,
                                const ReadLimits& limits) {
  return format == TableFormat::kXlsx ? ReadXlsx(bytes, limits) : ReadCsv(bytes, limits);
}

}  // namespace tdkt::adapters::importing
