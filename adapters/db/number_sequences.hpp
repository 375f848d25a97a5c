#pragma once
// NumberSequences: gapless official document numbers, per issuer, per year, per series.
//
// `15/QĐ-UBND` is the 15th decision (series QĐ) of the People's Committee (issuer UBND) in its
// year; the next is `16/QĐ-UBND`, and 1 January starts again at `01/QĐ-UBND`. Next() increments
// the counter row (issuer, year, series) of number_sequences inside the caller's transaction with
// one INSERT … ON CONFLICT DO UPDATE … RETURNING: on PostgreSQL the row lock makes a concurrent
// caller wait for this transaction's outcome, on SQLite the write lock of BEGIN IMMEDIATE does.
// So a number is used exactly when its transaction commits: none is skipped by a rollback, none
// is given twice. Stateless; usable from any thread, each with its own session.

#include <cstdint>
#include <string>

#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

struct NumberSeries {
  std::string issuer;  // "UBND", "HĐTĐKT"
  int year = 0;        // the calendar year of the document's date (Vietnam time); 0: never restarts
  std::string series;  // "QĐ", "TTr", "KH", "BB"
  // The issuing body when it is not the install's first commune (a commune that succeeded it
  // after a merger: engine::AdministrativeMap::SeriesKeyOn); its series are its own and start at
  // 01. Empty: the first commune's series. Stored with the issuer as the row's key.
  std::string body = {};
};

struct DocumentNumber {
  std::int64_t value = 0;  // 15
  std::string text;        // "15/QĐ-UBND"
};

// "15/QĐ-UBND"; values below 10 get a leading zero ("01/QĐ-UBND").
std::string FormatDocumentNumber(std::int64_t value, const NumberSeries& series);

class NumberSequences {
 public:
  // The next number of `series`. Requires an open transaction on `session`. Returns
  // InvalidArgument for an empty issuer or series or a year outside 1900..9999, Conflict when the
  // database reports a serialization failure or is busy (retry the transaction), Unavailable
  // otherwise.
  engine::Result<DocumentNumber> Next(soci::session& session, const NumberSeries& series) const;

  // The last number given in `series`, 0 when none; Unavailable on failure.
  engine::Result<std::int64_t> Last(soci::session& session, const NumberSeries& series) const;
};

}  // namespace tdkt::adapters::db
