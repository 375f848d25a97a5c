#include "adapters/db/replay.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "adapters/db/admin_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/round_json.hpp"
#include "engine/drafting.hpp"
#include "engine/transfer.hpp"
#include "workflows/decide.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Status;

namespace {

class DossierReplayer {
 public:
  DossierReplayer(soci::session& sql, Backend backend, const engine::RulePackRegistry& packs,
                  int utc_offset_minutes, ReplayReport& report)
      : sql_(sql),
        store_(backend),
        log_(backend),
        packs_(packs),
        offset_(utc_offset_minutes),
        report_(report) {}

  Status Check(const std::string& id) {
    auto records = log_.ReadDossier(sql_, id);
    if (!records.ok()) return records.status();
    auto row = store_.Load(sql_, engine::DossierId(id));
    if (!row.ok() && row.status().code() != engine::StatusCode::kNotFound) return row.status();
    ++report_.dossiers;
    report_.records += static_cast<std::int64_t>(records->size());
    if (records->empty()) {
      Differ(id, "the projection has a dossier the log does not know");
      return Status::Ok();
    }
    if (!row.ok()) {
      Differ(id, "the log has a dossier the projection does not know");
      return Status::Ok();
    }

    DossierRow rebuilt;
    for (const auto& record : *records) {
      std::string problem = Step(record, rebuilt);
      if (!problem.empty()) {
        Differ(id, "record " + std::to_string(record.dossier_seq) + " (" + record.event_type +
                       "): " + problem);
        return Status::Ok();
      }
    }
    Compare(id, *row, rebuilt, static_cast<std::int64_t>(records->size()));
    return Status::Ok();
  }

 private:
  void Differ(const std::string& id, std::string what) {
    report_.differences.push_back({id, std::move(what)});
  }

  Result<engine::Campaign> CampaignOf(const engine::CampaignId& id) {
    auto found = campaigns_.find(id.value());
    if (found != campaigns_.end()) return found->second;
    auto campaign = store_.LoadCampaign(sql_, id);
    if (campaign.ok()) campaigns_.emplace(id.value(), *campaign);
    return campaign;
  }

  // Applies one record to `rebuilt`; returns what went wrong, or "".
  std::string Step(const engine::audit::AuditRecord& record, DossierRow& rebuilt) {
    const auto* payload = record.payload.if_object();
    if (payload == nullptr) return "the payload is not an object";
    if (record.event_type == "create") {
      if (record.dossier_seq != 1) return "create is not the first record";
      const auto* dossier = payload->if_contains("dossier");
      if (dossier == nullptr) return "create has no dossier";
      auto snapshot = engine::codec::ParseSnapshot(*dossier);
      if (!snapshot.ok()) return snapshot.status().message();
      rebuilt.snapshot = std::move(*snapshot);
      rebuilt.version = 1;
      return "";
    }
    if (rebuilt.version == 0) return "the dossier's first record is not create";
    auto role = engine::ParseRole(record.actor_role);
    if (!role) return "unknown role " + record.actor_role;
    engine::Actor actor{
        engine::UserId(record.actor_id), *role,
        record.actor_unit ? std::optional(engine::UnitId(*record.actor_unit)) : std::nullopt};
    if (record.event_type == "attach_document") {
      const auto* document = payload->if_contains("document");
      if (document == nullptr) return "attach_document has no document";
      auto attachment = engine::codec::ParseAttachment(*document);
      if (!attachment.ok()) return attachment.status().message();
      auto after = engine::DecideAttach(rebuilt.snapshot, actor, *attachment);
      if (!after.ok()) return "attaching it again is refused: " + after.status().message();
      rebuilt.snapshot = std::move(*after);
      ++rebuilt.version;
      return "";
    }
    auto type = engine::ParseEventType(record.event_type);
    if (!type) return "unknown event type";
    const auto* command_json = payload->if_contains("command");
    if (command_json == nullptr) return "the record has no command";
    auto command = engine::codec::ParseCommand(*type, *command_json);
    if (!command.ok()) return command.status().message();
    auto at = engine::audit::ParseTimestamp(record.occurred_at);
    if (!at.ok()) return at.status().message();
    auto campaign = CampaignOf(rebuilt.snapshot.campaign);
    if (!campaign.ok()) return campaign.status().message();
    Result<const engine::RulePack*> pack =
        record.rule_pack ? packs_.Find(engine::RulePackId(*record.rule_pack))
                         : packs_.InForce(std::chrono::floor<std::chrono::days>(
                               *at + std::chrono::minutes(offset_)));
    if (!pack.ok()) return pack.status().message();
    // The record was accepted: the facts of its day allowed it. The packs it names are still
    // looked up: the dossier's authority after a transfer, and for a transfer its successor. For
    // any other record the pack in force is not consulted: a record written before transfers
    // existed (an approval after 1/7/2025 of a dossier never transferred) still replays.
    const bool transfer = *type == engine::EventType::kTransfer;
    engine::DecideFacts facts;
    if (engine::Status status = engine::FillPackFacts(
            packs_, rebuilt.snapshot, transfer,
            std::chrono::floor<std::chrono::days>(*at + std::chrono::minutes(offset_)), facts);
        !status.ok()) {
      return status.message();
    }
    if (!transfer) facts.successor = nullptr;
    // The pack and unit it moved to, as recorded: the takeover and the succession were checked
    // when the transfer was made (a pack's dates edited since do not change what was done).
    if (const auto* recorded = std::get_if<engine::Transfer>(&*command)) {
      facts.unit_successor = recorded->to_unit;
      if (recorded->to_pack) {
        auto to = packs_.Find(*recorded->to_pack);
        if (!to.ok()) return to.status().message();
        facts.successor = *to;
      }
    }
    auto decision =
        workflows::Decide(rebuilt.snapshot, *command, actor, **pack, *campaign, facts, *at);
    if (!decision.ok()) return "deciding it again is refused: " + decision.status().message();
    std::string to(engine::StateName(decision->dossier.state));
    if (const auto* recorded = payload->if_contains("to");
        recorded != nullptr && recorded->is_string() && recorded->get_string() != to) {
      return "the log says it reached " + std::string(recorded->get_string()) +
             ", deciding it again reaches " + to;
    }
    std::vector<std::string> numbers;
    if (const auto* list = payload->if_contains("numbers"); list != nullptr && list->is_array()) {
      for (const auto& n : list->get_array()) {
        if (n.is_string()) numbers.emplace_back(n.get_string());
      }
    }
    std::size_t next_number = 0;
    for (const auto& effect : decision->effects) {
      const auto* assign = std::get_if<engine::AssignNumber>(&effect);
      if (assign == nullptr) continue;
      if (next_number >= numbers.size()) return "a document number is missing from the record";
      const std::string& number = numbers[next_number++];
      if (assign->series == engine::NumberSeries::kDecision) rebuilt.decision_number = number;
      if (assign->series == engine::NumberSeries::kSubmission) rebuilt.submission_number = number;
    }
    // A signed decision or submission names its number in the command itself.
    if (const auto* approve = std::get_if<engine::Approve>(&*command);
        approve && approve->decision) {
      rebuilt.decision_number = approve->decision->number;
    }
    if (const auto* escalate = std::get_if<engine::Escalate>(&*command);
        escalate && escalate->submission) {
      rebuilt.submission_number = escalate->submission->number;
    }
    rebuilt.snapshot = decision->dossier;
    ++rebuilt.version;
    return "";
  }

  void Compare(const std::string& id, const DossierRow& stored, const DossierRow& rebuilt,
               std::int64_t records) {
    if (stored.version != records) {
      Differ(id, "version: the projection has " + std::to_string(stored.version) + ", the log " +
                     std::to_string(records) + " records");
    }
    if (stored.snapshot.state != rebuilt.snapshot.state) {
      Differ(id, "state: the projection has " +
                     std::string(engine::StateName(stored.snapshot.state)) + ", the log rebuilds " +
                     std::string(engine::StateName(rebuilt.snapshot.state)));
    } else if (!(stored.snapshot == rebuilt.snapshot)) {
      Differ(id, "dossier: the projection has " +
                     boost::json::serialize(engine::codec::SnapshotToJson(stored.snapshot)) +
                     ", the log rebuilds " +
                     boost::json::serialize(engine::codec::SnapshotToJson(rebuilt.snapshot)));
    }
    if (stored.decision_number != rebuilt.decision_number) {
      Differ(id, "decision number: the projection has \"" + stored.decision_number +
                     "\", the log \"" + rebuilt.decision_number + "\"");
    }
    if (stored.submission_number != rebuilt.submission_number) {
      Differ(id, "submission number: the projection has \"" + stored.submission_number +
                     "\", the log \"" + rebuilt.submission_number + "\"");
    }
  }

  soci::session& sql_;
  DossierStore store_;
  EventLogStore log_;
  const engine::RulePackRegistry& packs_;
  int offset_;
  ReplayReport& report_;
  std::map<std::string, engine::Campaign> campaigns_;
};

// A decision's or submission's stream ("@decision/ID"): every record carries the round as it was
// after the change; the last one must be the stored round, and the stream as long as its version.
Status CheckRound(soci::session& sql, Backend backend, const std::string& stream,
                  ReplayReport& report) {
  auto records = EventLogStore(backend).ReadDossier(sql, stream);
  if (!records.ok()) return records.status();
  ++report.rounds;
  report.records += static_cast<std::int64_t>(records->size());
  auto differ = [&](std::string what) { report.differences.push_back({stream, std::move(what)}); };
  const std::string id = stream.substr(stream.find('/') + 1);
  std::string data;
  long long version = 0;
  try {
    sql << "SELECT data, version FROM rounds WHERE id = :id", soci::into(data), soci::into(version),
        soci::use(id);
    if (!sql.got_data()) {
      differ("the log has a round the projection does not know");
      return Status::Ok();
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load round " + id);
  }
  // Folds the stream: drafting, signing and answering records carry the round whole; adding and
  // removing a dossier carry the change.
  std::optional<engine::Round> last;
  for (const auto& record : *records) {
    const std::string where =
        "record " + std::to_string(record.dossier_seq) + " (" + record.event_type + "): ";
    const auto* payload = record.payload.if_object();
    if (payload == nullptr) {
      differ(where + "the payload is not an object");
      return Status::Ok();
    }
    if (record.event_type == "dossier_added" || record.event_type == "dossier_removed") {
      const auto* dossier = payload->if_contains("dossier_id");
      if (!last || dossier == nullptr || !dossier->is_string()) {
        differ(where + "names no dossier, or comes before the round was drafted");
        return Status::Ok();
      }
      const engine::DossierId id(std::string(dossier->get_string()));
      if (record.event_type == "dossier_removed") {
        std::erase_if(last->lines, [&](const engine::RoundLine& l) { return l.dossier == id; });
        continue;
      }
      const auto* line = payload->if_contains("line");
      auto parsed = line != nullptr ? engine::codec::ParseRoundLine(*line)
                                    : Result<engine::RoundLine>(Status::InvalidArgument("no line"));
      if (!parsed.ok() || parsed->dossier != id) {
        differ(where +
               (parsed.ok() ? "the line is of another dossier" : parsed.status().message()));
        return Status::Ok();
      }
      last->lines.push_back(std::move(*parsed));
      continue;
    }
    const auto* round = payload->if_contains("round");
    if (round == nullptr) {
      differ(where + "carries no round");
      return Status::Ok();
    }
    auto parsed = engine::codec::ParseRound(*round);
    if (!parsed.ok()) {
      differ(where + parsed.status().message());
      return Status::Ok();
    }
    if (last && record.event_type == "round_signed" && parsed->lines.size() != last->lines.size()) {
      differ(where + "signs " + std::to_string(parsed->lines.size()) + " lines, the draft had " +
             std::to_string(last->lines.size()));
    }
    last = std::move(*parsed);
  }
  if (static_cast<std::int64_t>(records->size()) != version) {
    differ("version: the projection has " + std::to_string(version) + ", the log " +
           std::to_string(records->size()) + " records");
  }
  boost::system::error_code ec;
  boost::json::value stored_json = boost::json::parse(data, ec);
  auto stored = ec ? Result<engine::Round>(Status::Unavailable("not JSON"))
                   : engine::codec::ParseRound(stored_json);
  if (!stored.ok() || !last || !(*stored == *last)) {
    differ("round: the projection differs from the log's last record");
  }
  return Status::Ok();
}

}  // namespace

Result<ReplayReport> CheckReplay(Database& db, const engine::RulePackRegistry& packs,
                                 int utc_offset_minutes) {
  ReplayReport report;
  auto sql = db.Acquire();
  std::vector<std::string> ids;
  std::vector<std::string> round_streams;
  try {
    // Every dossier either side knows, each once.
    soci::rowset<std::string> rows =
        (sql->prepare << "SELECT id FROM dossiers UNION SELECT DISTINCT dossier_id FROM event_log"
                         " ORDER BY 1");
    // Streams that are not dossiers (the administrative stream "@admin") rebuild no projection;
    // audit verify checks their chains.
    for (const auto& id : rows) {
      if (IsDossierStream(id)) {
        ids.push_back(id);
      } else if (id.rfind("@decision/", 0) == 0 || id.rfind("@submission/", 0) == 0) {
        round_streams.push_back(id);
      }
    }
    // A round the projection holds whose stream is missing is a difference too.
    soci::rowset<soci::row> stored = (sql->prepare << "SELECT kind, id FROM rounds ORDER BY id");
    for (const auto& row : stored) {
      const std::string stream = "@" + row.get<std::string>(0) + "/" + row.get<std::string>(1);
      if (std::find(round_streams.begin(), round_streams.end(), stream) == round_streams.end()) {
        report.differences.push_back({stream, "the projection has a round the log does not know"});
      }
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list the dossiers to replay");
  }
  DossierReplayer replayer(*sql, db.backend(), packs, utc_offset_minutes, report);
  for (const auto& id : ids) {
    if (Status s = replayer.Check(id); !s.ok()) return s;
  }
  for (const auto& stream : round_streams) {
    if (Status s = CheckRound(*sql, db.backend(), stream, report); !s.ok()) return s;
  }
  return report;
}

}  // namespace tdkt::adapters::db
