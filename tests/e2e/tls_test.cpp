// HTTPS upstreams: certificates are verified by default (a self-signed one
// is refused), and a configured CA bundle makes the same upstream trusted.
#include "FakeUpstream.h"
#include "Fixtures.h"
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/Net/SSLManager.h>

#include <cstdlib>
#include <filesystem>

#include <unistd.h>

namespace gaiarouter::test {
namespace {

class Tls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Poco::Net::initializeSSL();
    dir_ = std::filesystem::temp_directory_path() / ("gaiarouter-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    // A throwaway self-signed certificate for "localhost", made by the openssl CLI.
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                                "-addext subjectAltName=DNS:localhost -keyout " + (dir_ / "key.pem").string() +
                                " -out " + (dir_ / "cert.pem").string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

  static GatewayProcess::Options options(const FakeUpstream& upstream, const std::string& caFile) {
    GatewayProcess::Options o;
    o.yaml = GatewayProcess::config(R"(
providers:
  openai: {plugin: openai, base_url: ")" + upstream.baseUrl() + R"(/v1"}
models:
  - {id: openai/gpt-4o-mini, upstream: gpt-4o-mini}
)");
    if (!caFile.empty()) o.yaml.replace(o.yaml.find("upstream:\n"), 10, "upstream:\n  ca_file: " + caFile + "\n");
    o.env["OPENAI_API_KEY"] = "sk-tls-test";
    return o;
  }

  static std::filesystem::path dir_;
};
std::filesystem::path Tls::dir_;

const std::string kBody = R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";

TEST_F(Tls, AnUntrustedCertificateIsRefused) {
  FakeUpstream upstream(TlsIdentity{(dir_ / "cert.pem").string(), (dir_ / "key.pem").string()});
  upstream.setDefault(ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json")));
  GatewayProcess gateway(options(upstream, ""));
  auto r = httpRequest(gateway.port(), "POST", "/v1/chat/completions", kBody, bearer(kTestAdminKey));
  ASSERT_EQ(r.status, 502) << r.body;
  EXPECT_EQ(r.error()->getValue<std::string>("code"), "upstream_tls_error");
  EXPECT_EQ(upstream.requestCount(), 0u) << "no request may reach an unverified upstream";
}

TEST_F(Tls, AConfiguredCaBundleIsTrusted) {
  FakeUpstream upstream(TlsIdentity{(dir_ / "cert.pem").string(), (dir_ / "key.pem").string()});
  upstream.setDefault(ScriptedReply::json(200, sharedFixture("openai/chat_completion_text.response.json")));
  GatewayProcess gateway(options(upstream, (dir_ / "cert.pem").string()));
  auto r = httpRequest(gateway.port(), "POST", "/v1/chat/completions", kBody, bearer(kTestAdminKey));
  ASSERT_EQ(r.status, 200) << r.body;
  auto again = httpRequest(gateway.port(), "POST", "/v1/chat/completions", kBody, bearer(kTestAdminKey));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(upstream.requestCount(), 2u);
}

}  // namespace
}  // namespace gaiarouter::test
