// tdkt replay --db URL --check: rebuild every dossier from the event log and report every
// projection that differs.

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/data_paths.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/replay.hpp"

namespace tdkt::adapters::cli {

void AddReplayCommand(CLI::App& app, CommandContext& context) {
  struct Options {
    std::string db_url{db::kDefaultDatabaseUrl};
    std::string rules_dir;  // empty: the data directory's (DefaultServiceSettings)
    bool check = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "replay",
      "Rebuild every dossier from the event log (the source of truth) and compare it with the "
      "stored projection");
  command->add_option("--db", options->db_url, "Database URL")->capture_default_str();
  command->add_option("--rules", options->rules_dir,
                      "Directory of the rule packs (default: config/rules in a checkout, else the "
                      "installed data's rules)");
  command
      ->add_flag("--check", options->check,
                 "Report every dossier whose projection differs from what its log rebuilds "
                 "(required: replay never rewrites the projection)")
      ->required();
  command->callback([options, &context] {
    auto url = db::ParseDatabaseUrl(options->db_url);
    if (!url.ok()) {
      context.exit_code = Fail(2, url.status().message());
      return;
    }
    engine::RulePackRegistry packs;
    try {
      packs = config::LoadRulePackDirectory(
          options->rules_dir.empty() ? DefaultServiceSettings().rules_dir : options->rules_dir);
    } catch (const config::ConfigError& e) {
      context.exit_code = Fail(2, e.what());
      return;
    }
    auto database = db::Database::Open(*url, 1);
    if (!database.ok()) {
      context.exit_code = Fail(ExitCodeOf(database.status()), database.status().message());
      return;
    }
    auto report = db::CheckReplay(**database, packs);
    if (!report.ok()) {
      context.exit_code = Fail(1, report.status().message());
      return;
    }
    if (report->differences.empty()) {
      std::cout << "replay: " << report->dossiers << " dossiers and " << report->rounds
                << " decisions and submissions rebuilt from " << report->records
                << " records; every projection matches" << std::endl;
      context.exit_code = 0;
      return;
    }
    for (const auto& d : report->differences) {
      std::cout << "differs: " << (d.dossier_id.rfind('@', 0) == 0 ? "" : "dossier ")
                << d.dossier_id << ": " << d.what << "\n";
    }
    std::cout << "replay: " << report->differences.size() << " difference(s) in "
              << report->dossiers << " dossiers rebuilt from " << report->records << " records"
              << std::endl;
    context.exit_code = 3;
  });
}

}  // namespace tdkt::adapters::cli
