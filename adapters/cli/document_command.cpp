// tdkt document decision|submission|nomination-list|minutes --db URL --id ID --format docx|pdf
// --out FILE: a decision's or submission's document, or a council session's nomination list or
// minutes, as the office prints it, written to FILE. The operator's tool: the whole document (no
// unit scope), dated today for a draft, under the issuing body in force on its date when
// administration.yaml sits beside the rules directory.

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/data_paths.hpp"
#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/group_commit.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/documents/round_documents.hpp"
#include "adapters/scheduler/system_clock.hpp"
#include "engine/council_minutes.hpp"
#include "engine/documents.hpp"
#include "engine/nomination_list.hpp"

namespace tdkt::adapters::cli {

namespace {

struct DocumentOptions {
  DatabaseFlags database;
  std::string id;
  std::string format = "docx";
  std::string out;
};

// What `tdkt document` writes.
enum class Kind { kDecision, kSubmission, kNominationList, kMinutes };

int WriteDocument(Kind what, const DocumentOptions& options) {
  config::ServiceSettings settings;
  engine::RulePackRegistry packs;
  engine::BaseSalaryTable salaries;
  engine::calendar::WorkingCalendar calendar;
  std::optional<engine::AdministrativeMap> administration;
  try {
    settings = LoadSettings(ConfigFile(options.database.config_file));
    packs = config::LoadRulePackDirectory(settings.rules_dir);
    salaries = config::LoadBaseSalaryFile(config::BaseSalaryFileBeside(settings.rules_dir));
    administration = config::LoadAdministrationBeside(settings.rules_dir);
    calendar = config::LoadWorkingCalendar(settings.calendar_dir);
  } catch (const config::ConfigError& e) {
    return Fail(2, e.what());
  }
  int exit_code = 0;
  auto database = OpenConfiguredDatabase(options.database, db::LatestSchemaVersion(), exit_code);
  if (!database) return exit_code;
  db::GroupCommitter committer(*database, db::GroupCommitSettings{});
  db::RoundService rounds(*database, committer, packs, salaries, calendar);
  const scheduler::SystemClock clock;
  const auto today = calendar.LocalDate(clock.Now());
  const auto format = *documents::ParseDocumentFormat(options.format);
  const engine::AdministrativeMap* map = administration ? &*administration : nullptr;
  engine::Result<documents::RenderedDocument> rendered = engine::Status::Unavailable("no document");
  if (what == Kind::kDecision || what == Kind::kSubmission) {
    const auto kind =
        what == Kind::kDecision ? engine::RoundKind::kDecision : engine::RoundKind::kSubmission;
    auto round = rounds.Get(engine::RoundId(options.id));
    if (!round.ok()) return Fail(ExitCodeOf(round.status()), round.status().message());
    if (round->round.kind != kind) {
      return Fail(2, options.id + " is a " + std::string(engine::RoundKindName(round->round.kind)) +
                         ", not a " + std::string(engine::RoundKindName(kind)));
    }
    auto facts = documents::LoadDocumentFacts(*database, round->round, packs, map, today);
    if (!facts.ok()) return Fail(ExitCodeOf(facts.status()), facts.status().message());
    rendered = documents::Render(engine::RoundDocument(round->round, *facts), format);
  } else if (what == Kind::kMinutes) {
    engine::CampaignId campaign;
    auto minutes = documents::LoadCouncilMinutes(*database, options.id, packs, campaign);
    if (!minutes.ok()) return Fail(ExitCodeOf(minutes.status()), minutes.status().message());
    auto facts = documents::LoadDocumentFacts(*database, campaign, packs, map,
                                              minutes->session.held_on, today);
    if (!facts.ok()) return Fail(ExitCodeOf(facts.status()), facts.status().message());
    rendered = documents::Render(engine::MinutesDocument(*minutes, *facts), format);
  } else {
    engine::CampaignId campaign;
    auto session = documents::LoadNominationSession(*database, options.id, packs, today, campaign);
    if (!session.ok()) return Fail(ExitCodeOf(session.status()), session.status().message());
    auto facts =
        documents::LoadDocumentFacts(*database, campaign, packs, map, session->date, today);
    if (!facts.ok()) return Fail(ExitCodeOf(facts.status()), facts.status().message());
    rendered = documents::Render(engine::NominationListDocument(*session, *facts), format);
  }
  if (!rendered.ok()) return Fail(1, rendered.status().message());
  std::ofstream out(options.out, std::ios::binary);
  out.write(rendered->bytes.data(), static_cast<std::streamsize>(rendered->bytes.size()));
  out.close();
  if (!out) return Fail(1, "cannot write " + options.out);
  std::cout << options.out << ": " << rendered->file_name << " (" << rendered->bytes.size()
            << " bytes)" << std::endl;
  return 0;
}

}  // namespace

void AddDocumentCommand(CLI::App& app, CommandContext& context) {
  auto* document = app.add_subcommand(
      "document", "Write an office document (DOCX to edit, PDF to print) from the record");
  document->require_subcommand(1);
  struct Command {
    const char* name;
    const char* help;
    Kind kind;
  };
  static constexpr Command kCommands[] = {
      {"decision", "The Quyết định khen thưởng with its attached list", Kind::kDecision},
      {"submission", "The Tờ trình đề nghị khen thưởng with its attached list", Kind::kSubmission},
      {"nomination-list",
       "The Danh sách đề nghị khen thưởng put to a council session (--id: the session)",
       Kind::kNominationList},
      {"minutes", "The Biên bản họp Hội đồng Thi đua - Khen thưởng (--id: the session)",
       Kind::kMinutes},
  };
  for (const Command& kind : kCommands) {
    auto options = std::make_shared<DocumentOptions>();
    auto* command = document->add_subcommand(kind.name, kind.help);
    AddDatabaseFlags(command, options->database);
    command->add_option("--id", options->id, "The decision's or submission's id")->required();
    command->add_option("--format", options->format, "docx or pdf (PDF needs LibreOffice)")
        ->check(CLI::IsMember({"docx", "pdf"}))
        ->capture_default_str();
    command->add_option("--out", options->out, "The file to write")->required();
    command->callback([options, &context, what = kind.kind] {
      context.exit_code = WriteDocument(what, *options);
    });
  }
}

}  // namespace tdkt::adapters::cli
