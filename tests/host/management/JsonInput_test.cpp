// Validation of management request bodies: the body itself, unknown fields,
// and every field type, each refused with a 400 naming the field.
#include "keys/ApiKey.h"
#include "management/JsonInput.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace gaiarouter {
namespace {

constexpr int64_t kJan31 = 1'801'353'600'000;  // 2027-01-31T00:00:00Z

// The param of the error, or "<ok>".
std::string param(const JsonInput& in) { return in.failed() ? in.error()->param : "<ok>"; }

void expectInvalidField(const JsonInput& in, const std::string& field) {
  ASSERT_TRUE(in.failed()) << field;
  EXPECT_EQ(in.error()->status, 400);
  EXPECT_EQ(in.error()->type, "invalid_request_error");
  EXPECT_EQ(in.error()->code, "invalid_field");
  EXPECT_EQ(in.error()->param, field);
  EXPECT_EQ(in.error()->message.rfind("'" + field + "' ", 0), 0u) << in.error()->message;
}

TEST(JsonInputTest, BooleansAreTrueOrFalseOnly) {
  JsonInput on(R"({"flag": true})", {"flag"});
  EXPECT_EQ(on.boolean("flag"), true);
  JsonInput off(R"({"flag": false})", {"flag"});
  EXPECT_EQ(off.boolean("flag"), false);
  JsonInput absent(R"({})", {"flag"});
  EXPECT_EQ(absent.boolean("flag"), std::nullopt);
  JsonInput null(R"({"flag": null})", {"flag"});
  EXPECT_EQ(null.boolean("flag"), std::nullopt);
  EXPECT_FALSE(null.failed());
  for (const std::string value : {"1", "0", "\"true\"", "\"yes\"", "[]", "{}"}) {
    JsonInput in("{\"flag\": " + value + "}", {"flag"});
    EXPECT_EQ(in.boolean("flag"), std::nullopt) << value;
    expectInvalidField(in, "flag");
  }
}

// ---------------------------------------------------------------------------
// The body

TEST(JsonInputTest, ABodyThatIsNotAJsonObjectIsInvalidJson) {
  for (const std::string body : {"", "   \n", "{", "{\"name\":}", "not json", "[1,2]", "\"text\"", "42", "null",
                                 "{\"name\":\"a\",}"}) {
    JsonInput in(body, {"name"});
    ASSERT_TRUE(in.failed()) << body;
    EXPECT_EQ(in.error()->status, 400) << body;
    EXPECT_EQ(in.error()->code, "invalid_json") << body;
    EXPECT_EQ(in.error()->param, "") << body;
  }
}

TEST(JsonInputTest, AnEmptyObjectIsFine) {
  JsonInput in("{}", {"name"});
  EXPECT_FALSE(in.failed());
  EXPECT_FALSE(in.has("name"));
  EXPECT_FALSE(in.text("name", {}).has_value());
  EXPECT_FALSE(in.failed()) << "an optional absent field is no error";
}

TEST(JsonInputTest, AnUnknownFieldIsRefusedByName) {
  JsonInput in(R"({"name":"Acme","nmae":"typo"})", {"name", "description"});
  ASSERT_TRUE(in.failed());
  EXPECT_EQ(in.error()->status, 400);
  EXPECT_EQ(in.error()->code, "unknown_field");
  EXPECT_EQ(in.error()->param, "nmae");
  EXPECT_NE(in.error()->message.find("'nmae'"), std::string::npos) << in.error()->message;
  // Reading known fields afterwards keeps the first error.
  EXPECT_FALSE(in.text("name", {.required = true}).has_value());
  EXPECT_EQ(in.error()->param, "nmae");
}

TEST(JsonInputTest, AnUnknownFieldOfANestedObjectIsNamedWithItsParent) {
  JsonInput in(R"({"limits":{"monthly_requests":5,"weekly":1}})", {"limits"});
  ASSERT_FALSE(in.failed());
  auto limits = in.object("limits", {"monthly_requests", "yearly_requests"});
  EXPECT_FALSE(limits.has_value());
  ASSERT_TRUE(in.failed());
  EXPECT_EQ(in.error()->code, "unknown_field");
  EXPECT_EQ(in.error()->param, "limits.weekly");
}

TEST(JsonInputTest, ANestedObjectsFieldErrorsAreNamedWithItsParent) {
  JsonInput in(R"({"limits":{"monthly_requests":-1}})", {"limits"});
  auto limits = in.object("limits", {"monthly_requests"});
  ASSERT_TRUE(limits.has_value());
  EXPECT_FALSE(limits->count("monthly_requests", 0, 1000).has_value());
  expectInvalidField(*limits, "limits.monthly_requests");
  EXPECT_FALSE(in.failed()) << "not before it is adopted";
  in.adopt(*limits);
  expectInvalidField(in, "limits.monthly_requests");
}

TEST(JsonInputTest, ANestedObjectMustBeAnObject) {
  JsonInput in(R"({"limits":[1]})", {"limits"});
  EXPECT_FALSE(in.object("limits", {"monthly_requests"}).has_value());
  expectInvalidField(in, "limits");
}

TEST(JsonInputTest, ANestedObjectsValuesAreRead) {
  JsonInput in(R"({"limits":{"monthly_requests":5,"monthly_cost_usd":1.25}})", {"limits"});
  auto limits = in.object("limits", {"monthly_requests", "monthly_cost_usd"});
  ASSERT_TRUE(limits.has_value());
  EXPECT_EQ(limits->count("monthly_requests", 0, 1000), Patch<int64_t>(std::optional<int64_t>(5)));
  EXPECT_EQ(limits->usd("monthly_cost_usd"), Patch<int64_t>(std::optional<int64_t>(1'250'000)));
  EXPECT_FALSE(limits->failed());
}

// ---------------------------------------------------------------------------
// text

TEST(JsonInputTest, TextIsTrimmed) {
  JsonInput in(R"({"name":"  Acme Corp \t\n"})", {"name"});
  EXPECT_EQ(in.text("name", {.required = true}), "Acme Corp");
  EXPECT_FALSE(in.failed());
}

TEST(JsonInputTest, RequiredTextMustBePresentNonNullAndNonEmpty) {
  {
    JsonInput in("{}", {"name"});
    EXPECT_FALSE(in.text("name", {.required = true}).has_value());
    expectInvalidField(in, "name");
    EXPECT_NE(in.error()->message.find("required"), std::string::npos);
  }
  {
    JsonInput in(R"({"name":null})", {"name"});
    EXPECT_FALSE(in.text("name", {.required = true}).has_value());
    expectInvalidField(in, "name");
  }
  {
    JsonInput in(R"({"name":"   "})", {"name"});
    EXPECT_FALSE(in.text("name", {.required = true}).has_value());
    expectInvalidField(in, "name");
    EXPECT_NE(in.error()->message.find("empty"), std::string::npos) << in.error()->message;
  }
  {
    JsonInput in(R"({"name":null})", {"name"});
    EXPECT_FALSE(in.text("name", {}).has_value());
    EXPECT_FALSE(in.failed()) << "null for an optional text: absent";
  }
}

TEST(JsonInputTest, TextMustBeAString) {
  for (const std::string value : {"5", "true", "[\"a\"]", "{\"a\":1}"}) {
    JsonInput in(R"({"name":)" + value + "}", {"name"});
    EXPECT_FALSE(in.text("name", {}).has_value()) << value;
    expectInvalidField(in, "name");
    EXPECT_NE(in.error()->message.find("must be a string"), std::string::npos) << in.error()->message;
  }
}

TEST(JsonInputTest, TextLengthIsCountedInCodePoints) {
  std::string twoByte;
  for (int i = 0; i < 200; ++i) twoByte += "\xC3\xA9";  // é: 400 bytes, 200 characters
  {
    JsonInput in(R"({"name":")" + twoByte + "\"}", {"name"});
    EXPECT_EQ(in.text("name", {.max = 200}), twoByte);
    EXPECT_FALSE(in.failed());
  }
  {
    JsonInput in(R"({"name":")" + twoByte + "\xC3\xA9\"}", {"name"});
    EXPECT_FALSE(in.text("name", {.max = 200}).has_value());
    expectInvalidField(in, "name");
    EXPECT_NE(in.error()->message.find("at most 200"), std::string::npos) << in.error()->message;
  }
  {
    // 4-byte characters (emoji) count one each.
    JsonInput in(R"({"name":"\u00e9🙂🙂"})", {"name"});
    EXPECT_EQ(in.text("name", {.min = 3, .max = 3}), "\xC3\xA9\xF0\x9F\x99\x82\xF0\x9F\x99\x82");
  }
  {
    // "éé" is 4 bytes but 2 characters: below a minimum of 3.
    JsonInput in("{\"name\":\"\xC3\xA9\xC3\xA9\"}", {"name"});
    EXPECT_FALSE(in.text("name", {.min = 3}).has_value());
    expectInvalidField(in, "name");
    EXPECT_NE(in.error()->message.find("at least 3"), std::string::npos) << in.error()->message;
  }
}

TEST(JsonInputTest, ControlCharactersAreRefusedInShortFieldsOnly) {
  for (const std::string value : {"a\\u0001b", "line\\nbreak", "a\\rb", "del\\u007f"}) {
    JsonInput in(R"({"name":")" + value + "\"}", {"name"});
    EXPECT_FALSE(in.text("name", {.max = 200}).has_value()) << value;
    expectInvalidField(in, "name");
    EXPECT_NE(in.error()->message.find("control characters"), std::string::npos) << in.error()->message;
  }
  {
    JsonInput in(R"({"name":"a\tb"})", {"name"});
    EXPECT_EQ(in.text("name", {}), "a\tb") << "a tab is fine";
  }
  {
    JsonInput in(R"({"description":"first line\nsecond line"})", {"description"});
    EXPECT_EQ(in.text("description", {.max = 2000}), "first line\nsecond line") << "long fields may span lines";
  }
}

TEST(JsonInputTest, InvalidUtf8IsRefused) {
  for (const auto& bad : {std::string("\xFF"), std::string("ab\xC3"), std::string("\xC3(x"),
                                std::string("\xC0\xAF"), std::string("\xED\xA0\x80")}) {
    JsonInput in("{\"name\":\"" + bad + "\"}", {"name"});
    const auto value = in.text("name", {});
    EXPECT_FALSE(value.has_value()) << "accepted invalid UTF-8 as: " << value.value_or("");
    ASSERT_TRUE(in.failed());
    EXPECT_EQ(in.error()->status, 400);
  }
}

// ---------------------------------------------------------------------------
// choice and email

TEST(JsonInputTest, ChoiceAcceptsOnlyItsValues) {
  {
    JsonInput in(R"({"status":" inactive "})", {"status"});
    EXPECT_EQ(in.choice("status", {"active", "inactive"}), "inactive");
    EXPECT_FALSE(in.failed());
  }
  {
    JsonInput in(R"({"status":"deleted"})", {"status"});
    EXPECT_FALSE(in.choice("status", {"active", "inactive"}).has_value());
    expectInvalidField(in, "status");
    EXPECT_NE(in.error()->message.find("'active', 'inactive'"), std::string::npos) << in.error()->message;
  }
  {
    JsonInput in(R"({"status":"Active"})", {"status"});
    EXPECT_FALSE(in.choice("status", {"active", "inactive"}).has_value()) << "case matters";
    expectInvalidField(in, "status");
  }
  {
    JsonInput in("{}", {"status"});
    EXPECT_FALSE(in.choice("status", {"active"}, true).has_value());
    expectInvalidField(in, "status");
  }
}

TEST(JsonInputTest, EmailIsLowerCased) {
  JsonInput in(R"({"email":"  Alice.Smith@Example.COM "})", {"email"});
  EXPECT_EQ(in.email("email", true), "alice.smith@example.com");
  EXPECT_FALSE(in.failed());
}

TEST(JsonInputTest, AMalformedEmailIsRefused) {
  for (const std::string bad : {"alice", "alice@", "@example.com", "a@b", "a@@example.com", "a@b@example.com",
                                "al ice@example.com", "alice@example.com.", "alice.example.com"}) {
    JsonInput in(R"({"email":")" + bad + "\"}", {"email"});
    EXPECT_FALSE(in.email("email", true).has_value()) << bad;
    expectInvalidField(in, "email");
  }
  JsonInput missing("{}", {"email"});
  EXPECT_FALSE(missing.email("email", true).has_value());
  expectInvalidField(missing, "email");
  JsonInput optional("{}", {"email"});
  EXPECT_FALSE(optional.email("email", false).has_value());
  EXPECT_FALSE(optional.failed());
}

// ---------------------------------------------------------------------------
// count

TEST(JsonInputTest, CountAbsentNullAndValues) {
  JsonInput in(R"({"a":null,"b":5,"c":5.0,"d":0,"e":100})", {"a", "b", "c", "d", "e", "f"});
  const auto absent = in.count("f", 0, 100);
  EXPECT_FALSE(absent.has_value()) << "absent: leave it";
  const auto null = in.count("a", 0, 100);
  ASSERT_TRUE(null.has_value()) << "null: clear it";
  EXPECT_FALSE(null->has_value());
  EXPECT_EQ(in.count("b", 0, 100), Patch<int64_t>(std::optional<int64_t>(5)));
  EXPECT_EQ(in.count("c", 0, 100), Patch<int64_t>(std::optional<int64_t>(5))) << "5.0 is a whole number";
  EXPECT_EQ(in.count("d", 0, 100), Patch<int64_t>(std::optional<int64_t>(0))) << "the minimum is included";
  EXPECT_EQ(in.count("e", 0, 100), Patch<int64_t>(std::optional<int64_t>(100))) << "the maximum is included";
  EXPECT_FALSE(in.failed());
}

TEST(JsonInputTest, CountLargeValuesWithinTheRange) {
  JsonInput in(R"({"n":9000000000000})", {"n"});
  EXPECT_EQ(in.count("n", 0, 1'000'000'000'000'000), Patch<int64_t>(std::optional<int64_t>(9'000'000'000'000)));
}

TEST(JsonInputTest, CountRefusesFractionsRangeBooleansAndStrings) {
  for (const std::string value : {"1.5", "-1", "101", "100.5", "-0.5", "1e30", "-1e30", "true", "false", "\"5\"",
                                  "[5]", "{}"}) {
    JsonInput in(R"({"n":)" + value + "}", {"n"});
    EXPECT_FALSE(in.count("n", 0, 100).has_value()) << value;
    expectInvalidField(in, "n");
  }
}

TEST(JsonInputTest, CountRefusesWholeNumbersBeyondItsMaximum) {
  constexpr int64_t kMax = INT64_MAX / 2;  // what the handlers allow
  {
    JsonInput in(R"({"n":4611686018427387903})", {"n"});
    EXPECT_EQ(in.count("n", 0, kMax), Patch<int64_t>(std::optional<int64_t>(kMax)));
  }
  // One more; more than an int64 (a UInt64 to the parser); as a fraction-free double.
  for (const std::string value : {"4611686018427387904", "9223372036854775808", "18446744073709551615", "5e18"}) {
    JsonInput in(R"({"n":)" + value + "}", {"n"});
    EXPECT_FALSE(in.count("n", 0, kMax).has_value()) << value;
    expectInvalidField(in, "n");
  }
  // Past what the JSON parser reads at all: the body is refused as a whole.
  JsonInput tooBig(R"({"n":99999999999999999999})", {"n"});
  ASSERT_TRUE(tooBig.failed());
  EXPECT_EQ(tooBig.error()->code, "invalid_json");
  EXPECT_FALSE(tooBig.count("n", 0, kMax).has_value());
}

// ---------------------------------------------------------------------------
// usd

TEST(JsonInputTest, UsdBecomesMicroDollars) {
  JsonInput in(R"({"a":0.000001,"b":12.5,"c":0,"d":3,"e":null,"f":1000000000,"g":0.1})",
               {"a", "b", "c", "d", "e", "f", "g", "h"});
  EXPECT_EQ(in.usd("a"), Patch<int64_t>(std::optional<int64_t>(1)));
  EXPECT_EQ(in.usd("b"), Patch<int64_t>(std::optional<int64_t>(12'500'000)));
  EXPECT_EQ(in.usd("c"), Patch<int64_t>(std::optional<int64_t>(0)));
  EXPECT_EQ(in.usd("d"), Patch<int64_t>(std::optional<int64_t>(3'000'000)));
  const auto null = in.usd("e");
  ASSERT_TRUE(null.has_value());
  EXPECT_FALSE(null->has_value());
  EXPECT_EQ(in.usd("f"), Patch<int64_t>(std::optional<int64_t>(1'000'000'000'000'000)));
  EXPECT_EQ(in.usd("g"), Patch<int64_t>(std::optional<int64_t>(100'000))) << "rounded, not truncated";
  EXPECT_FALSE(in.usd("h").has_value());
  EXPECT_FALSE(in.failed());
}

TEST(JsonInputTest, UsdRefusesNegativeNonNumbersAndHugeAmounts) {
  for (const std::string value : {"-0.01", "-1", "\"5\"", "true", "1e10", "1000000000.01", "1e300", "[1]", "{}"}) {
    JsonInput in(R"({"cost":)" + value + "}", {"cost"});
    EXPECT_FALSE(in.usd("cost").has_value()) << value;
    expectInvalidField(in, "cost");
  }
}

// ---------------------------------------------------------------------------
// time

TEST(JsonInputTest, TimeAcceptsIsoDateTimesAndDates) {
  JsonInput in(R"({"a":"2027-01-31T00:00:00Z","b":"2027-01-31T02:00:00+02:00","c":"2027-01-31","d":null,
                   "e":"2027-01-30T19:00:00-05:00","f":"2027-01-31T00:00:00.250Z"})",
               {"a", "b", "c", "d", "e", "f", "g"});
  EXPECT_EQ(in.time("a"), Patch<int64_t>(std::optional<int64_t>(kJan31)));
  EXPECT_EQ(in.time("b"), Patch<int64_t>(std::optional<int64_t>(kJan31)));
  EXPECT_EQ(in.time("c"), Patch<int64_t>(std::optional<int64_t>(kJan31)));
  const auto null = in.time("d");
  ASSERT_TRUE(null.has_value());
  EXPECT_FALSE(null->has_value());
  EXPECT_EQ(in.time("e"), Patch<int64_t>(std::optional<int64_t>(kJan31)));
  EXPECT_EQ(in.time("f"), Patch<int64_t>(std::optional<int64_t>(kJan31 + 250)));
  EXPECT_FALSE(in.time("g").has_value());
  EXPECT_FALSE(in.failed());
}

TEST(JsonInputTest, TimeRefusesGarbage) {
  for (const std::string value : {"\"tomorrow\"", "\"\"", "\"2027-13-01\"", "\"2027-01-31T00:00:00\"", "1801353600000",
                                  "true"}) {
    JsonInput in(R"({"expires_at":)" + value + "}", {"expires_at"});
    EXPECT_FALSE(in.time("expires_at").has_value()) << value;
    expectInvalidField(in, "expires_at");
    EXPECT_NE(in.error()->message.find("ISO 8601"), std::string::npos) << in.error()->message;
  }
}

// ---------------------------------------------------------------------------
// id

TEST(JsonInputTest, IdIsAStringOrNull) {
  JsonInput in(R"({"a":"org_123","b":null})", {"a", "b", "c"});
  EXPECT_EQ(in.id("a"), Patch<std::string>(std::optional<std::string>("org_123")));
  const auto null = in.id("b");
  ASSERT_TRUE(null.has_value());
  EXPECT_FALSE(null->has_value());
  EXPECT_FALSE(in.id("c").has_value());
  EXPECT_FALSE(in.failed());

  JsonInput empty(R"({"a":""})", {"a"});
  EXPECT_FALSE(empty.id("a").has_value());
  expectInvalidField(empty, "a");
  JsonInput tooLong(R"({"a":")" + std::string(41, 'x') + "\"}", {"a"});
  EXPECT_FALSE(tooLong.id("a").has_value());
  expectInvalidField(tooLong, "a");
}

// ---------------------------------------------------------------------------
// permissions

TEST(JsonInputTest, PermissionsBecomeBits) {
  JsonInput in(R"({"a":["read"],"b":["read","write","admin"],"c":["write","write"],"d":["admin"]})",
               {"a", "b", "c", "d", "e"});
  EXPECT_EQ(in.permissions("a"), std::optional<unsigned>(kPermissionRead));
  EXPECT_EQ(in.permissions("b"), std::optional<unsigned>(kPermissionRead | kPermissionWrite | kPermissionAdmin));
  EXPECT_EQ(in.permissions("c"), std::optional<unsigned>(kPermissionWrite));
  EXPECT_EQ(in.permissions("d"), std::optional<unsigned>(kPermissionAdmin));
  EXPECT_FALSE(in.permissions("e").has_value());
  EXPECT_FALSE(in.failed());
}

TEST(JsonInputTest, PermissionsRefuseEmptyUnknownAndNonArrays) {
  for (const std::string value : {"[]", "[\"root\"]", "[\"read\",\"root\"]", "\"read\"", "[\"read,write\"]", "[1]",
                                  "[null]", "null", "[\"READ\"]", "[\"\"]"}) {
    JsonInput in(R"({"permissions":)" + value + "}", {"permissions"});
    EXPECT_FALSE(in.permissions("permissions").has_value()) << value;
    expectInvalidField(in, "permissions");
  }
}

// ---------------------------------------------------------------------------
// The first error wins

TEST(JsonInputTest, TheFirstErrorWins) {
  JsonInput in(R"({"name":5,"status":"bogus","monthly_requests":-1,"email":"alice@example.com"})",
               {"name", "status", "monthly_requests", "email"});
  EXPECT_FALSE(in.text("name", {.required = true}).has_value());
  EXPECT_FALSE(in.choice("status", {"active"}).has_value());
  EXPECT_FALSE(in.count("monthly_requests", 0, 10).has_value());
  EXPECT_FALSE(in.email("email", true).has_value()) << "nothing is read after a failure";
  EXPECT_EQ(param(in), "name");

  // adopt() does not replace an error either.
  JsonInput other(R"({"limits":{"x":1}})", {"limits"});
  EXPECT_FALSE(other.object("limits", {"y"}).has_value());
  EXPECT_EQ(param(other), "limits.x");
  JsonInput first(R"({"a":true})", {"a"});
  first.text("a", {});
  first.adopt(other);
  EXPECT_EQ(param(first), "a");
}

}  // namespace
}  // namespace gaiarouter
