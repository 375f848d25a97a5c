// The campaign reports (engine/reports.hpp): what is counted as proposed and awarded, the shares
// the reference plan asks to favour, the quotas, and the results in the register's order.

#include "engine/reports.hpp"

#include <gtest/gtest.h>

namespace tdkt::engine::reports {
namespace {

DossierFact Fact(const char* id, NomineeKind kind, State state, const char* unit,
                 bool direct = true, bool female = false) {
  DossierFact fact;
  fact.dossier.id = DossierId(id);
  fact.dossier.award = AwardId("giay_khen_xa");
  fact.dossier.nominee = Nominee{NomineeId(id), kind, std::string("Người ") + id, direct, female};
  fact.dossier.state = state;
  fact.unit_name = unit;
  fact.award_name = "Giấy khen của Chủ tịch UBND xã";
  return fact;
}

Campaign TheCampaign() {
  Campaign c;
  c.id = CampaignId("c");
  c.name = "Phong trào";
  c.plan_number = "25/KH-UBND";
  c.allowed_awards = {AwardId("giay_khen_xa"), AwardId("lao_dong_tien_tien")};
  c.quotas[AwardId("giay_khen_xa")] = 5;
  return c;
}

std::int64_t Int(const Cell& cell) { return std::get<std::int64_t>(cell); }

TEST(Reports, ProposedMeansItReachedTheCommuneAndAwardedMeansApproved) {
  DossierSnapshot d;
  for (State s : {State::kDraft, State::kUnitReview, State::kWithdrawn, State::kExpired}) {
    d.state = s;
    EXPECT_FALSE(CountsAsProposed(d)) << StateName(s);
  }
  d.state = State::kRejected;
  d.rejected_at = State::kUnitReview;
  EXPECT_FALSE(CountsAsProposed(d));
  d.rejected_at = State::kAppraisal;
  EXPECT_TRUE(CountsAsProposed(d));
  d.state = State::kRevoked;
  EXPECT_TRUE(CountsAsProposed(d));
  EXPECT_FALSE(CountsAsAwarded(d));
  d.state = State::kApproved;
  EXPECT_TRUE(CountsAsAwarded(d));
}

TEST(Reports, TheStructureCountsByAwardKindAndUnitWithTheSharesAndQuotas) {
  const std::vector<DossierFact> facts = {
      Fact("a", NomineeKind::kIndividual, State::kApproved, "Thôn 1", true, true),
      Fact("b", NomineeKind::kIndividual, State::kApproved, "Thôn 1", false, false),
      Fact("c", NomineeKind::kHousehold, State::kApproved, "Thôn 2", true),
      Fact("d", NomineeKind::kCollective, State::kApproved, "Thôn 2", true),  // not counted direct
      Fact("e", NomineeKind::kIndividual, State::kAppraisal, "Thôn 2"),
      Fact("f", NomineeKind::kIndividual, State::kDraft, "Thôn 2"),
  };
  const Report report = StructureReport(TheCampaign(), facts,
                                        {{AwardId("giay_khen_xa"), "Giấy khen"},
                                         {AwardId("lao_dong_tien_tien"), "Lao động tiên tiến"}});
  ASSERT_EQ(report.tables.size(), 3u);
  const Table& by_award = report.tables[0];
  ASSERT_EQ(by_award.rows.size(), 2u);  // both allowed awards, even one with no dossier
  EXPECT_EQ(std::get<std::string>(by_award.rows[0][0]), "Giấy khen");
  EXPECT_EQ(Int(by_award.rows[0][1]), 5);  // proposed: all but the draft
  EXPECT_EQ(Int(by_award.rows[0][2]), 4);  // awarded
  EXPECT_EQ(Int(by_award.rows[0][3]), 2);  // individuals
  EXPECT_EQ(Int(by_award.rows[0][4]), 1);
  EXPECT_EQ(Int(by_award.rows[0][5]), 1);
  EXPECT_EQ(Int(by_award.rows[0][6]), 5);                                    // the quota
  EXPECT_EQ(Int(by_award.rows[0][7]), 1);                                    // left under it
  EXPECT_TRUE(std::holds_alternative<std::monostate>(by_award.rows[1][6]));  // no quota
  const Table& shares = report.tables[1];
  EXPECT_EQ(Int(shares.rows[0][1]), 2);  // direct workers: a (individual) and c (household)
  EXPECT_DOUBLE_EQ(std::get<double>(shares.rows[0][2]), 0.5);
  EXPECT_EQ(Int(shares.rows[4][1]), 1);  // one woman among two individuals
  EXPECT_DOUBLE_EQ(std::get<double>(shares.rows[4][2]), 0.5);
  const Table& by_unit = report.tables[2];
  ASSERT_EQ(by_unit.rows.size(), 2u);
  EXPECT_EQ(Int(by_unit.rows[1][1]), 3);  // Thôn 2: c, d, e proposed
  EXPECT_EQ(Int((*by_unit.total)[2]), 4);
  EXPECT_NE(report.subtitle.find("25/KH-UBND"), std::string::npos);
}

TEST(Reports, TheResultsFollowTheRegisterAndAddUpThePrizes) {
  std::vector<DossierFact> facts = {
      Fact("z", NomineeKind::kIndividual, State::kApproved, "Thôn 1"),
      Fact("y", NomineeKind::kIndividual, State::kApproved, "Thôn 1"),
      Fact("x", NomineeKind::kCollective, State::kApproved, "Thôn 2"),
      Fact("w", NomineeKind::kIndividual, State::kRevoked, "Thôn 2"),
  };
  facts[0].dossier.register_number = 2;
  facts[0].dossier.prize_vnd = 360'000;
  facts[1].dossier.register_number = 1;
  facts[1].dossier.prize_vnd = 710'000;
  facts[2].decision_number = "2371/QĐ-UBND";  // the district's: no register entry, no prize
  const Report report = ResultsReport(TheCampaign(), facts);
  const Table& table = report.tables[0];
  ASSERT_EQ(table.rows.size(), 3u);  // the revoked award is gone
  EXPECT_EQ(std::get<std::string>(table.rows[0][1]), "Người y");
  EXPECT_EQ(std::get<std::string>(table.rows[1][1]), "Người z");
  EXPECT_EQ(std::get<std::string>(table.rows[2][5]), "2371/QĐ-UBND");
  EXPECT_EQ(Int((*table.total)[9]), 1'070'000);
}

}  // namespace
}  // namespace tdkt::engine::reports
