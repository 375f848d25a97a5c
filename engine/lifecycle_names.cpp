#include "engine/lifecycle_names.hpp"

#include <utility>

namespace tdkt::engine {
namespace {

struct StateRow {
  State state;
  std::string_view name;
  std::string_view label;
};

// DOMAIN.md, "The dossier lifecycle", the states table.
constexpr std::array<StateRow, kAllStates.size()> kStateRows = {{
    {State::kDraft, "draft", "Dự thảo"},
    {State::kUnitReview, "unit_review", "Đơn vị bình xét"},
    {State::kIntake, "intake", "Tiếp nhận"},
    {State::kAwaitingSupplement, "awaiting_supplement", "Chờ bổ sung"},
    {State::kAppraisal, "appraisal", "Thẩm định"},
    {State::kCouncilReview, "council_review", "Hội đồng xét"},
    {State::kPublicNotice, "public_notice", "Công khai"},
    {State::kChairmanDecision, "chairman_decision", "Chờ Chủ tịch quyết định"},
    {State::kEscalated, "escalated", "Đã trình cấp trên"},
    {State::kApproved, "approved", "Đã khen thưởng"},
    {State::kRejected, "rejected", "Không đạt"},
    {State::kWithdrawn, "withdrawn", "Đã rút"},
    {State::kExpired, "expired", "Quá hạn"},
    {State::kOnHold, "on_hold", "Tạm hoãn"},
    {State::kRevoked, "revoked", "Đã thu hồi"},
    // Ended by a transfer: the award has no successor after a reorganisation (DOMAIN.md,
    // "Administrative units change"); the reason is the successor pack's.
    {State::kDiscontinued, "discontinued", "Dừng xét (hình thức khen thưởng không còn)"},
}};

constexpr std::array<std::pair<EventType, std::string_view>, kAllEventTypes.size()> kEventRows = {{
    {EventType::kSubmit, "submit"},
    {EventType::kUnitReturn, "unit_return"},
    {EventType::kUnitApprove, "unit_approve"},
    {EventType::kUnitReject, "unit_reject"},
    {EventType::kRequestSupplement, "request_supplement"},
    {EventType::kSupplement, "supplement"},
    {EventType::kAccept, "accept"},
    {EventType::kAppraisePass, "appraise_pass"},
    {EventType::kAppraiseFail, "appraise_fail"},
    {EventType::kCouncilVote, "council_vote"},
    {EventType::kObjection, "objection"},
    {EventType::kNoticeEnded, "notice_ended"},
    {EventType::kApprove, "approve"},
    {EventType::kEscalate, "escalate"},
    {EventType::kReject, "reject"},
    {EventType::kHigherDecision, "higher_decision"},
    {EventType::kWithdraw, "withdraw"},
    {EventType::kHold, "hold"},
    {EventType::kResume, "resume"},
    {EventType::kRevoke, "revoke"},
    {EventType::kCutoff, "cutoff"},
    {EventType::kRemind, "remind"},
    {EventType::kTransfer, "transfer"},
}};

// The enums are dense and the tables are in enum order; checked here once.
constexpr bool TablesInEnumOrder() {
  for (std::size_t i = 0; i < kStateRows.size(); ++i) {
    if (static_cast<std::size_t>(kStateRows[i].state) != i) return false;
  }
  for (std::size_t i = 0; i < kEventRows.size(); ++i) {
    if (static_cast<std::size_t>(kEventRows[i].first) != i) return false;
  }
  return true;
}
static_assert(TablesInEnumOrder());

}  // namespace

std::string_view StateName(State state) { return kStateRows[static_cast<std::size_t>(state)].name; }

std::string_view StateLabel(State state) {
  return kStateRows[static_cast<std::size_t>(state)].label;
}

std::optional<State> ParseState(std::string_view name) {
  for (const StateRow& row : kStateRows) {
    if (row.name == name) return row.state;
  }
  return std::nullopt;
}

std::string_view EventName(EventType type) {
  return kEventRows[static_cast<std::size_t>(type)].second;
}

std::optional<EventType> ParseEventType(std::string_view name) {
  for (const auto& [type, event_name] : kEventRows) {
    if (event_name == name) return type;
  }
  return std::nullopt;
}

bool IsTerminal(State state) {
  switch (state) {
    case State::kApproved:
    case State::kRejected:
    case State::kWithdrawn:
    case State::kExpired:
    case State::kRevoked:
    case State::kDiscontinued: return true;
    default: return false;
  }
}

std::string_view ReminderKindName(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kBefore: return "before";
    case ReminderKind::kDue: return "due";
    case ReminderKind::kOverdue: return "overdue";
  }
  return "before";
}

std::optional<ReminderKind> ParseReminderKind(std::string_view name) {
  for (ReminderKind kind : {ReminderKind::kBefore, ReminderKind::kDue, ReminderKind::kOverdue}) {
    if (ReminderKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace tdkt::engine
