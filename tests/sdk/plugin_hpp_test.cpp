// gaiarouter/plugin.hpp: size-stamped prefixes, the trampolines' error and
// cancellation handling, the tables and the entry macro.
#include "EventRecorder.h"

#include <gaiarouter/plugin.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace {

using gaiarouter::test::EventRecorder;
namespace sdk = gaiarouter::sdk;

// --- hasField and the readers built on it ---------------------------------------

TEST(PluginHpp, HasFieldHonoursASmallerStructSize) {
  gr_provider_config config{};
  config.struct_size = sizeof(gr_provider_config);
  EXPECT_TRUE(sdk::hasField(&config, &gr_provider_config::options_json));

  // A host built before options_json existed: its struct ends at base_url.
  config.struct_size = offsetof(gr_provider_config, options_json);
  EXPECT_FALSE(sdk::hasField(&config, &gr_provider_config::options_json));
  EXPECT_TRUE(sdk::hasField(&config, &gr_provider_config::base_url));
  // One byte short of the whole field is still absent.
  config.struct_size = offsetof(gr_provider_config, options_json) + sizeof(gr_str) - 1;
  EXPECT_FALSE(sdk::hasField(&config, &gr_provider_config::options_json));

  EXPECT_FALSE(sdk::hasField(static_cast<const gr_provider_config*>(nullptr), &gr_provider_config::provider_id));
}

TEST(PluginHpp, ProviderConfigIgnoresFieldsBeyondStructSize) {
  const std::string options = R"({"x":1})";
  gr_provider_config config{};
  config.provider_id = sdk::str("p");
  config.base_url = sdk::str("https://example.test///");
  config.options_json = sdk::str(options);  // present in memory, but not in the writer's struct
  config.struct_size = offsetof(gr_provider_config, options_json);
  sdk::ProviderConfig small = sdk::ProviderConfig::from(&config);
  EXPECT_EQ(small.optionsJson, "{}");
  EXPECT_EQ(small.baseUrl, "https://example.test");  // trailing slashes removed

  config.struct_size = sizeof(gr_provider_config);
  EXPECT_EQ(sdk::ProviderConfig::from(&config).optionsJson, options);
}

TEST(PluginHpp, HostLogSkipsAHostWithoutTheLogSlot) {
  int calls = 0;
  gr_host_api host{};
  host.host_ctx = &calls;
  host.log = [](void* ctx, gr_log_level, gr_str) { ++*static_cast<int*>(ctx); };
  host.struct_size = offsetof(gr_host_api, log);
  sdk::Host(&host).log(GR_LOG_INFO, "dropped");
  EXPECT_EQ(calls, 0);
  host.struct_size = sizeof(gr_host_api);
  sdk::Host(&host).log(GR_LOG_INFO, "kept");
  EXPECT_EQ(calls, 1);
  sdk::Host(nullptr).log(GR_LOG_INFO, "no host");  // must not crash
}

// --- trampolines ------------------------------------------------------------------

// What the next complete() call does.
enum class Action { Reply, ProviderError, StdException, UnknownException, StreamTwo };
thread_local Action g_action = Action::Reply;

class TestLocal : public sdk::LocalProvider {
 public:
  TestLocal(const sdk::Host&, const sdk::ProviderConfig& config) {
    if (config.providerId == "refuse") throw std::invalid_argument("refusing provider 'refuse'");
  }
  void complete(const sdk::ChatRequest& request, sdk::EventSink& out) override {
    switch (g_action) {
      case Action::Reply:
        out.json("{\"model\":\"" + std::string(request.upstreamModel) + "\"}");
        return;
      case Action::ProviderError:
        throw sdk::ProviderError(sdk::Error{GR_ERROR_RATE_LIMITED, 429, "slow down", "rate_limit_exceeded",
                                            "messages", "rate_limit_error", 1500});
      case Action::StdException:
        throw std::runtime_error("boom");
      case Action::UnknownException:
        throw 42;
      case Action::StreamTwo:
        if (!out.json("{\"n\":1}")) return;
        if (!out.json("{\"n\":2}")) return;
        out.usage(sdk::Usage{1, 2, 3, -1, -1, -1, -1.0});
        return;
    }
  }
};

class TestNetwork : public sdk::NetworkProvider {
 public:
  TestNetwork(const sdk::Host&, const sdk::ProviderConfig&) {}
  void buildRequest(const sdk::ChatRequest&, sdk::RequestSink&) override {
    throw sdk::ProviderError(GR_ERROR_INVALID_REQUEST, "cannot express", "messages[0].content");
  }
  void translateResponse(const sdk::ChatRequest&, const sdk::HttpResponse& response, sdk::EventSink& out) override {
    out.error(sdk::Error{GR_ERROR_UPSTREAM, response.status, "upstream said no", {}, {}, {}, 0});
  }
  std::unique_ptr<sdk::StreamParser> openStream(const sdk::ChatRequest&) override {
    struct Parser : sdk::StreamParser {
      void feed(std::string_view, sdk::EventSink&) override { throw std::logic_error("parser bug"); }
      void finish(sdk::EventSink&) override {}
    };
    return std::make_unique<Parser>();
  }
};

struct Instance {
  explicit Instance(const gr_provider_api* a, const char* providerId = "test") : api(a) {
    gr_provider_config config{};
    config.struct_size = sizeof(config);
    config.provider_id = sdk::str(providerId);
    gr_text_sink sink{&createError, [](void* ctx, gr_str t) { static_cast<std::string*>(ctx)->assign(sdk::view(t)); }};
    status = api->create(nullptr, &config, &instance, &sink);
  }
  ~Instance() {
    if (instance != nullptr) api->destroy(instance);
  }
  const gr_provider_api* api;
  gr_instance* instance = nullptr;
  gr_status status = GR_FAILURE;
  std::string createError;
};

gr_chat_request chatRequest(bool stream = false) {
  gr_chat_request r{};
  r.struct_size = sizeof(r);
  r.body = sdk::str("{}");
  r.upstream_model = sdk::str("m1");
  r.stream = stream ? 1 : 0;
  return r;
}

using LocalT = sdk::detail::Trampolines<TestLocal>;
using NetworkT = sdk::detail::Trampolines<TestNetwork>;

TEST(PluginHpp, TablesFillTheRightSlots) {
  const gr_provider_api* local = LocalT::table();
  EXPECT_EQ(local->struct_size, sizeof(gr_provider_api));
  EXPECT_NE(local->create, nullptr);
  EXPECT_NE(local->destroy, nullptr);
  EXPECT_NE(local->list_models, nullptr);
  EXPECT_NE(local->complete_local, nullptr);
  EXPECT_EQ(local->build_request, nullptr);
  EXPECT_EQ(local->translate_response, nullptr);
  EXPECT_EQ(local->stream_open, nullptr);
  EXPECT_EQ(local->stream_feed, nullptr);
  EXPECT_EQ(local->stream_finish, nullptr);
  EXPECT_EQ(local->stream_destroy, nullptr);

  const gr_provider_api* network = NetworkT::table();
  EXPECT_NE(network->build_request, nullptr);
  EXPECT_NE(network->translate_response, nullptr);
  EXPECT_NE(network->stream_open, nullptr);
  EXPECT_NE(network->stream_feed, nullptr);
  EXPECT_NE(network->stream_finish, nullptr);
  EXPECT_NE(network->stream_destroy, nullptr);
  EXPECT_EQ(network->complete_local, nullptr);
}

TEST(PluginHpp, CreateExceptionBecomesFailureWithReason) {
  Instance bad(LocalT::table(), "refuse");
  EXPECT_EQ(bad.status, GR_FAILURE);
  EXPECT_EQ(bad.instance, nullptr);
  EXPECT_EQ(bad.createError, "refusing provider 'refuse'");
}

TEST(PluginHpp, ListModelsEmptyMeansNotSupported) {
  Instance i(LocalT::table());
  std::string text = "untouched";
  gr_text_sink sink{&text, [](void* ctx, gr_str t) { static_cast<std::string*>(ctx)->assign(sdk::view(t)); }};
  EXPECT_EQ(i.api->list_models(i.instance, &sink), GR_NOT_SUPPORTED);
  EXPECT_EQ(text, "untouched");
}

TEST(PluginHpp, ReplyPassesThrough) {
  Instance i(LocalT::table());
  ASSERT_EQ(i.status, GR_OK);
  g_action = Action::Reply;
  EventRecorder rec;
  const gr_chat_request request = chatRequest();
  EXPECT_EQ(i.api->complete_local(i.instance, &request, rec.sink()), GR_OK);
  EXPECT_EQ(rec.json, std::vector<std::string>{"{\"model\":\"m1\"}"});
  EXPECT_TRUE(rec.errors.empty());
}

TEST(PluginHpp, ProviderErrorBecomesGrError) {
  Instance i(LocalT::table());
  g_action = Action::ProviderError;
  EventRecorder rec;
  const gr_chat_request request = chatRequest();
  EXPECT_EQ(i.api->complete_local(i.instance, &request, rec.sink()), GR_FAILURE);
  EXPECT_TRUE(rec.json.empty());
  ASSERT_EQ(rec.errors.size(), 1u);
  const auto& e = rec.errors[0];
  EXPECT_EQ(e.kind, GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(e.upstreamStatus, 429);
  EXPECT_EQ(e.message, "slow down");
  EXPECT_EQ(e.code, "rate_limit_exceeded");
  EXPECT_EQ(e.param, "messages");
  EXPECT_EQ(e.upstreamType, "rate_limit_error");
  EXPECT_EQ(e.retryAfterMs, 1500u);
}

TEST(PluginHpp, StdExceptionBecomesInternalFailure) {
  Instance i(LocalT::table());
  g_action = Action::StdException;
  EventRecorder rec;
  const gr_chat_request request = chatRequest();
  EXPECT_EQ(i.api->complete_local(i.instance, &request, rec.sink()), GR_FAILURE);
  ASSERT_EQ(rec.errors.size(), 1u);
  EXPECT_EQ(rec.errors[0].kind, GR_ERROR_INTERNAL);
  EXPECT_EQ(rec.errors[0].message, "boom");
  EXPECT_EQ(rec.errors[0].code, "plugin_error");
  EXPECT_EQ(rec.errors[0].upstreamStatus, 0);
}

TEST(PluginHpp, NonStdExceptionBecomesInternalFailure) {
  Instance i(LocalT::table());
  g_action = Action::UnknownException;
  EventRecorder rec;
  const gr_chat_request request = chatRequest();
  EXPECT_EQ(i.api->complete_local(i.instance, &request, rec.sink()), GR_FAILURE);
  ASSERT_EQ(rec.errors.size(), 1u);
  EXPECT_EQ(rec.errors[0].kind, GR_ERROR_INTERNAL);
  EXPECT_EQ(rec.errors[0].message, "unknown plugin failure");
}

TEST(PluginHpp, RefusedJsonMeansCancelled) {
  Instance i(LocalT::table());
  g_action = Action::StreamTwo;
  EventRecorder rec;
  rec.stopAfter = 1;
  const gr_chat_request request = chatRequest(true);
  EXPECT_EQ(i.api->complete_local(i.instance, &request, rec.sink()), GR_CANCELLED);
  EXPECT_EQ(rec.json.size(), 1u);
  EXPECT_FALSE(rec.usage.has_value());

  EventRecorder all;
  EXPECT_EQ(i.api->complete_local(i.instance, &request, all.sink()), GR_OK);
  EXPECT_EQ(all.json.size(), 2u);
  ASSERT_TRUE(all.usage.has_value());
  EXPECT_EQ(all.usage->struct_size, sizeof(gr_usage));
  EXPECT_EQ(all.usage->total_tokens, 3);
  EXPECT_EQ(all.usage->cached_prompt_tokens, -1);
  EXPECT_LT(all.usage->cost_usd, 0.0);
}

TEST(PluginHpp, EventSinkStopsAfterRefusal) {
  EventRecorder rec;
  rec.stopAfter = 1;
  sdk::EventSink sink = rec.cpp();
  EXPECT_FALSE(sink.json("{}"));
  EXPECT_FALSE(sink.json("{}"));  // not passed on once cancelled
  EXPECT_TRUE(sink.cancelled());
  EXPECT_EQ(rec.json.size(), 1u);
}

TEST(PluginHpp, NetworkTrampolinesReportErrors) {
  Instance i(NetworkT::table());
  ASSERT_EQ(i.status, GR_OK);
  const gr_chat_request request = chatRequest();

  gaiarouter::test::RequestRecorder built;
  EventRecorder buildErrors;
  EXPECT_EQ(i.api->build_request(i.instance, &request, built.sink(), buildErrors.sink()), GR_FAILURE);
  ASSERT_EQ(buildErrors.errors.size(), 1u);
  EXPECT_EQ(buildErrors.errors[0].kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(buildErrors.errors[0].param, "messages[0].content");

  // An error emitted (not thrown) also makes the call a failure.
  gr_http_response response{};
  response.struct_size = sizeof(response);
  response.status = 502;
  EventRecorder translated;
  EXPECT_EQ(i.api->translate_response(i.instance, &request, &response, translated.sink()), GR_FAILURE);
  ASSERT_EQ(translated.errors.size(), 1u);
  EXPECT_EQ(translated.errors[0].upstreamStatus, 502);

  gr_stream* stream = nullptr;
  ASSERT_EQ(i.api->stream_open(i.instance, &request, &stream), GR_OK);
  ASSERT_NE(stream, nullptr);
  EventRecorder fed;
  EXPECT_EQ(i.api->stream_feed(stream, sdk::str("data: x\n\n"), fed.sink()), GR_FAILURE);
  ASSERT_EQ(fed.errors.size(), 1u);
  EXPECT_EQ(fed.errors[0].kind, GR_ERROR_INTERNAL);
  EXPECT_EQ(fed.errors[0].message, "parser bug");
  EventRecorder finished;
  EXPECT_EQ(i.api->stream_finish(stream, finished.sink()), GR_OK);
  i.api->stream_destroy(stream);
}

TEST(PluginHpp, HttpResponseHeaderLookupIgnoresCase) {
  const gr_header headers[] = {{sdk::str("Retry-After"), sdk::str("7")}, {sdk::str("x-a"), sdk::str("b")}};
  gr_http_response r{};
  r.struct_size = sizeof(r);
  r.status = 429;
  r.headers = headers;
  r.header_count = 2;
  const sdk::HttpResponse response = sdk::HttpResponse::from(&r);
  EXPECT_EQ(response.header("retry-after"), "7");
  EXPECT_EQ(response.header("X-A"), "b");
  EXPECT_EQ(response.header("missing"), "");
}

}  // namespace

// The entry macro, exercised once in this binary.
GAIAROUTER_PLUGIN(TestLocal, "sdk-test", "9.9.9", "sdk-test-id", "https://example.test", "SDK test plugin")

namespace {

TEST(PluginHpp, EntryMacroFillsTheDescriptor) {
  const gr_plugin_descriptor* d = gaiarouter_plugin_entry();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->struct_size, sizeof(gr_plugin_descriptor));
  EXPECT_EQ(d->abi_major, static_cast<uint32_t>(GR_ABI_VERSION_MAJOR));
  EXPECT_EQ(d->abi_minor, static_cast<uint32_t>(GR_ABI_VERSION_MINOR));
  EXPECT_STREQ(d->name, "sdk-test");
  EXPECT_STREQ(d->version, "9.9.9");
  EXPECT_STREQ(d->provider_id, "sdk-test-id");
  EXPECT_STREQ(d->default_base_url, "https://example.test");
  EXPECT_STREQ(d->description, "SDK test plugin");
  EXPECT_EQ(d->api, LocalT::table());
  EXPECT_EQ(gaiarouter_plugin_entry(), d);  // static, same every time
}

}  // namespace

namespace {

TEST(PluginHppConventions, ErrorKindForStatus) {
  using gaiarouter::sdk::errorKindForStatus;
  EXPECT_EQ(errorKindForStatus(400), GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errorKindForStatus(413), GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errorKindForStatus(422), GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errorKindForStatus(409), GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errorKindForStatus(401), GR_ERROR_AUTHENTICATION);
  EXPECT_EQ(errorKindForStatus(402), GR_ERROR_INSUFFICIENT_CREDITS);
  EXPECT_EQ(errorKindForStatus(403), GR_ERROR_PERMISSION);
  EXPECT_EQ(errorKindForStatus(404), GR_ERROR_NOT_FOUND);
  EXPECT_EQ(errorKindForStatus(408), GR_ERROR_TIMEOUT);
  EXPECT_EQ(errorKindForStatus(504), GR_ERROR_TIMEOUT);
  EXPECT_EQ(errorKindForStatus(429), GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(errorKindForStatus(503), GR_ERROR_OVERLOADED);
  EXPECT_EQ(errorKindForStatus(529), GR_ERROR_OVERLOADED);
  EXPECT_EQ(errorKindForStatus(500), GR_ERROR_UPSTREAM);
  EXPECT_EQ(errorKindForStatus(502), GR_ERROR_UPSTREAM);
  EXPECT_EQ(errorKindForStatus(200), GR_ERROR_BAD_RESPONSE);
}

TEST(PluginHppConventions, RetryAfterMs) {
  using gaiarouter::sdk::retryAfterMs;
  EXPECT_EQ(retryAfterMs("1500", ""), 1500u);
  EXPECT_EQ(retryAfterMs("", "2"), 2000u);
  EXPECT_EQ(retryAfterMs("", "0.25"), 250u);
  EXPECT_EQ(retryAfterMs("250", "30"), 250u) << "milliseconds win";
  EXPECT_EQ(retryAfterMs("", "Wed, 21 Oct 2015 07:28:00 GMT"), 0u);
  EXPECT_EQ(retryAfterMs("", "-3"), 0u);
  EXPECT_EQ(retryAfterMs("", ""), 0u);
}

}  // namespace
