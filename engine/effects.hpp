#pragma once
// Effects: what an accepted event asks the world to do. Decide returns them; the store carries
// them out in the same transaction that saves the dossier.
//
// Deadlines are symbolic (working days counted from `from`, or a fixed date); the working-day
// calendar turns them into instants. Plain values; safe to share between threads.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/commands.hpp"
#include "engine/domain.hpp"
#include "engine/ids.hpp"
#include "engine/lifecycle_names.hpp"
#include "engine/ports/clock.hpp"

namespace tdkt::engine {

// Exactly one per accepted event. Carries the command so that replaying the log from `draft`
// rebuilds the dossier.
struct AppendAudit {
  EventType event = EventType::kSubmit;
  State from = State::kDraft;
  State to = State::kDraft;
  UserId actor;
  Role role = Role::kUnitOfficer;
  Timestamp at{};
  std::string summary;  // one line a person can read
  Command command;
};

// The stage clocks of the lifecycle, one per state that waits on someone.
enum class DeadlineKind { kSupplement, kAppraisal, kPublicNotice, kChairmanDecision, kHigherLevel };
std::string_view DeadlineKindName(DeadlineKind kind);  // "supplement", "appraisal", ...
std::optional<DeadlineKind> ParseDeadlineKind(std::string_view name);

struct ScheduleDeadline {
  DeadlineKind kind = DeadlineKind::kAppraisal;
  Timestamp from{};                            // counting starts here
  std::optional<int> working_days;             // either this ...
  std::optional<std::chrono::sys_days> fixed;  // ... or a calendar date
  // Reminders before the deadline (and on its day, and once overdue) fire `remind` events; who is
  // told is decided then, by Decide, from the state the dossier is in.
  std::vector<int> remind_before_working_days;
};

struct CancelDeadline {
  DeadlineKind kind = DeadlineKind::kAppraisal;
};

struct Notify {
  Role role = Role::kSecretariat;
  std::optional<UnitId> unit;  // for unit-scoped roles
  std::string template_id;     // "dossier_entered_appraisal", "reminder", "due", "overdue", ...
  // A reminder's notice carries the deadline it is about (kind, due time, working days left).
  std::optional<Remind> reminder;
};

// Official document number series (DOMAIN.md, "Documents and numbers").
enum class NumberSeries { kDecision, kSubmission, kCouncilMinutes };
std::string_view NumberSeriesSymbol(NumberSeries series);  // "QĐ-UBND", "TTr-UBND", "BB-HĐTĐKT"

struct AssignNumber {
  NumberSeries series = NumberSeries::kDecision;
  // Dossiers sharing a scope share one number (one council session has one set of minutes).
  std::optional<std::string> scope;
};

using Effect = std::variant<AppendAudit, ScheduleDeadline, CancelDeadline, Notify, AssignNumber>;

}  // namespace tdkt::engine
