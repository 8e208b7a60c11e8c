// Per-request usage through the API on each backend: /v1/generation finds a
// request by its id with the tokens and cost the client was told,
// /v1/activity lists the newest first within the caller's reach, and
// /v1/rankings ranks models by the tokens used.
#include "ManagementFixture.h"

#include <chrono>
#include <cmath>
#include <thread>

namespace gaiarouter::test {
namespace {

class Activity : public ManagementTest {
 protected:
  // The generation, once the collector has written it.
  Poco::JSON::Object::Ptr generation(const std::string& id, const Headers& headers = master()) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = api().call("GET", "/v1/generation?id=" + id, "", headers);
      if (r.status == 200) return r.json()->getObject("data");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "no generation " << id;
    return new Poco::JSON::Object;
  }
};

TEST_P(Activity, AGenerationHasTheTokensAndCostOfItsAnswer) {
  const std::string org = api().organization("Acme");
  const auto key = api().key(org);
  auto answer = api().chat(bearer(key.secret));
  ASSERT_EQ(answer.status, 200);
  const std::string id = answer.header("x-request-id");
  auto usage = answer.json()->getObject("usage");
  const int64_t prompt = usage->getValue<int64_t>("prompt_tokens");
  const int64_t completion = usage->getValue<int64_t>("completion_tokens");

  auto g = generation(id);
  EXPECT_EQ(g->getValue<std::string>("id"), id);
  EXPECT_EQ(g->getValue<std::string>("model"), "mock/echo");
  EXPECT_EQ(g->getValue<std::string>("provider"), "mock");
  EXPECT_EQ(g->getValue<int>("status"), 200);
  EXPECT_TRUE(g->isNull("error_code"));
  EXPECT_FALSE(g->getValue<bool>("streamed"));
  EXPECT_EQ(g->getValue<int64_t>("tokens_prompt"), prompt);
  EXPECT_EQ(g->getValue<int64_t>("tokens_completion"), completion);
  // mock models: $1 per million input tokens, $2 per million output tokens.
  EXPECT_EQ(g->getValue<int64_t>("cost_micros"), prompt + 2 * completion);
  EXPECT_EQ(std::llround(g->getValue<double>("cost") * 1e6), prompt + 2 * completion);
  EXPECT_EQ(g->getValue<std::string>("api_key_id"), key.id);
  EXPECT_EQ(g->getValue<std::string>("organization_id"), org);
  // OpenRouter's names carry the same values.
  EXPECT_EQ(g->getValue<double>("total_cost"), g->getValue<double>("cost"));
  EXPECT_EQ(g->getValue<std::string>("provider_name"), "mock");
  EXPECT_EQ(g->getValue<int64_t>("latency"), g->getValue<int64_t>("latency_ms"));
  // The key that made it may look it up with 'read'; /api/v1 answers too.
  EXPECT_EQ(api().call("GET", "/api/v1/generation?id=" + id, "", bearer(key.secret)).status, 200);

  EXPECT_EQ(api().call("GET", "/v1/generation").status, 400);
  EXPECT_EQ(api().call("GET", "/v1/generation?id=req_nothing_like_it").status, 404);
}

TEST_P(Activity, EachCallerSeesOnlyTheRecordsWithinItsReach) {
  const std::string a = api().organization("A"), b = api().organization("B");
  const auto reader = api().key(a);  // read and write, no admin
  const auto other = api().key(a);
  const auto adminA = api().key(a, R"(["read","admin"])");
  const auto keyB = api().key(b);
  const std::string mine = api().chat(bearer(reader.secret)).header("x-request-id");
  const std::string theirs = api().chat(bearer(other.secret)).header("x-request-id");
  const std::string inB = api().chat(bearer(keyB.secret)).header("x-request-id");
  generation(mine);
  generation(theirs);
  generation(inB);

  // A key without admin: its own requests only.
  EXPECT_EQ(api().call("GET", "/v1/generation?id=" + theirs, "", bearer(reader.secret)).status, 404);
  auto own = api().expect(200, "GET", "/v1/activity", "", bearer(reader.secret));
  EXPECT_EQ(own->getValue<int>("total"), 1);
  EXPECT_EQ(own->getArray("data")->getObject(0)->getValue<std::string>("id"), mine);
  // Organization A's admin key: both of A's, not B's.
  auto ofA = api().expect(200, "GET", "/v1/activity", "", bearer(adminA.secret));
  EXPECT_EQ(ofA->getValue<int>("total"), 2);
  EXPECT_EQ(ofA->getArray("data")->getObject(0)->getValue<std::string>("id"), theirs);  // newest first
  EXPECT_EQ(api().call("GET", "/v1/generation?id=" + inB, "", bearer(adminA.secret)).status, 404);
  EXPECT_EQ(api().call("GET", "/v1/activity?organization_id=" + b, "", bearer(adminA.secret)).status, 404);
  // The master key: all three, and any organization's.
  EXPECT_EQ(api().expect(200, "GET", "/v1/activity")->getValue<int>("total"), 3);
  auto onlyB = api().expect(200, "GET", "/v1/activity?organization_id=" + b);
  EXPECT_EQ(onlyB->getValue<int>("total"), 1);
  EXPECT_EQ(onlyB->getArray("data")->getObject(0)->getValue<std::string>("id"), inB);
}

TEST_P(Activity, FiltersAndPagesNarrowTheFeed) {
  const std::string org = api().organization("Feed");
  const auto key = api().key(org);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(api().chat(bearer(key.secret)).header("x-request-id"));
  ids.push_back(api().chat(bearer(key.secret), "mock/echo", true).header("x-request-id"));
  auto failed = api().call("POST", "/v1/chat/completions",
                           R"({"model":"mock/echo","messages":[{"role":"user","content":"mock:error 503"}]})",
                           bearer(key.secret));
  ids.push_back(failed.header("x-request-id"));
  for (const auto& id : ids) generation(id);

  auto errors = api().expect(200, "GET", "/v1/activity?errors=true");
  ASSERT_EQ(errors->getValue<int>("total"), 1);
  EXPECT_EQ(errors->getArray("data")->getObject(0)->getValue<std::string>("id"), ids.back());
  auto ok = api().expect(200, "GET", "/v1/activity?status=200&model=mock/echo&provider=mock");
  EXPECT_EQ(ok->getValue<int>("total"), 4);
  EXPECT_EQ(api().expect(200, "GET", "/v1/activity?status=5xx")->getValue<int>("total"), 1);
  EXPECT_EQ(api().expect(200, "GET", "/v1/activity?status=2xx")->getValue<int>("total"), 4);
  EXPECT_EQ(api().expect(200, "GET", "/v1/activity?status=4xx")->getValue<int>("total"), 0);
  auto streams = api().expect(200, "GET", "/v1/activity?stream=true");
  ASSERT_EQ(streams->getValue<int>("total"), 1);
  EXPECT_EQ(streams->getArray("data")->getObject(0)->getValue<std::string>("id"), ids[3]);
  EXPECT_TRUE(streams->getArray("data")->getObject(0)->getValue<bool>("streamed"));
  EXPECT_EQ(api().expect(200, "GET", "/v1/activity?stream=false")->getValue<int>("total"), 4);
  auto page2 = api().expect(200, "GET", "/v1/activity?limit=2&page=2");
  EXPECT_EQ(page2->getValue<int>("total"), 5);
  ASSERT_EQ(page2->getArray("data")->size(), 2u);
  EXPECT_EQ(page2->getArray("data")->getObject(0)->getValue<std::string>("id"), ids[2]);
  EXPECT_EQ(page2->getArray("data")->getObject(1)->getValue<std::string>("id"), ids[1]);
  EXPECT_EQ(api().expect(200, "GET", "/v1/activity?start=2001-01-01T00:00:00Z&end=2001-01-02T00:00:00Z")
                ->getValue<int>("total"),
            0);

  auto bad = api().call("GET", "/v1/activity?status=abc");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error()->getValue<std::string>("param"), "status");
  EXPECT_EQ(api().call("GET", "/v1/activity?status=6xx").status, 400);
  EXPECT_EQ(api().call("GET", "/v1/activity?stream=yes").error()->getValue<std::string>("param"), "stream");
  EXPECT_EQ(api().call("GET", "/v1/activity?colour=red").status, 400);
}

TEST_P(Activity, RankingsOrderModelsByTokensWithTheirShare) {
  const std::string org = api().organization("Rank");
  const auto key = api().key(org);
  int64_t echoTokens = 0, toolsTokens = 0;
  std::string last;
  for (int i = 0; i < 3; ++i) {
    auto r = api().chat(bearer(key.secret), "mock/echo");
    echoTokens += r.json()->getObject("usage")->getValue<int64_t>("total_tokens");
    last = r.header("x-request-id");
  }
  auto slow = api().chat(bearer(key.secret), "mock/slow");
  toolsTokens += slow.json()->getObject("usage")->getValue<int64_t>("total_tokens");
  generation(last);
  generation(slow.header("x-request-id"));

  auto ranking = api().expect(200, "GET", "/v1/rankings?period=day", "", bearer(key.secret));
  auto data = ranking->getArray("data");
  ASSERT_EQ(data->size(), 2u);
  const bool echoFirst = echoTokens >= toolsTokens;
  auto echo = data->getObject(echoFirst ? 0 : 1);
  EXPECT_EQ(echo->getValue<std::string>("model"), "mock/echo");
  EXPECT_EQ(echo->getValue<int>("rank"), echoFirst ? 1 : 2);
  EXPECT_EQ(echo->getValue<int64_t>("requests"), 3);
  EXPECT_EQ(echo->getValue<int64_t>("total_tokens"), echoTokens);
  EXPECT_NEAR(echo->getValue<double>("share"),
              static_cast<double>(echoTokens) / static_cast<double>(echoTokens + toolsTokens), 1e-9);
  EXPECT_EQ(api().call("GET", "/v1/rankings?period=year").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, Activity, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter::test
