// The plain-C test plugins (tests/sdk/plugins) are what they claim to be, so
// the host loader tests that use them test the loader and not a broken
// fixture. Loads them with dlopen only; it never calls into a plugin whose
// descriptor a host must reject.
#include "EventRecorder.h"

#include <gaiarouter/plugin.h>

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <fstream>
#include <string>

namespace {

namespace sdk = gaiarouter::sdk;
using gaiarouter::test::EventRecorder;

class Library {
 public:
  explicit Library(const char* path) : handle_(dlopen(path, RTLD_NOW | RTLD_LOCAL)) {
    if (handle_ == nullptr) error_ = dlerror();
  }
  ~Library() {
    if (handle_ != nullptr) dlclose(handle_);
  }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  bool loaded() const { return handle_ != nullptr; }
  const std::string& error() const { return error_; }
  void* symbol(const char* name) const { return dlsym(handle_, name); }
  const gr_plugin_descriptor* descriptor() const {
    auto entry = reinterpret_cast<gr_plugin_entry_fn>(symbol(GR_PLUGIN_ENTRY_SYMBOL));
    return entry == nullptr ? nullptr : entry();
  }

 private:
  void* handle_;
  std::string error_;
};

std::string fileName(const std::string& path) { return path.substr(path.rfind('/') + 1); }

TEST(AbiPlugins, FilesAreNamedAndPlacedPerCase) {
  for (const auto& [path, name] : std::vector<std::pair<std::string, std::string>>{
           {GAIAROUTER_ABI_PLUGIN_C_ECHO, "c_echo"},
           {GAIAROUTER_ABI_PLUGIN_ABI_MAJOR_MISMATCH, "abi_major_mismatch"},
           {GAIAROUTER_ABI_PLUGIN_ABI_MINOR_NEWER, "abi_minor_newer"},
           {GAIAROUTER_ABI_PLUGIN_MISSING_ENTRY, "missing_entry"},
           {GAIAROUTER_ABI_PLUGIN_CREATE_FAILS, "create_fails"},
           {GAIAROUTER_ABI_PLUGIN_NULL_TABLE, "null_table"},
           {GAIAROUTER_ABI_PLUGIN_NOT_A_LIBRARY, "not_a_library"},
           {GAIAROUTER_ABI_PLUGIN_CORRUPT, "corrupt"}}) {
    EXPECT_EQ(fileName(path), "gaiarouter_" + name + ".so");
    EXPECT_EQ(path, std::string(GAIAROUTER_ABI_PLUGINS_DIR) + "/" + name + "/gaiarouter_" + name + ".so");
    EXPECT_TRUE(std::ifstream(path).good()) << path;
  }
}

TEST(AbiPlugins, CEchoIsACompleteLocalPlugin) {
  Library lib(GAIAROUTER_ABI_PLUGIN_C_ECHO);
  ASSERT_TRUE(lib.loaded()) << lib.error();
  const gr_plugin_descriptor* d = lib.descriptor();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->struct_size, sizeof(gr_plugin_descriptor));
  EXPECT_EQ(d->abi_major, static_cast<uint32_t>(GR_ABI_VERSION_MAJOR));
  EXPECT_EQ(d->abi_minor, static_cast<uint32_t>(GR_ABI_VERSION_MINOR));
  EXPECT_STREQ(d->provider_id, "c-echo");
  ASSERT_NE(d->api, nullptr);
  const gr_provider_api* api = d->api;
  EXPECT_EQ(api->struct_size, sizeof(gr_provider_api));
  EXPECT_EQ(api->build_request, nullptr);
  ASSERT_NE(api->complete_local, nullptr);

  int logs = 0;
  gr_host_api host{sizeof(gr_host_api), &logs, [](void* ctx, gr_log_level, gr_str) { ++*static_cast<int*>(ctx); }};
  gr_provider_config config{};
  config.struct_size = sizeof(config);
  config.provider_id = sdk::str("c-echo");
  config.options_json = sdk::str("{}");
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(&host, &config, &instance, nullptr), GR_OK);
  ASSERT_NE(instance, nullptr);
  EXPECT_EQ(logs, 1);

  std::string models;
  gr_text_sink sink{&models, [](void* ctx, gr_str t) { static_cast<std::string*>(ctx)->assign(sdk::view(t)); }};
  EXPECT_EQ(api->list_models(instance, &sink), GR_OK);
  EXPECT_NE(models.find("\"model\":\"c-model\""), std::string::npos) << models;

  gr_chat_request request{};
  request.struct_size = sizeof(request);
  request.body = sdk::str(R"({"model":"c-echo/c-model","messages":[{"role":"user","content":"hi"}]})");
  request.upstream_model = sdk::str("c-model");
  EventRecorder whole;
  EXPECT_EQ(api->complete_local(instance, &request, whole.sink()), GR_OK);
  ASSERT_EQ(whole.json.size(), 1u);
  EXPECT_NE(whole.json[0].find("\"object\":\"chat.completion\""), std::string::npos);
  EXPECT_NE(whole.json[0].find("\"content\":\"hello from C\""), std::string::npos);
  ASSERT_TRUE(whole.usage.has_value());
  EXPECT_EQ(whole.usage->total_tokens, 4);

  request.stream = 1;
  EventRecorder streamed;
  EXPECT_EQ(api->complete_local(instance, &request, streamed.sink()), GR_OK);
  ASSERT_EQ(streamed.json.size(), 2u);
  EXPECT_NE(streamed.json[1].find("\"finish_reason\":\"stop\""), std::string::npos);

  EventRecorder cancelled;
  cancelled.stopAfter = 1;
  EXPECT_EQ(api->complete_local(instance, &request, cancelled.sink()), GR_CANCELLED);
  EXPECT_EQ(cancelled.json.size(), 1u);
  EXPECT_FALSE(cancelled.usage.has_value());

  api->destroy(instance);
}

TEST(AbiPlugins, VersionMismatchDescriptors) {
  Library major(GAIAROUTER_ABI_PLUGIN_ABI_MAJOR_MISMATCH);
  ASSERT_TRUE(major.loaded()) << major.error();
  ASSERT_NE(major.descriptor(), nullptr);
  EXPECT_EQ(major.descriptor()->abi_major, static_cast<uint32_t>(GR_ABI_VERSION_MAJOR + 1));

  Library minor(GAIAROUTER_ABI_PLUGIN_ABI_MINOR_NEWER);
  ASSERT_TRUE(minor.loaded()) << minor.error();
  ASSERT_NE(minor.descriptor(), nullptr);
  EXPECT_EQ(minor.descriptor()->abi_major, static_cast<uint32_t>(GR_ABI_VERSION_MAJOR));
  EXPECT_EQ(minor.descriptor()->abi_minor, static_cast<uint32_t>(GR_ABI_VERSION_MINOR + 1));
}

TEST(AbiPlugins, MissingEntryExportsOnlyAnotherName) {
  Library lib(GAIAROUTER_ABI_PLUGIN_MISSING_ENTRY);
  ASSERT_TRUE(lib.loaded()) << lib.error();
  EXPECT_EQ(lib.symbol(GR_PLUGIN_ENTRY_SYMBOL), nullptr);
  EXPECT_NE(lib.symbol("gaiarouter_plugin_init"), nullptr);
}

TEST(AbiPlugins, CreateFailsWithAReason) {
  Library lib(GAIAROUTER_ABI_PLUGIN_CREATE_FAILS);
  ASSERT_TRUE(lib.loaded()) << lib.error();
  const gr_plugin_descriptor* d = lib.descriptor();
  ASSERT_NE(d, nullptr);
  ASSERT_NE(d->api, nullptr);
  gr_provider_config config{};
  config.struct_size = sizeof(config);
  std::string reason;
  gr_text_sink sink{&reason, [](void* ctx, gr_str t) { static_cast<std::string*>(ctx)->assign(sdk::view(t)); }};
  gr_instance* instance = reinterpret_cast<gr_instance*>(&reason);  // must be reset to NULL
  EXPECT_EQ(d->api->create(nullptr, &config, &instance, &sink), GR_FAILURE);
  EXPECT_EQ(instance, nullptr);
  EXPECT_EQ(reason, "create_fails: this test plugin always refuses to start");
}

TEST(AbiPlugins, NullTable) {
  Library lib(GAIAROUTER_ABI_PLUGIN_NULL_TABLE);
  ASSERT_TRUE(lib.loaded()) << lib.error();
  ASSERT_NE(lib.descriptor(), nullptr);
  EXPECT_EQ(lib.descriptor()->api, nullptr);
  EXPECT_EQ(lib.descriptor()->abi_major, static_cast<uint32_t>(GR_ABI_VERSION_MAJOR));
}

TEST(AbiPlugins, NotALibraryAndCorruptFailToLoad) {
  for (const char* path : {GAIAROUTER_ABI_PLUGIN_NOT_A_LIBRARY, GAIAROUTER_ABI_PLUGIN_CORRUPT}) {
    Library lib(path);
    EXPECT_FALSE(lib.loaded()) << path;
    EXPECT_FALSE(lib.error().empty()) << path;
  }
  std::ifstream corrupt(GAIAROUTER_ABI_PLUGIN_CORRUPT, std::ios::binary | std::ios::ate);
  EXPECT_EQ(static_cast<long>(corrupt.tellg()), 100);
}

}  // namespace
