#include "engine/rule_pack.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace tdkt::engine {
namespace {

constexpr std::array<std::pair<Level, std::string_view>, 3> kLevels = {{
    {Level::kCommune, "commune"},
    {Level::kDistrict, "district"},
    {Level::kProvince, "province"},
}};

constexpr std::array<std::pair<ThresholdRule, std::string_view>, 2> kThresholdRules = {{
    {ThresholdRule::kMajorityOfPresent, "majority_of_present"},
    {ThresholdRule::kShareOfAllMembers, "share_of_members"},
}};

Status Invalid(const RulePack& pack, const std::string& what) {
  return Status::InvalidArgument("rule pack '" + pack.id.value() + "': " + what);
}

}  // namespace

std::string_view LevelName(Level level) {
  for (const auto& [value, name] : kLevels) {
    if (value == level) return name;
  }
  return {};
}

std::optional<Level> ParseLevel(std::string_view name) {
  for (const auto& [value, row_name] : kLevels) {
    if (row_name == name) return value;
  }
  return std::nullopt;
}

std::string_view AwardCategoryName(AwardCategory category) {
  return category == AwardCategory::kTitle ? "title" : "commendation";
}

std::optional<AwardCategory> ParseAwardCategory(std::string_view name) {
  if (name == "title") return AwardCategory::kTitle;
  if (name == "commendation") return AwardCategory::kCommendation;
  return std::nullopt;
}

std::string_view ThresholdRuleName(ThresholdRule rule) {
  for (const auto& [value, name] : kThresholdRules) {
    if (value == rule) return name;
  }
  return {};
}

std::optional<ThresholdRule> ParseThresholdRule(std::string_view name) {
  for (const auto& [value, row_name] : kThresholdRules) {
    if (row_name == name) return value;
  }
  return std::nullopt;
}

const AwardRule* RulePack::FindAward(const AwardId& id) const {
  for (const AwardRule& award : awards) {
    if (award.id == id) return &award;
  }
  return nullptr;
}

const ProcedureRule* RulePack::FindProcedure(Procedure procedure) const {
  for (const ProcedureRule& rule : procedures) {
    if (rule.procedure == procedure) return &rule;
  }
  return nullptr;
}

std::vector<DocumentKind> RulePack::RequiredDocuments(const AwardRule& award,
                                                      Procedure procedure) const {
  const ProcedureRule* rule = FindProcedure(procedure);
  const bool applies =
      rule != nullptr &&
      (!rule->applies_to || std::find(rule->applies_to->begin(), rule->applies_to->end(),
                                      award.category) != rule->applies_to->end());
  if (applies && rule->required_documents) {
    // A procedure lightens the list but never asks for what the award does not.
    std::vector<DocumentKind> documents;
    for (DocumentKind kind : *rule->required_documents) {
      if (std::find(award.required_documents.begin(), award.required_documents.end(), kind) !=
          award.required_documents.end()) {
        documents.push_back(kind);
      }
    }
    return documents;
  }
  return award.required_documents;
}

int RulePack::AppraisalWorkingDays(const AwardRule& award, Procedure procedure) const {
  const ProcedureRule* rule = FindProcedure(procedure);
  if (rule != nullptr && rule->appraisal_working_days) {
    return std::min(*rule->appraisal_working_days, award.appraisal_working_days);
  }
  return award.appraisal_working_days;
}

Status ValidateRulePack(const RulePack& pack) {
  if (pack.id.empty()) return Status::InvalidArgument("rule pack: id is empty");
  if (pack.name.empty()) return Invalid(pack, "name is empty");
  if (pack.province.empty()) return Invalid(pack, "province is empty");
  if (pack.escalation_target == Level::kCommune) {
    return Invalid(pack, "escalation_target must be a level above the commune");
  }
  if (pack.quorum.numerator <= 0 || pack.quorum.denominator <= 0 ||
      pack.quorum.numerator > pack.quorum.denominator) {
    return Invalid(pack, "quorum must be a fraction in (0, 1], e.g. 2/3");
  }
  if (pack.deadlines.supplement <= 0 || pack.deadlines.chairman_decision <= 0 ||
      pack.deadlines.higher_level <= 0) {
    return Invalid(pack, "stage deadlines must be positive working days");
  }
  for (int offset : pack.remind_before_working_days) {
    if (offset <= 0) return Invalid(pack, "reminder offsets must be positive working days");
  }
  if (pack.awards.empty()) return Invalid(pack, "the award catalogue is empty");
  std::set<AwardId> seen;
  for (const AwardRule& award : pack.awards) {
    const std::string where = "award '" + award.id.value() + "': ";
    if (award.id.empty()) return Invalid(pack, "an award has an empty id");
    if (!seen.insert(award.id).second) return Invalid(pack, where + "duplicate id");
    if (award.name.empty()) return Invalid(pack, where + "name is empty");
    if (award.nominee_kinds.empty()) return Invalid(pack, where + "no nominee kinds");
    if (award.required_documents.empty()) return Invalid(pack, where + "no required documents");
    if (award.appraisal_working_days <= 0) {
      return Invalid(pack, where + "appraisal_working_days must be positive");
    }
    if (award.threshold.rule == ThresholdRule::kShareOfAllMembers &&
        (award.threshold.percent <= 0 || award.threshold.percent > 100)) {
      return Invalid(pack, where + "threshold percent must be in 1..100");
    }
    for (NomineeKind kind : award.nominee_kinds) {
      const std::string of_kind = where + "prize for " + std::string(NomineeKindName(kind)) + ": ";
      const PrizeRule* prize = award.PrizeFor(kind);
      if (prize == nullptr) return Invalid(pack, of_kind + "missing (nothing is assumed)");
      if (prize->basis.empty()) return Invalid(pack, of_kind + "the legal basis is empty");
    }
    for (const PrizeRule& prize : award.prizes) {
      if (std::find(award.nominee_kinds.begin(), award.nominee_kinds.end(), prize.kind) ==
          award.nominee_kinds.end()) {
        return Invalid(pack, where + "a prize for " + std::string(NomineeKindName(prize.kind)) +
                                 ", which the award does not admit");
      }
      if (std::count_if(award.prizes.begin(), award.prizes.end(),
                        [&](const PrizeRule& p) { return p.kind == prize.kind; }) > 1) {
        return Invalid(pack, where + "two prizes for " + std::string(NomineeKindName(prize.kind)));
      }
    }
    if (award.deciding_level != Level::kCommune && award.deciding_level != pack.escalation_target &&
        !(pack.escalation_target == Level::kDistrict && award.deciding_level == Level::kProvince)) {
      return Invalid(pack, where + "deciding level " +
                               std::string(LevelName(award.deciding_level)) +
                               " is not reachable from escalation target " +
                               std::string(LevelName(pack.escalation_target)));
    }
  }
  for (Procedure procedure : {Procedure::kCampaign, Procedure::kAdHoc, Procedure::kSimplified}) {
    const ProcedureRule* rule = pack.FindProcedure(procedure);
    if (rule == nullptr) {
      return Invalid(pack, "procedure '" + std::string(ProcedureName(procedure)) + "' is missing");
    }
    if (rule->appraisal_working_days && *rule->appraisal_working_days <= 0) {
      return Invalid(pack, "procedure '" + std::string(ProcedureName(procedure)) +
                               "': appraisal_working_days must be positive");
    }
  }
  if (pack.takes_over) {
    if (pack.takes_over->from.empty()) return Invalid(pack, "takes_over.from is empty");
    if (pack.takes_over->from == pack.id)
      return Invalid(pack, "takes_over.from is the pack itself");
    if (pack.takes_over->legal_basis.empty())
      return Invalid(pack, "takes_over.legal_basis is empty");
    for (const EndedAward& ended : pack.takes_over->ended) {
      if (ended.reason.empty()) {
        return Invalid(pack, "takes_over.ended '" + ended.award.value() + "': reason is empty");
      }
    }
  }
  return Status::Ok();
}

Result<RulePackRegistry> RulePackRegistry::Create(std::vector<RulePack> packs) {
  std::set<RulePackId> ids;
  std::set<std::chrono::sys_days> dates;
  for (const RulePack& pack : packs) {
    if (Status status = ValidateRulePack(pack); !status.ok()) return status;
    if (!ids.insert(pack.id).second) {
      return Status::InvalidArgument("rule pack '" + pack.id.value() + "' is given twice");
    }
    if (!dates.insert(pack.effective_from).second) {
      return Status::InvalidArgument("rule pack '" + pack.id.value() +
                                     "' shares its effective date with another pack");
    }
  }
  std::sort(packs.begin(), packs.end(), [](const RulePack& a, const RulePack& b) {
    return a.effective_from < b.effective_from;
  });
  for (const RulePack& pack : packs) {
    if (!pack.takes_over) continue;
    const Takeover& takeover = *pack.takes_over;
    const auto from = std::find_if(packs.begin(), packs.end(), [&](const RulePack& candidate) {
      return candidate.id == takeover.from;
    });
    if (from == packs.end() || from->effective_from >= pack.effective_from) {
      return Invalid(pack, "takes_over.from: '" + takeover.from.value() +
                               "' is not an earlier pack of the registry");
    }
    for (const AwardRule& award : from->awards) {
      const bool ended = takeover.EndedFor(award.id) != nullptr;
      const bool kept = pack.FindAward(award.id) != nullptr;
      if (ended == kept) {
        return Invalid(pack, "takes_over: award '" + award.id.value() + "' of '" +
                                 takeover.from.value() +
                                 (ended ? "' is both ended and kept"
                                        : "' is neither kept (same id here) nor ended"));
      }
    }
    for (const EndedAward& ended : takeover.ended) {
      if (from->FindAward(ended.award) == nullptr) {
        return Invalid(pack, "takes_over.ended: '" + ended.award.value() + "' is no award of '" +
                                 takeover.from.value() + "'");
      }
    }
  }
  RulePackRegistry registry;
  registry.packs_ = std::move(packs);
  return registry;
}

const EndedAward* Takeover::EndedFor(const AwardId& award) const {
  for (const EndedAward& entry : ended) {
    if (entry.award == award) return &entry;
  }
  return nullptr;
}

const PrizeRule* AwardRule::PrizeFor(NomineeKind kind) const {
  for (const PrizeRule& prize : prizes) {
    if (prize.kind == kind) return &prize;
  }
  return nullptr;
}

Result<const RulePack*> RulePackRegistry::InForce(std::chrono::sys_days day) const {
  const RulePack* found = nullptr;
  for (const RulePack& pack : packs_) {
    if (pack.effective_from <= day) found = &pack;
  }
  if (found == nullptr) return Status::NotFound("no rule pack is in force on that day");
  return found;
}

Result<const RulePack*> RulePackRegistry::Find(const RulePackId& id) const {
  for (const RulePack& pack : packs_) {
    if (pack.id == id) return &pack;
  }
  return Status::NotFound("no rule pack '" + id.value() + "'");
}

}  // namespace tdkt::engine
