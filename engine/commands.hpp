#pragma once
// The lifecycle's events as plain structs carrying their payload (DOMAIN.md, the events table),
// and Command, the variant Decide takes.
//
// The audit log stores these (with the event's stable name) so that replaying it rebuilds every
// dossier. Plain values; safe to share between threads.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/council.hpp"
#include "engine/domain.hpp"
#include "engine/ids.hpp"
#include "engine/lifecycle_names.hpp"

namespace tdkt::engine {

// draft → unit_review. Attaches the documents the unit has prepared.
struct Submit {
  std::string achievement_summary;
  std::vector<DocumentKind> documents;
};
struct UnitReturn {
  std::string reason;
};
// The unit meeting's minutes.
struct UnitApprove {
  int votes_for = 0;
  int votes_against = 0;
  int members = 0;
};
struct UnitReject {
  std::string reason;
};
struct RequestSupplement {
  std::vector<DocumentKind> missing;
  std::string note;
};
struct Supplement {
  std::vector<DocumentKind> documents;
};
struct Accept {};
struct AppraisePass {
  std::string note;
};
struct AppraiseFail {
  std::string reason;
};
// One council session's vote on this dossier. `members` and `present` may be left out: Decide
// takes them from the recorded session (DecideFacts::council_session), and one given must agree
// with it. `ballot` may be left out too: Decide fills it from the award (secret where the
// threshold is a share of all members, show of hands otherwise), and one given must agree. In a
// secret ballot `written_votes` counts the absent members' written votes among yes and no;
// left out, Decide takes the votes beyond those present. The audit record keeps the vote with
// all of them filled in.
struct CouncilVote {
  CouncilSessionId session;
  std::optional<int> members;
  std::optional<int> present;
  int yes = 0;
  int no = 0;
  std::optional<Ballot> ballot = std::nullopt;
  std::optional<int> written_votes = std::nullopt;
};
struct Objection {
  std::string objector;
  std::string reason;
};
struct NoticeEnded {};
// The signed decision (Quyết định khen thưởng) that approves a dossier, as its signing gives it
// to each dossier of its list (DOMAIN.md, "Rounds").
struct DecisionRef {
  RoundId decision;
  std::string number;                     // "05/QĐ-UBND"
  std::chrono::sys_days signed_on{};      // the decision's date
  std::int64_t register_number = 0;       // số sổ vàng
  std::optional<std::int64_t> prize_vnd;  // none: the award carries no prize money

  friend bool operator==(const DecisionRef&, const DecisionRef&) = default;
};
// Approved by the Chairman. Sent for every dossier of a decision when it is signed. Records of
// approvals made before decisions listed dossiers have no `decision`: each reads as a decision of
// one, numbered by the approval itself.
struct Approve {
  std::optional<DecisionRef> decision;
};
// The signed submission (Tờ trình) that carries a dossier to the higher level.
struct SubmissionRef {
  RoundId submission;
  std::string number;                 // "03/TTr-UBND"
  std::chrono::sys_days signed_on{};  // the submission's date

  friend bool operator==(const SubmissionRef&, const SubmissionRef&) = default;
};
// The Chairman may escalate what is beyond the commune, or choose to send anything up. Sent for
// every dossier of a submission when it is signed (older records have no `submission`: each reads
// as a submission of one).
struct Escalate {
  std::string reason;
  std::optional<SubmissionRef> submission;
};
struct Reject {
  std::string reason;
};
// The higher level's answer to the tờ trình.
struct HigherDecision {
  std::string decision_number;  // "1234/QĐ-UBND"
  std::chrono::sys_days decided_on{};
  bool approved = false;
  std::string reason;  // required when not approved
};
struct Withdraw {
  std::string reason;
};
struct Hold {
  std::string reason;
  std::string legal_ground;
};
struct Resume {
  std::string reason;
};
struct Revoke {
  std::string reason;
  std::string legal_ground;
};
struct Cutoff {};
// A deadline reminder (DOMAIN.md, "Reminders"): before the deadline, to whoever must act; on its
// day, to them; once it has passed (overdue), to them and their supervisor.
struct Remind {
  std::string deadline_kind;  // DeadlineKindName of the deadline reminded about
  int working_days_left = 0;  // kBefore: working days left (> 0); kDue, kOverdue: 0
  // Which reminder this is. Absent only in records written before the log kept it (a `due` and an
  // `overdue` reminder of those records cannot be told apart).
  std::optional<ReminderKind> reminder;
  std::string due_at;  // the deadline, RFC 3339 UTC; empty in those older records
};
// Moves a dossier in flight to the authority that succeeds one that ceased (DOMAIN.md,
// "Administrative units change"; Nghị quyết 190/2025/QH15, Điều 5: no resubmission, no completed
// step redone). `to_pack` is the rule pack that now decides the dossier's authority: left out,
// Decide takes the pack in force (DecideFacts::successor); given, it must be that pack. `to_unit`
// is the unit that carries the dossier on when its proposing unit ended (a unit of a merged
// commune: engine/unit_succession): left out, Decide takes DecideFacts::unit_successor; given, it
// must be that unit. The audit record keeps both filled in (to_unit only when the unit moved).
struct Transfer {
  std::string reason;
  std::string legal_ground;
  std::optional<RulePackId> to_pack = std::nullopt;
  std::optional<UnitId> to_unit = std::nullopt;
};

// In EventType order.
using Command =
    std::variant<Submit, UnitReturn, UnitApprove, UnitReject, RequestSupplement, Supplement, Accept,
                 AppraisePass, AppraiseFail, CouncilVote, Objection, NoticeEnded, Approve, Escalate,
                 Reject, HigherDecision, Withdraw, Hold, Resume, Revoke, Cutoff, Remind, Transfer>;

inline EventType TypeOf(const Command& command) { return static_cast<EventType>(command.index()); }
static_assert(std::variant_size_v<Command> == kAllEventTypes.size());

}  // namespace tdkt::engine
