#pragma once
// Rule packs: the award catalogue, who decides what, council quorum and thresholds, required
// documents, procedures and deadlines of one province from one effective date (DOMAIN.md, "Rules
// are data, and they change").
//
// Plain structs filled by adapters/config/rule_pack_loader; the core only reads them. A dossier is
// judged by the pack in force on the day it was submitted and keeps it (RulePackRegistry). Values
// and a const registry are safe to share between threads.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain.hpp"
#include "engine/ids.hpp"
#include "engine/prize.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// The level of government that decides an award.
enum class Level { kCommune, kDistrict, kProvince };
std::string_view LevelName(Level level);  // "commune", "district", "province"
std::optional<Level> ParseLevel(std::string_view name);

// How a council vote passes.
enum class ThresholdRule {
  kMajorityOfPresent,  // yes > half of the members present
  kShareOfAllMembers,  // yes >= percent of all members (absentees vote in writing)
};
std::string_view ThresholdRuleName(
    ThresholdRule rule);  // "majority_of_present", "share_of_members"
std::optional<ThresholdRule> ParseThresholdRule(std::string_view name);

struct CouncilThreshold {
  ThresholdRule rule = ThresholdRule::kMajorityOfPresent;
  int percent = 0;  // only for kShareOfAllMembers, 1..100
};

// A session may vote when present * denominator >= members * numerator (2/3 is common).
struct Quorum {
  int numerator = 2;
  int denominator = 3;
};

// A danh hiệu thi đua (title: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Gia đình văn hóa, …) or
// a hình thức khen thưởng (commendation: Giấy khen, Bằng khen). The simplified procedure (Luật Thi
// đua, khen thưởng 2022, Điều 85) is for commendations only.
enum class AwardCategory { kTitle, kCommendation };
std::string_view AwardCategoryName(AwardCategory category);  // "title", "commendation"
std::optional<AwardCategory> ParseAwardCategory(std::string_view name);

struct AwardRule {
  AwardId id;
  std::string name;  // Vietnamese, as printed: "Chiến sĩ thi đua cơ sở"
  std::vector<NomineeKind> nominee_kinds;
  Level deciding_level = Level::kCommune;
  std::vector<DocumentKind> required_documents;
  CouncilThreshold threshold;
  int appraisal_working_days = 10;
  // The prize for each nominee kind the award admits (engine/prize.hpp), with its article.
  std::vector<PrizeRule> prizes;
  AwardCategory category = AwardCategory::kTitle;

  // nullptr when the award sets no prize rule for `kind`.
  const PrizeRule* PrizeFor(NomineeKind kind) const;
};

// How a procedure differs from the award's defaults. Unset fields keep the award's values.
struct ProcedureRule {
  Procedure procedure = Procedure::kCampaign;
  std::string name;  // Vietnamese: "Theo phong trào thi đua"
  std::optional<std::vector<DocumentKind>> required_documents;  // replaces the award's list
  std::optional<int> appraisal_working_days;                    // replaces the award's
  // The awards whose documents the procedure lightens; absent: every award. For the others the
  // award's own list holds (a procedure never drops a document the law still requires).
  std::optional<std::vector<AwardCategory>> applies_to = std::nullopt;
};

// Working days each stage may take, besides appraisal (which is per award).
struct StageDeadlines {
  int supplement = 5;
  int chairman_decision = 5;
  int higher_level = 20;
};

// An award of the pack taken over that has no successor (Giấy khen của Chủ tịch UBND huyện once
// the district level is gone): dossiers for it end by transfer with this reason.
struct EndedAward {
  AwardId award;
  std::string reason;  // Vietnamese, as recorded on the dossier and printed
};

// How a pack takes over the dossiers in flight under the pack before it when the authorities of
// that pack ceased (DOMAIN.md, "Administrative units change"). An award of `from` that this pack
// also has keeps its id and is decided as this pack says; one listed in `ended` ends.
struct Takeover {
  RulePackId from;
  std::string legal_basis;  // recorded on each transfer ("Nghị quyết 190/2025/QH15, Điều 5; ...")
  std::vector<EndedAward> ended;

  // nullptr when `award` continues.
  const EndedAward* EndedFor(const AwardId& award) const;
};

struct RulePack {
  RulePackId id;
  std::string name;  // "Thanh Hóa 2024"
  std::string province;
  std::chrono::sys_days effective_from{};
  Level escalation_target = Level::kDistrict;
  Quorum quorum;
  StageDeadlines deadlines;
  std::vector<int> remind_before_working_days;  // e.g. {3, 1}
  std::vector<AwardRule> awards;
  std::vector<ProcedureRule> procedures;
  // Set when this pack takes over the dossiers of the one before (a reorganisation).
  std::optional<Takeover> takes_over;

  // Whether this pack takes over the dossiers decided under `pack` (takes_over names it).
  bool TakesOverFrom(const RulePackId& pack) const {
    return takes_over && takes_over->from == pack;
  }
  // nullptr when the pack has no such award / procedure.
  const AwardRule* FindAward(const AwardId& id) const;
  const ProcedureRule* FindProcedure(Procedure procedure) const;
  // The award's required documents under `procedure`: the procedure's list when it sets one and
  // applies to the award's category, the award's own otherwise.
  std::vector<DocumentKind> RequiredDocuments(const AwardRule& award, Procedure procedure) const;
  int AppraisalWorkingDays(const AwardRule& award, Procedure procedure) const;
};

// Checks what the types cannot: non-empty ids and names, unique award ids, percentages in range,
// a sane quorum, positive deadlines, the three procedures present, an escalation target above the
// commune. The message names the pack and the offending award or field.
Status ValidateRulePack(const RulePack& pack);

// Several packs of one province, each in force from its effective date until the next one's.
class RulePackRegistry {
 public:
  RulePackRegistry() = default;
  // Requires packs that ValidateRulePack accepts, with distinct ids and effective dates; a pack's
  // `takes_over` names an earlier pack and accounts for each of its awards (kept or ended).
  static Result<RulePackRegistry> Create(std::vector<RulePack> packs);

  // The pack in force on `day` (a local date), or kNotFound before the first effective date.
  Result<const RulePack*> InForce(std::chrono::sys_days day) const;
  // The pack a dossier keeps, by id; kNotFound if unknown.
  Result<const RulePack*> Find(const RulePackId& id) const;
  const std::vector<RulePack>& packs() const { return packs_; }

 private:
  std::vector<RulePack> packs_;  // sorted by effective_from
};

}  // namespace tdkt::engine
