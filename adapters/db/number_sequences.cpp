#include "adapters/db/number_sequences.hpp"

#include <soci/soci.h>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {
namespace {

engine::Status Validate(const NumberSeries& series) {
  if (series.issuer.empty()) return engine::Status::InvalidArgument("the issuer is empty");
  if (series.series.empty()) return engine::Status::InvalidArgument("the series is empty");
  // Year 0: a register that never restarts (the sổ vàng).
  if (series.year != 0 && (series.year < 1900 || series.year > 9999)) {
    return engine::Status::InvalidArgument("the year " + std::to_string(series.year) +
                                           " is out of range");
  }
  return engine::Status::Ok();
}

std::string Describe(const NumberSeries& series) {
  return series.series + "-" + series.issuer + (series.body.empty() ? "" : " of " + series.body) +
         " of " + std::to_string(series.year);
}

// The row's key: the issuer, prefixed by the issuing body when it is a successor.
std::string Key(const NumberSeries& series) {
  return series.body.empty() ? series.issuer : series.body + "/" + series.issuer;
}

}  // namespace

std::string FormatDocumentNumber(std::int64_t value, const NumberSeries& series) {
  std::string digits = std::to_string(value);
  if (digits.size() < 2) digits.insert(0, 2 - digits.size(), '0');
  return digits + "/" + series.series + "-" + series.issuer;
}

engine::Result<DocumentNumber> NumberSequences::Next(soci::session& session,
                                                     const NumberSeries& series) const {
  if (engine::Status valid = Validate(series); !valid.ok()) return valid;
  long long value = 0;
  const std::string key = Key(series);
  try {
    // Both backends accept this statement (SQLite since 3.35).
    session << "INSERT INTO number_sequences (issuer, year, series, last_value) "
               "VALUES (:issuer, :year, :series, 1) "
               "ON CONFLICT (issuer, year, series) "
               "DO UPDATE SET last_value = number_sequences.last_value + 1 "
               "RETURNING last_value",
        soci::use(key), soci::use(series.year), soci::use(series.series), soci::into(value);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot take the next number of " + Describe(series));
  }
  return DocumentNumber{value, FormatDocumentNumber(value, series)};
}

engine::Result<std::int64_t> NumberSequences::Last(soci::session& session,
                                                   const NumberSeries& series) const {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  const std::string key = Key(series);
  try {
    session << "SELECT last_value FROM number_sequences "
               "WHERE issuer = :issuer AND year = :year AND series = :series",
        soci::use(key), soci::use(series.year), soci::use(series.series), soci::into(value, ind);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot read the last number of " + Describe(series));
  }
  if (!session.got_data() || ind == soci::i_null) return std::int64_t{0};
  return static_cast<std::int64_t>(value);
}

}  // namespace tdkt::adapters::db
