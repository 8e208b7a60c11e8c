// One loaded plugin file: the Boost.DLL library handle kept alive together
// with the descriptor and function table taken from it.
#pragma once

#include <gaiarouter/plugin.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace gaiarouter {

// Why a plugin file was refused; the message names the file and the reason.
class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginLibrary {
 public:
  // Loads `file`, resolves the entry symbol and checks the ABI before
  // anything else is touched. Throws PluginLoadError.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& file);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& providerId() const { return providerId_; }
  const std::string& defaultBaseUrl() const { return defaultBaseUrl_; }
  const std::string& description() const { return description_; }
  std::string abiVersion() const;

  // The plugin's table as this host knows it: slots beyond the plugin's
  // struct_size are NULL.
  const gr_provider_api& api() const { return api_; }
  bool isLocal() const { return api_.complete_local != nullptr; }

 private:
  PluginLibrary() = default;

  boost::dll::shared_library library_;  // must outlive every pointer below
  std::filesystem::path path_;
  gr_provider_api api_{};
  uint32_t abiMajor_ = 0;
  uint32_t abiMinor_ = 0;
  std::string name_;
  std::string version_;
  std::string providerId_;
  std::string defaultBaseUrl_;
  std::string description_;
};

}  // namespace gaiarouter
