#pragma once
// What the API's handlers share (adapters/http/api_routes.cpp): reading a request (JSON body,
// ids, base64), who is asking and what they may read, and the JSON of each resource as
// docs/openapi.yaml describes it. Internal to adapters/http; safe from any thread.

#include <boost/json.hpp>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/http_types.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::http {

// ---- reading a request

HttpResponse JsonResponse(int status, const boost::json::value& body);
boost::json::value OrNull(const std::optional<std::string>& value);
boost::json::value OrNull(const std::string& value);  // "" is null

// A request body as a JSON object: 415 unless its Content-Type is application/json, 400 when it is
// not JSON (or nested deeper than `max_depth`, or has a key twice in one object), 422 when it is
// JSON but not an object.
std::variant<boost::json::value, HttpResponse> ParseBody(const HttpRequest& request, int max_depth);

// The query parameters a route takes: `id` ones must have the form of an id.
struct QueryParameter {
  const char* name;
  bool id = false;
};
using Query = std::map<std::string, std::string, std::less<>>;
// The request's query, or 400 naming the parameter that is unknown, empty, too long (over 200
// characters) or not an id where one is expected.
std::variant<Query, HttpResponse> ReadQuery(const HttpRequest& request,
                                            std::initializer_list<QueryParameter> known);
// 422 naming `field` unless `id` is 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit
// (ids are path segments and header values).
std::optional<HttpResponse> CheckId(std::string_view field, std::string_view id);
// A file to download: `content_type`, the bytes, and Content-Disposition: attachment with an
// ASCII `fallback_name` and the Vietnamese `name` as filename*=UTF-8''… (RFC 6266, RFC 8187), so
// that the name keeps its diacritics in every browser that reads it.
HttpResponse Download(std::string content_type, std::string bytes, std::string_view fallback_name,
                      std::string_view name);
// `prefix` and 12 random base64url characters.
std::string RandomId(std::string_view prefix);
// Standard or URL-safe base64, padding optional; nullopt when it is not base64.
std::optional<std::string> DecodeBase64(std::string_view text);

// ---- who is asking

// A handler of the API: the caller is already authenticated.
using ApiHandler = HttpResponse (*)(const ApiServices&, const HttpRequest&, const db::UserRecord&);
// Wraps a handler that needs the caller: answers 401 itself, and 400 for a query parameter on a
// route that takes none.
Handler Authenticated(const ApiServices& s, ApiHandler f, bool takes_query);

// The caller's user, or the 401 to answer. Notes the token's use (at most once a minute).
std::variant<db::UserRecord, HttpResponse> Authenticate(const ApiServices& s,
                                                        const HttpRequest& request);
// The dossier `id` as `user` may see it (engine::AuthorizeRead: another unit's is the same 404
// as a dossier that does not exist), or the problem to answer (403, 404, 503).
std::variant<db::DossierRow, HttpResponse> LoadReadable(const ApiServices& s,
                                                        const db::UserRecord& user,
                                                        const std::string& id);

// ---- the resources

boost::json::object UserJson(const db::UserRecord& user);
// With `viewer`, also the events that viewer may send now (allowed_events). The calendar says
// which deadlines fall in a year without an official notice (provisional_deadlines); the pack in
// force and the units' successions whether the dossier waits for a transfer (needs_transfer,
// engine::AwaitsTransfer) and which unit carries on its unit if that ended (unit_successor).
boost::json::object DossierJson(const db::DossierRow& row,
                                const engine::calendar::WorkingCalendar& calendar,
                                const engine::RulePackRegistry& packs,
                                const engine::UnitSuccessions& successions, engine::Timestamp now,
                                const db::UserRecord* viewer);
// The units' successions recorded, for DossierJson (Unavailable when the store fails).
engine::Result<engine::UnitSuccessions> LoadSuccessions(const ApiServices& s);
boost::json::object SessionJson(const db::CouncilSessionRecord& session);
boost::json::object DocumentJson(const db::DocumentRecord& document);
boost::json::object RecordJson(const engine::audit::AuditRecord& record);

}  // namespace tdkt::adapters::http
