// import_list: how long a unit's nomination list takes to import, by size: reading the XLSX
// (libzip and pugixml) and the CSV, and the import itself (the core's checks, the register, one
// draft per row through the create path, in one transaction).
//
//   import_list DATABASE_URL SOURCE_DIR [SIZES...]      (default: 50 500 5000)
//
// For each size N it writes a list of N individuals with libxlsxwriter (as the template lays it
// out) and the same list as CSV, reads each, then imports the XLSX's sheet for one unit of a
// campaign that allows Giấy khen. It prints, per size, the file's bytes and the time of each
// step. Use an empty database.

#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/group_commit.hpp"
#include "adapters/db/import_service.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/importing/table_readers.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/nomination_import.hpp"

using namespace tdkt;
using namespace tdkt::engine;
using SteadyClock = std::chrono::steady_clock;

namespace {

int Fail(const std::string& message) {
  std::cerr << "import_list: " << message << std::endl;
  return 1;
}

double Millis(SteadyClock::time_point since) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - since).count();
}

std::vector<std::string> Row(int n) {
  return {std::to_string(n),
          "Cá nhân",
          "Nguyễn Văn " + std::to_string(n),
          n % 2 ? "Nam" : "Nữ",
          "15/03/" + std::to_string(1960 + n % 40),
          "Giáo viên",
          n % 3 ? "Không" : "Có",
          "",
          "",
          "",
          "Giấy khen của Chủ tịch UBND xã",
          "Hoàn thành xuất sắc nhiệm vụ năm 2024, dẫn đầu phong trào của đơn vị."};
}

std::string Xlsx(int size) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("tdkt-bench-" + std::to_string(getpid()) + ".xlsx"))
                               .string();
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Danh sách");
  lxw_col_t c = 0;
  for (const ImportColumnSpec& spec : ImportTemplateColumns()) {
    worksheet_write_string(sheet, 0, c++, std::string(spec.header).c_str(), nullptr);
  }
  for (int n = 1; n <= size; ++n) {
    const auto cells = Row(n);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (!cells[i].empty()) {
        worksheet_write_string(sheet, static_cast<lxw_row_t>(n), static_cast<lxw_col_t>(i),
                               cells[i].c_str(), nullptr);
      }
    }
  }
  workbook_close(book);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

std::string Csv(int size) {
  std::string out;
  for (const ImportColumnSpec& spec : ImportTemplateColumns()) {
    out += (out.empty() ? "" : ";") + std::string(spec.header);
  }
  out += "\r\n";
  for (int n = 1; n <= size; ++n) {
    std::string line;
    for (const auto& cell : Row(n)) line += cell + ";";
    line.pop_back();
    out += line + "\r\n";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Fail("usage: import_list DATABASE_URL SOURCE_DIR [SIZES...]");
  const std::string source = argv[2];
  std::vector<int> sizes;
  for (int i = 3; i < argc; ++i) sizes.push_back(std::stoi(argv[i]));
  if (sizes.empty()) sizes = {50, 500, 5000};
  auto url = adapters::db::ParseDatabaseUrl(argv[1]);
  if (!url.ok()) return Fail(url.status().ToString());
  auto db = adapters::db::Database::Open(*url, 4);
  if (!db.ok()) return Fail(db.status().ToString());
  if (!adapters::db::Migrate(**db).ok()) return Fail("cannot migrate " + url->redacted);
  auto packs = adapters::config::LoadRulePackDirectory(source + "/config/rules");
  auto calendar = adapters::config::LoadWorkingCalendar(source + "/config/calendar");
  adapters::db::GroupCommitter committer(**db, adapters::db::GroupCommitSettings{});
  adapters::db::ApplyService apply(**db, committer, packs, calendar);
  adapters::db::ImportService imports(**db, apply);
  const Timestamp now = audit::ParseTimestamp("2024-08-01T01:00:00Z").value();
  const Actor secretariat{UserId("vptk"), Role::kSecretariat, std::nullopt};

  std::printf("%8s %10s %10s %10s %10s %12s %10s\n", "rows", "xlsx_bytes", "read_xlsx", "csv_bytes",
              "read_csv", "import_ms", "created");
  int round = 0;
  for (int size : sizes) {
    ++round;
    const std::string campaign_id = "bench-" + std::to_string(round);
    const std::string unit_id = "don-vi-" + std::to_string(round);
    {
      auto sql = (*db)->Acquire();
      Campaign campaign;
      campaign.id = CampaignId(campaign_id);
      campaign.name = "Phong trào " + campaign_id;
      campaign.allowed_awards = {AwardId("giay_khen_xa")};
      campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 8 / 23);
      if (!adapters::db::DossierStore((*db)->backend()).SaveCampaign(*sql, campaign, now).ok() ||
          !adapters::db::DirectoryStore((*db)->backend())
               .SaveUnit(*sql, {unit_id, "Đơn vị " + unit_id, "school", {}, {}})
               .ok()) {
        return Fail("cannot save the campaign and unit");
      }
    }
    const std::string xlsx = Xlsx(size);
    auto started = SteadyClock::now();
    auto sheet = adapters::importing::ReadXlsx(xlsx);
    const double read_xlsx = Millis(started);
    if (!sheet.ok()) return Fail(sheet.status().ToString());
    const std::string csv = Csv(size);
    started = SteadyClock::now();
    auto csv_sheet = adapters::importing::ReadCsv(csv);
    const double read_csv = Millis(started);
    if (!csv_sheet.ok()) return Fail(csv_sheet.status().ToString());
    adapters::db::ImportRequest request{CampaignId(campaign_id), UnitId(unit_id), std::move(*sheet),
                                        audit::Sha256Hex(xlsx)};
    started = SteadyClock::now();
    auto outcome = imports.Import(request, secretariat, now);
    const double imported = Millis(started);
    if (!outcome.ok()) return Fail(outcome.status().ToString());
    if (!outcome->problems.empty()) {
      return Fail("row " + std::to_string(outcome->problems.front().row) + ": " +
                  outcome->problems.front().message);
    }
    std::printf("%8d %10zu %10.1f %10zu %10.1f %12.1f %10zu\n", size, xlsx.size(), read_xlsx,
                csv.size(), read_csv, imported, outcome->created.size());
  }
  return 0;
}
