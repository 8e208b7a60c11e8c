#include "console/ConsoleContentType.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

TEST(ConsoleContentType, KnowsWhatAViteBuildProduces) {
  EXPECT_EQ(consoleContentType("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(consoleContentType("assets/app-abc123.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(consoleContentType("assets/worker-1.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(consoleContentType("assets/app-abc123.css"), "text/css; charset=utf-8");
  EXPECT_EQ(consoleContentType("assets/app-abc123.js.map"), "application/json");
  EXPECT_EQ(consoleContentType("logo.svg"), "image/svg+xml");
  EXPECT_EQ(consoleContentType("logo.png"), "image/png");
  EXPECT_EQ(consoleContentType("photo.jpg"), "image/jpeg");
  EXPECT_EQ(consoleContentType("favicon.ico"), "image/x-icon");
  EXPECT_EQ(consoleContentType("assets/font-1.woff2"), "font/woff2");
  EXPECT_EQ(consoleContentType("assets/font-1.woff"), "font/woff");
  EXPECT_EQ(consoleContentType("assets/font-1.ttf"), "font/ttf");
  EXPECT_EQ(consoleContentType("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(consoleContentType("site.webmanifest"), "application/manifest+json");
  EXPECT_EQ(consoleContentType("data.json"), "application/json");
}

TEST(ConsoleContentType, IgnoresCaseAndFallsBackToBytes) {
  EXPECT_EQ(consoleContentType("LOGO.PNG"), "image/png");
  EXPECT_EQ(consoleContentType("archive.bin"), "application/octet-stream");
  EXPECT_EQ(consoleContentType("README"), "application/octet-stream");
}

}  // namespace
}  // namespace gaiarouter
