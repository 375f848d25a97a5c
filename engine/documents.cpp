#include "engine/documents.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "engine/prize.hpp"

namespace tdkt::engine {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

// What the office fills by hand where the record has nothing (a commune not yet set up).
constexpr std::string_view kBlank = "……………";
// The space a draft leaves for the number and the day, filled when it is signed.
constexpr std::string_view kNumberGap = "      ";

// Decodes UTF-8 into code points (malformed bytes pass through as themselves).
std::u32string Decode(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (i + extra >= text.size()) extra = 0;  // cut short: the byte as itself
    char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
    for (int k = 1; k <= extra; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += 1 + extra;
  }
  return out;
}

std::string Encode(const std::u32string& text) {
  std::string out;
  for (char32_t cp : text) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// The lower-case letters of Vietnamese beyond ASCII, and their capitals, in the same order.
constexpr std::u32string_view kLower =
    U"àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
constexpr std::u32string_view kUpper =
    U"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
// Each letter of kLower and kUpper without its marks.
constexpr std::string_view kBase =
    "aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy";
static_assert(kLower.size() == kUpper.size() && kLower.size() == kBase.size());

// Phụ lục I, Phần I, Mục II.4: a day below 10 and the months 1 and 2 are written with a 0.
std::string TwoDigits(unsigned value, bool pad) {
  return (pad && value < 10 ? "0" : "") + std::to_string(value);
}

std::string DateWords(sys_days when) {
  const year_month_day ymd{when};
  const auto m = static_cast<unsigned>(ymd.month());
  return "ngày " + TwoDigits(static_cast<unsigned>(ymd.day()), true) + " tháng " +
         TwoDigits(m, m <= 2) + " năm " + std::to_string(static_cast<int>(ymd.year()));
}

std::string DateShort(sys_days when) {
  const year_month_day ymd{when};
  return std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string YearOf(sys_days when) {
  return std::to_string(static_cast<int>(year_month_day{when}.year()));
}

// "Xã Bình Lương" as the issuing body names it: "xã Bình Lương" (a commune whose name does not
// say what it is, "Bình Lương", is a xã).
std::string CommuneInText(const CommuneSettings& commune) {
  if (commune.name.empty()) return "xã " + std::string(kBlank);
  const std::string place = PlaceName(commune.name);
  if (place.size() == commune.name.size()) return "xã " + commune.name;
  // Keep the kind as written ("Phường", "Thị trấn"), in lower case as running text has it.
  std::string kind = commune.name.substr(0, commune.name.size() - place.size());
  while (!kind.empty() && kind.back() == ' ') kind.pop_back();
  std::u32string k = Decode(kind);
  if (!k.empty()) {
    if (k[0] >= U'A' && k[0] <= U'Z') {
      k[0] = k[0] - U'A' + U'a';
    } else if (const auto at = kUpper.find(k[0]); at != std::u32string_view::npos) {
      k[0] = kLower[at];
    }
  }
  return Encode(k) + " " + place;
}

std::string Symbol(const CommuneSettings& commune) {
  return commune.issuer_symbol.empty() ? "UBND" : commune.issuer_symbol;
}

std::string Amount(const RoundLine& line) {
  if (!line.prize || !line.prize->amount_vnd) return "";
  return FormatVnd(*line.prize->amount_vnd);
}

std::string UnitName(const DocumentFacts& facts, const UnitId& unit) {
  auto it = facts.unit_names.find(unit.value());
  return it == facts.unit_names.end() ? unit.value() : it->second;
}

// How many of each kind the list names: "2 tập thể, 3 cá nhân và 1 hộ gia đình".
std::string CountWords(const Round& round) {
  int collectives = 0, individuals = 0, households = 0;
  for (const RoundLine& line : round.lines) {
    switch (line.nominee.kind) {
      case NomineeKind::kCollective: ++collectives; break;
      case NomineeKind::kIndividual: ++individuals; break;
      case NomineeKind::kHousehold: ++households; break;
    }
  }
  std::vector<std::string> parts;
  if (collectives > 0) parts.push_back(std::to_string(collectives) + " tập thể");
  if (individuals > 0) parts.push_back(std::to_string(individuals) + " cá nhân");
  if (households > 0) parts.push_back(std::to_string(households) + " hộ gia đình");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " và " : ", ";
    out += parts[i];
  }
  return out.empty() ? "0 cá nhân" : out;
}

// The elements every round's document shares: issuing body, Quốc hiệu and Tiêu ngữ, number,
// place and date, summary, signer.
OfficialDocument Heading(const Round& round, const DocumentFacts& facts, std::string_view code) {
  OfficialDocument doc;
  doc.draft = round.status == RoundStatus::kDraft || !round.signed_on;
  doc.issuer = {"ỦY BAN NHÂN DÂN", VietnameseUpper(CommuneInText(facts.commune))};
  doc.national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  doc.motto = "Độc lập - Tự do - Hạnh phúc";
  const std::string place = PlaceOrBlank(facts.commune.name);
  if (doc.draft || round.number.empty()) {
    doc.number =
        "Số:" + std::string(kNumberGap) + "/" + std::string(code) + "-" + Symbol(facts.commune);
  } else {
    doc.number = "Số: " + round.number;
  }
  if (doc.draft) {
    doc.place_and_date = place + ", ngày" + std::string(kNumberGap) + "tháng" +
                         std::string(kNumberGap) + "năm " + YearOf(facts.today);
  } else {
    doc.place_and_date = place + ", " + DateWords(*round.signed_on);
  }
  doc.summary = round.title;
  doc.signer_capacity = "TM. ỦY BAN NHÂN DÂN";
  doc.signer_title = facts.commune.chairman_title.empty()
                         ? "CHỦ TỊCH"
                         : VietnameseUpper(facts.commune.chairman_title);
  // No name known (a commune not set up, an earlier body without its signer): dots to fill.
  doc.signer_name = OrBlank(facts.commune.chairman_name);
  return doc;
}

std::vector<std::string> LawBases(sys_days day, const DocumentFacts& facts) {
  std::vector<std::string> bases;
  bases.emplace_back(LocalGovernmentLaw(day));
  bases.emplace_back("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
  const std::string_view decree = CommendationDecree(day);
  if (decree.starts_with("98/")) {
    bases.emplace_back(
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;");
  } else {
    bases.emplace_back("Căn cứ Nghị định số " + std::string(decree) +
                       " của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, "
                       "khen thưởng;");
  }
  if (!facts.campaign.plan_number.empty()) {
    bases.push_back("Căn cứ Kế hoạch số " + facts.campaign.plan_number + " của Ủy ban nhân dân " +
                    CommuneInText(facts.commune) + " về " + facts.campaign.name + ";");
  }
  // One line per council, its minutes in the order cited: another commune's council (the one
  // before a merger) is named as such, not as the document's.
  std::vector<std::pair<std::string, std::string>> councils;  // council's commune → numbers
  for (const DocumentFacts::Minutes& minutes : facts.minutes) {
    std::string council = CommuneInText(facts.commune);
    if (!minutes.commune.empty() && minutes.commune != facts.commune.name) {
      CommuneSettings other;
      other.name = minutes.commune;
      council = CommuneInText(other);
    }
    auto it = std::find_if(councils.begin(), councils.end(),
                           [&](const auto& entry) { return entry.first == council; });
    if (it == councils.end()) {
      councils.emplace_back(council, minutes.number);
    } else {
      it->second += ", " + minutes.number;
    }
  }
  for (const auto& [council, numbers] : councils) {
    bases.push_back("Căn cứ Biên bản họp số " + numbers + " của Hội đồng Thi đua - Khen thưởng " +
                    council + ";");
  }
  return bases;
}

std::string HigherLevel(const DocumentFacts& facts) {
  if (!facts.higher_level_name.empty()) return facts.higher_level_name;
  if (facts.escalation_target == Level::kProvince) {
    return "tỉnh " + OrBlank(facts.commune.province);
  }
  return "huyện";  // a commune has one district: "Chủ tịch Ủy ban nhân dân huyện" names it
}

std::string FileStem(const OfficialDocument& doc, const Round& round, std::string_view label) {
  if (doc.draft) return "Dự thảo " + std::string(label) + " " + round.id.value();
  std::string number = round.number;
  for (char& c : number) {
    if (c == '/') c = '-';
  }
  return std::string(label) + " " + number;
}

}  // namespace

std::string DateInWords(sys_days day) { return DateWords(day); }
std::string DateInFigures(sys_days day) { return DateShort(day); }
std::string CommuneInRunningText(const CommuneSettings& commune) { return CommuneInText(commune); }

std::string_view LocalGovernmentLaw(sys_days day) {
  // Luật Tổ chức chính quyền địa phương số 72/2025/QH15, passed on 16/6/2025 and in force from
  // that day (its điều khoản thi hành: "Luật này có hiệu lực thi hành từ ngày được thông qua"; the
  // district level ends on 1/7/2025 under the same article). Before it, the 2015 law as amended
  // in 2019.
  static constexpr sys_days kLaw72From = year{2025} / month{6} / std::chrono::day{16};
  return day >= kLaw72From
             ? "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
             : "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
               "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
               "phương ngày 22 tháng 11 năm 2019;";
}

std::string_view CommendationDecree(sys_days day) {
  static constexpr sys_days kDecree152From = year{2025} / month{7} / std::chrono::day{1};
  return day >= kDecree152From ? "152/2025/NĐ-CP" : "98/2023/NĐ-CP";
}

std::string OrBlank(const std::string& text) { return text.empty() ? std::string(kBlank) : text; }

std::string PlaceOrBlank(const std::string& commune_name) {
  return commune_name.empty() ? std::string(kBlank) : PlaceName(commune_name);
}

std::string PlaceName(std::string_view commune_name) {
  for (std::string_view prefix : {"Xã ", "xã ", "XÃ ", "Phường ", "phường ", "PHƯỜNG ", "Thị trấn ",
                                  "thị trấn ", "THỊ TRẤN "}) {
    if (commune_name.starts_with(prefix) && commune_name.size() > prefix.size()) {
      return std::string(commune_name.substr(prefix.size()));
    }
  }
  return std::string(commune_name);
}

std::string VietnameseUpper(std::string_view text) {
  std::u32string cps = Decode(text);
  for (char32_t& c : cps) {
    if (c >= U'a' && c <= U'z') {
      c = c - U'a' + U'A';
    } else if (const auto at = kLower.find(c); at != std::u32string_view::npos) {
      c = kUpper[at];
    }
  }
  return Encode(cps);
}

std::string AsciiFileName(std::string_view text) {
  std::string out;
  for (char32_t c : Decode(text)) {
    if (c >= 0x20 && c < 0x7F && c != U'"' && c != U'\\') {
      out += static_cast<char>(c);
    } else if (const auto lower = kLower.find(c); lower != std::u32string_view::npos) {
      out += kBase[lower];
    } else if (const auto upper = kUpper.find(c); upper != std::u32string_view::npos) {
      out += static_cast<char>(kBase[upper] - 'a' + 'A');
    } else {
      out += '_';
    }
  }
  return out;
}

OfficialDocument DecisionDocument(const Round& round, const DocumentFacts& facts) {
  OfficialDocument doc = Heading(round, facts, "QĐ");
  const sys_days day = doc.draft ? facts.today : *round.signed_on;
  const std::string commune = CommuneInText(facts.commune);
  doc.kind = "QUYẾT ĐỊNH";
  doc.authority = "CHỦ TỊCH ỦY BAN NHÂN DÂN " + VietnameseUpper(commune);
  doc.bases = LawBases(day, facts);
  doc.bases.push_back("Theo đề nghị của Hội đồng Thi đua - Khen thưởng " + commune + ".");
  doc.resolution = "QUYẾT ĐỊNH:";

  std::string campaign = facts.campaign.name.empty() ? "" : " trong " + facts.campaign.name;
  doc.paragraphs.push_back("Điều 1. Khen thưởng " + CountWords(round) +
                           " có tên trong danh sách kèm theo Quyết định này, đã có thành tích" +
                           campaign + ".");
  const std::int64_t total = round.TotalPrizeVnd();
  if (total > 0) {
    doc.paragraphs.push_back(
        "Điều 2. Tiền thưởng kèm theo mỗi hình thức khen thưởng theo mức ghi trong danh sách kèm "
        "theo; tổng số tiền thưởng: " +
        FormatVnd(total) + " đồng. Nguồn kinh phí: Quỹ thi đua, khen thưởng của Ủy ban nhân dân " +
        commune + ".");
  } else {
    doc.paragraphs.push_back(
        "Điều 2. Các hình thức khen thưởng tại Điều 1 không kèm theo tiền thưởng.");
  }
  doc.paragraphs.push_back(
      "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Công chức Văn phòng - Thống kê, công chức "
      "Tài chính - Kế toán, Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại "
      "Điều 1 chịu trách nhiệm thi hành Quyết định này./.");
  doc.recipients = {"- Như Điều 3;", "- Thường trực Đảng ủy, HĐND " + commune + " (b/c);",
                    "- Lưu: VT, VP-TK."};

  doc.list.title = "DANH SÁCH";
  doc.list.subtitle = "Tập thể, cá nhân được khen thưởng";
  const std::string number =
      doc.draft ? std::string(kNumberGap) + "/QĐ-" + Symbol(facts.commune) : round.number;
  const std::string date =
      doc.draft ? "     /     /" + YearOf(facts.today) : DateShort(*round.signed_on);
  doc.list.attached_to = "(Kèm theo Quyết định số " + number + " ngày " + date +
                         " của Chủ tịch Ủy ban nhân dân " + commune + ")";
  doc.list.headers = {"STT",        "Họ tên / Tên tập thể", "Đơn vị", "Hình thức khen thưởng",
                      "Số sổ vàng", "Số tiền (đồng)"};
  doc.list.column_shares = {7, 28, 21, 22, 10, 12};
  doc.list.column_align = "clllrr";
  int index = 0;
  for (const RoundLine& line : round.lines) {
    doc.list.rows.push_back(
        {std::to_string(++index), line.nominee.name, UnitName(facts, line.unit), line.award_name,
         line.register_number ? std::to_string(*line.register_number) : "", Amount(line)});
  }
  doc.list.total = {"", "Tổng cộng", "", "", "", FormatVnd(total)};
  doc.file_name = FileStem(doc, round, "Quyết định");
  return doc;
}

OfficialDocument SubmissionDocument(const Round& round, const DocumentFacts& facts) {
  OfficialDocument doc = Heading(round, facts, "TTr");
  const sys_days day = doc.draft ? facts.today : *round.signed_on;
  const std::string commune = CommuneInText(facts.commune);
  const std::string higher = "Chủ tịch Ủy ban nhân dân " + HigherLevel(facts);
  doc.kind = "TỜ TRÌNH";
  doc.addressee = "Kính gửi: " + higher + ".";
  doc.bases = LawBases(day, facts);
  doc.paragraphs.push_back(
      "Sau khi xem xét hồ sơ và kết quả bình xét của Hội đồng Thi đua - Khen thưởng " + commune +
      ", Ủy ban nhân dân " + commune + " kính đề nghị " + higher + " xem xét, khen thưởng cho " +
      CountWords(round) + " có tên trong danh sách kèm theo, đã có thành tích" +
      (facts.campaign.name.empty() ? "" : " trong " + facts.campaign.name) + ".");
  doc.paragraphs.push_back("Ủy ban nhân dân " + commune + " kính trình " + higher +
                           " xem xét, quyết định./.");
  doc.recipients = {"- Như trên;", "- Lưu: VT, VP-TK."};

  doc.list.title = "DANH SÁCH";
  doc.list.subtitle = "Tập thể, cá nhân đề nghị khen thưởng";
  const std::string number =
      doc.draft ? std::string(kNumberGap) + "/TTr-" + Symbol(facts.commune) : round.number;
  const std::string date =
      doc.draft ? "     /     /" + YearOf(facts.today) : DateShort(*round.signed_on);
  doc.list.attached_to =
      "(Kèm theo Tờ trình số " + number + " ngày " + date + " của Ủy ban nhân dân " + commune + ")";
  doc.list.headers = {"STT", "Họ tên / Tên tập thể", "Đơn vị", "Hình thức đề nghị"};
  doc.list.column_shares = {8, 33, 28, 31};
  doc.list.column_align = "clll";
  int index = 0;
  for (const RoundLine& line : round.lines) {
    doc.list.rows.push_back(
        {std::to_string(++index), line.nominee.name, UnitName(facts, line.unit), line.award_name});
  }
  doc.file_name = FileStem(doc, round, "Tờ trình");
  return doc;
}

OfficialDocument RoundDocument(const Round& round, const DocumentFacts& facts) {
  return round.kind == RoundKind::kDecision ? DecisionDocument(round, facts)
                                            : SubmissionDocument(round, facts);
}

}  // namespace tdkt::engine
