#include "adapters/documents/docx_writer.hpp"

#include <zip.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tdkt::adapters::documents {

namespace {

// ---- the layout: Nghị định 30/2020/NĐ-CP, Phụ lục I ("Thể thức và kỹ thuật trình bày văn bản
// hành chính"). The points followed, and the value chosen within each range:
//   Phần I, Mục I.1  Khổ giấy A4 (210 mm x 297 mm)                  → 11906 x 16838 twips
//   Phần I, Mục I.2  theo chiều dài của khổ A4                      → portrait
//   Phần I, Mục I.3  lề trên và dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm
//                                                                   → 20 / 20 / 30 / 15 mm
//   Phần I, Mục I.4  phông chữ Times New Roman, Unicode (TCVN 6909:2001), màu đen
//   Phần II, Mục II.1a  Quốc hiệu: in hoa, cỡ 12–13, đứng, đậm, trên cùng bên phải → 13 pt
//   Phần II, Mục II.1b  Tiêu ngữ: in thường, cỡ 13–14, đứng, đậm, canh giữa dưới Quốc hiệu,
//                       with a solid line below as long as the motto      → 14 pt
//   Mục II.2  tên cơ quan ban hành: in hoa, cỡ 12–13, đứng, đậm, canh giữa, a solid line below
//             of 1/3 to 1/2 of its length, at the top left (ô số 2)       → 13 pt
//   Mục II.3  số, ký hiệu: "Số:" then the number, cỡ 13, đứng, canh giữa dưới tên cơ quan
//   Mục II.4  địa danh và ngày tháng năm: in thường, cỡ 13–14, nghiêng, canh giữa dưới Tiêu
//             ngữ; days below 10 and months 1 and 2 written with a leading 0 (engine/documents)
//                                                                   → 14 pt italic
//   Mục II.5  tên loại văn bản: in hoa, cỡ 13–14, đứng, đậm, canh giữa; trích yếu: in thường,
//             cỡ 13–14, đứng, đậm, canh giữa, a solid line below of 1/3 to 1/2 of its length
//                                                                   → 14 pt
//   Mục II.6  nội dung: in thường, cỡ 13–14, canh đều hai lề, lùi đầu dòng 1–1,27 cm, cách
//             đoạn tối thiểu 6 pt, cách dòng từ đơn đến 1,5 dòng     → 14 pt, 1 cm, 6 pt, single
//             "Điều": từ "Điều", số thứ tự và tiêu đề in đậm         → "Điều 1." in bold
//   Mục II.7  thẩm quyền ký: "TM." and the collective's name, then the title, in hoa, cỡ 13–14,
//             đứng, đậm; họ tên người ký: in thường, cỡ 13–14, đứng, đậm, canh giữa
//   Mục II.9  nơi nhận: "Nơi nhận:" cỡ 12, nghiêng, đậm; the lines below cỡ 11, đứng
//   Mục II.10 (thành phần khác) "DỰ THẢO" for a draft, at the top, in bold.
//   Phần I, Mục I.7  số trang: từ số 1, chữ số Ả Rập, cỡ 13–14, đứng, canh giữa trong lề trên,
//                    không hiển thị số trang thứ nhất → a PAGE field, 13 pt, in the header of
//                    every page but the first (w:titlePg and an empty first-page header)
constexpr int kPageWidth = 11906, kPageHeight = 16838;
constexpr int kMarginTop = 1134, kMarginBottom = 1134, kMarginLeft = 1701, kMarginRight = 850;
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;  // 9355 twips
constexpr int kIssuerColumn = 3900;                                  // ô số 2 and 3
constexpr int kNationalColumn = kTextWidth - kIssuerColumn;          // ô số 1 and 4
constexpr int kFirstLineIndent = 567;                                // 1 cm
constexpr int kParagraphAfter = 120;                                 // 6 pt, in twips

// Sizes in half-points, as OOXML counts them.
constexpr int kSize11 = 22, kSize12 = 24, kSize13 = 26, kSize14 = 28;

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kHeaderType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
constexpr const char* kHeaderRelationship =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";

enum class Align { kLeft, kCenter, kRight, kBoth };

struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
  int size = kSize14;
};

struct ParagraphStyle {
  Align align = Align::kBoth;
  int first_line = 0;
  int before = 0;
  int after = 0;
  int indent_left = 0;
  int indent_right = 0;
  bool line_above = false;  // the short solid lines under the issuer, motto and summary
  bool page_break_before = false;
  bool keep_next = false;
  bool boxed = false;  // "DỰ THẢO"
};

const char* AlignName(Align align) {
  switch (align) {
    case Align::kLeft: return "left";
    case Align::kCenter: return "center";
    case Align::kRight: return "right";
    case Align::kBoth: return "both";
  }
  return "both";
}

void Set(pugi::xml_node node, const char* attribute, const std::string& value) {
  node.append_attribute(attribute).set_value(value.c_str());
}
void Set(pugi::xml_node node, const char* attribute, int value) {
  node.append_attribute(attribute).set_value(value);
}

void Border(pugi::xml_node parent, const char* side, const char* kind = "single") {
  pugi::xml_node b = parent.append_child(side);
  Set(b, "w:val", kind);
  Set(b, "w:sz", 6);
  Set(b, "w:space", 1);
  Set(b, "w:color", "000000");
}

void AddRuns(pugi::xml_node p, const std::vector<Run>& runs) {
  for (const Run& run : runs) {
    pugi::xml_node r = p.append_child("w:r");
    pugi::xml_node pr = r.append_child("w:rPr");
    if (run.bold) pr.append_child("w:b");
    if (run.italic) pr.append_child("w:i");
    Set(pr.append_child("w:sz"), "w:val", run.size);
    Set(pr.append_child("w:szCs"), "w:val", run.size);
    // A '\n' in the text is a line break within the paragraph.
    std::string_view rest = run.text;
    while (true) {
      const auto newline = rest.find('\n');
      pugi::xml_node t = r.append_child("w:t");
      Set(t, "xml:space", "preserve");
      // pugixml escapes &, <, > and quotes on output.
      t.text().set(std::string(rest.substr(0, newline)).c_str());
      if (newline == std::string_view::npos) break;
      r.append_child("w:br");
      rest.remove_prefix(newline + 1);
    }
  }
}

pugi::xml_node AddParagraph(pugi::xml_node parent, const ParagraphStyle& style,
                            const std::vector<Run>& runs) {
  pugi::xml_node p = parent.append_child("w:p");
  pugi::xml_node pr = p.append_child("w:pPr");
  if (style.keep_next) pr.append_child("w:keepNext");
  if (style.page_break_before) pr.append_child("w:pageBreakBefore");
  if (style.line_above || style.boxed) {
    pugi::xml_node borders = pr.append_child("w:pBdr");
    if (style.boxed) {
      for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) Border(borders, side);
    } else {
      Border(borders, "w:top");
    }
  }
  pugi::xml_node spacing = pr.append_child("w:spacing");
  Set(spacing, "w:before", style.before);
  Set(spacing, "w:after", style.after);
  Set(spacing, "w:line", 240);
  Set(spacing, "w:lineRule", "auto");
  pugi::xml_node ind = pr.append_child("w:ind");
  Set(ind, "w:left", style.indent_left);
  Set(ind, "w:right", style.indent_right);
  if (style.first_line > 0) Set(ind, "w:firstLine", style.first_line);
  Set(pr.append_child("w:jc"), "w:val", AlignName(style.align));
  AddRuns(p, runs);
  return p;
}

// A short solid line, centred in a column `width` wide, `length` long (an empty paragraph whose
// top border is the line).
void AddRule(pugi::xml_node parent, int width, int length) {
  const int side = (width - length) / 2;
  AddParagraph(parent,
               ParagraphStyle{.align = Align::kCenter,
                              .before = 80,  // 4 pt below the text it closes
                              .indent_left = side,
                              .indent_right = side,
                              .line_above = true},
               {Run{"", false, false, 8}});
}

pugi::xml_node AddTable(pugi::xml_node body, const std::vector<int>& widths, bool borders) {
  pugi::xml_node tbl = body.append_child("w:tbl");
  pugi::xml_node pr = tbl.append_child("w:tblPr");
  pugi::xml_node w = pr.append_child("w:tblW");
  int total = 0;
  for (int width : widths) total += width;
  Set(w, "w:w", total);
  Set(w, "w:type", "dxa");
  // The children in the order ECMA-376 (CT_TblPr) sets, which Word enforces.
  pugi::xml_node b = pr.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    Border(b, side, borders ? "single" : "nil");
  }
  Set(pr.append_child("w:tblLayout"), "w:type", "fixed");
  pugi::xml_node margins = pr.append_child("w:tblCellMar");
  for (const char* side : {"w:left", "w:right"}) {
    pugi::xml_node m = margins.append_child(side);
    Set(m, "w:w", borders ? 80 : 0);
    Set(m, "w:type", "dxa");
  }
  pugi::xml_node grid = tbl.append_child("w:tblGrid");
  for (int width : widths) Set(grid.append_child("w:gridCol"), "w:w", width);
  return tbl;
}

// A cell `width` wide spanning `span` grid columns. A bordered cell carries its own borders:
// LibreOffice drops the table-level borders of a table followed by a borderless one.
pugi::xml_node AddCell(pugi::xml_node row, int width, bool bordered = false, int span = 1) {
  pugi::xml_node tc = row.append_child("w:tc");
  pugi::xml_node pr = tc.append_child("w:tcPr");  // children in CT_TcPr's order
  pugi::xml_node w = pr.append_child("w:tcW");
  Set(w, "w:w", width);
  Set(w, "w:type", "dxa");
  if (span > 1) Set(pr.append_child("w:gridSpan"), "w:val", span);
  if (bordered) {
    pugi::xml_node borders = pr.append_child("w:tcBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) Border(borders, side);
    pugi::xml_node margins = pr.append_child("w:tcMar");
    for (const char* side : {"w:left", "w:right"}) {
      pugi::xml_node m = margins.append_child(side);
      Set(m, "w:w", 80);
      Set(m, "w:type", "dxa");
    }
  }
  return tc;
}

// "Điều 1. Khen thưởng …" with "Điều 1." in bold (Mục II.6).
std::vector<Run> ArticleRuns(const std::string& text) {
  if (text.starts_with("Điều ")) {
    if (const auto dot = text.find(". "); dot != std::string::npos && dot < 12) {
      return {Run{text.substr(0, dot + 1), true}, Run{text.substr(dot + 1)}};
    }
  }
  return {Run{text}};
}

// ô số 1 to 4: the issuer and the number on the left, Quốc hiệu, Tiêu ngữ and the date on the
// right, in a table without borders.
void AddHeading(pugi::xml_node body, const engine::OfficialDocument& doc) {
  if (doc.draft) {
    AddParagraph(body, ParagraphStyle{.align = Align::kRight, .after = 120, .boxed = false},
                 {Run{"DỰ THẢO", true, false, kSize14}});
  }
  pugi::xml_node tbl = AddTable(body, {kIssuerColumn, kNationalColumn}, false);
  pugi::xml_node row = tbl.append_child("w:tr");
  pugi::xml_node left = AddCell(row, kIssuerColumn);
  for (const std::string& line : doc.issuer) {
    AddParagraph(left, ParagraphStyle{.align = Align::kCenter}, {Run{line, true, false, kSize13}});
  }
  AddRule(left, kIssuerColumn, 1300);
  if (!doc.number.empty()) {
    AddParagraph(left, ParagraphStyle{.align = Align::kCenter, .before = 60},
                 {Run{doc.number, false, false, kSize13}});
  }
  pugi::xml_node right = AddCell(row, kNationalColumn);
  AddParagraph(right, ParagraphStyle{.align = Align::kCenter},
               {Run{doc.national_title, true, false, kSize13}});
  AddParagraph(right, ParagraphStyle{.align = Align::kCenter},
               {Run{doc.motto, true, false, kSize14}});
  AddRule(right, kNationalColumn, 4000);  // about the motto's length at 14 pt bold
  AddParagraph(right, ParagraphStyle{.align = Align::kCenter, .before = 60},
               {Run{doc.place_and_date, false, true, kSize14}});
}

// A signer's block: capacity (and title), room for the signature and seal, the name.
void AddSignerBlock(pugi::xml_node cell, const std::string& capacity, const std::string& title,
                    const std::string& name) {
  AddParagraph(cell, ParagraphStyle{.align = Align::kCenter, .before = 120},
               {Run{capacity, true, false, kSize14}});
  if (!title.empty()) {
    AddParagraph(cell, ParagraphStyle{.align = Align::kCenter}, {Run{title, true, false, kSize14}});
  }
  for (int i = 0; i < 4; ++i) AddParagraph(cell, ParagraphStyle{}, {});  // the signature
  AddParagraph(cell, ParagraphStyle{.align = Align::kCenter}, {Run{name, true, false, kSize14}});
}

void AddSignature(pugi::xml_node body, const engine::OfficialDocument& doc) {
  constexpr int kRecipients = 4400, kSigner = kTextWidth - kRecipients;
  pugi::xml_node tbl = AddTable(body, {kRecipients, kSigner}, false);
  pugi::xml_node row = tbl.append_child("w:tr");
  Set(row.append_child("w:trPr").append_child("w:cantSplit"), "w:val", "true");
  pugi::xml_node left = AddCell(row, kRecipients);
  if (!doc.left_signer_title.empty()) {
    AddSignerBlock(left, doc.left_signer_title, "", doc.left_signer_name);
  } else if (!doc.recipients.empty()) {
    AddParagraph(left, ParagraphStyle{.align = Align::kLeft, .before = 120},
                 {Run{"Nơi nhận:", true, true, kSize12}});
    for (const std::string& line : doc.recipients) {
      AddParagraph(left, ParagraphStyle{.align = Align::kLeft}, {Run{line, false, false, kSize11}});
    }
  } else {
    AddParagraph(left, ParagraphStyle{}, {});  // a cell holds at least one paragraph
  }
  AddSignerBlock(AddCell(row, kSigner), doc.signer_capacity, doc.signer_title, doc.signer_name);
}

// The columns' widths in twips from their shares of the text width (equal shares when the
// model gives none); the last column takes what rounding leaves.
std::vector<int> ListWidths(const engine::DocumentList& list) {
  const std::size_t columns = std::max<std::size_t>(list.headers.size(), 1);
  std::vector<int> widths;
  int used = 0;
  for (std::size_t i = 0; i + 1 < columns; ++i) {
    const int share = list.column_shares.size() == columns ? list.column_shares[i]
                                                           : 100 / static_cast<int>(columns);
    widths.push_back(kTextWidth * share / 100);
    used += widths.back();
  }
  widths.push_back(kTextWidth - used);
  return widths;
}

void AddList(pugi::xml_node body, const engine::OfficialDocument& doc) {
  const engine::DocumentList& list = doc.list;
  if (!list.title.empty()) {  // an attached list: on its own page, with its own heading
    AddParagraph(
        body, ParagraphStyle{.align = Align::kCenter, .page_break_before = true, .keep_next = true},
        {Run{list.title, true, false, kSize14}});
    AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .keep_next = true},
                 {Run{list.subtitle, true, false, kSize14}});
    AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .after = 60, .keep_next = true},
                 {Run{list.attached_to, false, true, kSize13}});
    AddRule(body, kTextWidth, 2400);
  }
  const std::vector<int> widths = ListWidths(list);
  pugi::xml_node tbl = AddTable(body, widths, true);
  auto add_row = [&](const std::vector<std::string>& cells, bool bold, bool header) {
    pugi::xml_node row = tbl.append_child("w:tr");
    pugi::xml_node pr = row.append_child("w:trPr");
    pr.append_child("w:cantSplit");
    if (header) pr.append_child("w:tblHeader");    // repeated on each page of a long list
    if (cells.size() == 1 && widths.size() > 1) {  // a group's heading, across the table
      int total = 0;
      for (int width : widths) total += width;
      pugi::xml_node cell = AddCell(row, total, true, static_cast<int>(widths.size()));
      AddParagraph(
          cell, ParagraphStyle{.align = Align::kLeft, .before = 40, .after = 40, .keep_next = true},
          {Run{cells.front(), true, false, kSize12}});
      return;
    }
    for (std::size_t i = 0; i < widths.size(); ++i) {
      pugi::xml_node cell = AddCell(row, widths[i], true);
      const std::string text = i < cells.size() ? cells[i] : "";
      // Headings centred; cells as the model says (STT centred, amounts right, words left).
      const char how = i < list.column_align.size() ? list.column_align[i] : 'l';
      const Align align = header || how == 'c' ? Align::kCenter
                          : how == 'r'         ? Align::kRight
                                               : Align::kLeft;
      AddParagraph(cell, ParagraphStyle{.align = align, .before = 40, .after = 40},
                   {Run{text, bold, false, kSize12}});
    }
  };
  add_row(list.headers, true, true);
  for (const auto& row : list.rows) add_row(row, false, false);
  if (!list.total.empty()) add_row(list.total, true, false);
}

std::string Serialize(const pugi::xml_document& xml) {
  std::ostringstream out;
  xml.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)" + out.str();
}

// The page number of every page but the first (Phần I, Mục I.7); `numbered` false: the first
// page's header, empty.
std::string HeaderXml(bool numbered) {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("w:hdr");
  Set(root, "xmlns:w", kW);
  pugi::xml_node p = root.append_child("w:p");
  Set(p.append_child("w:pPr").append_child("w:jc"), "w:val", "center");
  if (numbered) {
    pugi::xml_node field = p.append_child("w:fldSimple");
    Set(field, "w:instr", " PAGE ");
    pugi::xml_node run = field.append_child("w:r");
    pugi::xml_node pr = run.append_child("w:rPr");
    Set(pr.append_child("w:sz"), "w:val", kSize13);
    Set(pr.append_child("w:szCs"), "w:val", kSize13);
    run.append_child("w:t").text().set("2");
  }
  return Serialize(xml);
}

std::string DocumentXml(const engine::OfficialDocument& doc) {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("w:document");
  Set(root, "xmlns:w", kW);
  Set(root, "xmlns:r", kR);
  pugi::xml_node body = root.append_child("w:body");

  AddHeading(body, doc);
  AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .before = 240, .keep_next = true},
               {Run{doc.kind, true, false, kSize14}});
  AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .keep_next = true},
               {Run{doc.summary, true, false, kSize14}});
  AddRule(body, kTextWidth, 2400);
  if (!doc.summary_note.empty()) {
    AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .after = 120},
                 {Run{doc.summary_note, false, true, kSize13}});
  }
  if (!doc.authority.empty()) {
    AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .before = 120, .after = 120},
                 {Run{doc.authority, true, false, kSize14}});
  }
  if (!doc.addressee.empty()) {
    AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .before = 120, .after = 120},
                 {Run{doc.addressee, false, false, kSize14}});
  }
  for (const std::string& basis : doc.bases) {
    AddParagraph(body, ParagraphStyle{.first_line = kFirstLineIndent, .after = kParagraphAfter},
                 {Run{basis, false, true, kSize14}});
  }
  if (!doc.resolution.empty()) {
    AddParagraph(body, ParagraphStyle{.align = Align::kCenter, .before = 120, .after = 120},
                 {Run{doc.resolution, true, false, kSize14}});
  }
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    ParagraphStyle style{.first_line = kFirstLineIndent, .after = kParagraphAfter};
    // The last paragraph goes with the signature: a signature never stands alone on a page.
    style.keep_next = !doc.list_in_body && i + 1 == doc.paragraphs.size();
    AddParagraph(body, style, ArticleRuns(doc.paragraphs[i]));
  }
  if (doc.list_in_body) {
    AddList(body, doc);
    for (const std::string& paragraph : doc.closing) {
      AddParagraph(body,
                   ParagraphStyle{.first_line = kFirstLineIndent, .before = 120, .keep_next = true},
                   {Run{paragraph}});
    }
    // A paragraph between two tables keeps them two (adjacent tables merge into one).
    AddParagraph(body, ParagraphStyle{}, {Run{"", false, false, 4}});
    AddSignature(body, doc);
  } else {
    AddSignature(body, doc);
    AddList(body, doc);
  }

  pugi::xml_node section = body.append_child("w:sectPr");
  pugi::xml_node numbered = section.append_child("w:headerReference");
  Set(numbered, "w:type", "default");
  Set(numbered, "r:id", "rId2");
  pugi::xml_node first = section.append_child("w:headerReference");
  Set(first, "w:type", "first");
  Set(first, "r:id", "rId3");
  pugi::xml_node size = section.append_child("w:pgSz");
  Set(size, "w:w", kPageWidth);
  Set(size, "w:h", kPageHeight);
  pugi::xml_node margins = section.append_child("w:pgMar");
  Set(margins, "w:top", kMarginTop);
  Set(margins, "w:right", kMarginRight);
  Set(margins, "w:bottom", kMarginBottom);
  Set(margins, "w:left", kMarginLeft);
  Set(margins, "w:header", 567);
  Set(margins, "w:footer", 567);
  Set(margins, "w:gutter", 0);
  section.append_child("w:titlePg");  // the first page has its own (empty) header
  return Serialize(xml);
}

// Times New Roman 14 pt, black, for the whole document (Phần I, Mục I.4; Mục II.6).
std::string StylesXml() {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("w:styles");
  Set(root, "xmlns:w", kW);
  pugi::xml_node defaults = root.append_child("w:docDefaults");
  pugi::xml_node rpr = defaults.append_child("w:rPrDefault").append_child("w:rPr");
  pugi::xml_node fonts = rpr.append_child("w:rFonts");
  for (const char* slot : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"}) {
    Set(fonts, slot, "Times New Roman");
  }
  Set(rpr.append_child("w:color"), "w:val", "000000");
  Set(rpr.append_child("w:sz"), "w:val", kSize14);
  Set(rpr.append_child("w:szCs"), "w:val", kSize14);
  Set(rpr.append_child("w:lang"), "w:val", "vi-VN");
  pugi::xml_node spacing =
      defaults.append_child("w:pPrDefault").append_child("w:pPr").append_child("w:spacing");
  Set(spacing, "w:after", 0);
  Set(spacing, "w:line", 240);
  Set(spacing, "w:lineRule", "auto");
  pugi::xml_node normal = root.append_child("w:style");
  Set(normal, "w:type", "paragraph");
  Set(normal, "w:default", "1");
  Set(normal, "w:styleId", "Normal");
  Set(normal.append_child("w:name"), "w:val", "Normal");
  return Serialize(xml);
}

std::string ContentTypesXml() {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("Types");
  Set(root, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  auto add_default = [&](const char* extension, const char* type) {
    pugi::xml_node d = root.append_child("Default");
    Set(d, "Extension", extension);
    Set(d, "ContentType", type);
  };
  add_default("rels", "application/vnd.openxmlformats-package.relationships+xml");
  add_default("xml", "application/xml");
  auto add_override = [&](const char* part, const char* type) {
    pugi::xml_node o = root.append_child("Override");
    Set(o, "PartName", part);
    Set(o, "ContentType", type);
  };
  add_override("/word/document.xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  add_override("/word/styles.xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml");
  add_override("/word/header1.xml", kHeaderType);
  add_override("/word/header2.xml", kHeaderType);
  return Serialize(xml);
}

struct Relationship {
  const char* id;
  const char* type;
  const char* target;
};

std::string RelationshipsXml(std::initializer_list<Relationship> relationships) {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("Relationships");
  Set(root, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  for (const Relationship& relationship : relationships) {
    pugi::xml_node r = root.append_child("Relationship");
    Set(r, "Id", relationship.id);
    Set(r, "Type", relationship.type);
    Set(r, "Target", relationship.target);
  }
  return Serialize(xml);
}

struct ZipSourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

}  // namespace

engine::Result<std::string> WriteDocx(const engine::OfficialDocument& document) {
  // Parts in the order Word writes them: [Content_Types].xml first.
  const std::vector<std::pair<const char*, std::string>> parts = {
      {"[Content_Types].xml", ContentTypesXml()},
      {"_rels/.rels",
       RelationshipsXml({{"rId1",
                          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                          "officeDocument",
                          "word/document.xml"}})},
      {"word/_rels/document.xml.rels",
       RelationshipsXml(
           {{"rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
             "styles.xml"},
            {"rId2", kHeaderRelationship, "header1.xml"},
            {"rId3", kHeaderRelationship, "header2.xml"}})},
      {"word/document.xml", DocumentXml(document)},
      {"word/styles.xml", StylesXml()},
      {"word/header1.xml", HeaderXml(true)},
      {"word/header2.xml", HeaderXml(false)},
  };

  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, ZipSourceFree> buffer(
      zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return engine::Status::Unavailable("docx: cannot create a zip buffer");
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return engine::Status::Unavailable("docx: " + message);
  }
  zip_source_keep(buffer.get());  // the archive's close would free it otherwise
  // A fixed time for every entry, so that one document always gives the same bytes.
  constexpr std::time_t kEntryTime = 315532800;  // 1980-01-01, the zip format's first day
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      return engine::Status::Unavailable("docx: " + message);
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kEntryTime, 0);
  }
  if (zip_close(archive) != 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    return engine::Status::Unavailable("docx: " + message);
  }

  std::string bytes;
  if (zip_source_open(buffer.get()) != 0) return engine::Status::Unavailable("docx: read back");
  zip_source_seek(buffer.get(), 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer.get());
  zip_source_seek(buffer.get(), 0, SEEK_SET);
  if (size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    if (zip_source_read(buffer.get(), bytes.data(), static_cast<zip_uint64_t>(size)) != size) {
      zip_source_close(buffer.get());
      return engine::Status::Unavailable("docx: read back");
    }
  }
  zip_source_close(buffer.get());
  return bytes;
}

}  // namespace tdkt::adapters::documents
