// The scheduler on both backends, driven by a manual clock: reminders on the right working days
// across Tết, a met deadline cancels its reminders, the nomination cut-off expires drafts, a timer
// fired twice is recorded once, and the loop on its own thread fires what is due.

#include "adapters/scheduler/scheduler.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <future>
#include <thread>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/dossier_store.hpp"
#include "engine/audit/record.hpp"
#include "tests/adapters/support/apply_fixture.hpp"
#include "tests/adapters/support/manual_clock.hpp"
#include "tests/tools/lifecycle_walk.hpp"

namespace tdkt::adapters::scheduler {
namespace {

using namespace engine;
using std::chrono::hours;

Timestamp At(const char* text) { return audit::ParseTimestamp(text).value(); }

Actor Officer() { return tools::kOfficer; }
Actor Head() { return tools::kHead; }
Actor Secretariat() { return tools::kSecretariat; }
using tools::kAllDocuments;

class Timers : public testing::ApplyServiceTest {
 protected:
  void SetUp() override {
    testing::ApplyServiceTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<TimerStore>(*db_);
    firer_ = std::make_unique<TimerFirer>(*db_, *service_);
    SaveReferenceCampaign(clock_.Now());
  }

  void TearDown() override {
    scheduler_.reset();
    firer_.reset();
    store_.reset();
    testing::ApplyServiceTest::TearDown();
  }

  Scheduler& MakeScheduler(const std::string& owner) {
    SchedulerSettings settings;
    settings.owner = owner;
    settings.batch_size = 4;
    settings.poll_interval = std::chrono::milliseconds(200);
    scheduler_ = std::make_unique<Scheduler>(settings, *store_, *firer_, clock_,
                                             std::make_shared<spdlog::logger>("scheduler-test"));
    return *scheduler_;
  }

  void Create(const std::string& id) {
    db::NewDossier d{
        DossierId(id),
        CampaignId("binh-luong-75"),
        UnitId("thon-1"),
        Nominee{NomineeId("n-" + id), NomineeKind::kIndividual, "Nguyễn Thị " + id, true, true},
        AwardId("giay_khen_xa"),
        "Hoàn thành xuất sắc nhiệm vụ"};
    auto created = service_->Create(d, Officer(), "create-" + id, clock_.Now());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }

  void Send(const std::string& id, Command command, Actor actor) {
    clock_.Advance(hours(1));
    auto outcome = service_->Apply(
        {DossierId(id), command, std::move(actor), "r-" + std::to_string(++requests_)},
        clock_.Now());
    ASSERT_TRUE(outcome.ok()) << EventName(TypeOf(command)) << ": " << outcome.status().ToString();
  }

  // Creates a dossier and brings it to appraisal (accepted by the secretariat).
  void ToAppraisal(const std::string& id) {
    Create(id);
    Send(id, Submit{"Hoàn thành xuất sắc nhiệm vụ", kAllDocuments}, Officer());
    Send(id, UnitApprove{9, 1, 10}, Head());
    Send(id, Accept{}, Secretariat());
  }

  // Steps the clock an hour at a time up to `until`, firing what is due at each step. Returns
  // "instant: n" for each step that fired something.
  std::vector<std::string> WalkTo(Timestamp until) {
    std::vector<std::string> fired;
    while (clock_.Now() < until) {
      clock_.Advance(hours(1));
      FireReport report = scheduler_->FireDue();
      EXPECT_EQ(report.failed, 0);
      if (report.claimed > 0) {
        fired.push_back(audit::FormatTimestamp(clock_.Now()) + ": " + std::to_string(report.fired) +
                        " fired, " + std::to_string(report.skipped) + " skipped");
      }
    }
    return fired;
  }

  int Count(const std::string& query) {
    auto sql = db_->Acquire();
    int n = 0;
    *sql << query, soci::into(n);
    return n;
  }

  std::string State(const std::string& id) {
    auto sql = db_->Acquire();
    auto row = db::DossierStore(db_->backend()).Load(*sql, DossierId(id));
    return row.ok() ? std::string(StateName(row->snapshot.state)) : row.status().ToString();
  }

  std::vector<std::string> Notices() {
    auto sql = db_->Acquire();
    std::vector<std::string> out;
    soci::rowset<soci::row> rows = (sql->prepare << "SELECT kind, recipient, payload FROM outbox"
                                                    " WHERE kind IN ('reminder', 'due', 'overdue')"
                                                    " ORDER BY id");
    for (const auto& row : rows) {
      out.push_back(row.get<std::string>(0) + " " + row.get<std::string>(1));
    }
    return out;
  }

  std::unique_ptr<TimerStore> store_;
  std::unique_ptr<TimerFirer> firer_;
  std::unique_ptr<Scheduler> scheduler_;
  testing::ManualClock clock_{At("2024-02-01T23:00:00Z")};  // Friday 2/2/2024, 06:00 local
  int requests_ = 0;
};

TEST_P(Timers, AppraisalRemindersFireOnTheRightWorkingDaysAcrossTet) {
  MakeScheduler("p-1");
  ToAppraisal("d-1");  // accepted Friday 2/2/2024 at 09:00 local; Tết is 8/2 to 14/2
  ASSERT_EQ(State("d-1"), "appraisal");
  // Ten working days: due Friday 23/2 at 17:00 local. Reminders at 08:00 local three and one
  // working days before (Tuesday 20/2, Thursday 22/2); the overdue notice on Monday 26/2.
  std::vector<std::string> fired = WalkTo(At("2024-02-27T00:00:00Z"));
  EXPECT_EQ(fired, (std::vector<std::string>{"2024-02-20T01:00:00Z: 1 fired, 0 skipped",
                                             "2024-02-22T01:00:00Z: 1 fired, 0 skipped",
                                             "2024-02-23T10:00:00Z: 1 fired, 0 skipped",
                                             "2024-02-26T01:00:00Z: 1 fired, 0 skipped"}));
  EXPECT_EQ(Notices(), (std::vector<std::string>{"reminder secretariat", "reminder secretariat",
                                                 "due secretariat", "overdue secretariat",
                                                 "overdue chairman"}));
  // Each firing is an audit record of the timer; a reminder changes no state.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = 'd-1'"
                  " AND event_type = 'remind' AND request_id LIKE 'timer:%'"),
            4);
  EXPECT_EQ(State("d-1"), "appraisal");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE dossier_id = 'd-1' AND kind = 'appraisal'"
                  " AND status = 'pending'"),
            0);
}

TEST_P(Timers, AMetDeadlineLeavesNoReminderToFire) {
  MakeScheduler("p-1");
  ToAppraisal("d-1");
  clock_.Set(At("2024-02-16T02:00:00Z"));  // Friday 16/2, before the first reminder
  Send("d-1", AppraisePass{"đủ điều kiện"}, Secretariat());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE kind = 'appraisal' AND status = 'pending'"),
            0);
  WalkTo(At("2024-02-27T00:00:00Z"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE kind = 'appraisal' AND status = 'fired'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind IN ('reminder', 'due', 'overdue')"
                  " AND payload LIKE '%\"appraisal\"%'"),
            0);
}

TEST_P(Timers, CutoffExpiresDraftsAndLeavesSubmittedDossiersAlone) {
  clock_.Set(At("2024-07-29T02:00:00Z"));
  MakeScheduler("p-1");
  Create("draft");
  Create("sent");
  Send("sent", Submit{"Hoàn thành xuất sắc nhiệm vụ", kAllDocuments}, Officer());
  Send("sent", UnitApprove{9, 1, 10}, Head());
  const std::string sent_state = State("sent");
  // Cut-off 31/7/2024: the timer is at local midnight after it, 31/7 17:00 UTC.
  WalkTo(At("2024-07-31T16:00:00Z"));
  EXPECT_EQ(State("draft"), "draft");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE event_type = 'cutoff'"), 0);
  WalkTo(At("2024-07-31T18:00:00Z"));
  EXPECT_EQ(State("draft"), "expired");
  EXPECT_EQ(State("sent"), sent_state);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE dossier_id = 'draft'"
                  " AND event_type = 'cutoff'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE status = 'pending' AND kind = 'cutoff'"), 0);
}

TEST_P(Timers, ATimerFiredTwiceAfterItsLeaseExpiredIsRecordedOnce) {
  MakeScheduler("p-2");
  ToAppraisal("d-1");
  clock_.Set(At("2024-02-20T01:00:00Z"));
  // Process p-1 claims the first reminder, applies its event, and dies before marking it fired.
  auto claimed = store_->Claim("p-1", clock_.Now(), std::chrono::seconds(30), 10);
  ASSERT_TRUE(claimed.ok()) << claimed.status().ToString();
  ASSERT_EQ(claimed->size(), 1u);
  const TimerRow timer = claimed->front();
  auto plan = PlanTimer(timer);
  ASSERT_TRUE(plan.ok());
  auto applied = service_->Apply({DossierId("d-1"), plan->command,
                                  Actor{UserId("timer"), Role::kTimer, {}}, "timer:" + timer.key},
                                 clock_.Now());
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  // While the lease runs, nobody else may take it.
  EXPECT_EQ(scheduler_->FireDue().claimed, 0);
  clock_.Advance(std::chrono::seconds(31));
  FireReport report = scheduler_->FireDue();
  EXPECT_EQ(report.claimed, 1);
  EXPECT_EQ(report.fired, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE request_id = 'timer:" + timer.key + "'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE timer_key = '" + timer.key +
                  "' AND status = 'fired' AND attempts = 2"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'timer:" + timer.key + ":%'"),
            1);
  // Firing the done timer again (a stale copy) changes nothing.
  auto again = firer_->Fire(timer, clock_.Now());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE request_id LIKE 'timer:%'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'timer:" + timer.key + ":%'"),
            1);
}

TEST_P(Timers, NextClaimableIsTheEarliestDueTimeOrTheEndOfItsLease) {
  auto none = store_->NextClaimable();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  ToAppraisal("d-1");
  auto next = store_->NextClaimable();
  ASSERT_TRUE(next.ok() && next->has_value()) << next.status().ToString();
  EXPECT_EQ(audit::FormatTimestamp(**next), "2024-02-20T01:00:00Z");
  clock_.Set(At("2024-02-20T01:00:00Z"));
  ASSERT_EQ(store_->Claim("p-1", clock_.Now(), std::chrono::seconds(30), 10)->size(), 1u);
  next = store_->NextClaimable();
  ASSERT_TRUE(next.ok() && next->has_value()) << next.status().ToString();
  EXPECT_EQ(audit::FormatTimestamp(**next), "2024-02-20T01:00:30Z");
}

TEST_P(Timers, TheLoopFiresWhatIsDueOnItsOwnThread) {
  Scheduler& scheduler = MakeScheduler("p-1");
  ToAppraisal("d-1");
  scheduler.Start();
  clock_.Set(At("2024-02-22T02:00:00Z"));  // both reminders are due
  scheduler.Wake();
  const std::string fired =
      "SELECT COUNT(*) FROM timers WHERE kind = 'appraisal' AND status = 'fired'";
  for (int i = 0; i < 500 && Count(fired) < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  scheduler.Stop();
  EXPECT_EQ(Count(fired), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE kind = 'appraisal' AND status = 'pending'"),
            2);  // the due timer and the overdue notice are still ahead
}

TEST_P(Timers, StopReturnsWhileAFiredEventWakesTheSchedulerFromItsOwnThread) {
  // `tdkt serve` wakes the scheduler from the ApplyService observer, which also runs on the
  // scheduler's thread for the events its timers fire. Stop must not wait for that thread while
  // holding what Wake needs.
  Scheduler& scheduler = MakeScheduler("p-1");
  ToAppraisal("d-1");
  std::promise<void> firing;
  std::atomic<bool> signalled{false};
  service_->SetObserver([&](const db::ApplyOutcome&) {
    if (!signalled.exchange(true)) {
      firing.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // Stop begins meanwhile
    }
    scheduler.Wake();
  });
  scheduler.Start();
  clock_.Set(At("2024-02-22T02:00:00Z"));  // both reminders are due
  scheduler.Wake();
  ASSERT_EQ(firing.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  // A hang detector, not a speed measurement. A hung Stop is left behind (detached) so that the
  // failure is reported rather than waited for; the process is then not fit to go on.
  auto done = std::make_shared<std::promise<void>>();
  auto stopped = done->get_future();
  std::thread([&scheduler, done] {
    scheduler.Stop();
    done->set_value();
  }).detach();
  if (stopped.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "Scheduler::Stop hung while the loop's thread woke the scheduler";
    std::_Exit(1);
  }
  service_->SetObserver(nullptr);
  EXPECT_GE(Count("SELECT COUNT(*) FROM timers WHERE kind = 'appraisal' AND status = 'fired'"), 1);
}

TDKT_ON_BOTH_BACKENDS(Timers);

}  // namespace
}  // namespace tdkt::adapters::scheduler
