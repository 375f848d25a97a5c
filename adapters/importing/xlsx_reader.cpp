// The XLSX reader: the package (ECMA-376 Part 2, Open Packaging Conventions) through libzip, its
// parts through pugixml, the SpreadsheetML of ECMA-376 Part 1, §18 read by local element names
// (producers differ in namespace prefixes). pugixml expands no DTD entities, so an XML entity bomb
// is just text.
#include <zip.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "adapters/importing/table_readers.hpp"

namespace tdkt::adapters::importing {

namespace {

using engine::Result;
using engine::SheetCell;
using engine::Status;

struct ZipClose {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::string Mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

class Package {
 public:
  Package(zip_t* archive, const ReadLimits& limits) : archive_(archive), limits_(limits) {}

  bool Has(const std::string& name) const {
    return zip_name_locate(archive_.get(), name.c_str(), 0) >= 0;
  }

  // The part's bytes, inflated within the limits.
  Result<std::string> Read(const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_.get(), name.c_str(), 0, &stat) != 0) {
      return Status::InvalidArgument("tệp XLSX thiếu phần " + name);
    }
    const std::size_t declared = static_cast<std::size_t>(stat.size);
    if ((stat.valid & ZIP_STAT_SIZE) && declared > limits_.max_part_bytes) {
      return Status::InvalidArgument("phần " + name + " của tệp XLSX giải nén lớn quá " +
                                     Mib(limits_.max_part_bytes) + " (" + std::to_string(declared) +
                                     " byte)");
    }
    if ((stat.valid & ZIP_STAT_SIZE) && (stat.valid & ZIP_STAT_COMP_SIZE) &&
        declared > (1u << 20) &&
        static_cast<double>(declared) >
            limits_.max_ratio * static_cast<double>(std::max<zip_uint64_t>(stat.comp_size, 1))) {
      return Status::InvalidArgument("phần " + name +
                                     " của tệp XLSX nén bất thường (tỉ lệ giải nén quá " +
                                     std::to_string(static_cast<int>(limits_.max_ratio)) +
                                     " lần): có thể là tệp nén độc hại (zip bomb)");
    }
    std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen(archive_.get(), name.c_str(), 0));
    if (!file) {
      return Status::InvalidArgument("không mở được phần " + name +
                                     " của tệp XLSX: " + zip_strerror(archive_.get()));
    }
    // The declared size is the archive's word, not a fact: read at most one byte past the limit.
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        return Status::InvalidArgument("phần " + name +
                                       " của tệp XLSX bị hỏng: " + zip_file_strerror(file.get()));
      }
      if (n == 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      total_ += static_cast<std::size_t>(n);
      if (out.size() > limits_.max_part_bytes) {
        return Status::InvalidArgument("phần " + name + " của tệp XLSX giải nén lớn quá " +
                                       Mib(limits_.max_part_bytes));
      }
      if (total_ > limits_.max_total_bytes) {
        return Status::InvalidArgument("tệp XLSX giải nén lớn quá " + Mib(limits_.max_total_bytes));
      }
    }
    return out;
  }

  Result<pugi::xml_document*> ReadXml(const std::string& name, pugi::xml_document& doc) {
    auto bytes = Read(name);
    if (!bytes.ok()) return bytes.status();
    pugi::xml_parse_result parsed =
        doc.load_buffer(bytes->data(), bytes->size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
      return Status::InvalidArgument("phần " + name + " của tệp XLSX không phải XML hợp lệ (" +
                                     parsed.description() + ", byte " +
                                     std::to_string(parsed.offset) + ")");
    }
    return &doc;
  }

 private:
  std::unique_ptr<zip_t, ZipClose> archive_;
  const ReadLimits& limits_;
  std::size_t total_ = 0;
};

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local) return child;
  }
  return {};
}

// An attribute by local name ("r:id" or "id" under another prefix).
pugi::xml_attribute Attribute(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view name = a.name();
    auto colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local) return a;
  }
  return {};
}

// The text of a string item (<si>, <is>): its <t>, or the runs' <t>; phonetic runs (<rPh>) are
// annotations, not text.
std::string ItemText(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node child : item.children()) {
    if (child.type() != pugi::node_element) continue;
    if (LocalName(child) == "t") {
      out += child.text().get();
    } else if (LocalName(child) == "r") {
      if (pugi::xml_node t = Child(child, "t")) out += t.text().get();
    }
  }
  return out;
}

// A part name from a relationship's Target, relative to the folder of the part that holds the
// relationships (OPC: "/xl/worksheets/sheet1.xml" is absolute).
std::string ResolveTarget(const std::string& base_folder, std::string target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  std::string path = base_folder + target;
  // Resolve "../" segments.
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    std::string segment =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(segment);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string FolderOf(const std::string& part) {
  auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string RelsOf(const std::string& part) {
  auto slash = part.rfind('/');
  std::string folder = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return folder + "_rels/" + file + ".rels";
}

// The target of the relationship whose Type ends with `/type_suffix` (or has `id`).
std::optional<std::string> FindRelationship(const pugi::xml_document& rels,
                                            std::string_view type_suffix, std::string_view id) {
  pugi::xml_node root = Child(rels, "Relationships");
  for (pugi::xml_node rel : root.children()) {
    if (LocalName(rel) != "Relationship") continue;
    std::string_view type = rel.attribute("Type").value();
    if (!id.empty() ? std::string_view(rel.attribute("Id").value()) == id
                    : (type.size() >= type_suffix.size() &&
                       type.substr(type.size() - type_suffix.size()) == type_suffix)) {
      return std::string(rel.attribute("Target").value());
    }
  }
  return std::nullopt;
}

// "B12" → column 1, row 12.
bool ParseReference(std::string_view ref, int& column, int& row) {
  std::size_t i = 0;
  int col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int r = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || end != ref.data() + ref.size() || r < 1) return false;
  column = col - 1;
  row = r;
  return true;
}

bool ParseNumber(const char* text, double& out) {
  char* end = nullptr;
  out = std::strtod(text, &end);
  return end != text && *end == '\0';
}

}  // namespace

Result<engine::Sheet> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4)) {
    return Status::InvalidArgument(
        "tệp không phải XLSX: không phải gói zip của Excel (hãy lưu dưới dạng «Excel Workbook "
        "(.xlsx)» hoặc CSV UTF-8)");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Status::InvalidArgument("không đọc được tệp XLSX");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return Status::InvalidArgument("tệp không phải XLSX: gói zip bị hỏng (" + why + ")");
  }
  zip_error_fini(&error);
  if (zip_get_num_entries(archive, 0) > limits.max_entries) {
    zip_discard(archive);
    return Status::InvalidArgument("tệp XLSX có quá " + std::to_string(limits.max_entries) +
                                   " phần");
  }
  Package package(archive, limits);

  // The workbook: the package's officeDocument relationship.
  pugi::xml_document root_rels;
  if (!package.Has("_rels/.rels")) {
    return Status::InvalidArgument("tệp không phải XLSX: gói zip không có _rels/.rels");
  }
  if (auto read = package.ReadXml("_rels/.rels", root_rels); !read.ok()) return read.status();
  auto workbook_target = FindRelationship(root_rels, "/officeDocument", "");
  if (!workbook_target) {
    return Status::InvalidArgument("tệp không phải XLSX: không có bảng tính (officeDocument)");
  }
  const std::string workbook_part = ResolveTarget("", *workbook_target);
  pugi::xml_document workbook;
  if (auto read = package.ReadXml(workbook_part, workbook); !read.ok()) return read.status();
  pugi::xml_node workbook_root = Child(workbook, "workbook");
  if (!workbook_root) {
    return Status::InvalidArgument("tệp không phải XLSX: " + workbook_part +
                                   " không phải một workbook");
  }
  engine::Sheet sheet;
  if (pugi::xml_node pr = Child(workbook_root, "workbookPr")) {
    std::string_view d = pr.attribute("date1904").value();
    sheet.date1904 = d == "1" || d == "true";
  }
  pugi::xml_node first_sheet = Child(Child(workbook_root, "sheets"), "sheet");
  if (!first_sheet) return Status::InvalidArgument("tệp XLSX không có trang tính nào");
  const std::string sheet_name = first_sheet.attribute("name").value();
  std::string sheet_rid = Attribute(first_sheet, "id").value();

  pugi::xml_document workbook_rels;
  if (auto read = package.ReadXml(RelsOf(workbook_part), workbook_rels); !read.ok()) {
    return read.status();
  }
  auto sheet_target = FindRelationship(workbook_rels, "", sheet_rid);
  if (!sheet_target) {
    return Status::InvalidArgument("tệp XLSX hỏng: không tìm thấy trang tính «" + sheet_name +
                                   "» (" + sheet_rid + ")");
  }
  const std::string sheet_part = ResolveTarget(FolderOf(workbook_part), *sheet_target);

  std::vector<std::string> shared;
  if (auto strings_target = FindRelationship(workbook_rels, "/sharedStrings", "")) {
    pugi::xml_document strings;
    if (auto read =
            package.ReadXml(ResolveTarget(FolderOf(workbook_part), *strings_target), strings);
        !read.ok()) {
      return read.status();
    }
    for (pugi::xml_node si : Child(strings, "sst").children()) {
      if (LocalName(si) == "si") shared.push_back(ItemText(si));
    }
  }

  pugi::xml_document worksheet;
  if (auto read = package.ReadXml(sheet_part, worksheet); !read.ok()) return read.status();
  pugi::xml_node ws = Child(worksheet, "worksheet");
  if (!ws) {
    return Status::InvalidArgument("trang tính «" + sheet_name + "» không đọc được (" + sheet_part +
                                   ")");
  }
  const std::string where = "trang tính «" + sheet_name + "»";
  if (pugi::xml_node merged = Child(ws, "mergeCells")) {
    std::string ranges;
    for (pugi::xml_node m : merged.children()) {
      if (LocalName(m) != "mergeCell") continue;
      ranges += (ranges.empty() ? "" : ", ") + std::string(m.attribute("ref").value());
    }
    if (!ranges.empty()) {
      return Status::InvalidArgument(where + " có ô gộp (" + ranges +
                                     "): hãy bỏ gộp ô, mỗi đối tượng một dòng, mỗi thông tin một "
                                     "ô như mẫu");
    }
  }
  int previous_row = 0;
  for (pugi::xml_node row : Child(ws, "sheetData").children()) {
    if (LocalName(row) != "row") continue;
    int row_number = previous_row + 1;
    if (pugi::xml_attribute r = row.attribute("r")) {
      int parsed = 0;
      auto text = std::string_view(r.value());
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (ec != std::errc() || end != text.data() + text.size() || parsed <= previous_row) {
        return Status::InvalidArgument(where + ": số dòng «" + std::string(text) +
                                       "» không hợp lệ");
      }
      row_number = parsed;
    }
    previous_row = row_number;
    engine::SheetRow out;
    out.number = row_number;
    int previous_column = -1;
    bool any = false;
    for (pugi::xml_node c : row.children()) {
      if (LocalName(c) != "c") continue;
      int column = previous_column + 1;
      int ref_row = row_number;
      if (pugi::xml_attribute r = c.attribute("r")) {
        if (!ParseReference(r.value(), column, ref_row) || ref_row != row_number ||
            column <= previous_column) {
          return Status::InvalidArgument(where + ": địa chỉ ô «" + std::string(r.value()) +
                                         "» không hợp lệ ở dòng " + std::to_string(row_number));
        }
      }
      previous_column = column;
      const std::string cell_name = engine::ColumnLetters(column) + std::to_string(row_number);
      if (pugi::xml_node f = Child(c, "f")) {
        return Status::InvalidArgument(
            where + ", ô " + cell_name + " chứa công thức (=" + f.text().get() +
            "): danh sách phải ghi giá trị, không ghi công thức (sao chép rồi «dán giá trị»)");
      }
      std::string_view type = c.attribute("t").value();
      pugi::xml_node v = Child(c, "v");
      SheetCell cell;
      if (type == "inlineStr") {
        cell = SheetCell::Text(ItemText(Child(c, "is")));
      } else if (!v) {
        continue;  // a styled cell with no value
      } else if (type == "s") {
        int index = -1;
        std::string_view text = v.text().get();
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
        if (ec != std::errc() || index < 0 || static_cast<std::size_t>(index) >= shared.size()) {
          return Status::InvalidArgument(where + ", ô " + cell_name +
                                         ": tham chiếu chuỗi dùng chung không hợp lệ");
        }
        cell = SheetCell::Text(shared[static_cast<std::size_t>(index)]);
      } else if (type == "str" || type == "d") {
        // "d": an ISO 8601 date (openpyxl's iso_dates); engine::ParseDate reads its date part.
        std::string text = v.text().get();
        if (type == "d") text = text.substr(0, text.find('T'));
        cell = SheetCell::Text(text);
      } else if (type == "b") {
        std::string_view text = v.text().get();
        if (text != "0" && text != "1") {
          return Status::InvalidArgument(where + ", ô " + cell_name + ": giá trị logic «" +
                                         std::string(text) + "» không hợp lệ");
        }
        cell = SheetCell::Boolean(text == "1");
      } else if (type == "e") {
        return Status::InvalidArgument(where + ", ô " + cell_name + " chứa lỗi " + v.text().get() +
                                       ": hãy sửa ô trước khi gửi");
      } else if (type.empty() || type == "n") {
        double number = 0;
        if (!ParseNumber(v.text().get(), number)) {
          return Status::InvalidArgument(where + ", ô " + cell_name + ": số «" +
                                         std::string(v.text().get()) + "» không hợp lệ");
        }
        cell = SheetCell::Number(number);
      } else {
        return Status::InvalidArgument(where + ", ô " + cell_name + ": kiểu ô «" +
                                       std::string(type) + "» không được hỗ trợ");
      }
      if (cell.kind == SheetCell::Kind::kText &&
          cell.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        continue;
      }
      if (column >= limits.max_columns) {
        return Status::InvalidArgument(where + ", ô " + cell_name + ": danh sách có quá " +
                                       std::to_string(limits.max_columns) + " cột");
      }
      out.cells.resize(static_cast<std::size_t>(column) + 1);
      out.cells[static_cast<std::size_t>(column)] = std::move(cell);
      any = true;
    }
    if (!any) continue;
    if (static_cast<int>(sheet.rows.size()) >= limits.max_rows) {
      return Status::InvalidArgument(where + " có quá " + std::to_string(limits.max_rows - 1) +
                                     " dòng đề nghị (dòng " + std::to_string(row_number) +
                                     "); hãy chia danh sách thành nhiều tệp");
    }
    sheet.rows.push_back(std::move(out));
  }
  if (sheet.rows.empty()) {
    return Status::InvalidArgument(where + " trống: không có dòng nào");
  }
  return sheet;
}

}  // namespace tdkt::adapters::importing
