// Decisions and submissions on both backends (DOMAIN.md, "Rounds"): one signing approves or
// escalates a whole list under one number, gives consecutive sổ vàng numbers and the prize of
// the pack and base salary in force, all or nothing; racing signers; one open draft per dossier;
// the higher level's partial answer.

#include "adapters/db/round_service.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <thread>

#include "adapters/db/dossier_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/replay.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "tests/adapters/support/apply_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

using namespace engine;
using namespace testing::lifecycle_detail;

class Rounds : public testing::LifecycleApplyTest {
 protected:
  Result<RoundOutcome> Draft(const char* id, RoundKind kind, const std::vector<std::string>& list,
                             RoundService* rounds = nullptr) {
    RoundService& service = rounds != nullptr ? *rounds : *rounds_;
    auto drafted = service.Draft(RoundId(id), kind, CampaignId("binh-luong-75"),
                                 "Về việc khen thưởng đợt 1", Secretariat(), now_);
    if (!drafted.ok()) return drafted;
    for (const auto& dossier : list) {
      drafted = service.AddDossier(RoundId(id), DossierId(dossier), Secretariat(), now_);
      if (!drafted.ok()) return drafted;
    }
    return drafted;
  }

  DossierRow Load(const std::string& id) {
    auto sql = db_->Acquire();
    return DossierStore(db_->backend()).Load(*sql, DossierId(id)).value();
  }
};

TEST_P(Rounds, SigningApprovesEveryListedDossierUnderOneNumberWithConsecutiveRegisterNumbers) {
  for (const char* id : {"a", "b", "c"}) ToChairman(id, "giay_khen_xa");
  auto draft = Draft("qd-1", RoundKind::kDecision, {"a", "b", "c"});
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  // The draft shows each line's prize (at today's base salary) and the total.
  ASSERT_EQ(draft->round.lines.size(), 3u);
  ASSERT_TRUE(draft->round.lines[0].prize.has_value());
  // Giấy khen of the commune Chairman, individual, 2024 pack (Nghị định 98/2023/NĐ-CP Điều 58
  // khoản 1 điểm g: 0,15) × 2,340,000 (Nghị định 73/2024/NĐ-CP) = 351,000, rounded up to 360,000.
  EXPECT_EQ(draft->round.lines[0].prize->amount_vnd, 360'000);
  EXPECT_EQ(draft->round.TotalPrizeVnd(), 1'080'000);
  EXPECT_EQ(Load("a").snapshot.state, State::kChairmanDecision);

  auto signed_round = rounds_->Sign(RoundId("qd-1"), Chairman(), "sign-qd-1", now_);
  ASSERT_TRUE(signed_round.ok()) << signed_round.status().ToString();
  EXPECT_EQ(signed_round->round.status, RoundStatus::kSigned);
  EXPECT_EQ(signed_round->round.number, "01/QĐ-UBND");
  ASSERT_EQ(signed_round->dossiers.size(), 3u);
  std::int64_t expected_entry = 1;
  for (const char* id : {"a", "b", "c"}) {
    DossierRow row = Load(id);
    EXPECT_EQ(row.snapshot.state, State::kApproved) << id;
    EXPECT_EQ(row.decision_number, "01/QĐ-UBND") << id;
    EXPECT_EQ(row.snapshot.decision, RoundId("qd-1")) << id;
    EXPECT_EQ(row.snapshot.register_number, expected_entry++) << id;
    EXPECT_EQ(row.snapshot.prize_vnd, 360'000) << id;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honour_register"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM round_open_lines"), 0);
  {
    auto sql = db_->Acquire();
    // Each dossier's approve record names the decision; the decision's own stream chains.
    auto records = EventLogStore(db_->backend()).ReadDossier(*sql, "b");
    ASSERT_TRUE(records.ok());
    const auto& approve = records->back();
    EXPECT_EQ(approve.event_type, "approve");
    const auto& decision = approve.payload.at("command").at("decision");
    EXPECT_EQ(decision.at("id").as_string(), "qd-1");
    EXPECT_EQ(decision.at("number").as_string(), "01/QĐ-UBND");
    EXPECT_EQ(decision.at("register_number").as_int64(), 2);
    auto stream = EventLogStore(db_->backend()).ReadDossier(*sql, "@decision/qd-1");
    ASSERT_TRUE(stream.ok());
    std::vector<std::string> types;
    for (const auto& r : *stream) types.push_back(r.event_type);
    EXPECT_EQ(types, (std::vector<std::string>{"round_drafted", "dossier_added", "dossier_added",
                                               "dossier_added", "round_signed"}));
    EXPECT_FALSE(audit::VerifyChain(*stream).has_value());
  }
  // The next decision takes the next numbers.
  ToChairman("d", "giay_khen_xa");
  ASSERT_TRUE(Draft("qd-2", RoundKind::kDecision, {"d"}).ok());
  auto second = rounds_->Sign(RoundId("qd-2"), Chairman(), "sign-qd-2", now_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->round.number, "02/QĐ-UBND");
  EXPECT_EQ(Load("d").snapshot.register_number, 4);

  auto replay = CheckReplay(*db_, packs_);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->differences.empty())
      << replay->differences.front().dossier_id << ": " << replay->differences.front().what;
  EXPECT_EQ(replay->rounds, 2);
}

TEST_P(Rounds, ADossierThatMovedMakesSigningRefuseNamingItAndNothingChanges) {
  for (const char* id : {"a", "b"}) ToChairman(id, "giay_khen_xa");
  ASSERT_TRUE(Draft("qd-1", RoundKind::kDecision, {"a", "b"}).ok());
  // Put on hold after it was listed: the nominee is under inspection.
  ASSERT_TRUE(
      Send("b", Hold{"đang xác minh đơn thư", "Nghị định 152/2025/NĐ-CP, Điều 4"}, Secretariat())
          .ok());
  const int records = Count("SELECT COUNT(*) FROM event_log");
  auto refused = rounds_->Sign(RoundId("qd-1"), Chairman(), "sign-1", now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kRejectedTransition);
  EXPECT_NE(refused.status().message().find("dossier b"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log"), records);
  EXPECT_EQ(Load("a").snapshot.state, State::kChairmanDecision);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honour_register"), 0);
  EXPECT_EQ(rounds_->Get(RoundId("qd-1"))->round.status, RoundStatus::kDraft);
  // Taken off the list, the rest is signed, and no number was used by the refusal.
  auto removed = rounds_->RemoveDossier(RoundId("qd-1"), DossierId("b"), Chairman(), now_);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  auto signed_round = rounds_->Sign(RoundId("qd-1"), Chairman(), "sign-2", now_);
  ASSERT_TRUE(signed_round.ok()) << signed_round.status().ToString();
  EXPECT_EQ(signed_round->round.number, "01/QĐ-UBND");
  EXPECT_EQ(Load("a").snapshot.register_number, 1);
  EXPECT_EQ(Load("b").snapshot.state, State::kOnHold);
  // Signed is signed: another request is a conflict, the same request answers as before.
  auto again = rounds_->Sign(RoundId("qd-1"), Chairman(), "sign-3", now_);
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_NE(again.status().message().find("01/QĐ-UBND"), std::string::npos);
  auto replayed = rounds_->Sign(RoundId("qd-1"), Chairman(), "sign-2", now_);
  ASSERT_TRUE(replayed.ok()) << replayed.status().ToString();
  EXPECT_TRUE(replayed->replayed);
  ASSERT_EQ(replayed->dossiers.size(), 1u);
  EXPECT_EQ(replayed->dossiers[0].hash, signed_round->dossiers[0].hash);
}

TEST_P(Rounds, OnlyTheChairmanSignsAndOnlyTheSecretariatDrafts) {
  ToChairman("a", "giay_khen_xa");
  EXPECT_EQ(rounds_
                ->Draft(RoundId("qd-x"), RoundKind::kDecision, CampaignId("binh-luong-75"), "x",
                        Chairman(), now_)
                .status()
                .code(),
            StatusCode::kForbidden);
  ASSERT_TRUE(Draft("qd-1", RoundKind::kDecision, {"a"}).ok());
  EXPECT_EQ(rounds_->Sign(RoundId("qd-1"), Secretariat(), "s", now_).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(
      rounds_->AddDossier(RoundId("qd-1"), DossierId("a"), Officer("thon-1"), now_).status().code(),
      StatusCode::kForbidden);
  // A decision takes only what the commune decides; an empty draft is not signed.
  ToChairman("cs", "chien_si_thi_dua_co_so");
  auto beyond = rounds_->AddDossier(RoundId("qd-1"), DossierId("cs"), Secretariat(), now_);
  EXPECT_EQ(beyond.status().code(), StatusCode::kRejectedTransition);
  EXPECT_NE(beyond.status().message().find("submission"), std::string::npos);
  ASSERT_TRUE(rounds_
                  ->Draft(RoundId("qd-empty"), RoundKind::kDecision, CampaignId("binh-luong-75"),
                          "trống", Secretariat(), now_)
                  .ok());
  EXPECT_EQ(rounds_->Sign(RoundId("qd-empty"), Chairman(), "s2", now_).status().code(),
            StatusCode::kRejectedTransition);
  // Nothing is guessed: a blank title, an unknown campaign.
  EXPECT_EQ(rounds_
                ->Draft(RoundId("qd-y"), RoundKind::kDecision, CampaignId("binh-luong-75"), "  ",
                        Secretariat(), now_)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(rounds_
                ->Draft(RoundId("qd-z"), RoundKind::kDecision, CampaignId("nowhere"), "x",
                        Secretariat(), now_)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST_P(Rounds, ADossierIsInAtMostOneOpenDraft) {
  ToChairman("a", "giay_khen_xa");
  ASSERT_TRUE(Draft("qd-1", RoundKind::kDecision, {"a"}).ok());
  ASSERT_TRUE(Draft("qd-2", RoundKind::kDecision, {}).ok());
  auto twice = rounds_->AddDossier(RoundId("qd-2"), DossierId("a"), Secretariat(), now_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), StatusCode::kConflict);
  EXPECT_NE(twice.status().message().find("qd-1"), std::string::npos) << twice.status().ToString();
  // A stale version is refused under the lock, as for any event.
  auto stale = rounds_->DecideAlone(RoundKind::kDecision, DossierId("a"), "x", Chairman(), "r0",
                                    now_, Load("a").version - 1);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_NE(stale.status().message().find("version conflict"), std::string::npos);
  // The Chairman approving it alone is refused too while it is listed.
  auto alone =
      rounds_->DecideAlone(RoundKind::kDecision, DossierId("a"), "x", Chairman(), "r", now_);
  EXPECT_EQ(alone.status().code(), StatusCode::kConflict);
  ASSERT_TRUE(rounds_->RemoveDossier(RoundId("qd-1"), DossierId("a"), Secretariat(), now_).ok());
  ASSERT_TRUE(rounds_->AddDossier(RoundId("qd-2"), DossierId("a"), Secretariat(), now_).ok());
  EXPECT_EQ(
      rounds_->RemoveDossier(RoundId("qd-1"), DossierId("a"), Secretariat(), now_).status().code(),
      StatusCode::kNotFound);
}

TEST_P(Rounds, TwoSignersRacingGiveOneSignedDecision) {
  auto other_db = Open();
  ASSERT_TRUE(other_db);
  GroupCommitter other_committer(*other_db, {});
  RoundService other(*other_db, other_committer, packs_, salaries_, calendar_);
  for (int race = 0; race < 4; ++race) {
    const std::string a = "r" + std::to_string(race) + "a";
    const std::string b = "r" + std::to_string(race) + "b";
    ToChairman(a, "giay_khen_xa");
    ToChairman(b, "giay_khen_xa");
    const std::string id = "qd-race-" + std::to_string(race);
    ASSERT_TRUE(Draft(id.c_str(), RoundKind::kDecision, {a, b}).ok());
    std::atomic<int> wins{0};
    std::vector<Status> losses(2);
    auto sign = [&](RoundService& service, int who) {
      auto r = service.Sign(RoundId(id), Chairman(), id + "-" + std::to_string(who), now_);
      if (r.ok()) {
        ++wins;
      } else {
        losses[who] = r.status();
      }
    };
    std::thread first([&] { sign(*rounds_, 0); });
    std::thread second([&] { sign(other, 1); });
    first.join();
    second.join();
    EXPECT_EQ(wins, 1) << id;
    for (const auto& loss : losses) {
      if (!loss.ok()) {
        EXPECT_EQ(loss.code(), StatusCode::kConflict) << loss.ToString();
      }
    }
  }
  // Four decisions, numbers 01..04 without a gap, eight register entries 1..8.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM rounds WHERE status = 'signed'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT number) FROM rounds WHERE number IN ('01/QĐ-UBND',"
                  " '02/QĐ-UBND', '03/QĐ-UBND', '04/QĐ-UBND')"),
            4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honour_register WHERE number BETWEEN 1 AND 8"), 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE event_type = 'approve'"), 8);
}

TEST_P(Rounds, TheHigherLevelAnswersSomeDossiersOfASubmission) {
  for (const char* id : {"x", "y", "z"}) ToChairman(id, "chien_si_thi_dua_co_so");
  ASSERT_TRUE(Draft("tt-1", RoundKind::kSubmission, {"x", "y", "z"}).ok());
  auto signed_round = rounds_->Sign(RoundId("tt-1"), Chairman(), "sign-tt", now_);
  ASSERT_TRUE(signed_round.ok()) << signed_round.status().ToString();
  EXPECT_EQ(signed_round->round.number, "01/TTr-UBND");
  for (const char* id : {"x", "y", "z"}) {
    DossierRow row = Load(id);
    EXPECT_EQ(row.snapshot.state, State::kEscalated) << id;
    EXPECT_EQ(row.submission_number, "01/TTr-UBND") << id;
    EXPECT_EQ(row.snapshot.submission, RoundId("tt-1")) << id;
  }
  const auto decided_on = std::chrono::sys_days(std::chrono::year(2024) / 8 / 20);
  // A refusal needs its reason; a dossier of another submission is not answered here.
  EXPECT_EQ(rounds_
                ->RecordAnswer(RoundId("tt-1"), "2371/QĐ-UBND", decided_on,
                               {{DossierId("x"), false, ""}}, Secretariat(), "ans-0", now_)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  auto answered = rounds_->RecordAnswer(
      RoundId("tt-1"), "2371/QĐ-UBND", decided_on,
      {{DossierId("x"), true, ""}, {DossierId("y"), false, "Thành tích chưa đủ tiêu biểu"}},
      Secretariat(), "ans-1", now_);
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(Load("x").snapshot.state, State::kApproved);
  EXPECT_EQ(Load("x").snapshot.higher_decision_number, "2371/QĐ-UBND");
  EXPECT_EQ(Load("y").snapshot.state, State::kRejected);
  EXPECT_EQ(Load("z").snapshot.state, State::kEscalated);  // not mentioned: still waiting
  ASSERT_EQ(answered->round.answers.size(), 1u);
  EXPECT_TRUE(answered->round.FindLine(DossierId("x"))->answer->approved);
  EXPECT_FALSE(answered->round.FindLine(DossierId("z"))->answer.has_value());
  // Answered once; a later decision answers the rest.
  EXPECT_EQ(rounds_
                ->RecordAnswer(RoundId("tt-1"), "2400/QĐ-UBND", decided_on,
                               {{DossierId("x"), true, ""}}, Secretariat(), "ans-2", now_)
                .status()
                .code(),
            StatusCode::kConflict);
  auto rest = rounds_->RecordAnswer(RoundId("tt-1"), "2400/QĐ-UBND", decided_on,
                                    {{DossierId("z"), true, ""}}, Secretariat(), "ans-3", now_);
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(Load("z").snapshot.state, State::kApproved);
  auto replay = CheckReplay(*db_, packs_);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->differences.empty()) << replay->differences.front().what;
}

// A database of before decisions listed dossiers holds approvals each numbered by itself: those
// records stay valid and replay, each a decision of one.
TEST_P(Rounds, AnApprovalRecordedBeforeDecisionsReadsAsADecisionOfOne) {
  ToChairman("old", "giay_khen_xa");
  Status written = RunInTransaction(*db_, [&](soci::session& sql) -> Status {
    auto row = DossierStore(db_->backend()).Load(sql, DossierId("old"), true);
    if (!row.ok()) return row.status();
    ApplySettings settings;
    auto outcome = DecideAndWrite(sql, ApplyStep{db_->backend(), packs_, calendar_, settings}, *row,
                                  Approve{}, Chairman(), "legacy-approve", now_);
    if (!outcome.ok()) return outcome.status();
    EXPECT_EQ(outcome->numbers, std::vector<std::string>{"01/QĐ-UBND"});
    return Status::Ok();
  });
  ASSERT_TRUE(written.ok()) << written.ToString();
  DossierRow row = Load("old");
  EXPECT_EQ(row.snapshot.state, State::kApproved);
  EXPECT_EQ(row.decision_number, "01/QĐ-UBND");
  EXPECT_FALSE(row.snapshot.decision.has_value());
  EXPECT_FALSE(row.snapshot.register_number.has_value());
  auto replay = CheckReplay(*db_, packs_);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->differences.empty()) << replay->differences.front().what;
  // The next decision continues the series.
  ToChairman("new", "giay_khen_xa");
  ASSERT_TRUE(Draft("qd-1", RoundKind::kDecision, {"new"}).ok());
  auto signed_round = rounds_->Sign(RoundId("qd-1"), Chairman(), "sign", now_);
  ASSERT_TRUE(signed_round.ok()) << signed_round.status().ToString();
  EXPECT_EQ(signed_round->round.number, "02/QĐ-UBND");
}

TDKT_ON_BOTH_BACKENDS(Rounds);

}  // namespace
}  // namespace tdkt::adapters::db
