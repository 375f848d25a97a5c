#include "engine/guards.hpp"

#include <algorithm>

namespace tdkt::engine {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;

// The local (UTC+7) date of an instant; Vietnam has no daylight saving.
std::chrono::sys_days LocalDay(Timestamp now) { return floor<days>(now + hours(7)); }

bool Contains(const std::vector<DocumentKind>& documents, DocumentKind kind) {
  return std::find(documents.begin(), documents.end(), kind) != documents.end();
}

}  // namespace

Verdict NomineeKindAllowed::operator()(const RulePack& pack, const AwardId& award,
                                       NomineeKind kind) const {
  const AwardRule* rule = pack.FindAward(award);
  if (rule == nullptr) {
    return Verdict::Fail("award '" + award.value() + "' is not in rule pack '" + pack.id.value() +
                         "'");
  }
  if (std::find(rule->nominee_kinds.begin(), rule->nominee_kinds.end(), kind) ==
      rule->nominee_kinds.end()) {
    return Verdict::Fail("nominee kind not allowed: " + rule->name + " is not awarded to a " +
                         std::string(NomineeKindName(kind)) + " nominee");
  }
  return Verdict::Pass();
}

Verdict AwardAllowedInCampaign::operator()(const Campaign& campaign, const AwardId& award) const {
  if (std::find(campaign.allowed_awards.begin(), campaign.allowed_awards.end(), award) ==
      campaign.allowed_awards.end()) {
    return Verdict::Fail("award not allowed in campaign: campaign '" + campaign.id.value() +
                         "' does not allow the award '" + award.value() + "'");
  }
  return Verdict::Pass();
}

Verdict SubmissionComplete::operator()(const DossierSnapshot& dossier, const Submit& submit) const {
  if (dossier.nominee.id.empty() || dossier.nominee.name.empty()) {
    return Verdict::Fail("submission incomplete: the nominee is missing");
  }
  if (dossier.award.empty()) return Verdict::Fail("submission incomplete: no award form chosen");
  if (submit.achievement_summary.find_first_not_of(" \t\n") == std::string::npos) {
    return Verdict::Fail("submission incomplete: the achievement summary is empty");
  }
  return Verdict::Pass();
}

Verdict BeforeNominationCutoff::operator()(const Campaign& campaign, Timestamp now) const {
  if (LocalDay(now) > campaign.nomination_cutoff) {
    return Verdict::Fail("nominations closed: the campaign's cut-off day has passed");
  }
  return Verdict::Pass();
}

Verdict NominationCutoffPassed::operator()(const Campaign& campaign, Timestamp now) const {
  if (LocalDay(now) <= campaign.nomination_cutoff) {
    return Verdict::Fail("cut-off not reached: nominations are still open");
  }
  return Verdict::Pass();
}

Verdict NoOtherOpenDossier::operator()(const DecideFacts& facts) const {
  if (facts.nominee_other_dossier) {
    return Verdict::Fail("one achievement, one award: the nominee already has dossier '" +
                         facts.nominee_other_dossier->value() +
                         "' open or approved in this campaign");
  }
  return Verdict::Pass();
}

Verdict TextGiven::operator()(std::string_view field, const std::string& text) const {
  if (text.find_first_not_of(" \t\n") == std::string::npos) {
    return Verdict::Fail(std::string(field) + " required");
  }
  return Verdict::Pass();
}

Verdict UnitMeetingPassed::operator()(const UnitApprove& minutes) const {
  if (minutes.members <= 0 || minutes.votes_for < 0 || minutes.votes_against < 0 ||
      minutes.votes_for + minutes.votes_against > minutes.members) {
    return Verdict::Fail("unit minutes inconsistent: " + std::to_string(minutes.votes_for) +
                         " for, " + std::to_string(minutes.votes_against) + " against, " +
                         std::to_string(minutes.members) + " members");
  }
  if (minutes.votes_for * 2 <= minutes.members) {
    return Verdict::Fail("unit meeting did not pass: " + std::to_string(minutes.votes_for) +
                         " of " + std::to_string(minutes.members) + " members voted for");
  }
  return Verdict::Pass();
}

Verdict FirstSupplementRequest::operator()(const DossierSnapshot& dossier,
                                           const RequestSupplement& request) const {
  if (dossier.supplement_requests >= 1) {
    return Verdict::Fail("supplement already requested once: a dossier may be returned only once");
  }
  if (request.missing.empty()) {
    return Verdict::Fail("request_supplement must list the missing documents");
  }
  return Verdict::Pass();
}

Verdict SupplementBringsDocuments::operator()(const Supplement& supplement) const {
  if (supplement.documents.empty()) return Verdict::Fail("supplement brings no document");
  return Verdict::Pass();
}

Verdict RequiredDocumentsAttached::operator()(const RulePack& pack, const AwardRule& award,
                                              Procedure procedure,
                                              const std::vector<DocumentKind>& attached) const {
  std::string missing;
  for (DocumentKind kind : pack.RequiredDocuments(award, procedure)) {
    if (!Contains(attached, kind)) {
      if (!missing.empty()) missing += ", ";
      missing += DocumentKindName(kind);
    }
  }
  if (!missing.empty()) {
    return Verdict::Fail("required documents missing for " + award.name + ": " + missing);
  }
  return Verdict::Pass();
}

Verdict VoteCountsConsistent::operator()(const CouncilVote& vote) const {
  const int members = vote.members.value_or(0);
  const int present = vote.present.value_or(0);
  if (vote.session.empty()) return Verdict::Fail("council_vote must name its session");
  if (!vote.members || !vote.present) {
    return Verdict::Fail(
        "the vote gives no members and present, and no recorded session gives them");
  }
  if (members <= 0 || present < 0 || vote.yes < 0 || vote.no < 0 || present > members ||
      vote.yes + vote.no > members) {
    return Verdict::Fail("vote counts inconsistent: " + std::to_string(members) + " members, " +
                         std::to_string(present) + " present, " + std::to_string(vote.yes) +
                         " yes, " + std::to_string(vote.no) + " no");
  }
  return Verdict::Pass();
}

Verdict VoteMatchesSession::operator()(const DecideFacts& facts, const CouncilVote& vote,
                                       const CampaignId& dossier_campaign) const {
  const int members = vote.members.value_or(0);
  const int present = vote.present.value_or(0);
  if (!facts.council_session) return Verdict::Pass();
  const CouncilSessionFacts& session = *facts.council_session;
  if (!session.recorded) {
    return Verdict::Fail("council session '" + vote.session.value() +
                         "' is not recorded; the secretariat records the session (date, members, "
                         "present) before its votes");
  }
  if (!session.campaign.empty() && session.campaign != dossier_campaign) {
    return Verdict::Fail("council session '" + session.id.value() + "' was held for campaign '" +
                         session.campaign.value() + "', not for this dossier's '" +
                         dossier_campaign.value() + "'");
  }
  if (session.id != vote.session || session.members != members || session.present != present) {
    return Verdict::Fail("vote does not match council session '" + session.id.value() + "' (" +
                         std::to_string(session.members) + " members, " +
                         std::to_string(session.present) + " present): it names '" +
                         vote.session.value() + "' with " + std::to_string(members) + " members, " +
                         std::to_string(present) + " present");
  }
  return Verdict::Pass();
}

Verdict DossierOnAgenda::operator()(const DecideFacts& facts, const DossierId& dossier) const {
  if (!facts.council_session || facts.council_session->agenda.empty()) return Verdict::Pass();
  const CouncilSessionFacts& session = *facts.council_session;
  if (std::find(session.agenda.begin(), session.agenda.end(), dossier) != session.agenda.end()) {
    return Verdict::Pass();
  }
  return Verdict::Fail("dossier " + dossier.value() + " is not on the agenda of council session '" +
                       session.id.value() + "' (" + std::to_string(session.agenda.size()) +
                       (session.agenda.size() == 1 ? " dossier" : " dossiers") +
                       "); a session votes only the dossiers put to it");
}

Ballot BallotFor(const AwardRule& award) {
  return award.threshold.rule == ThresholdRule::kShareOfAllMembers ? Ballot::kSecret
                                                                   : Ballot::kShowOfHands;
}

Verdict BallotWithinEntitled::operator()(const AwardRule& award, const CouncilVote& vote) const {
  const Ballot ballot = BallotFor(award);
  if (vote.ballot && *vote.ballot != ballot) {
    return Verdict::Fail(award.name + " is decided by " +
                         (ballot == Ballot::kSecret ? "secret ballot of all members"
                                                    : "show of hands of the members present") +
                         "; the vote says ballot \"" + std::string(BallotName(*vote.ballot)) +
                         "\"");
  }
  const int members = vote.members.value_or(0);
  const int present = vote.present.value_or(0);
  const int votes = vote.yes + vote.no;
  const bool written_votes_count = ballot == Ballot::kSecret;
  const int entitled = written_votes_count ? members : present;
  if (votes > entitled) {
    return Verdict::Fail(
        "ballot counts " + std::to_string(votes) + " votes but only " + std::to_string(entitled) +
        (written_votes_count ? " members may vote (all members, absent ones in writing)"
                             : " members present may vote"));
  }
  // Not stated: the votes beyond those present were cast in writing (as Decide records them).
  const int written =
      vote.written_votes.value_or(written_votes_count ? std::max(0, votes - present) : 0);
  if (!written_votes_count && written > 0) {
    return Verdict::Fail("a show of hands has no written votes (" + std::to_string(written) +
                         " given): only a secret ballot of all members counts absent members' "
                         "votes in writing");
  }
  if (written > members - present) {
    return Verdict::Fail("ballot counts " + std::to_string(written) + " written votes but only " +
                         std::to_string(members - present) +
                         " members were absent (written votes come from absent members)");
  }
  if (votes > present + written) {
    return Verdict::Fail("ballot counts " + std::to_string(votes) + " votes but only " +
                         std::to_string(present) + " members present and " +
                         std::to_string(written) + " written votes");
  }
  return Verdict::Pass();
}

Verdict CouncilQuorumMet::operator()(const Quorum& quorum, const CouncilVote& vote) const {
  const int members = vote.members.value_or(0);
  const int present = vote.present.value_or(0);
  if (static_cast<long>(present) * quorum.denominator <
      static_cast<long>(members) * quorum.numerator) {
    return Verdict::Fail("quorum not met: " + std::to_string(present) + " of " +
                         std::to_string(members) + " members present, " +
                         std::to_string(quorum.numerator) + "/" +
                         std::to_string(quorum.denominator) + " required");
  }
  return Verdict::Pass();
}

Verdict CouncilThresholdMet::operator()(const AwardRule& award, const CouncilVote& vote) const {
  const int members = vote.members.value_or(0);
  const int present = vote.present.value_or(0);
  switch (award.threshold.rule) {
    case ThresholdRule::kMajorityOfPresent:
      if (vote.yes > present || vote.yes * 2 <= present) {
        return Verdict::Fail("threshold not met: " + std::to_string(vote.yes) + " of " +
                             std::to_string(present) +
                             " members present voted yes, a majority of members present required");
      }
      return Verdict::Pass();
    case ThresholdRule::kShareOfAllMembers:
      if (static_cast<long>(vote.yes) * 100 <
          static_cast<long>(award.threshold.percent) * members) {
        return Verdict::Fail("threshold not met: " + std::to_string(vote.yes) + " of " +
                             std::to_string(members) + " members voted yes, " +
                             std::to_string(award.threshold.percent) + " % of members required");
      }
      return Verdict::Pass();
  }
  return Verdict::Fail("threshold rule unknown");
}

bool PublicNoticeRequired::operator()(const Campaign& campaign) const {
  return campaign.public_notice_working_days.has_value() &&
         *campaign.public_notice_working_days > 0;
}

Verdict WithinCommuneAuthority::operator()(const RulePack& pack, const AwardRule& award) const {
  if (award.deciding_level != Level::kCommune) {
    return Verdict::Fail("beyond the commune's authority: " + award.name + " is decided at " +
                         std::string(LevelName(award.deciding_level)) + " level under rule pack '" +
                         pack.id.value() + "'; escalate instead");
  }
  return Verdict::Pass();
}

Verdict QuotaAvailable::operator()(const Campaign& campaign, const AwardRule& award,
                                   const DecideFacts& facts) const {
  const auto quota = campaign.quotas.find(award.id);
  if (quota != campaign.quotas.end() && facts.approved_with_same_award >= quota->second) {
    return Verdict::Fail("quota used up: " + std::to_string(facts.approved_with_same_award) +
                         " of " + std::to_string(quota->second) + " " + award.name +
                         " already approved in this campaign");
  }
  return Verdict::Pass();
}

Verdict HigherDecisionComplete::operator()(const HigherDecision& decision) const {
  if (decision.decision_number.empty()) {
    return Verdict::Fail("higher_decision needs the higher level's decision number");
  }
  if (!decision.approved && decision.reason.find_first_not_of(" \t\n") == std::string::npos) {
    return Verdict::Fail("higher_decision that does not approve needs a reason");
  }
  return Verdict::Pass();
}

bool HeldFrom::operator()(const DossierSnapshot& dossier, State state) const {
  return dossier.held_from == state;
}

}  // namespace tdkt::engine
