#pragma once
// The campaign reports the secretariat files (DOMAIN.md, "Documents and numbers"; issue "The
// paperwork"): the structure report (số lượng, cơ cấu khen thưởng) and the results (kết quả khen
// thưởng), as tables of typed cells that adapters/report writes as XLSX or CSV.
//
// Built from facts the store gathers (each dossier with its decision and unit name); what is
// counted and how is decided here. Pure; safe from any thread.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/domain.hpp"
#include "engine/dossier.hpp"

namespace tdkt::engine::reports {

enum class CellKind { kText, kCount, kMoney, kDate, kPercent };

// An empty cell, a text, a whole number (a count or đồng), a share (0..1) or a date.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, std::chrono::sys_days>;

struct Column {
  std::string title;  // Vietnamese, as the office reads it
  CellKind kind = CellKind::kText;
};

struct Table {
  std::string name;   // a short sheet name (≤ 31 characters): "Hình thức"
  std::string title;  // the heading above it
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::optional<std::vector<Cell>> total;  // the "Tổng cộng" row, when the table has one
};

struct Report {
  std::string title;     // "SỐ LƯỢNG, CƠ CẤU KHEN THƯỞNG"
  std::string subtitle;  // the campaign, and the unit for a unit's own report
  std::vector<Table> tables;
};

// One dossier as the reports see it.
struct DossierFact {
  DossierSnapshot dossier;
  std::string unit_name;
  std::string award_name;
  std::string decision_number;  // the commune's or the higher level's
  std::optional<std::chrono::sys_days> decided_on;
  bool decided_by_commune = false;  // approved by a decision of the commune
};

// Proposed: the dossiers that reached the commune (not a draft, not in the unit's review, not
// withdrawn or expired). Awarded: approved (a revoked award no longer counts).
bool CountsAsProposed(const DossierSnapshot& dossier);
bool CountsAsAwarded(const DossierSnapshot& dossier);

// Số lượng, cơ cấu: by award × nominee kind against the campaign's quotas; the shares the
// reference plan asks to favour (people who directly work and produce, households; women among
// individuals); by unit. `unit` names the unit of a unit's own report (facts already filtered).
Report StructureReport(const Campaign& campaign, const std::vector<DossierFact>& facts,
                       const std::map<AwardId, std::string>& award_names,
                       const std::string& unit = "");

// Kết quả khen thưởng: every awardee with its decision number and date, số sổ vàng and prize,
// and the totals.
Report ResultsReport(const Campaign& campaign, const std::vector<DossierFact>& facts,
                     const std::string& unit = "");

}  // namespace tdkt::engine::reports
