// The import of a unit's list in the core: the template's header, each row's rules (required
// columns, values, the award in the campaign and for the nominee's kind), every problem at once by
// row and column, duplicates in the file and in the campaign, who may import.
#include "engine/nomination_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>

#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

using namespace std::chrono;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const sys_days kToday = sys_days(year(2024) / August / 21);

SheetRow Row(int number, std::initializer_list<SheetCell> cells) { return {number, cells}; }
SheetCell T(const char* text) { return SheetCell::Text(text); }
SheetCell N(double number) { return SheetCell::Number(number); }
SheetCell E() { return SheetCell(); }

SheetRow Header() {
  SheetRow row{1, {}};
  for (const ImportColumnSpec& spec : ImportTemplateColumns()) {
    row.cells.push_back(SheetCell::Text(std::string(spec.header)));
  }
  return row;
}

// STT, Đối tượng, Họ tên, Giới tính, Ngày sinh, Chức vụ, Trực tiếp, Số định danh, Loại tập thể,
// Thôn, Hình thức, Thành tích.
Sheet Good() {
  Sheet sheet;
  sheet.rows = {
      Header(),
      Row(2, {N(1), T("Cá nhân"), T(" Lò  Văn Chương "), T("Nam"), N(31121), T("Giáo viên"),
              T("Không"), T("038085001234"), E(), E(), T("Lao động tiên tiến"), T("Thành tích.")}),
      Row(3, {N(2), T("Cá nhân"), T("Hà Thị Mai"), T("nữ"), T("02/11/1990"), E(),
              SheetCell::Boolean(true), E(), E(), E(), T("giay_khen_xa"), T("Trồng rừng.")}),
      Row(4, {N(3), T("Tập thể"), T("Trường Tiểu học Bình Lương"), E(), E(), E(), E(), E(),
              T("Trường học"), E(), T("Tập thể lao động tiên tiến"), T("Tiêu biểu.")}),
      Row(5, {N(4), T("Hộ gia đình"), T("Lương Văn Tám"), E(), E(), E(), T("Có"), E(), E(),
              T("Thôn Đồng Mươi"), T("Gia đình văn hóa"), T("Gia đình văn hóa\n3 năm.")}),
  };
  return sheet;
}

Actor Officer(const char* unit) { return {UserId("cb"), Role::kUnitOfficer, UnitId(unit)}; }

ImportFacts NoFacts(const ImportReading& reading) {
  ImportFacts facts;
  facts.rows.resize(reading.rows.size());
  return facts;
}

TEST(NominationImport, ReadsEveryKindOfNomineeFromAGoodList) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  ImportReading reading =
      ReadNominationSheet(Good(), campaign, testing::ThanhHoa2024Pack(), kToday);
  ASSERT_THAT(reading.problems, IsEmpty());
  ASSERT_EQ(reading.rows.size(), 4u);
  const ImportedRow& first = reading.rows[0];
  EXPECT_EQ(first.row, 2);
  EXPECT_EQ(first.nominee.name, "Lò Văn Chương");  // spaces tidied
  EXPECT_EQ(first.nominee.female, false);
  EXPECT_EQ(first.nominee.birth_date, sys_days(year(1985) / March / 15));  // serial 31121
  EXPECT_EQ(first.nominee.identity_number, "038085001234");
  EXPECT_EQ(first.award, AwardId("lao_dong_tien_tien"));
  EXPECT_EQ(reading.rows[1].nominee.female, true);
  EXPECT_TRUE(reading.rows[1].nominee.direct_worker);
  EXPECT_EQ(reading.rows[1].nominee.birth_date, sys_days(year(1990) / November / 2));
  EXPECT_EQ(reading.rows[1].award, AwardId("giay_khen_xa"));
  EXPECT_EQ(reading.rows[2].nominee.kind, NomineeKind::kCollective);
  EXPECT_EQ(reading.rows[2].nominee.collective_kind, "school");
  EXPECT_EQ(reading.rows[3].nominee.kind, NomineeKind::kHousehold);
  EXPECT_EQ(reading.rows[3].nominee.village, "Thôn Đồng Mươi");
  EXPECT_EQ(reading.rows[3].achievement_summary, "Gia đình văn hóa\n3 năm.");

  auto plan =
      DecideImport(reading, Officer("thon-1"), UnitId("thon-1"), campaign, NoFacts(reading));
  ASSERT_OK(plan.status());
  EXPECT_THAT(plan->problems, IsEmpty());
  ASSERT_EQ(plan->drafts.size(), 4u);
  EXPECT_EQ(plan->drafts[0].unit, UnitId("thon-1"));
  EXPECT_EQ(plan->drafts[0].campaign, campaign.id);
  EXPECT_EQ(plan->drafts[1].nominee.female, true);
  EXPECT_EQ(plan->drafts[3].nominee.kind, NomineeKind::kHousehold);
}

TEST(NominationImport, ReturnsEveryProblemOfEveryRowByRowAndColumn) {
  Campaign campaign = testing::BinhLuong2024Campaign();
  campaign.allowed_awards.erase(campaign.allowed_awards.begin() + 1);  // no lao_dong_tien_tien
  Sheet sheet;
  sheet.rows = {
      Header(),
      // Missing gender, a date that does not exist, bad Có/Không, an 11-digit number id.
      Row(2, {N(1), T("Cá nhân"), T("Lò Văn Chương"), E(), T("30/02/1985"), E(), T("ừ"),
              N(38085001234), E(), E(), T("Giấy khen của Chủ tịch UBND xã"), T("x")}),
      // The campaign does not allow the award; no achievement.
      Row(3, {N(2), T("Cá nhân"), T("Hà Thị Mai"), T("Nữ"), N(33179), E(), T("Có"), E(), E(), E(),
              T("Lao động tiên tiến"), E()}),
      // Gia đình văn hóa is for households only; a collective with a gender and no kind.
      Row(4, {N(3), T("Tập thể"), T("Đội văn nghệ"), T("Nam"), E(), E(), E(), E(), E(), E(),
              T("Gia đình văn hóa"), T("x")}),
      // An unknown kind and an award that does not exist.
      Row(5, {N(4), T("Người"), E(), E(), E(), E(), E(), E(), E(), E(), T("Huân chương"), T("x")}),
      // A birth date in the future; a value under no header.
      Row(6, {N(5), T("Cá nhân"), T("Vi Văn Minh"), T("Nam"), T("2030-01-01"), E(), T("Có"), E(),
              E(), E(), T("giay_khen_xa"), T("x"), T("thừa")}),
  };
  ImportReading reading = ReadNominationSheet(sheet, campaign, testing::ThanhHoa2024Pack(), kToday);
  EXPECT_THAT(reading.rows, IsEmpty());
  auto at = [&](int row, const std::string& column) {
    std::vector<std::string> messages;
    for (const auto& p : reading.problems) {
      if (p.row == row && p.column == column) messages.push_back(p.message);
    }
    return messages;
  };
  EXPECT_THAT(at(2, "D"), ElementsAre(HasSubstr("bắt buộc với cá nhân («Nam» hoặc «Nữ»), đang để "
                                                "trống")));
  EXPECT_THAT(at(2, "E"), ElementsAre(HasSubstr("«30/02/1985» không phải một ngày có thật")));
  EXPECT_THAT(at(2, "G"), ElementsAre(HasSubstr("«ừ» không phải «Có» hoặc «Không»")));
  EXPECT_THAT(at(2, "H"), ElementsAre(HasSubstr("ô kiểu số đã bỏ số 0 ở đầu")));
  EXPECT_THAT(at(3, "K"), ElementsAre(HasSubstr("không xét «Lao động tiên tiến»")));
  EXPECT_THAT(at(3, "L"), ElementsAre(HasSubstr("tóm tắt thành tích")));
  EXPECT_THAT(at(4, "D"), ElementsAre(HasSubstr("chỉ ghi với cá nhân; dòng này là tập thể")));
  EXPECT_THAT(at(4, "I"), ElementsAre(HasSubstr("bắt buộc với tập thể")));
  EXPECT_THAT(at(4, "K"), ElementsAre(HasSubstr("«Gia đình văn hóa» không xét cho tập thể (chỉ "
                                                "cho hộ gia đình")));
  EXPECT_THAT(at(5, "B"), ElementsAre(HasSubstr("«Người» không phải «Cá nhân»")));
  EXPECT_THAT(at(5, "C"), ElementsAre(HasSubstr("bắt buộc")));
  EXPECT_THAT(at(5, "K"), ElementsAre(HasSubstr("«Huân chương» không có trong bộ quy tắc")));
  EXPECT_THAT(at(6, "E"), ElementsAre(HasSubstr("không trước ngày hôm nay")));
  EXPECT_THAT(at(6, "M"), ElementsAre(HasSubstr("cột không có tiêu đề")));
  EXPECT_EQ(reading.problems.size(), 14u);
  for (const auto& p : reading.problems) {
    if (!p.column.empty() && p.column != "M") {
      EXPECT_FALSE(p.header.empty()) << p.message;
    }
  }
  // In row order.
  for (std::size_t i = 1; i < reading.problems.size(); ++i) {
    EXPECT_LE(reading.problems[i - 1].row, reading.problems[i].row);
  }
  // All or nothing: the plan has the problems and no draft.
  auto plan = DecideImport(reading, Officer("u"), UnitId("u"), campaign, NoFacts(reading));
  ASSERT_OK(plan.status());
  EXPECT_THAT(plan->drafts, IsEmpty());
  EXPECT_EQ(plan->problems, reading.problems);
}

TEST(NominationImport, ChecksTheHeaderRowFirst) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  Sheet sheet;
  sheet.rows = {
      Row(1, {T("STT"), T("Đối tượng"), T("Họ tên"), T("Đối tượng"), T("Hình thức khen thưởng")}),
      Row(2, {N(1)})};
  ImportReading reading = ReadNominationSheet(sheet, campaign, testing::ThanhHoa2024Pack(), kToday);
  EXPECT_THAT(reading.rows, IsEmpty());
  EXPECT_THAT(
      reading.problems,
      ElementsAre(
          Field(&ImportProblem::message, HasSubstr("cột «Họ tên» không có trong mẫu")),
          Field(&ImportProblem::column, "D"),
          Field(&ImportProblem::message,
                HasSubstr("thiếu cột bắt buộc «Họ và tên / Tên tập thể / Chủ hộ»")),
          Field(&ImportProblem::message, HasSubstr("thiếu cột bắt buộc «Tóm tắt thành tích»"))));
  Sheet header_only;
  header_only.rows = {Header()};
  EXPECT_THAT(
      ReadNominationSheet(header_only, campaign, testing::ThanhHoa2024Pack(), kToday).problems,
      ElementsAre(Field(&ImportProblem::message, HasSubstr("không có dòng đề nghị nào"))));
}

TEST(NominationImport, AnOptionalColumnLeftOutIsNamedWhenARowNeedsIt) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  Sheet sheet;
  sheet.rows = {Row(1, {T("Đối tượng"), T("Họ và tên / Tên tập thể / Chủ hộ"),
                        T("Hình thức khen thưởng"), T("Tóm tắt thành tích")}),
                Row(2, {T("Hộ gia đình"), T("Lương Văn Tám"), T("Gia đình văn hóa"), T("x")}),
                Row(3, {T("Tập thể"), T("Thôn Đồng Mươi"), T("Thôn văn hóa"), T("x")})};
  ImportReading reading = ReadNominationSheet(sheet, campaign, testing::ThanhHoa2024Pack(), kToday);
  ASSERT_EQ(reading.problems.size(), 3u);
  EXPECT_EQ(reading.problems[0].row, 2);
  EXPECT_EQ(reading.problems[0].column, "");
  EXPECT_EQ(reading.problems[0].header, "Trực tiếp lao động, sản xuất");
  EXPECT_EQ(reading.problems[1].row, 2);
  EXPECT_EQ(reading.problems[1].header, "Thôn");
  EXPECT_THAT(reading.problems[1].message, HasSubstr("dòng tiêu đề không có cột «Thôn»"));
  EXPECT_EQ(reading.problems[2].row, 3);
  EXPECT_EQ(reading.problems[2].header, "Loại tập thể");
}

TEST(NominationImport, RefusesDuplicatesInTheFileAndNomineesAlreadyInTheCampaign) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  Sheet sheet = Good();
  // Row 6 repeats row 2's person (same identity number, another spelling of the name); row 7
  // repeats row 3's (same name and date of birth).
  sheet.rows.push_back(
      Row(6, {N(5), T("Cá nhân"), T("Lò Văn Chươngg"), T("Nam"), N(31121), E(), T("Không"),
              T("038085001234"), E(), E(), T("giay_khen_xa"), T("x")}));
  sheet.rows.push_back(Row(7, {N(6), T("Cá nhân"), T("Hà  Thị Mai"), T("Nữ"), T("1990-11-02"), E(),
                               T("Có"), E(), E(), E(), T("lao_dong_tien_tien"), T("x")}));
  ImportReading reading = ReadNominationSheet(sheet, campaign, testing::ThanhHoa2024Pack(), kToday);
  ASSERT_THAT(reading.problems, IsEmpty());
  ImportFacts facts = NoFacts(reading);
  facts.rows[3].other_dossier = DossierId("hs-0042");  // the household, row 5
  auto plan = DecideImport(reading, Officer("u"), UnitId("u"), campaign, facts);
  ASSERT_OK(plan.status());
  EXPECT_THAT(plan->drafts, IsEmpty());
  ASSERT_EQ(plan->problems.size(), 3u);
  EXPECT_EQ(plan->problems[0].row, 5);
  EXPECT_THAT(plan->problems[0].message, HasSubstr("đã có hồ sơ hs-0042"));
  EXPECT_THAT(plan->problems[0].message, HasSubstr("Điều 5"));
  EXPECT_EQ(plan->problems[1].row, 6);
  EXPECT_THAT(plan->problems[1].message, HasSubstr("trùng với dòng 2"));
  EXPECT_EQ(plan->problems[2].row, 7);
  EXPECT_THAT(plan->problems[2].message, HasSubstr("trùng với dòng 3"));
}

TEST(NominationImport, JudgesDuplicatesOnTheRegistersIdentityAndNamesAnUnknownVillage) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  ImportReading reading =
      ReadNominationSheet(Good(), campaign, testing::ThanhHoa2024Pack(), kToday);
  ASSERT_THAT(reading.problems, IsEmpty());
  EXPECT_EQ(reading.columns.at(ImportColumn::kVillage), "J");
  ImportFacts facts = NoFacts(reading);
  // The register found rows 2 and 3 to be one person (say, the same identity number once the
  // register knows it), though the file spells them apart.
  facts.rows[0].nominee = NomineeId("nm-1");
  facts.rows[1].nominee = NomineeId("nm-1");
  facts.rows[2].nominee = NomineeId("nm-2");
  facts.rows[3].village_known = false;
  facts.villages = {"Thôn Minh Thanh", "Thôn Bình Hòa"};
  facts.rows[2].registration_refused = "chỉ cán bộ của đơn vị đó đăng ký";
  auto plan = DecideImport(reading, Officer("u"), UnitId("u"), campaign, facts);
  ASSERT_OK(plan.status());
  EXPECT_THAT(plan->drafts, IsEmpty());
  ASSERT_EQ(plan->problems.size(), 3u);
  EXPECT_EQ(plan->problems[1].row, 4);
  EXPECT_THAT(plan->problems[1].message,
              HasSubstr("không đăng ký được «Trường Tiểu học Bình Lương» vào sổ đối tượng: chỉ"));
  plan->problems.erase(plan->problems.begin() + 1);
  facts.rows[2].registration_refused.reset();
  EXPECT_EQ(plan->problems[0].row, 3);
  EXPECT_THAT(plan->problems[0].message, HasSubstr("trùng với dòng 2"));
  EXPECT_EQ(plan->problems[1].row, 5);
  EXPECT_EQ(plan->problems[1].column, "J");
  EXPECT_THAT(plan->problems[1].message,
              HasSubstr("«Thôn Đồng Mươi» không phải một thôn của xã (các thôn: Thôn Minh Thanh, "
                        "Thôn Bình Hòa)"));
  // Known nominees: each draft refers to its row's.
  facts.rows[1].nominee = NomineeId("nm-3");
  facts.rows[3].village_known = true;
  facts.rows[3].nominee = NomineeId("nm-4");
  plan = DecideImport(reading, Officer("u"), UnitId("u"), campaign, facts);
  ASSERT_OK(plan.status());
  ASSERT_EQ(plan->drafts.size(), 4u);
  EXPECT_EQ(plan->drafts[0].nominee.id, NomineeId("nm-1"));
  EXPECT_EQ(plan->drafts[3].nominee.id, NomineeId("nm-4"));
}

TEST(NominationImport, OnlyTheUnitsOfficerOrTheSecretariatImportsAndNotForARetiredUnit) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  ImportReading reading =
      ReadNominationSheet(Good(), campaign, testing::ThanhHoa2024Pack(), kToday);
  ImportFacts facts = NoFacts(reading);
  EXPECT_EQ(DecideImport(reading, Officer("a"), UnitId("b"), campaign, facts).status().code(),
            StatusCode::kForbidden);
  Actor head{UserId("h"), Role::kUnitHead, UnitId("a")};
  EXPECT_EQ(DecideImport(reading, head, UnitId("a"), campaign, facts).status().code(),
            StatusCode::kForbidden);
  Actor secretariat{UserId("s"), Role::kSecretariat, std::nullopt};
  EXPECT_OK(DecideImport(reading, secretariat, UnitId("b"), campaign, facts).status());
  facts.unit_retired = true;
  auto retired = DecideImport(reading, secretariat, UnitId("b"), campaign, facts);
  EXPECT_EQ(retired.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(retired.status().message(), HasSubstr("retired"));
}

TEST(NominationImport, DateSerialsFollowThe1900And1904Systems) {
  auto day = [](double serial, bool d1904 = false) { return DateFromSerial(serial, d1904); };
  EXPECT_EQ(*day(1), sys_days(year(1900) / January / 1));
  EXPECT_EQ(*day(59), sys_days(year(1900) / February / 28));
  // Serial 60 is Excel's 29/02/1900, which never was.
  EXPECT_EQ(day(60).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*day(61), sys_days(year(1900) / March / 1));
  EXPECT_EQ(*day(31121), sys_days(year(1985) / March / 15));
  EXPECT_EQ(*day(45525), sys_days(year(2024) / August / 21));
  EXPECT_EQ(*day(0, true), sys_days(year(1904) / January / 1));
  EXPECT_EQ(*day(29659, true), sys_days(year(1985) / March / 15));
  EXPECT_FALSE(day(31121.5).ok());
  EXPECT_FALSE(day(0).ok());
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
}

TEST(NominationImport, ReadsDatesInAWorkbookOfThe1904System) {
  const Campaign campaign = testing::BinhLuong2024Campaign();
  Sheet sheet = Good();
  sheet.date1904 = true;
  sheet.rows[1].cells[4] = N(29659);
  ImportReading reading = ReadNominationSheet(sheet, campaign, testing::ThanhHoa2024Pack(), kToday);
  ASSERT_THAT(reading.problems, IsEmpty());
  EXPECT_EQ(reading.rows[0].nominee.birth_date, sys_days(year(1985) / March / 15));
}

}  // namespace
}  // namespace tdkt::engine
