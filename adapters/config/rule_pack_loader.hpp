#pragma once
// Loads rule packs (config/rules/*.yaml) into engine::RulePack and the registry that picks the pack
// in force on a submission day.
//
// Configuration errors stop start-up: every function throws ConfigError naming the file, the key
// path ("awards[3].threshold.percent") and what was expected; a pack the engine's ValidateRulePack
// refuses is refused with its message. Not thread-safe; call once, at start-up, from the
// composition root.

#include <optional>
#include <string>
#include <vector>

#include "engine/administrative_units.hpp"
#include "engine/prize.hpp"
#include "engine/rule_pack.hpp"

namespace tdkt::adapters::config {

engine::RulePack LoadRulePackFile(const std::string& path);
// `origin` names the text in errors.
engine::RulePack LoadRulePackString(const std::string& text, const std::string& origin);

// Every *.yaml file of `directory` (in name order), as a registry. Throws ConfigError when the
// directory cannot be read, holds no pack, or two packs clash (same id or effective date).
engine::RulePackRegistry LoadRulePackDirectory(const std::string& directory);

// The base salaries (mức lương cơ sở) prizes are computed from: a file with a `base_salaries`
// list of {effective_from, vnd, basis}. Throws ConfigError naming the entry and field.
engine::BaseSalaryTable LoadBaseSalaryFile(const std::string& path);
// Where that file sits: base_salary.yaml beside the rules directory (config/base_salary.yaml).
std::string BaseSalaryFileBeside(const std::string& rules_directory);

// The administrative units (communes and the levels above, with dates and successors) and the
// install's first commune: a file with `commune` and a `units` list of {id, name, level, parent,
// valid_from, valid_until, successor, basis, signer: {name, title}}. Throws ConfigError naming the
// entry and field.
engine::AdministrativeMap LoadAdministrationFile(const std::string& path);
// administration.yaml beside the rules directory, loaded; none when there is no such file (an
// install with one commune forever).
std::optional<engine::AdministrativeMap> LoadAdministrationBeside(
    const std::string& rules_directory);

}  // namespace tdkt::adapters::config
