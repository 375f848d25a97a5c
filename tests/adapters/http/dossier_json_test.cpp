// The dossier as the API answers it: which deadlines fall in a provisional year of the calendar
// (one without an official notice), with the shipped calendar (2024–2026 have notices, 2027 not).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::http {
namespace {

namespace json = boost::json;

TEST(DossierJson, MarksTheDeadlinesThatFallInAProvisionalYear) {
  const auto calendar = config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
  const engine::Timestamp now = engine::audit::ParseTimestamp("2026-11-27T03:00:00Z").value();
  db::DossierRow row;
  // 31/12/2026 17:00 local is still 2026; 04/01/2027 is in 2027, which has no notice yet. The
  // first instant is 2027 in UTC+7 only (2026-12-31T17:30Z is 00:30 on 01/01/2027 in Hà Nội).
  row.deadlines_json = R"({"supplement":"2026-12-31T10:00:00Z","appraisal":"2027-01-04T10:00:00Z",)"
                       R"("chairman_decision":"2026-12-31T17:30:00Z"})";
  row.next_deadline_at = "2026-12-31T10:00:00Z";
  const json::object o = DossierJson(row, calendar, now, nullptr);
  ASSERT_TRUE(o.contains("provisional_deadlines"));
  const json::array& provisional = o.at("provisional_deadlines").as_array();
  ASSERT_EQ(provisional.size(), 2u) << json::serialize(o);
  EXPECT_EQ(provisional[0], "appraisal");
  EXPECT_EQ(provisional[1], "chairman_decision");

  row.deadlines_json = R"({"appraisal":"2026-09-03T10:00:00Z"})";
  EXPECT_TRUE(
      DossierJson(row, calendar, now, nullptr).at("provisional_deadlines").as_array().empty());
  row.deadlines_json = "{}";
  EXPECT_TRUE(
      DossierJson(row, calendar, now, nullptr).at("provisional_deadlines").as_array().empty());
}

}  // namespace
}  // namespace tdkt::adapters::http
