#include "adapters/db/nominee_store.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Status;

namespace {

constexpr const char* kColumns =
    "id, kind, name, unit_id, direct_worker, gender, date_of_birth, position, citizen_id, "
    "collective_kind";

std::chrono::sys_days Today(engine::Timestamp now) {
  // A date of birth is a local date; UTC+7 (Asia/Ho_Chi_Minh) is a day ahead of UTC at most.
  return std::chrono::floor<std::chrono::days>(now + std::chrono::hours(7));
}

Result<engine::RegisteredNominee> FromRow(const soci::row& row) {
  engine::RegisteredNominee n;
  n.id = engine::NomineeId(row.get<std::string>(0));
  auto kind = engine::ParseNomineeKind(row.get<std::string>(1));
  if (!kind) return Status::Unavailable("nominee " + n.id.value() + ": unknown kind");
  n.kind = *kind;
  n.name = row.get<std::string>(2);
  n.unit = engine::UnitId(row.get<std::string>(3));
  n.direct_worker = row.get<int>(4) != 0;
  if (row.get_indicator(5) == soci::i_ok) n.gender = engine::ParseGender(row.get<std::string>(5));
  if (row.get_indicator(6) == soci::i_ok) {
    n.date_of_birth = engine::codec::ParseDate(row.get<std::string>(6));
  }
  n.position = row.get_indicator(7) == soci::i_ok ? row.get<std::string>(7) : "";
  if (row.get_indicator(8) == soci::i_ok) n.citizen_id = row.get<std::string>(8);
  if (row.get_indicator(9) == soci::i_ok) {
    n.collective_kind = engine::ParseCollectiveKind(row.get<std::string>(9));
  }
  return n;
}

Result<std::vector<engine::RegisteredNominee>> Rows(soci::rowset<soci::row>& rows) {
  std::vector<engine::RegisteredNominee> out;
  for (const soci::row& row : rows) {
    auto n = FromRow(row);
    if (!n.ok()) return n.status();
    out.push_back(std::move(*n));
  }
  return out;
}

}  // namespace

Result<std::vector<engine::RegisteredNominee>> NomineeStore::Candidates(
    soci::session& sql, const engine::RegisteredNominee& nominee) const {
  try {
    std::string kind(engine::NomineeKindName(nominee.kind));
    std::string name_key = engine::NameKey(nominee.name);
    std::string citizen = nominee.citizen_id.value_or("");
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kColumns
                     << " FROM nominees WHERE kind = :kind AND (name_key = :key OR"
                        " (citizen_id IS NOT NULL AND citizen_id = :citizen)) ORDER BY id",
         soci::use(kind), soci::use(name_key), soci::use(citizen));
    return Rows(rows);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look up registered nominees");
  }
}

Status NomineeStore::Insert(soci::session& sql, const engine::RegisteredNominee& n,
                            const engine::Actor& actor, engine::Timestamp now) const {
  try {
    std::string id = n.id.value();
    std::string kind(engine::NomineeKindName(n.kind));
    std::string name_key = engine::NameKey(n.name);
    std::string search_key = engine::SearchKey(n.name);
    std::string unit = n.unit.value();
    int direct = n.direct_worker ? 1 : 0;
    std::string gender = n.gender ? std::string(engine::GenderName(*n.gender)) : "";
    soci::indicator gender_ind = n.gender ? soci::i_ok : soci::i_null;
    std::string birth = n.date_of_birth ? engine::codec::FormatDate(*n.date_of_birth) : "";
    soci::indicator birth_ind = n.date_of_birth ? soci::i_ok : soci::i_null;
    std::string citizen = n.citizen_id.value_or("");
    soci::indicator citizen_ind = n.citizen_id ? soci::i_ok : soci::i_null;
    std::string collective =
        n.collective_kind ? std::string(engine::CollectiveKindName(*n.collective_kind)) : "";
    soci::indicator collective_ind = n.collective_kind ? soci::i_ok : soci::i_null;
    std::string by = actor.user.value();
    std::string at = engine::audit::FormatTimestamp(now);
    sql << "INSERT INTO nominees (id, kind, name, name_key, search_key, unit_id, direct_worker,"
           " gender, date_of_birth, position, citizen_id, collective_kind, created_by,"
           " created_at) VALUES (:id, :kind, :name, :name_key, :search_key, :unit, :direct,"
           " :gender, :birth, :position, :citizen, :collective, :by, :at)",
        soci::use(id), soci::use(kind), soci::use(n.name), soci::use(name_key),
        soci::use(search_key), soci::use(unit), soci::use(direct), soci::use(gender, gender_ind),
        soci::use(birth, birth_ind), soci::use(n.position), soci::use(citizen, citizen_ind),
        soci::use(collective, collective_ind), soci::use(by), soci::use(at);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    // The message never quotes the row: it would carry the citizen identity number.
    Status status = StatusFromSqlError(e, "register nominee " + n.id.value());
    if (status.code() == engine::StatusCode::kConflict) {
      return Status::Conflict("registering nominee " + n.id.value() +
                              " conflicted with another registration (the same person or id at "
                              "the same moment); try again");
    }
    return status;
  }
}

Result<RegisterOutcome> NomineeStore::Register(soci::session& sql,
                                               engine::RegisteredNominee nominee,
                                               const engine::Actor& actor, engine::Timestamp now,
                                               bool complete) const {
  if (Status allowed = engine::AuthorizeRegister(actor, nominee.unit); !allowed.ok()) {
    return allowed;
  }
  if (nominee.id.empty()) nominee.id = engine::NomineeId("nm-" + NewToken().substr(5, 16));
  if (Status valid = engine::CheckRegistration(nominee, Today(now), complete); !valid.ok()) {
    return valid;
  }
  DossierStore dossiers(backend_);
  auto unit = dossiers.UnitExists(sql, nominee.unit);
  if (!unit.ok()) return unit.status();
  if (!*unit) {
    return Status::InvalidArgument("nominee.unit_id: no unit '" + nominee.unit.value() + "'");
  }
  auto candidates = Candidates(sql, nominee);
  if (!candidates.ok()) return candidates.status();
  for (const auto& registered : *candidates) {
    engine::DuplicateMatch match = engine::MatchOf(nominee, registered);
    if (match != engine::DuplicateMatch::kNone) {
      return RegisterOutcome{engine::RedactedFor(registered, actor), true, match};
    }
  }
  if (auto taken = Load(sql, nominee.id); taken.ok()) {
    return Status::Conflict("nominee " + nominee.id.value() + " is already registered");
  }
  if (Status s = Insert(sql, nominee, actor, now); !s.ok()) return s;
  return RegisterOutcome{engine::RedactedFor(nominee, actor), false, engine::DuplicateMatch::kNone};
}

Result<engine::RegisteredNominee> NomineeStore::Load(soci::session& sql,
                                                     const engine::NomineeId& id) const {
  try {
    std::string key = id.value();
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kColumns << " FROM nominees WHERE id = :id", soci::use(key));
    auto found = Rows(rows);
    if (!found.ok()) return found.status();
    if (!found->empty()) return std::move(found->front());
    // A nominee id that migration 10 merged into another (its dossiers name the old one).
    std::string merged;
    soci::indicator merged_ind = soci::i_null;
    sql << "SELECT MIN(nominee_id) FROM nominee_merges WHERE from_nominee_id = :id", soci::use(key),
        soci::into(merged, merged_ind);
    if (merged_ind == soci::i_ok && merged != key) return Load(sql, engine::NomineeId(merged));
    return Status::NotFound("no nominee " + id.value());
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load nominee " + id.value());
  }
}

Result<NomineePage> NomineeStore::Search(soci::session& sql, const NomineeSearch& search) const {
  if (search.page < 1) return Status::InvalidArgument("page: must be 1 or more");
  if (search.page_size < 1 || search.page_size > 100) {
    return Status::InvalidArgument("page_size: must be 1 to 100");
  }
  // The folded key holds only [a-z0-9 ], so the query needs no LIKE escaping.
  const std::string q = engine::SearchKey(search.query);
  const std::string contains = "%" + q + "%";
  const std::string prefix = q + "%";
  const std::string word = "% " + q + "%";
  const std::string unit = search.unit ? search.unit->value() : "";
  const std::string where =
      " WHERE search_key LIKE :contains" + std::string(search.unit ? " AND unit_id = :unit" : "");
  NomineePage page;
  try {
    long long total = 0;
    if (search.unit) {
      sql << "SELECT COUNT(*) FROM nominees" + where, soci::use(contains), soci::use(unit),
          soci::into(total);
    } else {
      sql << "SELECT COUNT(*) FROM nominees" + where, soci::use(contains), soci::into(total);
    }
    page.total = total;
    long long limit = search.page_size;
    long long offset = (search.page - 1) * search.page_size;
    // The order is the core's ranking (engine::SearchRank) written as SQL, so that a page is
    // cut from the ranked whole; each hit's rank is then the core's own.
    const std::string select =
        std::string("SELECT ") + kColumns +
        ", search_key, CASE WHEN search_key = :q THEN 0 WHEN search_key LIKE :prefix THEN 1"
        " WHEN search_key LIKE :word THEN 2 ELSE 3 END AS match_rank FROM nominees" +
        where + " ORDER BY match_rank, search_key, id LIMIT :limit OFFSET :offset";
    auto read = [&](soci::rowset<soci::row>& rows) -> Status {
      for (const soci::row& row : rows) {
        auto n = FromRow(row);
        if (!n.ok()) return n.status();
        n->citizen_id.reset();  // never in a list
        page.items.push_back(
            NomineeHit{std::move(*n), engine::SearchRank(row.get<std::string>(10), q).value_or(3)});
      }
      return Status::Ok();
    };
    if (search.unit) {
      soci::rowset<soci::row> rows =
          (sql.prepare << select, soci::use(q), soci::use(prefix), soci::use(word),
           soci::use(contains), soci::use(unit), soci::use(limit), soci::use(offset));
      if (Status s = read(rows); !s.ok()) return s;
    } else {
      soci::rowset<soci::row> rows =
          (sql.prepare << select, soci::use(q), soci::use(prefix), soci::use(word),
           soci::use(contains), soci::use(limit), soci::use(offset));
      if (Status s = read(rows); !s.ok()) return s;
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "search nominees");
  }
  return page;
}

Result<std::vector<HistoryEntry>> NomineeStore::History(soci::session& sql,
                                                        const engine::NomineeId& id) const {
  std::vector<HistoryEntry> out;
  try {
    std::string key = id.value();
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT d.id, d.campaign_id, c.name, c.nomination_cutoff, d.unit_id,"
                        " d.award, d.state, d.decision_number, h.entered_on, d.data,"
                        " d.created_at FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id"
                        " LEFT JOIN honour_register h ON h.dossier_id = d.id"
                        " WHERE d.nominee_id = :id"
                        " ORDER BY c.nomination_cutoff, d.created_at, d.id",
         soci::use(key));
    for (const soci::row& row : rows) {
      HistoryEntry e;
      e.dossier_id = row.get<std::string>(0);
      e.campaign_id = row.get<std::string>(1);
      e.campaign_name = row.get<std::string>(2);
      if (row.get_indicator(3) == soci::i_ok) e.nomination_cutoff = row.get<std::string>(3);
      e.unit_id = row.get<std::string>(4);
      e.award = row.get<std::string>(5);
      e.state = row.get<std::string>(6);
      if (row.get_indicator(7) == soci::i_ok) e.decision_number = row.get<std::string>(7);
      if (row.get_indicator(8) == soci::i_ok) e.decision_date = row.get<std::string>(8);
      auto dossier = DossierRowFromColumns(e.dossier_id, row.get<std::string>(9), 0, std::nullopt,
                                           std::nullopt, "{}", std::nullopt);
      if (!dossier.ok()) return dossier.status();
      const auto& s = dossier->snapshot;
      e.register_number = s.register_number;
      e.higher_decision_number = s.higher_decision_number;
      e.prize_vnd = s.prize_vnd;
      e.outcome_reason = s.outcome_reason;
      e.created_at = row.get<std::string>(10);
      out.push_back(std::move(e));
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "read the history of nominee " + id.value());
  }
  return out;
}

Result<engine::RegisteredNominee> NomineeStore::ResolveForDraft(
    soci::session& sql, const engine::Nominee& nominee, bool by_reference,
    const engine::UnitId& unit, const engine::Actor& actor, engine::Timestamp now) const {
  if (by_reference) {
    auto found = Load(sql, nominee.id);
    if (found.status().code() == engine::StatusCode::kNotFound) {
      return Status::InvalidArgument("dossier.nominee_id: no nominee '" + nominee.id.value() + "'");
    }
    return found;
  }
  if (!nominee.id.empty()) {
    auto found = Load(sql, nominee.id);
    if (found.ok()) {
      if (found->kind != nominee.kind) {
        return Status::InvalidArgument(
            "dossier.nominee.kind: nominee '" + nominee.id.value() + "' is registered as " +
            std::string(engine::NomineeKindName(found->kind)) + ", not " +
            std::string(engine::NomineeKindName(nominee.kind)));
      }
      return found;
    }
    if (found.status().code() != engine::StatusCode::kNotFound) return found.status();
  }
  engine::RegisteredNominee candidate;
  candidate.id = nominee.id;
  candidate.kind = nominee.kind;
  candidate.name = nominee.name;
  candidate.unit = unit;
  candidate.direct_worker = nominee.direct_worker;
  if (nominee.kind == engine::NomineeKind::kIndividual) {
    candidate.gender = nominee.female ? engine::Gender::kFemale : engine::Gender::kMale;
  }
  // An inline collective does not say which kind it is (village, school, ...): left unknown.
  if (nominee.id.empty() && nominee.kind == engine::NomineeKind::kIndividual) {
    auto candidates = Candidates(sql, candidate);
    if (!candidates.ok()) return candidates.status();
    std::string same;
    for (const auto& registered : *candidates) {
      if (registered.unit == unit &&
          engine::NameKey(registered.name) == engine::NameKey(candidate.name)) {
        same += (same.empty() ? "'" : ", '") + registered.id.value() + "'";
      }
    }
    if (!same.empty()) {
      return Status::InvalidArgument(
          "dossier.nominee_id: required — unit '" + unit.value() +
          "' has registered individuals named '" + nominee.name + "' (" + same +
          "); name the one this dossier is for, or register a new one with a date of birth");
    }
  }
  if (nominee.id.empty() && nominee.kind == engine::NomineeKind::kCollective) {
    // The duplicate rule on name and unit, whatever kind of collective was registered.
    auto candidates = Candidates(sql, candidate);
    if (!candidates.ok()) return candidates.status();
    for (const auto& registered : *candidates) {
      if (registered.unit == unit) return registered;
    }
  }
  auto registered = Register(sql, candidate, actor, now, /*complete=*/false);
  if (!registered.ok()) return registered.status();
  return Load(sql, registered->nominee.id);
}

}  // namespace tdkt::adapters::db
