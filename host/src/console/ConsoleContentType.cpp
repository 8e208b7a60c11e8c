#include "console/ConsoleContentType.h"

#include <Poco/String.h>

#include <map>

namespace gaiarouter {

std::string consoleContentType(const std::filesystem::path& file) {
  // What a Vite build produces, and the usual public/ files beside it.
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
  };
  const auto it = types.find(Poco::toLower(file.extension().string()));
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace gaiarouter
