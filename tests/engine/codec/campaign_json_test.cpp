#include "engine/codec/campaign_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace tdkt::engine::codec {
namespace {

using namespace std::chrono;

TEST(CampaignJson, TheReferenceCampaignRoundTrips) {
  Campaign c;
  c.id = CampaignId("binh-luong-75-nam-dang-bo-huyen");
  c.name = "Phong trào thi đua chào mừng kỷ niệm 75 năm thành lập Đảng bộ huyện";
  c.plan_number = "25/KH-UBND";
  c.procedure = Procedure::kCampaign;
  c.allowed_awards = {AwardId("giay_khen_xa"), AwardId("chien_si_thi_dua_co_so")};
  c.nomination_cutoff = sys_days(2024y / July / 31);
  c.ceremony = sys_days(2024y / August / 25);
  c.quotas[AwardId("giay_khen_xa")] = 20;
  c.public_notice_working_days = 5;
  auto back = ParseCampaign(boost::json::parse(boost::json::serialize(CampaignToJson(c))));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, c.id);
  EXPECT_EQ(back->name, c.name);
  EXPECT_EQ(back->plan_number, c.plan_number);
  EXPECT_EQ(back->allowed_awards, c.allowed_awards);
  EXPECT_EQ(back->nomination_cutoff, c.nomination_cutoff);
  EXPECT_EQ(back->ceremony, c.ceremony);
  EXPECT_EQ(back->quotas, c.quotas);
  EXPECT_EQ(back->public_notice_working_days, c.public_notice_working_days);
}

TEST(CampaignJson, RequiredFieldsAndBadValuesAreNamed) {
  auto missing =
      ParseCampaign(boost::json::parse(R"({"id":"c","name":"n","allowed_awards":["a"]})"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "campaign.nomination_cutoff: required");
  auto procedure = ParseCampaign(boost::json::parse(
      R"({"id":"c","name":"n","allowed_awards":["a"],"nomination_cutoff":"2024-07-31","procedure":"fast"})"));
  ASSERT_FALSE(procedure.ok());
  EXPECT_NE(procedure.status().message().find("campaign.procedure: expected campaign"),
            std::string::npos);
  auto days = ParseCampaign(boost::json::parse(
      R"({"id":"c","name":"n","allowed_awards":["a"],"nomination_cutoff":"2024-07-31","public_notice_working_days":0})"));
  ASSERT_FALSE(days.ok());
  EXPECT_NE(days.status().message().find("public_notice_working_days: expected 1 to 60"),
            std::string::npos);
}

TEST(CampaignJson, ACampaignAllowsAtLeastOneAward) {
  auto none = ParseCampaign(boost::json::parse(
      R"({"id":"c","name":"n","allowed_awards":[],"nomination_cutoff":"2024-07-31"})"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(),
            "campaign.allowed_awards: a campaign must allow at least one award");
  auto absent = ParseCampaign(
      boost::json::parse(R"({"id":"c","name":"n","nomination_cutoff":"2024-07-31"})"));
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().message(), "campaign.allowed_awards: required");
}

TEST(CampaignJson, NullableFieldsTakeNullAndTheOthersDoNot) {
  auto nulls = ParseCampaign(boost::json::parse(
      R"({"id":"c","name":"n","allowed_awards":["a"],"nomination_cutoff":"2024-07-31",)"
      R"("plan_number":null,"procedure":null,"ceremony":null,"quotas":null,)"
      R"("public_notice_working_days":null})"));
  ASSERT_TRUE(nulls.ok()) << nulls.status().ToString();
  EXPECT_EQ(nulls->procedure, Procedure::kCampaign);
  auto null_name = ParseCampaign(boost::json::parse(
      R"({"id":"c","name":null,"allowed_awards":["a"],"nomination_cutoff":"2024-07-31"})"));
  ASSERT_FALSE(null_name.ok());
  EXPECT_EQ(null_name.status().message(), "campaign.name: required (null is not a value)");
}

}  // namespace
}  // namespace tdkt::engine::codec
