#include "engine/council_minutes.hpp"

#include <string>

#include "engine/authorization.hpp"

namespace tdkt::engine {

namespace {

// "Hà Văn Thắng (Chủ tịch Hội đồng), Lò Thị Mai (Ủy viên)".
std::string Names(const std::vector<CouncilMember>& members, bool present) {
  std::string out;
  for (const CouncilMember& member : members) {
    if (member.present != present) continue;
    if (!out.empty()) out += ", ";
    out += member.name + " (" + std::string(CouncilRoleLabel(member.role)) + ")";
  }
  return out;
}

}  // namespace

Result<CouncilMinutes> VisibleTo(const CouncilMinutes& minutes, const Actor& actor) {
  if (Status s = AuthorizeReadDossiers(actor); !s.ok()) return s;
  if (!IsUnitScoped(actor.role)) return minutes;
  CouncilMinutes visible = minutes;
  std::erase_if(visible.items, [&](const MinutesItem& item) {
    return !actor.unit || item.entry.unit != *actor.unit;
  });
  return visible;
}

OfficialDocument MinutesDocument(const CouncilMinutes& minutes, const DocumentFacts& facts) {
  const CouncilSession& session = minutes.session;
  const std::string commune = CommuneInRunningText(facts.commune);
  const std::string council = "Hội đồng Thi đua - Khen thưởng " + commune;
  OfficialDocument doc;
  doc.draft = minutes.number.empty();
  doc.issuer = {"HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", VietnameseUpper(commune)};
  doc.national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  doc.motto = "Độc lập - Tự do - Hạnh phúc";
  doc.number = doc.draft ? "Số:      /BB-HĐTĐKT" : "Số: " + minutes.number;
  const std::string place = PlaceOrBlank(facts.commune.name);
  doc.place_and_date = place + ", " + DateInWords(session.held_on);
  doc.kind = "BIÊN BẢN";
  doc.summary = "Họp " + council + " xét đề nghị khen thưởng";

  doc.paragraphs.push_back(
      "Vào " + DateInWords(session.held_on) + ", tại " + OrBlank(session.place) + ", " + council +
      " họp xét đề nghị khen thưởng" +
      (facts.campaign.name.empty() ? "" : " trong " + facts.campaign.name) + ".");
  std::string chair = OrBlank(session.chair);
  for (const CouncilMember& member : session.members) {
    if (member.name == session.chair) {
      chair += ", " + std::string(CouncilRoleLabel(member.role));
    }
  }
  doc.paragraphs.push_back("Chủ trì: " + chair + ".");
  if (!session.members.empty()) {
    const std::string present = Names(session.members, true);
    const std::string absent = Names(session.members, false);
    doc.paragraphs.push_back("Thành viên có mặt: " + std::to_string(session.PresentCount()) + "/" +
                             std::to_string(session.MemberCount()) + ": " + present + ".");
    doc.paragraphs.push_back("Vắng mặt: " + (absent.empty() ? std::string("không") : absent) + ".");
  }
  doc.paragraphs.push_back("Nội dung: Hội đồng xem xét " + std::to_string(minutes.items.size()) +
                           " hồ sơ đề nghị khen thưởng và biểu quyết từng hồ sơ, kết quả như sau:");

  doc.list_in_body = true;
  doc.list.headers = {
      "STT", "Họ tên / Tên tập thể", "Đơn vị", "Hình thức đề nghị", "Đồng ý/Không", "Kết quả"};
  doc.list.column_shares = {7, 26, 20, 21, 12, 14};
  doc.list.column_align = "clllcc";
  int index = 0, passed = 0, failed = 0;
  for (const MinutesItem& item : minutes.items) {
    auto unit = facts.unit_names.find(item.entry.unit.value());
    std::string votes, result = "Chưa biểu quyết";
    if (item.yes && item.no) {
      votes = std::to_string(*item.yes) + "/" + std::to_string(*item.no);
      result = item.passed ? "Đạt" : "Không đạt";
      (item.passed ? passed : failed) += 1;
    }
    doc.list.rows.push_back(
        {std::to_string(++index), item.entry.nominee.name,
         unit == facts.unit_names.end() ? item.entry.unit.value() : unit->second,
         item.entry.award_name, votes, result});
  }
  doc.closing.push_back("Kết luận: Hội đồng thống nhất " + std::to_string(passed) + " hồ sơ đạt, " +
                        std::to_string(failed) +
                        " hồ sơ không đạt; các hồ sơ đạt được trình cấp có thẩm quyền xem xét, "
                        "quyết định khen thưởng theo quy định.");
  doc.closing.push_back("Biên bản đã được thông qua trước Hội đồng./.");

  doc.signer_capacity = "CHỦ TRÌ";
  doc.signer_name = session.chair;
  for (const CouncilMember& member : session.members) {
    if (member.role == CouncilRole::kUyVienThuongTruc && member.present &&
        member.name != session.chair) {
      doc.left_signer_title = "THƯ KÝ";
      doc.left_signer_name = member.name;
      break;
    }
  }
  doc.file_name = "Biên bản họp Hội đồng " + session.id.value();
  return doc;
}

}  // namespace tdkt::engine
