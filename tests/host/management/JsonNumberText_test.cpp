// The raw text of a top-level member of a JSON object.
#include "management/JsonNumberText.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

TEST(TopLevelLiteral, FindsTheNumberAsWritten) {
  EXPECT_EQ(topLevelLiteral(R"({"amount": 10.10, "type": "topup"})", "amount"), "10.10");
  EXPECT_EQ(topLevelLiteral(R"({"type":"topup","amount":-1e-6})", "amount"), "-1e-6");
  EXPECT_EQ(topLevelLiteral("{\n\t\"amount\"\r\n:\n0.000001\n}", "amount"), "0.000001");
  EXPECT_EQ(topLevelLiteral(R"({"amount":true})", "amount"), "true");
  EXPECT_EQ(topLevelLiteral(R"({"amount":null})", "amount"), "null");
}

TEST(TopLevelLiteral, SkipsNestedValuesAndStringsThatLookLikeTheField) {
  const std::string body =
      R"({"reason": "not \"amount\": 5, {[", "nested": {"amount": 1, "x": [1, {"amount": 2}]},)"
      R"( "list": ["amount", 3], "amount": 7.25})";
  EXPECT_EQ(topLevelLiteral(body, "amount"), "7.25");
  EXPECT_EQ(topLevelLiteral(R"({"nested": {"amount": 1}})", "amount"), std::nullopt);
}

TEST(TopLevelLiteral, TheLastOfDuplicateMembersCountsAsForTheParser) {
  EXPECT_EQ(topLevelLiteral(R"({"amount": 1, "amount": 2.5})", "amount"), "2.5");
}

TEST(TopLevelLiteral, EscapedKeysAreDecoded) {
  EXPECT_EQ(topLevelLiteral(R"({"\u0061mount": 3.5})", "amount"), "3.5");
}

TEST(TopLevelLiteral, StringsObjectsAndArraysAreNotLiterals) {
  EXPECT_EQ(topLevelLiteral(R"({"amount": "10"})", "amount"), std::nullopt);
  EXPECT_EQ(topLevelLiteral(R"({"amount": [10]})", "amount"), std::nullopt);
  EXPECT_EQ(topLevelLiteral(R"({"amount": {"usd": 10}})", "amount"), std::nullopt);
  EXPECT_EQ(topLevelLiteral(R"({"type": "topup"})", "amount"), std::nullopt);
  EXPECT_EQ(topLevelLiteral(R"([{"amount": 1}])", "amount"), std::nullopt);
  EXPECT_EQ(topLevelLiteral("", "amount"), std::nullopt);
}

}  // namespace
}  // namespace gaiarouter
