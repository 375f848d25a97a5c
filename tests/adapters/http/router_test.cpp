#include <gtest/gtest.h>

#include "adapters/http/http_types.hpp"

namespace tdkt::adapters::http {
namespace {

HttpRequest Request(std::string method, std::string target) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  EXPECT_TRUE(ParseTarget(request.target, request.path, request.query));
  return request;
}

TEST(Router, PathParametersReachTheHandler) {
  Router router;
  router.Add("GET", "/api/v1/dossiers/{id}/audit",
             [](const HttpRequest& r) { return HttpResponse::Json(200, r.path_params.at("id")); });
  auto response = router.Handle(Request("GET", "/api/v1/dossiers/42/audit"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "42");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405AsProblemJson) {
  Router router;
  router.Add("GET", "/healthz", [](const HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  auto missing = router.Handle(Request("GET", "/nope"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  EXPECT_NE(missing.body.find("\"code\":\"not_found\""), std::string::npos);
  auto wrong = router.Handle(Request("DELETE", "/healthz"));
  EXPECT_EQ(wrong.status, 405);
}

TEST(ParseTarget, DecodesQueryParametersIncludingVietnamese) {
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  ASSERT_TRUE(ParseTarget("/a/b?state=draft&name=Th%C3%B4n+1&flag", path, query));
  EXPECT_EQ(path, "/a/b");
  EXPECT_EQ(query["state"], "draft");
  EXPECT_EQ(query["name"], "Thôn 1");
  EXPECT_EQ(query.count("flag"), 1u);
}

TEST(ParseTarget, RefusesBrokenEscapes) {
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  EXPECT_FALSE(ParseTarget("/a%2", path, query));
  EXPECT_FALSE(ParseTarget("/a?x=%zz", path, query));
}

// Found by fuzz/target_fuzzer.cpp (fuzz/regressions/target/): a lead byte F5..FF was read as the
// start of a three-byte sequence, so "%F9%97%81" passed as UTF-8.
TEST(ParseTarget, RefusesBytesThatStartNoUtf8Sequence) {
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  EXPECT_FALSE(ParseTarget("/api/v`1/dos:/?a=&atebk++++++++++++++++u\xf9\x97\x81", path, query));
  for (const char* bad : {"/a?x=%F5%80%80%80", "/a?x=%F9%97%81", "/a%FF%BF%BF", "/a?%FE%80%80=1",
                          "/a?x=%C0%AF", "/a?x=%C1%BF"}) {
    EXPECT_FALSE(ParseTarget(bad, path, query)) << bad;
  }
  // The highest code point and a four-byte letter still pass.
  EXPECT_TRUE(ParseTarget("/a?x=%F4%8F%BF%BF&y=%F0%A0%80%80", path, query));
}

TEST(HttpResponse, StatusCodesMapToHttpStatuses) {
  EXPECT_EQ(HttpResponse::FromStatus(engine::Status::NotFound("x")).status, 404);
  EXPECT_EQ(HttpResponse::FromStatus(engine::Status::Forbidden("x")).status, 403);
  EXPECT_EQ(HttpResponse::FromStatus(engine::Status::Conflict("x")).status, 409);
  EXPECT_EQ(HttpResponse::FromStatus(engine::Status::RejectedTransition("x")).status, 409);
  EXPECT_EQ(HttpResponse::FromStatus(engine::Status::InvalidArgument("x")).status, 422);
  EXPECT_EQ(HttpResponse::FromStatus(engine::Status::Unavailable("x")).status, 503);
}

}  // namespace
}  // namespace tdkt::adapters::http
