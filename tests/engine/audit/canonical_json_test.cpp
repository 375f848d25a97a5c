#include "engine/audit/canonical_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/audit/sha256.hpp"

namespace tdkt::engine::audit {
namespace {

// Expected bytes were produced by Python 3:
//   json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
TEST(CanonicalJson, MatchesPythonSortedCompactUnescapedForm) {
  boost::json::object o;
  o["b"] = boost::json::array{1, true, nullptr, "x"};
  o["a"] = "Quyết định \"15\"\\\n\t\x01\x7f";
  o["é"] = boost::json::object();
  o["Z"] = std::numeric_limits<std::int64_t>::min();
  o["u"] = std::numeric_limits<std::uint64_t>::max();
  o["ab"] = boost::json::array();
  auto canonical = CanonicalJson(o);
  ASSERT_TRUE(canonical.ok()) << canonical.status().ToString();
  EXPECT_EQ(*canonical,
            "{\"Z\":-9223372036854775808,\"a\":\"Quyết định \\\"15\\\"\\\\\\n\\t\\u0001\x7f\","
            "\"ab\":[],\"b\":[1,true,null,\"x\"],\"u\":18446744073709551615,\"é\":{}}");
}

TEST(CanonicalJson, SortsKeysByCodePointNotByLocale) {
  auto canonical = CanonicalizeJsonText(R"({"đ": 1, "e": 2, "d": 3, "D": 4, "é": 5})");
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, R"({"D":4,"d":3,"e":2,"é":5,"đ":1})");
}

TEST(CanonicalJson, RemovesWhitespaceAndKeepsNestedOrderOfArrays) {
  auto canonical = CanonicalizeJsonText(" { \"z\" : [ 3 , 1 , { \"b\" : 1 , \"a\" : 2 } ] } ");
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, R"({"z":[3,1,{"a":2,"b":1}]})");
}

TEST(CanonicalJson, RefusesFloatsNamingThePath) {
  auto canonical = CanonicalizeJsonText(R"({"votes": [1, 2.5]})");
  ASSERT_FALSE(canonical.ok());
  EXPECT_EQ(canonical.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(canonical.status().message().find("$.votes[1]"), std::string::npos)
      << canonical.status().message();
  EXPECT_FALSE(CanonicalizeJsonText("1e3").ok());
}

TEST(CanonicalJson, RefusesInvalidUtf8) {
  boost::json::object o;
  o["name"] = std::string("L\xC3\x28");  // a lead byte followed by a non-continuation byte
  EXPECT_FALSE(CanonicalJson(o).ok());
  o["name"] = std::string("\xED\xA0\x80");  // a UTF-16 surrogate encoded in UTF-8
  EXPECT_FALSE(CanonicalJson(o).ok());
  o["name"] = std::string("\xC0\xAF");  // an overlong '/'
  EXPECT_FALSE(CanonicalJson(o).ok());
}

TEST(CanonicalJson, RefusesTextThatIsNotJson) {
  auto canonical = CanonicalizeJsonText("{\"a\":");
  ASSERT_FALSE(canonical.ok());
  EXPECT_EQ(canonical.status().code(), StatusCode::kInvalidArgument);
}

TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace tdkt::engine::audit
