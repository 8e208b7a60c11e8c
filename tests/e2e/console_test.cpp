// The admin console served by the real binary: files of a console folder
// (GAIAROUTER_CONSOLE_DIR) with their types and caching, index.html for the
// console's routes, no way out of the folder, the API untouched beside it;
// and GET /v1/server, the console's Settings page.
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <unistd.h>

namespace gaiarouter::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndex = "<!doctype html><title>GaiaRouter console</title>";
constexpr const char* kScript = "console.log('app-abc123')";
constexpr const char* kSecret = "TOP-SECRET-OUTSIDE-THE-CONSOLE";
constexpr const char* kGzippedCss = "stands for the gzip of body{}";
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

GatewayProcess::Options optionsFor(const std::string& consoleDir, const std::string& extraYaml = "") {
  GatewayProcess::Options o;
  o.yaml = GatewayProcess::config(extraYaml + "providers:\n  mock: {plugin: mock, options: {stream_delay_ms: 0}}\n");
  o.env["GAIAROUTER_CONSOLE_DIR"] = consoleDir;
  return o;
}

// <base>/console holds the console; <base>/secret.txt is beside it, and
// <base>/console/leak.txt links to it.
class ConsoleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base_ = new fs::path(fs::temp_directory_path() / ("gaiarouter-e2e-console-" + std::to_string(::getpid())));
    fs::remove_all(*base_);
    const fs::path root = *base_ / "console";
    fs::create_directories(root / "assets");
    write(root / "index.html", kIndex);
    write(root / "assets" / "app-abc123.js", kScript);
    write(root / "assets" / "app-abc123.css", "body{}");
    write(root / "assets" / "app-abc123.css.gz", kGzippedCss);
    write(root / "favicon.svg", "<svg/>");
    write(*base_ / "secret.txt", kSecret);
    fs::create_symlink(*base_ / "secret.txt", root / "leak.txt");
    gateway_ = new GatewayProcess(optionsFor(root.string()));
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
    fs::remove_all(*base_);
    delete base_;
  }
  static HttpResult get(const std::string& path, const Headers& headers = {}) {
    return httpRequest(gateway_->port(), "GET", path, "", headers);
  }

  static fs::path* base_;
  static GatewayProcess* gateway_;
};
fs::path* ConsoleTest::base_ = nullptr;
GatewayProcess* ConsoleTest::gateway_ = nullptr;

void expectIndex(const HttpResult& r, const std::string& what) {
  EXPECT_EQ(r.status, 200) << what;
  EXPECT_EQ(r.body, kIndex) << what;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << what;
  EXPECT_EQ(r.header("cache-control"), "no-cache") << what;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << what;
}

TEST_F(ConsoleTest, RootAndConsoleRoutesAreTheIndex) {
  for (const char* path : {"/", "/index.html", "/organizations/x", "/organizations/org_1/keys?page=2", "/settings/"}) {
    expectIndex(get(path), path);
  }
}

TEST_F(ConsoleTest, HashedAssetsAreCachedForever) {
  auto js = get("/assets/app-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, kScript);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), kImmutable);
  EXPECT_EQ(js.header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(js.header("x-request-id").empty());

  auto css = get("/assets/app-abc123.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("cache-control"), kImmutable);

  // Outside assets/: no hashed name, so revalidated every time.
  auto icon = get("/favicon.svg");
  EXPECT_EQ(icon.status, 200);
  EXPECT_EQ(icon.header("content-type"), "image/svg+xml");
  EXPECT_EQ(icon.header("cache-control"), "no-cache");
}

TEST_F(ConsoleTest, ThePageMayRunOnlyItsOwnScriptsAndIsNeverFramed) {
  for (const char* path : {"/", "/organizations/org_1"}) {
    auto r = get(path);
    const std::string csp = r.header("content-security-policy");
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("style-src 'self';"), std::string::npos) << path;
    EXPECT_NE(csp.find("connect-src 'self'"), std::string::npos) << path;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-"), std::string::npos) << path;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << path;
    EXPECT_EQ(r.header("referrer-policy"), "no-referrer") << path;
  }
}

TEST_F(ConsoleTest, ClientsThatTakeGzipGetThePrecompressedFile) {
  auto gz = get("/assets/app-abc123.css", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.body, kGzippedCss);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.header("content-type"), "text/css; charset=utf-8");  // the type of what it decodes to
  EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
  EXPECT_EQ(gz.header("cache-control"), kImmutable);

  auto plain = get("/assets/app-abc123.css", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(plain.body, "body{}");
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  // The two are different representations: caches must not mix them up.
  EXPECT_NE(plain.header("etag"), gz.header("etag"));
  auto revalidated = get("/assets/app-abc123.css", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("etag")}});
  EXPECT_EQ(revalidated.status, 304);

  // No .gz beside it: the file as it is, even to a client that takes gzip.
  auto js = get("/assets/app-abc123.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(js.body, kScript);
  EXPECT_EQ(js.header("content-encoding"), "");
}

TEST_F(ConsoleTest, AMissingAssetIsNotFoundNotTheIndex) {
  for (const char* path : {"/assets/missing.js", "/assets/app-old999.css", "/assets/"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("content-type"), "text/plain; charset=utf-8") << path;
    EXPECT_EQ(r.body.find("<!doctype"), std::string::npos) << path;
  }
}

TEST_F(ConsoleTest, AnUnchangedFileIs304) {
  auto first = get("/assets/app-abc123.js");
  const std::string tag = first.header("etag");
  ASSERT_FALSE(tag.empty());
  auto again = get("/assets/app-abc123.js", {{"If-None-Match", tag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), tag);
  EXPECT_EQ(again.header("cache-control"), kImmutable);
  // Another file's tag does not match.
  auto index = get("/", {{"If-None-Match", tag}});
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.header("etag"), tag);
}

TEST_F(ConsoleTest, HeadHasTheHeadersWithoutTheBody) {
  auto r = httpRequest(gateway_->port(), "HEAD", "/assets/app-abc123.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.header("content-length"), std::to_string(std::string(kScript).size()));
  EXPECT_EQ(r.header("cache-control"), kImmutable);
}

TEST_F(ConsoleTest, NothingOutsideTheFolderIsServed) {
  for (const char* path : {"/../secret.txt", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/secret.txt",
                           "/assets/..%2f..%2fsecret.txt", "/assets/%2E%2E%2F%2E%2E%2Fsecret.txt", "/..%5csecret.txt",
                           "/..\\secret.txt", "/secret.txt%00.js", "/leak.txt", "//" , "/%2fetc/passwd"}) {
    auto r = get(path);
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
    // Refused outright, or (for paths that only look absolute) the index.
    if (r.status == 200) {
      EXPECT_EQ(r.body, kIndex) << path;
    } else {
      EXPECT_TRUE(r.status == 400 || r.status == 404) << path << ": " << r.status;
    }
  }
  EXPECT_EQ(get("/../secret.txt").status, 400);
  EXPECT_EQ(get("/%2e%2e/%2e%2e/etc/passwd").status, 400);
  EXPECT_EQ(get("/assets/..%2f..%2fsecret.txt").status, 400);
  EXPECT_EQ(get("/leak.txt").status, 404);
}

TEST_F(ConsoleTest, ApiPathsKeepTheirJsonErrors) {
  for (const char* path : {"/v1/nope", "/v1", "/api/nope", "/api/v1/nope", "/health/x", "/openapi.json/x"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("content-type"), "application/json") << path;
    EXPECT_EQ(r.error()->getValue<std::string>("code"), "unknown_endpoint") << path;
  }
  auto wrong = httpRequest(gateway_->port(), "PUT", "/v1/models", "{}");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("allow"), "GET");
  EXPECT_EQ(get("/health").json()->getValue<std::string>("status"), "ok");
}

TEST_F(ConsoleTest, OnlyGetAndHeadOnConsolePaths) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    auto r = httpRequest(gateway_->port(), method, "/", "{}");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.header("allow"), "GET, HEAD") << method;
    EXPECT_EQ(r.error()->getValue<std::string>("code"), "method_not_allowed") << method;
  }
  EXPECT_EQ(httpRequest(gateway_->port(), "POST", "/assets/app-abc123.js").status, 405);
  // OPTIONS stays the CORS preflight.
  EXPECT_EQ(httpRequest(gateway_->port(), "OPTIONS", "/", "", {{"Origin", "https://example.com"}}).status, 204);
}

TEST_F(ConsoleTest, ServerInformationForTheSettingsPage) {
  auto r = get("/v1/server", bearer(kTestAdminKey));
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("object"), "server");
  EXPECT_EQ(o->getValue<std::string>("version"), get("/health").json()->getValue<std::string>("version"));
  EXPECT_EQ(o->getValue<std::string>("mode"), "development");
  EXPECT_EQ(o->getValue<std::string>("database"), "sqlite");
  EXPECT_EQ(r.body.find("sqlite://"), std::string::npos) << "the database URL must not be shown";
  EXPECT_FALSE(o->getValue<std::string>("started_at").empty());
  EXPECT_GE(o->getValue<int>("uptime_s"), 0);
  EXPECT_TRUE(o->getValue<bool>("registration_enabled"));  // development default
  auto plugins = o->getArray("plugins");
  ASSERT_TRUE(plugins);
  bool mockPlugin = false;
  for (std::size_t i = 0; i < plugins->size(); ++i) {
    auto p = plugins->getObject(static_cast<unsigned>(i));
    if (p->getValue<std::string>("name") == "mock") mockPlugin = !p->getValue<std::string>("abi").empty();
  }
  EXPECT_TRUE(mockPlugin) << r.body;
  auto providers = o->getArray("providers");
  ASSERT_TRUE(providers);
  std::map<std::string, bool> configured;
  for (std::size_t i = 0; i < providers->size(); ++i) {
    auto p = providers->getObject(static_cast<unsigned>(i));
    EXPECT_FALSE(p->getValue<std::string>("plugin").empty()) << r.body;
    configured[p->getValue<std::string>("id")] = p->getValue<bool>("configured");
  }
  EXPECT_TRUE(configured.at("mock")) << r.body;
  EXPECT_FALSE(configured.at("openai")) << "no OPENAI_API_KEY in tests: " << r.body;
  EXPECT_GE(o->getValue<int>("models"), 1);

  EXPECT_EQ(get("/v1/server").status, 401);
  EXPECT_EQ(get("/api/v1/server", bearer(kTestAdminKey)).status, 200);
}

TEST(ConsoleNotBuilt, TheGatewayStartsAndSaysSo) {
  const fs::path missing = fs::temp_directory_path() / ("gaiarouter-e2e-no-console-" + std::to_string(::getpid()));
  fs::remove_all(missing);
  GatewayProcess gateway(optionsFor(missing.string()));
  for (const char* path : {"/", "/organizations/x"}) {
    auto r = httpRequest(gateway.port(), "GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("content-type"), "text/plain; charset=utf-8") << path;
    EXPECT_NE(r.body.find("console is not built"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("scripts/run"), std::string::npos) << r.body;
  }
  // The API is served as usual.
  EXPECT_EQ(httpRequest(gateway.port(), "GET", "/v1/models", "", bearer(kTestAdminKey)).status, 200);
  gateway.stop();
  EXPECT_NE(gateway.logText().find("admin console not built"), std::string::npos) << gateway.logText();
}

TEST(ConsoleDisabled, EveryOtherPathIsTheApi404) {
  GatewayProcess gateway(optionsFor("", "console:\n  enabled: false\n"));
  auto r = httpRequest(gateway.port(), "GET", "/");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error()->getValue<std::string>("code"), "unknown_endpoint");
  EXPECT_EQ(httpRequest(gateway.port(), "POST", "/organizations").error()->getValue<std::string>("code"),
            "unknown_endpoint");
}

}  // namespace
}  // namespace gaiarouter::test
