// Tripwire for the plugin ABI (sdk/include/gaiarouter/plugin.h): pins the
// size and every field offset of each struct on x86_64 Linux, the function
// slot signatures, the enum values and the entry symbol. A failure here means
// the binary contract changed: that needs a GR_ABI_VERSION_MAJOR bump, or
// (for an append at the end) a minor bump and new lines here.
#include <gaiarouter/plugin.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <string>
#include <type_traits>

namespace {

#if defined(__x86_64__) && defined(__linux__)

#define EXPECT_LAYOUT(type, size) EXPECT_EQ(sizeof(type), std::size_t{size}) << #type
#define EXPECT_FIELD(type, field, offset) EXPECT_EQ(offsetof(type, field), std::size_t{offset}) << #type "." #field

TEST(AbiLayout, Str) {
  EXPECT_LAYOUT(gr_str, 16);
  EXPECT_FIELD(gr_str, ptr, 0);
  EXPECT_FIELD(gr_str, len, 8);
}

TEST(AbiLayout, Error) {
  EXPECT_LAYOUT(gr_error, 88);
  EXPECT_FIELD(gr_error, struct_size, 0);
  EXPECT_FIELD(gr_error, kind, 4);
  EXPECT_FIELD(gr_error, upstream_status, 8);
  EXPECT_FIELD(gr_error, message, 16);
  EXPECT_FIELD(gr_error, code, 32);
  EXPECT_FIELD(gr_error, param, 48);
  EXPECT_FIELD(gr_error, upstream_type, 64);
  EXPECT_FIELD(gr_error, retry_after_ms, 80);
}

TEST(AbiLayout, Usage) {
  EXPECT_LAYOUT(gr_usage, 64);
  EXPECT_FIELD(gr_usage, struct_size, 0);
  EXPECT_FIELD(gr_usage, prompt_tokens, 8);
  EXPECT_FIELD(gr_usage, completion_tokens, 16);
  EXPECT_FIELD(gr_usage, total_tokens, 24);
  EXPECT_FIELD(gr_usage, cached_prompt_tokens, 32);
  EXPECT_FIELD(gr_usage, cache_write_tokens, 40);
  EXPECT_FIELD(gr_usage, reasoning_tokens, 48);
  EXPECT_FIELD(gr_usage, cost_usd, 56);
}

TEST(AbiLayout, Header) {
  EXPECT_LAYOUT(gr_header, 32);
  EXPECT_FIELD(gr_header, name, 0);
  EXPECT_FIELD(gr_header, value, 16);
}

TEST(AbiLayout, HostApi) {
  EXPECT_LAYOUT(gr_host_api, 24);
  EXPECT_FIELD(gr_host_api, struct_size, 0);
  EXPECT_FIELD(gr_host_api, host_ctx, 8);
  EXPECT_FIELD(gr_host_api, log, 16);
}

TEST(AbiLayout, TextSink) {
  EXPECT_LAYOUT(gr_text_sink, 16);
  EXPECT_FIELD(gr_text_sink, host_ctx, 0);
  EXPECT_FIELD(gr_text_sink, write, 8);
}

TEST(AbiLayout, RequestSink) {
  EXPECT_LAYOUT(gr_request_sink, 48);
  EXPECT_FIELD(gr_request_sink, struct_size, 0);
  EXPECT_FIELD(gr_request_sink, host_ctx, 8);
  EXPECT_FIELD(gr_request_sink, set_method, 16);
  EXPECT_FIELD(gr_request_sink, set_url, 24);
  EXPECT_FIELD(gr_request_sink, add_header, 32);
  EXPECT_FIELD(gr_request_sink, set_body, 40);
}

TEST(AbiLayout, EventSink) {
  EXPECT_LAYOUT(gr_event_sink, 40);
  EXPECT_FIELD(gr_event_sink, struct_size, 0);
  EXPECT_FIELD(gr_event_sink, host_ctx, 8);
  EXPECT_FIELD(gr_event_sink, emit_json, 16);
  EXPECT_FIELD(gr_event_sink, emit_usage, 24);
  EXPECT_FIELD(gr_event_sink, emit_error, 32);
}

TEST(AbiLayout, ChatRequest) {
  EXPECT_LAYOUT(gr_chat_request, 80);
  EXPECT_FIELD(gr_chat_request, struct_size, 0);
  EXPECT_FIELD(gr_chat_request, body, 8);
  EXPECT_FIELD(gr_chat_request, model_id, 24);
  EXPECT_FIELD(gr_chat_request, upstream_model, 40);
  EXPECT_FIELD(gr_chat_request, request_id, 56);
  EXPECT_FIELD(gr_chat_request, stream, 72);
  EXPECT_FIELD(gr_chat_request, max_output_tokens, 76);
}

TEST(AbiLayout, HttpResponse) {
  EXPECT_LAYOUT(gr_http_response, 40);
  EXPECT_FIELD(gr_http_response, struct_size, 0);
  EXPECT_FIELD(gr_http_response, status, 4);
  EXPECT_FIELD(gr_http_response, headers, 8);
  EXPECT_FIELD(gr_http_response, header_count, 16);
  EXPECT_FIELD(gr_http_response, body, 24);
}

TEST(AbiLayout, ProviderConfig) {
  EXPECT_LAYOUT(gr_provider_config, 72);
  EXPECT_FIELD(gr_provider_config, struct_size, 0);
  EXPECT_FIELD(gr_provider_config, provider_id, 8);
  EXPECT_FIELD(gr_provider_config, api_key, 24);
  EXPECT_FIELD(gr_provider_config, base_url, 40);
  EXPECT_FIELD(gr_provider_config, options_json, 56);
}

TEST(AbiLayout, ProviderApi) {
  EXPECT_LAYOUT(gr_provider_api, 88);
  EXPECT_FIELD(gr_provider_api, struct_size, 0);
  EXPECT_FIELD(gr_provider_api, create, 8);
  EXPECT_FIELD(gr_provider_api, destroy, 16);
  EXPECT_FIELD(gr_provider_api, list_models, 24);
  EXPECT_FIELD(gr_provider_api, build_request, 32);
  EXPECT_FIELD(gr_provider_api, translate_response, 40);
  EXPECT_FIELD(gr_provider_api, stream_open, 48);
  EXPECT_FIELD(gr_provider_api, stream_feed, 56);
  EXPECT_FIELD(gr_provider_api, stream_finish, 64);
  EXPECT_FIELD(gr_provider_api, stream_destroy, 72);
  EXPECT_FIELD(gr_provider_api, complete_local, 80);
}

TEST(AbiLayout, PluginDescriptor) {
  EXPECT_LAYOUT(gr_plugin_descriptor, 64);
  EXPECT_FIELD(gr_plugin_descriptor, struct_size, 0);
  EXPECT_FIELD(gr_plugin_descriptor, abi_major, 4);
  EXPECT_FIELD(gr_plugin_descriptor, abi_minor, 8);
  EXPECT_FIELD(gr_plugin_descriptor, name, 16);
  EXPECT_FIELD(gr_plugin_descriptor, version, 24);
  EXPECT_FIELD(gr_plugin_descriptor, provider_id, 32);
  EXPECT_FIELD(gr_plugin_descriptor, default_base_url, 40);
  EXPECT_FIELD(gr_plugin_descriptor, description, 48);
  EXPECT_FIELD(gr_plugin_descriptor, api, 56);
}

TEST(AbiLayout, EnumsAreFourBytes) {
  EXPECT_EQ(sizeof(gr_status), 4u);
  EXPECT_EQ(sizeof(gr_log_level), 4u);
  EXPECT_EQ(sizeof(gr_error_kind), 4u);
}

#endif  // x86_64 Linux

// Field types (a type change keeps sizes but still breaks callers).
#define ASSERT_FIELD_TYPE(type, field, expected) \
  static_assert(std::is_same_v<decltype(type::field), expected>, #type "." #field " changed type")

ASSERT_FIELD_TYPE(gr_str, ptr, const char*);
ASSERT_FIELD_TYPE(gr_str, len, size_t);
ASSERT_FIELD_TYPE(gr_error, struct_size, uint32_t);
ASSERT_FIELD_TYPE(gr_error, kind, gr_error_kind);
ASSERT_FIELD_TYPE(gr_error, upstream_status, int32_t);
ASSERT_FIELD_TYPE(gr_error, message, gr_str);
ASSERT_FIELD_TYPE(gr_error, retry_after_ms, uint32_t);
ASSERT_FIELD_TYPE(gr_usage, prompt_tokens, int64_t);
ASSERT_FIELD_TYPE(gr_usage, cost_usd, double);
ASSERT_FIELD_TYPE(gr_chat_request, stream, int32_t);
ASSERT_FIELD_TYPE(gr_chat_request, max_output_tokens, int32_t);
ASSERT_FIELD_TYPE(gr_http_response, status, int32_t);
ASSERT_FIELD_TYPE(gr_http_response, headers, const gr_header*);
ASSERT_FIELD_TYPE(gr_http_response, header_count, size_t);
ASSERT_FIELD_TYPE(gr_plugin_descriptor, abi_major, uint32_t);
ASSERT_FIELD_TYPE(gr_plugin_descriptor, abi_minor, uint32_t);
ASSERT_FIELD_TYPE(gr_plugin_descriptor, name, const char*);
ASSERT_FIELD_TYPE(gr_plugin_descriptor, api, const gr_provider_api*);

// Function slot signatures.
ASSERT_FIELD_TYPE(gr_host_api, log, void (*)(void*, gr_log_level, gr_str));
ASSERT_FIELD_TYPE(gr_text_sink, write, void (*)(void*, gr_str));
ASSERT_FIELD_TYPE(gr_request_sink, set_method, void (*)(void*, gr_str));
ASSERT_FIELD_TYPE(gr_request_sink, set_url, void (*)(void*, gr_str));
ASSERT_FIELD_TYPE(gr_request_sink, add_header, void (*)(void*, gr_str, gr_str));
ASSERT_FIELD_TYPE(gr_request_sink, set_body, void (*)(void*, gr_str));
ASSERT_FIELD_TYPE(gr_event_sink, emit_json, int (*)(void*, gr_str));
ASSERT_FIELD_TYPE(gr_event_sink, emit_usage, void (*)(void*, const gr_usage*));
ASSERT_FIELD_TYPE(gr_event_sink, emit_error, void (*)(void*, const gr_error*));
ASSERT_FIELD_TYPE(gr_provider_api, create,
                  gr_status (*)(const gr_host_api*, const gr_provider_config*, gr_instance**, const gr_text_sink*));
ASSERT_FIELD_TYPE(gr_provider_api, destroy, void (*)(gr_instance*));
ASSERT_FIELD_TYPE(gr_provider_api, list_models, gr_status (*)(gr_instance*, const gr_text_sink*));
ASSERT_FIELD_TYPE(gr_provider_api, build_request,
                  gr_status (*)(gr_instance*, const gr_chat_request*, const gr_request_sink*, const gr_event_sink*));
ASSERT_FIELD_TYPE(gr_provider_api, translate_response,
                  gr_status (*)(gr_instance*, const gr_chat_request*, const gr_http_response*, const gr_event_sink*));
ASSERT_FIELD_TYPE(gr_provider_api, stream_open, gr_status (*)(gr_instance*, const gr_chat_request*, gr_stream**));
ASSERT_FIELD_TYPE(gr_provider_api, stream_feed, gr_status (*)(gr_stream*, gr_str, const gr_event_sink*));
ASSERT_FIELD_TYPE(gr_provider_api, stream_finish, gr_status (*)(gr_stream*, const gr_event_sink*));
ASSERT_FIELD_TYPE(gr_provider_api, stream_destroy, void (*)(gr_stream*));
ASSERT_FIELD_TYPE(gr_provider_api, complete_local,
                  gr_status (*)(gr_instance*, const gr_chat_request*, const gr_event_sink*));
static_assert(std::is_same_v<gr_plugin_entry_fn, const gr_plugin_descriptor* (*)(void)>);

TEST(AbiLayout, VersionAndEntrySymbol) {
  EXPECT_EQ(GR_ABI_VERSION_MAJOR, 1);
  EXPECT_EQ(GR_ABI_VERSION_MINOR, 0);
  EXPECT_EQ(std::string(GR_PLUGIN_ENTRY_SYMBOL), "gaiarouter_plugin_entry");
}

TEST(AbiLayout, StatusValues) {
  EXPECT_EQ(GR_OK, 0);
  EXPECT_EQ(GR_FAILURE, 1);
  EXPECT_EQ(GR_NOT_SUPPORTED, 2);
  EXPECT_EQ(GR_CANCELLED, 3);
}

TEST(AbiLayout, LogLevelValues) {
  EXPECT_EQ(GR_LOG_DEBUG, 0);
  EXPECT_EQ(GR_LOG_INFO, 1);
  EXPECT_EQ(GR_LOG_WARNING, 2);
  EXPECT_EQ(GR_LOG_ERROR, 3);
}

TEST(AbiLayout, ErrorKindValues) {
  EXPECT_EQ(GR_ERROR_INVALID_REQUEST, 1);
  EXPECT_EQ(GR_ERROR_AUTHENTICATION, 2);
  EXPECT_EQ(GR_ERROR_PERMISSION, 3);
  EXPECT_EQ(GR_ERROR_NOT_FOUND, 4);
  EXPECT_EQ(GR_ERROR_RATE_LIMITED, 5);
  EXPECT_EQ(GR_ERROR_OVERLOADED, 6);
  EXPECT_EQ(GR_ERROR_UPSTREAM, 7);
  EXPECT_EQ(GR_ERROR_BAD_RESPONSE, 8);
  EXPECT_EQ(GR_ERROR_INSUFFICIENT_CREDITS, 9);
  EXPECT_EQ(GR_ERROR_TIMEOUT, 10);
  EXPECT_EQ(GR_ERROR_INTERNAL, 11);
}

}  // namespace
