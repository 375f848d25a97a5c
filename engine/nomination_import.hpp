#pragma once
// The import of a unit's nomination list (danh sách đề nghị khen thưởng of one unit, usually an
// Excel file): the template's columns, documented in Vietnamese, and the rules each row must meet
// before anything is created. All or nothing: a list with any problem creates nothing, and every
// problem of every row is returned at once, by row and column, in Vietnamese, so that the unit
// corrects the file once.
//
// Two pure steps around what only the store knows:
//   ReadNominationSheet  the header row against the template, then each row: required columns,
//                        values (dates, Nam/Nữ, Có/Không, the identity number), the award allowed
//                        in the campaign and fitting the nominee's kind (the rule pack);
//   DecideImport         who may import for the unit, duplicates within the file, and the facts
//                        the store found per row (the nominee already nominated in the campaign:
//                        Luật Thi đua, khen thưởng 2022, Điều 5); the drafts to create, or the
//                        problems.
// The shell then creates each draft through the same path as a draft created by hand (DecideCreate
// and its audit record), in one transaction.
//
// Pure functions; safe from any thread.

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain.hpp"
#include "engine/drafting.hpp"
#include "engine/ids.hpp"
#include "engine/import_sheet.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

enum class ImportColumn {
  kOrdinal,         // STT
  kKind,            // Đối tượng
  kName,            // Họ và tên / Tên tập thể / Chủ hộ
  kGender,          // Giới tính
  kBirthDate,       // Ngày sinh
  kPosition,        // Chức vụ
  kDirectWorker,    // Trực tiếp lao động, sản xuất
  kIdentityNumber,  // Số định danh cá nhân
  kCollectiveKind,  // Loại tập thể
  kVillage,         // Thôn
  kAward,           // Hình thức khen thưởng
  kAchievement,     // Tóm tắt thành tích
};

// One column of the template: its header as the file must carry it, what to write in it (for the
// template's notes row and its documentation), an example, and whether the header row must hold it
// (the others may be left out when no row needs them).
struct ImportColumnSpec {
  ImportColumn column;
  std::string_view header;
  std::string_view description;
  std::string_view example;
  bool header_required;
};

// The template's columns, in their order (A, B, …).
std::span<const ImportColumnSpec> ImportTemplateColumns();

// The kinds of collective a row may name in «Loại tập thể» (DOMAIN.md, "Nominees").
struct CollectiveKindLabel {
  std::string_view id;     // "village"
  std::string_view label;  // "Thôn"
};
std::span<const CollectiveKindLabel> CollectiveKinds();

// Limits of one list, checked by the readers (adapters/importing) before any row is judged.
inline constexpr int kMaxImportRows = 5000;  // data rows, besides the header

// A nominee as a row describes them.
struct ImportedNominee {
  NomineeKind kind = NomineeKind::kIndividual;
  std::string name;            // the person, the collective, or the head of the household
  std::optional<bool> female;  // individuals
  std::optional<std::chrono::sys_days> birth_date;  // individuals
  std::string position;                             // individuals, optional
  bool direct_worker = false;                       // individuals and households
  std::string identity_number;                      // individuals, optional: 12 digits
  std::string collective_kind;                      // collectives: an id of CollectiveKinds()
  std::string village;                              // households

  friend bool operator==(const ImportedNominee&, const ImportedNominee&) = default;
};

// A row that met the template and the campaign's rules.
struct ImportedRow {
  int row = 0;  // the file's row number
  ImportedNominee nominee;
  AwardId award;
  std::string achievement_summary;
};

// One problem: the row (0 for the file as a whole), the column's letters and header (empty when
// the problem is the row's), and what is wrong, in Vietnamese.
struct ImportProblem {
  int row = 0;
  std::string column;
  std::string header;
  std::string message;

  friend bool operator==(const ImportProblem&, const ImportProblem&) = default;
};

struct ImportReading {
  std::vector<ImportedRow> rows;                // the rows without a problem
  std::vector<ImportProblem> problems;          // every problem of every row, in row order
  std::map<ImportColumn, std::string> columns;  // the letters of each column the header has
};

// Reads `sheet` (its first row the header) against the template, `campaign` (the awards it allows)
// and `pack` (the rule pack in force: the awards and the nominee kinds each admits), on `today` (a
// birth date must be before it). A row is judged whole: all its problems are listed. A sheet with
// a header and no row is one problem.
ImportReading ReadNominationSheet(const Sheet& sheet, const Campaign& campaign,
                                  const RulePack& pack, std::chrono::sys_days today);

// What only the store knows, for each row of the reading (same order).
struct ImportRowFacts {
  // The registered nominee the row names (found by the register's duplicate rule, or registered
  // for it): two rows naming one nominee are one nominee twice. Absent: judged on
  // ImportedNomineeKey.
  std::optional<NomineeId> nominee;
  // The nominee's open (draft included) or approved dossier in the campaign, if any (Luật Thi
  // đua, khen thưởng 2022, Điều 5).
  std::optional<DossierId> other_dossier;
  // Households: whether «Thôn» names a village of the commune (a unit).
  bool village_known = true;
  // Why the register refused the row's nominee (engine::CheckRegistration, AuthorizeRegister),
  // when it did: the row is a problem, the others are still judged.
  std::optional<std::string> registration_refused;
};
struct ImportFacts {
  bool unit_retired = false;
  std::vector<ImportRowFacts> rows;
  std::vector<std::string> villages;  // the commune's villages by name, for the message
};

// The drafts to create for `unit` (ids left empty for the store to choose), or every problem.
struct ImportPlan {
  std::vector<NewDraft> drafts;         // empty when there is any problem
  std::vector<ImportProblem> problems;  // the reading's, then the facts' and duplicates'
};

// Forbidden (AuthorizeCreate: the unit's own officer or the secretariat) and InvalidArgument for a
// retired unit refuse the whole list. Otherwise the plan: a row whose nominee appears on an earlier
// row of the file, or already has a dossier open or approved in the campaign, or a household of a
// village the commune does not have, is a problem. Each draft refers to the row's registered
// nominee when the facts name one. Requires facts.rows.size() == reading.rows.size().
Result<ImportPlan> DecideImport(const ImportReading& reading, const Actor& actor,
                                const UnitId& unit, const Campaign& campaign,
                                const ImportFacts& facts);

// The key that makes two rows of one file the same nominee: the identity number when given,
// otherwise kind, name (spaces collapsed) and date of birth, collective kind or village.
std::string ImportedNomineeKey(const ImportedNominee& nominee);

// A date serial of a spreadsheet as a date: days since 30/12/1899 in the 1900 date system (Excel's
// default; it counts 29/02/1900, which never was, as serial 60, so serials before 61 are a day
// further), or since 01/01/1904 when the workbook says date1904. InvalidArgument for a serial with
// a fraction of a day, out of range (below 1 in the 1900 system, below 0 in the 1904 one, past
// year 9999), or serial 60 of the 1900 system.
Result<std::chrono::sys_days> DateFromSerial(double serial, bool date1904);

}  // namespace tdkt::engine
