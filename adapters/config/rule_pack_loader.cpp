#include "adapters/config/rule_pack_loader.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

#include "adapters/config/yaml_reader.hpp"

namespace tdkt::adapters::config {
namespace {

using engine::DocumentKind;

// Parses a stable name with `parse`, or fails naming `key` and the accepted names.
template <typename T, typename Parse>
T ParseName(YamlMap& map, const std::string& key, const std::string& value, Parse parse,
            const char* expected) {
  std::optional<T> parsed = parse(value);
  if (!parsed) map.Fail(key, std::string("expected ") + expected + ", got \"" + value + "\"");
  return *parsed;
}

template <typename T, typename Parse>
std::vector<T> ParseNames(YamlMap& map, const std::string& key, Parse parse, const char* expected) {
  std::vector<T> values;
  for (const std::string& name : map.StringList(key)) {
    values.push_back(ParseName<T>(map, key, name, parse, expected));
  }
  return values;
}

constexpr const char* kDocumentNames =
    "submission_letter, achievement_report, review_minutes or initiative_certificate";

std::vector<DocumentKind> Documents(YamlMap& map, const std::string& key) {
  return ParseNames<DocumentKind>(map, key, engine::ParseDocumentKind, kDocumentNames);
}

// Every count of working days in a pack; a bound keeps the cast to int from truncating.
constexpr std::int64_t kMostWorkingDays = 1000;

int PositiveInt(YamlMap& map, const std::string& key) {
  const std::int64_t value = map.RequiredInt(key);
  if (value < 1 || value > kMostWorkingDays) {
    map.Fail(key, "expected a number of working days from 1 to " +
                      std::to_string(kMostWorkingDays) + ", got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

// A term of the quorum fraction (ValidateRulePack checks the fraction); bounded so that the cast
// to int cannot turn 4294967298 into 2.
int QuorumTerm(YamlMap& map, const std::string& key) {
  const std::int64_t value = map.RequiredInt(key);
  if (value < 1 || value > 1000) {
    map.Fail(key, "expected an integer from 1 to 1000, got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

std::chrono::sys_days Date(YamlMap& map, const std::string& key) {
  const std::string text = map.RequiredString(key);
  // Digits everywhere but the two dashes: std::stoi would throw on "----" (not a ConfigError).
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && number(0, 4) >= 0 &&
                      number(5, 2) >= 0 && number(8, 2) >= 0;
  std::chrono::year_month_day date{};
  if (shaped) {
    date = std::chrono::year(number(0, 4)) /
           std::chrono::month(static_cast<unsigned>(number(5, 2))) /
           std::chrono::day(static_cast<unsigned>(number(8, 2)));
  }
  if (!shaped || !date.ok()) map.Fail(key, "expected a date YYYY-MM-DD, got \"" + text + "\"");
  return std::chrono::sys_days(date);
}

engine::AwardRule Award(YamlMap& map) {
  engine::AwardRule award;
  award.id = engine::AwardId(map.RequiredString("id"));
  award.name = map.RequiredString("name");
  award.category =
      ParseName<engine::AwardCategory>(map, "category", map.RequiredString("category"),
                                       engine::ParseAwardCategory, "title or commendation");
  award.nominee_kinds = ParseNames<engine::NomineeKind>(
      map, "nominee_kinds", engine::ParseNomineeKind, "individual, collective or household");
  award.deciding_level =
      ParseName<engine::Level>(map, "deciding_level", map.RequiredString("deciding_level"),
                               engine::ParseLevel, "commune, district or province");
  award.required_documents = Documents(map, "required_documents");
  YamlMap threshold = map.RequiredMap("threshold");
  award.threshold.rule = ParseName<engine::ThresholdRule>(
      threshold, "rule", threshold.RequiredString("rule"), engine::ParseThresholdRule,
      "majority_of_present or share_of_members");
  if (award.threshold.rule == engine::ThresholdRule::kShareOfAllMembers) {
    const std::int64_t percent = threshold.RequiredInt("percent");
    if (percent < 1 || percent > 100) {
      threshold.Fail("percent",
                     "expected a percentage from 1 to 100, got " + std::to_string(percent));
    }
    award.threshold.percent = static_cast<int>(percent);
  }
  threshold.RejectUnknownKeys();
  award.appraisal_working_days = PositiveInt(map, "appraisal_working_days");
  // prizes: {individual: {coefficient: "0,3", basis: "…"}, household: {no_prize: "why"}}
  YamlMap prizes = map.RequiredMap("prizes");
  for (engine::NomineeKind kind :
       {engine::NomineeKind::kIndividual, engine::NomineeKind::kCollective,
        engine::NomineeKind::kHousehold}) {
    const std::string key(engine::NomineeKindName(kind));
    std::optional<YamlMap> entry = prizes.OptionalMap(key);
    if (!entry) continue;
    engine::PrizeRule prize;
    prize.kind = kind;
    if (auto none = entry->OptionalString("no_prize")) {
      prize.basis = *none;
      if (entry->Has("coefficient")) {
        entry->Fail("coefficient", "give either coefficient (with basis) or no_prize, not both");
      }
    } else {
      const std::string text = entry->RequiredString("coefficient");
      prize.coefficient_thousandths = engine::ParseCoefficient(text);
      if (!prize.coefficient_thousandths) {
        entry->Fail("coefficient",
                    "expected a coefficient of the base salary such as \"0,3\" "
                    "(at most three decimals), got \"" +
                        text + "\"");
      }
      prize.basis = entry->RequiredString("basis");
    }
    entry->RejectUnknownKeys();
    award.prizes.push_back(std::move(prize));
  }
  prizes.RejectUnknownKeys();
  map.RejectUnknownKeys();
  return award;
}

engine::ProcedureRule ProcedureOf(YamlMap& map) {
  engine::ProcedureRule rule;
  rule.procedure =
      ParseName<engine::Procedure>(map, "id", map.RequiredString("id"), engine::ParseProcedure,
                                   "campaign, ad_hoc or simplified");
  rule.name = map.RequiredString("name");
  if (map.Has("required_documents")) rule.required_documents = Documents(map, "required_documents");
  if (map.Has("appraisal_working_days")) {
    rule.appraisal_working_days = PositiveInt(map, "appraisal_working_days");
  }
  if (map.Has("applies_to")) {
    rule.applies_to = ParseNames<engine::AwardCategory>(
        map, "applies_to", engine::ParseAwardCategory, "title or commendation");
  }
  map.RejectUnknownKeys();
  return rule;
}

engine::RulePack Pack(const YAML::Node& document, const std::string& origin) {
  YamlMap root(document, origin);
  engine::RulePack pack;
  pack.id = engine::RulePackId(root.RequiredString("id"));
  pack.name = root.RequiredString("name");
  pack.province = root.RequiredString("province");
  pack.effective_from = Date(root, "effective_from");
  pack.escalation_target =
      ParseName<engine::Level>(root, "escalation_target", root.RequiredString("escalation_target"),
                               engine::ParseLevel, "district or province");
  YamlMap quorum = root.RequiredMap("quorum");
  pack.quorum.numerator = QuorumTerm(quorum, "numerator");
  pack.quorum.denominator = QuorumTerm(quorum, "denominator");
  quorum.RejectUnknownKeys();
  YamlMap deadlines = root.RequiredMap("deadlines");
  pack.deadlines.supplement = PositiveInt(deadlines, "supplement");
  pack.deadlines.chairman_decision = PositiveInt(deadlines, "chairman_decision");
  pack.deadlines.higher_level = PositiveInt(deadlines, "higher_level");
  deadlines.RejectUnknownKeys();
  for (std::int64_t offset : root.IntList("remind_before_working_days", {})) {
    if (offset < 1 || offset > kMostWorkingDays) {
      root.Fail("remind_before_working_days",
                "expected working days from 1 to " + std::to_string(kMostWorkingDays));
    }
    pack.remind_before_working_days.push_back(static_cast<int>(offset));
  }
  for (YamlMap& procedure : root.MapList("procedures", true)) {
    pack.procedures.push_back(ProcedureOf(procedure));
  }
  for (YamlMap& award : root.MapList("awards", true)) pack.awards.push_back(Award(award));
  if (root.Has("takes_over")) {
    YamlMap takeover = root.RequiredMap("takes_over");
    engine::Takeover t;
    t.from = engine::RulePackId(takeover.RequiredString("from"));
    t.legal_basis = takeover.RequiredString("legal_basis");
    for (YamlMap& ended : takeover.MapList("ended", false)) {
      t.ended.push_back(engine::EndedAward{engine::AwardId(ended.RequiredString("award")),
                                           ended.RequiredString("reason")});
      ended.RejectUnknownKeys();
    }
    takeover.RejectUnknownKeys();
    pack.takes_over = std::move(t);
  }
  root.RejectUnknownKeys();
  if (engine::Status status = engine::ValidateRulePack(pack); !status.ok()) {
    throw ConfigError(origin + ": " + status.message());
  }
  return pack;
}

}  // namespace

engine::RulePack LoadRulePackFile(const std::string& path) {
  return Pack(LoadYamlFile(path), path);
}

engine::RulePack LoadRulePackString(const std::string& text, const std::string& origin) {
  return Pack(LoadYamlString(text, origin), origin);
}

engine::RulePackRegistry LoadRulePackDirectory(const std::string& directory) {
  std::error_code error;
  std::vector<std::string> paths;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".yaml") paths.push_back(it->path().string());
  }
  if (error)
    throw ConfigError(directory + ": cannot read the rule pack directory: " + error.message());
  if (paths.empty()) throw ConfigError(directory + ": no rule pack (*.yaml)");
  std::sort(paths.begin(), paths.end());
  std::vector<engine::RulePack> packs;
  for (const std::string& path : paths) packs.push_back(LoadRulePackFile(path));
  auto registry = engine::RulePackRegistry::Create(std::move(packs));
  if (!registry.ok()) throw ConfigError(directory + ": " + registry.status().message());
  return std::move(registry).value();
}

engine::BaseSalaryTable LoadBaseSalaryFile(const std::string& path) {
  YamlMap root(LoadYamlFile(path), path);
  std::vector<engine::BaseSalary> salaries;
  for (YamlMap& entry : root.MapList("base_salaries", true)) {
    engine::BaseSalary salary;
    salary.effective_from = Date(entry, "effective_from");
    const std::int64_t vnd = entry.RequiredInt("vnd");
    if (vnd < 1 || vnd > 1'000'000'000) {
      entry.Fail("vnd",
                 "expected an amount in đồng from 1 to 1,000,000,000, got " + std::to_string(vnd));
    }
    salary.vnd = vnd;
    salary.basis = entry.RequiredString("basis");
    entry.RejectUnknownKeys();
    salaries.push_back(std::move(salary));
  }
  root.RejectUnknownKeys();
  auto table = engine::BaseSalaryTable::Create(std::move(salaries));
  if (!table.ok()) throw ConfigError(path + ": " + table.status().message());
  return std::move(table).value();
}

std::string BaseSalaryFileBeside(const std::string& rules_directory) {
  return (std::filesystem::path(rules_directory).parent_path() / "base_salary.yaml").string();
}

engine::AdministrativeMap LoadAdministrationFile(const std::string& path) {
  YamlMap root(LoadYamlFile(path), path);
  const std::string commune = root.RequiredString("commune");
  std::vector<engine::AdministrativeUnit> units;
  for (YamlMap& entry : root.MapList("units", true)) {
    engine::AdministrativeUnit unit;
    unit.id = entry.RequiredString("id");
    unit.name = entry.RequiredString("name");
    unit.level = ParseName<engine::Level>(entry, "level", entry.RequiredString("level"),
                                          engine::ParseLevel, "commune, district or province");
    unit.parent = entry.OptionalString("parent");
    if (entry.Has("valid_from")) unit.valid_from = Date(entry, "valid_from");
    if (entry.Has("valid_until")) unit.valid_until = Date(entry, "valid_until");
    unit.successor = entry.OptionalString("successor");
    unit.basis = entry.OptionalString("basis").value_or("");
    if (auto signer = entry.OptionalMap("signer")) {
      unit.signer = engine::Signer{signer->RequiredString("name"),
                                   signer->OptionalString("title").value_or("")};
      signer->RejectUnknownKeys();
    }
    entry.RejectUnknownKeys();
    units.push_back(std::move(unit));
  }
  root.RejectUnknownKeys();
  auto map = engine::AdministrativeMap::Create(std::move(units), commune);
  if (!map.ok()) throw ConfigError(path + ": " + map.status().message());
  return std::move(map).value();
}

std::optional<engine::AdministrativeMap> LoadAdministrationBeside(
    const std::string& rules_directory) {
  const std::filesystem::path path =
      std::filesystem::path(rules_directory).parent_path() / "administration.yaml";
  if (std::error_code ec; !std::filesystem::exists(path, ec)) return std::nullopt;
  return LoadAdministrationFile(path.string());
}

}  // namespace tdkt::adapters::config
