// DirectoryStore (users, tokens, council sessions, campaigns) and DossierQuery (filters, cursor
// pages, summary, documents) on both backends.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

using engine::Status;
using engine::StatusCode;

engine::Timestamp At(const char* text) { return engine::audit::ParseTimestamp(text).value(); }

class Directory : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    testing::MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    auto sql = db_->Acquire();
    DirectoryStore directory(db_->backend());
    ASSERT_TRUE(directory.SaveUnit(*sql, {"thon-1", "Thôn 1", "village", {}, {}}).ok());
    ASSERT_TRUE(directory.SaveUnit(*sql, {"thon-2", "Thôn 2", "village", {}, {}}).ok());
    engine::Campaign campaign;
    campaign.id = engine::CampaignId("c-75");
    campaign.name = "Kỷ niệm 75 năm";
    campaign.allowed_awards = {engine::AwardId("giay_khen_xa")};
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
    ASSERT_TRUE(directory.AddCampaign(*sql, campaign, now_).ok());
  }

  // A dossier row of thon-1 or thon-2 in `state`, with its next deadline (or none).
  void Row(const std::string& id, const char* unit, engine::State state, const char* award,
           std::optional<std::string> next) {
    DossierRow row;
    row.snapshot.id = engine::DossierId(id);
    row.snapshot.campaign = engine::CampaignId("c-75");
    row.snapshot.unit = engine::UnitId(unit);
    row.snapshot.nominee = {engine::NomineeId(id), engine::NomineeKind::kIndividual, "Người " + id,
                            false, false};
    row.snapshot.award = engine::AwardId(award);
    row.snapshot.state = state;
    row.version = 1;
    if (next) row.deadlines_json = "{\"appraisal\":\"" + *next + "\"}";
    row.next_deadline_at = next;
    auto sql = db_->Acquire();
    ASSERT_TRUE(DossierStore(db_->backend()).Insert(*sql, row, now_).ok());
  }

  std::vector<std::string> Ids(const DossierFilter& filter) {
    auto sql = db_->Acquire();
    auto page = DossierQuery(db_->backend()).List(*sql, filter);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const auto& row : page->rows) ids.push_back(row.snapshot.id.value());
    }
    return ids;
  }

  engine::Timestamp now_ = At("2024-07-22T01:00:00Z");
};

TEST_P(Directory, ATokenFindsItsUserUntilANewOneReplacesItAndOnlyItsDigestIsStored) {
  auto sql = db_->Acquire();
  DirectoryStore directory(db_->backend());
  ASSERT_TRUE(
      directory
          .AddUser(*sql, {"cb-1", "Lò Thị Hương", engine::Role::kUnitOfficer, "thon-1", {}}, now_)
          .ok());
  auto first = directory.IssueToken(*sql, "cb-1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->rfind("tdkt_", 0), 0u);
  EXPECT_EQ(first->size(), 5u + 43u);
  auto found = directory.FindByToken(*sql, *first);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->id, "cb-1");
  EXPECT_EQ(found->unit, std::optional<std::string>("thon-1"));

  std::string stored;
  *sql << "SELECT token_sha256 FROM users WHERE id = 'cb-1'", soci::into(stored);
  EXPECT_EQ(stored, engine::audit::Sha256Hex(*first));
  EXPECT_EQ(stored.find(*first), std::string::npos);

  auto second = directory.IssueToken(*sql, "cb-1");
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*second, *first);
  EXPECT_EQ(directory.FindByToken(*sql, *first).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(directory.FindByToken(*sql, *second).ok());
  EXPECT_EQ(directory.IssueToken(*sql, "nobody").status().code(), StatusCode::kNotFound);
}

TEST_P(Directory, UsersAreRefusedWithoutTheirUnitWithAForeignUnitOrTwice) {
  auto sql = db_->Acquire();
  DirectoryStore directory(db_->backend());
  using engine::Role;
  EXPECT_EQ(directory.AddUser(*sql, {"a", "A", Role::kUnitHead, {}, {}}, now_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(directory.AddUser(*sql, {"b", "B", Role::kChairman, "thon-1", {}}, now_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(directory.AddUser(*sql, {"c", "C", Role::kTimer, {}, {}}, now_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(directory.AddUser(*sql, {"d", "D", Role::kUnitOfficer, "thon-9", {}}, now_).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(directory.AddUser(*sql, {"e", "E", Role::kAuditor, {}, {}}, now_).ok());
  EXPECT_EQ(directory.AddUser(*sql, {"e", "E", Role::kAuditor, {}, {}}, now_).code(),
            StatusCode::kConflict);
}

TEST_P(Directory, ACampaignIsNeverReplacedAndSessionsAreCheckedAndListedByDate) {
  auto sql = db_->Acquire();
  DirectoryStore directory(db_->backend());
  engine::Campaign again;
  again.id = engine::CampaignId("c-75");
  again.name = "Tên khác";
  again.allowed_awards = {engine::AwardId("giay_khen_xa")};
  EXPECT_EQ(directory.AddCampaign(*sql, again, now_).code(), StatusCode::kConflict);
  engine::Campaign allows_nothing = again;
  allows_nothing.id = engine::CampaignId("c-none");
  allows_nothing.allowed_awards.clear();
  EXPECT_EQ(directory.AddCampaign(*sql, allows_nothing, now_).code(), StatusCode::kInvalidArgument);
  auto campaigns = directory.ListCampaigns(*sql);
  ASSERT_TRUE(campaigns.ok());
  ASSERT_EQ(campaigns->size(), 1u);
  EXPECT_EQ((*campaigns)[0].name, "Kỷ niệm 75 năm");

  EXPECT_EQ(
      directory.AddCouncilSession(*sql, {"hd-x", "c-75", "2024-07-10", 9, 10, "s", "t"}).code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(
      directory.AddCouncilSession(*sql, {"hd-x", "c-99", "2024-07-10", 9, 8, "s", "t"}).code(),
      StatusCode::kNotFound);
  ASSERT_TRUE(
      directory.AddCouncilSession(*sql, {"hd-2", "c-75", "2024-07-19", 9, 9, "s", "t"}).ok());
  ASSERT_TRUE(
      directory.AddCouncilSession(*sql, {"hd-1", "c-75", "2024-07-10", 9, 7, "s", "t"}).ok());
  EXPECT_EQ(
      directory.AddCouncilSession(*sql, {"hd-1", "c-75", "2024-07-11", 9, 7, "s", "t"}).code(),
      StatusCode::kConflict);
  auto sessions = directory.ListCouncilSessions(*sql, "c-75");
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[0].id, "hd-1");
  EXPECT_EQ((*sessions)[0].present, 7);
  auto loaded = directory.LoadCouncilSession(*sql, "hd-2");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->members, 9);
}

TEST_P(Directory, FiltersNarrowTheListAndCursorPagesVisitEveryDossierOnce) {
  using engine::State;
  Row("d-1", "thon-1", State::kAppraisal, "giay_khen_xa", "2024-07-19T10:00:00Z");  // overdue
  Row("d-2", "thon-1", State::kChairmanDecision, "giay_khen_xa", "2024-07-25T10:00:00Z");
  Row("d-3", "thon-2", State::kAppraisal, "lao_dong_tien_tien", "2024-08-20T10:00:00Z");
  Row("d-4", "thon-2", State::kApproved, "giay_khen_xa", std::nullopt);
  Row("d-5", "thon-1", State::kDraft, "giay_khen_xa", std::nullopt);

  DossierFilter all;
  all.now = now_;
  EXPECT_EQ(Ids(all), (std::vector<std::string>{"d-1", "d-2", "d-3", "d-4", "d-5"}));
  DossierFilter f = all;
  f.state = "appraisal";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d-1", "d-3"}));
  f = all;
  f.unit = "thon-2";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d-3", "d-4"}));
  f = all;
  f.award = "giay_khen_xa";
  f.unit = "thon-1";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d-1", "d-2", "d-5"}));
  f = all;
  f.overdue = true;
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d-1"}));
  f = all;
  f.due_before = "2024-08-01T00:00:00Z";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d-1", "d-2"}));

  std::vector<std::string> seen;
  DossierFilter page = all;
  page.limit = 2;
  int pages = 0;
  while (true) {
    auto sql = db_->Acquire();
    auto result = DossierQuery(db_->backend()).List(*sql, page);
    ASSERT_TRUE(result.ok());
    for (const auto& row : result->rows) seen.push_back(row.snapshot.id.value());
    ++pages;
    if (!result->cursor) break;
    page.after = *result->cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"d-1", "d-2", "d-3", "d-4", "d-5"}));
  EXPECT_EQ(pages, 3);

  auto sql = db_->Acquire();
  auto summary = DossierQuery(db_->backend()).Summarise(*sql, "c-75", "", now_);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->total, 5);
  EXPECT_EQ(summary->overdue, 1);
  EXPECT_EQ(summary->by_state.at("appraisal"), 2);
  EXPECT_EQ(summary->by_award.at("giay_khen_xa"), 4);
  EXPECT_EQ(summary->by_unit.at("thon-2"), 2);
  auto unit = DossierQuery(db_->backend()).Summarise(*sql, "c-75", "thon-2", now_);
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->total, 2);
}

TEST_P(Directory, ADocumentIsStoredByteForByteWithItsDigest) {
  engine::DossierId id("d-doc");
  Row(id.value(), "thon-1", engine::State::kIntake, "giay_khen_xa", std::nullopt);
  const std::string content("%PDF-1.4\0\xff\x01 Tờ trình", 20);
  DocumentRecord document;
  document.dossier_id = id.value();
  document.kind = "submission_letter";
  document.file_name = "to-trinh.pdf";
  document.media_type = "application/pdf";
  document.uploaded_by = "cb-1";
  document.uploaded_at = "2024-07-22T01:00:00Z";
  auto sql = db_->Acquire();
  DossierQuery query(db_->backend());
  auto stored = query.AddDocument(*sql, document, content);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->size, 20);
  EXPECT_EQ(stored->sha256, engine::audit::Sha256Hex(content));

  std::string hex;
  std::string read = db_->backend() == Backend::kPostgresql
                         ? "SELECT encode(content, 'hex') FROM documents WHERE id = :id"
                         : "SELECT lower(hex(content)) FROM documents WHERE id = :id";
  *sql << read, soci::into(hex), soci::use(stored->id);
  EXPECT_EQ(hex, engine::audit::HexLower(content));
  auto listed = query.ListDocuments(*sql, id.value());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].sha256, stored->sha256);
  EXPECT_EQ((*listed)[0].size, 20);
}

TDKT_ON_BOTH_BACKENDS(Directory);

}  // namespace
}  // namespace tdkt::adapters::db
