// The dossier as the API answers it: which deadlines fall in a provisional year of the calendar
// (one without an official notice), with the shipped calendar (2024–2026 have notices, 2027 not).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::http {
namespace {

namespace json = boost::json;

const engine::UnitSuccessions kNoSuccessions;

TEST(DossierJson, MarksTheDeadlinesThatFallInAProvisionalYear) {
  const auto calendar = config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
  const auto packs = config::LoadRulePackDirectory(TDKT_SOURCE_DIR "/config/rules");
  const engine::Timestamp now = engine::audit::ParseTimestamp("2026-11-27T03:00:00Z").value();
  db::DossierRow row;
  // 31/12/2026 17:00 local is still 2026; 04/01/2027 is in 2027, which has no notice yet. The
  // first instant is 2027 in UTC+7 only (2026-12-31T17:30Z is 00:30 on 01/01/2027 in Hà Nội).
  row.deadlines_json = R"({"supplement":"2026-12-31T10:00:00Z","appraisal":"2027-01-04T10:00:00Z",)"
                       R"("chairman_decision":"2026-12-31T17:30:00Z"})";
  row.next_deadline_at = "2026-12-31T10:00:00Z";
  const json::object o = DossierJson(row, calendar, packs, kNoSuccessions, now, nullptr);
  ASSERT_TRUE(o.contains("provisional_deadlines"));
  const json::array& provisional = o.at("provisional_deadlines").as_array();
  ASSERT_EQ(provisional.size(), 2u) << json::serialize(o);
  EXPECT_EQ(provisional[0], "appraisal");
  EXPECT_EQ(provisional[1], "chairman_decision");

  row.deadlines_json = R"({"appraisal":"2026-09-03T10:00:00Z"})";
  EXPECT_TRUE(DossierJson(row, calendar, packs, kNoSuccessions, now, nullptr)
                  .at("provisional_deadlines")
                  .as_array()
                  .empty());
  row.deadlines_json = "{}";
  EXPECT_TRUE(DossierJson(row, calendar, packs, kNoSuccessions, now, nullptr)
                  .at("provisional_deadlines")
                  .as_array()
                  .empty());
}

// After 1/7/2025 a dossier in flight under the 2024 pack waits for a transfer; once transferred,
// or submitted under the 2025 pack, or closed, it does not.
TEST(DossierJson, SaysWhetherTheDossierWaitsForATransfer) {
  const auto calendar = config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
  const auto packs = config::LoadRulePackDirectory(TDKT_SOURCE_DIR "/config/rules");
  db::DossierRow row;
  row.deadlines_json = "{}";
  row.snapshot.state = engine::State::kEscalated;
  row.snapshot.rule_pack = engine::RulePackId("thanh_hoa_2024");
  const engine::Timestamp july = engine::audit::ParseTimestamp("2025-07-14T03:00:00Z").value();
  const engine::Timestamp june = engine::audit::ParseTimestamp("2025-06-14T03:00:00Z").value();
  json::object o = DossierJson(row, calendar, packs, kNoSuccessions, july, nullptr);
  EXPECT_TRUE(o.at("needs_transfer").as_bool());
  EXPECT_EQ(o.at("authority_pack"), "thanh_hoa_2024");
  EXPECT_FALSE(DossierJson(row, calendar, packs, kNoSuccessions, june, nullptr)
                   .at("needs_transfer")
                   .as_bool());
  row.snapshot.authority_pack = engine::RulePackId("thanh_hoa_2025");
  o = DossierJson(row, calendar, packs, kNoSuccessions, july, nullptr);
  EXPECT_FALSE(o.at("needs_transfer").as_bool());
  EXPECT_EQ(o.at("authority_pack"), "thanh_hoa_2025");
  row.snapshot.authority_pack.reset();
  row.snapshot.state = engine::State::kApproved;
  EXPECT_FALSE(DossierJson(row, calendar, packs, kNoSuccessions, july, nullptr)
                   .at("needs_transfer")
                   .as_bool());
}

// A dossier of a unit that ended waits for a transfer that moves it to the unit carrying it on,
// even once its authority moved (the admin recorded the succession after that transfer), and under
// a pack that takes nothing over; not before the unit's last day has passed, nor once closed.
TEST(DossierJson, ADossierOfAUnitThatEndedWaitsForATransfer) {
  const auto calendar = config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
  const auto packs = config::LoadRulePackDirectory(TDKT_SOURCE_DIR "/config/rules");
  const engine::UnitSuccessions successions{
      {"hoi-nong-dan-binh-luong",
       {engine::UnitId("hoi-nong-dan"), std::chrono::sys_days{std::chrono::year{2025} / 6 / 30},
        "Nghị quyết số 1686/NQ-UBTVQH15, Điều 1"}}};
  db::DossierRow row;
  row.deadlines_json = "{}";
  row.snapshot.unit = engine::UnitId("hoi-nong-dan-binh-luong");
  row.snapshot.state = engine::State::kEscalated;
  row.snapshot.rule_pack = engine::RulePackId("thanh_hoa_2024");
  row.snapshot.authority_pack = engine::RulePackId("thanh_hoa_2025");  // transferred already
  const engine::Timestamp july = engine::audit::ParseTimestamp("2025-07-14T03:00:00Z").value();
  json::object o = DossierJson(row, calendar, packs, successions, july, nullptr);
  EXPECT_TRUE(o.at("needs_transfer").as_bool());
  EXPECT_EQ(o.at("unit_successor"), "hoi-nong-dan");
  EXPECT_FALSE(DossierJson(row, calendar, packs, kNoSuccessions, july, nullptr)
                   .at("needs_transfer")
                   .as_bool());
  // A dossier of 2026, under the pack in force (it takes over from 2024, not from itself).
  row.snapshot.rule_pack = engine::RulePackId("thanh_hoa_2025");
  row.snapshot.authority_pack.reset();
  const engine::Timestamp later = engine::audit::ParseTimestamp("2026-11-27T03:00:00Z").value();
  EXPECT_TRUE(DossierJson(row, calendar, packs, successions, later, nullptr)
                  .at("needs_transfer")
                  .as_bool());
  const engine::Timestamp last_day = engine::audit::ParseTimestamp("2025-06-30T03:00:00Z").value();
  o = DossierJson(row, calendar, packs, successions, last_day, nullptr);
  EXPECT_TRUE(o.at("unit_successor").is_null());
  row.snapshot.state = engine::State::kApproved;
  o = DossierJson(row, calendar, packs, successions, later, nullptr);
  EXPECT_FALSE(o.at("needs_transfer").as_bool());
  EXPECT_EQ(o.at("unit_successor"), "hoi-nong-dan");
}

}  // namespace
}  // namespace tdkt::adapters::http
