#pragma once
// Writes an engine::OfficialDocument as a DOCX (Office Open XML, ECMA-376) package, laid out as
// Nghị định 30/2020/NĐ-CP, Phụ lục I sets for administrative documents. The XML is built with
// pugixml, which escapes every text it is given, and zipped in memory with libzip.
//
// Pure of I/O beyond memory; safe from any thread (each call has its own buffers).

#include <string>

#include "engine/documents.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::documents {

inline constexpr const char* kDocxContentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The bytes of the .docx file. Unavailable only when libzip fails (out of memory).
engine::Result<std::string> WriteDocx(const engine::OfficialDocument& document);

}  // namespace tdkt::adapters::documents
