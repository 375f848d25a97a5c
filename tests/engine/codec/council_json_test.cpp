// Council sessions as JSON (engine/codec/council_json.hpp): the strict input form and the member
// list the store keeps.

#include "engine/codec/council_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace tdkt::engine::codec {
namespace {

boost::json::value Body(std::string_view text) { return boost::json::parse(text); }

constexpr std::string_view kSession = R"({
  "id": "hd-2024-08-05", "campaign_id": "bl-2024-75nam", "date": "2024-08-05",
  "place": "Hội trường UBND xã Bình Lương", "chair": "Hà Văn Thắng",
  "members": [
    {"name": "Hà Văn Thắng", "role": "chu_tich", "present": true},
    {"name": "Lê Văn Hùng", "role": "pho_chu_tich", "role_label": "Phó Chủ tịch Hội đồng",
     "present": true},
    {"name": "Phạm Thị Lan", "role": "uy_vien", "present": false}
  ],
  "agenda": ["bl24-001", "bl24-002"]
})";

std::string Refusal(std::string_view text) {
  auto parsed = ParseCouncilSession(Body(text));
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.status().message();
}

TEST(CouncilSessionJson, ReadsTheMembersByNameAndTheAgenda) {
  auto parsed = ParseCouncilSession(Body(kSession));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->id.value(), "hd-2024-08-05");
  EXPECT_EQ(parsed->campaign.value(), "bl-2024-75nam");
  EXPECT_EQ(parsed->place, "Hội trường UBND xã Bình Lương");
  EXPECT_EQ(parsed->chair, "Hà Văn Thắng");
  ASSERT_EQ(parsed->members.size(), 3u);
  EXPECT_EQ(parsed->members[1].role, CouncilRole::kPhoChuTich);
  EXPECT_FALSE(parsed->members[2].present);
  EXPECT_EQ(parsed->MemberCount(), 3);
  EXPECT_EQ(parsed->PresentCount(), 2);
  EXPECT_EQ(parsed->agenda, (std::vector<DossierId>{DossierId("bl24-001"), DossierId("bl24-002")}));
}

TEST(CouncilSessionJson, IdAndAgendaAreOptional) {
  auto parsed = ParseCouncilSession(Body(R"({"campaign_id": "c", "date": "2024-08-05",
      "place": "p", "chair": "A", "members": [{"name": "A", "role": "chu_tich", "present": true}]})"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->id.empty());
  EXPECT_TRUE(parsed->agenda.empty());
}

TEST(CouncilSessionJson, CountsAloneAreRefusedNamingMembers) {
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A",
                        "members": 9, "present": 8})"),
            "council_session.members: expected the list of members (name, role, present), not a "
            "count: the counts follow from the list");
}

TEST(CouncilSessionJson, AbsentOrWrongFieldsAreNamed) {
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A"})"),
            "council_session.members: required");
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "chair": "A", "members": []})"),
            "council_session.place: required");
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A",
                        "members": [{"role": "chu_tich", "present": true}]})"),
            "council_session.members[0].name: required");
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A",
                        "members": [{"name": "A", "role": "thu_ky", "present": true}]})"),
            "council_session.members[0].role: expected chu_tich, pho_chu_tich, "
            "uy_vien_thuong_truc or uy_vien, got \"thu_ky\"");
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A",
                        "members": [{"name": "A", "role": "uy_vien", "role_label": "Chủ tịch",
                                     "present": true}]})"),
            "council_session.members[0].role_label: expected \"Ủy viên\" for uy_vien, got "
            "\"Chủ tịch\"");
  EXPECT_EQ(Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A",
                        "members": [{"name": "A", "role": "chu_tich"}]})"),
            "council_session.members[0].present: required");
  const std::string unknown =
      Refusal(R"({"campaign_id": "c", "date": "2024-08-05", "place": "p", "chair": "A",
                  "members": [{"name": "A", "role": "chu_tich", "present": true}], "quorum": 6})");
  EXPECT_NE(unknown.find("council_session.quorum"), std::string::npos) << unknown;
}

TEST(CouncilSessionJson, TheStoredMemberListReadsBack) {
  const std::vector<CouncilMember> members = {{"Hà Văn Thắng", CouncilRole::kChuTich, true},
                                              {"Phạm Thị Lan", CouncilRole::kUyVien, false}};
  const boost::json::array json = CouncilMembersToJson(members);
  EXPECT_EQ(json[0].at("role_label").as_string(), "Chủ tịch Hội đồng");
  auto back = ParseCouncilMembers(json, "members");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, members);
}

}  // namespace
}  // namespace tdkt::engine::codec
