#include "engine/nomination_list.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "engine/authorization.hpp"

namespace tdkt::engine {

namespace {

// Groups are numbered as administrative lists number them: I, II, III, …
std::string Roman(std::size_t n) {
  static constexpr std::array<std::pair<std::size_t, const char*>, 9> kDigits = {{{100, "C"},
                                                                                  {90, "XC"},
                                                                                  {50, "L"},
                                                                                  {40, "XL"},
                                                                                  {10, "X"},
                                                                                  {9, "IX"},
                                                                                  {5, "V"},
                                                                                  {4, "IV"},
                                                                                  {1, "I"}}};
  std::string out;
  for (const auto& [value, digits] : kDigits) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

}  // namespace

Result<NominationSession> VisibleTo(const NominationSession& session, const Actor& actor) {
  if (Status s = AuthorizeReadDossiers(actor); !s.ok()) return s;
  if (!IsUnitScoped(actor.role)) return session;
  NominationSession visible = session;
  std::erase_if(visible.entries, [&](const NominationEntry& entry) {
    return !actor.unit || entry.unit != *actor.unit;
  });
  return visible;
}

OfficialDocument NominationListDocument(const NominationSession& session,
                                        const DocumentFacts& facts) {
  const std::string commune = CommuneInRunningText(facts.commune);
  OfficialDocument doc;
  // "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG XÃ BÌNH LƯƠNG" is wider than ô số 2 at 13 pt: three lines.
  doc.issuer = {"HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", VietnameseUpper(commune)};
  doc.national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  doc.motto = "Độc lập - Tự do - Hạnh phúc";
  const std::string place = PlaceOrBlank(facts.commune.name);
  doc.place_and_date = place + ", " + DateInWords(session.date);
  doc.kind = "DANH SÁCH";
  doc.summary = "Đề nghị khen thưởng trình phiên họp Hội đồng Thi đua - Khen thưởng " + commune +
                " ngày " + DateInFigures(session.date);
  if (!facts.campaign.name.empty()) {
    doc.summary_note =
        ("(" + facts.campaign.name +
         (facts.campaign.plan_number.empty() ? ""
                                             : ", theo Kế hoạch số " + facts.campaign.plan_number) +
         ")");
  }
  doc.list_in_body = true;
  doc.list.headers = {"STT", "Họ tên / Tên tập thể", "Đơn vị", "Tóm tắt thành tích"};
  doc.list.column_shares = {7, 24, 19, 50};
  doc.list.column_align = "clll";
  // Grouped by award, the awards in the order they first appear.
  std::vector<std::string> awards;
  for (const NominationEntry& entry : session.entries) {
    if (std::find(awards.begin(), awards.end(), entry.award.value()) == awards.end()) {
      awards.push_back(entry.award.value());
    }
  }
  std::size_t group = 0;
  for (const std::string& award : awards) {
    std::vector<const NominationEntry*> members;
    for (const NominationEntry& entry : session.entries) {
      if (entry.award.value() == award) members.push_back(&entry);
    }
    doc.list.rows.push_back({Roman(++group) + ". " + members.front()->award_name + " (" +
                             std::to_string(members.size()) + ")"});
    int index = 0;
    for (const NominationEntry* entry : members) {
      auto unit = facts.unit_names.find(entry->unit.value());
      doc.list.rows.push_back({std::to_string(++index), entry->nominee.name,
                               unit == facts.unit_names.end() ? entry->unit.value() : unit->second,
                               entry->achievement_summary});
    }
  }
  doc.list.total = {"", "Tổng cộng: " + std::to_string(session.entries.size()) + " hồ sơ", "", ""};
  doc.signer_capacity = "TM. HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG";  // too wide for one line
  doc.signer_title = "CHỦ TỊCH";
  doc.signer_name = OrBlank(facts.commune.chairman_name);
  doc.file_name = "Danh sách đề nghị khen thưởng " + session.id;
  return doc;
}

}  // namespace tdkt::engine
