#include "engine/nomination_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "engine/authorization.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/guards.hpp"

namespace tdkt::engine {

namespace {

constexpr std::array kColumns = {
    ImportColumnSpec{ImportColumn::kOrdinal, "STT", "Số thứ tự (không bắt buộc).", "1", false},
    ImportColumnSpec{ImportColumn::kKind, "Đối tượng",
                     "Bắt buộc: «Cá nhân», «Tập thể» hoặc «Hộ gia đình».", "Cá nhân", true},
    ImportColumnSpec{ImportColumn::kName, "Họ và tên / Tên tập thể / Chủ hộ",
                     "Bắt buộc: họ và tên của cá nhân, tên tập thể, hoặc họ và tên chủ hộ.",
                     "Lò Văn Chương", true},
    ImportColumnSpec{ImportColumn::kGender, "Giới tính",
                     "Bắt buộc với cá nhân: «Nam» hoặc «Nữ». Để trống với tập thể, hộ gia đình.",
                     "Nam", false},
    ImportColumnSpec{ImportColumn::kBirthDate, "Ngày sinh",
                     "Bắt buộc với cá nhân: ngày/tháng/năm (15/03/1985) hoặc ô kiểu ngày.",
                     "15/03/1985", false},
    ImportColumnSpec{ImportColumn::kPosition, "Chức vụ",
                     "Chức vụ, chức danh của cá nhân (không bắt buộc).", "Giáo viên", false},
    ImportColumnSpec{ImportColumn::kDirectWorker, "Trực tiếp lao động, sản xuất",
                     "Bắt buộc với cá nhân và hộ gia đình: «Có» hoặc «Không» (người trực tiếp lao "
                     "động, sản xuất được ưu tiên). Để trống với tập thể.",
                     "Không", false},
    ImportColumnSpec{ImportColumn::kIdentityNumber, "Số định danh cá nhân",
                     "Số định danh cá nhân (số CCCD) gồm 12 chữ số, không bắt buộc; nhập dạng văn "
                     "bản để giữ số 0 ở đầu. Là dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP).",
                     "038085001234", false},
    ImportColumnSpec{ImportColumn::kCollectiveKind, "Loại tập thể",
                     "Bắt buộc với tập thể: «Thôn», «Trường học», «Tổ, đội» hoặc «Hội, đoàn thể».",
                     "", false},
    ImportColumnSpec{ImportColumn::kVillage, "Thôn",
                     "Bắt buộc với hộ gia đình: thôn nơi hộ cư trú.", "", false},
    ImportColumnSpec{ImportColumn::kAward, "Hình thức khen thưởng",
                     "Bắt buộc: tên hình thức khen thưởng mà phong trào cho phép, như trong bộ "
                     "quy tắc (ví dụ «Lao động tiên tiến»), hoặc mã của nó (lao_dong_tien_tien).",
                     "Lao động tiên tiến", true},
    ImportColumnSpec{ImportColumn::kAchievement, "Tóm tắt thành tích",
                     "Bắt buộc: tóm tắt thành tích đề nghị khen thưởng.",
                     "Hoàn thành xuất sắc nhiệm vụ năm học 2023–2024.", true},
};

constexpr std::array kCollectiveKinds = {
    CollectiveKindLabel{"village", "Thôn"},
    CollectiveKindLabel{"school", "Trường học"},
    CollectiveKindLabel{"team", "Tổ, đội"},
    CollectiveKindLabel{"association", "Hội, đoàn thể"},
};

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxTextBytes = 500;
constexpr std::size_t kMaxAchievementBytes = 4000;

// Trims ASCII and no-break spaces at both ends and collapses runs of white space inside to one
// space: what the office types around a value is not part of it.
std::string Tidy(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool white = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    // U+00A0 NO-BREAK SPACE, which spreadsheets leave behind.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      white = true;
      ++i;
    }
    if (white) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// Keeps line breaks (an achievement may have paragraphs); trims the ends only.
std::string TrimEnds(std::string_view text) {
  const char* kWhite = " \t\r\n";
  auto first = text.find_first_not_of(kWhite);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kWhite);
  return std::string(text.substr(first, last - first + 1));
}

std::string NumberText(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

// One of the accepted spellings (as typed: «Nữ», «nữ», «NỮ»), or nullopt.
std::optional<bool> OneOf(const std::string& text, std::initializer_list<std::string_view> yes,
                          std::initializer_list<std::string_view> no) {
  for (auto y : yes)
    if (text == y) return true;
  for (auto n : no)
    if (text == n) return false;
  return std::nullopt;
}

class RowReader {
 public:
  RowReader(const SheetRow& row, const std::map<ImportColumn, int>& columns,
            std::vector<ImportProblem>& problems)
      : row_(row), columns_(columns), problems_(problems) {}

  bool Has(ImportColumn column) const { return columns_.count(column) != 0; }

  const SheetCell* Cell(ImportColumn column) const {
    auto it = columns_.find(column);
    if (it == columns_.end()) return nullptr;
    if (it->second >= static_cast<int>(row_.cells.size())) return nullptr;
    const SheetCell& cell = row_.cells[static_cast<std::size_t>(it->second)];
    if (cell.kind == SheetCell::Kind::kEmpty) return nullptr;
    if (cell.kind == SheetCell::Kind::kText && Tidy(cell.text).empty()) return nullptr;
    return &cell;
  }

  std::string Text(ImportColumn column) const {
    const SheetCell* cell = Cell(column);
    if (cell == nullptr) return {};
    switch (cell->kind) {
      case SheetCell::Kind::kText: return cell->text;
      case SheetCell::Kind::kNumber: return NumberText(cell->number);
      case SheetCell::Kind::kBoolean: return cell->boolean ? "Có" : "Không";
      case SheetCell::Kind::kEmpty: break;
    }
    return {};
  }

  void Problem(ImportColumn column, std::string message) {
    ImportProblem p;
    p.row = row_.number;
    if (auto it = columns_.find(column); it != columns_.end()) {
      p.column = ColumnLetters(it->second);
    }
    p.header = std::string(Spec(column).header);
    p.message = std::move(message);
    problems_.push_back(std::move(p));
    failed_ = true;
  }

  // An empty required value: names the column, or says the header row lacks it.
  void Missing(ImportColumn column, std::string_view why) {
    if (!Has(column)) {
      Problem(column, "bắt buộc " + std::string(why) + ", nhưng dòng tiêu đề không có cột «" +
                          std::string(Spec(column).header) + "»");
    } else {
      Problem(column, "bắt buộc " + std::string(why) + ", đang để trống");
    }
  }

  bool failed() const { return failed_; }
  int number() const { return row_.number; }

  static const ImportColumnSpec& Spec(ImportColumn column) {
    return *std::find_if(kColumns.begin(), kColumns.end(),
                         [&](const ImportColumnSpec& s) { return s.column == column; });
  }

 private:
  const SheetRow& row_;
  const std::map<ImportColumn, int>& columns_;
  std::vector<ImportProblem>& problems_;
  bool failed_ = false;
};

const AwardRule* FindAwardByText(const RulePack& pack, const std::string& text) {
  for (const AwardRule& award : pack.awards) {
    if (award.id.value() == text || Tidy(award.name) == text) return &award;
  }
  return nullptr;
}

std::string KindLabel(NomineeKind kind) {
  switch (kind) {
    case NomineeKind::kIndividual: return "cá nhân";
    case NomineeKind::kCollective: return "tập thể";
    case NomineeKind::kHousehold: return "hộ gia đình";
  }
  return "";
}

std::string AllowedAwardNames(const Campaign& campaign, const RulePack& pack) {
  std::string out;
  for (const AwardId& id : campaign.allowed_awards) {
    const AwardRule* rule = pack.FindAward(id);
    if (!out.empty()) out += ", ";
    out += "«" + (rule ? rule->name : id.value()) + "»";
  }
  return out;
}

void ReadRow(RowReader& r, const Campaign& campaign, const RulePack& pack,
             std::chrono::sys_days today, bool date1904, ImportedRow& out) {
  ImportedNominee& n = out.nominee;
  // Đối tượng.
  std::optional<NomineeKind> kind;
  if (std::string text = Tidy(r.Text(ImportColumn::kKind)); text.empty()) {
    r.Missing(ImportColumn::kKind, "(«Cá nhân», «Tập thể» hoặc «Hộ gia đình»)");
  } else if (text == "Cá nhân" || text == "cá nhân" || text == "CÁ NHÂN") {
    kind = NomineeKind::kIndividual;
  } else if (text == "Tập thể" || text == "tập thể" || text == "TẬP THỂ") {
    kind = NomineeKind::kCollective;
  } else if (text == "Hộ gia đình" || text == "hộ gia đình" || text == "HỘ GIA ĐÌNH") {
    kind = NomineeKind::kHousehold;
  } else {
    r.Problem(ImportColumn::kKind,
              "«" + text + "» không phải «Cá nhân», «Tập thể» hoặc «Hộ gia đình»");
  }
  if (kind) n.kind = *kind;

  n.name = Tidy(r.Text(ImportColumn::kName));
  if (n.name.empty()) {
    r.Missing(ImportColumn::kName, "(họ và tên, tên tập thể hoặc chủ hộ)");
  } else if (n.name.size() > kMaxNameBytes) {
    r.Problem(ImportColumn::kName, "dài quá " + std::to_string(kMaxNameBytes) + " byte");
  }

  const bool individual = kind == NomineeKind::kIndividual;
  // Columns that belong to another kind of nominee must be empty: a value there means the row is
  // not what its «Đối tượng» says, and guessing which is wrong is the unit's to do.
  auto must_be_empty = [&](ImportColumn column, std::string_view for_whom) {
    if (r.Cell(column) != nullptr) {
      r.Problem(column,
                "chỉ ghi với " + std::string(for_whom) + "; dòng này là " + KindLabel(n.kind));
    }
  };

  if (individual) {
    // Giới tính.
    if (std::string text = Tidy(r.Text(ImportColumn::kGender)); text.empty()) {
      r.Missing(ImportColumn::kGender, "với cá nhân («Nam» hoặc «Nữ»)");
    } else if (auto female = OneOf(text, {"Nữ", "nữ", "NỮ"}, {"Nam", "nam", "NAM"})) {
      n.female = *female;
    } else {
      r.Problem(ImportColumn::kGender, "«" + text + "» không phải «Nam» hoặc «Nữ»");
    }
    // Ngày sinh.
    if (const SheetCell* cell = r.Cell(ImportColumn::kBirthDate); cell == nullptr) {
      r.Missing(ImportColumn::kBirthDate, "với cá nhân (ngày/tháng/năm)");
    } else {
      Result<std::chrono::sys_days> day =
          cell->kind == SheetCell::Kind::kNumber
              ? DateFromSerial(cell->number, date1904)
              : calendar::ParseDate(Tidy(r.Text(ImportColumn::kBirthDate)));
      if (!day.ok()) {
        r.Problem(ImportColumn::kBirthDate,
                  "«" + Tidy(r.Text(ImportColumn::kBirthDate)) +
                      "» không phải một ngày có thật, viết ngày/tháng/năm (15/03/1985)");
      } else if (*day >= today) {
        r.Problem(ImportColumn::kBirthDate,
                  "ngày sinh " + calendar::FormatDate(*day) + " không trước ngày hôm nay");
      } else if (*day < std::chrono::sys_days(std::chrono::year(1900) / 1 / 1)) {
        r.Problem(ImportColumn::kBirthDate,
                  "ngày sinh " + calendar::FormatDate(*day) + " trước năm 1900");
      } else {
        n.birth_date = *day;
      }
    }
    n.position = Tidy(r.Text(ImportColumn::kPosition));
    if (n.position.size() > kMaxTextBytes) {
      r.Problem(ImportColumn::kPosition, "dài quá " + std::to_string(kMaxTextBytes) + " byte");
    }
    // Số định danh cá nhân: the 12 digits printed on the citizen identity card. A number cell has
    // lost any leading zero, so it is accepted only when it still has 12 digits.
    if (std::string text = Tidy(r.Text(ImportColumn::kIdentityNumber)); !text.empty()) {
      if (text.size() != 12 || text.find_first_not_of("0123456789") != std::string::npos) {
        const SheetCell* cell = r.Cell(ImportColumn::kIdentityNumber);
        r.Problem(ImportColumn::kIdentityNumber,
                  cell->kind == SheetCell::Kind::kNumber
                      ? "số định danh cá nhân phải gồm 12 chữ số; ô kiểu số đã bỏ số 0 ở đầu, "
                        "hãy nhập dạng văn bản"
                      : "số định danh cá nhân phải gồm đúng 12 chữ số");
      } else {
        n.identity_number = text;
      }
    }
  } else if (kind) {
    must_be_empty(ImportColumn::kGender, "cá nhân");
    must_be_empty(ImportColumn::kBirthDate, "cá nhân");
    must_be_empty(ImportColumn::kPosition, "cá nhân");
    must_be_empty(ImportColumn::kIdentityNumber, "cá nhân");
  }

  // Trực tiếp lao động, sản xuất: people and households (DOMAIN.md: both have priority).
  if (kind == NomineeKind::kIndividual || kind == NomineeKind::kHousehold) {
    if (const SheetCell* cell = r.Cell(ImportColumn::kDirectWorker); cell == nullptr) {
      r.Missing(ImportColumn::kDirectWorker, "với cá nhân, hộ gia đình («Có» hoặc «Không»)");
    } else if (cell->kind == SheetCell::Kind::kBoolean) {
      n.direct_worker = cell->boolean;
    } else if (auto yes = OneOf(Tidy(r.Text(ImportColumn::kDirectWorker)), {"Có", "có", "CÓ"},
                                {"Không", "không", "KHÔNG"})) {
      n.direct_worker = *yes;
    } else {
      r.Problem(ImportColumn::kDirectWorker,
                "«" + Tidy(r.Text(ImportColumn::kDirectWorker)) + "» không phải «Có» hoặc «Không»");
    }
  } else if (kind) {
    must_be_empty(ImportColumn::kDirectWorker, "cá nhân, hộ gia đình");
  }

  if (kind == NomineeKind::kCollective) {
    if (std::string text = Tidy(r.Text(ImportColumn::kCollectiveKind)); text.empty()) {
      r.Missing(ImportColumn::kCollectiveKind,
                "với tập thể («Thôn», «Trường học», «Tổ, đội» hoặc «Hội, đoàn thể»)");
    } else {
      auto it = std::find_if(kCollectiveKinds.begin(), kCollectiveKinds.end(),
                             [&](const CollectiveKindLabel& k) { return k.label == text; });
      if (it == kCollectiveKinds.end()) {
        r.Problem(ImportColumn::kCollectiveKind,
                  "«" + text + "» không phải «Thôn», «Trường học», «Tổ, đội» hoặc «Hội, đoàn thể»");
      } else {
        n.collective_kind = std::string(it->id);
      }
    }
  } else if (kind) {
    must_be_empty(ImportColumn::kCollectiveKind, "tập thể");
  }

  if (kind == NomineeKind::kHousehold) {
    n.village = Tidy(r.Text(ImportColumn::kVillage));
    if (n.village.empty()) {
      r.Missing(ImportColumn::kVillage, "với hộ gia đình (thôn nơi hộ cư trú)");
    } else if (n.village.size() > kMaxTextBytes) {
      r.Problem(ImportColumn::kVillage, "dài quá " + std::to_string(kMaxTextBytes) + " byte");
    }
  } else if (kind) {
    must_be_empty(ImportColumn::kVillage, "hộ gia đình");
  }

  // Hình thức khen thưởng: in the rule pack, allowed by the campaign, and for this kind of nominee.
  if (std::string text = Tidy(r.Text(ImportColumn::kAward)); text.empty()) {
    r.Missing(ImportColumn::kAward, "(hình thức khen thưởng)");
  } else if (const AwardRule* award = FindAwardByText(pack, text); award == nullptr) {
    r.Problem(ImportColumn::kAward,
              "«" + text + "» không có trong bộ quy tắc «" + pack.name +
                  "»; phong trào cho phép: " + AllowedAwardNames(campaign, pack));
  } else if (!AwardAllowedInCampaign{}(campaign, award->id)) {
    r.Problem(ImportColumn::kAward,
              "phong trào «" + campaign.name + "» không xét «" + award->name +
                  "»; phong trào cho phép: " + AllowedAwardNames(campaign, pack));
  } else {
    out.award = award->id;
    if (kind && !NomineeKindAllowed{}(pack, award->id, *kind)) {
      std::string kinds;
      for (NomineeKind k : award->nominee_kinds) {
        if (!kinds.empty()) kinds += ", ";
        kinds += KindLabel(k);
      }
      r.Problem(ImportColumn::kAward, "«" + award->name + "» không xét cho " + KindLabel(*kind) +
                                          " (chỉ cho " + kinds + "; " + pack.name + ")");
    }
  }

  out.achievement_summary = TrimEnds(r.Text(ImportColumn::kAchievement));
  if (out.achievement_summary.empty()) {
    r.Missing(ImportColumn::kAchievement, "(tóm tắt thành tích)");
  } else if (out.achievement_summary.size() > kMaxAchievementBytes) {
    r.Problem(ImportColumn::kAchievement,
              "dài quá " + std::to_string(kMaxAchievementBytes) + " byte");
  }
}

}  // namespace

std::span<const ImportColumnSpec> ImportTemplateColumns() { return kColumns; }

std::span<const CollectiveKindLabel> CollectiveKinds() { return kCollectiveKinds; }

Result<std::chrono::sys_days> DateFromSerial(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial != std::floor(serial)) {
    return Status::InvalidArgument("a date serial with a time of day: " + NumberText(serial));
  }
  if (serial < (date1904 ? 0 : 1) || serial > 2958465) {
    return Status::InvalidArgument("a date serial out of range: " + NumberText(serial));
  }
  const auto days = static_cast<int>(serial);
  if (date1904) return sys_days(year(1904) / 1 / 1) + std::chrono::days(days);
  // Serial 60 is 29/02/1900, a day that never was (Lotus 1-2-3 took 1900 for a leap year and
  // Excel kept it); serials 1..59 are 01/01/1900..28/02/1900.
  if (days == 60) {
    return Status::InvalidArgument("date serial 60 is 29/02/1900, which does not exist");
  }
  if (days < 60) return sys_days(year(1899) / 12 / 31) + std::chrono::days(days);
  return sys_days(year(1899) / 12 / 30) + std::chrono::days(days);
}

ImportReading ReadNominationSheet(const Sheet& sheet, const Campaign& campaign,
                                  const RulePack& pack, std::chrono::sys_days today) {
  ImportReading reading;
  if (sheet.rows.empty()) {
    reading.problems.push_back({0, "", "", "trang tính trống: không có dòng tiêu đề"});
    return reading;
  }
  // The header row: each template column once, by its header; nothing else.
  const SheetRow& header = sheet.rows.front();
  std::map<ImportColumn, int> columns;
  bool header_ok = true;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const SheetCell& cell = header.cells[i];
    std::string text = cell.kind == SheetCell::Kind::kText     ? Tidy(cell.text)
                       : cell.kind == SheetCell::Kind::kNumber ? NumberText(cell.number)
                                                               : std::string();
    if (cell.kind == SheetCell::Kind::kEmpty || text.empty()) continue;
    const std::string letters = ColumnLetters(static_cast<int>(i));
    auto it = std::find_if(kColumns.begin(), kColumns.end(),
                           [&](const ImportColumnSpec& s) { return s.header == text; });
    if (it == kColumns.end()) {
      reading.problems.push_back(
          {header.number, letters, text,
           "cột «" + text + "» không có trong mẫu; dùng đúng tiêu đề của mẫu danh sách"});
      header_ok = false;
    } else if (auto [at, inserted] = columns.emplace(it->column, static_cast<int>(i)); !inserted) {
      reading.problems.push_back({header.number, letters, text,
                                  "cột «" + text + "» đã có ở cột " + ColumnLetters(at->second)});
      header_ok = false;
    }
  }
  for (const ImportColumnSpec& spec : kColumns) {
    if (spec.header_required && columns.count(spec.column) == 0) {
      reading.problems.push_back(
          {header.number, "", std::string(spec.header),
           "dòng tiêu đề thiếu cột bắt buộc «" + std::string(spec.header) + "»"});
      header_ok = false;
    }
  }
  for (const auto& [column, index] : columns) reading.columns[column] = ColumnLetters(index);
  if (!header_ok) return reading;  // rows read against a wrong header would only repeat it
  if (sheet.rows.size() == 1) {
    reading.problems.push_back({header.number, "", "", "danh sách không có dòng đề nghị nào"});
    return reading;
  }
  for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
    const SheetRow& row = sheet.rows[i];
    RowReader reader(row, columns, reading.problems);
    // A value under no header is data the template has no place for.
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const SheetCell& cell = row.cells[c];
      bool empty = cell.kind == SheetCell::Kind::kEmpty ||
                   (cell.kind == SheetCell::Kind::kText && Tidy(cell.text).empty());
      bool known = std::any_of(columns.begin(), columns.end(),
                               [&](const auto& entry) { return entry.second == int(c); });
      if (!empty && !known) {
        reading.problems.push_back({row.number, ColumnLetters(static_cast<int>(c)), "",
                                    "ô có dữ liệu nhưng cột không có tiêu đề"});
      }
    }
    ImportedRow imported;
    imported.row = row.number;
    ReadRow(reader, campaign, pack, today, sheet.date1904, imported);
    if (!reader.failed()) reading.rows.push_back(std::move(imported));
  }
  std::stable_sort(reading.problems.begin(), reading.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  return reading;
}

std::string ImportedNomineeKey(const ImportedNominee& n) {
  if (!n.identity_number.empty()) return "id:" + n.identity_number;
  std::string key(NomineeKindName(n.kind));
  key += '|';
  key += Tidy(n.name);
  key += '|';
  switch (n.kind) {
    case NomineeKind::kIndividual:
      if (n.birth_date) key += calendar::FormatIsoDate(*n.birth_date);
      break;
    case NomineeKind::kCollective: key += n.collective_kind; break;
    case NomineeKind::kHousehold: key += Tidy(n.village); break;
  }
  return key;
}

Result<ImportPlan> DecideImport(const ImportReading& reading, const Actor& actor,
                                const UnitId& unit, const Campaign& campaign,
                                const ImportFacts& facts) {
  if (Status status = AuthorizeCreate(actor, unit); !status.ok()) return status;
  if (facts.unit_retired) {
    return Status::InvalidArgument("unit_id: unit '" + unit.value() +
                                   "' is retired and takes no new draft");
  }
  if (facts.rows.size() != reading.rows.size()) {
    return Status::InvalidArgument("import: the facts do not match the rows read");
  }
  ImportPlan plan;
  plan.problems = reading.problems;
  std::map<std::string, int> first_row;  // nominee key → the row that named them first
  for (std::size_t i = 0; i < reading.rows.size(); ++i) {
    const ImportedRow& row = reading.rows[i];
    const ImportRowFacts& known = facts.rows[i];
    auto [at, inserted] = first_row.emplace(
        known.nominee ? "registered:" + known.nominee->value() : ImportedNomineeKey(row.nominee),
        row.row);
    if (!inserted) {
      plan.problems.push_back({row.row, "", "",
                               "«" + row.nominee.name + "» trùng với dòng " +
                                   std::to_string(at->second) +
                                   ": mỗi đối tượng chỉ được đề nghị một lần trong phong trào "
                                   "(Luật Thi đua, khen thưởng 2022, Điều 5)"});
    }
    if (row.nominee.kind == NomineeKind::kHousehold && !known.village_known) {
      std::string villages;
      for (const std::string& v : facts.villages) villages += (villages.empty() ? "" : ", ") + v;
      auto column = reading.columns.find(ImportColumn::kVillage);
      plan.problems.push_back(
          {row.row, column == reading.columns.end() ? "" : column->second, "Thôn",
           "«" + row.nominee.village + "» không phải một thôn của xã" +
               (villages.empty() ? std::string() : " (các thôn: " + villages + ")")});
    }
    if (known.registration_refused) {
      plan.problems.push_back({row.row, "", "",
                               "không đăng ký được «" + row.nominee.name +
                                   "» vào sổ đối tượng: " + *known.registration_refused});
    }
    if (facts.rows[i].other_dossier) {
      plan.problems.push_back(
          {row.row, "", "",
           "«" + row.nominee.name + "» đã có hồ sơ " + facts.rows[i].other_dossier->value() +
               " đang xét hoặc đã khen thưởng trong phong trào «" + campaign.name +
               "» (một thành tích chỉ khen một lần: Luật Thi đua, khen thưởng 2022, Điều 5)"});
    }
  }
  std::stable_sort(plan.problems.begin(), plan.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  if (!plan.problems.empty()) return plan;
  for (std::size_t i = 0; i < reading.rows.size(); ++i) {
    const ImportedRow& row = reading.rows[i];
    NewDraft draft;
    if (facts.rows[i].nominee) draft.nominee.id = *facts.rows[i].nominee;
    draft.campaign = campaign.id;
    draft.unit = unit;
    draft.nominee.kind = row.nominee.kind;
    draft.nominee.name = row.nominee.name;
    draft.nominee.female = row.nominee.female.value_or(false);
    draft.nominee.direct_worker = row.nominee.direct_worker;
    draft.award = row.award;
    draft.achievement_summary = row.achievement_summary;
    plan.drafts.push_back(std::move(draft));
  }
  return plan;
}

}  // namespace tdkt::engine
