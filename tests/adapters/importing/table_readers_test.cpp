// The readers of a unit's list on files the office's programs really write (tests/data/import:
// LibreOffice Calc, openpyxl), on packages made here part by part, and on bad files: each refused
// with a message that says what and where.
#include "adapters/importing/table_readers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "adapters/importing/template_writer.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::adapters::importing {
namespace {

using engine::SheetCell;
using ::testing::HasSubstr;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(TDKT_SOURCE_DIR) + "/tests/data/import/" + name, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A zip of `parts` (name → bytes), deflated, in memory.
std::string Zip(const std::map<std::string, std::string>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_source_keep(buffer);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A minimal workbook whose first sheet holds `sheet_data` (and `after`, e.g. <mergeCells>).
std::string Xlsx(const std::string& sheet_data, const std::string& after = "",
                 const std::string& shared = "", const std::string& workbook_pr = "") {
  std::map<std::string, std::string> parts;
  parts["_rels/.rels"] =
      std::string(
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "relationships\"><Relationship Id=\"rId1\" Type=\"") +
      kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  parts["xl/workbook.xml"] =
      std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel + "\">" + workbook_pr +
      "<sheets><sheet name=\"Danh sách\" sheetId=\"1\" r:id=\"rId7\"/>"
      "<sheet name=\"Khác\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>";
  std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId7\" Type=\"" +
      std::string(kRel) +
      "/worksheet\" Target=\"worksheets/a.xml\"/>"
      "<Relationship Id=\"rId8\" Type=\"" +
      kRel + "/worksheet\" Target=\"/xl/worksheets/b.xml\"/>";
  if (!shared.empty()) {
    rels += "<Relationship Id=\"rId9\" Type=\"" + std::string(kRel) +
            "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    parts["xl/sharedStrings.xml"] =
        std::string("<sst xmlns=\"") + kMain + "\">" + shared + "</sst>";
  }
  parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>";
  parts["xl/worksheets/a.xml"] = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" +
                                 sheet_data + "</sheetData>" + after + "</worksheet>";
  parts["xl/worksheets/b.xml"] = std::string("<worksheet xmlns=\"") + kMain +
                                 "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                                 "second sheet</t></is></c></row></sheetData></worksheet>";
  return Zip(parts);
}

std::string Text(const engine::SheetRow& row, std::size_t column) {
  if (column >= row.cells.size()) return "<none>";
  return row.cells[column].text;
}

TEST(XlsxReader, ReadsTheListLibreOfficeWrote) {
  auto sheet = ReadXlsx(ReadFixture("libreoffice_list.xlsx"));
  ASSERT_OK(sheet.status());
  ASSERT_EQ(sheet->rows.size(), 4u);
  EXPECT_FALSE(sheet->date1904);
  EXPECT_EQ(Text(sheet->rows[0], 1), "Đối tượng");  // shared strings
  EXPECT_EQ(Text(sheet->rows[0], 6), "Trực tiếp lao động, sản xuất");
  EXPECT_EQ(Text(sheet->rows[1], 2), "Lò Văn Chương");
  // LibreOffice took 1985-03-15 for a date and stored its serial.
  ASSERT_EQ(sheet->rows[1].cells[4].kind, SheetCell::Kind::kNumber);
  EXPECT_EQ(sheet->rows[1].cells[4].number, 31121);
  EXPECT_EQ(Text(sheet->rows[2], 11), "Dẫn đầu phong trào trồng rừng, \"gương mẫu\" ở thôn.");
  EXPECT_EQ(Text(sheet->rows[3], 11), "Gia đình văn hóa tiêu biểu\n3 năm liền.");
  EXPECT_EQ(sheet->rows[3].number, 4);
  EXPECT_EQ(sheet->rows[3].cells[3].kind, SheetCell::Kind::kEmpty);  // D4 was left out
}

TEST(XlsxReader, ReadsTheListOpenpyxlWrote) {
  auto sheet = ReadXlsx(ReadFixture("openpyxl_list.xlsx"));
  ASSERT_OK(sheet.status());
  ASSERT_EQ(sheet->rows.size(), 4u);
  EXPECT_EQ(Text(sheet->rows[0], 2), "Họ và tên / Tên tập thể / Chủ hộ");  // inline strings
  EXPECT_EQ(Text(sheet->rows[1], 2), "Đinh Thị Hoa");
  EXPECT_EQ(sheet->rows[1].cells[4], SheetCell::Number(32333));  // 09/07/1988
  EXPECT_EQ(sheet->rows[1].cells[6], SheetCell::Boolean(false));
  EXPECT_EQ(Text(sheet->rows[1], 7), "038188001234");
  EXPECT_EQ(sheet->rows[3].cells[6], SheetCell::Boolean(true));
  EXPECT_EQ(sheet->rows[2].cells[0], SheetCell::Number(2));
}

TEST(XlsxReader, TheCoreReadsBothFilesAsGoodLists) {
  for (const char* name : {"libreoffice_list.xlsx", "openpyxl_list.xlsx"}) {
    auto sheet = ReadXlsx(ReadFixture(name));
    ASSERT_OK(sheet.status());
    auto reading = engine::ReadNominationSheet(
        *sheet, testing::BinhLuong2024Campaign(), testing::ThanhHoa2024Pack(),
        std::chrono::sys_days(std::chrono::year(2024) / 8 / 21));
    EXPECT_TRUE(reading.problems.empty())
        << name << ": " << reading.problems.front().row << reading.problems.front().column << " "
        << reading.problems.front().message;
    EXPECT_EQ(reading.rows.size(), 3u) << name;
  }
  auto csv = ReadCsv(ReadFixture("libreoffice_list.csv"));
  ASSERT_OK(csv.status());
  auto xlsx = ReadXlsx(ReadFixture("libreoffice_list.xlsx"));
  ASSERT_OK(xlsx.status());
  auto from_csv = engine::ReadNominationSheet(
      *csv, testing::BinhLuong2024Campaign(), testing::ThanhHoa2024Pack(),
      std::chrono::sys_days(std::chrono::year(2024) / 8 / 21));
  auto from_xlsx = engine::ReadNominationSheet(
      *xlsx, testing::BinhLuong2024Campaign(), testing::ThanhHoa2024Pack(),
      std::chrono::sys_days(std::chrono::year(2024) / 8 / 21));
  ASSERT_EQ(from_csv.rows.size(), from_xlsx.rows.size());
  for (std::size_t i = 0; i < from_csv.rows.size(); ++i) {
    // The CSV's text date and LibreOffice's serial are the same day.
    EXPECT_EQ(from_csv.rows[i].nominee, from_xlsx.rows[i].nominee);
    EXPECT_EQ(from_csv.rows[i].achievement_summary, from_xlsx.rows[i].achievement_summary);
  }
}

TEST(XlsxReader, FollowsTheRelationshipsToTheFirstSheetAndReadsRichText) {
  auto sheet = ReadXlsx(Xlsx(
      "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c>"
      "<c r=\"D2\"><v>2.5</v></c><c r=\"E2\" t=\"d\"><v>1985-03-15T00:00:00</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"/></row>",
      "", "<si><t>Lò Văn</t></si><si><r><t>Chư</t></r><r><t>ơng</t></r><rPh><t>x</t></rPh></si>"));
  ASSERT_OK(sheet.status());
  ASSERT_EQ(sheet->rows.size(), 1u);  // row 3 holds nothing
  EXPECT_EQ(sheet->rows[0].number, 2);
  EXPECT_EQ(sheet->rows[0].cells[0].kind, SheetCell::Kind::kEmpty);
  EXPECT_EQ(Text(sheet->rows[0], 1), "Lò Văn");
  EXPECT_EQ(Text(sheet->rows[0], 2), "Chương");
  EXPECT_EQ(sheet->rows[0].cells[3], SheetCell::Number(2.5));
  EXPECT_EQ(Text(sheet->rows[0], 4), "1985-03-15");
}

TEST(XlsxReader, ReadsThe1904DateSystemFlag) {
  auto sheet = ReadXlsx(
      Xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", "", "", "<workbookPr date1904=\"1\"/>"));
  ASSERT_OK(sheet.status());
  EXPECT_TRUE(sheet->date1904);
}

TEST(XlsxReader, RefusesAFileThatIsNotAZip) {
  auto sheet = ReadXlsx("STT,Đối tượng\n1,Cá nhân\n");
  ASSERT_FALSE(sheet.ok());
  EXPECT_EQ(sheet.status().code(), engine::StatusCode::kInvalidArgument);
  EXPECT_THAT(sheet.status().message(), HasSubstr("không phải XLSX"));
  auto broken = ReadXlsx(std::string("PK\x03\x04garbage", 11));
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("gói zip bị hỏng"));
  auto docx_like = ReadXlsx(Zip({{"word/document.xml", "<w/>"}}));
  ASSERT_FALSE(docx_like.ok());
  EXPECT_THAT(docx_like.status().message(), HasSubstr("_rels/.rels"));
}

TEST(XlsxReader, StopsAZipBombAtTheLimit) {
  // 12 MiB of one repeated row deflates to a few tens of kilobytes.
  std::string rows;
  rows.reserve(13u << 20);
  const std::string row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaa</t></is></c></row>";
  while (rows.size() < (12u << 20)) rows += row;
  std::string bomb = Xlsx(rows);
  EXPECT_LT(bomb.size(), 1u << 20);
  auto sheet = ReadXlsx(bomb);
  ASSERT_FALSE(sheet.ok());
  EXPECT_THAT(sheet.status().message(), HasSubstr("xl/worksheets/a.xml"));
  EXPECT_THAT(sheet.status().message(), HasSubstr("zip bomb"));
  // Without the ratio check, the size limit stops it before it is inflated.
  ReadLimits no_ratio;
  no_ratio.max_ratio = 1e9;
  no_ratio.max_part_bytes = 8u << 20;
  auto sized = ReadXlsx(bomb, no_ratio);
  ASSERT_FALSE(sized.ok());
  EXPECT_THAT(sized.status().message(), HasSubstr("lớn quá 8 MiB"));
}

TEST(XlsxReader, Refuses100000RowsNamingTheLimit) {
  std::string rows;
  for (int r = 1; r <= 100000; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
            std::to_string(r) + "</v></c></row>";
  }
  auto sheet = ReadXlsx(Xlsx(rows));
  ASSERT_FALSE(sheet.ok());
  EXPECT_THAT(sheet.status().message(), HasSubstr("quá 5000 dòng"));
  EXPECT_THAT(sheet.status().message(), HasSubstr("dòng 5002"));
}

TEST(XlsxReader, RefusesAFormulaNamingTheCell) {
  auto sheet = ReadXlsx(
      Xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
           "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f>"
           "<v>ab</v></c></row>"));
  ASSERT_FALSE(sheet.ok());
  EXPECT_THAT(sheet.status().message(), HasSubstr("ô C2 chứa công thức (=CONCAT(\"a\",\"b\"))"));
}

TEST(XlsxReader, RefusesMergedCellsNamingTheRanges) {
  auto sheet =
      ReadXlsx(Xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                    "<mergeCells count=\"2\"><mergeCell ref=\"B2:B4\"/><mergeCell ref=\"C7:D7\"/>"
                    "</mergeCells>"));
  ASSERT_FALSE(sheet.ok());
  EXPECT_THAT(sheet.status().message(), HasSubstr("ô gộp (B2:B4, C7:D7)"));
}

TEST(XlsxReader, RefusesAnEmptySheetAndAnErrorValue) {
  auto empty = ReadXlsx(Xlsx("<row r=\"1\"><c r=\"A1\" s=\"3\"/></row>"));
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("trang tính «Danh sách» trống"));
  auto error = ReadXlsx(Xlsx("<row r=\"4\"><c r=\"E4\" t=\"e\"><v>#REF!</v></c></row>"));
  ASSERT_FALSE(error.ok());
  EXPECT_THAT(error.status().message(), HasSubstr("ô E4 chứa lỗi #REF!"));
}

TEST(XlsxReader, RefusesABrokenCellReferenceAndSharedStringIndex) {
  auto reference = ReadXlsx(Xlsx("<row r=\"2\"><c r=\"A3\"><v>1</v></c></row>"));
  ASSERT_FALSE(reference.ok());
  EXPECT_THAT(reference.status().message(), HasSubstr("«A3»"));
  auto index = ReadXlsx(
      Xlsx("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>5</v></c></row>", "", "<si><t>x</t></si>"));
  ASSERT_FALSE(index.ok());
  EXPECT_THAT(index.status().message(), HasSubstr("ô B1"));
}

TEST(XlsxReader, ReadsTheTemplateItWrites) {
  engine::Campaign campaign;
  campaign.id = engine::CampaignId("c");
  campaign.name = "Phong trào";
  campaign.allowed_awards = {engine::AwardId("lao_dong_tien_tien")};
  engine::RulePack pack;
  auto bytes = TemplateXlsx(campaign, pack);
  ASSERT_OK(bytes.status());
  auto sheet = ReadXlsx(*bytes);
  ASSERT_OK(sheet.status());
  ASSERT_EQ(sheet->rows.size(), 1u);  // the header only: nothing of the guide is imported
  const auto columns = engine::ImportTemplateColumns();
  ASSERT_EQ(sheet->rows[0].cells.size(), columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(sheet->rows[0].cells[i].text, columns[i].header);
  }
  auto csv = ReadCsv(TemplateCsv());
  ASSERT_OK(csv.status());
  EXPECT_EQ(csv->rows, sheet->rows);
}

TEST(CsvReader, ReadsQuotedFieldsWithOrWithoutAByteOrderMark) {
  const std::string body =
      "STT,Họ và tên,\"Trực tiếp lao động, sản xuất\"\r\n"
      "1,\"Lò Văn \"\"Chương\"\"\",Có\r\n"
      "\r\n"
      "2,\"Hai\ndòng\",\r\n";
  for (const std::string& bytes : {body, "\xEF\xBB\xBF" + body}) {
    auto sheet = ReadCsv(bytes);
    ASSERT_OK(sheet.status());
    ASSERT_EQ(sheet->rows.size(), 3u);
    EXPECT_EQ(Text(sheet->rows[0], 0), "STT");
    EXPECT_EQ(Text(sheet->rows[0], 2), "Trực tiếp lao động, sản xuất");
    EXPECT_EQ(Text(sheet->rows[1], 1), "Lò Văn \"Chương\"");
    EXPECT_EQ(sheet->rows[2].number, 4);  // the blank line 3 is skipped, not renumbered
    EXPECT_EQ(Text(sheet->rows[2], 1), "Hai\ndòng");
    EXPECT_EQ(sheet->rows[2].cells.size(), 2u);  // a trailing empty field is no cell
  }
}

TEST(CsvReader, TakesSemicolonsWhenTheHeaderUsesThem) {
  auto sheet = ReadCsv("STT;Họ và tên;Ghi chú\n1;Hà Thị Mai;\"a; b, c\"\n");
  ASSERT_OK(sheet.status());
  ASSERT_EQ(sheet->rows.size(), 2u);
  EXPECT_EQ(Text(sheet->rows[1], 1), "Hà Thị Mai");
  EXPECT_EQ(Text(sheet->rows[1], 2), "a; b, c");
  // The record after a quoted line break keeps the number of the line it starts on.
  auto numbered = ReadCsv("a;b\n\"x\ny\";z\nw;v\n");
  ASSERT_OK(numbered.status());
  EXPECT_EQ(numbered->rows[2].number, 4);
}

TEST(CsvReader, RefusesBadFilesSayingWhere) {
  auto latin1 = ReadCsv("STT,H\xe1\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_THAT(latin1.status().message(), HasSubstr("không phải UTF-8 (byte 5, dòng 1)"));
  auto utf16 =
      ReadCsv(std::string("\xFF\xFE"
                          "S\0T\0",
                          6));
  ASSERT_FALSE(utf16.ok());
  EXPECT_THAT(utf16.status().message(), HasSubstr("UTF-16"));
  auto open_quote = ReadCsv("a,b\n1,\"never closed\n2,3\n");
  ASSERT_FALSE(open_quote.ok());
  EXPECT_THAT(open_quote.status().message(), HasSubstr("dòng 2: dấu ngoặc kép mở mà không đóng"));
  auto stray = ReadCsv("a,b\n1,x\"y\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_THAT(stray.status().message(), HasSubstr("dòng 2"));
  auto empty = ReadCsv("\xEF\xBB\xBF\r\n ,\r\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("trống"));
  auto zip = ReadCsv(ReadFixture("openpyxl_list.xlsx"));
  ASSERT_FALSE(zip.ok());
  EXPECT_THAT(zip.status().message(), HasSubstr("không phải CSV"));
}

TEST(CsvReader, Refuses100000Rows) {
  std::string bytes = "STT\n";
  for (int r = 1; r <= 100000; ++r) bytes += std::to_string(r) + "\n";
  auto sheet = ReadCsv(bytes);
  ASSERT_FALSE(sheet.ok());
  EXPECT_THAT(sheet.status().message(), HasSubstr("quá 5000 dòng đề nghị (dòng 5002)"));
}

}  // namespace
}  // namespace tdkt::adapters::importing
