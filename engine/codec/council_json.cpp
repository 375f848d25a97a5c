#include "engine/codec/council_json.hpp"

#include "engine/codec/json_reader.hpp"

namespace tdkt::engine::codec {

boost::json::array CouncilMembersToJson(const std::vector<CouncilMember>& members) {
  boost::json::array out;
  for (const CouncilMember& member : members) {
    out.push_back(boost::json::object{{"name", member.name},
                                      {"role", CouncilRoleName(member.role)},
                                      {"role_label", CouncilRoleLabel(member.role)},
                                      {"present", member.present}});
  }
  return out;
}

Result<std::vector<CouncilMember>> ParseCouncilMembers(const boost::json::value& value,
                                                       const std::string& context) {
  if (!value.is_array()) {
    return Status::InvalidArgument(
        context + ": expected a list of members (name, role, present), got " + JsonKindName(value));
  }
  std::vector<CouncilMember> members;
  const boost::json::array& list = value.get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader r(list[i], context + "[" + std::to_string(i) + "]");
    CouncilMember member;
    member.name = r.String("name");
    const std::string role = r.String("role");
    if (auto parsed = ParseCouncilRole(role)) {
      member.role = *parsed;
    } else if (r.ok()) {
      r.Fail("role", "expected chu_tich, pho_chu_tich, uy_vien_thuong_truc or uy_vien, got \"" +
                         role + "\"");
    }
    if (auto label = r.OptionalString("role_label");
        label && r.ok() && *label != CouncilRoleLabel(member.role)) {
      r.Fail("role_label", "expected \"" + std::string(CouncilRoleLabel(member.role)) + "\" for " +
                               role + ", got \"" + *label + "\"");
    }
    member.present = r.Bool("present");
    if (Status status = r.Finish(); !status.ok()) return status;
    members.push_back(std::move(member));
  }
  return members;
}

Result<CouncilSession> ParseCouncilSession(const boost::json::value& value) {
  JsonReader r(value, "council_session");
  if (!r.ok()) return r.Finish();
  CouncilSession session;
  if (value.get_object().contains("id")) session.id = CouncilSessionId(r.Id("id"));
  session.campaign = CampaignId(r.String("campaign_id"));
  session.held_on = r.Date("date");
  session.place = r.String("place");
  session.chair = r.String("chair");
  if (!r.ok()) return r.Finish();
  const auto* object = value.if_object();
  const auto* members = object->if_contains("members");
  if (members == nullptr || members->is_null()) {
    r.Fail("members", "required");
    return r.Finish();
  }
  if (members->is_number()) {
    r.Fail("members",
           "expected the list of members (name, role, present), not a count: the counts follow "
           "from the list");
    return r.Finish();
  }
  r.Array("members");  // marks it read; its entries are read below
  if (!r.ok()) return r.Finish();
  auto parsed = ParseCouncilMembers(*members, "council_session.members");
  if (!parsed.ok()) return parsed.status();
  session.members = std::move(*parsed);
  if (auto agenda = r.OptionalStrings("agenda")) {
    for (std::string& id : *agenda) session.agenda.emplace_back(std::move(id));
  }
  if (Status status = r.Finish(); !status.ok()) return status;
  return session;
}

}  // namespace tdkt::engine::codec
