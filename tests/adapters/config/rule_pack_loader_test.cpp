// The shipped rule packs load into exactly the reference structs, and bad packs fail naming the
// file, the key and what was expected.

#include "adapters/config/rule_pack_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "adapters/config/yaml_reader.hpp"
#include "tests/support/reference_packs.hpp"

namespace tdkt::adapters::config {
namespace {

const std::string kRules = std::string(TDKT_SOURCE_DIR) + "/config/rules";

void ExpectSamePack(const engine::RulePack& loaded, const engine::RulePack& expected) {
  EXPECT_EQ(loaded.id, expected.id);
  EXPECT_EQ(loaded.name, expected.name);
  EXPECT_EQ(loaded.province, expected.province);
  EXPECT_EQ(loaded.effective_from, expected.effective_from);
  EXPECT_EQ(loaded.escalation_target, expected.escalation_target);
  EXPECT_EQ(loaded.quorum.numerator, expected.quorum.numerator);
  EXPECT_EQ(loaded.quorum.denominator, expected.quorum.denominator);
  EXPECT_EQ(loaded.deadlines.supplement, expected.deadlines.supplement);
  EXPECT_EQ(loaded.deadlines.chairman_decision, expected.deadlines.chairman_decision);
  EXPECT_EQ(loaded.deadlines.higher_level, expected.deadlines.higher_level);
  EXPECT_EQ(loaded.remind_before_working_days, expected.remind_before_working_days);
  ASSERT_EQ(loaded.procedures.size(), expected.procedures.size());
  for (std::size_t i = 0; i < loaded.procedures.size(); ++i) {
    EXPECT_EQ(loaded.procedures[i].procedure, expected.procedures[i].procedure);
    EXPECT_EQ(loaded.procedures[i].name, expected.procedures[i].name);
    EXPECT_EQ(loaded.procedures[i].required_documents, expected.procedures[i].required_documents);
    EXPECT_EQ(loaded.procedures[i].appraisal_working_days,
              expected.procedures[i].appraisal_working_days);
    EXPECT_EQ(loaded.procedures[i].applies_to, expected.procedures[i].applies_to);
  }
  EXPECT_EQ(loaded.takes_over.has_value(), expected.takes_over.has_value());
  if (loaded.takes_over && expected.takes_over) {
    EXPECT_EQ(loaded.takes_over->from, expected.takes_over->from);
    ASSERT_EQ(loaded.takes_over->ended.size(), expected.takes_over->ended.size());
    for (std::size_t i = 0; i < loaded.takes_over->ended.size(); ++i) {
      EXPECT_EQ(loaded.takes_over->ended[i].award, expected.takes_over->ended[i].award);
      EXPECT_FALSE(loaded.takes_over->ended[i].reason.empty());
    }
    EXPECT_NE(loaded.takes_over->legal_basis.find("190/2025/QH15"), std::string::npos);
  }
  ASSERT_EQ(loaded.awards.size(), expected.awards.size());
  for (std::size_t i = 0; i < loaded.awards.size(); ++i) {
    const engine::AwardRule& a = loaded.awards[i];
    const engine::AwardRule& b = expected.awards[i];
    SCOPED_TRACE(b.id.value());
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.nominee_kinds, b.nominee_kinds);
    EXPECT_EQ(a.deciding_level, b.deciding_level);
    EXPECT_EQ(a.category, b.category);
    EXPECT_EQ(a.required_documents, b.required_documents);
    EXPECT_EQ(a.threshold.rule, b.threshold.rule);
    EXPECT_EQ(a.threshold.percent, b.threshold.percent);
    EXPECT_EQ(a.appraisal_working_days, b.appraisal_working_days);
    // The prize of each nominee kind: the decree's coefficient, or none; every one with a basis.
    ASSERT_EQ(a.prizes.size(), b.prizes.size()) << a.id.value();
    for (const engine::PrizeRule& expected_prize : b.prizes) {
      const engine::PrizeRule* got = a.PrizeFor(expected_prize.kind);
      ASSERT_NE(got, nullptr) << a.id.value();
      EXPECT_EQ(got->coefficient_thousandths, expected_prize.coefficient_thousandths)
          << a.id.value() << " " << engine::NomineeKindName(expected_prize.kind);
      EXPECT_NE(got->basis.find("Nghị định"), std::string::npos) << got->basis;
    }
  }
}

TEST(RulePackLoader, ShippedPacksAreTheReferencePacks) {
  ExpectSamePack(LoadRulePackFile(kRules + "/thanh_hoa_2024.yaml"), testing::ThanhHoa2024Pack());
  ExpectSamePack(LoadRulePackFile(kRules + "/thanh_hoa_2025.yaml"), testing::ThanhHoa2025Pack());
}

TEST(RulePackLoader, DirectoryBecomesARegistryByEffectiveDate) {
  const engine::RulePackRegistry registry = LoadRulePackDirectory(kRules);
  using std::chrono::sys_days;
  using std::chrono::year;
  EXPECT_EQ((*registry.InForce(sys_days(year(2025) / 6 / 30)))->id.value(), "thanh_hoa_2024");
  EXPECT_EQ((*registry.InForce(sys_days(year(2025) / 7 / 1)))->id.value(), "thanh_hoa_2025");
}

// config/administration.yaml: Bình Lương until 30/6/2025, xã Hóa Quỳ after; each dated unit names
// its act. A wrong file stops start-up naming the unit and the field.
TEST(AdministrationLoader, TheShippedUnitsLoadAndABrokenOneIsNamed) {
  const auto map = LoadAdministrationBeside(kRules);
  ASSERT_TRUE(map.has_value());
  using std::chrono::sys_days;
  using std::chrono::year;
  EXPECT_EQ((*map->CommuneOn(sys_days(year(2025) / 6 / 30)))->name, "Xã Bình Lương");
  EXPECT_EQ((*map->CommuneOn(sys_days(year(2025) / 7 / 1)))->name, "Xã Hóa Quỳ");
  for (const engine::AdministrativeUnit& unit : map->units()) {
    if (unit.valid_until) {
      EXPECT_NE(unit.basis.find("2025"), std::string::npos) << unit.id;
    }
  }
  EXPECT_FALSE(LoadAdministrationBeside("/nonexistent/rules").has_value());

  const std::string dir = ::testing::TempDir() + "/tdkt-administration/rules";
  std::filesystem::create_directories(dir);
  {
    std::ofstream file(dir + "/../administration.yaml");
    file << "commune: a\nunits:\n  - {id: a, name: A, level: commune, valid_until: 2025-06-30,"
            " successor: b, basis: x}\n  - {id: b, name: B, level: village}\n";
  }
  try {
    LoadAdministrationBeside(dir);
    ADD_FAILURE() << "a unit of level village loaded";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("level"), std::string::npos) << e.what();
  }
}

// A former commune may name who signed for it: its documents print that name after the admin's
// settings moved on to its successor's Chairman.
TEST(AdministrationLoader, AUnitsSignerIsReadAndAMisspeltKeyIsNamed) {
  const std::string dir = ::testing::TempDir() + "/tdkt-administration-signer/rules";
  std::filesystem::create_directories(dir);
  const std::string units =
      "commune: a\nunits:\n"
      "  - {id: a, name: A, level: commune, valid_until: 2025-06-30, successor: b, basis: x,\n"
      "     signer: {name: \"Lê Đình Tuấn\", title: \"Chủ tịch\"}}\n"
      "  - {id: b, name: B, level: commune, valid_from: 2025-07-01, basis: x,"
      " signer: {name: \"Hà Văn C\"}}\n";
  {
    std::ofstream file(dir + "/../administration.yaml");
    file << units;
  }
  const auto map = LoadAdministrationBeside(dir);
  ASSERT_TRUE(map.has_value());
  ASSERT_TRUE(map->Find("a")->signer.has_value());
  EXPECT_EQ(map->Find("a")->signer->name, "Lê Đình Tuấn");
  EXPECT_EQ(map->Find("a")->signer->title, "Chủ tịch");
  EXPECT_EQ(map->Find("b")->signer->title, "");
  // The shipped file names no signer: its communes' people are not the install's to invent.
  const auto shipped = LoadAdministrationBeside(kRules);
  ASSERT_TRUE(shipped.has_value());
  EXPECT_FALSE(shipped->Find("xa-binh-luong")->signer.has_value());

  {
    std::ofstream file(dir + "/../administration.yaml");
    file << "commune: a\nunits:\n  - {id: a, name: A, level: commune,"
            " signer: {name: X, tittle: Y}}\n";
  }
  try {
    LoadAdministrationBeside(dir);
    ADD_FAILURE() << "a misspelt signer key loaded";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("tittle"), std::string::npos) << e.what();
  }
}

// A minimal valid pack; tests break one thing at a time.
std::string Pack(const std::string& award_extra = "", const std::string& root_extra = "",
                 const std::string& threshold = "{rule: majority_of_present}",
                 const std::string& date = "2025-07-01") {
  return "id: p\nname: P\nprovince: \"Thanh Hóa\"\neffective_from: " + date +
         "\nescalation_target: province\n"
         "quorum: {numerator: 2, denominator: 3}\n"
         "deadlines: {supplement: 5, chairman_decision: 5, higher_level: 20}\n" +
         root_extra +
         "procedures:\n  - {id: campaign, name: C}\n  - {id: ad_hoc, name: A}\n"
         "  - {id: simplified, name: S, required_documents: [submission_letter]}\n"
         "awards:\n  - id: giay_khen_xa\n    name: \"Giấy khen\"\n    category: commendation\n"
         "    nominee_kinds: [individual]\n    deciding_level: commune\n"
         "    required_documents: [submission_letter]\n    threshold: " +
         threshold + "\n    appraisal_working_days: 10\n" +
         "    prizes: {individual: {coefficient: \"0,3\", basis: \"Nghị định 152/2025/NĐ-CP\"}}\n" +
         award_extra;
}

std::string ErrorOf(const std::string& text) {
  try {
    LoadRulePackString(text, "pack.yaml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

// The pack above with its award's prizes replaced by `prizes`.
std::string PackWithPrizes(const std::string& prizes) {
  std::string text = Pack();
  return text.substr(0, text.rfind("    prizes:")) + "    prizes: " + prizes + "\n";
}

TEST(RulePackLoader, EveryNomineeKindHasItsPrizeOrSaysWhyNot) {
  const engine::RulePack pack = LoadRulePackString(Pack(), "pack.yaml");
  ASSERT_EQ(pack.awards[0].prizes.size(), 1u);
  EXPECT_EQ(pack.awards[0].prizes[0].coefficient_thousandths, 300);
  const engine::RulePack none = LoadRulePackString(
      PackWithPrizes("{individual: {no_prize: \"Không có tiền thưởng\"}}"), "pack.yaml");
  EXPECT_FALSE(none.awards[0].prizes[0].coefficient_thousandths.has_value());
  EXPECT_EQ(none.awards[0].prizes[0].basis, "Không có tiền thưởng");
  // Nothing is assumed: a kind without a prize, a coefficient without its article, a bad number.
  EXPECT_NE(ErrorOf(PackWithPrizes("{}")).find("prize for individual: missing"), std::string::npos)
      << ErrorOf(PackWithPrizes("{}"));
  EXPECT_NE(ErrorOf(PackWithPrizes("{individual: {coefficient: \"0,3\"}}"))
                .find("awards[0].prizes.individual.basis"),
            std::string::npos);
  EXPECT_NE(ErrorOf(PackWithPrizes("{individual: {coefficient: \"0.3.1\", basis: x}}"))
                .find("expected a coefficient"),
            std::string::npos);
  EXPECT_NE(ErrorOf(PackWithPrizes("{individual: {coefficient: \"0,3\", basis: x, no_prize: y}}"))
                .find("not both"),
            std::string::npos);
  EXPECT_NE(ErrorOf(PackWithPrizes("{individual: {coefficient: \"0,3\", basis: x}, household: "
                                   "{coefficient: \"0,3\", basis: x}}"))
                .find("which the award does not admit"),
            std::string::npos);
}

TEST(RulePackLoader, ADuplicateKeyIsRefused) {
  // A second `name` in the first award: yaml-cpp would keep the first one silently.
  const std::string error = ErrorOf(Pack("    name: \"Bằng khen\"\n"));
  EXPECT_NE(error.find("pack.yaml:"), std::string::npos) << error;
  EXPECT_NE(error.find("awards[0].name: duplicate key"), std::string::npos) << error;
  EXPECT_NE(ErrorOf(Pack("", "id: q\n")).find("id: duplicate key (first given at line 1)"),
            std::string::npos);
}

TEST(RulePackLoader, MinimalPackLoads) {
  const engine::RulePack pack = LoadRulePackString(Pack(), "pack.yaml");
  EXPECT_EQ(pack.id.value(), "p");
  EXPECT_EQ(pack.FindProcedure(engine::Procedure::kSimplified)->required_documents->size(), 1u);
}

TEST(RulePackLoader, ErrorsNameFileKeyAndExpectation) {
  EXPECT_NE(ErrorOf(Pack("    colour: red\n")).find("awards[0].colour"), std::string::npos);
  const std::string bad_kind = ErrorOf(Pack("", "", "{rule: two_thirds}"));
  EXPECT_NE(bad_kind.find("pack.yaml"), std::string::npos) << bad_kind;
  EXPECT_NE(bad_kind.find("awards[0].threshold.rule"), std::string::npos) << bad_kind;
  EXPECT_NE(bad_kind.find("majority_of_present or share_of_members"), std::string::npos);
  const std::string percent = ErrorOf(Pack("", "", "{rule: share_of_members, percent: 180}"));
  EXPECT_NE(percent.find("awards[0].threshold.percent"), std::string::npos) << percent;
  const std::string date = ErrorOf(Pack("", "", "{rule: majority_of_present}", "2025-02-30"));
  EXPECT_NE(date.find("effective_from: expected a date YYYY-MM-DD"), std::string::npos) << date;
  const std::string unknown_root = ErrorOf(Pack("", "district_exists: true\n"));
  EXPECT_NE(unknown_root.find("district_exists"), std::string::npos) << unknown_root;
}

// Found by fuzz/rule_pack_fuzzer.cpp (fuzz/regressions/rule_pack/): dashes where digits belong
// made std::stoi throw std::invalid_argument, which is no ConfigError, out of the loader; and a
// minus sign gave a pack in force from the year -25.
TEST(RulePackLoader, DashesInPlaceOfDigitsAreADateError) {
  for (const char* date :
       {"\"----------\"", "\"-025-07-01\"", "\"2025--1-01\"", "\"2025-07--1\""}) {
    const std::string error = ErrorOf(Pack("", "", "{rule: majority_of_present}", date));
    EXPECT_NE(error.find("effective_from: expected a date YYYY-MM-DD"), std::string::npos)
        << date << ": " << error;
  }
}

// int64 values were cast to int unchecked: a quorum of 4294967298/4294967299 loaded as 2/3, and
// a reminder 4294967297 working days before a deadline as 1.
TEST(RulePackLoader, LargeIntegersAreRefusedNotTruncated) {
  std::string pack = Pack();
  pack.replace(pack.find("numerator: 2, denominator: 3"), 28,
               "numerator: 4294967298, denominator: 4294967299");
  EXPECT_NE(ErrorOf(pack).find("quorum.numerator: expected an integer from 1 to 1000"),
            std::string::npos)
      << ErrorOf(pack);
  const std::string remind = ErrorOf(Pack("", "remind_before_working_days: [4294967297]\n"));
  EXPECT_NE(remind.find("remind_before_working_days: expected working days from 1 to 1000"),
            std::string::npos)
      << remind;
}

TEST(RulePackLoader, EngineValidationIsReportedWithTheFile) {
  const std::string duplicate =
      ErrorOf(Pack("  - id: giay_khen_xa\n    name: \"Giấy khen\"\n    category: commendation\n"
                   "    nominee_kinds: [household]\n"
                   "    deciding_level: commune\n    required_documents: [submission_letter]\n"
                   "    threshold: {rule: majority_of_present}\n    appraisal_working_days: 10\n"
                   "    prizes: {household: {no_prize: \"Không có\"}}\n"));
  EXPECT_EQ(duplicate, "pack.yaml: rule pack 'p': award 'giay_khen_xa': duplicate id");
}

}  // namespace
}  // namespace tdkt::adapters::config
