#pragma once
// A migrated database with the engine's Apply path on it: the shipped rule packs and calendar,
// a GroupCommitter, an ApplyService and a RoundService (with config/base_salary.yaml); and the
// reference campaign with unit thon-1 for tests that walk dossiers. One fixture per test; not
// thread-safe.

#include <chrono>
#include <memory>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/group_commit.hpp"
#include "adapters/db/round_service.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::testing {

class ApplyServiceTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    packs_ = adapters::config::LoadRulePackDirectory(TDKT_SOURCE_DIR "/config/rules");
    calendar_ = adapters::config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
    committer_ =
        std::make_unique<adapters::db::GroupCommitter>(*db_, adapters::db::GroupCommitSettings{});
    salaries_ = adapters::config::LoadBaseSalaryFile(TDKT_SOURCE_DIR "/config/base_salary.yaml");
    service_ = std::make_unique<adapters::db::ApplyService>(*db_, *committer_, packs_, calendar_);
    rounds_ = std::make_unique<adapters::db::RoundService>(*db_, *committer_, packs_, salaries_,
                                                           calendar_);
  }

  void TearDown() override {
    rounds_.reset();
    service_.reset();
    committer_.reset();
    MigratedDatabaseTest::TearDown();
  }

  // Saves campaign binh-luong-75 (Giấy khen and Chiến sĩ thi đua cơ sở, cut-off 31/7/2024) and
  // unit thon-1.
  void SaveReferenceCampaign(engine::Timestamp now) {
    engine::Campaign campaign;
    campaign.id = engine::CampaignId("binh-luong-75");
    campaign.name = "Thi đua chào mừng kỷ niệm 75 năm thành lập Đảng bộ huyện";
    campaign.plan_number = "25/KH-UBND";
    campaign.allowed_awards = {engine::AwardId("giay_khen_xa"),
                               engine::AwardId("chien_si_thi_dua_co_so")};
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
    auto sql = db_->Acquire();
    adapters::db::DossierStore store(db_->backend());
    ASSERT_TRUE(store.SaveCampaign(*sql, campaign, now).ok());
    ASSERT_TRUE(adapters::db::DirectoryStore(db_->backend())
                    .SaveUnit(*sql, {"thon-1", "Thôn 1", "village", {}, {}})
                    .ok());
  }

  engine::RulePackRegistry packs_;
  engine::BaseSalaryTable salaries_;
  engine::calendar::WorkingCalendar calendar_;
  std::unique_ptr<adapters::db::GroupCommitter> committer_;
  std::unique_ptr<adapters::db::ApplyService> service_;
  std::unique_ptr<adapters::db::RoundService> rounds_;
};

}  // namespace tdkt::testing
