#include "plugins/PluginLibrary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace gaiarouter {
namespace {

std::string text(const char* s) { return s == nullptr ? std::string() : std::string(s); }

}  // namespace

std::string PluginLibrary::abiVersion() const { return fmt::format("{}.{}", abiMajor_, abiMinor_); }

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& file) {
  const std::string where = file.string();
  std::shared_ptr<PluginLibrary> plugin(new PluginLibrary);
  plugin->path_ = file;
  try {
    plugin->library_.load(boost::dll::fs::path(where),
                          boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw PluginLoadError(fmt::format("{}: not a loadable shared library ({})", where, e.what()));
  }
  if (!plugin->library_.has(GR_PLUGIN_ENTRY_SYMBOL)) {
    throw PluginLoadError(fmt::format("{}: missing entry symbol {}", where, GR_PLUGIN_ENTRY_SYMBOL));
  }
  auto entry = plugin->library_.get<const gr_plugin_descriptor*()>(GR_PLUGIN_ENTRY_SYMBOL);
  const gr_plugin_descriptor* d = entry();
  if (d == nullptr) throw PluginLoadError(fmt::format("{}: entry symbol returned no descriptor", where));
  if (d->struct_size < offsetof(gr_plugin_descriptor, abi_minor) + sizeof(uint32_t)) {
    throw PluginLoadError(fmt::format("{}: descriptor too small ({} bytes)", where, d->struct_size));
  }
  plugin->abiMajor_ = d->abi_major;
  plugin->abiMinor_ = d->abi_minor;
  if (d->abi_major != GR_ABI_VERSION_MAJOR) {
    throw PluginLoadError(fmt::format("{}: ABI version {}.{} is incompatible with this host's {}.{} (major differs)",
                                      where, d->abi_major, d->abi_minor, GR_ABI_VERSION_MAJOR, GR_ABI_VERSION_MINOR));
  }
  if (d->abi_minor > GR_ABI_VERSION_MINOR) {
    throw PluginLoadError(fmt::format("{}: ABI version {}.{} is newer than this host's {}.{}", where, d->abi_major,
                                      d->abi_minor, GR_ABI_VERSION_MAJOR, GR_ABI_VERSION_MINOR));
  }
  if (d->struct_size < offsetof(gr_plugin_descriptor, api) + sizeof(void*)) {
    throw PluginLoadError(fmt::format("{}: descriptor too small ({} bytes)", where, d->struct_size));
  }
  plugin->name_ = text(d->name);
  plugin->version_ = text(d->version);
  plugin->providerId_ = text(d->provider_id);
  plugin->defaultBaseUrl_ = text(d->default_base_url);
  plugin->description_ = text(d->description);
  if (plugin->name_.empty()) throw PluginLoadError(fmt::format("{}: descriptor has no name", where));
  if (plugin->providerId_.empty() || plugin->providerId_.find('/') != std::string::npos) {
    throw PluginLoadError(fmt::format("{}: descriptor has no valid provider id", where));
  }
  if (d->api == nullptr) throw PluginLoadError(fmt::format("{}: descriptor has no function table", where));

  // Copy only the prefix the plugin compiled; newer slots stay NULL.
  const std::size_t known = std::min<std::size_t>(d->api->struct_size, sizeof(gr_provider_api));
  std::memcpy(&plugin->api_, d->api, known);
  plugin->api_.struct_size = static_cast<uint32_t>(known);
  const gr_provider_api& api = plugin->api_;
  if (api.create == nullptr || api.destroy == nullptr) {
    throw PluginLoadError(fmt::format("{}: function table lacks create/destroy", where));
  }
  const bool network = api.build_request && api.translate_response && api.stream_open && api.stream_feed &&
                       api.stream_finish && api.stream_destroy;
  if (!network && api.complete_local == nullptr) {
    throw PluginLoadError(fmt::format(
        "{}: function table implements neither the network functions nor complete_local", where));
  }
  return plugin;
}

}  // namespace gaiarouter
