// A council_vote judged against its session through Decide: the ballot the award asks for (and
// the written votes of a secret ballot) recorded in the audit record, the agenda, and one set of
// minutes per session.

#include <gtest/gtest.h>

#include <vector>

#include "engine/codec/command_json.hpp"
#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"
#include "workflows/decide.hpp"

namespace tdkt::workflows {
namespace {

using engine::Ballot;
using engine::CouncilVote;
using engine::State;

engine::Result<engine::Decision> Send(const engine::DossierSnapshot& dossier,
                                      const engine::Command& command,
                                      const engine::DecideFacts& facts) {
  return Decide(dossier, command, testing::SenderFor(engine::TypeOf(command)),
                testing::ThanhHoa2024Pack(), testing::BinhLuong2024Campaign(), facts,
                testing::At(2024, 8, 5));
}

// The session hd-2024-08 as the store found it: 9 members, 7 present.
engine::DecideFacts Session(std::vector<engine::DossierId> agenda = {}) {
  engine::DecideFacts facts;
  facts.council_session = engine::CouncilSessionFacts{engine::CouncilSessionId("hd-2024-08"),
                                                      9,
                                                      7,
                                                      true,
                                                      testing::BinhLuong2024Campaign().id,
                                                      std::move(agenda)};
  return facts;
}

CouncilVote VoteOf(int yes, int no) {
  return CouncilVote{engine::CouncilSessionId("hd-2024-08"), std::nullopt, std::nullopt, yes, no};
}

const CouncilVote& Recorded(const engine::Decision& decision) {
  return std::get<CouncilVote>(std::get<engine::AppendAudit>(decision.effects.front()).command);
}

TEST(CouncilVote, SecretBallotRecordsItselfAndTheWrittenVotesOfAbsentMembers) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  // Chiến sĩ thi đua cơ sở: 80 % of all 9 members, 7 present; 2 absent members voted in writing.
  const auto voted = Send(testing::DossierAt(State::kCouncilReview, pack, "chien_si_thi_dua_co_so"),
                          VoteOf(8, 1), Session());
  ASSERT_OK(voted);
  EXPECT_EQ(voted->dossier.state, State::kChairmanDecision);
  const CouncilVote& vote = Recorded(*voted);
  EXPECT_EQ(vote.ballot, Ballot::kSecret);
  EXPECT_EQ(vote.written_votes, 2);
  EXPECT_EQ(vote.members, 9);
  EXPECT_EQ(vote.present, 7);
  // As the audit log keeps it.
  const boost::json::object payload = engine::codec::CommandPayload(vote);
  EXPECT_EQ(payload.at("ballot").as_string(), "secret");
  EXPECT_EQ(payload.at("written_votes").as_int64(), 2);
  auto read = engine::codec::ParseCommand(engine::EventType::kCouncilVote, payload);
  ASSERT_OK(read);
  EXPECT_EQ(std::get<CouncilVote>(*read).written_votes, 2);
  EXPECT_EQ(std::get<CouncilVote>(*read).ballot, Ballot::kSecret);
}

TEST(CouncilVote, SecretBallotWrittenVotesGivenMustComeFromAbsentMembers) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  const auto dossier = testing::DossierAt(State::kCouncilReview, pack, "chien_si_thi_dua_co_so");
  CouncilVote vote = VoteOf(8, 0);
  vote.written_votes = 1;  // 7 present + 1 in writing: 8 votes, as counted
  ASSERT_OK(Send(dossier, vote, Session()));
  vote.written_votes = 3;  // only 2 were absent
  const auto refused = Send(dossier, vote, Session());
  EXPECT_EQ(refused.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_EQ(refused.status().message(),
            "dossier is in council_review; council_vote refused: ballot counts 3 written votes "
            "but only 2 members were absent (written votes come from absent members)");
  vote.written_votes = 0;  // then 8 votes from 7 present
  EXPECT_EQ(Send(dossier, vote, Session()).status().message(),
            "dossier is in council_review; council_vote refused: ballot counts 8 votes but only 7 "
            "members present and 0 written votes");
}

TEST(CouncilVote, ShowOfHandsRecordsItselfAndCountsOnlyThosePresent) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  const auto dossier = testing::DossierAt(State::kCouncilReview, pack, "giay_khen_xa");
  const auto voted = Send(dossier, VoteOf(6, 1), Session());
  ASSERT_OK(voted);
  EXPECT_EQ(Recorded(*voted).ballot, Ballot::kShowOfHands);
  EXPECT_FALSE(Recorded(*voted).written_votes);
  EXPECT_FALSE(engine::codec::CommandPayload(Recorded(*voted)).contains("written_votes"));
  EXPECT_EQ(engine::codec::CommandPayload(Recorded(*voted)).at("ballot").as_string(),
            "show_of_hands");
  EXPECT_EQ(Send(dossier, VoteOf(7, 1), Session()).status().message(),
            "dossier is in council_review; council_vote refused: ballot counts 8 votes but only 7 "
            "members present may vote");
  CouncilVote secret = VoteOf(6, 1);
  secret.ballot = Ballot::kSecret;
  EXPECT_EQ(Send(dossier, secret, Session()).status().message(),
            "dossier is in council_review; council_vote refused: Giấy khen của Chủ tịch UBND xã "
            "is decided by show of hands of the members present; the vote says ballot \"secret\"");
}

TEST(CouncilVote, ADossierNotOnTheSessionsAgendaIsRefused) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  const auto dossier = testing::DossierAt(State::kCouncilReview, pack);  // hs-0001
  const auto refused =
      Send(dossier, VoteOf(6, 1), Session({engine::DossierId("hs-0002"), engine::DossierId("x")}));
  EXPECT_EQ(refused.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_EQ(refused.status().message(),
            "dossier is in council_review; council_vote refused: dossier hs-0001 is not on the "
            "agenda of council session 'hd-2024-08' (2 dossiers); a session votes only the "
            "dossiers put to it");
  ASSERT_OK(Send(dossier, VoteOf(6, 1), Session({dossier.id})));
  ASSERT_OK(Send(dossier, VoteOf(6, 1), Session()));  // a session without agenda
}

TEST(CouncilVote, TheMinutesNumberIsOnePerSession) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  engine::DossierSnapshot first = testing::DossierAt(State::kCouncilReview, pack);
  engine::DossierSnapshot second = first;
  second.id = engine::DossierId("hs-0002");
  const auto facts = Session({first.id, second.id});
  std::vector<std::string> scopes;
  for (const auto& dossier : {first, second}) {
    const auto voted = Send(dossier, VoteOf(6, 1), facts);
    ASSERT_OK(voted);
    for (const auto& effect : voted->effects) {
      if (const auto* number = std::get_if<engine::AssignNumber>(&effect)) {
        EXPECT_EQ(number->series, engine::NumberSeries::kCouncilMinutes);
        scopes.push_back(number->scope.value_or(""));
      }
    }
  }
  // Both take the number scoped to the session: the store gives one number per scope.
  EXPECT_EQ(scopes, (std::vector<std::string>{"hd-2024-08", "hd-2024-08"}));
}

}  // namespace
}  // namespace tdkt::workflows
