#include "engine/prize.hpp"

#include <algorithm>
#include <set>

namespace tdkt::engine {

std::optional<std::int64_t> ParseCoefficient(std::string_view text) {
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int decimals = 0;
  bool seen_digit = false;
  bool after_point = false;
  for (char c : text) {
    if (c == '.' || c == ',') {
      if (after_point || !seen_digit) return std::nullopt;
      after_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    if (after_point) {
      if (++decimals > 3) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    } else {
      whole = whole * 10 + (c - '0');
      if (whole > 1000) return std::nullopt;
    }
  }
  if (!seen_digit || (after_point && decimals == 0)) return std::nullopt;
  for (int i = decimals; i < 3; ++i) fraction *= 10;
  const std::int64_t value = whole * 1000 + fraction;
  if (value > 1'000'000) return std::nullopt;
  return value;
}

std::string FormatCoefficient(std::int64_t thousandths) {
  std::string text = std::to_string(thousandths / 1000) + ",";
  std::string fraction = std::to_string(1000 + thousandths % 1000).substr(1);
  while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
  return text + fraction;
}

Result<BaseSalaryTable> BaseSalaryTable::Create(std::vector<BaseSalary> salaries) {
  std::set<std::chrono::sys_days> dates;
  for (const BaseSalary& salary : salaries) {
    const std::string where =
        "base salary from day " + std::to_string(salary.effective_from.time_since_epoch().count());
    if (salary.vnd <= 0) return Status::InvalidArgument(where + ": the amount must be positive");
    if (salary.basis.empty()) {
      return Status::InvalidArgument(where + ": the legal basis is missing");
    }
    if (!dates.insert(salary.effective_from).second) {
      return Status::InvalidArgument(where + ": two base salaries take effect that day");
    }
  }
  std::sort(salaries.begin(), salaries.end(), [](const BaseSalary& a, const BaseSalary& b) {
    return a.effective_from < b.effective_from;
  });
  BaseSalaryTable table;
  table.salaries_ = std::move(salaries);
  return table;
}

Result<BaseSalary> BaseSalaryTable::InForce(std::chrono::sys_days day) const {
  const BaseSalary* found = nullptr;
  for (const BaseSalary& salary : salaries_) {
    if (salary.effective_from <= day) found = &salary;
  }
  if (found == nullptr)
    return Status::NotFound("no base salary (mức lương cơ sở) is in force then");
  return *found;
}

std::int64_t PrizeAmount(std::int64_t coefficient_thousandths, std::int64_t base_salary_vnd) {
  // In thousandths of a đồng: exact for every coefficient a pack can hold.
  const std::int64_t exact = coefficient_thousandths * base_salary_vnd;  // VND × 1000
  constexpr std::int64_t kStep = 10'000LL * 1000;                        // 10,000 VND
  return (exact + kStep - 1) / kStep * 10'000;
}

std::string FormatVnd(std::int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return amount < 0 ? "-" + out : out;
}

}  // namespace tdkt::engine
