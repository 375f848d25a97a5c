#pragma once
// A campaign (phong trào / đợt thi đua) as JSON, as the store keeps it and the HTTP API speaks it:
// {"id","name","plan_number","procedure","allowed_awards":[…],"nomination_cutoff":"2024-07-31",
//  "ceremony":"2024-08-25"|null,"quotas":{"award":n},"public_notice_working_days":n|null}.
// Strict parsing, as in command_json.hpp. Pure functions, any thread.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/domain.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::codec {

boost::json::object CampaignToJson(const Campaign& campaign);
// InvalidArgument naming the field; id, name and nomination_cutoff are required.
Result<Campaign> ParseCampaign(const boost::json::value& value);

}  // namespace tdkt::engine::codec
