#include "adapters/db/dossier_store.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/sql_error.hpp"
#include "adapters/db/write_batch.hpp"
#include "engine/audit/record.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::adapters::db {

using engine::Status;

namespace {

std::string Or(const std::optional<std::string>& value) { return value.value_or(""); }

}  // namespace

engine::Result<DossierRow> DossierRowFromColumns(const std::string& id, const std::string& data,
                                                 std::int64_t version,
                                                 const std::optional<std::string>& submission,
                                                 const std::optional<std::string>& decision,
                                                 const std::string& deadlines,
                                                 const std::optional<std::string>& next) {
  boost::system::error_code ec;
  boost::json::value json = boost::json::parse(data, ec);
  if (ec) return Status::Unavailable("dossier " + id + ": stored data is not JSON");
  auto snapshot = engine::codec::ParseSnapshot(json);
  if (!snapshot.ok()) {
    return Status::Unavailable("dossier " + id +
                               ": stored data unreadable: " + snapshot.status().message());
  }
  DossierRow row;
  row.snapshot = std::move(*snapshot);
  row.version = version;
  row.submission_number = submission.value_or("");
  row.decision_number = decision.value_or("");
  row.deadlines_json = deadlines;
  row.next_deadline_at = next;
  return row;
}

engine::Result<DossierRow> DossierStore::Load(soci::session& sql, const engine::DossierId& id,
                                              bool for_update) const {
  try {
    std::string data;
    long long version = 0;
    std::string submission;
    std::string decision;
    std::string deadlines;
    std::string next;
    soci::indicator submission_ind = soci::i_null;
    soci::indicator decision_ind = soci::i_null;
    soci::indicator next_ind = soci::i_null;
    std::string key = id.value();
    sql << "SELECT data, version, submission_number, decision_number, deadlines, "
           "next_deadline_at FROM dossiers WHERE id = :id" +
               std::string(for_update && backend_ == Backend::kPostgresql ? " FOR UPDATE" : ""),
        soci::into(data), soci::into(version), soci::into(submission, submission_ind),
        soci::into(decision, decision_ind), soci::into(deadlines), soci::into(next, next_ind),
        soci::use(key);
    if (!sql.got_data()) return Status::NotFound("no dossier " + id.value());
    return DossierRowFromColumns(
        id.value(), data, version,
        submission_ind == soci::i_ok ? std::optional<std::string>(submission) : std::nullopt,
        decision_ind == soci::i_ok ? std::optional<std::string>(decision) : std::nullopt, deadlines,
        next_ind == soci::i_ok ? std::optional<std::string>(next) : std::nullopt);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load dossier " + id.value());
  }
}

namespace {

struct RowColumns {
  std::string id, campaign, unit, state, held_from, rule_pack, nominee_kind, nominee_name, nominee,
      nominee_id, award, deadlines, data, outcome_reason, now;
  soci::indicator held_from_ind, rule_pack_ind, submission_ind, decision_ind, next_ind, outcome_ind;
  std::string submission, decision, next, authority;
  soci::indicator authority_ind = soci::i_null;
  long long version = 0;
  int supplement = 0;
};

RowColumns Columns(const DossierRow& row, engine::Timestamp now) {
  const auto& s = row.snapshot;
  RowColumns c;
  c.id = s.id.value();
  c.campaign = s.campaign.value();
  c.unit = s.unit.value();
  c.state = std::string(engine::StateName(s.state));
  c.held_from = s.held_from ? std::string(engine::StateName(*s.held_from)) : "";
  c.held_from_ind = s.held_from ? soci::i_ok : soci::i_null;
  c.rule_pack = s.rule_pack.value();
  c.rule_pack_ind = s.rule_pack.empty() ? soci::i_null : soci::i_ok;
  c.nominee_kind = std::string(engine::NomineeKindName(s.nominee.kind));
  c.nominee_name = s.nominee.name;
  c.nominee = boost::json::serialize(engine::codec::NomineeToJson(s.nominee));
  c.nominee_id = s.nominee.id.value();
  c.award = s.award.value();
  c.deadlines = row.deadlines_json;
  c.data = boost::json::serialize(engine::codec::SnapshotToJson(s));
  c.outcome_reason = s.outcome_reason;
  c.outcome_ind = s.outcome_reason.empty() ? soci::i_null : soci::i_ok;
  c.submission = row.submission_number;
  c.submission_ind = row.submission_number.empty() ? soci::i_null : soci::i_ok;
  c.decision = row.decision_number;
  c.decision_ind = row.decision_number.empty() ? soci::i_null : soci::i_ok;
  c.next = Or(row.next_deadline_at);
  c.next_ind = row.next_deadline_at ? soci::i_ok : soci::i_null;
  c.version = row.version;
  c.supplement = s.supplement_requests;
  c.authority = s.authority_pack ? s.authority_pack->value() : "";
  c.authority_ind = s.authority_pack ? soci::i_ok : soci::i_null;
  c.now = engine::audit::FormatTimestamp(now);
  return c;
}

}  // namespace

Status DossierStore::Insert(soci::session& sql, const DossierRow& row,
                            engine::Timestamp now) const {
  RowColumns c = Columns(row, now);
  try {
    sql << "INSERT INTO dossiers (id, campaign_id, unit_id, state, held_from, version, rule_pack,"
           " nominee_kind, nominee_name, nominee, nominee_id, award, deadlines, next_deadline_at,"
           " supplement_requested, submission_number, decision_number, outcome_reason, data,"
           " created_at, updated_at) VALUES (:id, :campaign, :unit, :state, :held_from, :version,"
           " :rule_pack, :nominee_kind, :nominee_name, :nominee, :nominee_id, :award, :deadlines,"
           " :next, :supplement, :submission, :decision, :outcome, :data, :now, :now2)",
        soci::use(c.id), soci::use(c.campaign), soci::use(c.unit), soci::use(c.state),
        soci::use(c.held_from, c.held_from_ind), soci::use(c.version),
        soci::use(c.rule_pack, c.rule_pack_ind), soci::use(c.nominee_kind),
        soci::use(c.nominee_name), soci::use(c.nominee), soci::use(c.nominee_id),
        soci::use(c.award), soci::use(c.deadlines), soci::use(c.next, c.next_ind),
        soci::use(c.supplement), soci::use(c.submission, c.submission_ind),
        soci::use(c.decision, c.decision_ind), soci::use(c.outcome_reason, c.outcome_ind),
        soci::use(c.data), soci::use(c.now), soci::use(c.now);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "create dossier " + c.id);
  }
}

Status DossierStore::Save(soci::session& sql, const DossierRow& row, std::int64_t expected_version,
                          engine::Timestamp now) const {
  WriteBatch batch(sql, backend_);
  QueueSave(batch, row, expected_version, now);
  return batch.Flush();
}

void DossierStore::QueueSave(WriteBatch& batch, const DossierRow& row,
                             std::int64_t expected_version, engine::Timestamp now) const {
  RowColumns c = Columns(row, now);
  auto nullable = [](const std::string& value, soci::indicator ind) -> WriteBatch::Value {
    if (ind == soci::i_null) return nullptr;
    return value;
  };
  batch.Add(
      "UPDATE dossiers SET state = ?, held_from = ?, version = ?, rule_pack = ?, deadlines = ?,"
      " next_deadline_at = ?, supplement_requested = ?, submission_number = ?,"
      " decision_number = ?, outcome_reason = ?, data = ?, updated_at = ?, authority_pack = ?,"
      " unit_id = ? WHERE id = ? AND version = ?",
      {c.state, nullable(c.held_from, c.held_from_ind), c.version,
       nullable(c.rule_pack, c.rule_pack_ind), c.deadlines, nullable(c.next, c.next_ind),
       static_cast<long long>(c.supplement), nullable(c.submission, c.submission_ind),
       nullable(c.decision, c.decision_ind), nullable(c.outcome_reason, c.outcome_ind), c.data,
       c.now, nullable(c.authority, c.authority_ind), c.unit, c.id,
       static_cast<long long>(expected_version)},
      "save dossier " + c.id, 1,
      "dossier " + c.id + " was changed by someone else (expected version " +
          std::to_string(expected_version) + "); reload and retry");
}

engine::Result<std::optional<engine::DossierId>> DossierStore::NomineeOtherDossier(
    soci::session& sql, const engine::DossierSnapshot& dossier) const {
  if (dossier.nominee.id.empty()) return std::optional<engine::DossierId>();
  try {
    std::string other;
    soci::indicator found = soci::i_null;
    std::string campaign = dossier.campaign.value();
    std::string nominee = dossier.nominee.id.value();
    std::string id = dossier.id.value();
    // The registered nominee a stored dossier refers to is its nominee_id column (migration 10
    // may have linked a dossier drafted before the register to a merged nominee); a dossier
    // being created is judged on the nominee it names.
    sql << "SELECT MIN(id) FROM dossiers WHERE campaign_id = :c AND nominee_id = COALESCE("
           "(SELECT nominee_id FROM dossiers WHERE id = :id1), :n) AND id <> :id2"
           " AND state NOT IN ('rejected', 'withdrawn', 'expired', 'revoked')",
        soci::into(other, found), soci::use(campaign), soci::use(id), soci::use(nominee),
        soci::use(id);
    if (found != soci::i_ok) return std::optional<engine::DossierId>();
    return std::optional(engine::DossierId(other));
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look up the nominee's other dossiers");
  }
}

engine::Result<int> DossierStore::ApprovedWithAward(soci::session& sql,
                                                    const engine::CampaignId& campaign,
                                                    const engine::AwardId& award) const {
  try {
    int count = 0;
    std::string c = campaign.value();
    std::string a = award.value();
    sql << "SELECT COUNT(*) FROM dossiers WHERE campaign_id = :c AND award = :a"
           " AND state = 'approved'",
        soci::into(count), soci::use(c), soci::use(a);
    return count;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "count the campaign's approved awards");
  }
}

engine::Result<std::vector<std::string>> DossierStore::AllIds(soci::session& sql) const {
  try {
    std::vector<std::string> ids;
    soci::rowset<std::string> rows = (sql.prepare << "SELECT id FROM dossiers ORDER BY id");
    for (const auto& id : rows) ids.push_back(id);
    return ids;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list dossiers");
  }
}

engine::Result<engine::Campaign> DossierStore::LoadCampaign(soci::session& sql,
                                                            const engine::CampaignId& id) const {
  try {
    std::string settings;
    std::string key = id.value();
    sql << "SELECT settings FROM campaigns WHERE id = :id", soci::into(settings), soci::use(key);
    if (!sql.got_data()) return Status::NotFound("no campaign " + id.value());
    boost::system::error_code ec;
    boost::json::value json = boost::json::parse(settings, ec);
    if (ec) return Status::Unavailable("campaign " + id.value() + ": stored settings not JSON");
    return engine::codec::ParseCampaign(json);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load campaign " + id.value());
  }
}

Status DossierStore::SaveCampaign(soci::session& sql, const engine::Campaign& campaign,
                                  engine::Timestamp now, bool replace) const {
  if (Status valid = engine::CheckCampaign(campaign); !valid.ok()) return valid;
  std::string id = campaign.id.value();
  std::string name = campaign.name;
  std::string procedure(engine::ProcedureName(campaign.procedure));
  std::string cutoff = engine::codec::FormatDate(campaign.nomination_cutoff);
  std::string ceremony = campaign.ceremony ? engine::codec::FormatDate(*campaign.ceremony) : "";
  soci::indicator ceremony_ind = campaign.ceremony ? soci::i_ok : soci::i_null;
  std::string settings = boost::json::serialize(engine::codec::CampaignToJson(campaign));
  std::string created = engine::audit::FormatTimestamp(now);
  try {
    sql << "INSERT INTO campaigns (id, name, procedure, nomination_cutoff, ceremony_date,"
           " settings, created_at) VALUES (:id, :name, :procedure, :cutoff, :ceremony, :settings,"
           " :created)" +
               std::string(replace ? " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                                     " procedure = excluded.procedure,"
                                     " nomination_cutoff = excluded.nomination_cutoff,"
                                     " ceremony_date = excluded.ceremony_date,"
                                     " settings = excluded.settings"
                                   : ""),
        soci::use(id), soci::use(name), soci::use(procedure), soci::use(cutoff),
        soci::use(ceremony, ceremony_ind), soci::use(settings), soci::use(created);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "save campaign " + id);
  }
}

engine::Result<bool> DossierStore::UnitExists(soci::session& sql, const engine::UnitId& id) const {
  try {
    int count = 0;
    std::string key = id.value();
    sql << "SELECT COUNT(*) FROM units WHERE id = :id", soci::into(count), soci::use(key);
    return count > 0;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look up unit " + id.value());
  }
}

engine::Result<bool> DossierStore::UnitRetired(soci::session& sql, const engine::UnitId& id) const {
  try {
    int count = 0;
    std::string key = id.value();
    sql << "SELECT COUNT(*) FROM units WHERE id = :id AND retired <> 0", soci::into(count),
        soci::use(key);
    return count > 0;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look up unit " + id.value());
  }
}

}  // namespace tdkt::adapters::db
