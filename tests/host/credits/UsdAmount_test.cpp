// Dollar amounts from their JSON text to micro-dollars, exactly.
#include "credits/UsdAmount.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

constexpr int64_t kMax = 1'000'000'000;

TEST(UsdAmount, DecimalTextBecomesExactMicros) {
  EXPECT_EQ(usdToMicros("10", kMax), 10'000'000);
  EXPECT_EQ(usdToMicros("0.1", kMax), 100'000);
  EXPECT_EQ(usdToMicros("10.10", kMax), 10'100'000);
  EXPECT_EQ(usdToMicros("0.000001", kMax), 1);
  EXPECT_EQ(usdToMicros("-0.000001", kMax), -1);
  EXPECT_EQ(usdToMicros("-12.345678", kMax), -12'345'678);
  EXPECT_EQ(usdToMicros("0", kMax), 0);
  EXPECT_EQ(usdToMicros("-0", kMax), 0);
  // A double would get these wrong: 0.29 × 10^6 is 289999.99999999994.
  EXPECT_EQ(usdToMicros("0.29", kMax), 290'000);
  EXPECT_EQ(usdToMicros("999999999.999999", kMax), 999'999'999'999'999);
  EXPECT_EQ(usdToMicros("1000000000", kMax), 1'000'000'000'000'000);
}

TEST(UsdAmount, ExponentsMoveThePoint) {
  EXPECT_EQ(usdToMicros("1e2", kMax), 100'000'000);
  EXPECT_EQ(usdToMicros("1.5E+1", kMax), 15'000'000);
  EXPECT_EQ(usdToMicros("25e-6", kMax), 25);
  EXPECT_EQ(usdToMicros("1e-6", kMax), 1);
  EXPECT_EQ(usdToMicros("0.0000010e0", kMax), 1) << "trailing zeros are not digits below a micro-dollar";
  EXPECT_EQ(usdToMicros("1e-7", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("0e999", kMax), 0);
}

TEST(UsdAmount, MoreThanSixDecimalsAreRefused) {
  EXPECT_EQ(usdToMicros("0.0000001", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("1.0000005", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("1.0000000000000001", kMax), std::nullopt) << "a double would see 1.0";
  EXPECT_EQ(usdToMicros("1.1000000", kMax), 1'100'000) << "zeros after the sixth decimal are fine";
}

TEST(UsdAmount, OutOfRangeAndNonNumbersAreRefused) {
  EXPECT_EQ(usdToMicros("1000000000.000001", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("-1000000000.000001", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("-1000000000", kMax), -1'000'000'000'000'000);
  EXPECT_EQ(usdToMicros("1e10", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("99999999999999999999999", kMax), std::nullopt);
  EXPECT_EQ(usdToMicros("1e99999999999", kMax), std::nullopt);
  for (const char* bad : {"", "-", "+1", "01", "1.", ".5", "1e", "1e+", "0x10", "1,5", "true", "null", "\"5\"",
                          "NaN", "Infinity", "1 ", " 1", "--1", "1.2.3"}) {
    EXPECT_EQ(usdToMicros(bad, kMax), std::nullopt) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace gaiarouter
