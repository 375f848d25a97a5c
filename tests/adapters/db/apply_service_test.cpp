// Apply on both backends: the lifecycle's paths through the durable engine, idempotency,
// concurrency and document numbers.

#include "adapters/db/apply_service.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <set>
#include <thread>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "tests/adapters/support/apply_fixture.hpp"
#include "tests/tools/lifecycle_walk.hpp"

namespace tdkt::adapters::db {
namespace {

using namespace engine;
using namespace testing::lifecycle_detail;

using Apply = testing::LifecycleApplyTest;

TEST_P(Apply, AVoteNamingNoRecordedSessionIsRefusedAndWritesNothing) {
  ToCouncil("d-v");
  auto vote =
      Send("d-v", CouncilVote{CouncilSessionId("hd-never-held"), 10, 9, 8, 1}, Secretariat());
  ASSERT_FALSE(vote.ok());
  EXPECT_EQ(vote.status().code(), StatusCode::kRejectedTransition);
  EXPECT_NE(vote.status().message().find("'hd-never-held' is not recorded"), std::string::npos)
      << vote.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = 'd-v'"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scoped_numbers"), 0);
}

TEST_P(Apply, AVoteWithoutItsCountsTakesThemFromTheSessionAndOneThatDisagreesIsRefused) {
  ToCouncil("d-w");
  auto disagreeing =
      Send("d-w", CouncilVote{CouncilSessionId("hd-2024-08-05"), 10, 10, 8, 2}, Secretariat());
  ASSERT_FALSE(disagreeing.ok());
  EXPECT_EQ(disagreeing.status().code(), StatusCode::kRejectedTransition)
      << disagreeing.status().ToString();
  auto vote =
      Send("d-w", CouncilVote{CouncilSessionId("hd-2024-08-05"), std::nullopt, std::nullopt, 8, 1},
           Secretariat());
  ASSERT_TRUE(vote.ok()) << vote.status().ToString();
  EXPECT_EQ(vote->row.snapshot.state, State::kChairmanDecision);
  auto sql = db_->Acquire();
  auto records = EventLogStore(db_->backend()).ReadDossier(*sql, "d-w");
  ASSERT_TRUE(records.ok());
  const auto& command = records->back().payload.at("command").as_object();
  EXPECT_EQ(command.at("members").as_int64(), 10);  // recorded as the session says
  EXPECT_EQ(command.at("present").as_int64(), 9);
}

// A session with its agenda votes only the dossiers put to it; each vote records its ballot; the
// session's dossiers share one set of minutes (one BB-HĐTĐKT number per session).
TEST_P(Apply, ASessionVotesItsAgendaOnlyRecordsTheBallotAndHasOneMinutesNumber) {
  ToCouncil("d-a1");
  ToCouncil("d-a2");
  ToCouncil("d-off");
  {
    engine::CouncilSession session;
    session.id = CouncilSessionId("hd-2024-08-06");
    session.campaign = CampaignId("binh-luong-75");
    session.held_on = std::chrono::sys_days(std::chrono::year(2024) / 8 / 6);
    session.place = "Hội trường UBND xã";
    session.chair = "Hà Văn Thắng";
    session.members = {{"Hà Văn Thắng", CouncilRole::kChuTich, true},
                       {"Lê Văn Hùng", CouncilRole::kPhoChuTich, true},
                       {"Vi Văn Sơn", CouncilRole::kUyVien, true},
                       {"Phạm Thị Lan", CouncilRole::kUyVien, false}};
    session.agenda = {DossierId("d-a1"), DossierId("d-a2")};
    ASSERT_TRUE(CheckCouncilSession(session).ok());
    auto sql = db_->Acquire();
    ASSERT_TRUE(
        DirectoryStore(db_->backend())
            .AddCouncilSession(*sql, RecordOf(session, "u-secretariat", "2024-08-06T01:00:00Z"))
            .ok());
  }
  const CouncilVote vote{CouncilSessionId("hd-2024-08-06"), std::nullopt, std::nullopt, 3, 0};
  auto off = Send("d-off", vote, Secretariat());
  ASSERT_FALSE(off.ok());
  EXPECT_EQ(off.status().code(), StatusCode::kRejectedTransition);
  EXPECT_NE(off.status().message().find("dossier d-off is not on the agenda of council session "
                                        "'hd-2024-08-06'"),
            std::string::npos)
      << off.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = 'd-off'"), 5);

  auto first = Send("d-a1", vote, Secretariat());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = Send("d-a2", vote, Secretariat());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(first->numbers.size(), 1u);
  EXPECT_EQ(first->numbers, second->numbers);  // one set of minutes for the session
  EXPECT_NE(first->numbers[0].find("/BB-HĐTĐKT"), std::string::npos) << first->numbers[0];

  auto sql = db_->Acquire();
  auto records = EventLogStore(db_->backend()).ReadDossier(*sql, "d-a2");
  ASSERT_TRUE(records.ok());
  const auto& command = records->back().payload.at("command").as_object();
  EXPECT_EQ(command.at("ballot").as_string(), "show_of_hands");  // Giấy khen: those present
  EXPECT_EQ(command.at("members").as_int64(), 4);
  EXPECT_EQ(command.at("present").as_int64(), 3);
  EXPECT_FALSE(command.contains("written_votes"));
}

TEST_P(Apply, AStaleExpectedVersionIsAConflictButARetryOfTheAppliedRequestReplays) {
  ToCouncil("d-x");  // version 5
  ApplyRequest request{DossierId("d-x"),
                       CouncilVote{CouncilSessionId("hd-2024-08-05"), 10, 9, 8, 1}, Secretariat(),
                       "vote-d-x"};
  auto stale = service_->Apply(request, now_, 4);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_NE(stale.status().message().find("is at version 5, the request expected 4"),
            std::string::npos)
      << stale.status().ToString();
  auto applied = service_->Apply(request, now_, 5);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  auto retried = service_->Apply(request, now_, 5);  // the dossier is at 6 now
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_TRUE(retried->replayed);
  EXPECT_EQ(retried->hash, applied->hash);
}

TEST_P(Apply, FullPathToApprovedNumbersTheDecisionAndChainsEveryEvent) {
  ToChairman("d-1", "giay_khen_xa");
  // Alone, an approval would skip the decision's number and the register: Apply refuses it.
  auto alone = Send("d-1", Approve{}, Chairman());
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(alone.status().message().find("signing a decision"), std::string::npos);
  auto approved = Alone("d-1", RoundKind::kDecision);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_TRUE(approved->row.snapshot.decision.has_value());
  EXPECT_EQ(approved->row.snapshot.register_number, 1);
  EXPECT_EQ(approved->row.snapshot.state, State::kApproved);
  EXPECT_EQ(approved->row.version, 7);  // create + six events
  ASSERT_EQ(approved->numbers.size(), 1u);
  EXPECT_EQ(approved->numbers[0], "01/QĐ-UBND");
  EXPECT_EQ(approved->row.snapshot.rule_pack, RulePackId("thanh_hoa_2024"));

  {
    // SQLite has one connection: hold it only inside this block.
    auto sql = db_->Acquire();
    auto row = DossierStore(db_->backend()).Load(*sql, DossierId("d-1"));
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(row->version, 7);
    EXPECT_EQ(row->decision_number, "01/QĐ-UBND");
    EXPECT_EQ(row->next_deadline_at, std::nullopt) << row->deadlines_json;

    auto records = EventLogStore(db_->backend()).ReadDossier(*sql, "d-1");
    ASSERT_TRUE(records.ok());
    std::vector<std::string> types;
    for (const auto& r : *records) types.push_back(r.event_type);
    EXPECT_EQ(types, (std::vector<std::string>{"create", "submit", "unit_approve", "accept",
                                               "appraise_pass", "council_vote", "approve"}));
    EXPECT_FALSE(audit::VerifyChain(*records).has_value());
    EXPECT_EQ(records->back().hash, approved->hash);
  }
  // Every stage's deadline was met: no pending timer is left.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE dossier_id = 'd-1' AND status = 'pending'"),
            0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM timers WHERE dossier_id = 'd-1' AND kind = 'appraisal'"),
            0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM outbox WHERE dossier_id = 'd-1'"), 0);
}

TEST_P(Apply, EscalatedDossierRecordsTheDistrictsAnswer) {
  ToChairman("d-2", "chien_si_thi_dua_co_so");
  auto approve = Alone("d-2", RoundKind::kDecision);
  ASSERT_FALSE(approve.ok());
  EXPECT_EQ(approve.status().code(), StatusCode::kRejectedTransition);

  auto escalated = Alone("d-2", RoundKind::kSubmission);
  ASSERT_TRUE(escalated.ok()) << escalated.status().ToString();
  EXPECT_EQ(escalated->row.snapshot.state, State::kEscalated);
  ASSERT_EQ(escalated->numbers.size(), 1u);
  EXPECT_EQ(escalated->numbers[0], "01/TTr-UBND");

  HigherDecision answer{"1234/QĐ-UBND", std::chrono::sys_days(std::chrono::year(2024) / 8 / 20),
                        true, ""};
  auto decided = Send("d-2", answer, Secretariat());
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->row.snapshot.state, State::kApproved);
  EXPECT_EQ(decided->row.snapshot.higher_decision_number, "1234/QĐ-UBND");
  EXPECT_TRUE(decided->numbers.empty());
}

TEST_P(Apply, RetryWithTheSameRequestIdAnswersAsBeforeAndWritesNothing) {
  ToChairman("d-3", "giay_khen_xa");
  auto first = Alone("d-3", RoundKind::kDecision, nullptr, "approve-d-3");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  int records = Count("SELECT COUNT(*) FROM event_log");
  auto again = Alone("d-3", RoundKind::kDecision, nullptr, "approve-d-3");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->hash, first->hash);
  EXPECT_EQ(again->numbers, first->numbers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log"), records);
}

TEST_P(Apply, ReusingARequestIdForAnotherBodyIsAConflict) {
  ToChairman("d-4", "giay_khen_xa");
  ASSERT_TRUE(
      service_->Apply({DossierId("d-4"), Reject{"chưa đạt"}, Chairman(), "x-1"}, now_).ok());
  auto reused = service_->Apply({DossierId("d-4"), Reject{"lý do khác"}, Chairman(), "x-1"}, now_);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.status().code(), StatusCode::kConflict);
}

TEST_P(Apply, RefusedEventWritesNothing) {
  ToChairman("d-5", "giay_khen_xa");
  int records = Count("SELECT COUNT(*) FROM event_log");
  auto refused = Send("d-5", Submit{}, Officer("thon-1"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kRejectedTransition);
  auto foreign = Send("d-5", Withdraw{"rút"}, Officer("truong-thcs"));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kNotFound);  // another unit's: not theirs to see
  auto wrong_role = Send("d-5", Withdraw{"rút"}, Head("thon-1"));
  ASSERT_FALSE(wrong_role.ok());
  EXPECT_EQ(wrong_role.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log"), records);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM idempotency WHERE request_id = 'r-" +
                  std::to_string(requests_) + "'"),
            0);
}

TEST_P(Apply, TwoEnginesRacingOnOneDossierExactlyOneWins) {
  ToChairman("d-6", "giay_khen_xa");
  // A second engine with its own connections, as a second process would have.
  auto other_db = Open();
  ASSERT_TRUE(other_db);
  GroupCommitter other_committer(*other_db, {});
  ApplyService other(*other_db, other_committer, packs_, calendar_);
  for (int round = 0; round < 5; ++round) {
    std::string id = "race-" + std::to_string(round);
    ToChairman(id, "giay_khen_xa");
    std::atomic<int> wins{0};
    std::vector<Status> losses(2);
    std::thread a([&] {
      auto r = rounds_->DecideAlone(RoundKind::kDecision, DossierId(id), "Quyết định", Chairman(),
                                    id + "-a", now_);
      if (r.ok())
        ++wins;
      else
        losses[0] = r.status();
    });
    std::thread b([&] {
      auto r = other.Apply({DossierId(id), Reject{"chưa đạt"}, Chairman(), id + "-b"}, now_);
      if (r.ok())
        ++wins;
      else
        losses[1] = r.status();
    });
    a.join();
    b.join();
    EXPECT_EQ(wins, 1) << id;
    for (const auto& loss : losses) {
      if (loss.ok()) continue;
      EXPECT_TRUE(loss.code() == StatusCode::kConflict ||
                  loss.code() == StatusCode::kRejectedTransition)
          << loss.ToString();
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = '" + id +
                    "' AND event_type IN ('approve', 'reject')"),
              1);
  }
}

TEST_P(Apply, DecisionNumbersAreGaplessUnderEightConcurrentAppliers) {
  constexpr int kAppliers = 8;
  constexpr int kEach = 3;
  for (int i = 0; i < kAppliers * kEach; ++i) ToChairman("n-" + std::to_string(i), "giay_khen_xa");
  std::vector<std::string> numbers;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < kAppliers; ++t) {
    threads.emplace_back([&, t] {
      auto db = Open(2);
      GroupCommitter committer(*db, {});
      RoundService rounds(*db, committer, packs_, salaries_, calendar_);
      for (int i = 0; i < kEach; ++i) {
        std::string id = "n-" + std::to_string(t * kEach + i);
        for (int attempt = 0; attempt < 20; ++attempt) {
          auto r = rounds.DecideAlone(RoundKind::kDecision, DossierId(id), "Quyết định", Chairman(),
                                      "approve-" + id, now_);
          if (r.ok()) {
            std::lock_guard lock(mutex);
            numbers.push_back(r->round.number);
            break;
          }
          ASSERT_EQ(r.status().code(), StatusCode::kConflict) << r.status().ToString();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> distinct(numbers.begin(), numbers.end());
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kAppliers * kEach));
  EXPECT_EQ(distinct.size(), numbers.size());
  for (int n = 1; n <= kAppliers * kEach; ++n) {
    std::string expected = (n < 10 ? "0" : "") + std::to_string(n) + "/QĐ-UBND";
    EXPECT_TRUE(distinct.contains(expected)) << expected;
  }
}

TEST_P(Apply, AcceptedTheFridayBeforeTet2024TheAppraisalClockSkipsTheWholeBreak) {
  now_ = At("2024-02-01T01:00:00Z");  // Thursday 1/2/2024, 08:00 in Vietnam
  NewDossier d{DossierId("tet"),
               CampaignId("binh-luong-75"),
               UnitId("thon-1"),
               Nominee{NomineeId("n-tet"), NomineeKind::kIndividual, "Lê Văn Tết", true, false},
               AwardId("giay_khen_xa"),
               "thành tích"};
  ASSERT_TRUE(service_->Create(d, Officer("thon-1"), "create-tet", now_).ok());
  ASSERT_TRUE(Send("tet", Submit{"thành tích", kAllDocuments}, Officer("thon-1")).ok());
  ASSERT_TRUE(Send("tet", UnitApprove{9, 1, 10}, Head("thon-1")).ok());
  now_ = At("2024-02-02T01:00:00Z");  // Friday 2/2/2024; Tết: Thursday 8/2 to Wednesday 14/2
  auto accepted = Send("tet", Accept{}, Secretariat());
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  std::string deadlines;
  std::vector<std::string> reminders;
  {
    auto sql = db_->Acquire();
    auto row = DossierStore(db_->backend()).Load(*sql, DossierId("tet"));
    ASSERT_TRUE(row.ok());
    deadlines = row->deadlines_json;
    // 10 working days (Giấy khen): 5, 6, 7, 15, 16, 19, 20, 21, 22, 23 February, 17:00 +07:00.
    EXPECT_EQ(row->next_deadline_at, std::optional<std::string>("2024-02-23T10:00:00Z"));
    soci::rowset<std::string> rows =
        (sql->prepare << "SELECT due_at FROM timers WHERE dossier_id = 'tet' AND kind = "
                         "'appraisal' AND status = 'pending' ORDER BY due_at");
    for (const auto& due : rows) reminders.push_back(due);
  }
  EXPECT_NE(deadlines.find("\"appraisal\":\"2024-02-23T10:00:00Z\""), std::string::npos)
      << deadlines;
  // Reminders at 08:00 three and one working days before (Tuesday 20, Thursday 22), the due
  // time, and the overdue notice on the next working day (Monday 26).
  EXPECT_EQ(reminders, (std::vector<std::string>{"2024-02-20T01:00:00Z", "2024-02-22T01:00:00Z",
                                                 "2024-02-23T10:00:00Z", "2024-02-26T01:00:00Z"}));
}

NewDossier Draft(const std::string& id, const std::string& nominee_id) {
  return NewDossier{
      DossierId(id),
      CampaignId("binh-luong-75"),
      UnitId("thon-1"),
      Nominee{NomineeId(nominee_id), NomineeKind::kIndividual, "Lò Văn Chương", true, false},
      AwardId("giay_khen_xa"),
      "Hoàn thành xuất sắc nhiệm vụ"};
}

// The API's promise: the same POST again, with the same request id, answers with the first
// dossier, also when the service chose a different id for the retry.
TEST_P(Apply, CreatingTwiceWithOneRequestIdAnswersWithTheFirstDraft) {
  auto first = service_->Create(Draft("hs-a", "n-1"), Officer("thon-1"), "same", now_, false);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = service_->Create(Draft("hs-b", "n-1"), Officer("thon-1"), "same", now_, false);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->row.snapshot.id, DossierId("hs-a"));
  EXPECT_EQ(again->seq, first->seq);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers"), 1);
  // A client-chosen id is part of what it asked: another id is another request.
  auto other = service_->Create(Draft("hs-c", "n-2"), Officer("thon-1"), "same", now_, true);
  EXPECT_EQ(other.status().code(), StatusCode::kConflict);
}

// Luật Thi đua, khen thưởng 2022, Điều 5: the second draft for a nominee is refused when it is
// created, naming the first, instead of two drafts blocking each other at submit.
TEST_P(Apply, ASecondDraftForTheSameNomineeIsRefusedNamingTheFirst) {
  ASSERT_TRUE(service_->Create(Draft("hs-1", "n-chuong"), Officer("thon-1"), "c-1", now_).ok());
  auto second = service_->Create(Draft("hs-2", "n-chuong"), Officer("thon-1"), "c-2", now_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_NE(second.status().message().find("dossier 'hs-1'"), std::string::npos)
      << second.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log"), 1);
  // Once the first is withdrawn the nominee may be proposed again.
  ASSERT_TRUE(Send("hs-1", Withdraw{"đề nghị lại"}, Officer("thon-1")).ok());
  EXPECT_TRUE(service_->Create(Draft("hs-3", "n-chuong"), Officer("thon-1"), "c-3", now_).ok());
}

TEST_P(Apply, CreatingIsDecidedByTheCore) {
  auto other_unit = service_->Create(Draft("hs-x", "n-x"), Officer("thon-2"), "c-x", now_);
  EXPECT_EQ(other_unit.status().code(), StatusCode::kForbidden);
  auto head = service_->Create(Draft("hs-y", "n-y"), Head("thon-1"), "c-y", now_);
  EXPECT_EQ(head.status().code(), StatusCode::kForbidden);
  NewDossier not_allowed = Draft("hs-z", "n-z");
  not_allowed.award = AwardId("bang_khen_tinh");
  auto award = service_->Create(not_allowed, Officer("thon-1"), "c-z", now_);
  EXPECT_EQ(award.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(award.status().message(),
            "dossier.award: award not allowed in campaign: campaign 'binh-luong-75' does not "
            "allow the award 'bang_khen_tinh'");
  NewDossier no_campaign = Draft("hs-w", "n-w");
  no_campaign.campaign = CampaignId("nowhere");
  EXPECT_EQ(service_->Create(no_campaign, Officer("thon-1"), "c-w", now_).status().message(),
            "dossier.campaign_id: no campaign 'nowhere'");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers"), 0);
}

// An uploaded document of kind K attaches K (the accept guard sees it) and is a record of the
// dossier's chain naming the file's SHA-256; a closed dossier takes no more documents.
TEST_P(Apply, AnUploadAttachesItsKindAndIsARecordOfTheChain) {
  ASSERT_TRUE(service_->Create(Draft("hs-d", "n-d"), Officer("thon-1"), "c-d", now_).ok());
  ASSERT_TRUE(Send("hs-d",
                   Submit{"Hoàn thành xuất sắc nhiệm vụ",
                          {DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport}},
                   Officer("thon-1"))
                  .ok());
  ASSERT_TRUE(Send("hs-d", UnitApprove{9, 1, 10}, Head("thon-1")).ok());
  // Without the minutes of the unit's review the dossier cannot be accepted...
  EXPECT_EQ(Send("hs-d", Accept{}, Secretariat()).status().code(), StatusCode::kRejectedTransition);
  // ...the officer uploads them...
  auto attached = service_->Attach(
      DossierId("hs-d"),
      NewDocument{DocumentKind::kReviewMinutes, "bien-ban.pdf", "application/pdf", "%PDF-1.4 x"},
      Officer("thon-1"), now_);
  ASSERT_TRUE(attached.ok()) << attached.status().ToString();
  EXPECT_EQ(attached->event.row.version, 4);
  EXPECT_EQ(attached->document.sha256, audit::Sha256Hex("%PDF-1.4 x"));
  {
    auto sql = db_->Acquire();
    auto records = EventLogStore(db_->backend()).ReadDossier(*sql, "hs-d");
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 4u);
    const auto& record = records->back();
    EXPECT_EQ(record.event_type, "attach_document");
    EXPECT_EQ(record.actor_id, "u-officer");
    const auto& document = record.payload.at("document").as_object();
    EXPECT_EQ(document.at("kind").as_string(), "review_minutes");
    EXPECT_EQ(document.at("file_name").as_string(), "bien-ban.pdf");
    EXPECT_EQ(document.at("sha256").as_string(), attached->document.sha256);
    EXPECT_FALSE(audit::VerifyChain(*records, 4).has_value());
  }
  // ...and now the accept guard sees them.
  ASSERT_TRUE(Send("hs-d", Accept{}, Secretariat()).ok());
  // Only the unit's officer or the secretariat attaches; a closed dossier takes nothing.
  NewDocument more{DocumentKind::kSubmissionLetter, "to-trinh.pdf", "application/pdf", "x"};
  EXPECT_EQ(service_->Attach(DossierId("hs-d"), more, Head("thon-1"), now_).status().code(),
            StatusCode::kForbidden);
  ASSERT_TRUE(Send("hs-d", AppraiseFail{"thành tích chưa tiêu biểu"}, Secretariat()).ok());
  auto closed = service_->Attach(DossierId("hs-d"), more, Secretariat(), now_);
  EXPECT_EQ(closed.status().code(), StatusCode::kRejectedTransition) << closed.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents"), 1);
  EXPECT_EQ(service_->Attach(DossierId("nowhere"), more, Secretariat(), now_).status().code(),
            StatusCode::kNotFound);
}

TDKT_ON_BOTH_BACKENDS(Apply);

}  // namespace
}  // namespace tdkt::adapters::db
