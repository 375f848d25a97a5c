// A council session as the commune records it (engine/council.hpp), and the council_vote guards
// that read it: the agenda and the ballot (engine/guards.hpp).

#include "engine/council.hpp"

#include <gtest/gtest.h>

#include "engine/guards.hpp"
#include "tests/support/reference_packs.hpp"

namespace tdkt::engine {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

// The Hội đồng TĐKT xã Bình Lương: nine members, the first eight present.
CouncilSession BinhLuongSession() {
  CouncilSession session;
  session.id = CouncilSessionId("hd-2024-01");
  session.campaign = CampaignId("bl-2024-75nam");
  session.held_on =
      sys_days{year_month_day{std::chrono::year{2024}, std::chrono::month{8}, std::chrono::day{5}}};
  session.place = "Hội trường UBND xã Bình Lương";
  session.chair = "Hà Văn Thắng";
  session.members = {{"Hà Văn Thắng", CouncilRole::kChuTich, true},
                     {"Lê Văn Hùng", CouncilRole::kPhoChuTich, true},
                     {"Lương Thị Thu Hà", CouncilRole::kUyVienThuongTruc, true},
                     {"Vi Văn Sơn", CouncilRole::kUyVien, true},
                     {"Ngân Thị Hoa", CouncilRole::kUyVien, true},
                     {"Lò Văn Dũng", CouncilRole::kUyVien, true},
                     {"Trịnh Văn Tài", CouncilRole::kUyVien, true},
                     {"Quách Văn Bình", CouncilRole::kUyVien, true},
                     {"Phạm Thị Lan", CouncilRole::kUyVien, false}};
  session.agenda = {DossierId("bl24-001"), DossierId("bl24-002")};
  return session;
}

std::string Refusal(const CouncilSession& session) {
  return CheckCouncilSession(session).message();
}

TEST(CouncilSession, CountsFollowFromTheMembersByName) {
  const CouncilSession session = BinhLuongSession();
  EXPECT_TRUE(CheckCouncilSession(session).ok());
  EXPECT_EQ(session.MemberCount(), 9);
  EXPECT_EQ(session.PresentCount(), 8);
}

TEST(CouncilSession, RolesHaveStableIdsAndVietnameseLabels) {
  for (CouncilRole role : {CouncilRole::kChuTich, CouncilRole::kPhoChuTich,
                           CouncilRole::kUyVienThuongTruc, CouncilRole::kUyVien}) {
    EXPECT_EQ(ParseCouncilRole(CouncilRoleName(role)), role);
  }
  EXPECT_EQ(CouncilRoleName(CouncilRole::kChuTich), "chu_tich");
  EXPECT_EQ(CouncilRoleLabel(CouncilRole::kChuTich), "Chủ tịch Hội đồng");
  EXPECT_EQ(CouncilRoleLabel(CouncilRole::kPhoChuTich), "Phó Chủ tịch Hội đồng");
  EXPECT_EQ(CouncilRoleLabel(CouncilRole::kUyVienThuongTruc), "Ủy viên thường trực");
  EXPECT_EQ(CouncilRoleLabel(CouncilRole::kUyVien), "Ủy viên");
  EXPECT_FALSE(ParseCouncilRole("thu_ky"));
  EXPECT_EQ(ParseBallot("secret"), Ballot::kSecret);
  EXPECT_EQ(BallotName(Ballot::kShowOfHands), "show_of_hands");
}

TEST(CouncilSession, RefusalsNameTheField) {
  CouncilSession s = BinhLuongSession();
  s.members[2].name = " ";
  EXPECT_EQ(Refusal(s), "council_session.members[2].name: required");

  s = BinhLuongSession();
  s.members[5].name = s.members[1].name;
  EXPECT_EQ(Refusal(s),
            "council_session.members[5].name: \"Lê Văn Hùng\" is listed twice (also members[1])");

  s = BinhLuongSession();
  s.members[3].role = CouncilRole::kChuTich;
  EXPECT_EQ(Refusal(s),
            "council_session.members[3].role: a council has one chu_tich, and members[0] is "
            "chu_tich");

  s = BinhLuongSession();
  s.members[0].role = CouncilRole::kUyVien;
  EXPECT_EQ(Refusal(s), "council_session.members: no member is chu_tich (Chủ tịch Hội đồng)");

  s = BinhLuongSession();
  s.members.clear();
  EXPECT_EQ(Refusal(s),
            "council_session.members: at least one member required (each with name, role and "
            "present)");

  s = BinhLuongSession();
  s.place = "";
  EXPECT_EQ(Refusal(s), "council_session.place: required");

  s = BinhLuongSession();
  s.chair = "Nguyễn Văn Khách";
  EXPECT_EQ(Refusal(s),
            "council_session.chair: \"Nguyễn Văn Khách\" is not one of the session's members");

  s = BinhLuongSession();
  s.chair = "Phạm Thị Lan";  // absent
  EXPECT_EQ(Refusal(s),
            "council_session.chair: \"Phạm Thị Lan\" was not present; the chair is present");

  s = BinhLuongSession();
  s.chair = "Lê Văn Hùng";  // the vice-chair may chair
  EXPECT_TRUE(CheckCouncilSession(s).ok());

  s = BinhLuongSession();
  s.agenda.push_back(DossierId("bl24-001"));
  EXPECT_EQ(Refusal(s),
            "council_session.agenda[2]: dossier bl24-001 is on the agenda twice (also agenda[0])");
  s.agenda.back() = DossierId("not an id");
  EXPECT_EQ(Refusal(s), "council_session.agenda[2]: expected a dossier id, got \"not an id\"");
}

TEST(CouncilSession, TheAgendaNamesDossiersOfTheSessionsCampaign) {
  const CouncilSession session = BinhLuongSession();  // bl24-001, bl24-002 of bl-2024-75nam
  AgendaFacts found{{DossierId("bl24-001"), CampaignId("bl-2024-75nam")}};
  EXPECT_EQ(CheckAgenda(session, found).message(),
            "council_session.agenda[1]: no dossier bl24-002");
  found[DossierId("bl24-002")] = CampaignId("bl-2024-pccr");
  EXPECT_EQ(CheckAgenda(session, found).message(),
            "council_session.agenda[1]: dossier bl24-002 belongs to campaign 'bl-2024-pccr', not "
            "the session's 'bl-2024-75nam'");
  found[DossierId("bl24-002")] = CampaignId("bl-2024-75nam");
  EXPECT_TRUE(CheckAgenda(session, found).ok());
  EXPECT_TRUE(CheckAgenda(CouncilSession{}, {}).ok());  // no agenda
}

TEST(DossierOnAgenda, OnlyTheDossiersPutToTheSessionWhenItHasAnAgenda) {
  DecideFacts facts;
  EXPECT_TRUE(DossierOnAgenda{}(facts, DossierId("bl24-009")));  // no session looked up
  facts.council_session =
      CouncilSessionFacts{CouncilSessionId("hd-2024-01"), 9, 8, true, CampaignId("c")};
  EXPECT_TRUE(DossierOnAgenda{}(facts, DossierId("bl24-009")));  // no agenda recorded
  facts.council_session->agenda = {DossierId("bl24-001"), DossierId("bl24-002")};
  EXPECT_TRUE(DossierOnAgenda{}(facts, DossierId("bl24-002")));
  const Verdict refused = DossierOnAgenda{}(facts, DossierId("bl24-009"));
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.reason,
            "dossier bl24-009 is not on the agenda of council session 'hd-2024-01' (2 dossiers); "
            "a session votes only the dossiers put to it");
}

TEST(BallotWithinEntitled, SecretBallotCountsWrittenVotesOfAbsentMembersOnly) {
  const RulePack pack = testing::ThanhHoa2024Pack();
  const AwardRule& giay_khen = *pack.FindAward(AwardId("giay_khen_xa"));
  const AwardRule& cstd = *pack.FindAward(AwardId("chien_si_thi_dua_co_so"));
  EXPECT_EQ(BallotFor(cstd), Ballot::kSecret);
  EXPECT_EQ(BallotFor(giay_khen), Ballot::kShowOfHands);

  // 9 members, 7 present, 2 written votes: all 9 may vote.
  CouncilVote vote{CouncilSessionId("s"), 9, 7, 8, 1, Ballot::kSecret, 2};
  EXPECT_TRUE(BallotWithinEntitled{}(cstd, vote));
  // Written votes come from the absent members only.
  vote.written_votes = 3;
  EXPECT_EQ(BallotWithinEntitled{}(cstd, vote).reason,
            "ballot counts 3 written votes but only 2 members were absent (written votes come "
            "from absent members)");
  // One absent member did not write: 8 votes at most.
  vote.written_votes = 1;
  EXPECT_EQ(BallotWithinEntitled{}(cstd, vote).reason,
            "ballot counts 9 votes but only 7 members present and 1 written votes");
  vote.yes = 7;
  EXPECT_TRUE(BallotWithinEntitled{}(cstd, vote));

  // A show of hands has no written votes, and says so.
  CouncilVote hands{CouncilSessionId("s"), 9, 7, 6, 1, Ballot::kShowOfHands, 1};
  EXPECT_EQ(BallotWithinEntitled{}(giay_khen, hands).reason,
            "a show of hands has no written votes (1 given): only a secret ballot of all members "
            "counts absent members' votes in writing");
  hands.written_votes = 0;
  EXPECT_TRUE(BallotWithinEntitled{}(giay_khen, hands));

  // The ballot named must be the award's.
  EXPECT_EQ(BallotWithinEntitled{}(cstd, hands).reason,
            "Chiến sĩ thi đua cơ sở is decided by secret ballot of all members; the vote says "
            "ballot \"show_of_hands\"");
  EXPECT_EQ(BallotWithinEntitled{}(giay_khen, vote).reason,
            "Giấy khen của Chủ tịch UBND xã is decided by show of hands of the members present; "
            "the vote says ballot \"secret\"");
}

}  // namespace
}  // namespace tdkt::engine
