// Loads every plugin file of the plugin folder at start-up. A file that is
// refused is logged with its reason and skipped; the others still load.
#pragma once

#include "plugins/PluginLibrary.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gaiarouter {

struct PluginLoadReport {
  std::vector<std::shared_ptr<PluginLibrary>> loaded;
  std::vector<std::string> refused;  // one reason per refused file
};

class PluginLoader {
 public:
  // Loads every "*.so" file of `folder`, in name order. Two plugins with the
  // same name: the first wins, the second is refused.
  static PluginLoadReport loadFolder(const std::filesystem::path& folder);
};

}  // namespace gaiarouter
