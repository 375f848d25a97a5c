// Which issuing body and signer a document carries (engine/document_issuer.hpp): the commune in
// force on the document's date, not the one the admin has set up today. Xã Bình Lương until
// 30/6/2025, xã Hóa Quỳ from 1/7/2025 (Nghị quyết 1686/NQ-UBTVQH15, Điều 1).

#include "engine/document_issuer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/council_minutes.hpp"
#include "engine/documents.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

using std::chrono::sys_days;

sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

AdministrativeMap Map(std::optional<Signer> binh_luong_signer) {
  const std::string act = "Nghị quyết số 1686/NQ-UBTVQH15, Điều 1";
  std::vector<AdministrativeUnit> units = {
      {"tinh-thanh-hoa", "Tỉnh Thanh Hóa", Level::kProvince, std::nullopt, std::nullopt,
       std::nullopt, std::nullopt, "", std::nullopt},
      {"huyen-nhu-xuan", "Huyện Như Xuân", Level::kDistrict, "tinh-thanh-hoa", std::nullopt,
       Day(2025, 6, 30), std::nullopt, "Luật số 72/2025/QH15", std::nullopt},
      {"xa-binh-luong", "Xã Bình Lương", Level::kCommune, "huyen-nhu-xuan", std::nullopt,
       Day(2025, 6, 30), "xa-hoa-quy", act, std::move(binh_luong_signer)},
      // A signer of the commune in force today is not used: the admin's settings name him.
      {"xa-hoa-quy", "Xã Hóa Quỳ", Level::kCommune, "tinh-thanh-hoa", Day(2025, 7, 1), std::nullopt,
       std::nullopt, act, Signer{"Người trong tệp", "Chủ tịch"}},
  };
  return AdministrativeMap::Create(std::move(units), "xa-binh-luong").value();
}

// The admin's settings after the merger: renamed, with the new commune's Chairman.
CommuneSettings HoaQuySettings() {
  return CommuneSettings{"Xã Hóa Quỳ", "Thanh Hóa", "UBND-HQ", "Trần Văn Mới", "Chủ tịch"};
}

const sys_days kToday = Day(2026, 11, 27);

TEST(DocumentIssuer, ADocumentBeforeTheMergerNamesTheFormerCommuneAndItsSigner) {
  const AdministrativeMap map = Map(Signer{"Lê Đình Tuấn", "Chủ tịch"});
  const CommuneSettings issuer = IssuerOn(map, HoaQuySettings(), Day(2025, 6, 20), kToday);
  EXPECT_EQ(issuer.name, "Xã Bình Lương");
  EXPECT_EQ(issuer.chairman_name, "Lê Đình Tuấn");
  EXPECT_EQ(issuer.chairman_title, "Chủ tịch");
  EXPECT_EQ(issuer.province, "Thanh Hóa");  // the merger kept the province
  EXPECT_EQ(issuer.issuer_symbol, "");      // today's symbol is not the former body's
  // Its last day is still the former commune's.
  EXPECT_EQ(IssuerOn(map, HoaQuySettings(), Day(2025, 6, 30), kToday).name, "Xã Bình Lương");
}

TEST(DocumentIssuer, ADocumentAfterTheMergerIsTheSettingsCommune) {
  const AdministrativeMap map = Map(Signer{"Lê Đình Tuấn", "Chủ tịch"});
  for (sys_days dated : {Day(2025, 7, 1), Day(2025, 7, 10), kToday}) {
    const CommuneSettings issuer = IssuerOn(map, HoaQuySettings(), dated, kToday);
    EXPECT_EQ(issuer.name, "Xã Hóa Quỳ");
    EXPECT_EQ(issuer.chairman_name, "Trần Văn Mới");
    EXPECT_EQ(issuer.chairman_title, "Chủ tịch");
    EXPECT_EQ(issuer.issuer_symbol, "UBND-HQ");
    EXPECT_EQ(issuer.province, "Thanh Hóa");
  }
}

TEST(DocumentIssuer, TheNameIsTheMapsEvenBeforeTheAdminRenamedTheCommune) {
  // 1/7/2025 onwards, the settings still say Bình Lương: a draft of today names xã Hóa Quỳ, with
  // the settings' signer (they describe the commune in force today).
  const AdministrativeMap map = Map(std::nullopt);
  CommuneSettings old = HoaQuySettings();
  old.name = "Xã Bình Lương";
  const CommuneSettings draft = IssuerOn(map, old, Day(2025, 7, 3), Day(2025, 7, 3));
  EXPECT_EQ(draft.name, "Xã Hóa Quỳ");
  EXPECT_EQ(draft.chairman_name, "Trần Văn Mới");
  // Before the merger the settings describe Bình Lương, in force then: its signer is theirs.
  const CommuneSettings before = IssuerOn(map, old, Day(2025, 6, 2), Day(2025, 6, 20));
  EXPECT_EQ(before.name, "Xã Bình Lương");
  EXPECT_EQ(before.chairman_name, "Trần Văn Mới");
  EXPECT_EQ(before.issuer_symbol, "UBND-HQ");
}

TEST(DocumentIssuer, AFormerBodyWithoutItsSignerLeavesDotsUnderTheSignature) {
  const AdministrativeMap map = Map(std::nullopt);
  const CommuneSettings issuer = IssuerOn(map, HoaQuySettings(), Day(2025, 6, 20), kToday);
  EXPECT_EQ(issuer.name, "Xã Bình Lương");
  EXPECT_EQ(issuer.chairman_name, "");
  EXPECT_EQ(issuer.chairman_title, "");

  // As the decision prints it: the former commune in the heading, the place line, the running
  // text and the attached list; its number; dots for the signer's name.
  Round round;
  round.id = RoundId("qd-bl-2025-01");
  round.kind = RoundKind::kDecision;
  round.campaign = CampaignId("bl-2025-daihoi");
  round.title = "Về việc tặng Giấy khen";
  round.status = RoundStatus::kSigned;
  round.number = "01/QĐ-UBND";
  round.signed_on = Day(2025, 6, 20);
  DocumentFacts facts;
  facts.commune = issuer;
  facts.campaign.plan_number = "09/KH-UBND";
  facts.campaign.name = "phong trào thi đua";
  facts.today = kToday;
  const OfficialDocument doc = DecisionDocument(round, facts);
  EXPECT_EQ(doc.issuer, (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯƠNG"}));
  EXPECT_EQ(doc.place_and_date, "Bình Lương, ngày 20 tháng 6 năm 2025");
  EXPECT_EQ(doc.authority, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH LƯƠNG");
  EXPECT_EQ(doc.number, "Số: 01/QĐ-UBND");
  EXPECT_EQ(doc.signer_title, "CHỦ TỊCH");
  EXPECT_EQ(doc.signer_name, "……………");
  ASSERT_FALSE(doc.bases.empty());
  for (const std::string& basis : doc.bases) {
    EXPECT_EQ(basis.find("Hóa Quỳ"), std::string::npos) << basis;
  }
  EXPECT_NE(doc.list.attached_to.find("xã Bình Lương"), std::string::npos) << doc.list.attached_to;

  // The minutes of a June 2025 session: the former commune's council.
  CouncilMinutes minutes;
  minutes.session.id = CouncilSessionId("hd-bl-2025-01");
  minutes.session.held_on = Day(2025, 6, 12);
  minutes.session.chair = "Lê Đình Tuấn";
  minutes.number = "01/BB-HĐTĐKT";
  DocumentFacts session_facts = facts;
  session_facts.commune = IssuerOn(map, HoaQuySettings(), Day(2025, 6, 12), kToday);
  const OfficialDocument record = MinutesDocument(minutes, session_facts);
  EXPECT_EQ(record.issuer.back(), "XÃ BÌNH LƯƠNG");
  EXPECT_TRUE(record.place_and_date.starts_with("Bình Lương, ngày 12 tháng 6 năm 2025"));
}

TEST(DocumentIssuer, MinutesAreCitedAsTheCouncilOfTheirSessionsDayKeptThem) {
  const AdministrativeMap map = Map(std::nullopt);
  EXPECT_EQ(CouncilCommuneOn(map, Day(2025, 6, 12)), "Xã Bình Lương");
  EXPECT_EQ(CouncilCommuneOn(map, Day(2025, 7, 1)), "Xã Hóa Quỳ");

  // xã Hóa Quỳ's decision of 10/7/2025 on a dossier Bình Lương's council voted on (its
  // 01/BB-HĐTĐKT) beside one of its own council's (also 01, its own series) and a 02 of unknown
  // council (the document's own).
  Round round;
  round.id = RoundId("qd-hq-2025-01");
  round.kind = RoundKind::kDecision;
  round.status = RoundStatus::kSigned;
  round.number = "01/QĐ-UBND";
  round.signed_on = Day(2025, 7, 10);
  DocumentFacts facts;
  facts.commune = IssuerOn(map, HoaQuySettings(), Day(2025, 7, 10), kToday);
  facts.minutes = {{"01/BB-HĐTĐKT", CouncilCommuneOn(map, Day(2025, 6, 12))},
                   {"01/BB-HĐTĐKT", CouncilCommuneOn(map, Day(2025, 7, 8))},
                   {"02/BB-HĐTĐKT", ""}};
  facts.today = kToday;
  const OfficialDocument doc = DecisionDocument(round, facts);
  EXPECT_EQ(doc.issuer.back(), "XÃ HÓA QUỲ");
  std::vector<std::string> cited;
  for (const std::string& basis : doc.bases) {
    if (basis.starts_with("Căn cứ Biên bản")) cited.push_back(basis);
  }
  EXPECT_EQ(cited, (std::vector<std::string>{
                       "Căn cứ Biên bản họp số 01/BB-HĐTĐKT của Hội đồng Thi đua - Khen thưởng xã "
                       "Bình Lương;",
                       "Căn cứ Biên bản họp số 01/BB-HĐTĐKT, 02/BB-HĐTĐKT của Hội đồng Thi đua - "
                       "Khen thưởng xã Hóa Quỳ;"}));
}

TEST(DocumentIssuer, NoCommuneOnTheDateLeavesTheSettingsAsTheyAre) {
  const std::string act = "Nghị quyết số 1686/NQ-UBTVQH15, Điều 1";
  // A commune that ended with no successor: the map knows no issuing body after it.
  auto map = AdministrativeMap::Create(
      {{"xa-binh-luong", "Xã Bình Lương", Level::kCommune, std::nullopt, std::nullopt,
        Day(2025, 6, 30), std::nullopt, act, Signer{"Lê Đình Tuấn", "Chủ tịch"}}},
      "xa-binh-luong");
  ASSERT_OK(map);
  const CommuneSettings issuer = IssuerOn(*map, HoaQuySettings(), Day(2025, 7, 10), kToday);
  EXPECT_EQ(issuer.name, "Xã Hóa Quỳ");
  EXPECT_EQ(issuer.chairman_name, "Trần Văn Mới");
  EXPECT_EQ(issuer.issuer_symbol, "UBND-HQ");
}

// A tờ trình names the body it goes to as it stood on its date: the district until 30/6/2025,
// the province after (the new commune sits under it; Luật số 72/2025/QH15).
TEST(DocumentIssuer, ASubmissionIsAddressedToTheLevelAboveOnItsDate) {
  const AdministrativeMap map = Map(std::nullopt);
  EXPECT_EQ(HigherLevelOn(map, Level::kDistrict, Day(2025, 6, 23)), "huyện Như Xuân");
  EXPECT_EQ(HigherLevelOn(map, Level::kProvince, Day(2025, 6, 23)), "tỉnh Thanh Hóa");
  EXPECT_EQ(HigherLevelOn(map, Level::kProvince, Day(2026, 11, 13)), "tỉnh Thanh Hóa");
  // No district above xã Hóa Quỳ, nor on any day after 30/6/2025.
  EXPECT_EQ(HigherLevelOn(map, Level::kDistrict, Day(2026, 11, 13)), "");
  EXPECT_EQ(HigherLevelOn(map, Level::kDistrict, Day(2025, 7, 1)), "");

  Round round;
  round.id = RoundId("ttr-bl-2025-01");
  round.kind = RoundKind::kSubmission;
  round.status = RoundStatus::kSigned;
  round.number = "01/TTr-UBND";
  round.signed_on = Day(2025, 6, 23);
  DocumentFacts facts;
  facts.escalation_target = Level::kDistrict;
  facts.higher_level_name = HigherLevelOn(map, Level::kDistrict, *round.signed_on);
  EXPECT_EQ(SubmissionDocument(round, facts).addressee,
            "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Như Xuân.");
}

}  // namespace
}  // namespace tdkt::engine
