// Council sessions in the store on both backends: the council by name, the chair, the place and
// the agenda read back as recorded; sessions with counts only (as recorded before schema 8) keep
// working.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/directory_store.hpp"
#include "engine/council.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

using engine::CouncilRole;
using engine::StatusCode;

class CouncilSessionStore : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    testing::MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    auto sql = db_->Acquire();
    engine::Campaign campaign;
    campaign.id = engine::CampaignId("c-75");
    campaign.name = "Kỷ niệm 75 năm";
    campaign.allowed_awards = {engine::AwardId("giay_khen_xa")};
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
    ASSERT_TRUE(DirectoryStore(db_->backend()).AddCampaign(*sql, campaign, now_).ok());
  }

  static engine::CouncilSession Named(const char* id) {
    engine::CouncilSession session;
    session.id = engine::CouncilSessionId(id);
    session.campaign = engine::CampaignId("c-75");
    session.held_on = std::chrono::sys_days(std::chrono::year(2024) / 8 / 5);
    session.place = "Hội trường UBND xã Bình Lương";
    session.chair = "Hà Văn Thắng";
    session.members = {{"Hà Văn Thắng", CouncilRole::kChuTich, true},
                       {"Lê Văn Hùng", CouncilRole::kPhoChuTich, false},
                       {"Lương Thị Thu Hà", CouncilRole::kUyVienThuongTruc, true}};
    session.agenda = {engine::DossierId("bl24-001"), engine::DossierId("bl24-007")};
    return session;
  }

  engine::Timestamp now_{std::chrono::sys_days(std::chrono::year(2024) / 8 / 1)};
};

TEST_P(CouncilSessionStore, TheCouncilByNameAndTheAgendaReadBackAsRecorded) {
  auto sql = db_->Acquire();
  DirectoryStore directory(db_->backend());
  ASSERT_TRUE(engine::CheckCouncilSession(Named("hd-1")).ok());
  const CouncilSessionRecord record = RecordOf(Named("hd-1"), "u-sec", "2024-08-05T10:00:00Z");
  EXPECT_EQ(record.members, 3);
  EXPECT_EQ(record.present, 2);
  ASSERT_TRUE(directory.AddCouncilSession(*sql, record).ok());
  auto loaded = directory.LoadCouncilSession(*sql, "hd-1");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->date, "2024-08-05");
  EXPECT_EQ(loaded->members, 3);
  EXPECT_EQ(loaded->present, 2);
  EXPECT_EQ(loaded->place, "Hội trường UBND xã Bình Lương");
  EXPECT_EQ(loaded->chair, "Hà Văn Thắng");
  EXPECT_EQ(loaded->roster, Named("hd-1").members);
  EXPECT_EQ(loaded->agenda, (std::vector<std::string>{"bl24-001", "bl24-007"}));
  auto listed = directory.ListCouncilSessions(*sql, "c-75");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].roster.size(), 3u);
}

TEST_P(CouncilSessionStore, CountsThatAreNotTheRostersAreRefused) {
  auto sql = db_->Acquire();
  CouncilSessionRecord record = RecordOf(Named("hd-2"), "u-sec", "2024-08-05T10:00:00Z");
  record.present = 3;
  const engine::Status refused = DirectoryStore(db_->backend()).AddCouncilSession(*sql, record);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(),
            "members: 3 members, 3 present given, but the list names 3, 2 present");
}

TEST_P(CouncilSessionStore, SessionsWithCountsOnlyKeepWorking) {
  auto sql = db_->Acquire();
  DirectoryStore directory(db_->backend());
  // A row as schema 5 wrote it, without the columns of schema 8.
  *sql << "INSERT INTO council_sessions (id, campaign_id, held_on, members, present, created_by,"
          " created_at) VALUES ('hd-old', 'c-75', '2024-06-14', 9, 8, 'u-sec',"
          " '2024-06-14T10:00:00Z')";
  // And one recorded by counts through the store.
  ASSERT_TRUE(directory
                  .AddCouncilSession(*sql, {"hd-counts", "c-75", "2024-06-20", 9, 7, "u-sec",
                                            "2024-06-20T10:00:00Z"})
                  .ok());
  for (const char* id : {"hd-old", "hd-counts"}) {
    auto loaded = directory.LoadCouncilSession(*sql, id);
    ASSERT_TRUE(loaded.ok()) << id << ": " << loaded.status().ToString();
    EXPECT_EQ(loaded->members, 9) << id;
    EXPECT_TRUE(loaded->roster.empty()) << id;
    EXPECT_TRUE(loaded->agenda.empty()) << id;
    EXPECT_TRUE(loaded->place.empty()) << id;
    EXPECT_TRUE(loaded->chair.empty()) << id;
  }
  auto listed = directory.ListCouncilSessions(*sql, "");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 2u);
}

TDKT_ON_BOTH_BACKENDS(CouncilSessionStore);

}  // namespace
}  // namespace tdkt::adapters::db
