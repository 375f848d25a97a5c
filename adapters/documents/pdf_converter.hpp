#pragma once
// PDF of a DOCX through LibreOffice (`soffice --headless --convert-to pdf`), run as a program in
// a private temporary directory with its own user profile, so that conversions may run at once
// from several threads and never touch a user's LibreOffice settings.
//
// Thread-safe. Each call starts one soffice process (a few seconds) and removes its directory.

#include <chrono>
#include <string>

#include "engine/status.hpp"

namespace tdkt::adapters::documents {

inline constexpr const char* kPdfContentType = "application/pdf";

// The soffice program to run: $TDKT_SOFFICE when set, else `soffice` found on PATH; "" when
// there is none (LibreOffice is not installed).
std::string FindSoffice();

// The PDF of `docx`. Unavailable, naming what is missing, when LibreOffice is not installed
// ("… install the Debian package libreoffice-writer-nogui"), or when the conversion fails or
// takes longer than `timeout` (the process is then killed).
engine::Result<std::string> ConvertDocxToPdf(
    const std::string& docx, std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace tdkt::adapters::documents
