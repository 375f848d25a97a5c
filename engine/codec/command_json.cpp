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

// Counts of people and votes, and working days: whole numbers from 0 to kMaxCount.
constexpr std::int64_t kMaxCount = 1'000'000;

int Count(JsonReader& r, const char* key) {
  std::int64_t v = r.Int(key);
  if (v < 0 || v > kMaxCount) {
    r.Fail(key, "expected a whole number from 0 to " + std::to_string(kMaxCount) + ", got " +
                    std::to_string(v));
    return 0;
  }
  return static_cast<int>(v);
}

std::optional<int> OptionalCount(JsonReader& r, const char* key) {
  auto v = r.OptionalInt(key);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > kMaxCount) {
    r.Fail(key, "expected a whole number from 0 to " + std::to_string(kMaxCount) + ", got " +
                    std::to_string(*v));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

}  // namespace

boost::json::object DecisionRefToJson(const DecisionRef& ref) {
  boost::json::object o;
  o["id"] = ref.decision.value();
  o["number"] = ref.number;
  o["signed_on"] = FormatDate(ref.signed_on);
  o["register_number"] = ref.register_number;
  o["prize_vnd"] = ref.prize_vnd ? boost::json::value(*ref.prize_vnd) : nullptr;
  return o;
}

Result<DecisionRef> ParseDecisionRef(const boost::json::value& value) {
  JsonReader r(value, "payload.decision");
  DecisionRef ref;
  ref.decision = RoundId(r.Id("id"));
  ref.number = r.String("number");
  ref.signed_on = r.Date("signed_on");
  ref.register_number = r.Int("register_number");
  ref.prize_vnd = r.NullableInt("prize_vnd");
  Status status = r.Finish();
  if (!status.ok()) return status;
  return ref;
}

boost::json::object SubmissionRefToJson(const SubmissionRef& ref) {
  boost::json::object o;
  o["id"] = ref.submission.value();
  o["number"] = ref.number;
  o["signed_on"] = FormatDate(ref.signed_on);
  return o;
}

Result<SubmissionRef> ParseSubmissionRef(const boost::json::value& value) {
  JsonReader r(value, "payload.submission");
  SubmissionRef ref;
  ref.submission = RoundId(r.Id("id"));
  ref.number = r.String("number");
  ref.signed_on = r.Date("signed_on");
  Status status = r.Finish();
  if (!status.ok()) return status;
  return ref;
}

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
                   if (c.members) o["members"] = *c.members;
                   if (c.present) o["present"] = *c.present;
                   o["yes"] = c.yes;
                   o["no"] = c.no;
                   if (c.ballot) o["ballot"] = BallotName(*c.ballot);
                   if (c.written_votes) o["written_votes"] = *c.written_votes;
                 },
                 [&](const Objection& c) {
                   o["objector"] = c.objector;
                   o["reason"] = c.reason;
                 },
                 [&](const NoticeEnded&) {},
                 [&](const Approve& c) {
                   if (c.decision) o["decision"] = DecisionRefToJson(*c.decision);
                 },
                 [&](const Escalate& c) {
                   o["reason"] = c.reason;
                   if (c.submission) o["submission"] = SubmissionRefToJson(*c.submission);
                 },
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
                   if (c.reminder) o["reminder"] = ReminderKindName(*c.reminder);
                   if (!c.due_at.empty()) o["due_at"] = c.due_at;
                 },
                 [&](const Transfer& c) {
                   o["reason"] = c.reason;
                   o["legal_ground"] = c.legal_ground;
                   if (c.to_pack) o["to_pack"] = c.to_pack->value();
                   if (c.to_unit) o["to_unit"] = c.to_unit->value();
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
      command = UnitApprove{Count(r, "votes_for"), Count(r, "votes_against"), Count(r, "members")};
      break;
    case EventType::kUnitReject: command = UnitReject{r.String("reason")}; break;
    case EventType::kRequestSupplement:
      command = RequestSupplement{r.Documents("missing"), r.String("note")};
      break;
    case EventType::kSupplement: command = Supplement{r.Documents("documents")}; break;
    case EventType::kAccept: command = Accept{}; break;
    case EventType::kAppraisePass: command = AppraisePass{r.String("note")}; break;
    case EventType::kAppraiseFail: command = AppraiseFail{r.String("reason")}; break;
    case EventType::kCouncilVote: {
      CouncilVote c{CouncilSessionId(r.Id("session")), OptionalCount(r, "members"),
                    OptionalCount(r, "present"), Count(r, "yes"), Count(r, "no")};
      // Both filled by Decide when left out (records written before the log kept them have
      // neither).
      if (auto ballot = r.OptionalString("ballot")) {
        c.ballot = ParseBallot(*ballot);
        if (!c.ballot && r.ok()) {
          r.Fail("ballot", "expected secret or show_of_hands, got \"" + *ballot + "\"");
        }
      }
      c.written_votes = OptionalCount(r, "written_votes");
      command = c;
      break;
    }
    case EventType::kObjection:
      command = Objection{r.String("objector"), r.String("reason")};
      break;
    case EventType::kNoticeEnded: command = NoticeEnded{}; break;
    case EventType::kApprove: {
      Approve c;
      if (auto ref = r.OptionalObject("decision")) {
        auto parsed = ParseDecisionRef(*ref);
        if (!parsed.ok()) return parsed.status();
        c.decision = *parsed;
      }
      command = c;
      break;
    }
    case EventType::kEscalate: {
      Escalate c;
      c.reason = r.String("reason");
      if (auto ref = r.OptionalObject("submission")) {
        auto parsed = ParseSubmissionRef(*ref);
        if (!parsed.ok()) return parsed.status();
        c.submission = *parsed;
      }
      command = c;
      break;
    }
    case EventType::kReject: command = Reject{r.String("reason")}; break;
    case EventType::kHigherDecision: {
      HigherDecision c;
      c.decision_number = r.String("decision_number");
      c.decided_on = r.Date("decided_on");
      c.approved = r.Bool("approved");
      // Why the higher level said no; an approval may give none.
      auto reason = r.OptionalString("reason");
      if (!reason && !c.approved && r.ok()) r.Fail("reason", "required when approved is false");
      c.reason = reason.value_or("");
      command = c;
      break;
    }
    case EventType::kWithdraw: command = Withdraw{r.String("reason")}; break;
    case EventType::kHold: command = Hold{r.String("reason"), r.String("legal_ground")}; break;
    case EventType::kResume: command = Resume{r.String("reason")}; break;
    case EventType::kRevoke: command = Revoke{r.String("reason"), r.String("legal_ground")}; break;
    case EventType::kCutoff: command = Cutoff{}; break;
    case EventType::kRemind: {
      Remind c;
      c.deadline_kind = r.String("deadline_kind");
      if (!c.deadline_kind.empty() && !ParseDeadlineKind(c.deadline_kind)) {
        r.Fail("deadline_kind", "unknown deadline \"" + c.deadline_kind + "\"");
      }
      c.working_days_left = Count(r, "working_days_left");
      // Records written before the log kept which reminder it was have neither field.
      if (auto reminder = r.OptionalString("reminder")) {
        c.reminder = ParseReminderKind(*reminder);
        if (!c.reminder) {
          r.Fail("reminder", "expected before, due or overdue, got \"" + *reminder + "\"");
        }
      }
      c.due_at = r.OptionalString("due_at").value_or("");
      command = c;
      break;
    }
    case EventType::kTransfer: {
      Transfer c{r.String("reason"), r.String("legal_ground")};
      if (auto to_pack = r.OptionalString("to_pack")) c.to_pack = RulePackId(*to_pack);
      if (auto to_unit = r.OptionalString("to_unit")) {
        if (IsValidId(*to_unit)) {
          c.to_unit = UnitId(*to_unit);
        } else {
          r.Fail("to_unit", "expected a unit id, got \"" + *to_unit + "\"");
        }
      }
      command = c;
      break;
    }
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

namespace {

// A nominee as NomineeToJson writes it (`stored`: every field), or as a client sends it to create
// a dossier: the id may be left out, and what the structure report counts is never assumed — a
// person says whether they directly work and produce and whether they are a woman, a household
// whether it works directly in production; a collective may leave both out (it is no woman, and
// counts as a direct worker only when it says so).
Result<Nominee> ReadNominee(const boost::json::value& value, bool stored) {
  JsonReader r(value, "nominee");
  Nominee nominee;
  nominee.id = NomineeId(stored ? r.String("id") : r.OptionalString("id").value_or(""));
  std::string kind = r.String("kind");
  if (auto parsed = ParseNomineeKind(kind)) {
    nominee.kind = *parsed;
  } else if (r.ok()) {
    r.Fail("kind", "expected individual, collective or household, got \"" + kind + "\"");
  }
  nominee.name = r.String("name");
  auto direct_worker =
      stored ? std::optional(r.Bool("direct_worker")) : r.OptionalBool("direct_worker");
  auto female = stored ? std::optional(r.Bool("female")) : r.OptionalBool("female");
  if (r.ok() && !direct_worker && nominee.kind != NomineeKind::kCollective) {
    r.Fail("direct_worker", "required for " + std::string(NomineeKindName(nominee.kind)) + "s");
  }
  if (r.ok() && !female && nominee.kind == NomineeKind::kIndividual) {
    r.Fail("female", "required for individuals");
  }
  if (r.ok() && !stored && female.value_or(false) && nominee.kind != NomineeKind::kIndividual) {
    r.Fail("female", "only an individual is a woman or not");
  }
  nominee.direct_worker = direct_worker.value_or(false);
  nominee.female = female.value_or(false);
  Status status = r.Finish();
  if (!status.ok()) return status;
  if (nominee.name.empty()) return Status::InvalidArgument("nominee.name: must not be empty");
  return nominee;
}

}  // namespace

Result<Nominee> ParseNominee(const boost::json::value& value) { return ReadNominee(value, true); }

Result<Nominee> ParseNomineeInput(const boost::json::value& value) {
  return ReadNominee(value, false);
}

boost::json::object AttachmentToJson(const Attachment& a) {
  boost::json::object o;
  o["id"] = a.id;
  o["kind"] = DocumentKindName(a.kind);
  o["file_name"] = a.file_name;
  o["media_type"] = a.media_type;
  o["size"] = a.size;
  o["sha256"] = a.sha256;
  return o;
}

Result<Attachment> ParseAttachment(const boost::json::value& value) {
  JsonReader r(value, "document");
  Attachment a;
  a.id = r.String("id");
  std::string kind = r.String("kind");
  if (auto parsed = ParseDocumentKind(kind)) {
    a.kind = *parsed;
  } else if (r.ok()) {
    r.Fail("kind", "unknown document kind \"" + kind + "\"");
  }
  a.file_name = r.String("file_name");
  a.media_type = r.String("media_type");
  a.size = r.Int("size");
  a.sha256 = r.String("sha256");
  Status status = r.Finish();
  if (!status.ok()) return status;
  return a;
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
  // Only when set: snapshots stored before decisions listed dossiers have none of them.
  if (d.decision) o["decision"] = d.decision->value();
  if (d.register_number) o["register_number"] = *d.register_number;
  if (d.prize_vnd) o["prize_vnd"] = *d.prize_vnd;
  if (d.submission) o["submission"] = d.submission->value();
  if (d.authority_pack) o["authority_pack"] = d.authority_pack->value();
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
    auto name =
        std::string_view(key) == "state" ? std::optional(r.String(key)) : r.NullableString(key);
    if (!name) return std::nullopt;
    auto state = ParseState(*name);
    if (!state) r.Fail(key, "unknown state \"" + *name + "\"");
    return state;
  };
  d.state = state_of("state").value_or(State::kDraft);
  d.held_from = state_of("held_from");
  d.supplement_requests = Count(r, "supplement_requests");
  d.achievement_summary = r.String("achievement_summary");
  d.documents = r.Documents("documents");
  d.rejected_at = state_of("rejected_at");
  d.outcome_reason = r.String("outcome_reason");
  d.higher_decision_number = r.String("higher_decision_number");
  if (auto decision = r.OptionalString("decision")) d.decision = RoundId(*decision);
  if (auto authority = r.OptionalString("authority_pack"))
    d.authority_pack = RulePackId(*authority);
  d.register_number = r.OptionalInt("register_number");
  d.prize_vnd = r.OptionalInt("prize_vnd");
  if (auto submission = r.OptionalString("submission")) d.submission = RoundId(*submission);
  Status status = r.Finish();
  if (!status.ok()) return status;
  return d;
}

}  // namespace tdkt::engine::codec
