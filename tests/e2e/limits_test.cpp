// Organization and key limits on the chat endpoint, with concurrent
// clients: a request cap admits exactly its allowance, token caps overshoot
// by at most the requests in flight, refusals are 429 limit_exceeded naming
// the limit and its reset, and counters survive a restart.
#include "ManagementFixture.h"

#include <atomic>
#include <thread>
#include <vector>

namespace gaiarouter::test {
namespace {

class Limits : public ManagementTest {};

// Runs `count` chats at once; returns their statuses.
std::vector<int> concurrentChats(const ManagementClient& api, const Headers& headers, int count, bool stream = false,
                                 const std::string& model = "mock/echo") {
  std::vector<int> statuses(static_cast<std::size_t>(count));
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < count) std::this_thread::yield();  // start together
      statuses[static_cast<std::size_t>(i)] = api.chat(headers, model, stream).status;
    });
  }
  for (auto& t : threads) t.join();
  return statuses;
}

int countOf(const std::vector<int>& statuses, int status) {
  return static_cast<int>(std::count(statuses.begin(), statuses.end(), status));
}

TEST_P(Limits, ARequestCapAdmitsExactlyItsAllowanceUnderConcurrency) {
  auto& api = this->api();
  const std::string org = api.organization("Capped", R"(,"limits":{"monthly_requests":7})");
  const auto a = api.key(org), b = api.key(org);
  auto first = concurrentChats(api, bearer(a.secret), 12);
  auto second = concurrentChats(api, bearer(b.secret), 12);
  EXPECT_EQ(countOf(first, 200) + countOf(second, 200), 7);
  EXPECT_EQ(countOf(first, 429) + countOf(second, 429), 17);

  auto refused = api.chat(bearer(a.secret));
  ASSERT_EQ(refused.status, 429);
  auto error = refused.error();
  EXPECT_EQ(error->getValue<std::string>("code"), "limit_exceeded");
  EXPECT_EQ(error->getValue<std::string>("type"), "rate_limit_error");
  const std::string message = error->getValue<std::string>("message");
  EXPECT_NE(message.find("monthly limit of 7 requests"), std::string::npos) << message;
  EXPECT_NE(message.find("resets at"), std::string::npos) << message;
  auto metadata = error->getObject("metadata");
  EXPECT_EQ(metadata->getValue<std::string>("scope"), "organization");
  EXPECT_EQ(metadata->getValue<int>("used"), 7);
  EXPECT_FALSE(refused.header("retry-after").empty());
  // The key's own view agrees.
  auto info = api.expect(200, "GET", "/v1/key", "", bearer(a.secret));
  EXPECT_EQ(info->getObject("data")->getObject("organization_limits")->getObject("monthly")->getObject("usage")->getValue<int>("requests"), 7);
}

TEST_P(Limits, TokenCapsOvershootByAtMostTheRequestsInFlight) {
  auto& api = this->api();
  // One token allowed: nothing used yet, so every request that starts now is
  // admitted; once they have finished, the cap is reached.
  const std::string org = api.organization("Tokens", R"(,"limits":{"monthly_tokens":1})");
  const auto key = api.key(org);
  const int inFlight = 6;
  auto statuses = concurrentChats(api, bearer(key.secret), inFlight, true);
  const int admitted = countOf(statuses, 200);
  EXPECT_GE(admitted, 1);
  EXPECT_EQ(admitted + countOf(statuses, 429), inFlight);
  auto info = api.expect(200, "GET", "/v1/key", "", bearer(key.secret));
  auto usage = info->getObject("data")->getObject("organization_limits")->getObject("monthly")->getObject("usage");
  const int used = usage->getValue<int>("tokens");
  EXPECT_GT(used, 1);  // overshot...
  EXPECT_EQ(usage->getValue<int>("requests"), admitted);
  auto after = api.chat(bearer(key.secret));
  EXPECT_EQ(after.status, 429);  // ...and refused from then on
  EXPECT_NE(after.error()->getValue<std::string>("message").find("monthly limit of 1 tokens"), std::string::npos)
      << after.body;
}

TEST_P(Limits, KeyCapsApplyToTheirKeyOnly) {
  auto& api = this->api();
  const std::string org = api.organization("Keys");
  const auto capped = api.key(org, R"(["read","write"])", R"(,"limits":{"monthly_requests":2})");
  const auto free = api.key(org);
  EXPECT_EQ(api.chat(bearer(capped.secret)).status, 200);
  EXPECT_EQ(api.chat(bearer(capped.secret)).status, 200);
  auto refused = api.chat(bearer(capped.secret));
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.error()->getObject("metadata")->getValue<std::string>("scope"), "api_key");
  EXPECT_EQ(api.chat(bearer(free.secret)).status, 200);
  // Raising the cap lets it through again at once.
  api.expect(200, "PATCH", "/v1/api-keys/" + capped.id, R"({"limits":{"monthly_requests":3}})");
  EXPECT_EQ(api.chat(bearer(capped.secret)).status, 200);
}

TEST_P(Limits, CostCapsUseTheModelsPrices) {
  auto& api = this->api();
  // mock/echo answers a few tokens; a cap of one micro-dollar is reached
  // by the first request whatever the price, if the price is not zero.
  auto models = api.expect(200, "GET", "/v1/models/mock/echo");
  const double prompt = std::stod(models->getObject("pricing")->getValue<std::string>("prompt"));
  if (prompt == 0) GTEST_SKIP() << "mock/echo is free in this configuration";
  const std::string org = api.organization("Costs", R"(,"limits":{"monthly_cost":0.000001})");
  const auto key = api.key(org);
  EXPECT_EQ(api.chat(bearer(key.secret)).status, 200);
  auto refused = api.chat(bearer(key.secret));
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.error()->getValue<std::string>("message").find("$0.000001"), std::string::npos) << refused.body;
}

TEST_P(Limits, CountersSurviveARestart) {
  auto& api = this->api();
  const std::string org = api.organization("Restart", R"(,"limits":{"yearly_requests":3})");
  const auto key = api.key(org);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(api.chat(bearer(key.secret)).status, 200);
  EXPECT_EQ(api.chat(bearer(key.secret)).status, 429);
  EXPECT_EQ(gateway_->stop(), 0);  // flushes the counters
  start();
  auto refused = this->api().chat(bearer(key.secret));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_NE(refused.error()->getValue<std::string>("message").find("yearly limit of 3 requests"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Limits, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter::test
