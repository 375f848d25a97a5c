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
      Escalate{"vượt thẩm quyền"},
      Reject{"chưa đạt"},
      HigherDecision{"1234/QĐ-UBND", sys_days(2024y / August / 20), true, ""},
      Withdraw{"đơn vị rút"},
      Hold{"đang xem xét khiếu nại", "Nghị định 152/2025/NĐ-CP Điều 4"},
      Resume{"đã giải quyết xong"},
      Revoke{"hồ sơ không trung thực", "Luật Thi đua, khen thưởng Điều 93"},
      Cutoff{},
      Remind{"appraisal", 3},
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
  auto parsed = ParseCommand(EventType::kUnitReturn, boost::json::parse(R"({"reasn":"x"})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "payload.reasn: unknown field");
}

TEST(CommandJson, WrongTypeIsNamedWithWhatWasExpected) {
  auto parsed =
      ParseCommand(EventType::kCouncilVote, boost::json::parse(R"({"yes":"eight","no":1})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(), "payload.yes: expected an integer");
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
  EXPECT_EQ(parsed.status().message(), "payload: expected a JSON object");
}

TEST(CommandJson, EventsWithoutPayloadAcceptNull) {
  auto parsed = ParseCommand(EventType::kAccept, boost::json::value(nullptr));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(std::holds_alternative<Accept>(*parsed));
}

TEST(CommandJson, UnknownEventTypeIsNamed) {
  auto parsed = ParseTypedCommand("aprove", boost::json::object());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "type: unknown event \"aprove\"");
}

TEST(CommandJson, BadDateIsNamed) {
  auto parsed = ParseCommand(EventType::kHigherDecision,
                             boost::json::parse(R"({"decided_on":"2024-02-30"})"));
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
  auto bad = ParseNominee(boost::json::parse(R"({"kind":"company","name":"X"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("nominee.kind: expected individual, collective or "
                                        "household, got \"company\""),
            std::string::npos);
}

TEST(Dates, FormatAndParseAreInverse) {
  auto day = ParseDate("2024-07-31");
  ASSERT_TRUE(day);
  EXPECT_EQ(FormatDate(*day), "2024-07-31");
  EXPECT_FALSE(ParseDate("2024-7-31"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_TRUE(ParseDate("2024-02-29"));
}

}  // namespace
}  // namespace tdkt::engine::codec
