// The event payload codec and the campaign codec on arbitrary input, as the HTTP API and the
// audit log's replay meet them.
//
// Input: a first line naming what follows, then JSON text. The name is an event type ("submit",
// "council_vote", …) for ParseTypedCommand, or "campaign", "snapshot", "nominee", "round" (a
// decision or submission as the store and its stream keep it) or "round_line". Whatever
// parses must come back unchanged through its own JSON (the audit log stores the payload and
// replays it), and a command's payload must have canonical bytes (the audit chain hashes them).

#include <boost/json.hpp>

#include "engine/audit/canonical_json.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/round_json.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using tdkt::fuzz::Check;
namespace codec = tdkt::engine::codec;

// `to_json(*parse(value))` read back through text must give the same JSON again.
template <typename Parse, typename ToJson>
void RoundTrips(const boost::json::value& value, Parse parse, ToJson to_json) {
  auto parsed = parse(value);
  if (!parsed.ok()) return;
  const std::string first = boost::json::serialize(to_json(*parsed));
  auto again = parse(boost::json::parse(first));
  Check(again.ok(), "what parsed must parse again from its own JSON",
        first + "\n" + (again.ok() ? std::string() : again.status().ToString()));
  const std::string second = boost::json::serialize(to_json(*again));
  Check(first == second, "the JSON of a parsed value must survive a round trip",
        first + "\n" + second);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = tdkt::fuzz::AsText(data, size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string_view type = input.substr(0, newline);

  // As the HTTP API reads a body (api_support.cpp's ParseBody).
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(input.substr(newline + 1), ec, {}, options);
  if (ec) return 0;

  if (type == "campaign") {
    RoundTrips(value, codec::ParseCampaign, codec::CampaignToJson);
  } else if (type == "snapshot") {
    RoundTrips(value, codec::ParseSnapshot, codec::SnapshotToJson);
  } else if (type == "nominee") {
    RoundTrips(value, codec::ParseNominee, codec::NomineeToJson);
  } else if (type == "round") {
    RoundTrips(value, codec::ParseRound, codec::RoundToJson);
  } else if (type == "round_line") {
    RoundTrips(value, codec::ParseRoundLine, codec::RoundLineToJson);
  } else {
    auto parse = [type](const boost::json::value& v) { return codec::ParseTypedCommand(type, v); };
    RoundTrips(value, parse, codec::CommandPayload);
    if (auto command = parse(value); command.ok()) {
      auto canonical = tdkt::engine::audit::CanonicalJson(codec::CommandPayload(*command));
      Check(canonical.ok(), "a command's payload must have canonical bytes",
            canonical.ok() ? std::string() : canonical.status().ToString());
    }
  }
  return 0;
}
