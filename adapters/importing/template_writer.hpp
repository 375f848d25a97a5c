#pragma once
// The template of a unit's nomination list (mẫu danh sách đề nghị khen thưởng) for one campaign:
// the columns of engine::ImportTemplateColumns() as the header row, and what to write in each, in
// Vietnamese. XLSX through libxlsxwriter (sheet «Danh sách»: the header, drop-down lists for the
// fixed answers, text format where a leading zero matters; sheet «Hướng dẫn»: each column, an
// example, the awards the campaign allows); CSV as UTF-8 with a byte-order mark, the header only.
// Stateless; safe from any thread.

#include <string>

#include "engine/domain.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::importing {

// The workbook's bytes; Unavailable when it cannot be written (a temporary file is used).
engine::Result<std::string> TemplateXlsx(const engine::Campaign& campaign,
                                         const engine::RulePack& pack);
std::string TemplateCsv();

}  // namespace tdkt::adapters::importing
