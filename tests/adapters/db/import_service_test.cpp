// ImportService on both backends: a unit's list becomes drafts through the create path of a draft
// made by hand (its audit record naming the file and row), all or nothing, once per list.
#include "adapters/db/import_service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/event_log_store.hpp"
#include "adapters/db/nominee_store.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "engine/audit/sha256.hpp"
#include "tests/adapters/support/apply_fixture.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::adapters::db {
namespace {

using namespace engine;
using namespace testing::lifecycle_detail;
using ::testing::HasSubstr;

class Import : public testing::ApplyServiceTest {
 protected:
  void SetUp() override {
    ApplyServiceTest::SetUp();
    if (HasFatalFailure()) return;
    SaveReferenceCampaign(now_);
  }

  static SheetRow Header() {
    SheetRow row{1, {}};
    for (const ImportColumnSpec& spec : ImportTemplateColumns()) {
      row.cells.push_back(SheetCell::Text(std::string(spec.header)));
    }
    return row;
  }

  // Row `number`: an individual (Giấy khen) named `name`, or a household when `household`.
  static SheetRow Person(int number, const char* name, const char* award = "giay_khen_xa") {
    auto t = [](const char* s) { return SheetCell::Text(s); };
    return {number,
            {SheetCell::Number(number - 1), t("Cá nhân"), t(name), t("Nữ"), t("15/03/1985"),
             t("Giáo viên"), t("Có"), SheetCell(), SheetCell(), SheetCell(), t(award),
             t("Hoàn thành xuất sắc nhiệm vụ.")}};
  }
  static SheetRow Household(int number, const char* head) {
    auto t = [](const char* s) { return SheetCell::Text(s); };
    return {number,
            {SheetCell::Number(number - 1), t("Hộ gia đình"), t(head), SheetCell(), SheetCell(),
             SheetCell(), t("Không"), SheetCell(), SheetCell(), t("Thôn 1"),
             t("Giấy khen của Chủ tịch UBND xã"), t("Gia đình văn hóa tiêu biểu.")}};
  }

  ImportRequest Request(std::vector<SheetRow> rows, const std::string& file) {
    ImportRequest request;
    request.campaign = CampaignId("binh-luong-75");
    request.unit = UnitId("thon-1");
    request.sheet.rows.push_back(Header());
    for (auto& row : rows) request.sheet.rows.push_back(std::move(row));
    request.file_sha256 = audit::Sha256Hex(file);
    return request;
  }

  int Count(const char* table) {
    auto sql = db_->Acquire();
    int count = -1;
    *sql << (std::string("SELECT COUNT(*) FROM ") + table), soci::into(count);
    return count;
  }
  int Dossiers() { return Count("dossiers"); }

  Timestamp now_ = At("2024-07-22T01:00:00Z");
};

TEST_P(Import, AGoodListBecomesDraftsEachWithItsCreateRecord) {
  ImportService imports(*db_, *service_);
  auto outcome =
      imports.Import(Request({Person(2, "Lò Văn Chương"), Household(3, "Lương Văn Tám")}, "list-a"),
                     Officer("thon-1"), now_);
  ASSERT_OK(outcome.status());
  EXPECT_TRUE(outcome->problems.empty());
  EXPECT_FALSE(outcome->replayed);
  ASSERT_EQ(outcome->created.size(), 2u);
  EXPECT_EQ(outcome->created[0].row, 2);
  EXPECT_EQ(outcome->created[1].row, 3);
  const DossierSnapshot& person = outcome->created[0].dossier.snapshot;
  EXPECT_EQ(person.state, State::kDraft);
  EXPECT_EQ(person.unit, UnitId("thon-1"));
  EXPECT_EQ(person.nominee.name, "Lò Văn Chương");
  EXPECT_TRUE(person.nominee.female);
  EXPECT_TRUE(person.nominee.direct_worker);
  EXPECT_EQ(person.achievement_summary, "Hoàn thành xuất sắc nhiệm vụ.");
  EXPECT_EQ(outcome->created[1].dossier.snapshot.nominee.kind, NomineeKind::kHousehold);
  EXPECT_EQ(Dossiers(), 2);
  // Each has the audit record of a draft created by hand, naming the list and the row.
  auto sql = db_->Acquire();
  for (const auto& created : outcome->created) {
    auto records =
        EventLogStore(db_->backend()).ReadDossier(*sql, created.dossier.snapshot.id.value());
    ASSERT_OK(records.status());
    ASSERT_EQ(records->size(), 1u);
    EXPECT_EQ((*records)[0].event_type, "create");
    EXPECT_EQ((*records)[0].actor_role, "unit_officer");
    EXPECT_EQ((*records)[0].request_id, "import:" + audit::Sha256Hex("list-a").substr(0, 16) +
                                            ":binh-luong-75:thon-1:" + std::to_string(created.row));
    EXPECT_FALSE(audit::VerifyChain(*records, 1).has_value());
  }
}

TEST_P(Import, AListWithOneBadRowCreatesNothingAndNamesEveryProblem) {
  ImportService imports(*db_, *service_);
  SheetRow bad = Person(3, "Hà Thị Mai", "lao_dong_tien_tien");  // not allowed in the campaign
  bad.cells[3] = SheetCell::Text("Không rõ");
  auto outcome = imports.Import(
      Request({Person(2, "Lò Văn Chương"), bad, Household(4, "Lương Văn Tám")}, "list-b"),
      Officer("thon-1"), now_);
  ASSERT_OK(outcome.status());
  EXPECT_TRUE(outcome->created.empty());
  ASSERT_EQ(outcome->problems.size(), 2u);
  EXPECT_EQ(outcome->problems[0].row, 3);
  EXPECT_EQ(outcome->problems[0].column, "D");
  EXPECT_EQ(outcome->problems[1].column, "K");
  EXPECT_THAT(outcome->problems[1].message, HasSubstr("không xét «Lao động tiên tiến»"));
  EXPECT_EQ(Dossiers(), 0);
  // Corrected, the list imports whole.
  auto fixed = imports.Import(
      Request({Person(2, "Lò Văn Chương"), Person(3, "Hà Thị Mai"), Household(4, "Lương Văn Tám")},
              "list-b-fixed"),
      Officer("thon-1"), now_);
  ASSERT_OK(fixed.status());
  EXPECT_EQ(fixed->created.size(), 3u);
  EXPECT_EQ(Dossiers(), 3);
}

TEST_P(Import, TheSameListAgainCreatesNothingNewWhoeverSendsIt) {
  ImportService imports(*db_, *service_);
  auto first =
      imports.Import(Request({Person(2, "Lò Văn Chương")}, "list-c"), Officer("thon-1"), now_);
  ASSERT_OK(first.status());
  ASSERT_EQ(first->created.size(), 1u);
  auto again = imports.Import(Request({Person(2, "Lò Văn Chương")}, "list-c"), Secretariat(),
                              now_ + std::chrono::hours(1));
  ASSERT_OK(again.status());
  EXPECT_TRUE(again->replayed);
  ASSERT_EQ(again->created.size(), 1u);
  EXPECT_EQ(again->created[0].dossier.snapshot.id, first->created[0].dossier.snapshot.id);
  EXPECT_EQ(again->created[0].row, 2);
  EXPECT_EQ(Dossiers(), 1);
  // The same file as another unit's list is that unit's list: new drafts, their own records.
  {
    auto sql = db_->Acquire();
    ASSERT_OK(
        DirectoryStore(db_->backend()).SaveUnit(*sql, {"thon-2", "Thôn 2", "village", {}, {}}));
  }
  ImportRequest other = Request({Person(2, "Hà Văn Lâm")}, "list-c");
  other.unit = UnitId("thon-2");
  auto theirs = imports.Import(other, Secretariat(), now_);
  ASSERT_OK(theirs.status());
  EXPECT_FALSE(theirs->replayed);
  ASSERT_EQ(theirs->created.size(), 1u);
  EXPECT_NE(theirs->created[0].dossier.snapshot.id, first->created[0].dossier.snapshot.id);
  EXPECT_EQ(Dossiers(), 2);
}

TEST_P(Import, WhoMayImportAndForWhichCampaignAndUnit) {
  ImportService imports(*db_, *service_);
  auto other_unit = imports.Import(Request({Person(2, "A")}, "x"), Officer("thon-2"), now_);
  EXPECT_EQ(other_unit.status().code(), StatusCode::kForbidden);
  auto head = imports.Import(Request({Person(2, "A")}, "x"), Head("thon-1"), now_);
  EXPECT_EQ(head.status().code(), StatusCode::kForbidden);
  ImportRequest no_campaign = Request({Person(2, "A")}, "x");
  no_campaign.campaign = CampaignId("no-such-campaign");
  EXPECT_EQ(imports.Import(no_campaign, Secretariat(), now_).status().code(),
            StatusCode::kNotFound);
  ImportRequest no_unit = Request({Person(2, "A")}, "x");
  no_unit.unit = UnitId("no-such-unit");
  auto unknown = imports.Import(no_unit, Secretariat(), now_);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.status().message(), HasSubstr("no-such-unit"));
  EXPECT_EQ(Dossiers(), 0);
  // The secretariat imports for a unit.
  auto secretariat = imports.Import(Request({Person(2, "A")}, "x"), Secretariat(), now_);
  ASSERT_OK(secretariat.status());
  EXPECT_EQ(secretariat->created.size(), 1u);
}

TEST_P(Import, EachRowRefersToARegisteredNomineeAndARefusedListRegistersNobody) {
  ImportService imports(*db_, *service_);
  const int registered_before = Count("nominees");
  SheetRow bad = Household(3, "Lương Văn Tám");
  bad.cells[9] = SheetCell::Text("Thôn 9");  // no such village
  auto refused =
      imports.Import(Request({Person(2, "Lò Văn Chương"), bad}, "list-d"), Officer("thon-1"), now_);
  ASSERT_OK(refused.status());
  ASSERT_EQ(refused->problems.size(), 1u);
  EXPECT_EQ(refused->problems[0].row, 3);
  EXPECT_EQ(refused->problems[0].column, "J");
  EXPECT_THAT(refused->problems[0].message, HasSubstr("«Thôn 9» không phải một thôn của xã"));
  EXPECT_EQ(Count("nominees"), registered_before);  // row 2's registration rolled back
  EXPECT_EQ(Dossiers(), 0);

  auto outcome =
      imports.Import(Request({Person(2, "Lò Văn Chương"), Household(3, "Lương Văn Tám")}, "list-e"),
                     Officer("thon-1"), now_);
  ASSERT_OK(outcome.status());
  ASSERT_EQ(outcome->created.size(), 2u);
  EXPECT_EQ(Count("nominees"), registered_before + 2);
  auto sql = db_->Acquire();
  for (const auto& created : outcome->created) {
    std::string nominee_id;
    std::string dossier_id = created.dossier.snapshot.id.value();
    *sql << "SELECT nominee_id FROM dossiers WHERE id = :id", soci::into(nominee_id),
        soci::use(dossier_id);
    EXPECT_EQ(nominee_id, created.dossier.snapshot.nominee.id.value());
    EXPECT_EQ(nominee_id.rfind("nm-", 0), 0u) << nominee_id;
  }
  // The household belongs to its village in the register.
  auto household =
      NomineeStore(db_->backend()).Load(*sql, outcome->created[1].dossier.snapshot.nominee.id);
  ASSERT_OK(household.status());
  EXPECT_EQ(household->unit, UnitId("thon-1"));
  EXPECT_EQ(household->kind, NomineeKind::kHousehold);
}

TEST_P(Import, ANomineeAlreadyNominatedInTheCampaignIsNamedByRow) {
  ImportService imports(*db_, *service_);
  auto first =
      imports.Import(Request({Person(2, "Lò Văn Chương")}, "list-f"), Officer("thon-1"), now_);
  ASSERT_OK(first.status());
  ASSERT_EQ(first->created.size(), 1u);
  const std::string dossier = first->created[0].dossier.snapshot.id.value();
  // Another list names the same person (the same name, spaced otherwise, and date of birth).
  auto second =
      imports.Import(Request({Person(2, "Hà Thị Mai"), Person(3, "Lò  Văn  Chương")}, "list-g"),
                     Officer("thon-1"), now_);
  ASSERT_OK(second.status());
  EXPECT_TRUE(second->created.empty());
  ASSERT_EQ(second->problems.size(), 1u);
  EXPECT_EQ(second->problems[0].row, 3);
  EXPECT_THAT(second->problems[0].message, HasSubstr("đã có hồ sơ " + dossier));
  EXPECT_THAT(second->problems[0].message, HasSubstr("Điều 5"));
  EXPECT_EQ(Dossiers(), 1);
  // Within one file, two rows of one registered person are one person twice.
  auto twice = imports.Import(Request({Person(2, "Hà Thị Mai"), Person(3, "hà thị mai")}, "list-h"),
                              Officer("thon-1"), now_);
  ASSERT_OK(twice.status());
  ASSERT_EQ(twice->problems.size(), 1u);
  EXPECT_THAT(twice->problems[0].message, HasSubstr("trùng với dòng 2"));
}

TDKT_ON_BOTH_BACKENDS(Import);

}  // namespace
}  // namespace tdkt::adapters::db
