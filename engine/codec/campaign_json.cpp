#include "engine/codec/campaign_json.hpp"

#include <boost/json.hpp>

#include "engine/codec/json_reader.hpp"

namespace tdkt::engine::codec {

boost::json::object CampaignToJson(const Campaign& c) {
  boost::json::object o;
  o["id"] = c.id.value();
  o["name"] = c.name;
  o["plan_number"] = c.plan_number;
  o["procedure"] = ProcedureName(c.procedure);
  boost::json::array awards;
  for (const auto& award : c.allowed_awards) awards.emplace_back(award.value());
  o["allowed_awards"] = std::move(awards);
  o["nomination_cutoff"] = FormatDate(c.nomination_cutoff);
  o["ceremony"] = c.ceremony ? boost::json::value(FormatDate(*c.ceremony)) : nullptr;
  boost::json::object quotas;
  for (const auto& [award, quota] : c.quotas) quotas[award.value()] = quota;
  o["quotas"] = std::move(quotas);
  o["public_notice_working_days"] =
      c.public_notice_working_days ? boost::json::value(*c.public_notice_working_days) : nullptr;
  return o;
}

Result<Campaign> ParseCampaign(const boost::json::value& value) {
  JsonReader r(value, "campaign");
  Campaign c;
  c.id = CampaignId(r.String("id"));
  c.name = r.String("name");
  c.plan_number = r.NullableString("plan_number").value_or("");
  // The contract names `campaign` as the procedure when none is given.
  std::string procedure = r.NullableString("procedure").value_or("campaign");
  if (auto parsed = ParseProcedure(procedure)) {
    c.procedure = *parsed;
  } else {
    r.Fail("procedure", "expected campaign, ad_hoc or simplified, got \"" + procedure + "\"");
  }
  for (auto& award : r.Strings("allowed_awards")) c.allowed_awards.emplace_back(award);
  c.nomination_cutoff = r.Date("nomination_cutoff");
  c.ceremony = r.NullableDate("ceremony");
  if (auto quotas = r.NullableObject("quotas")) {
    for (const auto& entry : *quotas) {
      if (!entry.value().is_int64() || entry.value().get_int64() < 0 ||
          entry.value().get_int64() > 1'000'000) {
        r.Fail("quotas." + std::string(entry.key()), "expected a whole number of awards");
        break;
      }
      c.quotas[AwardId(std::string(entry.key()))] = static_cast<int>(entry.value().get_int64());
    }
  }
  if (auto days = r.NullableInt("public_notice_working_days")) {
    if (*days < 1 || *days > 60) {
      r.Fail("public_notice_working_days", "expected 1 to 60 working days");
    } else {
      c.public_notice_working_days = static_cast<int>(*days);
    }
  }
  Status status = r.Finish();
  if (!status.ok()) return status;
  if (Status valid = CheckCampaign(c); !valid.ok()) return valid;
  return c;
}

}  // namespace tdkt::engine::codec
