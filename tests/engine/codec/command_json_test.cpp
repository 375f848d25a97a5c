#include "engine/codec/command_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/codec/json_reader.hpp"

namespace tdkt::engine::codec {
namespace {

using namespace std::chrono;

// One command of every type, with every field set to something other than its default.
std::vector<Command> OneOfEach() {
  return {
      Submit{"Hoàn thành xuất sắc nhiệm vụ năm 2024",
             {DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport}},
      UnitReturn{"thiếu số liệu"},
      UnitApprove{9, 1, 11},
      UnitReject{"không đủ tiêu chuẩn"},
      RequestSupplement{{DocumentKind::kReviewMinutes}, "bổ sung biên bản"},
      Supplement{{DocumentKind::kReviewMinutes}},
      Accept{},
      AppraisePass{"đủ điều kiện"},
      AppraiseFail{"thành tích chưa tiêu biểu"},
      CouncilVote{CouncilSessionId("s-2024-08-05"), 11, 9, 8, 1},
      Objection{"Nguyễn Văn A", "thông tin chưa chính xác"},
      NoticeEnded{},
      Approve{},
      Escalate{"vượt thẩm quyền", std::nullopt},
      Reject{"chưa đạt"},
      HigherDecision{"1234/QĐ-UBND", sys_days(2024y / August / 20), true, ""},
      Withdraw{"đơn vị rút"},
      Hold{"đang xem xét khiếu nại", "Nghị định 152/2025/NĐ-CP Điều 4"},
      Resume{"đã giải quyết xong"},
      Revoke{"hồ sơ không trung thực", "Luật Thi đua, khen thưởng Điều 93"},
      Cutoff{},
      Remind{"appraisal", 3, ReminderKind::kBefore, "2024-08-01T10:00:00Z"},
      Transfer{"sắp xếp đơn vị hành chính", "Nghị quyết số 190/2025/QH15, Điều 5",
               RulePackId("thanh_hoa_2025"), UnitId("hoi-nong-dan")},
  };
}

TEST(CommandJson, EveryEventTypeRoundTripsThroughItsPayload) {
  auto commands = OneOfEach();
  ASSERT_EQ(commands.size(), kAllEventTypes.size());
  for (const Command& command : commands) {
    boost::json::value payload = CommandPayload(command);
    // Through text too, as the audit log and the HTTP API carry it.
    boost::json::value reparsed = boost::json::parse(boost::json::serialize(payload));
    auto back = ParseTypedCommand(EventName(TypeOf(command)), reparsed);
    ASSERT_TRUE(back.ok()) << EventName(TypeOf(command)) << ": " << back.status().ToString();
    EXPECT_EQ(boost::json::serialize(CommandPayload(*back)), boost::json::serialize(payload));
    EXPECT_EQ(TypeOf(*back), TypeOf(command));
  }
}

TEST(CommandJson, UnknownFieldIsNamed) {
  auto parsed =
      ParseCommand(EventType::kUnitReturn, boost::json::parse(R"({"reason":"x","reasn":"x"})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "payload.reasn: unknown field");
}

TEST(CommandJson, ATransferNamesAUnitByItsId) {
  auto parsed = ParseCommand(
      EventType::kTransfer,
      boost::json::parse(R"({"reason":"x","legal_ground":"y","to_unit":"hội nông dân"})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "payload.to_unit: expected a unit id, got \"hội nông dân\"");
}

TEST(CommandJson, WrongTypeIsNamedWithWhatWasExpected) {
  auto parsed = ParseCommand(EventType::kCouncilVote,
                             boost::json::parse(R"({"session":"hd-1","yes":"eight","no":1})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(), "payload.yes: expected an integer, got a string");
}

// Nothing is guessed: every field docs/openapi.yaml requires, left out of a payload that has all
// the others, is refused naming it (a council_vote without `yes` once rejected a nomination).
TEST(CommandJson, EveryRequiredFieldLeftOutIsRefusedByName) {
  int checked = 0;
  for (const Command& command : OneOfEach()) {
    const boost::json::object full = CommandPayload(command);
    for (const auto& field : full) {
      const std::string key(field.key());
      const bool optional =
          (TypeOf(command) == EventType::kCouncilVote && (key == "members" || key == "present")) ||
          (TypeOf(command) == EventType::kRemind && (key == "reminder" || key == "due_at")) ||
          (TypeOf(command) == EventType::kHigherDecision && key == "reason") ||  // approved: true
          (TypeOf(command) == EventType::kTransfer &&
           (key == "to_pack" || key == "to_unit"));  // Decide fills them in
      for (bool as_null : {false, true}) {
        boost::json::object payload = full;
        if (as_null) {
          payload[key] = nullptr;
        } else {
          payload.erase(key);
        }
        auto parsed = ParseCommand(TypeOf(command), payload);
        if (optional && !as_null) {
          EXPECT_TRUE(parsed.ok()) << EventName(TypeOf(command)) << " without " << key;
          continue;
        }
        ASSERT_FALSE(parsed.ok()) << EventName(TypeOf(command)) << " without " << key;
        EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
        EXPECT_EQ(parsed.status().message().rfind("payload." + key + ": ", 0), 0u)
            << parsed.status().message();
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 40);
}

TEST(CommandJson, TheVoteAndTheHigherDecisionThatOnceDecidedByDefault) {
  auto vote =
      ParseCommand(EventType::kCouncilVote,
                   boost::json::parse(R"({"session":"hd-1","members":9,"present":8,"no":1})"));
  ASSERT_FALSE(vote.ok());
  EXPECT_EQ(vote.status().message(), "payload.yes: required");
  auto answer = ParseCommand(EventType::kHigherDecision,
                             boost::json::parse(R"({"decision_number":"12/QĐ-UBND",)"
                                                R"("decided_on":"2024-08-20","reason":""})"));
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().message(), "payload.approved: required");
  auto no_without_reason = ParseCommand(
      EventType::kHigherDecision,
      boost::json::parse(
          R"({"decision_number":"12/QĐ-UBND","decided_on":"2024-08-20","approved":false})"));
  ASSERT_FALSE(no_without_reason.ok());
  EXPECT_EQ(no_without_reason.status().message(),
            "payload.reason: required when approved is false");
}

TEST(CommandJson, CountsOutsideTheirRangeAreRefused) {
  auto negative =
      ParseCommand(EventType::kUnitApprove,
                   boost::json::parse(R"({"votes_for":-1,"votes_against":0,"members":3})"));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().message().rfind("payload.votes_for: expected a whole number", 0), 0u);
  auto huge = ParseCommand(EventType::kCouncilVote,
                           boost::json::parse(R"({"session":"s","yes":3000000000,"no":0})"));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().message().rfind("payload.yes: expected a whole number", 0), 0u);
}

TEST(CommandJson, UnknownDocumentKindIsRefused) {
  auto parsed = ParseCommand(EventType::kSupplement,
                             boost::json::parse(R"({"documents":["review_minutes","photo"]})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("payload.documents[1]: unknown document kind"),
            std::string::npos)
      << parsed.status().message();
}

TEST(CommandJson, PayloadMustBeAnObject) {
  auto parsed = ParseCommand(EventType::kReject, boost::json::parse("[1,2]"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "payload: expected a JSON object, got a list");
}

TEST(CommandJson, EventsWithoutFieldsTakeAnEmptyObjectNotNull) {
  auto parsed = ParseCommand(EventType::kAccept, boost::json::object());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(std::holds_alternative<Accept>(*parsed));
  auto null = ParseCommand(EventType::kAccept, boost::json::value(nullptr));
  ASSERT_FALSE(null.ok());
  EXPECT_EQ(null.status().message(), "payload: expected a JSON object, got null");
}

TEST(CommandJson, UnknownEventTypeIsNamed) {
  auto parsed = ParseTypedCommand("aprove", boost::json::object());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "type: unknown event \"aprove\"");
}

TEST(CommandJson, BadDateIsNamed) {
  auto parsed = ParseCommand(EventType::kHigherDecision,
                             boost::json::parse(R"({"decision_number":"1/QĐ-UBND",)"
                                                R"("decided_on":"2024-02-30","approved":true,)"
                                                R"("reason":""})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("payload.decided_on: expected a date"),
            std::string::npos);
}

TEST(SnapshotJson, RoundTripsEveryField) {
  DossierSnapshot d;
  d.id = DossierId("d-1");
  d.campaign = CampaignId("binh-luong-75-nam");
  d.unit = UnitId("thon-1");
  d.nominee = Nominee{NomineeId("n-1"), NomineeKind::kHousehold, "Hộ ông Lê Văn B", true, false};
  d.award = AwardId("gia_dinh_van_hoa");
  d.rule_pack = RulePackId("thanh-hoa-2024");
  d.state = State::kOnHold;
  d.held_from = State::kAppraisal;
  d.supplement_requests = 1;
  d.achievement_summary = "Gia đình văn hóa tiêu biểu";
  d.documents = {DocumentKind::kSubmissionLetter};
  d.rejected_at = State::kCouncilReview;
  d.outcome_reason = "lý do";
  d.higher_decision_number = "12/QĐ-UBND";
  auto back = ParseSnapshot(boost::json::parse(boost::json::serialize(SnapshotToJson(d))));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, d);
}

TEST(SnapshotJson, NomineeNeedsANameAndAKnownKind) {
  EXPECT_FALSE(ParseNominee(boost::json::parse(R"({"kind":"individual"})")).ok());
  auto bad = ParseNominee(boost::json::parse(
      R"({"id":"n","kind":"company","name":"X","direct_worker":false,"female":false})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("nominee.kind: expected individual, collective or "
                                        "household, got \"company\""),
            std::string::npos);
}

// The structure report counts women and direct workers: a person says both, a household whether
// it works directly in production, a collective may say nothing and is never a woman.
TEST(NomineeInput, WhatTheStructureReportCountsIsNeverAssumed) {
  auto person = ParseNomineeInput(boost::json::parse(R"({"kind":"individual","name":"Lò Văn A"})"));
  ASSERT_FALSE(person.ok());
  EXPECT_EQ(person.status().message(), "nominee.direct_worker: required for individuals");
  auto no_gender = ParseNomineeInput(
      boost::json::parse(R"({"kind":"individual","name":"Lò Văn A","direct_worker":true})"));
  ASSERT_FALSE(no_gender.ok());
  EXPECT_EQ(no_gender.status().message(), "nominee.female: required for individuals");
  auto household = ParseNomineeInput(boost::json::parse(R"({"kind":"household","name":"Hộ B"})"));
  ASSERT_FALSE(household.ok());
  EXPECT_EQ(household.status().message(), "nominee.direct_worker: required for households");
  auto collective =
      ParseNomineeInput(boost::json::parse(R"({"kind":"collective","name":"Thôn C"})"));
  ASSERT_TRUE(collective.ok()) << collective.status().ToString();
  EXPECT_FALSE(collective->female);
  EXPECT_TRUE(collective->id.empty());
  auto female_collective = ParseNomineeInput(
      boost::json::parse(R"({"kind":"collective","name":"Thôn C","female":true})"));
  EXPECT_FALSE(female_collective.ok());
  auto null_id =
      ParseNomineeInput(boost::json::parse(R"({"id":null,"kind":"collective","name":"Thôn C"})"));
  ASSERT_FALSE(null_id.ok());
  EXPECT_EQ(null_id.status().message(), "nominee.id: may be left out but not null");
}

TEST(AttachmentJson, RoundTrips) {
  Attachment a{"doc-1", DocumentKind::kReviewMinutes, "biên bản.pdf", "application/pdf",
               1234,    std::string(64, 'a')};
  auto back = ParseAttachment(boost::json::parse(boost::json::serialize(AttachmentToJson(a))));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, a);
}

TEST(Dates, FormatAndParseAreInverse) {
  auto day = ParseDate("2024-07-31");
  ASSERT_TRUE(day);
  EXPECT_EQ(FormatDate(*day), "2024-07-31");
  EXPECT_FALSE(ParseDate("2024-7-31"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("-001-01-29"));  // a sign is no digit
  EXPECT_FALSE(ParseDate("+024-01-29"));
  EXPECT_EQ(FormatDate(*ParseDate("0029-01-19")), "0029-01-19");
  EXPECT_TRUE(ParseDate("2024-02-29"));
}

}  // namespace
}  // namespace tdkt::engine::codec
