// ISO 8601 in UTC, as the API prints and reads times.
#include "util/Time.h"

#include <gtest/gtest.h>

#include <string>

namespace gaiarouter {
namespace {

constexpr int64_t kNov22 = 1'795'341'845'000;  // 2026-11-22T10:04:05Z
constexpr int64_t kNov22Midnight = 1'795'305'600'000;  // 2026-11-22T00:00:00Z

TEST(TimeTest, IsoUtcPrintsSecondsAndMillisecondsOnlyWhenNotZero) {
  EXPECT_EQ(isoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(isoUtc(kNov22), "2026-11-22T10:04:05Z");
  EXPECT_EQ(isoUtc(kNov22 + 250), "2026-11-22T10:04:05.250Z");
  EXPECT_EQ(isoUtc(kNov22 + 5), "2026-11-22T10:04:05.005Z");
  EXPECT_EQ(isoUtc(kNov22 + 999), "2026-11-22T10:04:05.999Z");
  EXPECT_EQ(isoUtc(1), "1970-01-01T00:00:00.001Z");
  EXPECT_EQ(isoUtc(951'782'400'000), "2000-02-29T00:00:00Z");
  EXPECT_EQ(isoUtc(1'798'761'600'000 - 1), "2026-12-31T23:59:59.999Z");
}

TEST(TimeTest, ParseRoundTripsWhatIsoUtcPrints) {
  for (int64_t ms : {int64_t{0}, int64_t{1}, kNov22, kNov22 + 250, kNov22 + 5, int64_t{951'782'400'000},
                     int64_t{1'798'761'600'000 - 1}, int64_t{4'102'444'800'000}}) {
    EXPECT_EQ(parseIsoUtc(isoUtc(ms)), std::optional<int64_t>(ms)) << isoUtc(ms);
  }
}

TEST(TimeTest, ParseReadsZoneOffsetsIntoUtc) {
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05Z"), std::optional<int64_t>(kNov22));
  EXPECT_EQ(parseIsoUtc("2026-11-22t10:04:05z"), std::optional<int64_t>(kNov22)) << "RFC 3339 allows lower case";
  EXPECT_EQ(parseIsoUtc("2026-11-22T12:04:05+02:00"), std::optional<int64_t>(kNov22));
  EXPECT_EQ(parseIsoUtc("2026-11-22T04:34:05-05:30"), std::optional<int64_t>(kNov22));
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05+00:00"), std::optional<int64_t>(kNov22));
  // Across midnight into the previous day.
  EXPECT_EQ(parseIsoUtc("2026-11-23T01:04:05+15:00"), std::optional<int64_t>(kNov22));
}

TEST(TimeTest, ParseReadsFractions) {
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05.250Z"), std::optional<int64_t>(kNov22 + 250));
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05.5Z"), std::optional<int64_t>(kNov22 + 500));
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05.123456Z"), std::optional<int64_t>(kNov22 + 123));
  EXPECT_EQ(parseIsoUtc("2026-11-22T12:04:05.750+02:00"), std::optional<int64_t>(kNov22 + 750));
}

TEST(TimeTest, ABareDateIsMidnightUtc) {
  EXPECT_EQ(parseIsoUtc("2026-11-22"), std::optional<int64_t>(kNov22Midnight));
  EXPECT_EQ(parseIsoUtc("1970-01-01"), std::optional<int64_t>(0));
  EXPECT_EQ(parseIsoUtc("2000-02-29"), std::optional<int64_t>(951'782'400'000));
}

TEST(TimeTest, ADateTimeWithoutItsZoneIsRefused) {
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05"), std::nullopt);
  EXPECT_EQ(parseIsoUtc("2026-11-22T10:04:05.250"), std::nullopt);
  EXPECT_EQ(parseIsoUtc("2026-11-22 10:04:05"), std::nullopt);
}

TEST(TimeTest, GarbageIsRefused) {
  for (const std::string bad : {"", "2026", "2026-11", "not a date", "yesterday!", "tomorrow at noon",
                                "2026-13-01", "2026-02-30", "2026-11-31", "2027-02-29", "2026-11-22T24:00:00Z",
                                "2026-11-22T10:60:00Z", "2026-11-22garbage", "1795341845000",
                                // Ten characters, or twenty with a zone-like sign: once read as year 0.
                                "yesterday!", "this is not a date - really", "abcdefghijklmnopqrstuvwxyZ",
                                // A valid time with something after it.
                                "2026-11-22T10:04:05Zjunk", "2026-11-22T10:04:05+02:00x", "2026-11-22x",
                                // Other shapes than the documented ones.
                                "2026/11/22", "20261122T100405Z", "2026-11-22T10:04:05+0200",
                                "2026-11-22T10:04:05+02", "2026-11-22T10:04:05.Z", "2026-11-22T10:04Z",
                                "2026-11-22 10:04:05Z", " 2026-11-22", "2026-11-22 "}) {
    EXPECT_EQ(parseIsoUtc(bad), std::nullopt) << "'" << bad << "'";
  }
}

TEST(TimeTest, TextLongerThanFortyCharactersIsRefused) {
  const std::string longest = "2026-11-22T10:04:05.123456789012345678+02:00";  // valid shape, 44 characters
  ASSERT_GT(longest.size(), 40u);
  EXPECT_EQ(parseIsoUtc(longest), std::nullopt);
  EXPECT_EQ(parseIsoUtc(std::string(1000, '2')), std::nullopt);
}

}  // namespace
}  // namespace gaiarouter
