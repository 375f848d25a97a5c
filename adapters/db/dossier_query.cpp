#include "adapters/db/dossier_query.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/lifecycle_names.hpp"

namespace tdkt::adapters::db {

using engine::Status;

namespace {

std::optional<std::string> Nullable(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) != soci::i_ok) return std::nullopt;
  return row.get<std::string>(i);
}

}  // namespace

engine::Result<DossierPage> DossierQuery::List(soci::session& sql,
                                               const DossierFilter& filter) const {
  // Each filter is a bound parameter (or a flag beside it) that is neutral when unset, so that
  // the statement is the same text for every combination. Deadlines are RFC 3339 UTC, which
  // sorts as text in every collation (digits, '-', ':', 'T', 'Z' only).
  int limit = std::clamp(filter.limit, 1, 200);
  int fetch = limit + 1;
  int overdue = filter.overdue ? 1 : 0;
  int awaiting = filter.awaiting_transfer ? 1 : 0;
  std::string now = engine::audit::FormatTimestamp(filter.now);
  int due = filter.due_before.empty() ? 0 : 1;
  // In flight (engine::AwaitsTransfer): submitted and not closed. The state names are the core's.
  static const std::string kInFlight = [] {
    std::string list;
    for (engine::State state : engine::kAllStates) {
      if (state == engine::State::kDraft || engine::IsTerminal(state)) continue;
      list += (list.empty() ? "'" : ", '") + std::string(engine::StateName(state)) + "'";
    }
    return list;
  }();
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, data, version, submission_number, decision_number,"
                        " deadlines, next_deadline_at FROM dossiers"
                        " WHERE state = COALESCE(NULLIF(:state, ''), state)"
                        " AND (:await = 0 OR (state IN (" +
                            kInFlight +
                            ") AND (COALESCE(authority_pack, rule_pack) = :from"
                            " OR unit_id IN (SELECT id FROM units WHERE successor_id IS NOT NULL"
                            " AND last_day < :today))))"
                            " AND unit_id = COALESCE(NULLIF(:unit, ''), unit_id)"
                            " AND campaign_id = COALESCE(NULLIF(:campaign, ''), campaign_id)"
                            " AND award = COALESCE(NULLIF(:award, ''), award)"
                            " AND (:overdue = 0 OR next_deadline_at < :now)"
                            " AND (:due = 0 OR next_deadline_at < :due_before)"
                            " AND id > :after ORDER BY id LIMIT :fetch",
         soci::use(filter.state), soci::use(awaiting), soci::use(filter.awaiting_transfer_from),
         soci::use(filter.today), soci::use(filter.unit), soci::use(filter.campaign),
         soci::use(filter.award), soci::use(overdue), soci::use(now), soci::use(due),
         soci::use(filter.due_before), soci::use(filter.after), soci::use(fetch));
    DossierPage page;
    for (const auto& row : rows) {
      if (static_cast<int>(page.rows.size()) == limit) {
        page.cursor = page.rows.back().snapshot.id.value();
        break;
      }
      auto parsed = DossierRowFromColumns(row.get<std::string>(0), row.get<std::string>(1),
                                          row.get<long long>(2), Nullable(row, 3), Nullable(row, 4),
                                          row.get<std::string>(5), Nullable(row, 6));
      if (!parsed.ok()) return parsed.status();
      page.rows.push_back(std::move(*parsed));
    }
    return page;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list dossiers");
  }
}

engine::Status DossierQuery::ForEachInCampaign(
    soci::session& sql, const std::string& campaign, const std::string& unit,
    const std::function<engine::Status(DossierRow&&)>& visit) const {
  try {
    std::string c = campaign;
    std::string u = unit;
    // Two statements rather than an optional predicate, so that each uses its index.
    soci::rowset<soci::row> rows =
        u.empty()
            ? (sql.prepare << "SELECT id, data, version, submission_number, decision_number,"
                              " deadlines, next_deadline_at FROM dossiers WHERE campaign_id = :c"
                              " ORDER BY id",
               soci::use(c))
            : (sql.prepare << "SELECT id, data, version, submission_number, decision_number,"
                              " deadlines, next_deadline_at FROM dossiers WHERE campaign_id = :c"
                              " AND unit_id = :u ORDER BY id",
               soci::use(c), soci::use(u));
    for (const auto& row : rows) {
      auto parsed = DossierRowFromColumns(row.get<std::string>(0), row.get<std::string>(1),
                                          row.get<long long>(2), Nullable(row, 3), Nullable(row, 4),
                                          row.get<std::string>(5), Nullable(row, 6));
      if (!parsed.ok()) return parsed.status();
      if (engine::Status s = visit(std::move(*parsed)); !s.ok()) return s;
    }
    return engine::Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "read the dossiers of campaign " + campaign);
  }
}

engine::Result<CampaignSummary> DossierQuery::Summarise(soci::session& sql,
                                                        const std::string& campaign,
                                                        const std::string& unit,
                                                        engine::Timestamp now) const {
  std::string at = engine::audit::FormatTimestamp(now);
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT state, award, unit_id, COUNT(*),"
                        " SUM(CASE WHEN next_deadline_at < :now THEN 1 ELSE 0 END)"
                        " FROM dossiers WHERE campaign_id = :campaign"
                        " AND unit_id = COALESCE(NULLIF(:unit, ''), unit_id)"
                        " GROUP BY state, award, unit_id",
         soci::use(at), soci::use(campaign), soci::use(unit));
    CampaignSummary summary;
    for (const auto& row : rows) {
      // COUNT and SUM are BIGINT on PostgreSQL (SUM of integers: NUMERIC) and INTEGER on SQLite.
      auto number = [&row](std::size_t i) -> std::int64_t {
        switch (row.get_properties(i).get_data_type()) {
          case soci::dt_integer: return row.get<int>(i);
          case soci::dt_long_long: return row.get<long long>(i);
          case soci::dt_unsigned_long_long:
            return static_cast<std::int64_t>(row.get<unsigned long long>(i));
          case soci::dt_double: return static_cast<std::int64_t>(row.get<double>(i));
          default: return std::stoll(row.get<std::string>(i));
        }
      };
      std::int64_t count = number(3);
      summary.total += count;
      summary.overdue += number(4);
      summary.by_state[row.get<std::string>(0)] += count;
      summary.by_award[row.get<std::string>(1)] += count;
      summary.by_unit[row.get<std::string>(2)] += count;
    }
    return summary;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "summarise campaign " + campaign);
  }
}

engine::Result<DocumentRecord> DossierQuery::AddDocument(soci::session& sql,
                                                         DocumentRecord document,
                                                         const std::string& content) const {
  document.size = static_cast<std::int64_t>(content.size());
  document.sha256 = engine::audit::Sha256Hex(content);
  if (document.id.empty()) document.id = "doc-" + NewToken().substr(5, 16);
  long long size = document.size;
  try {
    // SQLite keeps the bytes of a bound string as a BLOB through the cast; PostgreSQL's BYTEA
    // takes them hex-encoded (a text parameter cannot carry a NUL byte).
    std::string bytes =
        backend_ == Backend::kPostgresql ? engine::audit::HexLower(content) : content;
    std::string value =
        backend_ == Backend::kPostgresql ? "decode(:content, 'hex')" : "CAST(:content AS BLOB)";
    sql << "INSERT INTO documents (id, dossier_id, kind, file_name, media_type, size, sha256,"
           " content, uploaded_by, uploaded_at) VALUES (:id, :dossier, :kind, :file, :media,"
           " :size, :sha, " +
               value + ", :by, :at)",
        soci::use(document.id), soci::use(document.dossier_id), soci::use(document.kind),
        soci::use(document.file_name), soci::use(document.media_type), soci::use(size),
        soci::use(document.sha256), soci::use(bytes), soci::use(document.uploaded_by),
        soci::use(document.uploaded_at);
    return document;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "store a document of dossier " + document.dossier_id);
  }
}

engine::Result<std::vector<DocumentRecord>> DossierQuery::ListDocuments(
    soci::session& sql, const std::string& dossier) const {
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, dossier_id, kind, file_name, media_type, size, sha256,"
                        " uploaded_by, uploaded_at FROM documents WHERE dossier_id = :d"
                        " ORDER BY uploaded_at, id",
         soci::use(dossier));
    std::vector<DocumentRecord> documents;
    for (const auto& row : rows) {
      DocumentRecord d;
      d.id = row.get<std::string>(0);
      d.dossier_id = row.get<std::string>(1);
      d.kind = row.get<std::string>(2);
      d.file_name = row.get<std::string>(3);
      d.media_type = row.get<std::string>(4);
      d.size = row.get_properties(5).get_data_type() == soci::dt_integer ? row.get<int>(5)
                                                                         : row.get<long long>(5);
      d.sha256 = row.get<std::string>(6);
      d.uploaded_by = row.get<std::string>(7);
      d.uploaded_at = row.get<std::string>(8);
      documents.push_back(std::move(d));
    }
    return documents;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list the documents of dossier " + dossier);
  }
}

}  // namespace tdkt::adapters::db
