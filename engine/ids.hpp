#pragma once
// Identifiers that must not be mixed up, each its own type.
//
// An id is an opaque, non-empty string chosen by whoever creates the thing (the store, the rule
// pack, the campaign plan). Plain values: copyable and safe to share between threads.

#include <algorithm>
#include <compare>
#include <string>
#include <string_view>
#include <utility>

namespace tdkt::engine {

template <typename Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(std::string value) : value_(std::move(value)) {}

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend auto operator<=>(const StrongId&, const StrongId&) = default;
  friend bool operator==(const StrongId&, const StrongId&) = default;

 private:
  std::string value_;
};

// The form of an id a client may choose (dossiers, campaigns, units, council sessions): 1 to 64 of
// [A-Za-z0-9._-], starting with a letter or digit, so that it is safe as a path segment, a header
// value and a file name.
constexpr bool IsValidId(std::string_view id) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (id.empty() || id.size() > 64 || !alnum(id.front())) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

using DossierId = StrongId<struct DossierIdTag>;
using UnitId = StrongId<struct UnitIdTag>;
using CampaignId = StrongId<struct CampaignIdTag>;
using NomineeId = StrongId<struct NomineeIdTag>;
using AwardId = StrongId<struct AwardIdTag>;
using RulePackId = StrongId<struct RulePackIdTag>;
using UserId = StrongId<struct UserIdTag>;
using CouncilSessionId = StrongId<struct CouncilSessionIdTag>;
// A decision (Quyết định khen thưởng) or a submission (Tờ trình) listing many dossiers.
using RoundId = StrongId<struct RoundIdTag>;

}  // namespace tdkt::engine
