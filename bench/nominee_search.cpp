// nominee_search: searching the nominee register by name (GET /api/v1/nominees?q=) over a
// province-sized register, on PostgreSQL, with and without the trigram index of migration 10.
//
//   nominee_search DATABASE_URL [NOMINEES] [QUERIES_PER_KIND]     (default: 1000000 50)
//
// Stores NOMINEES registered nominees straight into the register (names built from common
// Vietnamese family, middle and given names, keyed with the core's own NameKey and SearchKey; one
// in ten a household, one in twenty a collective; 200 units), ANALYZEs, then runs
// NomineeStore::Search (the count and the first page of 20, as the API does) for kinds of query a
// secretariat types: a whole name without diacritics, a family and middle name, a given name
// alone, a rare fragment, and a unit officer's search in its own unit. It prints p50 and p99 per
// kind, then drops the trigram index (nominees_by_search_trgm) and measures again, to show what
// the index does. Use an empty database (scripts/bench makes one).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/nominee_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/nominees.hpp"

using namespace tdkt;
using SteadyClock = std::chrono::steady_clock;

namespace {

int Fail(const std::string& message) {
  std::cerr << "nominee_search: " << message << std::endl;
  return 1;
}

const char* kFamily[] = {"Nguyễn", "Trần",  "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ", "Võ",
                         "Đặng",   "Bùi",   "Đỗ",  "Hồ",   "Ngô",   "Dương", "Lý",    "Lò", "Hà",
                         "Vi",     "Lương", "Cầm", "Đinh", "Ngân",  "Lang",  "Trịnh", "Lộc"};
const char* kMiddle[] = {"Văn",  "Thị", "Đức",   "Minh", "Thanh",
                         "Ngọc", "Hữu", "Quang", "Xuân", "Thu"};
const char* kGiven[] = {
    "An",   "Bình", "Chương", "Dũng",  "Đông", "Giang", "Hà",     "Hải",   "Hạnh", "Hiếu",
    "Hoa",  "Hùng", "Hương",  "Khoa",  "Lan",  "Linh",  "Long",   "Mai",   "Minh", "Nam",
    "Nga",  "Ngọc", "Nhung",  "Phong", "Phúc", "Quân",  "Quyên",  "Sang",  "Sinh", "Sơn",
    "Tâm",  "Thắm", "Thắng",  "Thảo",  "Thủy", "Tiến",  "Trang",  "Trung", "Tuấn", "Tùng",
    "Uyên", "Vân",  "Việt",   "Vinh",  "Xuân", "Yến",   "Thưởng", "Én",    "Đôi",  "Chính"};
constexpr int kFamilies = sizeof(kFamily) / sizeof(kFamily[0]);
constexpr int kMiddles = sizeof(kMiddle) / sizeof(kMiddle[0]);
constexpr int kGivens = sizeof(kGiven) / sizeof(kGiven[0]);
constexpr int kNames = kFamilies * kMiddles * kGivens;
constexpr int kUnits = 200;

std::string NameOf(long long i) {
  long long n = i % kNames;
  return std::string(kFamily[n % kFamilies]) + " " + kMiddle[(n / kFamilies) % kMiddles] + " " +
         kGiven[(n / (kFamilies * kMiddles)) % kGivens];
}

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

struct Kind {
  std::string label;
  std::vector<adapters::db::NomineeSearch> queries;
};

void Measure(adapters::db::Database& db, const std::vector<Kind>& kinds, const char* title) {
  std::printf("%s\n%-44s %8s %10s %10s %10s\n", title, "query kind", "queries", "matches", "p50 ms",
              "p99 ms");
  adapters::db::NomineeStore store(db.backend());
  std::vector<double> all;
  for (const Kind& kind : kinds) {
    std::vector<double> ms;
    long long matches = 0;
    for (const auto& q : kind.queries) {
      auto sql = db.Acquire();
      auto start = SteadyClock::now();
      auto page = store.Search(*sql, q);
      ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
      if (page.ok()) matches += page->total;
    }
    std::sort(ms.begin(), ms.end());
    all.insert(all.end(), ms.begin(), ms.end());
    auto at = [&](double p) { return ms[static_cast<std::size_t>(p * (ms.size() - 1))]; };
    std::printf("%-44s %8zu %10lld %10.2f %10.2f\n", kind.label.c_str(), ms.size(),
                matches / static_cast<long long>(ms.size()), at(0.5), at(0.99));
  }
  std::sort(all.begin(), all.end());
  std::printf("%-44s %8zu %10s %10.2f %10.2f\n\n", "all", all.size(), "",
              all[static_cast<std::size_t>(0.5 * (all.size() - 1))],
              all[static_cast<std::size_t>(0.99 * (all.size() - 1))]);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Fail("usage: nominee_search DATABASE_URL [NOMINEES] [QUERIES_PER_KIND]");
  const long long count = argc > 2 ? std::stoll(argv[2]) : 1000000;
  const int per_kind = argc > 3 ? std::stoi(argv[3]) : 50;
  auto url = adapters::db::ParseDatabaseUrl(argv[1]);
  if (!url.ok()) return Fail(url.status().message());
  if (url->backend != adapters::db::Backend::kPostgresql) return Fail("needs PostgreSQL");
  auto opened = adapters::db::Database::Open(*url, 2);
  if (!opened.ok()) return Fail(opened.status().message());
  adapters::db::Database& db = **opened;
  if (auto migrated = adapters::db::Migrate(db); !migrated.ok()) {
    return Fail(migrated.status().message());
  }
  {
    auto sql = db.Acquire();
    int trgm = 0;
    *sql << "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'nominees_by_search_trgm'",
        soci::into(trgm);
    std::printf("trigram index (pg_trgm GIN on nominees.search_key): %s\n",
                trgm ? "present" : "ABSENT (pg_trgm not available)");
    for (int u = 0; u < kUnits; ++u) {
      auto saved =
          adapters::db::DirectoryStore(db.backend())
              .SaveUnit(
                  *sql,
                  {"u-" + std::to_string(u), "Đơn vị " + std::to_string(u), "village", {}, {}});
      if (!saved.ok()) return Fail(saved.message());
    }
  }
  auto load_start = SteadyClock::now();
  constexpr long long kBatch = 1000;
  for (long long first = 0; first < count; first += kBatch * 20) {
    engine::Status status = adapters::db::RunInTransaction(db, [&](soci::session& sql) {
      for (long long b = first; b < std::min(count, first + kBatch * 20); b += kBatch) {
        std::string insert =
            "INSERT INTO nominees (id, kind, name, name_key, search_key, unit_id, direct_worker,"
            " gender, date_of_birth, position, collective_kind, created_by, created_at) VALUES ";
        for (long long i = b; i < std::min(count, b + kBatch); ++i) {
          const bool household = i % 10 == 3;
          const bool collective = i % 20 == 7;
          std::string name = collective ? "Tổ sản xuất " + NameOf(i) : NameOf(i);
          // Individuals: a name and a date of birth never both repeat (the identity index).
          int days = static_cast<int>((i / kNames) * 263 % 20000);
          auto birth =
              std::chrono::sys_days(std::chrono::year(1950) / 1 / 1) + std::chrono::days(days);
          auto ymd = std::chrono::year_month_day(birth);
          char date[16];
          std::snprintf(date, sizeof(date), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
          const char* kind = collective ? "collective" : household ? "household" : "individual";
          const bool individual = !collective && !household;
          insert += (i == b ? "(" : ",(") + Quote("nm-" + std::to_string(i)) + ",'" + kind + "'," +
                    Quote(name) + "," + Quote(engine::NameKey(name)) + "," +
                    Quote(engine::SearchKey(name)) + ",'u-" + std::to_string(i % kUnits) + "'," +
                    (i % 2 ? "1" : "0") + "," +
                    (individual ? (i % 3 ? "'male'" : "'female'") : "NULL") + "," +
                    (individual ? Quote(date) : "NULL") + ",''," +
                    (collective ? "'team'" : "NULL") + ",'bench','2026-01-01T00:00:00Z')";
        }
        sql << insert;
      }
      return engine::Status::Ok();
    });
    if (!status.ok()) return Fail(status.message());
  }
  {
    auto sql = db.Acquire();
    *sql << "ANALYZE nominees";
  }
  std::printf("registered %lld nominees in %.1f s\n\n", count,
              std::chrono::duration<double>(SteadyClock::now() - load_start).count());

  // What a secretariat types, folded or not (the service folds it).
  std::vector<Kind> kinds(5);
  kinds[0].label = "whole name, no diacritics (lo van chuong)";
  kinds[1].label = "family + middle name (nguyen thi)";
  kinds[2].label = "given name alone (chuong)";
  kinds[3].label = "rare fragment (ngan van si)";
  kinds[4].label = "unit officer, own unit (dinh)";
  for (int i = 0; i < per_kind; ++i) {
    std::string whole = engine::SearchKey(NameOf(i * 7919));
    kinds[0].queries.push_back({whole, std::nullopt, 1, 20});
    std::string family =
        engine::SearchKey(std::string(kFamily[i % kFamilies]) + " " + kMiddle[i % kMiddles]);
    kinds[1].queries.push_back({family, std::nullopt, 1, 20});
    kinds[2].queries.push_back({engine::SearchKey(kGiven[i % kGivens]), std::nullopt, 1, 20});
    kinds[3].queries.push_back({"ngan van si", std::nullopt, 1, 20});
    kinds[4].queries.push_back({"dinh", engine::UnitId("u-" + std::to_string(i % kUnits)), 1, 20});
  }
  Measure(db, kinds, "== with the trigram index");
  {
    auto sql = db.Acquire();
    *sql << "DROP INDEX IF EXISTS nominees_by_search_trgm";
    *sql << "ANALYZE nominees";
  }
  for (Kind& kind : kinds) kind.queries.resize(std::min<std::size_t>(kind.queries.size(), 10));
  Measure(db, kinds, "== without it (sequential scan of the folded names)");
  return 0;
}
