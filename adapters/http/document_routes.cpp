// The office's documents as downloads (issue #15): a decision's or submission's document
// (/api/v1/decisions/{id}/document, /api/v1/submissions/{id}/document), a council session's
// nomination list and minutes (/api/v1/council-sessions/{id}/nomination-list, …/minutes), as
// DOCX or PDF. Each is what
// the caller may read: a unit's roles get their unit's lines only. The documents' content is
// engine/documents.hpp's; the files adapters/documents'.
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "adapters/db/round_service.hpp"
#include "adapters/documents/round_documents.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/council_minutes.hpp"
#include "engine/documents.hpp"
#include "engine/nomination_list.hpp"
#include "engine/rounds.hpp"

namespace tdkt::adapters::http {

using engine::RoundKind;
using engine::Status;

namespace {

// RFC 6266 with RFC 8187: the Vietnamese name percent-encoded as UTF-8, and an ASCII name
// without diacritics for clients that read only `filename`.
std::string ContentDisposition(const std::string& file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : file_name) {
    const bool attr_char =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (attr_char) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0F];
    }
  }
  return "attachment; filename=\"" + engine::AsciiFileName(file_name) + "\"; filename*=UTF-8''" +
         encoded;
}

// The ?format= of a document route (docx when absent), or the 400 to answer.
std::variant<documents::DocumentFormat, HttpResponse> FormatOf(const HttpRequest& request) {
  auto read = ReadQuery(request, {{"format", false}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  const auto it = query.find("format");
  const auto format =
      documents::ParseDocumentFormat(it == query.end() ? std::string_view("docx") : it->second);
  if (!format) {
    return HttpResponse::Problem(400, "malformed_request", "format: expected docx or pdf");
  }
  return *format;
}

HttpResponse Download(const engine::OfficialDocument& document, documents::DocumentFormat format) {
  auto rendered = documents::Render(document, format);
  if (!rendered.ok()) return HttpResponse::FromStatus(rendered.status());
  HttpResponse response;
  response.status = 200;
  response.content_type = rendered->content_type;
  response.body = std::move(rendered->bytes);
  response.headers.emplace_back("Content-Disposition", ContentDisposition(rendered->file_name));
  return response;
}

// GET …/{id}/document?format=docx|pdf: the round's document as the caller may read it (a unit's
// roles get their unit's lines only, and the total of those); 404 for a round of the other kind.
HttpResponse RoundDocument(const ApiServices& s, const HttpRequest& request,
                           const db::UserRecord& user) {
  auto format = FormatOf(request);
  if (auto* problem = std::get_if<HttpResponse>(&format)) return std::move(*problem);
  const RoundKind kind = request.path.rfind("/api/v1/submissions", 0) == 0 ? RoundKind::kSubmission
                                                                           : RoundKind::kDecision;
  auto round = s.rounds.Get(engine::RoundId(request.path_params.at("id")));
  if (!round.ok()) return HttpResponse::FromStatus(round.status());
  if (round->round.kind != kind) {
    return HttpResponse::FromStatus(Status::NotFound(
        "no " + std::string(engine::RoundKindName(kind)) + " " + round->round.id.value()));
  }
  auto visible = engine::VisibleTo(round->round, user.ToActor());
  if (!visible.ok()) return HttpResponse::FromStatus(visible.status());
  auto facts = documents::LoadDocumentFacts(s.db, *visible, s.packs, s.administration,
                                            s.calendar.LocalDate(s.clock.Now()));
  if (!facts.ok()) return HttpResponse::FromStatus(facts.status());
  return Download(engine::RoundDocument(*visible, *facts),
                  std::get<documents::DocumentFormat>(format));
}

// GET /api/v1/council-sessions/{id}/nomination-list?format=docx|pdf.
HttpResponse NominationList(const ApiServices& s, const HttpRequest& request,
                            const db::UserRecord& user) {
  auto format = FormatOf(request);
  if (auto* problem = std::get_if<HttpResponse>(&format)) return std::move(*problem);
  const auto today = s.calendar.LocalDate(s.clock.Now());
  engine::CampaignId campaign;
  auto session = documents::LoadNominationSession(s.db, request.path_params.at("id"), s.packs,
                                                  today, campaign);
  if (!session.ok()) return HttpResponse::FromStatus(session.status());
  auto visible = engine::VisibleTo(*session, user.ToActor());
  if (!visible.ok()) return HttpResponse::FromStatus(visible.status());
  auto facts =
      documents::LoadDocumentFacts(s.db, campaign, s.packs, s.administration, session->date, today);
  if (!facts.ok()) return HttpResponse::FromStatus(facts.status());
  return Download(engine::NominationListDocument(*visible, *facts),
                  std::get<documents::DocumentFormat>(format));
}

// GET /api/v1/council-sessions/{id}/minutes?format=docx|pdf.
HttpResponse Minutes(const ApiServices& s, const HttpRequest& request, const db::UserRecord& user) {
  auto format = FormatOf(request);
  if (auto* problem = std::get_if<HttpResponse>(&format)) return std::move(*problem);
  engine::CampaignId campaign;
  auto minutes =
      documents::LoadCouncilMinutes(s.db, request.path_params.at("id"), s.packs, campaign);
  if (!minutes.ok()) return HttpResponse::FromStatus(minutes.status());
  auto visible = engine::VisibleTo(*minutes, user.ToActor());
  if (!visible.ok()) return HttpResponse::FromStatus(visible.status());
  auto facts =
      documents::LoadDocumentFacts(s.db, campaign, s.packs, s.administration,
                                   minutes->session.held_on, s.calendar.LocalDate(s.clock.Now()));
  if (!facts.ok()) return HttpResponse::FromStatus(facts.status());
  return Download(engine::MinutesDocument(*visible, *facts),
                  std::get<documents::DocumentFormat>(format));
}

}  // namespace

void AddDocumentRoutes(Router& router, const ApiServices& s) {
  router.Add("GET", "/api/v1/decisions/{id}/document", Authenticated(s, RoundDocument, true));
  router.Add("GET", "/api/v1/submissions/{id}/document", Authenticated(s, RoundDocument, true));
  router.Add("GET", "/api/v1/council-sessions/{id}/nomination-list",
             Authenticated(s, NominationList, true));
  router.Add("GET", "/api/v1/council-sessions/{id}/minutes", Authenticated(s, Minutes, true));
}

}  // namespace tdkt::adapters::http
