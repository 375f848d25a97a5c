// The office's documents as plain data (engine/documents.hpp): what a decision and a submission
// say, from the round and the facts of the record.
#include "engine/documents.hpp"
#include "engine/council_minutes.hpp"
#include "engine/nomination_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace tdkt::engine {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

RoundLine Line(const std::string& id, const std::string& unit, NomineeKind kind,
               const std::string& name, std::optional<std::int64_t> amount,
               std::optional<std::int64_t> register_number) {
  RoundLine line;
  line.dossier = DossierId(id);
  line.unit = UnitId(unit);
  line.nominee = Nominee{NomineeId("n-" + id), kind, name, false, false};
  line.award = AwardId("giay_khen_xa");
  line.award_name = "Giấy khen của Chủ tịch UBND xã";
  if (amount) line.prize = Prize{amount, 300, 3510000, "Nghị định 98/2023/NĐ-CP", ""};
  line.register_number = register_number;
  return line;
}

Round SignedDecision() {
  Round round;
  round.id = RoundId("qd-1");
  round.kind = RoundKind::kDecision;
  round.campaign = CampaignId("bl-2024");
  round.title = "Về việc tặng Giấy khen (đợt 1)";
  round.status = RoundStatus::kSigned;
  round.number = "05/QĐ-UBND";
  round.signed_on = sys_days{year{2024} / month{8} / day{4}};
  round.lines = {
      Line("d1", "thon-a", NomineeKind::kIndividual, "Lò Thị Hương", 1053000, 12),
      Line("d2", "truong-th", NomineeKind::kCollective, "Tổ Khoa học tự nhiên", 2106000, 13)};
  return round;
}

DocumentFacts Facts() {
  DocumentFacts facts;
  facts.commune = CommuneSettings{"Xã Bình Lương", "Thanh Hóa", "UBND", "Hà Văn Thắng", "Chủ tịch"};
  facts.campaign.id = CampaignId("bl-2024");
  facts.campaign.name = "phong trào thi đua năm 2024";
  facts.campaign.plan_number = "25/KH-UBND";
  facts.unit_names = {{"thon-a", "Thôn Minh Thanh"}, {"truong-th", "Trường Tiểu học Bình Lương"}};
  facts.today = sys_days{year{2024} / month{8} / day{21}};
  return facts;
}

bool AnyContains(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

TEST(DocumentModel, SignedDecisionCarriesItsNumberDateAndList) {
  const OfficialDocument doc = DecisionDocument(SignedDecision(), Facts());
  EXPECT_FALSE(doc.draft);
  EXPECT_EQ(doc.issuer, (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯƠNG"}));
  EXPECT_EQ(doc.national_title, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(doc.motto, "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(doc.number, "Số: 05/QĐ-UBND");
  // A day below 10 is written with its 0 (Phụ lục I).
  EXPECT_EQ(doc.place_and_date, "Bình Lương, ngày 04 tháng 8 năm 2024");
  EXPECT_EQ(doc.kind, "QUYẾT ĐỊNH");
  EXPECT_EQ(doc.authority, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH LƯƠNG");
  EXPECT_TRUE(AnyContains(doc.bases, "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"));
  EXPECT_TRUE(AnyContains(doc.bases, "Nghị định số 98/2023/NĐ-CP"));
  EXPECT_TRUE(AnyContains(doc.bases, "Kế hoạch số 25/KH-UBND"));
  ASSERT_EQ(doc.paragraphs.size(), 3u);
  EXPECT_TRUE(doc.paragraphs[0].starts_with("Điều 1. Khen thưởng 1 tập thể và 1 cá nhân"));
  EXPECT_NE(doc.paragraphs[1].find("3.159.000 đồng"), std::string::npos);
  EXPECT_NE(doc.paragraphs[1].find("Quỹ thi đua, khen thưởng"), std::string::npos);
  EXPECT_TRUE(doc.paragraphs[2].starts_with("Điều 3. Quyết định này có hiệu lực kể từ ngày ký"));
  EXPECT_EQ(doc.signer_capacity, "TM. ỦY BAN NHÂN DÂN");
  EXPECT_EQ(doc.signer_title, "CHỦ TỊCH");
  EXPECT_EQ(doc.signer_name, "Hà Văn Thắng");

  ASSERT_EQ(doc.list.rows.size(), 2u);
  EXPECT_EQ(doc.list.rows[0],
            (std::vector<std::string>{"1", "Lò Thị Hương", "Thôn Minh Thanh",
                                      "Giấy khen của Chủ tịch UBND xã", "12", "1.053.000"}));
  EXPECT_EQ(doc.list.rows[1][1], "Tổ Khoa học tự nhiên");
  EXPECT_EQ(doc.list.total.back(), "3.159.000");
  EXPECT_EQ(doc.list.attached_to,
            "(Kèm theo Quyết định số 05/QĐ-UBND ngày 4/8/2024 của Chủ tịch Ủy ban nhân dân xã "
            "Bình Lương)");
  EXPECT_EQ(doc.file_name, "Quyết định 05-QĐ-UBND");
}

TEST(DocumentModel, DraftSaysDuThaoAndCarriesNoNumber) {
  Round round = SignedDecision();
  round.status = RoundStatus::kDraft;
  round.number.clear();
  round.signed_on.reset();
  for (RoundLine& line : round.lines) line.register_number.reset();
  const OfficialDocument doc = DecisionDocument(round, Facts());
  EXPECT_TRUE(doc.draft);
  EXPECT_EQ(doc.number, "Số:      /QĐ-UBND");
  EXPECT_EQ(doc.place_and_date, "Bình Lương, ngày      tháng      năm 2024");
  EXPECT_EQ(doc.list.rows[0][4], "");
  EXPECT_EQ(doc.file_name, "Dự thảo Quyết định qd-1");
}

TEST(DocumentModel, DecreeFollowsTheSigningDate) {
  EXPECT_EQ(CommendationDecree(sys_days{year{2025} / month{6} / day{30}}), "98/2023/NĐ-CP");
  EXPECT_EQ(CommendationDecree(sys_days{year{2025} / month{7} / day{1}}), "152/2025/NĐ-CP");
  Round round = SignedDecision();
  round.signed_on = sys_days{year{2025} / month{8} / day{14}};
  const OfficialDocument doc = DecisionDocument(round, Facts());
  EXPECT_TRUE(AnyContains(doc.bases, "Nghị định số 152/2025/NĐ-CP"));
  EXPECT_FALSE(AnyContains(doc.bases, "98/2023"));
  EXPECT_EQ(doc.place_and_date, "Bình Lương, ngày 14 tháng 8 năm 2025");
}

// Luật Tổ chức chính quyền địa phương số 72/2025/QH15 is in force from its passing, 16/6/2025.
TEST(DocumentModel, TheLawOnLocalGovernmentFollowsTheDate) {
  EXPECT_NE(LocalGovernmentLaw(sys_days{year{2025} / month{6} / day{15}}).find("năm 2015"),
            std::string_view::npos);
  EXPECT_EQ(LocalGovernmentLaw(sys_days{year{2025} / month{6} / day{16}}),
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;");
  Round round = SignedDecision();
  const OfficialDocument before = DecisionDocument(round, Facts());  // signed in 2024
  EXPECT_TRUE(AnyContains(before.bases, "ngày 19 tháng 6 năm 2015"));
  round.signed_on = sys_days{year{2025} / month{7} / day{10}};
  const OfficialDocument after = DecisionDocument(round, Facts());
  EXPECT_TRUE(AnyContains(after.bases, "ngày 16 tháng 6 năm 2025"));
  EXPECT_FALSE(AnyContains(after.bases, "năm 2015"));
}

TEST(DocumentModel, DecisionWithoutPrizeMoneySaysSo) {
  Round round = SignedDecision();
  for (RoundLine& line : round.lines) line.prize.reset();
  const OfficialDocument doc = DecisionDocument(round, Facts());
  EXPECT_NE(doc.paragraphs[1].find("không kèm theo tiền thưởng"), std::string::npos);
  EXPECT_EQ(doc.list.rows[0][5], "");
}

TEST(DocumentModel, SubmissionIsAddressedToTheEscalationTarget) {
  Round round = SignedDecision();
  round.kind = RoundKind::kSubmission;
  round.number = "03/TTr-UBND";
  DocumentFacts facts = Facts();
  facts.escalation_target = Level::kProvince;
  OfficialDocument doc = SubmissionDocument(round, facts);
  EXPECT_EQ(doc.kind, "TỜ TRÌNH");
  EXPECT_EQ(doc.number, "Số: 03/TTr-UBND");
  EXPECT_EQ(doc.addressee, "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa.");
  EXPECT_EQ(doc.list.headers.size(), 4u);
  EXPECT_EQ(doc.list.rows[1][1], "Tổ Khoa học tự nhiên");
  EXPECT_EQ(doc.file_name, "Tờ trình 03-TTr-UBND");
  facts.escalation_target = Level::kDistrict;
  doc = SubmissionDocument(round, facts);
  EXPECT_EQ(doc.addressee, "Kính gửi: Chủ tịch Ủy ban nhân dân huyện.");
  facts.higher_level_name = "huyện Như Xuân";
  doc = SubmissionDocument(round, facts);
  EXPECT_EQ(doc.addressee, "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Như Xuân.");
}

TEST(DocumentModel, CommuneNotSetUpLeavesDotsToFill) {
  DocumentFacts facts = Facts();
  facts.commune = CommuneSettings{};
  const OfficialDocument doc = DecisionDocument(SignedDecision(), facts);
  EXPECT_EQ(doc.issuer, (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "XÃ ……………"}));
  EXPECT_EQ(doc.number, "Số: 05/QĐ-UBND");
  EXPECT_TRUE(doc.place_and_date.starts_with("……………, ngày 04"));
  // No Chairman named: the title stays, the name is left for the office to write.
  EXPECT_EQ(doc.signer_title, "CHỦ TỊCH");
  EXPECT_EQ(doc.signer_name, "……………");
}

TEST(DocumentModel, VietnameseTextHelpers) {
  EXPECT_EQ(VietnameseUpper("xã Bình Lương, đội ưu tú"), "XÃ BÌNH LƯƠNG, ĐỘI ƯU TÚ");
  EXPECT_EQ(PlaceName("Xã Bình Lương"), "Bình Lương");
  EXPECT_EQ(PlaceName("Phường Đông Sơn"), "Đông Sơn");
  EXPECT_EQ(PlaceName("Bình Lương"), "Bình Lương");
  EXPECT_EQ(AsciiFileName("Quyết định 05-QĐ-UBND.docx"), "Quyet dinh 05-QD-UBND.docx");
  EXPECT_EQ(AsciiFileName("a\"b\\c"), "a_b_c");
}

}  // namespace
}  // namespace tdkt::engine

namespace tdkt::engine {
namespace {

NominationEntry Entry(const std::string& id, const std::string& unit, const std::string& award,
                      const std::string& award_name, const std::string& name) {
  return NominationEntry{
      DossierId(id),
      UnitId(unit),
      Nominee{NomineeId("n-" + id), NomineeKind::kIndividual, name, false, false},
      AwardId(award),
      award_name,
      "Thành tích của " + name};
}

NominationSession Session() {
  NominationSession session;
  session.id = "hd-2024-01";
  session.date = sys_days{year{2024} / month{8} / day{8}};
  session.entries = {Entry("d1", "thon-a", "giay_khen_xa", "Giấy khen", "Lò Thị Hương"),
                     Entry("d2", "truong-th", "ldtt", "Lao động tiên tiến", "Vi Văn Đức"),
                     Entry("d3", "thon-a", "giay_khen_xa", "Giấy khen", "Hà Thị Lan")};
  return session;
}

TEST(DocumentModel, NominationListGroupsByAwardInTheOrderTheyAppear) {
  const OfficialDocument doc = NominationListDocument(Session(), Facts());
  EXPECT_EQ(doc.issuer,
            (std::vector<std::string>{"HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", "XÃ BÌNH LƯƠNG"}));
  EXPECT_EQ(doc.number, "");
  EXPECT_EQ(doc.place_and_date, "Bình Lương, ngày 08 tháng 8 năm 2024");
  EXPECT_EQ(doc.kind, "DANH SÁCH");
  EXPECT_TRUE(doc.list_in_body);
  ASSERT_EQ(doc.list.rows.size(), 5u);
  EXPECT_EQ(doc.list.rows[0], std::vector<std::string>{"I. Giấy khen (2)"});
  EXPECT_EQ(doc.list.rows[1], (std::vector<std::string>{"1", "Lò Thị Hương", "Thôn Minh Thanh",
                                                        "Thành tích của Lò Thị Hương"}));
  EXPECT_EQ(doc.list.rows[2][1], "Hà Thị Lan");
  EXPECT_EQ(doc.list.rows[3], std::vector<std::string>{"II. Lao động tiên tiến (1)"});
  EXPECT_EQ(doc.list.rows[4][0], "1");
  EXPECT_EQ(doc.list.total[1], "Tổng cộng: 3 hồ sơ");
  EXPECT_EQ(doc.signer_capacity, "TM. HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG");
}

TEST(DocumentModel, NominationListOfAUnitRoleHoldsItsUnitOnly) {
  Actor officer{UserId("cb-a"), Role::kUnitOfficer, UnitId("thon-a")};
  auto visible = VisibleTo(Session(), officer);
  ASSERT_TRUE(visible.ok());
  ASSERT_EQ(visible->entries.size(), 2u);
  EXPECT_EQ(visible->entries[1].nominee.name, "Hà Thị Lan");
  EXPECT_EQ(VisibleTo(Session(), Actor{UserId("a"), Role::kAdmin, std::nullopt}).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(
      VisibleTo(Session(), Actor{UserId("s"), Role::kSecretariat, std::nullopt})->entries.size(),
      3u);
}

}  // namespace
}  // namespace tdkt::engine

namespace tdkt::engine {
namespace {

CouncilMinutes Minutes() {
  CouncilMinutes minutes;
  minutes.session.id = CouncilSessionId("hd-2024-01");
  minutes.session.held_on = sys_days{year{2024} / month{8} / day{8}};
  minutes.session.place = "Hội trường UBND xã";
  minutes.session.chair = "Hà Văn Thắng";
  minutes.session.members = {{"Hà Văn Thắng", CouncilRole::kChuTich, true},
                             {"Lò Thị Mai", CouncilRole::kUyVienThuongTruc, true},
                             {"Vi Văn Toàn", CouncilRole::kUyVien, false}};
  minutes.number = "02/BB-HĐTĐKT";
  minutes.items = {
      {Entry("d1", "thon-a", "giay_khen_xa", "Giấy khen", "Lò Thị Hương"), 2, 0, true},
      {Entry("d2", "truong-th", "ldtt", "Lao động tiên tiến", "Vi Văn Đức"), 0, 2, false},
      {Entry("d3", "thon-a", "giay_khen_xa", "Giấy khen", "Hà Thị Lan"), std::nullopt, std::nullopt,
       false}};
  return minutes;
}

bool Mentions(const OfficialDocument& doc, const std::string& text) {
  return AnyContains(doc.paragraphs, text) || AnyContains(doc.closing, text);
}

TEST(DocumentModel, MinutesNameTheCouncilTheVotesAndTheConclusion) {
  const OfficialDocument doc = MinutesDocument(Minutes(), Facts());
  EXPECT_FALSE(doc.draft);
  EXPECT_EQ(doc.number, "Số: 02/BB-HĐTĐKT");
  EXPECT_EQ(doc.kind, "BIÊN BẢN");
  EXPECT_EQ(doc.place_and_date, "Bình Lương, ngày 08 tháng 8 năm 2024");
  EXPECT_TRUE(Mentions(doc, "tại Hội trường UBND xã"));
  EXPECT_TRUE(Mentions(doc, "Chủ trì: Hà Văn Thắng, Chủ tịch Hội đồng."));
  EXPECT_TRUE(Mentions(doc, "Thành viên có mặt: 2/3"));
  EXPECT_TRUE(Mentions(doc, "Vắng mặt: Vi Văn Toàn (Ủy viên)."));
  EXPECT_TRUE(Mentions(doc, "1 hồ sơ đạt, 1 hồ sơ không đạt"));
  ASSERT_EQ(doc.list.rows.size(), 3u);
  EXPECT_EQ(doc.list.rows[0][4], "2/0");
  EXPECT_EQ(doc.list.rows[0][5], "Đạt");
  EXPECT_EQ(doc.list.rows[1][5], "Không đạt");
  EXPECT_EQ(doc.list.rows[2][5], "Chưa biểu quyết");
  EXPECT_EQ(doc.signer_capacity, "CHỦ TRÌ");
  EXPECT_EQ(doc.signer_name, "Hà Văn Thắng");
  EXPECT_EQ(doc.left_signer_title, "THƯ KÝ");
  EXPECT_EQ(doc.left_signer_name, "Lò Thị Mai");
}

TEST(DocumentModel, MinutesBeforeAnyVoteAreADraftWithoutNumber) {
  CouncilMinutes minutes = Minutes();
  minutes.number.clear();
  const OfficialDocument doc = MinutesDocument(minutes, Facts());
  EXPECT_TRUE(doc.draft);
  EXPECT_EQ(doc.number, "Số:      /BB-HĐTĐKT");
  Actor officer{UserId("cb-a"), Role::kUnitOfficer, UnitId("thon-a")};
  EXPECT_EQ(VisibleTo(minutes, officer)->items.size(), 2u);
}

}  // namespace
}  // namespace tdkt::engine
