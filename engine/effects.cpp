#include "engine/effects.hpp"

#include <array>
#include <utility>

namespace tdkt::engine {
namespace {

constexpr std::array<std::pair<DeadlineKind, std::string_view>, 5> kDeadlineKinds = {{
    {DeadlineKind::kSupplement, "supplement"},
    {DeadlineKind::kAppraisal, "appraisal"},
    {DeadlineKind::kPublicNotice, "public_notice"},
    {DeadlineKind::kChairmanDecision, "chairman_decision"},
    {DeadlineKind::kHigherLevel, "higher_level"},
}};

}  // namespace

std::string_view DeadlineKindName(DeadlineKind kind) {
  for (const auto& [value, name] : kDeadlineKinds) {
    if (value == kind) return name;
  }
  return {};
}

std::optional<DeadlineKind> ParseDeadlineKind(std::string_view name) {
  for (const auto& [value, row_name] : kDeadlineKinds) {
    if (row_name == name) return value;
  }
  return std::nullopt;
}

std::string_view NumberSeriesSymbol(NumberSeries series) {
  switch (series) {
    case NumberSeries::kDecision: return "QĐ-UBND";
    case NumberSeries::kSubmission: return "TTr-UBND";
    case NumberSeries::kCouncilMinutes: return "BB-HĐTĐKT";
  }
  return {};
}

}  // namespace tdkt::engine
