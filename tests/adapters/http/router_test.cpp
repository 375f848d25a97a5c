#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json.hpp>

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

// The body of a problem as JSON; fails the test when it is not valid UTF-8 JSON.
boost::json::object ProblemJson(const HttpResponse& response) {
  EXPECT_EQ(response.content_type, "application/problem+json");
  EXPECT_EQ(ValidUtf8(response.body), response.body) << "not UTF-8: " << response.body;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(response.body, ec);
  EXPECT_FALSE(ec) << response.body;
  return value.is_object() ? value.as_object() : boost::json::object();
}

TEST(Router, HeadIsAnsweredByTheGetRouteAndOtherMethodsGet405WithAllow) {
  Router router;
  router.Add("GET", "/api/v1/dossiers/{id}", [](const HttpRequest& r) {
    return HttpResponse::Json(200, "\"" + r.method + " " + r.path_params.at("id") + "\"");
  });
  router.Add("POST", "/api/v1/dossiers/{id}/events",
             [](const HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  auto head = router.Handle(Request("HEAD", "/api/v1/dossiers/d1"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "\"HEAD d1\"");  // the server drops the body, keeping its length
  EXPECT_EQ(head.route, "/api/v1/dossiers/{id}");

  auto put = router.Handle(Request("PUT", "/api/v1/dossiers/d1"));
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.headers, (decltype(put.headers){{"Allow", "GET, HEAD"}}));
  auto head_on_post = router.Handle(Request("HEAD", "/api/v1/dossiers/d1/events"));
  EXPECT_EQ(head_on_post.status, 405);
  EXPECT_EQ(head_on_post.headers, (decltype(head_on_post.headers){{"Allow", "POST"}}));
  EXPECT_EQ(ProblemJson(head_on_post)["code"].as_string(), "method_not_allowed");
}

TEST(Router, TheFallbackAnswersGetAndHeadOnly) {
  Router router;
  router.SetFallback(
      [](const HttpRequest& r) { return HttpResponse::Text(200, "text/plain", r.method); });
  EXPECT_EQ(router.Handle(Request("GET", "/app.js")).body, "GET");
  EXPECT_EQ(router.Handle(Request("HEAD", "/app.js")).body, "HEAD");
  EXPECT_EQ(router.Handle(Request("HEAD", "/app.js")).route, "static");
  EXPECT_EQ(router.Handle(Request("POST", "/app.js")).status, 404);
}

TEST(HttpResponse, AProblemIsUtf8JsonWhateverBytesItsDetailHolds) {
  // Stray continuation bytes, lead bytes that start nothing (C0, F5..FF), an overlong form, a
  // surrogate, a code point past U+10FFFF, a sequence cut short; and text that must stay as is.
  const std::string detail =
      "no such dossier: \xff\x80\x80 \xc0\xaf \xf5\x80\x80\x80 \xe0\x80\x80 \xed\xa0\x80 "
      "\xf4\x90\x80\x80 \xe1\x80 \"x\"\n Hồ sơ 𝄞";
  auto problem = ProblemJson(HttpResponse::Problem(404, "not_found", detail));
  const std::string got(problem["detail"].as_string());
  EXPECT_EQ(got.find('\xff'), std::string::npos);
  EXPECT_NE(got.find("no such dossier: \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "), std::string::npos)
      << got;
  EXPECT_NE(got.find("\"x\"\n Hồ sơ 𝄞"), std::string::npos) << got;
  EXPECT_EQ(ProblemJson(HttpResponse::Problem(400, "bad\xff", "x"))["code"].as_string(),
            "bad\xEF\xBF\xBD");
  EXPECT_EQ(ValidUtf8("\xe1\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ValidUtf8("Thôn 1"), "Thôn 1");
}

TEST(Router, NotFoundAndMethodNotAllowedAreUtf8JsonForAnyPath) {
  // The server refuses such a path before routing; the router must not depend on it.
  Router router;
  router.Add("GET", "/a/{id}", [](const HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  HttpRequest request;
  request.method = "POST";
  request.path = "/a/\xff\x80\x80";
  EXPECT_EQ(ProblemJson(router.Handle(request))["status"].as_int64(), 405);
  request.path = "/b/\xff\x80\x80";
  EXPECT_EQ(ProblemJson(router.Handle(request))["status"].as_int64(), 404);
}

TEST(ParseTarget, RefusesEveryPathOrQueryThatIsNotUtf8) {
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  for (const char* target :
       {"/a/%ff%80%80", "/a/%FF", "/a/%80", "/a/%c0%af", "/a/%c1%bf", "/a/%e0%80%80",
        "/a/%ed%a0%80", "/a/%f4%90%80%80", "/a/%f5%80%80%80", "/a/%f8%88%80%80%80", "/a/%e1%80",
        "/a/\xff", "/a?x=%fe", "/a?%ff=1", "/a/%00", "/a/%7f"}) {
    EXPECT_FALSE(ParseTarget(target, path, query)) << target;
  }
  EXPECT_TRUE(ParseTarget("/a/%F0%9D%84%9E?x=%E1%BB%93", path, query));
  EXPECT_EQ(path, "/a/𝄞");
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

TEST(HttpResponse, UnavailableSaysWhenToRetry) {
  const auto unavailable = HttpResponse::FromStatus(engine::Status::Unavailable("x")).headers;
  EXPECT_NE(std::find(unavailable.begin(), unavailable.end(),
                      std::pair<std::string, std::string>{"Retry-After", "1"}),
            unavailable.end());
  EXPECT_TRUE(HttpResponse::FromStatus(engine::Status::Conflict("x")).headers.empty());
}

}  // namespace
}  // namespace tdkt::adapters::http
