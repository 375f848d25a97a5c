#include "adapters/documents/round_documents.hpp"

#include <utility>

#include "adapters/db/admin_store.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/documents/docx_writer.hpp"
#include "adapters/documents/pdf_converter.hpp"

namespace tdkt::adapters::documents {

std::optional<DocumentFormat> ParseDocumentFormat(std::string_view name) {
  if (name == "docx") return DocumentFormat::kDocx;
  if (name == "pdf") return DocumentFormat::kPdf;
  return std::nullopt;
}

engine::Result<engine::DocumentFacts> LoadDocumentFacts(db::Database& db,
                                                        const engine::Round& round,
                                                        const engine::RulePackRegistry& packs,
                                                        std::chrono::sys_days today) {
  engine::DocumentFacts facts;
  facts.today = today;
  auto sql = db.Acquire();
  auto commune = db::AdminStore(db.backend()).LoadCommune(*sql);
  if (commune.ok()) {
    facts.commune = std::move(*commune);
  } else if (commune.status().code() != engine::StatusCode::kNotFound) {
    return commune.status();
  }
  auto campaign = db::DossierStore(db.backend()).LoadCampaign(*sql, round.campaign);
  if (!campaign.ok()) return campaign.status();
  facts.campaign = std::move(*campaign);
  auto units = db::DirectoryStore(db.backend()).ListUnits(*sql);
  if (!units.ok()) return units.status();
  for (const db::UnitRecord& unit : *units) facts.unit_names[unit.id] = unit.name;
  // The level a submission goes to is the rule pack's in force on the day it is dated.
  if (auto pack = packs.InForce(round.signed_on.value_or(today)); pack.ok()) {
    facts.escalation_target = (*pack)->escalation_target;
  }
  return facts;
}

engine::Result<RenderedDocument> Render(const engine::OfficialDocument& document,
                                        DocumentFormat format) {
  auto docx = WriteDocx(document);
  if (!docx.ok()) return docx.status();
  if (format == DocumentFormat::kDocx) {
    return RenderedDocument{std::move(*docx), kDocxContentType, document.file_name + ".docx"};
  }
  auto pdf = ConvertDocxToPdf(*docx);
  if (!pdf.ok()) return pdf.status();
  return RenderedDocument{std::move(*pdf), kPdfContentType, document.file_name + ".pdf"};
}

}  // namespace tdkt::adapters::documents
