#pragma once
// The campaign reports (engine/reports.hpp) from the database: each dossier of the campaign with
// its unit's name, its award's name, and the decision that awarded it (the commune's signed
// decision, or the higher level's answer to a tờ trình), read through the caller's rights: a
// unit-scoped role gets its own unit's dossiers only. Safe from any thread (one session per call).

#include <optional>
#include <string>
#include <string_view>

#include "adapters/db/database.hpp"
#include "engine/domain.hpp"
#include "engine/reports.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::report {

enum class ReportKind { kStructure, kResults };
std::optional<ReportKind> ParseReportKind(std::string_view name);  // "structure", "results"
// "co-cau-khen-thuong", "ket-qua-khen-thuong": an ASCII file name stem.
std::string_view ReportFileStem(ReportKind kind);
// "Cơ cấu khen thưởng", "Kết quả khen thưởng": the Vietnamese file name stem.
std::string_view ReportTitle(ReportKind kind);

// NotFound for an unknown campaign; Forbidden for a role that reads no dossiers (the admin).
engine::Result<engine::reports::Report> BuildReport(db::Database& db,
                                                    const engine::RulePackRegistry& packs,
                                                    ReportKind kind,
                                                    const engine::CampaignId& campaign,
                                                    const engine::Actor& actor);

}  // namespace tdkt::adapters::report
