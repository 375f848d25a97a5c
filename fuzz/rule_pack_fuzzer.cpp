// The rule-pack loader (config/rules/*.yaml) on arbitrary text.
//
// Any input either loads or is refused with a ConfigError; no other exception may escape (the
// composition root turns ConfigError, and only it, into a start-up message). A pack that loads
// passed the engine's ValidateRulePack and must make a registry on its own, unless it takes over
// from a pack before it (`takes_over`): alone, the registry refuses it, naming that pack; without
// its takeover it must make one.

#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace config = tdkt::adapters::config;
  const std::string text(tdkt::fuzz::AsText(data, size));
  try {
    tdkt::engine::RulePack pack = config::LoadRulePackString(text, "fuzz.yaml");
    if (pack.takes_over) {
      const std::string from = pack.takes_over->from.value();
      auto alone = tdkt::engine::RulePackRegistry::Create({pack});
      tdkt::fuzz::Check(
          !alone.ok() && alone.status().message().find("'" + from + "'") != std::string::npos,
          "a pack taking over from a pack not in the registry is refused, naming it",
          alone.ok() ? std::string() : alone.status().ToString());
      pack.takes_over.reset();
    }
    auto registry = tdkt::engine::RulePackRegistry::Create({std::move(pack)});
    tdkt::fuzz::Check(registry.ok(), "a pack that loads must make a registry",
                      registry.ok() ? std::string() : registry.status().ToString());
  } catch (const config::ConfigError&) {
    // Refused, with a message naming the key: what a bad file must get.
  }
  return 0;
}
