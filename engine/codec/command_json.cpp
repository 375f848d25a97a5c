#include "engine/codec/command_json.hpp"

#include <boost/json.hpp>

#include "engine/codec/json_reader.hpp"

namespace tdkt::engine::codec {
namespace {

boost::json::array DocumentArray(const std::vector<DocumentKind>& kinds) {
  boost::json::array out;
  for (DocumentKind kind : kinds) out.emplace_back(DocumentKindName(kind));
  return out;
}

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

int ToInt(std::int64_t v) {
  return static_cast<int>(std::clamp<std::int64_t>(v, INT32_MIN, INT32_MAX));
}

}  // namespace

boost::json::object CommandPayload(const Command& command) {
  boost::json::object o;
  std::visit(Overloaded{
                 [&](const Submit& c) {
                   o["achievement_summary"] = c.achievement_summary;
                   o["documents"] = DocumentArray(c.documents);
                 },
                 [&](const UnitReturn& c) { o["reason"] = c.reason; },
                 [&](const UnitApprove& c) {
                   o["votes_for"] = c.votes_for;
                   o["votes_against"] = c.votes_against;
                   o["members"] = c.members;
                 },
                 [&](const UnitReject& c) { o["reason"] = c.reason; },
                 [&](const RequestSupplement& c) {
                   o["missing"] = DocumentArray(c.missing);
                   o["note"] = c.note;
                 },
                 [&](const Supplement& c) { o["documents"] = DocumentArray(c.documents); },
                 [&](const Accept&) {},
                 [&](const AppraisePass& c) { o["note"] = c.note; },
                 [&](const AppraiseFail& c) { o["reason"] = c.reason; },
                 [&](const CouncilVote& c) {
                   o["session"] = c.session.value();
                   o["members"] = c.members;
                   o["present"] = c.present;
                   o["yes"] = c.yes;
                   o["no"] = c.no;
                 },
                 [&](const Objection& c) {
                   o["objector"] = c.objector;
                   o["reason"] = c.reason;
                 },
                 [&](const NoticeEnded&) {},
                 [&](const Approve&) {},
                 [&](const Escalate& c) { o["reason"] = c.reason; },
                 [&](const Reject& c) { o["reason"] = c.reason; },
                 [&](const HigherDecision& c) {
                   o["decision_number"] = c.decision_number;
                   o["decided_on"] = FormatDate(c.decided_on);
                   o["approved"] = c.approved;
                   o["reason"] = c.reason;
                 },
                 [&](const Withdraw& c) { o["reason"] = c.reason; },
                 [&](const Hold& c) {
                   o["reason"] = c.reason;
                   o["legal_ground"] = c.legal_ground;
                 },
                 [&](const Resume& c) { o["reason"] = c.reason; },
                 [&](const Revoke& c) {
                   o["reason"] = c.reason;
                   o["legal_ground"] = c.legal_ground;
                 },
                 [&](const Cutoff&) {},
                 [&](const Remind& c) {
                   o["deadline_kind"] = c.deadline_kind;
                   o["working_days_left"] = c.working_days_left;
                 },
             },
             command);
  return o;
}

Result<Command> ParseCommand(EventType type, const boost::json::value& payload) {
  JsonReader r(payload, "payload");
  Command command;
  switch (type) {
    case EventType::kSubmit:
      command = Submit{r.String("achievement_summary"), r.Documents("documents")};
      break;
    case EventType::kUnitReturn: command = UnitReturn{r.String("reason")}; break;
    case EventType::kUnitApprove:
      command = UnitApprove{ToInt(r.Int("votes_for")), ToInt(r.Int("votes_against")),
                            ToInt(r.Int("members"))};
      break;
    case EventType::kUnitReject: command = UnitReject{r.String("reason")}; break;
    case EventType::kRequestSupplement:
      command = RequestSupplement{r.Documents("missing"), r.String("note")};
      break;
    case EventType::kSupplement: command = Supplement{r.Documents("documents")}; break;
    case EventType::kAccept: command = Accept{}; break;
    case EventType::kAppraisePass: command = AppraisePass{r.String("note")}; break;
    case EventType::kAppraiseFail: command = AppraiseFail{r.String("reason")}; break;
    case EventType::kCouncilVote:
      command = CouncilVote{CouncilSessionId(r.String("session")), ToInt(r.Int("members")),
                            ToInt(r.Int("present")), ToInt(r.Int("yes")), ToInt(r.Int("no"))};
      break;
    case EventType::kObjection:
      command = Objection{r.String("objector"), r.String("reason")};
      break;
    case EventType::kNoticeEnded: command = NoticeEnded{}; break;
    case EventType::kApprove: command = Approve{}; break;
    case EventType::kEscalate: command = Escalate{r.String("reason")}; break;
    case EventType::kReject: command = Reject{r.String("reason")}; break;
    case EventType::kHigherDecision: {
      HigherDecision c;
      c.decision_number = r.String("decision_number");
      c.decided_on = r.Date("decided_on").value_or(std::chrono::sys_days{});
      c.approved = r.Bool("approved");
      c.reason = r.String("reason");
      command = c;
      break;
    }
    case EventType::kWithdraw: command = Withdraw{r.String("reason")}; break;
    case EventType::kHold: command = Hold{r.String("reason"), r.String("legal_ground")}; break;
    case EventType::kResume: command = Resume{r.String("reason")}; break;
    case EventType::kRevoke: command = Revoke{r.String("reason"), r.String("legal_ground")}; break;
    case EventType::kCutoff: command = Cutoff{}; break;
    case EventType::kRemind:
      command = Remind{r.String("deadline_kind"), ToInt(r.Int("working_days_left"))};
      break;
  }
  Status status = r.Finish();
  if (!status.ok()) return status;
  return command;
}

Result<Command> ParseTypedCommand(std::string_view type, const boost::json::value& payload) {
  auto event = ParseEventType(type);
  if (!event) {
    return Status::InvalidArgument("type: unknown event \"" + std::string(type) + "\"");
  }
  return ParseCommand(*event, payload);
}

boost::json::object NomineeToJson(const Nominee& nominee) {
  boost::json::object o;
  o["id"] = nominee.id.value();
  o["kind"] = NomineeKindName(nominee.kind);
  o["name"] = nominee.name;
  o["direct_worker"] = nominee.direct_worker;
  o["female"] = nominee.female;
  return o;
}

Result<Nominee> ParseNominee(const boost::json::value& value) {
  JsonReader r(value, "nominee");
  Nominee nominee;
  nominee.id = NomineeId(r.String("id"));
  std::string kind = r.String("kind");
  auto parsed = ParseNomineeKind(kind);
  if (!parsed) {
    r.Fail("kind", "expected individual, collective or household, got \"" + kind + "\"");
  } else {
    nominee.kind = *parsed;
  }
  nominee.name = r.String("name");
  nominee.direct_worker = r.Bool("direct_worker");
  nominee.female = r.Bool("female");
  Status status = r.Finish();
  if (!status.ok()) return status;
  if (nominee.name.empty()) return Status::InvalidArgument("nominee.name: required");
  return nominee;
}

boost::json::object SnapshotToJson(const DossierSnapshot& d) {
  boost::json::object o;
  o["id"] = d.id.value();
  o["campaign"] = d.campaign.value();
  o["unit"] = d.unit.value();
  o["nominee"] = NomineeToJson(d.nominee);
  o["award"] = d.award.value();
  o["rule_pack"] = d.rule_pack.value();
  o["state"] = StateName(d.state);
  o["held_from"] = d.held_from ? boost::json::value(StateName(*d.held_from)) : nullptr;
  o["supplement_requests"] = d.supplement_requests;
  o["achievement_summary"] = d.achievement_summary;
  o["documents"] = DocumentArray(d.documents);
  o["rejected_at"] = d.rejected_at ? boost::json::value(StateName(*d.rejected_at)) : nullptr;
  o["outcome_reason"] = d.outcome_reason;
  o["higher_decision_number"] = d.higher_decision_number;
  return o;
}

Result<DossierSnapshot> ParseSnapshot(const boost::json::value& value) {
  JsonReader r(value, "dossier");
  DossierSnapshot d;
  d.id = DossierId(r.String("id"));
  d.campaign = CampaignId(r.String("campaign"));
  d.unit = UnitId(r.String("unit"));
  auto nominee = ParseNominee(r.Object("nominee"));
  if (!nominee.ok()) return nominee.status();
  d.nominee = *nominee;
  d.award = AwardId(r.String("award"));
  d.rule_pack = RulePackId(r.String("rule_pack"));
  auto state_of = [&](const char* key) -> std::optional<State> {
    auto name = r.OptionalString(key);
    if (!name) return std::nullopt;
    auto state = ParseState(*name);
    if (!state) r.Fail(key, "unknown state \"" + *name + "\"");
    return state;
  };
  d.state = state_of("state").value_or(State::kDraft);
  d.held_from = state_of("held_from");
  d.supplement_requests = ToInt(r.Int("supplement_requests"));
  d.achievement_summary = r.String("achievement_summary");
  d.documents = r.Documents("documents");
  d.rejected_at = state_of("rejected_at");
  d.outcome_reason = r.String("outcome_reason");
  d.higher_decision_number = r.String("higher_decision_number");
  Status status = r.Finish();
  if (!status.ok()) return status;
  return d;
}

}  // namespace tdkt::engine::codec
