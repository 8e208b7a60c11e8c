#include "plugins/PluginLoader.h"

#include <Poco/Logger.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace gaiarouter {

PluginLoadReport PluginLoader::loadFolder(const std::filesystem::path& folder) {
  auto& log = Poco::Logger::get("gaiarouter.plugins");
  PluginLoadReport report;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    report.refused.push_back(fmt::format("{}: plugin folder does not exist", folder.string()));
    log.error(report.refused.back());
    return report;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".so" && !entry.is_directory()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> names;
  for (const auto& file : files) {
    try {
      auto plugin = PluginLibrary::load(file);
      if (!names.insert(plugin->name()).second) {
        throw PluginLoadError(fmt::format("{}: a plugin named '{}' is already loaded", file.string(), plugin->name()));
      }
      log.information(fmt::format("plugin loaded: {} {} (ABI {}, provider '{}') from {}", plugin->name(),
                                  plugin->version(), plugin->abiVersion(), plugin->providerId(), file.string()));
      report.loaded.push_back(std::move(plugin));
    } catch (const PluginLoadError& e) {
      report.refused.emplace_back(e.what());
      log.error(fmt::format("plugin refused: {}", e.what()));
    }
  }
  return report;
}

}  // namespace gaiarouter
