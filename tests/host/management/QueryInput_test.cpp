// Validation of listing query strings: page and limit, filters, unknown and
// repeated parameters, each refused with a 400 naming the parameter.
#include "management/QueryInput.h"

#include <gtest/gtest.h>

#include <string>

namespace gaiarouter {
namespace {

constexpr int64_t kNov1 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z

void expectRefused(const QueryInput& in, const std::string& name, const std::string& code = "invalid_parameter") {
  ASSERT_TRUE(in.failed()) << name;
  EXPECT_EQ(in.error()->status, 400);
  EXPECT_EQ(in.error()->type, "invalid_request_error");
  EXPECT_EQ(in.error()->code, code);
  EXPECT_EQ(in.error()->param, name);
  EXPECT_NE(in.error()->message.find("'" + name + "'"), std::string::npos) << in.error()->message;
}

TEST(QueryInputTest, PageDefaultsToTheFirstPageOfTwenty) {
  for (const std::string uri : {"/v1/organizations", "/v1/organizations?", "/v1/organizations?status=active"}) {
    QueryInput in(uri, {"status"});
    const auto page = in.page();
    EXPECT_FALSE(in.failed()) << uri;
    EXPECT_EQ(page.page, 1) << uri;
    EXPECT_EQ(page.limit, 20) << uri;
  }
}

TEST(QueryInputTest, PageAndLimitAreRead) {
  QueryInput in("/v1/keys?page=3&limit=100", {});
  const auto page = in.page();
  EXPECT_FALSE(in.failed());
  EXPECT_EQ(page.page, 3);
  EXPECT_EQ(page.limit, 100);

  QueryInput one("/v1/keys?limit=1&page=1000000", {});
  const auto smallest = one.page();
  EXPECT_FALSE(one.failed());
  EXPECT_EQ(smallest.limit, 1);
  EXPECT_EQ(smallest.page, 1'000'000);
}

TEST(QueryInputTest, ALimitOutsideOneToHundredIsRefused) {
  for (const std::string value : {"0", "101", "-1", "abc", "5x", "", "1.5", "99999999999999999999999"}) {
    QueryInput in("/v1/keys?limit=" + value, {});
    const auto page = in.page();
    expectRefused(in, "limit");
    EXPECT_NE(in.error()->message.find("from 1 to 100"), std::string::npos) << in.error()->message;
    EXPECT_EQ(page.limit, 20) << value;
  }
}

TEST(QueryInputTest, APageBelowOneIsRefused) {
  for (const std::string value : {"0", "-3", "x", "1000001"}) {
    QueryInput in("/v1/keys?page=" + value, {});
    in.page();
    expectRefused(in, "page");
  }
}

TEST(QueryInputTest, AnUnknownParameterIsRefused) {
  QueryInput in("/v1/organizations?status=active&sort=name", {"status"});
  expectRefused(in, "sort", "unknown_parameter");
  // Case matters: "Limit" is not "limit".
  QueryInput upper("/v1/organizations?Limit=5", {});
  expectRefused(upper, "Limit", "unknown_parameter");
  // The filters of one listing are not the filters of another.
  QueryInput other("/v1/users?organization_id=org_1", {"status"});
  expectRefused(other, "organization_id", "unknown_parameter");
}

TEST(QueryInputTest, ARepeatedParameterIsRefused) {
  QueryInput in("/v1/organizations?status=active&status=inactive", {"status"});
  expectRefused(in, "status");
  QueryInput limit("/v1/organizations?limit=5&limit=5", {});
  expectRefused(limit, "limit");
}

TEST(QueryInputTest, ValuesArePercentDecoded) {
  QueryInput in("/v1/organizations?name=Acme%20Corp%26Co%3D1&email=a%2Bb%40example.com&city=Z%C3%BCrich", {"name", "email", "city"});
  EXPECT_FALSE(in.failed());
  EXPECT_EQ(in.text("name"), "Acme Corp&Co=1");
  EXPECT_EQ(in.text("email"), "a+b@example.com");
  EXPECT_EQ(in.text("city"), "Z\xC3\xBCrich");
  EXPECT_EQ(in.text("missing"), "");
  EXPECT_FALSE(in.failed());
}

TEST(QueryInputTest, TextLongerThanItsMaximumIsRefused) {
  QueryInput ok("/v1/organizations?name=" + std::string(200, 'a'), {"name"});
  EXPECT_EQ(ok.text("name").size(), 200u);
  EXPECT_FALSE(ok.failed());
  QueryInput in("/v1/organizations?name=" + std::string(201, 'a'), {"name"});
  EXPECT_EQ(in.text("name"), "");
  expectRefused(in, "name");
  QueryInput shorter("/v1/organizations?name=abcdef", {"name"});
  EXPECT_EQ(shorter.text("name", 5), "");
  expectRefused(shorter, "name");
}

TEST(QueryInputTest, ChoiceAcceptsOnlyItsValues) {
  QueryInput in("/v1/keys?status=inactive", {"status"});
  EXPECT_EQ(in.choice("status", {"active", "inactive", "deleted"}), "inactive");
  EXPECT_FALSE(in.failed());
  QueryInput bad("/v1/keys?status=gone", {"status"});
  EXPECT_EQ(bad.choice("status", {"active", "inactive"}), "");
  expectRefused(bad, "status");
  EXPECT_NE(bad.error()->message.find("'active', 'inactive'"), std::string::npos) << bad.error()->message;
  QueryInput absent("/v1/keys", {"status"});
  EXPECT_EQ(absent.choice("status", {"active"}), "");
  EXPECT_FALSE(absent.failed());
}

TEST(QueryInputTest, TimesAreParsed) {
  QueryInput in(
      "/v1/keys?created_from=2026-11-01T00:00:00Z&created_to=2026-11-01T02:00:00%2B02:00&since=2026-11-01",
      {"created_from", "created_to", "since", "until"});
  EXPECT_EQ(in.time("created_from"), std::optional<int64_t>(kNov1));
  EXPECT_EQ(in.time("created_to"), std::optional<int64_t>(kNov1));
  EXPECT_EQ(in.time("since"), std::optional<int64_t>(kNov1));
  EXPECT_EQ(in.time("until"), std::nullopt);
  EXPECT_FALSE(in.failed());
}

TEST(QueryInputTest, AMalformedTimeIsRefused) {
  for (const std::string value : {"yesterday", "2026-11-01T00:00:00", "2026-13-01", "1793491200000"}) {
    QueryInput in("/v1/keys?created_from=" + value, {"created_from"});
    EXPECT_EQ(in.time("created_from"), std::nullopt) << value;
    expectRefused(in, "created_from");
  }
}

TEST(QueryInputTest, TheFirstErrorWins) {
  QueryInput in("/v1/keys?limit=0&status=gone", {"status"});
  in.page();
  in.choice("status", {"active"});
  EXPECT_EQ(in.error()->param, "limit");
}

}  // namespace
}  // namespace gaiarouter
