#include "console/AcceptEncoding.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

TEST(AcceptEncoding, GzipNamedOrCoveredByTheWildcard) {
  EXPECT_TRUE(acceptsGzip("gzip"));
  EXPECT_TRUE(acceptsGzip("gzip, deflate, br, zstd"));  // what browsers send
  EXPECT_TRUE(acceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(acceptsGzip("x-gzip"));
  EXPECT_TRUE(acceptsGzip("*"));
  EXPECT_TRUE(acceptsGzip(" deflate , gzip ; q=0.001 "));
}

TEST(AcceptEncoding, AbsentRefusedOrMalformedIsNo) {
  EXPECT_FALSE(acceptsGzip(""));
  EXPECT_FALSE(acceptsGzip("identity"));
  EXPECT_FALSE(acceptsGzip("br, deflate"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0.000"));
  EXPECT_FALSE(acceptsGzip("gzip;q=abc"));
  EXPECT_FALSE(acceptsGzip("gzipper"));
  // An explicit refusal of gzip wins over the wildcard.
  EXPECT_FALSE(acceptsGzip("*, gzip;q=0"));
  EXPECT_FALSE(acceptsGzip("*;q=0"));
}

}  // namespace
}  // namespace gaiarouter
