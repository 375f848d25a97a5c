#pragma once
// Council sessions as JSON: the body a client sends to record one (and the demo's YAML, read as
// the same JSON), and the member list as the store keeps it and the API shows it.
//
// Stateless functions; safe from any thread.

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "engine/council.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::codec {

// {"name": ..., "role": "uy_vien", "role_label": "Ủy viên", "present": true} per member.
boost::json::array CouncilMembersToJson(const std::vector<CouncilMember>& members);
// The list CouncilMembersToJson writes (role_label may be left out; given, it must be the role's).
// `context` names the list in errors ("council_session.members").
Result<std::vector<CouncilMember>> ParseCouncilMembers(const boost::json::value& value,
                                                       const std::string& context);

// A session as a client records it: campaign_id, date, place, chair, members (the list above) and
// optionally id and agenda (dossier ids). Strict: an absent required field, a wrong type or an
// unknown key is InvalidArgument naming it ("council_session.members[2].name: required"); members
// given as a count is refused. The rules between fields are CheckCouncilSession's, not checked
// here.
Result<CouncilSession> ParseCouncilSession(const boost::json::value& value);

}  // namespace tdkt::engine::codec
