// Inputs the fuzz harnesses found (fuzz/regressions/command/, fuzz/regressions/dates/), replayed
// through the same entry points: what the codec accepts must come back unchanged through its own
// JSON, since the audit log stores a payload and replays it.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/codec/campaign_json.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::engine::codec {
namespace {

// ParseDate took a minus sign in the year ("-001" as the year -1), which FormatDate then wrote
// as "00-1-01-29", a text ParseDate refuses.
TEST(CodecFuzzRegressions, AParsedDateFormatsBackToItsText) {
  for (const char* text : {"-001-01-29", "-042-07-31", "+999-01-01", "0029-01-19", "2024-02-29"}) {
    const auto day = ParseDate(text);
    if (day) {
      EXPECT_EQ(FormatDate(*day), text);
    }
  }
}

TEST(CodecFuzzRegressions, ACampaignWithASignedYearIsRefusedOrRoundTrips) {
  const boost::json::value value = boost::json::parse(
      R"({"id": "bin75-nam-dhuyen", "name": "Phong tào thiND", "procedure": "campaign",
          "allowed_awards": ["giay_ntofbsa_co_so"], "nomination_cutoff": "-042-07-31",
          "ceremony": "2024-08-25", "quotas": {"giay_khen_Xa": 20},
          "public_notice_working_days": 5})");
  const auto campaign = ParseCampaign(value);
  if (!campaign.ok()) return;
  const std::string json = boost::json::serialize(CampaignToJson(*campaign));
  const auto again = ParseCampaign(boost::json::parse(json));
  ASSERT_TRUE(again.ok()) << json << ": " << again.status().ToString();
  EXPECT_EQ(boost::json::serialize(CampaignToJson(*again)), json);
}

TEST(CodecFuzzRegressions, AHigherDecisionWithASignedYearIsRefusedOrRoundTrips) {
  const boost::json::value value = boost::json::parse(
      R"({"decision_number": "1", "decided_on": "-001-08-20", "approved": true, "reason": ""})");
  const auto command = ParseTypedCommand("higher_decision", value);
  if (!command.ok()) return;
  const std::string json = boost::json::serialize(CommandPayload(*command));
  const auto again = ParseTypedCommand("higher_decision", boost::json::parse(json));
  ASSERT_TRUE(again.ok()) << json << ": " << again.status().ToString();
  EXPECT_EQ(boost::json::serialize(CommandPayload(*again)), json);
}

}  // namespace
}  // namespace tdkt::engine::codec
