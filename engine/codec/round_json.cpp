#include "engine/codec/round_json.hpp"

#include <boost/json.hpp>

#include "engine/codec/command_json.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::engine::codec {

boost::json::object PrizeToJson(const Prize& prize) {
  boost::json::object o;
  o["amount_vnd"] = prize.amount_vnd ? boost::json::value(*prize.amount_vnd) : nullptr;
  o["coefficient"] = prize.amount_vnd
                         ? boost::json::value(FormatCoefficient(prize.coefficient_thousandths))
                         : nullptr;
  o["base_salary_vnd"] =
      prize.amount_vnd ? boost::json::value(prize.base_salary_vnd) : boost::json::value(nullptr);
  o["basis"] = prize.basis;
  o["base_salary_basis"] = prize.base_salary_basis;
  return o;
}

Result<Prize> ParsePrize(const boost::json::value& value) {
  JsonReader r(value, "prize");
  Prize prize;
  prize.amount_vnd = r.NullableInt("amount_vnd");
  auto coefficient = r.NullableString("coefficient");
  if (coefficient) {
    auto parsed = ParseCoefficient(*coefficient);
    if (!parsed) r.Fail("coefficient", "not a coefficient: \"" + *coefficient + "\"");
    prize.coefficient_thousandths = parsed.value_or(0);
  }
  prize.base_salary_vnd = r.NullableInt("base_salary_vnd").value_or(0);
  prize.basis = r.String("basis");
  prize.base_salary_basis = r.String("base_salary_basis");
  Status status = r.Finish();
  if (!status.ok()) return status;
  return prize;
}

boost::json::object RoundLineToJson(const RoundLine& line) {
  boost::json::object o;
  o["dossier_id"] = line.dossier.value();
  o["unit_id"] = line.unit.value();
  o["nominee"] = NomineeToJson(line.nominee);
  o["award"] = line.award.value();
  o["award_name"] = line.award_name;
  o["prize"] = line.prize ? boost::json::value(PrizeToJson(*line.prize)) : nullptr;
  o["register_number"] = line.register_number ? boost::json::value(*line.register_number) : nullptr;
  if (line.answer) {
    o["answer"] = {{"approved", line.answer->approved},
                   {"reason", line.answer->reason},
                   {"decision_number", line.answer->decision_number},
                   {"decided_on", FormatDate(line.answer->decided_on)}};
  } else {
    o["answer"] = nullptr;
  }
  return o;
}

Result<RoundLine> ParseRoundLine(const boost::json::value& value) {
  JsonReader r(value, "round.lines[]");
  RoundLine line;
  line.dossier = DossierId(r.Id("dossier_id"));
  line.unit = UnitId(r.String("unit_id"));
  auto nominee = ParseNominee(r.Object("nominee"));
  if (!nominee.ok()) return nominee.status();
  line.nominee = *nominee;
  line.award = AwardId(r.String("award"));
  line.award_name = r.String("award_name");
  if (auto prize = r.NullableObject("prize")) {
    auto parsed = ParsePrize(*prize);
    if (!parsed.ok()) return parsed.status();
    line.prize = *parsed;
  }
  line.register_number = r.NullableInt("register_number");
  if (auto answer = r.NullableObject("answer")) {
    const boost::json::value answer_value(std::move(*answer));  // the reader keeps a reference
    JsonReader a(answer_value, "round.lines[].answer");
    LineAnswer la;
    la.approved = a.Bool("approved");
    la.reason = a.String("reason");
    la.decision_number = a.String("decision_number");
    la.decided_on = a.Date("decided_on");
    if (Status s = a.Finish(); !s.ok()) return s;
    line.answer = la;
  }
  Status status = r.Finish();
  if (!status.ok()) return status;
  return line;
}

boost::json::object RoundToJson(const Round& round) {
  boost::json::object o;
  o["id"] = round.id.value();
  o["kind"] = RoundKindName(round.kind);
  o["campaign_id"] = round.campaign.value();
  o["title"] = round.title;
  o["status"] = RoundStatusName(round.status);
  boost::json::array lines;
  for (const RoundLine& line : round.lines) lines.push_back(RoundLineToJson(line));
  o["lines"] = std::move(lines);
  o["total_prize_vnd"] = round.TotalPrizeVnd();
  o["drafted_by"] = round.drafted_by.value();
  o["number"] =
      round.number.empty() ? boost::json::value(nullptr) : boost::json::value(round.number);
  o["signed_on"] = round.signed_on ? boost::json::value(FormatDate(*round.signed_on)) : nullptr;
  o["signed_by"] = round.signed_by.empty() ? boost::json::value(nullptr)
                                           : boost::json::value(round.signed_by.value());
  boost::json::array answers;
  for (const HigherAnswer& answer : round.answers) {
    answers.push_back({{"decision_number", answer.decision_number},
                       {"decided_on", FormatDate(answer.decided_on)},
                       {"recorded_by", answer.recorded_by.value()}});
  }
  o["answers"] = std::move(answers);
  return o;
}

Result<Round> ParseRound(const boost::json::value& value) {
  JsonReader r(value, "round");
  Round round;
  round.id = RoundId(r.Id("id"));
  const std::string kind = r.String("kind");
  if (auto parsed = ParseRoundKind(kind)) {
    round.kind = *parsed;
  } else if (r.ok()) {
    r.Fail("kind", "expected decision or submission, got \"" + kind + "\"");
  }
  round.campaign = CampaignId(r.String("campaign_id"));
  round.title = r.String("title");
  const std::string status = r.String("status");
  if (auto parsed = ParseRoundStatus(status)) {
    round.status = *parsed;
  } else if (r.ok()) {
    r.Fail("status", "expected draft or signed, got \"" + status + "\"");
  }
  for (const auto& line : r.Array("lines")) {
    {
      auto parsed = ParseRoundLine(line);
      if (!parsed.ok()) return parsed.status();
      round.lines.push_back(std::move(*parsed));
    }
  }
  r.Int("total_prize_vnd");  // derived; read so that Finish accepts it
  round.drafted_by = UserId(r.String("drafted_by"));
  round.number = r.NullableString("number").value_or("");
  round.signed_on = r.NullableDate("signed_on");
  round.signed_by = UserId(r.NullableString("signed_by").value_or(""));
  for (const auto& answer : r.Array("answers")) {
    {
      JsonReader a(answer, "round.answers[]");
      HigherAnswer h;
      h.decision_number = a.String("decision_number");
      h.decided_on = a.Date("decided_on");
      h.recorded_by = UserId(a.String("recorded_by"));
      if (Status s = a.Finish(); !s.ok()) return s;
      round.answers.push_back(std::move(h));
    }
  }
  Status status_of_read = r.Finish();
  if (!status_of_read.ok()) return status_of_read;
  return round;
}

}  // namespace tdkt::engine::codec
