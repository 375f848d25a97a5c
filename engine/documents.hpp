#pragma once
// The office's documents (DOMAIN.md, "Documents and numbers"): what a Quyết định khen thưởng
// (decision) or a Tờ trình đề nghị khen thưởng (submission) says, as plain data built from the
// round and the facts of the record, with no layout and no file format. The OOXML writer
// (adapters/documents/docx_writer) lays this out per Nghị định 30/2020/NĐ-CP, Phụ lục I.
//
// Every text here comes from the record (names with their diacritics, units, awards, numbers,
// dates, amounts) or is the fixed wording of the document kind. Pure functions; safe from any
// thread.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/administration.hpp"
#include "engine/domain.hpp"
#include "engine/rounds.hpp"
#include "engine/rule_pack.hpp"

namespace tdkt::engine {

// The attached list (danh sách kèm theo).
struct DocumentList {
  std::string title;        // "DANH SÁCH"
  std::string subtitle;     // "Cá nhân, tập thể được khen thưởng"
  std::string attached_to;  // "(Kèm theo Quyết định số 05/QĐ-UBND ngày 14/8/2024 của …)"
  // A decision's: STT, họ tên / tên tập thể, đơn vị, hình thức, số sổ vàng, số tiền (đồng).
  // A submission's: STT, họ tên / tên tập thể, đơn vị, hình thức đề nghị.
  std::vector<std::string> headers;
  std::vector<int> column_shares;  // each column's share of the width, in percent
  std::string column_align;        // per column: 'l', 'c' or 'r' ("clllrr"); else left
  // As many cells as headers; a row of one cell is a group's heading across the table
  // ("I. Giấy khen của Chủ tịch UBND xã").
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> total;  // the total row; empty for none
};

// A Vietnamese administrative document, element by element in the order Phụ lục I places them.
struct OfficialDocument {
  bool draft = false;  // unsigned: "DỰ THẢO", no number
  // The issuing body (ô số 2), one line each: {"ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯƠNG"}.
  std::vector<std::string> issuer;
  std::string national_title;  // Quốc hiệu (ô số 1)
  std::string motto;           // Tiêu ngữ
  std::string number;          // "Số: 05/QĐ-UBND" or "Số:      /QĐ-UBND" (ô số 3)
  std::string place_and_date;  // "Bình Lương, ngày 14 tháng 8 năm 2024" (ô số 4)
  std::string kind;            // "QUYẾT ĐỊNH", "TỜ TRÌNH" (ô số 5a)
  std::string summary;         // trích yếu
  std::string summary_note;    // a line in parentheses under the summary; "" for none
  std::string addressee;       // "Kính gửi: …" (submissions; "" otherwise)
  std::string authority;       // "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH LƯƠNG" (decisions)
  std::vector<std::string> bases;       // "Căn cứ …;" lines
  std::string resolution;               // "QUYẾT ĐỊNH:" (decisions; "" otherwise)
  std::vector<std::string> paragraphs;  // Điều 1 … or the submission's body
  std::vector<std::string> recipients;  // Nơi nhận lines, after the heading "Nơi nhận:"
  std::string signer_capacity;          // "TM. ỦY BAN NHÂN DÂN" ("\n": a line break)
  std::string signer_title;             // "CHỦ TỊCH"
  std::string signer_name;
  // Paragraphs after the list when the list is in the body (minutes: the conclusion).
  std::vector<std::string> closing;
  // A second signer on the left, in place of Nơi nhận (minutes: THƯ KÝ); "" for none.
  std::string left_signer_title;
  std::string left_signer_name;
  DocumentList list;
  // The list is the document's body (a nomination list), after the summary and before the
  // signature, rather than an attachment on its own page.
  bool list_in_body = false;
  std::string file_name;  // "Quyết định 05-QĐ-UBND.docx" without the extension
};

// What the documents need beyond the round: the commune as the document names it (the issuing
// body in force on the document's date, engine/document_issuer.hpp; a field left empty prints as
// a row of dots for the office to fill), the campaign (its plan number), each unit's name by id,
// the council's minutes when known, the level a submission goes to, and the day a draft is
// printed (for its year and the decree in force).
struct DocumentFacts {
  // The minutes of a council session a decision or submission rests on: their number in the
  // council's BB-HĐTĐKT series, and the commune whose council kept them, in force on the session's
  // day ("Xã Bình Lương" for a dossier its council voted on before a merger); "" for the
  // document's own commune.
  struct Minutes {
    std::string number;  // "03/BB-HĐTĐKT"
    std::string commune;
  };

  CommuneSettings commune;
  Campaign campaign;
  std::map<std::string, std::string> unit_names;  // unit id → name
  std::vector<Minutes> minutes;                   // in the order of the list; empty when unknown
  // "huyện Như Xuân"; "" → "huyện" (the commune's own district) or "tỉnh " and the province,
  // by escalation_target.
  std::string higher_level_name;
  Level escalation_target = Level::kDistrict;
  std::chrono::sys_days today{};
};

// The "Căn cứ" line of the law on local government in force on `day`: Luật số 72/2025/QH15 of
// 16/6/2025 from that day, the 2015 law as amended in 2019 before.
std::string_view LocalGovernmentLaw(std::chrono::sys_days day);

// The decree on commendation in force on `day`: Nghị định 98/2023/NĐ-CP until 30/6/2025,
// Nghị định 152/2025/NĐ-CP from 1/7/2025.
std::string_view CommendationDecree(std::chrono::sys_days day);

// "Bình Lương" for "Xã Bình Lương" (the place name of the date line).
std::string PlaceName(std::string_view commune_name);
// `text`, or the dots a printed document leaves for the office to fill when it is empty.
std::string OrBlank(const std::string& text);
// The place line's name of `commune_name` (PlaceName), or dots when it is not set up.
std::string PlaceOrBlank(const std::string& commune_name);
// Upper case of Vietnamese text (the precomposed letters of Vietnamese and ASCII).
std::string VietnameseUpper(std::string_view text);
// The text without its diacritics ("Quyết định" → "Quyet dinh"), every other character that is
// not printable ASCII, and '"' and '\\', as '_': a file name for clients that cannot read UTF-8.
std::string AsciiFileName(std::string_view text);

// "ngày 04 tháng 8 năm 2024" (Phụ lục I: a day below 10 and the months 1 and 2 with a 0).
std::string DateInWords(std::chrono::sys_days day);
// "4/8/2024".
std::string DateInFigures(std::chrono::sys_days day);
// The commune as running text names it: "xã Bình Lương" (dots when it is not set up).
std::string CommuneInRunningText(const CommuneSettings& commune);

// The decision (kDecision round) or the submission (kSubmission round), as `round` stands: a
// draft prints "DỰ THẢO" and no number. `round` is the round as its reader may see it
// (VisibleTo): the list and the total are those of its lines.
OfficialDocument DecisionDocument(const Round& round, const DocumentFacts& facts);
OfficialDocument SubmissionDocument(const Round& round, const DocumentFacts& facts);
OfficialDocument RoundDocument(const Round& round, const DocumentFacts& facts);

}  // namespace tdkt::engine
