#pragma once
// Rounds (DOMAIN.md, "Rounds"): a decision (Quyết định khen thưởng) or a submission (Tờ trình)
// that lists many dossiers. The secretariat drafts it and adds or removes dossiers; the Chairman
// signs it, and signing approves (or escalates) every listed dossier at once under one number; the
// higher level's answer to a submission decides each of its dossiers, some yes and some no.
//
// The rules of a round are here; the store (adapters/db/round_service) loads what they need and
// applies each dossier's approve / escalate / higher_decision through the lifecycle (Decide), all
// in one transaction. Plain values and pure functions; safe from any thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/authorization.hpp"
#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/ids.hpp"
#include "engine/prize.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

enum class RoundKind {
  kDecision,    // Quyết định khen thưởng: approves its list (commune authority)
  kSubmission,  // Tờ trình đề nghị khen thưởng: carries its list to the higher level
};
std::string_view RoundKindName(RoundKind kind);  // "decision", "submission"
std::string_view RoundKindLabel(RoundKind kind);  // "Quyết định khen thưởng", "Tờ trình …"
std::optional<RoundKind> ParseRoundKind(std::string_view name);

enum class RoundStatus { kDraft, kSigned };
std::string_view RoundStatusName(RoundStatus status);  // "draft", "signed"
std::optional<RoundStatus> ParseRoundStatus(std::string_view name);

// The higher level's answer for one dossier of a submission.
struct LineAnswer {
  bool approved = false;
  std::string reason;           // required when not approved
  std::string decision_number;  // the higher level's decision
  std::chrono::sys_days decided_on{};

  friend bool operator==(const LineAnswer&, const LineAnswer&) = default;
};

// One dossier of a round, with what a decision's attached list prints.
struct RoundLine {
  DossierId dossier;
  UnitId unit;
  Nominee nominee;
  AwardId award;
  std::string award_name;
  // Decisions: the prize at the draft's date while a draft, fixed at the signing date.
  std::optional<Prize> prize;
  std::optional<std::int64_t> register_number;  // số sổ vàng, given by signing a decision
  std::optional<LineAnswer> answer;             // submissions: the higher level's answer

  friend bool operator==(const RoundLine&, const RoundLine&) = default;
};

// One decision of the higher level answering a submission.
struct HigherAnswer {
  std::string decision_number;  // "1234/QĐ-UBND"
  std::chrono::sys_days decided_on{};
  UserId recorded_by;

  friend bool operator==(const HigherAnswer&, const HigherAnswer&) = default;
};

struct Round {
  RoundId id;
  RoundKind kind = RoundKind::kDecision;
  CampaignId campaign;
  std::string title;  // the summary line (trích yếu): "V/v khen thưởng …"
  RoundStatus status = RoundStatus::kDraft;
  std::vector<RoundLine> lines;
  UserId drafted_by;
  // Set by signing.
  std::string number;  // "05/QĐ-UBND"
  std::optional<std::chrono::sys_days> signed_on;
  UserId signed_by;
  std::vector<HigherAnswer> answers;  // submissions

  const RoundLine* FindLine(const DossierId& dossier) const;
  // The sum of the lines' prizes (lines without prize money add nothing).
  std::int64_t TotalPrizeVnd() const;

  friend bool operator==(const Round&, const Round&) = default;
};

// What `actor` may read of a round: nothing for the admin (Forbidden, as for dossiers); a
// unit-scoped role sees only its own unit's lines (and their total); others see it whole.
Result<Round> VisibleTo(const Round& round, const Actor& actor);

// Whether a round's awardees are made known to the public (Kế hoạch, mục III.4: the commune makes
// its role models known): a signed decision's are — name, unit, award, the decision's number and
// date, nothing more personal; a draft's or a submission's are not, nor an award since revoked
// (its dossier no longer approved).
bool IsPublished(const Round& round);
bool IsPublishedLine(const Round& round, State dossier_state);

// A new draft: id, campaign and title required (InvalidArgument naming the field); drafted by the
// secretariat (Forbidden otherwise).
Result<Round> NewRound(const RoundId& id, RoundKind kind, const Campaign& campaign,
                       std::string title, const Actor& actor);

// Where a dossier may join a draft (who may add it is AuthorizeOperation(kDraftRound)'s to say):
//   RejectedTransition  the round is signed; the dossier is not in chairman_decision; a decision's
//                       dossier whose award is beyond the commune under its rule pack
//   InvalidArgument     the dossier is of another campaign
//   Conflict            the dossier is already listed here, or in the open draft `open_elsewhere`
// `dossier_pack` is the dossier's rule pack (nullptr for a dossier never submitted, which is in
// no state a round takes).
Status CheckAddLine(const Round& round, const DossierSnapshot& dossier,
                    const RulePack* dossier_pack, const std::optional<RoundId>& open_elsewhere);
// The line a dossier adds (what the list prints; the prize is computed by PrizeOf).
RoundLine LineFor(const DossierSnapshot& dossier, const RulePack& dossier_pack);

// Taking a dossier off a draft: the secretariat or the Chairman, a draft, a listed dossier
// (NotFound otherwise, naming it).
Status CheckRemoveLine(const Round& round, const DossierId& dossier, const Actor& actor);

// Signing: the Chairman, a draft (Conflict "already signed as 05/QĐ-UBND" otherwise), at least one
// dossier. Whether each dossier can still be approved is Decide's to say, dossier by dossier.
Status CheckSign(const Round& round, const Actor& actor);

// The prize of `award` for `kind` decided on `day`: the coefficient of the rule pack in force on
// that day (the decree then in force) times the base salary in force on that day, rounded as
// engine/prize.hpp says. NotFound when no pack or base salary is in force; InvalidArgument when
// the pack has no such award or no prize rule for the kind.
Result<Prize> PrizeOf(const RulePackRegistry& packs, const BaseSalaryTable& salaries,
                      const AwardId& award, NomineeKind kind, std::chrono::sys_days day);

// The higher level's answer for some dossiers of a signed submission: the secretariat; a signed
// submission; a decision number; each dossier listed and not answered before; a reason for each
// refusal. InvalidArgument / NotFound / Conflict naming the field or dossier otherwise.
struct AnswerLine {
  DossierId dossier;
  bool approved = false;
  std::string reason;
};
Status CheckAnswer(const Round& round, const std::string& decision_number,
                   const std::vector<AnswerLine>& lines, const Actor& actor);

}  // namespace tdkt::engine
