// tdkt audit verify | export: check the event log's hash chains (and, with --checkpoint, that the
// log extends signed checkpoints), or write the log out for an outside auditor
// (docs/audit-format.md). keygen, checkpoint and prove: audit_checkpoint_command.cpp.
//
// Exit codes: 0 the chain is intact / the export is complete; 1 the database could not be read;
// 2 bad input (URL, unknown dossier, schema too old); 3 verification found a broken chain.

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "adapters/cli/audit_checkpoint.hpp"
#include "adapters/cli/commands.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/migrations.hpp"
#include "engine/audit/canonical_json.hpp"
#include "engine/audit/chain_verifier.hpp"

namespace tdkt::adapters::cli {
namespace {

// The schema version that has the event log.
constexpr int kEventLogSchemaVersion = 2;
constexpr int kBrokenChainExitCode = 3;

struct AuditOptions {
  std::string db_url{db::kDefaultDatabaseUrl};
  std::string dossier;
  std::string format = "jsonl";
  std::vector<std::string> checkpoints;  // verify: signed checkpoints the log must extend
  std::string public_key;                // verify: the key that signed them
};

// Opens and checks the database; on failure stores the exit code in `context` and returns null.
std::unique_ptr<db::Database> OpenForAudit(const AuditOptions& options, CommandContext& context) {
  return OpenDatabaseAtVersion(options.db_url, kEventLogSchemaVersion, context.exit_code);
}

std::optional<std::string> DossierFilter(const AuditOptions& options) {
  if (options.dossier.empty()) return std::nullopt;
  return options.dossier;
}

void VerifyChains(const AuditOptions& options, CommandContext& context);

// The hash chains, and then (with --checkpoint) the signed checkpoints: exit 3 when either fails.
void Verify(const AuditOptions& options, CommandContext& context) {
  if (!options.checkpoints.empty() && options.public_key.empty()) {
    context.exit_code = Fail(2, "--checkpoint needs --public-key FILE, the key that signed it");
    return;
  }
  // --public-key alone checks the daily checkpoints kept in the database.
  const bool checkpoints = !options.checkpoints.empty() || !options.public_key.empty();
  if (checkpoints && !options.dossier.empty()) {
    context.exit_code = Fail(2,
                             "a checkpoint covers the whole log: --checkpoint and --public-key "
                             "cannot go with --dossier");
    return;
  }
  VerifyChains(options, context);
  if (!checkpoints || (context.exit_code != 0 && context.exit_code != 3)) return;
  auto database = OpenForAudit(options, context);
  if (!database) return;
  auto session = database->Acquire();
  const int chains = context.exit_code;
  context.exit_code =
      VerifyCheckpoints(*session, database->backend(), options.checkpoints, options.public_key);
  if (context.exit_code == 0) context.exit_code = chains;
}

void VerifyChains(const AuditOptions& options, CommandContext& context) {
  auto database = OpenForAudit(options, context);
  if (!database) return;
  db::EventLogStore log(database->backend());
  auto session = database->Acquire();
  const auto filter = DossierFilter(options);
  auto versions = log.ProjectedVersions(*session, filter);
  if (!versions.ok()) {
    context.exit_code = Fail(1, versions.status().message());
    return;
  }
  engine::audit::LogVerifier verifier(*versions);
  engine::Status status = log.ForEach(*session, db::EventLogStore::Order::kByDossier, filter,
                                      [&verifier](engine::audit::AuditRecord&& record) {
                                        verifier.Add(std::move(record));
                                        return engine::Status::Ok();
                                      });
  if (!status.ok()) {
    context.exit_code = Fail(1, status.message());
    return;
  }
  engine::audit::LogSummary summary = verifier.Finish();
  if (filter && summary.records == 0 && !summary.first_failure) {
    context.exit_code = Fail(2, "dossier " + *filter + " has no records in the event log");
    return;
  }
  if (!summary.first_failure) {
    std::cout << "audit chain intact: " << summary.records << " records in " << summary.dossiers
              << (summary.dossiers == 1 ? " dossier" : " dossiers") << " verified" << std::endl;
    context.exit_code = 0;
    return;
  }
  const engine::audit::ChainFailure& failure = *summary.first_failure;
  std::cout << "audit chain broken: " << engine::audit::FailureKindName(failure.kind) << ": "
            << failure.message << std::endl;
  std::cout << summary.failed_dossiers << " of "
            << std::max(summary.dossiers, summary.failed_dossiers)
            << " dossiers fail verification; " << summary.records << " records read" << std::endl;
  context.exit_code = kBrokenChainExitCode;
}

// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

engine::Status WriteCsvRow(const engine::audit::AuditRecord& r) {
  auto payload = engine::audit::CanonicalJson(r.payload);
  if (!payload.ok()) return payload.status();
  const std::string fields[] = {std::to_string(r.seq),
                                r.dossier_id,
                                std::to_string(r.dossier_seq),
                                r.event_type,
                                *payload,
                                r.actor_id,
                                r.actor_role,
                                r.actor_unit.value_or(""),
                                r.occurred_at,
                                r.request_id,
                                r.rule_pack.value_or(""),
                                r.prev_hash,
                                r.hash};
  std::string line;
  for (const auto& field : fields) {
    if (!line.empty()) line.push_back(',');
    line += CsvField(field);
  }
  line += "\r\n";
  std::cout << line;
  return engine::Status::Ok();
}

void Export(const AuditOptions& options, CommandContext& context) {
  auto database = OpenForAudit(options, context);
  if (!database) return;
  db::EventLogStore log(database->backend());
  auto session = database->Acquire();
  const bool csv = options.format == "csv";
  if (csv) {
    std::cout << "seq,dossier_id,dossier_seq,event_type,payload,actor_id,actor_role,actor_unit,"
                 "occurred_at,request_id,rule_pack,prev_hash,hash\r\n";
  }
  engine::Status status = log.ForEach(
      *session, db::EventLogStore::Order::kBySeq, DossierFilter(options),
      [csv](engine::audit::AuditRecord&& record) {
        if (csv) return WriteCsvRow(record);
        auto line = engine::audit::CanonicalJson(engine::audit::RecordObjectWithHash(record));
        if (!line.ok()) return line.status();
        std::cout << *line << '\n';
        return engine::Status::Ok();
      });
  std::cout.flush();
  if (!status.ok()) {
    context.exit_code = Fail(1, status.message());
    return;
  }
  context.exit_code = 0;
}

void AddDbOption(CLI::App& command, AuditOptions& options) {
  command
      .add_option("--db", options.db_url,
                  "Database: sqlite:PATH, postgresql://user@host:port/dbname or a libpq "
                  "key=value string")
      ->capture_default_str();
  command.add_option("--dossier", options.dossier, "Only this dossier's records");
}

}  // namespace

void AddAuditCommand(CLI::App& app, CommandContext& context) {
  auto* audit = app.add_subcommand(
      "audit", "Verify or export the hash-chained event log (docs/audit-format.md)");
  audit->require_subcommand(1);
  auto options = std::make_shared<AuditOptions>();

  auto* verify = audit->add_subcommand(
      "verify",
      "Re-compute every record's hash and link; exit 0 with a one-line summary when intact, 3 "
      "naming the first record that was changed, is missing, was reordered or was inserted");
  AddDbOption(*verify, *options);
  verify->add_option("--checkpoint", options->checkpoints,
                     "Signed checkpoints (audit checkpoint) the log must extend, RFC 9162 "
                     "consistency; a rewrite, truncation, deletion or insertion before one is "
                     "named");
  verify->add_option("--public-key", options->public_key,
                     "The public key that signed the checkpoints (audit keygen's FILE.pub); alone, "
                     "checks the daily checkpoints kept in the database");
  verify->callback([options, &context] { Verify(*options, context); });

  auto* exporter = audit->add_subcommand(
      "export", "Write the event log in seq order to stdout: JSON lines (canonical) or CSV");
  AddDbOption(*exporter, *options);
  exporter->add_option("--format", options->format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  exporter->callback([options, &context] { Export(*options, context); });

  AddAuditCheckpointCommands(*audit, context);
}

}  // namespace tdkt::adapters::cli
