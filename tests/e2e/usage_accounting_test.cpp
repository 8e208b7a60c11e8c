// Usage accounting with the real gateway on each backend: every
// authenticated chat request — answered, streamed, failed upstream, refused
// by a limit, invalid, or left by its client — becomes exactly one usage
// record with the tokens and cost the client was told, and a shutdown writes
// every record still queued.
#include "ManagementFixture.h"

#include "db/Database.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <thread>

namespace gaiarouter::test {
namespace {

using namespace Poco::Data::Keywords;

// mock models cost $1 per million input and $2 per million output tokens:
// one and two micro-dollars a token.
int64_t mockCostMicros(int64_t prompt, int64_t completion) { return prompt + 2 * completion; }

struct StoredRecord {
  std::string organizationId, apiKeyId, model, provider, upstreamModel, errorCode;
  int status = 0;
  bool stream = false, estimated = false;
  int64_t prompt = 0, completion = 0, total = 0, cost = 0, latency = 0;
  std::optional<int64_t> ttft, upstream;
};

class UsageAccounting : public ManagementTest {
 protected:
  Database& database() {
    if (!database_) database_ = std::make_unique<Database>(DatabaseUrl::parse(db_->url()), 2);
    return *database_;
  }
  void TearDown() override {
    database_.reset();
    ManagementTest::TearDown();
  }

  std::vector<StoredRecord> records(const std::string& requestId) {
    auto session = database().session();
    Poco::Data::Statement select(session);
    std::string id = requestId;
    select << "SELECT organization_id, api_key_id, model, provider, upstream_model, error_code, status, stream, "
              "estimated, prompt_tokens, completion_tokens, total_tokens, cost_micros, latency_ms, ttft_ms, upstream_ms "
              "FROM usage_records WHERE request_id = ?",
        use(id), now;
    Poco::Data::RecordSet rows(select);
    std::vector<StoredRecord> out;
    auto text = [&](std::size_t c, std::size_t r) { return rows.value(c, r).isEmpty() ? "" : rows.value(c, r).convert<std::string>(); };
    for (std::size_t r = 0; r < rows.rowCount(); ++r) {
      StoredRecord s;
      s.organizationId = text(0, r);
      s.apiKeyId = text(1, r);
      s.model = text(2, r);
      s.provider = text(3, r);
      s.upstreamModel = text(4, r);
      s.errorCode = text(5, r);
      s.status = rows.value(6, r).convert<int>();
      s.stream = rows.value(7, r).convert<int>() != 0;
      s.estimated = rows.value(8, r).convert<int>() != 0;
      s.prompt = rows.value(9, r).convert<int64_t>();
      s.completion = rows.value(10, r).convert<int64_t>();
      s.total = rows.value(11, r).convert<int64_t>();
      s.cost = rows.value(12, r).convert<int64_t>();
      s.latency = rows.value(13, r).convert<int64_t>();
      if (!rows.value(14, r).isEmpty()) s.ttft = rows.value(14, r).convert<int64_t>();
      if (!rows.value(15, r).isEmpty()) s.upstream = rows.value(15, r).convert<int64_t>();
      out.push_back(s);
    }
    return out;
  }
  // The request's record, once the collector has written it (it flushes
  // every second by default).
  StoredRecord recordOf(const std::string& requestId) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      auto found = records(requestId);
      if (!found.empty()) {
        EXPECT_EQ(found.size(), 1u) << "one request, one record";
        return found.front();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "no usage record for request " << requestId;
    return {};
  }

  HttpResult post(const Headers& headers, const std::string& body) {
    return api().call("POST", "/v1/chat/completions", body, headers);
  }

  std::unique_ptr<Database> database_;
};

Poco::JSON::Object::Ptr parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

TEST_P(UsageAccounting, AnAnsweredRequestIsRecordedWithItsTokensAndCost) {
  const std::string org = api().organization("Acme");
  const auto key = api().key(org);
  auto answer = api().chat(bearer(key.secret));
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto usage = answer.json()->getObject("usage");
  const int64_t prompt = usage->getValue<int64_t>("prompt_tokens");
  const int64_t completion = usage->getValue<int64_t>("completion_tokens");
  ASSERT_GT(prompt + completion, 0);

  const auto r = recordOf(answer.header("x-request-id"));
  EXPECT_EQ(r.organizationId, org);
  EXPECT_EQ(r.apiKeyId, key.id);
  EXPECT_EQ(r.model, "mock/echo");
  EXPECT_EQ(r.provider, "mock");
  EXPECT_EQ(r.upstreamModel, "echo");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.errorCode, "");
  EXPECT_FALSE(r.stream);
  EXPECT_FALSE(r.estimated);
  EXPECT_EQ(r.prompt, prompt);
  EXPECT_EQ(r.completion, completion);
  EXPECT_EQ(r.total, prompt + completion);
  EXPECT_EQ(r.cost, mockCostMicros(prompt, completion));
  ASSERT_TRUE(r.ttft.has_value());
  EXPECT_LE(*r.ttft, r.latency);
  ASSERT_TRUE(r.upstream.has_value());
}

TEST_P(UsageAccounting, AStreamIsRecordedFromTheProvidersFinalUsage) {
  const std::string org = api().organization("Streams");
  const auto key = api().key(org);
  SseStream stream(port(), "/v1/chat/completions",
                   R"({"model":"mock/echo","stream":true,"stream_options":{"include_usage":true},)"
                   R"("messages":[{"role":"user","content":"count these words please"}]})",
                   bearer(key.secret));
  ASSERT_EQ(stream.status(), 200);
  const std::string requestId = stream.header("x-request-id");
  auto events = stream.rest();
  ASSERT_GE(events.size(), 2u);
  auto usage = parse(events[events.size() - 2].data)->getObject("usage");
  ASSERT_TRUE(usage) << events[events.size() - 2].data;

  const auto r = recordOf(requestId);
  EXPECT_TRUE(r.stream);
  EXPECT_FALSE(r.estimated);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.prompt, usage->getValue<int64_t>("prompt_tokens"));
  EXPECT_EQ(r.completion, usage->getValue<int64_t>("completion_tokens"));
  EXPECT_EQ(r.cost, mockCostMicros(r.prompt, r.completion));
}

TEST_P(UsageAccounting, FailedAndRefusedRequestsAreRecordedWithTheirErrorAndNoCost) {
  const std::string org = api().organization("Failures", R"(,"limits":{"monthly_requests":2})");
  const auto key = api().key(org);
  // An upstream error.
  auto failed = post(bearer(key.secret), R"({"model":"mock/echo","messages":[{"role":"user","content":"mock:error 503"}]})");
  ASSERT_GE(failed.status, 500) << failed.body;
  // An invalid body (counts no request against the cap: refused before admission).
  auto invalid = post(bearer(key.secret), R"({"model":"mock/echo","messages":[]})");
  ASSERT_EQ(invalid.status, 400);
  // The second admitted request, then one over the cap.
  ASSERT_EQ(api().chat(bearer(key.secret)).status, 200);
  auto refused = api().chat(bearer(key.secret));
  ASSERT_EQ(refused.status, 429);

  const auto upstreamError = recordOf(failed.header("x-request-id"));
  EXPECT_EQ(upstreamError.status, failed.status);
  EXPECT_EQ(upstreamError.errorCode, failed.error()->getValue<std::string>("code"));
  EXPECT_EQ(upstreamError.cost, 0);
  EXPECT_EQ(upstreamError.apiKeyId, key.id);

  const auto invalidRecord = recordOf(invalid.header("x-request-id"));
  EXPECT_EQ(invalidRecord.status, 400);
  // An error without a code is recorded by its type.
  EXPECT_EQ(invalidRecord.errorCode, invalid.error()->isNull("code") ? invalid.error()->getValue<std::string>("type")
                                                                     : invalid.error()->getValue<std::string>("code"));
  EXPECT_EQ(invalidRecord.model, "");  // a body that failed validation names nothing reliably
  EXPECT_EQ(invalidRecord.provider, "");

  const auto refusedRecord = recordOf(refused.header("x-request-id"));
  EXPECT_EQ(refusedRecord.status, 429);
  EXPECT_EQ(refusedRecord.errorCode, "limit_exceeded");
  EXPECT_EQ(refusedRecord.total, 0);
  EXPECT_EQ(refusedRecord.organizationId, org);
}

TEST_P(UsageAccounting, AClientThatLeavesMidStreamLeavesAnEstimatedRecord) {
  const std::string org = api().organization("Leavers");
  const auto key = api().key(org);
  std::string requestId;
  {
    // mock/slow pauses between words: the client leaves after two chunks,
    // long before the provider's usage at the end.
    SseStream stream(port(), "/v1/chat/completions",
                     R"({"model":"mock/slow","stream":true,"messages":[{"role":"user","content":"one two three four five six seven eight nine ten"}]})",
                     bearer(key.secret));
    ASSERT_EQ(stream.status(), 200);
    requestId = stream.header("x-request-id");
    ASSERT_TRUE(stream.next().has_value());
    ASSERT_TRUE(stream.next().has_value());
    stream.disconnect();
  }
  const auto r = recordOf(requestId);
  EXPECT_EQ(r.status, 499);
  EXPECT_EQ(r.errorCode, "client_disconnected");
  EXPECT_TRUE(r.estimated);
  EXPECT_GT(r.prompt, 0);
  EXPECT_GT(r.completion, 0);
  EXPECT_EQ(r.cost, mockCostMicros(r.prompt, r.completion));
}

TEST_P(UsageAccounting, UsageIncludeReturnsTheRecordedCost) {
  const std::string org = api().organization("Include");
  const auto key = api().key(org);
  auto answer = post(bearer(key.secret),
                     R"({"model":"mock/echo","usage":{"include":true},"messages":[{"role":"user","content":"price me"}]})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto usage = answer.json()->getObject("usage");
  ASSERT_TRUE(usage->has("cost")) << answer.body;
  const auto r = recordOf(answer.header("x-request-id"));
  EXPECT_EQ(std::llround(usage->getValue<double>("cost") * 1e6), r.cost);
  EXPECT_EQ(r.cost, mockCostMicros(usage->getValue<int64_t>("prompt_tokens"), usage->getValue<int64_t>("completion_tokens")));

  // A stream with usage.include ends with a usage chunk carrying the cost,
  // without the client asking for stream_options.
  SseStream stream(port(), "/v1/chat/completions",
                   R"({"model":"mock/echo","stream":true,"usage":{"include":true},"messages":[{"role":"user","content":"price me too"}]})",
                   bearer(key.secret));
  ASSERT_EQ(stream.status(), 200);
  const std::string streamId = stream.header("x-request-id");
  auto events = stream.rest();
  ASSERT_GE(events.size(), 2u);
  auto streamUsage = parse(events[events.size() - 2].data)->getObject("usage");
  ASSERT_TRUE(streamUsage && streamUsage->has("cost")) << events[events.size() - 2].data;
  EXPECT_EQ(std::llround(streamUsage->getValue<double>("cost") * 1e6), recordOf(streamId).cost);

  auto bad = post(bearer(key.secret), R"({"model":"mock/echo","usage":{"include":"yes"},"messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error()->getValue<std::string>("param"), "usage.include");
}

TEST_P(UsageAccounting, ShutdownWritesEveryQueuedRecord) {
  // Records would wait a minute or for 1000 of them: only the shutdown
  // writes them.
  gateway_.reset();
  auto opts = options("  key_cache_ttl_ms: 0\n", {});
  opts.yaml.replace(opts.yaml.find("providers:"), 10, "usage:\n  flush_ms: 60000\n  batch_size: 1000\nproviders:");
  gateway_ = std::make_unique<GatewayProcess>(opts);
  client_ = std::make_unique<ManagementClient>(gateway_->port());
  const std::string org = api().organization("Shutdown");
  const auto key = api().key(org);
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) {
    auto answer = api().chat(bearer(key.secret));
    ASSERT_EQ(answer.status, 200);
    ids.push_back(answer.header("x-request-id"));
  }
  ASSERT_TRUE(records(ids.front()).empty()) << "written before shutdown: the test proves nothing";
  EXPECT_EQ(gateway_->stop(), 0);
  for (const auto& id : ids) EXPECT_EQ(records(id).size(), 1u) << id;
}

TEST_P(UsageAccounting, RequestsWithoutValidCredentialsLeaveNoRecord) {
  auto answer = api().chat(bearer("gr-not-a-key"));
  ASSERT_EQ(answer.status, 401);
  // The refusal carries its request id, so a record of it would be found.
  ASSERT_FALSE(answer.header("x-request-id").empty());
  // A later request's record is written, so an earlier one would be too.
  const std::string org = api().organization("After");
  const auto key = api().key(org);
  auto ok = api().chat(bearer(key.secret));
  recordOf(ok.header("x-request-id"));
  EXPECT_TRUE(records(answer.header("x-request-id")).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageAccounting, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter::test
