#include "engine/codec/duplicate_keys.hpp"

#include <gtest/gtest.h>

namespace tdkt::engine::codec {
namespace {

TEST(DuplicateKeys, TheFirstKeyTwiceInOneObjectIsNamedWithItsPath) {
  EXPECT_EQ(FindDuplicateKey(R"({"type":"hold","type":"approve"})"), "type");
  EXPECT_EQ(FindDuplicateKey(R"({"type":"hold","payload":{"reason":"a","reason":"b"}})"),
            "payload.reason");
  EXPECT_EQ(FindDuplicateKey(R"({"a":[{"x":1},{"x":2,"x":3}]})"), "a.x");
}

TEST(DuplicateKeys, TheSameKeyInDifferentObjectsIsNoDuplicate) {
  EXPECT_EQ(FindDuplicateKey(R"({"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":1}]})"), std::nullopt);
  EXPECT_EQ(FindDuplicateKey(R"({"x":1})"), std::nullopt);
  EXPECT_EQ(FindDuplicateKey("not json"), std::nullopt);
  EXPECT_EQ(FindDuplicateKey(""), std::nullopt);
}

}  // namespace
}  // namespace tdkt::engine::codec
