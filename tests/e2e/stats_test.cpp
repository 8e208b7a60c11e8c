// The statistics API on the real binary with the mock provider, on each
// backend: chats from keys of two organizations, counted by the usage
// collector, then read back as totals, groupings, filters and downloads,
// with each organization seeing only its own figures.
#include "ManagementFixture.h"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace gaiarouter::test {
namespace {

using Poco::JSON::Object;

class Stats : public ManagementTest {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!TestDatabase::available(*db_)) GTEST_SKIP() << "no MariaDB here (scripts/test starts one)";
    // The collector writes every 50 ms, so the figures appear quickly.
    auto o = options("", {});
    o.yaml += "usage:\n  flush_ms: 50\n";
    gateway_ = std::make_unique<GatewayProcess>(o);
    client_ = std::make_unique<ManagementClient>(gateway_->port());
  }

  // What the chat answers said they used.
  struct Used {
    int64_t requests = 0, errors = 0, prompt = 0, completion = 0, costMicros = 0;
  };

  void chat(const ManagementClient::Key& key, const std::string& model, Used& used) {
    auto r = api().call("POST", "/v1/chat/completions",
                        R"({"model":")" + model + R"(","usage":{"include":true},"messages":[{"role":"user","content":"how many words are here"}]})",
                        bearer(key.secret));
    ++used.requests;
    if (r.status != 200) {
      ++used.errors;
      return;
    }
    auto usage = r.json()->getObject("usage");
    used.prompt += usage->getValue<int64_t>("prompt_tokens");
    used.completion += usage->getValue<int64_t>("completion_tokens");
    used.costMicros += std::llround(usage->getValue<double>("cost") * 1e6);
  }

  // Polls until the collector has stored `requests` requests (it writes
  // in the background), failing after a deadline.
  Object::Ptr waitForRequests(const std::string& path, int64_t requests) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    for (;;) {
      auto body = api().expect(200, "GET", path);
      if (body->getObject("totals")->getValue<int64_t>("requests") >= requests ||
          std::chrono::steady_clock::now() > deadline) {
        return body;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
};

void expectTotals(const Object::Ptr& totals, int64_t requests, int64_t errors, int64_t prompt, int64_t completion,
                  int64_t costMicros, const std::string& what) {
  EXPECT_EQ(totals->getValue<int64_t>("requests"), requests) << what;
  EXPECT_EQ(totals->getValue<int64_t>("errors"), errors) << what;
  EXPECT_EQ(totals->getValue<int64_t>("prompt_tokens"), prompt) << what;
  EXPECT_EQ(totals->getValue<int64_t>("completion_tokens"), completion) << what;
  EXPECT_EQ(totals->getValue<int64_t>("total_tokens"), prompt + completion) << what;
  EXPECT_EQ(totals->getValue<int64_t>("cost_micros"), costMicros) << what;
  EXPECT_DOUBLE_EQ(totals->getValue<double>("cost"), static_cast<double>(costMicros) / 1e6) << what;
  // The mock answers within a millisecond or so: only the order is certain.
  EXPECT_LE(totals->getValue<double>("latency_avg_ms"), totals->getValue<double>("latency_max_ms")) << what;
  EXPECT_GE(totals->getValue<double>("latency_p95_ms"), totals->getValue<double>("latency_p50_ms")) << what;
  EXPECT_LE(totals->getValue<double>("latency_p95_ms"), totals->getValue<double>("latency_max_ms")) << what;
}

// "2026-11-01T10:00:00Z" → "20261101T100000Z", as in download names.
std::string compact(const std::string& iso) {
  std::string out;
  for (char c : iso) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

TEST_P(Stats, TotalsGroupingsExportsAndIsolation) {
  auto& api = this->api();
  const std::string orgA = api.organization("A"), orgB = api.organization("B");
  const auto keyA = api.key(orgA), keyB = api.key(orgB);
  const auto adminA = api.key(orgA, R"(["admin"])");
  Used usedA, usedB;
  for (int i = 0; i < 4; ++i) chat(keyA, "mock/echo", usedA);
  chat(keyA, "mock/error", usedA);  // an upstream failure: counted, as an error
  for (int i = 0; i < 2; ++i) chat(keyB, "mock/echo", usedB);
  ASSERT_EQ(usedA.errors, 1);
  ASSERT_EQ(usedB.errors, 0);
  ASSERT_GT(usedA.prompt, 0);

  const auto global = waitForRequests("/v1/stats", 7);
  expectTotals(global->getObject("totals"), 7, 1, usedA.prompt + usedB.prompt, usedA.completion + usedB.completion,
               usedA.costMicros + usedB.costMicros, "global");
  EXPECT_EQ(global->getValue<std::string>("scope"), "global");
  EXPECT_TRUE(global->isNull("scope_id"));
  EXPECT_TRUE(global->isNull("group_by"));
  EXPECT_EQ(global->getArray("series")->size(), 0u);
  EXPECT_NEAR(global->getObject("totals")->getValue<double>("error_rate"), 0.1429, 1e-9);

  // Each organization and key: its own requests only.
  const auto a = api.expect(200, "GET", "/v1/organizations/" + orgA + "/stats");
  expectTotals(a->getObject("totals"), 5, 1, usedA.prompt, usedA.completion, usedA.costMicros, "organization A");
  EXPECT_EQ(a->getValue<std::string>("scope_id"), orgA);
  const auto b = api.expect(200, "GET", "/v1/organizations/" + orgB + "/stats");
  expectTotals(b->getObject("totals"), 2, 0, usedB.prompt, usedB.completion, usedB.costMicros, "organization B");
  const auto ownA = api.expect(200, "GET", "/v1/api-keys/" + keyA.id + "/stats", "", bearer(keyA.secret));
  expectTotals(ownA->getObject("totals"), 5, 1, usedA.prompt, usedA.completion, usedA.costMicros, "key A, itself");
  EXPECT_EQ(ownA->getValue<std::string>("scope"), "api_key");

  // Grouped by model within A: most requests first.
  const auto models = api.expect(200, "GET", "/v1/organizations/" + orgA + "/stats?group_by=model");
  auto series = models->getArray("series");
  ASSERT_EQ(series->size(), 2u);
  EXPECT_EQ(series->getObject(0)->getValue<std::string>("model"), "mock/echo");
  EXPECT_EQ(series->getObject(0)->getValue<int64_t>("requests"), 4);
  EXPECT_EQ(series->getObject(0)->getValue<int64_t>("errors"), 0);
  EXPECT_EQ(series->getObject(1)->getValue<std::string>("model"), "mock/error");
  EXPECT_EQ(series->getObject(1)->getValue<int64_t>("errors"), 1);
  EXPECT_EQ(series->getObject(1)->getValue<double>("error_rate"), 1.0);
  // Grouped by key, globally; by provider; by hour over the last day.
  series = api.expect(200, "GET", "/v1/stats?group_by=key")->getArray("series");
  ASSERT_EQ(series->size(), 2u);
  EXPECT_EQ(series->getObject(0)->getValue<std::string>("api_key_id"), keyA.id);
  EXPECT_EQ(series->getObject(1)->getValue<std::string>("api_key_id"), keyB.id);
  EXPECT_EQ(series->getObject(1)->getValue<int64_t>("requests"), 2);
  series = api.expect(200, "GET", "/v1/stats?group_by=provider")->getArray("series");
  ASSERT_EQ(series->size(), 1u);
  EXPECT_EQ(series->getObject(0)->getValue<std::string>("provider"), "mock");
  const auto hours = api.expect(200, "GET", "/v1/stats?group_by=hour&period=day");
  series = hours->getArray("series");
  ASSERT_EQ(series->size(), 25u);  // the hour 24 h ago through the current one
  int64_t inHours = 0;
  for (std::size_t i = 0; i < series->size(); ++i) inHours += series->getObject(static_cast<unsigned>(i))->getValue<int64_t>("requests");
  EXPECT_EQ(inHours, 7);
  EXPECT_EQ(series->getObject(0)->getValue<std::string>("start"), hours->getValue<std::string>("start"));
  EXPECT_EQ(series->getObject(24)->getValue<std::string>("end"), hours->getValue<std::string>("end"));
  // A filter, and the /api/v1 alias.
  const auto errorsOnly = api.expect(200, "GET", "/api/v1/organizations/" + orgA + "/stats?model=mock/error");
  EXPECT_EQ(errorsOnly->getObject("totals")->getValue<int64_t>("requests"), 1);
  EXPECT_EQ(errorsOnly->getObject("filters")->getValue<std::string>("model"), "mock/error");

  // Organization A cannot see B's figures; the master key can.
  for (const auto& path : {"/v1/organizations/" + orgB + "/stats", "/v1/api-keys/" + keyB.id + "/stats"}) {
    auto refused = api.call("GET", path, "", bearer(adminA.secret));
    EXPECT_EQ(refused.status, 404) << path << ": " << refused.body;
  }
  EXPECT_EQ(api.call("GET", "/v1/stats", "", bearer(adminA.secret)).status, 403);
  // A key without 'admin' reads only its own figures.
  EXPECT_EQ(api.call("GET", "/v1/api-keys/" + keyB.id + "/stats", "", bearer(keyA.secret)).status, 403);
  EXPECT_EQ(api.call("GET", "/v1/api-keys/" + keyB.id + "/stats", "", master()).status, 200);

  // Downloads.
  auto csv = api.call("GET", "/v1/organizations/" + orgA + "/stats?group_by=model&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8; header=present");
  const std::string name = "gaiarouter-stats-" + orgA + "-" + compact(models->getValue<std::string>("start")) + "-" +
                           compact(models->getValue<std::string>("end"));
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"" + name + ".csv\"");
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF" "row,start,end,model,requests,errors,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("\r\nseries,"), std::string::npos);
  const auto lastRow = csv.body.substr(csv.body.rfind("\r\ntotal,") + 2);
  EXPECT_EQ(lastRow.rfind("total," + models->getValue<std::string>("start") + "," + models->getValue<std::string>("end") +
                              ",,5,1,0.2,",
                          0),
            0u)
      << lastRow;
  EXPECT_EQ(lastRow.substr(lastRow.size() - 2), "\r\n");
  auto jsonDownload = api.call("GET", "/v1/organizations/" + orgA + "/stats?group_by=model&format=json");
  ASSERT_EQ(jsonDownload.status, 200);
  EXPECT_EQ(jsonDownload.header("content-type"), "application/json");
  EXPECT_EQ(jsonDownload.header("content-disposition"), "attachment; filename=\"" + name + ".json\"");
  EXPECT_EQ(jsonDownload.json()->getObject("totals")->getValue<int64_t>("requests"), 5);
  EXPECT_TRUE(api.call("GET", "/v1/organizations/" + orgA + "/stats").header("content-disposition").empty());
}

TEST_P(Stats, BadRequestsNameTheParameter) {
  auto& api = this->api();
  const std::pair<std::string, std::string> cases[] = {
      {"group_by=week", "group_by"},
      {"period=year", "period"},
      {"start=2026-11-02&end=2026-11-01", "end"},
      {"start=2024-01-01&end=2026-01-01", "end"},
      {"start=not-a-date", "start"},
      {"format=xlsx", "format"},
      {"page=2", "page"},
      {"organization_id=x", "organization_id"},
  };
  for (const auto& [query, param] : cases) {
    auto r = api.call("GET", "/v1/stats?" + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.error()->getValue<std::string>("param"), param) << query;
  }
  // An explicit range, floored and ceiled to whole hours.
  auto body = api.expect(200, "GET", "/v1/stats?start=2026-11-01T10:30:00Z&end=2026-11-01T12:00:01Z&group_by=hour");
  EXPECT_EQ(body->getValue<std::string>("start"), "2026-11-01T10:00:00Z");
  EXPECT_EQ(body->getValue<std::string>("end"), "2026-11-01T13:00:00Z");
  EXPECT_EQ(body->getArray("series")->size(), 3u);
  EXPECT_EQ(body->getObject("totals")->getValue<int64_t>("requests"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Stats, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter::test
