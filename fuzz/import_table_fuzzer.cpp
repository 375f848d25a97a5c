// The readers of a unit's list on arbitrary bytes, as XLSX (libzip and pugixml on a package that
// may be anything) and as CSV, and the core's reading of whatever sheet comes out, against the
// reference campaign and rule pack.
//
// A reader either refuses with a message or gives a sheet within its limits: rows numbered
// upwards, at most ReadLimits::max_rows of them and max_columns cells each; every CSV cell is text
// or empty, and valid UTF-8 came in. The core's reading lists its problems by rows that exist.

#include <chrono>

#include "adapters/importing/table_readers.hpp"
#include "engine/nomination_import.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using tdkt::fuzz::Check;
namespace importing = tdkt::adapters::importing;

void CheckSheet(const tdkt::engine::Result<tdkt::engine::Sheet>& sheet,
                const importing::ReadLimits& limits) {
  if (!sheet.ok()) {
    Check(!sheet.status().message().empty(), "a refusal must say why");
    return;
  }
  Check(!sheet->rows.empty(), "a sheet the reader gives has a row");
  Check(static_cast<int>(sheet->rows.size()) <= limits.max_rows, "at most max_rows rows");
  int previous = 0;
  for (const auto& row : sheet->rows) {
    Check(row.number > previous, "rows are numbered upwards");
    previous = row.number;
    Check(static_cast<int>(row.cells.size()) <= limits.max_columns, "at most max_columns cells");
  }
  tdkt::engine::Campaign campaign;
  campaign.id = tdkt::engine::CampaignId("c");
  campaign.name = "c";
  campaign.allowed_awards = {tdkt::engine::AwardId("giay_khen_xa")};
  tdkt::engine::RulePack pack;
  pack.awards.push_back({tdkt::engine::AwardId("giay_khen_xa"),
                         "Giấy khen của Chủ tịch UBND xã",
                         {tdkt::engine::NomineeKind::kIndividual},
                         tdkt::engine::Level::kCommune,
                         {},
                         {},
                         10,
                         {}});
  const auto reading = tdkt::engine::ReadNominationSheet(
      *sheet, campaign, pack, std::chrono::sys_days(std::chrono::year(2024) / 8 / 21));
  for (const auto& problem : reading.problems) {
    Check(!problem.message.empty(), "a problem says what is wrong");
    Check(problem.row >= 0 && problem.row <= previous, "a problem names a row of the sheet");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = tdkt::fuzz::AsText(data, size);
  importing::ReadLimits limits;
  limits.max_rows = 200;  // keeps each input fast; the limit itself is what is checked
  CheckSheet(importing::ReadXlsx(bytes, limits), limits);
  CheckSheet(importing::ReadCsv(bytes, limits), limits);
  return 0;
}
