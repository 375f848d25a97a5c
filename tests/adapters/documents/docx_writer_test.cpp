// The DOCX package (adapters/documents/docx_writer) and the PDF converter's refusal when
// LibreOffice is missing. The package is read back with libzip; its text is checked as XML.
#include "adapters/documents/docx_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "adapters/documents/pdf_converter.hpp"
#include "engine/documents.hpp"
#include "tests/adapters/support/zip_entry.hpp"

namespace tdkt::adapters::documents {
namespace {

std::optional<std::string> Entry(const std::string& bytes, const char* name) {
  return testing::ZipEntry(bytes, name);
}

engine::OfficialDocument Document() {
  engine::OfficialDocument doc;
  doc.issuer = {"ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯƠNG"};
  doc.national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  doc.motto = "Độc lập - Tự do - Hạnh phúc";
  doc.number = "Số: 05/QĐ-UBND";
  doc.kind = "QUYẾT ĐỊNH";
  doc.summary = "Về việc khen thưởng <đợt 1> & \"đột xuất\"";
  doc.paragraphs = {"Điều 1. Khen thưởng."};
  doc.list.headers = {"STT", "Họ tên"};
  doc.list.rows = {{"1", "Lò Thị <Hương> & Cầm Văn Đôi"}};
  return doc;
}

TEST(DocumentFiles, DocxIsAnOoxmlPackageWithTheTextEscaped) {
  auto docx = WriteDocx(Document());
  ASSERT_TRUE(docx.ok()) << docx.status().message();
  ASSERT_GT(docx->size(), 4u);
  EXPECT_EQ(docx->substr(0, 2), "PK");
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml"}) {
    EXPECT_TRUE(Entry(*docx, part).has_value()) << part;
  }
  auto xml = Entry(*docx, "word/document.xml");
  ASSERT_TRUE(xml.has_value());
  EXPECT_NE(xml->find("Lò Thị &lt;Hương&gt; &amp; Cầm Văn Đôi"), std::string::npos);
  EXPECT_NE(xml->find("khen thưởng &lt;đợt 1&gt; &amp;"), std::string::npos);
  EXPECT_EQ(xml->find("<Hương>"), std::string::npos);
  // A4, and the margins of Phụ lục I: 20 mm top and bottom, 30 mm left, 15 mm right.
  EXPECT_NE(xml->find(R"(<w:pgSz w:w="11906" w:h="16838"/>)"), std::string::npos);
  EXPECT_NE(xml->find(R"(w:top="1134" w:right="850" w:bottom="1134" w:left="1701")"),
            std::string::npos);
  auto styles = Entry(*docx, "word/styles.xml");
  ASSERT_TRUE(styles.has_value());
  EXPECT_NE(styles->find(R"(w:ascii="Times New Roman")"), std::string::npos);
  // Page numbers in the top margin from page 2 on, none on page 1 (Phụ lục I, Mục I.7).
  EXPECT_NE(xml->find("<w:titlePg/>"), std::string::npos);
  EXPECT_NE(xml->find(R"(<w:headerReference w:type="first" r:id="rId3"/>)"), std::string::npos);
  auto numbered = Entry(*docx, "word/header1.xml");
  ASSERT_TRUE(numbered.has_value());
  EXPECT_NE(numbered->find(R"(w:instr=" PAGE ")"), std::string::npos);
  auto first = Entry(*docx, "word/header2.xml");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->find("PAGE"), std::string::npos);
}

TEST(DocumentFiles, OneDocumentAlwaysGivesTheSameBytes) {
  auto first = WriteDocx(Document());
  auto second = WriteDocx(Document());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
}

TEST(DocumentFiles, PdfWithoutLibreOfficeIsUnavailableNamingThePackage) {
  ::setenv("TDKT_SOFFICE", "/nonexistent/soffice", 1);
  EXPECT_EQ(FindSoffice(), "");
  auto pdf = ConvertDocxToPdf("PK");
  ::unsetenv("TDKT_SOFFICE");
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), engine::StatusCode::kUnavailable);
  EXPECT_NE(pdf.status().message().find("libreoffice-writer-nogui"), std::string::npos);
}

}  // namespace
}  // namespace tdkt::adapters::documents
