#include "adapters/importing/template_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "engine/nomination_import.hpp"

namespace tdkt::adapters::importing {

namespace {

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",;\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A drop-down list of fixed answers on rows 2..kLastRow of one column (Excel caps such a list at
// 255 characters, so a longer one is left out: the «Hướng dẫn» sheet still lists the answers).
constexpr lxw_row_t kLastRow = 5000;

void DropDown(lxw_worksheet* sheet, lxw_col_t column, std::vector<const char*> values) {
  std::size_t length = 0;
  for (const char* v : values) length += std::string_view(v).size() + 1;
  if (length > 255) return;
  values.push_back(nullptr);
  lxw_data_validation validation = {};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = const_cast<char**>(values.data());  // the C API reads it only
  validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  worksheet_data_validation_range(sheet, 1, column, kLastRow, column, &validation);
}

}  // namespace

std::string TemplateCsv() {
  std::string out = "\xEF\xBB\xBF";
  bool first = true;
  for (const engine::ImportColumnSpec& spec : engine::ImportTemplateColumns()) {
    if (!first) out += ',';
    out += CsvField(spec.header);
    first = false;
  }
  return out + "\r\n";
}

engine::Result<std::string> TemplateXlsx(const engine::Campaign& campaign,
                                         const engine::RulePack& pack) {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) return engine::Status::Unavailable("no temporary directory: " + ec.message());
  const std::string pattern = (dir / "tdkt-template-XXXXXX").string();
  std::vector<char> path(pattern.begin(), pattern.end());
  path.push_back('\0');
  const int fd = mkstemp(path.data());
  if (fd < 0) return engine::Status::Unavailable("cannot create a temporary file for the XLSX");
  ::close(fd);
  const std::string file(path.data());

  lxw_workbook* book = workbook_new(file.c_str());
  if (book == nullptr) {
    std::filesystem::remove(file, ec);
    return engine::Status::Unavailable("libxlsxwriter cannot open a workbook");
  }
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xDDEBF7);
  lxw_format* text = workbook_add_format(book);
  format_set_num_format(text, "@");
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* wrap = workbook_add_format(book);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);

  // «Danh sách»: the header row only, so that nothing but what the unit types is imported.
  lxw_worksheet* list = workbook_add_worksheet(book, "Danh sách");
  lxw_worksheet* guide = workbook_add_worksheet(book, "Hướng dẫn");
  std::vector<std::string> award_names;
  for (const engine::AwardId& id : campaign.allowed_awards) {
    const engine::AwardRule* rule = pack.FindAward(id);
    award_names.push_back(rule ? rule->name : id.value());
  }
  std::vector<const char*> award_list;
  for (const auto& name : award_names) award_list.push_back(name.c_str());
  std::vector<const char*> collective_list;
  for (const auto& kind : engine::CollectiveKinds()) collective_list.push_back(kind.label.data());

  lxw_col_t c = 0;
  for (const engine::ImportColumnSpec& spec : engine::ImportTemplateColumns()) {
    const std::string title(spec.header);
    worksheet_write_string(list, 0, c, title.c_str(), header);
    double width = 16;
    lxw_format* format = nullptr;
    switch (spec.column) {
      case engine::ImportColumn::kOrdinal: width = 6; break;
      case engine::ImportColumn::kKind:
        DropDown(list, c, {"Cá nhân", "Tập thể", "Hộ gia đình"});
        width = 14;
        break;
      case engine::ImportColumn::kName: width = 30; break;
      case engine::ImportColumn::kGender: DropDown(list, c, {"Nam", "Nữ"}); break;
      case engine::ImportColumn::kBirthDate: format = date; break;
      case engine::ImportColumn::kDirectWorker: DropDown(list, c, {"Có", "Không"}); break;
      case engine::ImportColumn::kIdentityNumber: format = text; break;
      case engine::ImportColumn::kCollectiveKind: DropDown(list, c, collective_list); break;
      case engine::ImportColumn::kAward:
        DropDown(list, c, award_list);
        width = 30;
        break;
      case engine::ImportColumn::kAchievement:
        width = 50;
        format = wrap;
        break;
      default: break;
    }
    worksheet_set_column(list, c, c, width, format);
    ++c;
  }
  worksheet_set_row(list, 0, 45, nullptr);
  worksheet_freeze_panes(list, 1, 0);

  // «Hướng dẫn»: what each column takes, and the campaign's awards.
  const std::string title = "Mẫu danh sách đề nghị khen thưởng — " + campaign.name;
  worksheet_write_string(guide, 0, 0, title.c_str(), bold);
  worksheet_write_string(
      guide, 1, 0,
      "Mỗi đối tượng một dòng trên trang «Danh sách», bắt đầu từ dòng 2; không "
      "gộp ô, không dùng công thức. Tệp có dòng sai sẽ không được nhập dòng nào: "
      "sửa theo thông báo rồi gửi lại.",
      wrap);
  worksheet_write_string(guide, 3, 0, "Cột", header);
  worksheet_write_string(guide, 3, 1, "Tiêu đề", header);
  worksheet_write_string(guide, 3, 2, "Cách ghi", header);
  worksheet_write_string(guide, 3, 3, "Ví dụ", header);
  lxw_row_t r = 4;
  int index = 0;
  for (const engine::ImportColumnSpec& spec : engine::ImportTemplateColumns()) {
    worksheet_write_string(guide, r, 0, engine::ColumnLetters(index++).c_str(), nullptr);
    worksheet_write_string(guide, r, 1, std::string(spec.header).c_str(), wrap);
    worksheet_write_string(guide, r, 2, std::string(spec.description).c_str(), wrap);
    worksheet_write_string(guide, r, 3, std::string(spec.example).c_str(), text);
    ++r;
  }
  ++r;
  worksheet_write_string(guide, r++, 0, "Hình thức khen thưởng phong trào cho phép:", bold);
  for (const engine::AwardId& id : campaign.allowed_awards) {
    const engine::AwardRule* rule = pack.FindAward(id);
    worksheet_write_string(guide, r, 1, rule ? rule->name.c_str() : id.value().c_str(), nullptr);
    worksheet_write_string(guide, r, 2, id.value().c_str(), nullptr);
    ++r;
  }
  worksheet_set_column(guide, 0, 0, 6, nullptr);
  worksheet_set_column(guide, 1, 1, 32, nullptr);
  worksheet_set_column(guide, 2, 2, 70, nullptr);
  worksheet_set_column(guide, 3, 3, 24, nullptr);

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

}  // namespace tdkt::adapters::importing
