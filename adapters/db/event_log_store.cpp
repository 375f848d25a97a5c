#include "adapters/db/event_log_store.hpp"

#include <soci/soci.h>

#include "adapters/db/settled_log.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/db/write_batch.hpp"
#include "engine/audit/canonical_json.hpp"

namespace tdkt::adapters::db {
namespace {

using engine::audit::AuditRecord;

// Rows fetched per round trip when streaming.
constexpr std::size_t kPageSize = 500;

constexpr const char* kColumns =
    "seq, dossier_id, dossier_seq, event_type, payload, actor_id, actor_role, actor_unit, "
    "occurred_at, request_id, rule_pack, prev_hash, hash";

std::optional<std::string> Nullable(const std::string& value, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return value;
}

// One page of rows, fetched into column vectors.
struct Page {
  explicit Page(std::size_t size)
      : seq(size),
        dossier_id(size),
        dossier_seq(size),
        event_type(size),
        payload(size),
        actor_id(size),
        actor_role(size),
        actor_unit(size),
        actor_unit_ind(size),
        occurred_at(size),
        request_id(size),
        rule_pack(size),
        rule_pack_ind(size),
        prev_hash(size),
        hash(size) {}

  std::vector<long long> seq;
  std::vector<std::string> dossier_id;
  std::vector<long long> dossier_seq;
  std::vector<std::string> event_type;
  std::vector<std::string> payload;
  std::vector<std::string> actor_id;
  std::vector<std::string> actor_role;
  std::vector<std::string> actor_unit;
  std::vector<soci::indicator> actor_unit_ind;
  std::vector<std::string> occurred_at;
  std::vector<std::string> request_id;
  std::vector<std::string> rule_pack;
  std::vector<soci::indicator> rule_pack_ind;
  std::vector<std::string> prev_hash;
  std::vector<std::string> hash;

  AuditRecord Record(std::size_t i) const {
    AuditRecord r;
    r.seq = seq[i];
    r.dossier_id = dossier_id[i];
    r.dossier_seq = dossier_seq[i];
    r.event_type = event_type[i];
    auto parsed = engine::audit::ParseJson(payload[i]);
    r.payload = parsed.ok() ? std::move(parsed).value() : boost::json::value(payload[i]);
    r.actor_id = actor_id[i];
    r.actor_role = actor_role[i];
    r.actor_unit = Nullable(actor_unit[i], actor_unit_ind[i]);
    r.occurred_at = occurred_at[i];
    r.request_id = request_id[i];
    r.rule_pack = Nullable(rule_pack[i], rule_pack_ind[i]);
    r.prev_hash = prev_hash[i];
    r.hash = hash[i];
    return r;
  }
};

void Bind(soci::statement& st, Page& page) {
  st.exchange(soci::into(page.seq));
  st.exchange(soci::into(page.dossier_id));
  st.exchange(soci::into(page.dossier_seq));
  st.exchange(soci::into(page.event_type));
  st.exchange(soci::into(page.payload));
  st.exchange(soci::into(page.actor_id));
  st.exchange(soci::into(page.actor_role));
  st.exchange(soci::into(page.actor_unit, page.actor_unit_ind));
  st.exchange(soci::into(page.occurred_at));
  st.exchange(soci::into(page.request_id));
  st.exchange(soci::into(page.rule_pack, page.rule_pack_ind));
  st.exchange(soci::into(page.prev_hash));
  st.exchange(soci::into(page.hash));
}

}  // namespace

engine::Result<AuditRecord> EventLogStore::Append(soci::session& session,
                                                  const NewEvent& event) const {
  auto sealed = Seal(session, event);
  if (!sealed.ok()) return sealed.status();
  WriteBatch batch(session, backend_);
  Queue(batch, *sealed);
  if (engine::Status s = batch.Flush(); !s.ok()) return s;
  return std::move(sealed->record);
}

engine::Result<SealedEvent> EventLogStore::Seal(soci::session& session,
                                                const NewEvent& event) const {
  AuditRecord r;
  r.dossier_id = event.dossier_id;
  r.event_type = event.event_type;
  r.payload = event.payload;
  r.actor_id = event.actor_id;
  r.actor_role = event.actor_role;
  r.actor_unit = event.actor_unit;
  r.occurred_at = engine::audit::FormatTimestamp(event.occurred_at);
  r.request_id = event.request_id;
  r.rule_pack = event.rule_pack;
  if (engine::Status valid = engine::audit::ValidateRecord(r); !valid.ok()) return valid;
  auto payload = engine::audit::CanonicalJson(r.payload);
  if (!payload.ok()) return payload.status();
  try {
    // The new record's global seq and the dossier's last record, in one round trip.
    long long seq = 0;
    long long last_seq = 0;
    std::string last_hash;
    soci::indicator seq_ind = soci::i_null, hash_ind = soci::i_null;
    // PostgreSQL: the seq is drawn only while this transaction holds the settling lock shared,
    // so that a checkpoint never covers a seq that could still commit (settled_log.hpp). The
    // OFFSET 0 keeps the lock's subquery apart, evaluated before the nextval above it.
    const std::string next_seq =
        backend_ == Backend::kPostgresql
            ? "(SELECT nextval('event_log_seq') FROM (SELECT pg_advisory_xact_lock_shared(" +
                  std::to_string(kSeqAdvisoryLock) + ") OFFSET 0) AS settling)"
            : "(SELECT COALESCE(MAX(seq), 0) + 1 FROM event_log)";
    session << "SELECT " + next_seq +
                   ", previous.dossier_seq, previous.hash FROM (SELECT 1 AS one) AS here LEFT JOIN "
                   "(SELECT dossier_seq, hash FROM event_log WHERE dossier_id = :d "
                   "ORDER BY dossier_seq DESC LIMIT 1) AS previous ON 1 = 1",
        soci::use(r.dossier_id), soci::into(seq), soci::into(last_seq, seq_ind),
        soci::into(last_hash, hash_ind);
    const bool first = seq_ind == soci::i_null;
    r.dossier_seq = first ? 1 : last_seq + 1;
    r.prev_hash = first ? std::string(engine::audit::kGenesisHash) : last_hash;
    r.seq = seq;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(
        e, "cannot append " + r.event_type + " to the event log of dossier " + r.dossier_id);
  }
  auto hash = engine::audit::ComputeRecordHash(r);
  if (!hash.ok()) return hash.status();
  r.hash = *hash;
  return SealedEvent{std::move(r), std::move(*payload)};
}

void EventLogStore::Queue(WriteBatch& batch, const SealedEvent& sealed) const {
  const AuditRecord& r = sealed.record;
  auto nullable = [](const std::optional<std::string>& v) -> WriteBatch::Value {
    if (v) return *v;
    return nullptr;
  };
  batch.Add(
      "INSERT INTO event_log (seq, dossier_id, dossier_seq, event_type, payload, actor_id, "
      "actor_role, actor_unit, occurred_at, request_id, rule_pack, prev_hash, hash) VALUES (?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {static_cast<long long>(r.seq), r.dossier_id, static_cast<long long>(r.dossier_seq),
       r.event_type, sealed.payload, r.actor_id, r.actor_role, nullable(r.actor_unit),
       r.occurred_at, r.request_id, nullable(r.rule_pack), r.prev_hash, r.hash},
      "append " + r.event_type + " to the event log of dossier " + r.dossier_id);
}

engine::Result<std::vector<AuditRecord>> EventLogStore::ReadDossier(
    soci::session& session, const std::string& dossier_id) const {
  std::vector<AuditRecord> records;
  engine::Status status =
      ForEach(session, Order::kByDossier, dossier_id, [&records](AuditRecord&& record) {
        records.push_back(std::move(record));
        return engine::Status::Ok();
      });
  if (!status.ok()) return status;
  return records;
}

engine::Status EventLogStore::ForEach(soci::session& session, Order order,
                                      const std::optional<std::string>& dossier_id,
                                      const Visitor& visit) const {
  // Keyset paging: each page starts after the last row of the previous one. The dossier order's
  // key includes seq so that duplicate dossier_seq values (a tampered log) are not skipped.
  std::string after_dossier;
  long long after_dossier_seq = 0;
  long long after_seq = 0;
  const std::string filter = dossier_id ? " AND dossier_id = :dossier" : "";
  std::string query = std::string("SELECT ") + kColumns + " FROM event_log WHERE ";
  if (order == Order::kBySeq) {
    query += "seq > :after_seq" + filter + " ORDER BY seq";
  } else {
    // A row comparison (the same order as spelled out with OR), which both backends answer from
    // the (dossier_id, dossier_seq) index a page at a time instead of sorting the rest each time.
    query += "(dossier_id, dossier_seq, seq) > (:after_dossier, :after_dossier_seq, :after_seq)" +
             filter + " ORDER BY dossier_id, dossier_seq, seq";
  }
  query += " LIMIT " + std::to_string(kPageSize);
  const std::string dossier = dossier_id.value_or("");
  try {
    while (true) {
      Page page(kPageSize);
      soci::statement st(session);
      st.alloc();
      st.prepare(query);
      if (order == Order::kByDossier) {
        st.exchange(soci::use(after_dossier));
        st.exchange(soci::use(after_dossier_seq));
      }
      st.exchange(soci::use(after_seq));
      if (dossier_id) st.exchange(soci::use(dossier));
      Bind(st, page);
      st.define_and_bind();
      st.execute(true);
      const std::size_t rows = page.seq.size();
      for (std::size_t i = 0; i < rows; ++i) {
        engine::Status status = visit(page.Record(i));
        if (!status.ok()) return status;
      }
      if (rows < kPageSize) return engine::Status::Ok();
      after_dossier = page.dossier_id[rows - 1];
      after_dossier_seq = page.dossier_seq[rows - 1];
      after_seq = page.seq[rows - 1];
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot read the event log");
  }
}

engine::Result<std::map<std::string, std::int64_t>> EventLogStore::ProjectedVersions(
    soci::session& session, const std::optional<std::string>& dossier_id) const {
  std::map<std::string, std::int64_t> versions;
  try {
    std::string id;
    long long version = 0;
    const std::string dossier = dossier_id.value_or("");
    soci::statement st =
        dossier_id ? (session.prepare << "SELECT id, version FROM dossiers WHERE id = :id",
                      soci::use(dossier), soci::into(id), soci::into(version))
                   : (session.prepare << "SELECT id, version FROM dossiers", soci::into(id),
                      soci::into(version));
    st.execute();
    while (st.fetch()) versions[id] = version;
    // Streams that are not dossiers (the administrative stream) keep their length apart, in a
    // table that schema version 6 added (audit verify reads older databases too).
    int schema = 0;
    soci::indicator schema_ind = soci::i_null;
    session << "SELECT MAX(version) FROM schema_migrations", soci::into(schema, schema_ind);
    if (schema_ind != soci::i_ok || schema < 6) return versions;
    soci::statement heads =
        dossier_id ? (session.prepare
                          << "SELECT stream_id, version FROM stream_heads WHERE stream_id = :id",
                      soci::use(dossier), soci::into(id), soci::into(version))
                   : (session.prepare << "SELECT stream_id, version FROM stream_heads",
                      soci::into(id), soci::into(version));
    heads.execute();
    while (heads.fetch()) versions[id] = version;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot read the dossiers' versions");
  }
  return versions;
}

}  // namespace tdkt::adapters::db
