#pragma once
// Identifiers that must not be mixed up, each its own type.
//
// An id is an opaque, non-empty string chosen by whoever creates the thing (the store, the rule
// pack, the campaign plan). Plain values: copyable and safe to share between threads.

#include <compare>
#include <string>
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

using DossierId = StrongId<struct DossierIdTag>;
using UnitId = StrongId<struct UnitIdTag>;
using CampaignId = StrongId<struct CampaignIdTag>;
using NomineeId = StrongId<struct NomineeIdTag>;
using AwardId = StrongId<struct AwardIdTag>;
using RulePackId = StrongId<struct RulePackIdTag>;
using UserId = StrongId<struct UserIdTag>;
using CouncilSessionId = StrongId<struct CouncilSessionIdTag>;

}  // namespace tdkt::engine
