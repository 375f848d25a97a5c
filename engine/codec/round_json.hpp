#pragma once
// Decisions and submissions (engine/rounds.hpp) as JSON: what the store keeps, what the round's
// audit records carry after each change, and what the HTTP API answers. Strict parsing as in
// command_json.hpp. Pure functions, any thread.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/rounds.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::codec {

boost::json::object PrizeToJson(const Prize& prize);
Result<Prize> ParsePrize(const boost::json::value& value);

boost::json::object RoundLineToJson(const RoundLine& line);
Result<RoundLine> ParseRoundLine(const boost::json::value& value);

boost::json::object RoundToJson(const Round& round);
Result<Round> ParseRound(const boost::json::value& value);

}  // namespace tdkt::engine::codec
