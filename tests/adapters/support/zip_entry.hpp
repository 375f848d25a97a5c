#pragma once
// Reading back what the documents and reports write (DOCX, XLSX: zip packages) with libzip, as
// their readers would: one entry of the package, or a DOCX's text. For tests only.

#include <zip.h>

#include <optional>
#include <string>

namespace tdkt::testing {

// The entry `name` of the zip `bytes`, or nullopt when there is none (or `bytes` is no zip).
inline std::optional<std::string> ZipEntry(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> out;
  zip_stat_t stat;
  if (zip_stat(archive, name, 0, &stat) == 0) {
    std::string data(stat.size, '\0');
    zip_file_t* file = zip_fopen(archive, name, 0);
    if (file != nullptr &&
        zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
      out = data;
    }
    if (file != nullptr) zip_fclose(file);
  }
  zip_close(archive);
  return out;
}

// The text of the DOCX `bytes` (word/document.xml without its tags), each paragraph on its own
// line; "" when it is no DOCX.
inline std::string DocxText(const std::string& bytes) {
  const std::string xml = ZipEntry(bytes, "word/document.xml").value_or("");
  std::string text;
  bool in_tag = false;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '<') {
      in_tag = true;
      if (xml.compare(i, 6, "</w:p>") == 0) text += '\n';
    } else if (xml[i] == '>') {
      in_tag = false;
    } else if (!in_tag) {
      text += xml[i];
    }
  }
  return text;
}

}  // namespace tdkt::testing
