#include "adapters/scheduler/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <thread>

namespace tdkt::adapters::scheduler {

namespace asio = boost::asio;

struct Scheduler::Loop {
  asio::io_context io;
  asio::steady_timer timer{io};
  std::thread thread;
  bool stopping = false;  // touched only on the loop's thread
};

Scheduler::Scheduler(SchedulerSettings settings, TimerStore& store, TimerFirer& firer,
                     const engine::Clock& clock, std::shared_ptr<spdlog::logger> log)
    : settings_(std::move(settings)),
      store_(store),
      firer_(firer),
      clock_(clock),
      log_(std::move(log)) {}

Scheduler::~Scheduler() { Stop(); }

FireReport Scheduler::FireBatch() {
  FireReport report;
  const engine::Timestamp now = clock_.Now();
  auto claimed = store_.Claim(settings_.owner, now, settings_.lease, settings_.batch_size);
  if (!claimed.ok()) {
    log_->warn("claiming due timers failed: {}", claimed.status().ToString());
    return report;
  }
  report.claimed = static_cast<int>(claimed->size());
  // The batch's timers grouped by dossier, each group in due order (as claimed): groups are fired
  // side by side, a group's timers one after another.
  std::vector<std::vector<const TimerRow*>> groups;
  {
    std::map<std::string, std::size_t> group_of;
    for (const auto& timer : *claimed) {
      auto [it, added] = group_of.try_emplace(timer.dossier, groups.size());
      if (added) groups.emplace_back();
      groups[it->second].push_back(&timer);
    }
  }
  std::vector<engine::Result<TimerOutcome>> outcomes(claimed->size(),
                                                     engine::Status::Unavailable("not fired"));
  std::atomic<std::size_t> next_group{0};
  auto fire_groups = [&] {
    for (std::size_t g = next_group++; g < groups.size(); g = next_group++) {
      for (const TimerRow* timer : groups[g]) {
        outcomes[static_cast<std::size_t>(timer - claimed->data())] =
            firer_.Apply(*timer, clock_.Now());
      }
    }
  };
  const std::size_t threads =
      std::min(groups.size(), static_cast<std::size_t>(std::max(1, settings_.fire_threads)));
  if (threads <= 1) {
    fire_groups();
  } else {
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t) workers.emplace_back(fire_groups);
    for (auto& w : workers) w.join();
  }
  // The fired and skipped are marked done together, in one transaction.
  std::vector<std::pair<std::int64_t, TimerOutcome>> done;
  for (std::size_t i = 0; i < claimed->size(); ++i) {
    if (outcomes[i].ok()) done.emplace_back((*claimed)[i].id, *outcomes[i]);
  }
  engine::Status marked = store_.MarkDone(done, clock_.Now());
  if (!marked.ok()) {
    log_->warn(
        "marking {} fired timers done failed (fired again after their lease, answered "
        "from their request ids): {}",
        done.size(), marked.ToString());
  }
  for (std::size_t i = 0; i < claimed->size(); ++i) {
    const TimerRow& timer = (*claimed)[i];
    const auto& outcome = outcomes[i];
    if (!outcome.ok() || !marked.ok()) {
      ++report.failed;
      log_->warn("timer {} of dossier {} not fired (retried after its lease): {}", timer.key,
                 timer.dossier, outcome.ok() ? marked.ToString() : outcome.status().ToString());
    } else if (*outcome == TimerOutcome::kFired) {
      ++report.fired;
      log_->debug("timer {} of dossier {} fired", timer.key, timer.dossier);
    } else {
      ++report.skipped;
      log_->info("timer {} of dossier {} skipped: the dossier refused its event", timer.key,
                 timer.dossier);
    }
  }
  return report;
}

FireReport Scheduler::FireDue() {
  FireReport total;
  for (;;) {
    FireReport batch = FireBatch();
    total.claimed += batch.claimed;
    total.fired += batch.fired;
    total.skipped += batch.skipped;
    total.failed += batch.failed;
    // A short batch means nothing more is claimable now; a batch of failures must not spin.
    if (batch.claimed < settings_.batch_size || batch.failed == batch.claimed) return total;
  }
}

void Scheduler::Round(Loop& loop) {
  if (loop.stopping) return;
  const std::chrono::milliseconds poll = settings_.poll_interval;
  FireReport report = FireBatch();
  std::chrono::milliseconds delay = poll;
  if (report.claimed == settings_.batch_size && report.failed < report.claimed) {
    delay = std::chrono::milliseconds(0);  // more may be due: go on at once
  } else {
    auto next = store_.NextClaimable();
    if (!next.ok()) {
      log_->warn("reading the next due timer failed: {}", next.status().ToString());
    } else if (next->has_value()) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**next - clock_.Now());
      // A due timer that just failed, or that another process holds, is not looked at again at
      // once: that would spin.
      const std::chrono::milliseconds floor(report.failed > 0 ? 1000 : 0);
      delay = std::min(std::max(until, floor), poll);
    }
  }
  loop.timer.expires_after(delay);
  // Woken early (cancelled) or on time: either way look again, unless stopping.
  loop.timer.async_wait([this, &loop](const boost::system::error_code&) { Round(loop); });
}

void Scheduler::Start() {
  std::lock_guard lock(mutex_);
  if (loop_) return;
  loop_ = std::make_unique<Loop>();
  Loop& loop = *loop_;
  asio::post(loop.io, [this, &loop] { Round(loop); });
  loop.thread = std::thread([&loop] { loop.io.run(); });
  log_->info("scheduler {} started (batch {}, lease {} s, poll {} ms)", settings_.owner,
             settings_.batch_size, settings_.lease.count(), settings_.poll_interval.count());
}

void Scheduler::Wake() {
  std::lock_guard lock(mutex_);
  if (!loop_) return;
  Loop& loop = *loop_;
  asio::post(loop.io, [&loop] { loop.timer.cancel(); });
}

void Scheduler::Stop() {
  // The loop is taken out under the lock and joined outside it: the loop's own thread may call
  // Wake() (an event it fires tells the ApplyService observer, which wakes the scheduler).
  std::unique_ptr<Loop> stopping;
  {
    std::lock_guard lock(mutex_);
    if (!loop_) return;
    stopping = std::move(loop_);
    Loop& loop = *stopping;
    asio::post(loop.io, [&loop] {
      loop.stopping = true;
      loop.timer.cancel();
    });
  }
  stopping->thread.join();
  stopping.reset();
  log_->info("scheduler {} stopped", settings_.owner);
}

}  // namespace tdkt::adapters::scheduler
