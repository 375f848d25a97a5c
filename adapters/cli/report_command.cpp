// tdkt report structure|results --campaign ID --format xlsx|csv --out FILE [--db URL | --config]:
// a campaign's structure report (số lượng, cơ cấu khen thưởng) or results (kết quả khen thưởng),
// as the office opens them (adapters/report). Run on the server, it reads everything, as the
// auditor does.

#include <fstream>
#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/data_paths.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/report/report_source.hpp"
#include "adapters/report/report_writers.hpp"

namespace tdkt::adapters::cli {

void AddReportCommand(CLI::App& app, CommandContext& context) {
  struct Options {
    DatabaseFlags database;
    std::string kind;
    std::string campaign;
    std::string format;
    std::string out;
    std::string rules_dir;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "report", "Write a campaign's report: structure (số lượng, cơ cấu) or results (kết quả)");
  command->add_option("kind", options->kind, "structure or results")
      ->required()
      ->check(CLI::IsMember({"structure", "results"}));
  AddDatabaseFlags(command, options->database);
  command->add_option("--campaign", options->campaign, "The campaign's id")->required();
  command->add_option("--format", options->format, "xlsx or csv")
      ->required()
      ->check(CLI::IsMember({"xlsx", "csv"}));
  command->add_option("--out", options->out, "The file to write")->required();
  command->add_option("--rules", options->rules_dir,
                      "Directory of the rule packs (default: config/rules in a checkout, else the "
                      "installed data's rules)");
  command->callback([options, &context] {
    engine::RulePackRegistry packs;
    try {
      packs = config::LoadRulePackDirectory(
          options->rules_dir.empty() ? DefaultServiceSettings().rules_dir : options->rules_dir);
    } catch (const config::ConfigError& e) {
      context.exit_code = Fail(2, e.what());
      return;
    }
    int exit_code = 0;
    auto database = OpenConfiguredDatabase(options->database, db::LatestSchemaVersion(), exit_code);
    if (!database) {
      context.exit_code = exit_code;
      return;
    }
    const engine::Actor reader{engine::UserId("cli"), engine::Role::kAuditor, std::nullopt};
    auto report = report::BuildReport(*database, packs, *report::ParseReportKind(options->kind),
                                      engine::CampaignId(options->campaign), reader);
    if (!report.ok()) {
      context.exit_code = Fail(ExitCodeOf(report.status()), report.status().message());
      return;
    }
    std::string bytes;
    if (options->format == "csv") {
      bytes = report::ToCsv(*report);
    } else {
      auto xlsx = report::ToXlsx(*report);
      if (!xlsx.ok()) {
        context.exit_code = Fail(ExitCodeOf(xlsx.status()), xlsx.status().message());
        return;
      }
      bytes = std::move(*xlsx);
    }
    std::ofstream out(options->out, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      context.exit_code = Fail(1, options->out + ": cannot write the report");
      return;
    }
    std::cout << "report " << options->kind << " of campaign " << options->campaign << ": "
              << options->out << " (" << bytes.size() << " bytes)" << std::endl;
    context.exit_code = 0;
  });
}

}  // namespace tdkt::adapters::cli
