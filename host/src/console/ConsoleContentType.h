// The Content-Type of a console file, from its extension.
#pragma once

#include <filesystem>
#include <string>

namespace gaiarouter {

// "application/octet-stream" for an unknown extension.
std::string consoleContentType(const std::filesystem::path& file);

}  // namespace gaiarouter
