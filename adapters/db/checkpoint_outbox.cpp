#include "adapters/db/checkpoint_outbox.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {
namespace {

std::string DedupeKey(const std::string& day) { return std::string(kCheckpointKind) + ":" + day; }

}  // namespace

engine::Result<bool> CheckpointQueued(soci::session& sql, const std::string& day) {
  try {
    int count = 0;
    const std::string key = DedupeKey(day);
    sql << "SELECT COUNT(*) FROM outbox WHERE dedupe_key = :k", soci::use(key), soci::into(count);
    return count > 0;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot read the outbox");
  }
}

engine::Status QueueCheckpoint(soci::session& sql, const engine::audit::Checkpoint& checkpoint,
                               const std::string& day, engine::Timestamp now) {
  // Every field a scalar: the dispatcher offers scalar fields to the template, and the webhook
  // carries the whole payload.
  boost::json::object payload{{"checkpoint", engine::audit::FormatCheckpoint(checkpoint)},
                              {"day", day},
                              {"size", checkpoint.size},
                              {"last_seq", checkpoint.last_seq},
                              {"root", engine::audit::MerkleHex(checkpoint.root)},
                              {"time", checkpoint.time},
                              {"key", checkpoint.key_id}};
  const std::string text = boost::json::serialize(payload);
  const std::string key = DedupeKey(day);
  const std::string kind = kCheckpointKind;
  const std::string recipient = kCheckpointRecipient;
  const std::string at = engine::audit::FormatTimestamp(now);
  try {
    sql << "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, payload, status,"
           " next_attempt_at, created_at) VALUES (:k, NULL, :kind, 'log', :r, :p, 'pending', :at,"
           " :created) ON CONFLICT (dedupe_key) DO NOTHING",
        soci::use(key), soci::use(kind), soci::use(recipient), soci::use(text), soci::use(at),
        soci::use(at);
    return engine::Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot queue the checkpoint of " + day);
  }
}

engine::Result<std::vector<std::string>> RecentCheckpoints(soci::session& sql, int limit) {
  std::vector<std::string> documents;
  try {
    std::string payload;
    const std::string kind = kCheckpointKind;
    soci::statement st = (sql.prepare << "SELECT payload FROM outbox WHERE kind = :kind ORDER BY "
                                         "id DESC LIMIT " +
                                             std::to_string(limit),
                          soci::use(kind), soci::into(payload));
    st.execute();
    while (st.fetch()) {
      boost::system::error_code ec;
      boost::json::value parsed = boost::json::parse(payload, ec);
      if (ec || !parsed.is_object()) continue;
      const auto* document = parsed.get_object().if_contains("checkpoint");
      if (document != nullptr && document->is_string()) {
        documents.emplace_back(document->get_string());
      }
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot read the checkpoints");
  }
  return documents;
}

}  // namespace tdkt::adapters::db
