// The 2025 reorganisation on both backends (DOMAIN.md, "Administrative units change"): dossiers of
// Bình Lương in flight on 1/7/2025 wait for a transfer, are moved to the authority the 2025 pack
// names with their trail kept, and are decided by xã Hóa Quỳ, whose documents are numbered in its
// own series from 01 (config/administration.yaml). The log still verifies and replays.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>

#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/admin_store.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/replay.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/transfer.hpp"
#include "tests/adapters/support/apply_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

using namespace engine;
using namespace testing::lifecycle_detail;
using namespace std::chrono_literals;
using std::chrono::sys_days;

class Transfers : public testing::LifecycleApplyTest {
 protected:
  void SetUp() override {
    LifecycleApplyTest::SetUp();
    if (HasFatalFailure()) return;
    // The install of Bình Lương, which xã Hóa Quỳ succeeds on 1/7/2025.
    administration_ = std::make_unique<AdministrativeMap>(
        config::LoadAdministrationFile(TDKT_SOURCE_DIR "/config/administration.yaml"));
    ApplySettings settings;
    settings.administration = administration_.get();
    rounds_.reset();
    service_.reset();
    service_ = std::make_unique<ApplyService>(*db_, *committer_, packs_, calendar_, settings);
    rounds_ =
        std::make_unique<RoundService>(*db_, *committer_, packs_, salaries_, calendar_, settings);
    // The campaign also proposes the district Chairman's Giấy khen (2024 pack).
    auto sql = db_->Acquire();
    DossierStore store(db_->backend());
    auto campaign = store.LoadCampaign(*sql, CampaignId("binh-luong-75"));
    ASSERT_TRUE(campaign.ok());
    campaign->allowed_awards.emplace_back("giay_khen_huyen");
    ASSERT_TRUE(store.SaveCampaign(*sql, *campaign, now_).ok());
  }

  DossierRow Load(const std::string& id) {
    auto sql = db_->Acquire();
    return DossierStore(db_->backend()).Load(*sql, DossierId(id)).value();
  }

  int PendingTimers(const std::string& dossier, const std::string& kind) {
    return Count("SELECT COUNT(*) FROM timers WHERE dossier_id = '" + dossier + "' AND kind = '" +
                 kind + "' AND status = 'pending'");
  }

  std::vector<std::string> AwaitingTransfer() {
    DossierFilter filter;
    filter.awaiting_transfer = true;
    filter.awaiting_transfer_from = "thanh_hoa_2024";
    filter.today = calendar::FormatIsoDate(calendar_.LocalDate(now_));
    filter.now = now_;
    auto sql = db_->Acquire();
    auto page = DossierQuery(db_->backend()).List(*sql, filter);
    std::vector<std::string> ids;
    if (!page.ok()) {
      ADD_FAILURE() << page.status().ToString();
      return ids;
    }
    for (const auto& row : page->rows) ids.push_back(row.snapshot.id.value());
    return ids;
  }

  Result<ApplyOutcome> Transfer(const std::string& id) {
    return Send(
        id,
        engine::Transfer{"Sắp xếp đơn vị hành chính cấp xã", "Nghị quyết số 190/2025/QH15, Điều 5"},
        Secretariat());
  }

  std::unique_ptr<AdministrativeMap> administration_;
};

TEST_P(Transfers, DossiersThatStraddleTheReorganisationEndDecidedByTheSuccessor) {
  // 2024, Bình Lương: a Chiến sĩ thi đua cơ sở sent up to the district, one waiting for the
  // Chairman, a district Giấy khen sent up, and a Giấy khen of the commune decided.
  ToChairman("cs-sent", "chien_si_thi_dua_co_so");
  ASSERT_TRUE(Alone("cs-sent", RoundKind::kSubmission).ok());
  ToChairman("cs-wait", "chien_si_thi_dua_co_so");
  ToChairman("gk-huyen", "giay_khen_huyen");
  ASSERT_TRUE(Alone("gk-huyen", RoundKind::kSubmission).ok());
  ToChairman("gk-old", "giay_khen_xa");
  ToChairman("gk-2025", "giay_khen_xa");
  auto old_decision = Alone("gk-old", RoundKind::kDecision);
  ASSERT_TRUE(old_decision.ok()) << old_decision.status().ToString();
  EXPECT_EQ(Load("cs-sent").snapshot.state, State::kEscalated);
  EXPECT_GT(PendingTimers("cs-sent", "higher_level"), 0);  // the deadline and its reminders

  // 20/6/2025: Bình Lương's last decision of 2025 is its own 01/QĐ-UBND.
  now_ = At("2025-06-20T02:00:00Z");
  auto last_of_binh_luong = Alone("gk-2025", RoundKind::kDecision);
  ASSERT_TRUE(last_of_binh_luong.ok()) << last_of_binh_luong.status().ToString();
  EXPECT_EQ(Load("gk-2025").decision_number, "01/QĐ-UBND");
  EXPECT_EQ(Load("gk-2025").snapshot.register_number, 2);  // Bình Lương's sổ vàng goes on

  // 14/7/2025: xã Hóa Quỳ. The dossiers in flight wait for a transfer.
  now_ = At("2025-07-14T02:00:00Z");
  EXPECT_EQ(AwaitingTransfer(), (std::vector<std::string>{"cs-sent", "cs-wait", "gk-huyen"}));

  // Sent up to the district, now the commune's: back to the Chairman, the clock replanned.
  auto moved = Transfer("cs-sent");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  DossierRow sent = Load("cs-sent");
  EXPECT_EQ(sent.snapshot.state, State::kChairmanDecision);
  EXPECT_EQ(sent.snapshot.authority_pack, RulePackId("thanh_hoa_2025"));
  EXPECT_EQ(sent.snapshot.rule_pack, RulePackId("thanh_hoa_2024"));
  EXPECT_EQ(sent.submission_number, "01/TTr-UBND");  // Bình Lương's tờ trình keeps its number
  EXPECT_EQ(PendingTimers("cs-sent", "higher_level"), 0);
  EXPECT_GT(PendingTimers("cs-sent", "chairman_decision"), 0);

  // An award without a successor ends, with the pack's reason.
  EXPECT_GT(PendingTimers("gk-huyen", "higher_level"), 0);
  ASSERT_TRUE(Transfer("gk-huyen").ok());
  DossierRow ended = Load("gk-huyen");
  EXPECT_EQ(ended.snapshot.state, State::kDiscontinued);
  EXPECT_NE(ended.snapshot.outcome_reason.find("Giấy khen của Chủ tịch UBND huyện"),
            std::string::npos);
  EXPECT_EQ(PendingTimers("gk-huyen", "higher_level"), 0);

  ASSERT_TRUE(Transfer("cs-wait").ok());
  EXPECT_TRUE(AwaitingTransfer().empty());
  // Once moved, a second transfer is refused and changes nothing.
  auto again = Transfer("cs-wait");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kRejectedTransition);

  // xã Hóa Quỳ decides both, in its own series: 01/QĐ-UBND of 2025 again. The register of
  // honours it carries on goes on.
  auto first = Alone("cs-sent", RoundKind::kDecision);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Load("cs-sent").snapshot.state, State::kApproved);
  EXPECT_EQ(Load("cs-sent").decision_number, "01/QĐ-UBND");
  EXPECT_EQ(Load("cs-sent").snapshot.register_number, 3);
  ASSERT_TRUE(Alone("cs-wait", RoundKind::kDecision).ok());
  EXPECT_EQ(Load("cs-wait").decision_number, "02/QĐ-UBND");
  EXPECT_EQ(Load("cs-wait").snapshot.register_number, 4);
  // Bình Lương's documents keep their numbers.
  EXPECT_EQ(Load("gk-2025").decision_number, "01/QĐ-UBND");
  EXPECT_EQ(Load("gk-old").decision_number, "01/QĐ-UBND");

  // The whole trail: transfer records in each chain, which verifies and replays.
  {
    auto sql = db_->Acquire();
    auto stream = EventLogStore(db_->backend()).ReadDossier(*sql, "cs-sent");
    ASSERT_TRUE(stream.ok());
    std::vector<std::string> types;
    for (const auto& record : *stream) types.push_back(record.event_type);
    EXPECT_EQ(std::count(types.begin(), types.end(), "escalate"), 1);
    EXPECT_EQ(std::count(types.begin(), types.end(), "transfer"), 1);
    EXPECT_EQ(types.back(), "approve");
    EXPECT_FALSE(audit::VerifyChain(*stream).has_value());
  }
  auto replay = CheckReplay(*db_, packs_);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->differences.empty()) << replay->differences.front().what;
}

// xã Hóa Quỳ numbers its tờ trình and its council's minutes from 01 in 2025, though xã Bình
// Lương used 01 of both series in June 2025 (each issuing body its own series).
TEST_P(Transfers, TheSuccessorsTờTrìnhAndMinutesAreNumberedFrom01) {
  {
    auto sql = db_->Acquire();
    DossierStore store(db_->backend());
    auto campaign = store.LoadCampaign(*sql, CampaignId("binh-luong-75"));
    ASSERT_TRUE(campaign.ok());
    campaign->allowed_awards.emplace_back("bang_khen_tinh");
    ASSERT_TRUE(store.SaveCampaign(*sql, *campaign, now_).ok());
    DirectoryStore directory(db_->backend());
    ASSERT_TRUE(directory
                    .AddCouncilSession(*sql, {"hd-bl-2025-06", "binh-luong-75", "2025-06-12", 10, 9,
                                              "u-secretariat", "2025-06-12T01:00:00Z"})
                    .ok());
    ASSERT_TRUE(directory
                    .AddCouncilSession(*sql, {"hd-hq-2025-07", "binh-luong-75", "2025-07-15", 11,
                                              10, "u-secretariat", "2025-07-15T01:00:00Z"})
                    .ok());
  }
  ToChairman("ttr-june", "chien_si_thi_dua_co_so");
  ToChairman("ttr-july", "bang_khen_tinh");
  ToCouncil("bb-june");
  ToCouncil("bb-july");

  // June 2025: xã Bình Lương's own.
  now_ = At("2025-06-12T02:00:00Z");
  auto june_vote =
      Send("bb-june", CouncilVote{CouncilSessionId("hd-bl-2025-06"), 10, 9, 8, 1}, Secretariat());
  ASSERT_TRUE(june_vote.ok()) << june_vote.status().ToString();
  EXPECT_EQ(june_vote->numbers, (std::vector<std::string>{"01/BB-HĐTĐKT"}));
  now_ = At("2025-06-20T02:00:00Z");
  auto june_submission = Alone("ttr-june", RoundKind::kSubmission);
  ASSERT_TRUE(june_submission.ok()) << june_submission.status().ToString();
  EXPECT_EQ(june_submission->row.submission_number, "01/TTr-UBND");

  // July 2025: xã Hóa Quỳ, after the dossiers are transferred.
  now_ = At("2025-07-15T02:00:00Z");
  ASSERT_TRUE(Transfer("bb-july").ok());
  auto july_vote =
      Send("bb-july", CouncilVote{CouncilSessionId("hd-hq-2025-07"), 11, 10, 9, 1}, Secretariat());
  ASSERT_TRUE(july_vote.ok()) << july_vote.status().ToString();
  EXPECT_EQ(july_vote->numbers, (std::vector<std::string>{"01/BB-HĐTĐKT"}));
  ASSERT_TRUE(Transfer("ttr-july").ok());
  auto july_submission = Alone("ttr-july", RoundKind::kSubmission);
  ASSERT_TRUE(july_submission.ok()) << july_submission.status().ToString();
  EXPECT_EQ(july_submission->row.submission_number, "01/TTr-UBND");

  auto replay = CheckReplay(*db_, packs_);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->differences.empty()) << replay->differences.front().what;
}

TEST_P(Transfers, BeforeTheSuccessorPackNothingIsTransferred) {
  ToChairman("cs", "chien_si_thi_dua_co_so");
  ASSERT_TRUE(Alone("cs", RoundKind::kSubmission).ok());
  auto refused = Transfer("cs");  // 2024: no pack in force takes over from thanh_hoa_2024
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kRejectedTransition);
  EXPECT_EQ(Load("cs").snapshot.state, State::kEscalated);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE event_type = 'transfer'"), 0);
}

// The units of the merged communes: thôn 1 of Bình Lương is carried on by a village of xã Hóa Quỳ
// (engine/unit_succession). A transfer takes its dossier there, in the record and the row; the
// succession is the admin's, audited, recorded once, and keeps the unit retired.
TEST_P(Transfers, ADossierOfAUnitThatEndedGoesToTheUnitThatCarriesItOn) {
  ToChairman("cs-sent", "chien_si_thi_dua_co_so");
  ASSERT_TRUE(Alone("cs-sent", RoundKind::kSubmission).ok());
  ToChairman("cs-school", "chien_si_thi_dua_co_so", "truong-thcs");
  ToChairman("cs-early", "chien_si_thi_dua_co_so");

  // Transferred before the admin recorded the succession: its authority moves, its unit stays.
  now_ = At("2025-07-02T02:00:00Z");
  ASSERT_TRUE(Transfer("cs-early").ok());
  EXPECT_EQ(Load("cs-early").snapshot.unit, UnitId("thon-1"));
  const int early_timers = PendingTimers("cs-early", "chairman_decision");

  now_ = At("2025-07-03T02:00:00Z");
  const UnitSuccession to_hoa_quy{UnitId("thon-1-hq"), sys_days{2025y / 6 / 30},
                                  "Nghị quyết số 1686/NQ-UBTVQH15 ngày 16/6/2025, Điều 1"};
  const Actor admin{UserId("quan-tri"), Role::kAdmin, std::nullopt};
  {
    auto sql = db_->Acquire();
    AdminStore admin_store(db_->backend());
    UnitRecord village{"thon-1-hq", "Thôn 1 (xã Hóa Quỳ)", "village", {}, {}};
    ASSERT_TRUE(admin_store.AddUnit(*sql, village, admin, now_).ok());
    UnitChange change;
    change.succession = to_hoa_quy;
    auto changed = admin_store.ChangeUnit(*sql, "thon-1", change, admin, now_);
    ASSERT_TRUE(changed.ok()) << changed.status().ToString();
    EXPECT_TRUE(changed->retired);
    // Recorded once; the unit stays retired.
    auto twice = admin_store.ChangeUnit(*sql, "thon-1", change, admin, now_);
    EXPECT_EQ(twice.status().code(), StatusCode::kConflict);
    UnitChange reinstate;
    reinstate.retired = false;
    auto back = admin_store.ChangeUnit(*sql, "thon-1", reinstate, admin, now_);
    EXPECT_EQ(back.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(back.status().message().rfind("unit.retired: ", 0), 0U) << back.status().message();
    // The village that carries thôn 1 on is not simply retired; a succession and a reinstatement
    // together are refused.
    UnitChange retire_successor;
    retire_successor.retired = true;
    auto refused = admin_store.ChangeUnit(*sql, "thon-1-hq", retire_successor, admin, now_);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(refused.status().message().find("carries on thon-1"), std::string::npos)
        << refused.status().message();
    UnitChange both;
    both.succession = UnitSuccession{UnitId("thon-1-hq"), to_hoa_quy.last_day, to_hoa_quy.basis};
    both.retired = false;
    auto contradictory = admin_store.ChangeUnit(*sql, "truong-thcs", both, admin, now_);
    EXPECT_EQ(contradictory.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(contradictory.status().message().rfind("unit.retired: ", 0), 0U)
        << contradictory.status().message();
    auto successions = DirectoryStore(db_->backend()).LoadUnitSuccessions(*sql);
    ASSERT_TRUE(successions.ok());
    EXPECT_EQ(*successions, (UnitSuccessions{{"thon-1", to_hoa_quy}}));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = '@admin' AND"
                  " event_type = 'unit_change' AND payload LIKE '%thon-1-hq%'"),
            1);

  // All three wait: two for their authority, the one transferred already for its unit.
  EXPECT_EQ(AwaitingTransfer(), (std::vector<std::string>{"cs-early", "cs-school", "cs-sent"}));
  // Listed in a draft decision under thôn 1, it stays there until taken off the draft.
  const RoundId draft("qd-hq-2025-draft");
  ASSERT_TRUE(rounds_
                  ->Draft(draft, RoundKind::kDecision, CampaignId("binh-luong-75"),
                          "Khen thưởng Chiến sĩ thi đua cơ sở", Secretariat(), now_)
                  .ok());
  ASSERT_TRUE(rounds_->AddDossier(draft, DossierId("cs-early"), Secretariat(), now_).ok());
  auto listed = Transfer("cs-early");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), StatusCode::kRejectedTransition);
  EXPECT_NE(listed.status().message().find("listed in the draft qd-hq-2025-draft"),
            std::string::npos)
      << listed.status().message();
  EXPECT_EQ(Load("cs-early").snapshot.unit, UnitId("thon-1"));
  ASSERT_TRUE(rounds_->RemoveDossier(draft, DossierId("cs-early"), Secretariat(), now_).ok());
  ASSERT_TRUE(Transfer("cs-early").ok());
  const DossierRow early = Load("cs-early");
  EXPECT_EQ(early.snapshot.unit, UnitId("thon-1-hq"));
  EXPECT_EQ(early.snapshot.state, State::kChairmanDecision);
  EXPECT_EQ(early.snapshot.authority_pack, RulePackId("thanh_hoa_2025"));
  EXPECT_EQ(PendingTimers("cs-early", "chairman_decision"), early_timers);  // the clock runs on
  ASSERT_TRUE(rounds_->AddDossier(draft, DossierId("cs-early"), Secretariat(), now_).ok());

  // The dossier of thôn 1 moves to the village that carries it on; the school's stays.
  ASSERT_TRUE(Transfer("cs-sent").ok());
  ASSERT_TRUE(Transfer("cs-school").ok());
  EXPECT_EQ(Load("cs-sent").snapshot.unit, UnitId("thon-1-hq"));
  EXPECT_EQ(Load("cs-school").snapshot.unit, UnitId("truong-thcs"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers WHERE id = 'cs-sent' AND unit_id = 'thon-1-hq'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = 'cs-sent' AND"
                  " event_type = 'transfer' AND payload LIKE '%\"to_unit\":\"thon-1-hq\"%'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = 'cs-school' AND"
                  " event_type = 'transfer' AND payload LIKE '%to_unit%'"),
            0);
  EXPECT_TRUE(AwaitingTransfer().empty());
  // Decided by xã Hóa Quỳ, for its village.
  ASSERT_TRUE(Alone("cs-sent", RoundKind::kDecision).ok());
  EXPECT_EQ(Load("cs-sent").snapshot.state, State::kApproved);
  EXPECT_EQ(Load("cs-sent").snapshot.unit, UnitId("thon-1-hq"));

  auto replay = CheckReplay(*db_, packs_);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->differences.empty()) << replay->differences.front().what;
}

TDKT_ON_BOTH_BACKENDS(Transfers);

}  // namespace
}  // namespace tdkt::adapters::db
