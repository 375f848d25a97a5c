#pragma once
// Prize money (tiền thưởng, DOMAIN.md "Prize money"): each award carries its prize as a
// coefficient of the base salary (mức lương cơ sở) per nominee kind, set by decree and carried by
// the rule pack in force on the decision's date; the base salary is effective-dated data.
//
// The amount follows Nghị định 98/2023/NĐ-CP Điều 53 (and Nghị định 152/2025/NĐ-CP Điều 49, which
// keeps the same principles): the base salary in force when the decision is issued ("đang có hiệu
// lực vào thời điểm ban hành quyết định", khoản 1), times the coefficient, "làm tròn số lên hàng
// chục nghìn đồng" (khoản 2): rounded up to the next 10,000 VND.
//
// Coefficients are kept in thousandths (0,3 = 300) so that no floating point touches money.
// Plain values and pure functions; safe from any thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// The prize of one award for one nominee kind: a coefficient of the base salary, or none, with
// the legal text that says so (or the reason there is none).
struct PrizeRule {
  NomineeKind kind = NomineeKind::kIndividual;
  std::optional<std::int64_t> coefficient_thousandths;  // 300 = 0,3 × the base salary
  std::string basis;  // "Nghị định 98/2023/NĐ-CP, Điều 54 khoản 1" or why there is no prize
};

// "0.3" or "0,3" → 300; "1" → 1000; at most three decimals, from 0 to 1000 (a coefficient of
// more than 1000 × the base salary is a typing error). nullopt otherwise.
std::optional<std::int64_t> ParseCoefficient(std::string_view text);
// 300 → "0,3"; 1000 → "1,0" (as the decrees print it).
std::string FormatCoefficient(std::int64_t thousandths);

// One base salary and the day it took effect.
struct BaseSalary {
  std::chrono::sys_days effective_from{};
  std::int64_t vnd = 0;
  std::string basis;  // "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2"
};

// The base salaries in force over time.
class BaseSalaryTable {
 public:
  BaseSalaryTable() = default;
  // Requires positive amounts, a basis for each, and distinct dates; InvalidArgument naming the
  // entry otherwise.
  static Result<BaseSalaryTable> Create(std::vector<BaseSalary> salaries);
  // The salary in force on `day`; NotFound before the first.
  Result<BaseSalary> InForce(std::chrono::sys_days day) const;
  const std::vector<BaseSalary>& salaries() const { return salaries_; }

 private:
  std::vector<BaseSalary> salaries_;  // by effective_from
};

// A prize as a decision prints it.
struct Prize {
  std::optional<std::int64_t> amount_vnd;  // none: the award carries no prize money
  std::int64_t coefficient_thousandths = 0;
  std::int64_t base_salary_vnd = 0;
  std::string basis;              // the article of the coefficient, or why there is no prize
  std::string base_salary_basis;  // the decree of the base salary

  friend bool operator==(const Prize&, const Prize&) = default;
};

// coefficient × base salary, rounded up to the next 10,000 VND (Nghị định 98/2023/NĐ-CP Điều 53
// khoản 2; Nghị định 152/2025/NĐ-CP Điều 49).
std::int64_t PrizeAmount(std::int64_t coefficient_thousandths, std::int64_t base_salary_vnd);

// 1053000 → "1.053.000" (the grouping Vietnamese documents print).
std::string FormatVnd(std::int64_t amount);

}  // namespace tdkt::engine
