#include "console/ConsoleFiles.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <optional>
#include <system_error>
#include <vector>

namespace gaiarouter {
namespace {

namespace fs = std::filesystem;

// The decoded segments of the path, or nothing if one is unsafe. Empty
// segments ("//") are dropped, so the path can never become absolute.
std::optional<std::vector<std::string>> safeSegments(const std::string& target) {
  const std::string raw = target.substr(0, target.find_first_of("?#"));
  if (raw.empty() || raw.front() != '/') return std::nullopt;
  std::string path;
  try {
    Poco::URI::decode(raw, path);
  } catch (const Poco::Exception&) {
    return std::nullopt;  // a malformed %-escape
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    std::string segment = path.substr(start, end - start);
    start = end + 1;
    if (segment.empty()) continue;
    // "." and ".." and hidden files alike: the console has no dot files.
    if (segment.front() == '.') return std::nullopt;
    const bool control = std::any_of(segment.begin(), segment.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u < 0x20 || u == 0x7f || c == '\\';
    });
    if (control) return std::nullopt;
    segments.push_back(std::move(segment));
  }
  return segments;
}

bool within(const fs::path& root, const fs::path& p) {
  return std::mismatch(root.begin(), root.end(), p.begin(), p.end()).first == root.end();
}

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// `file`'s sibling "<name>.gz" inside `root`, if there is one.
std::optional<fs::path> gzippedSibling(const fs::path& root, fs::path file) {
  std::error_code ec;
  file += ".gz";
  const fs::path gz = fs::weakly_canonical(file, ec);
  if (ec || !within(root, gz) || !isFile(gz)) return std::nullopt;
  return gz;
}

ConsoleFiles::Resolved found(const fs::path& root, const fs::path& file, bool immutable) {
  return {ConsoleFiles::Outcome::File, file, immutable, gzippedSibling(root, file)};
}

}  // namespace

ConsoleFiles::Resolved ConsoleFiles::resolve(const std::string& target) const {
  const auto segments = safeSegments(target);
  if (!segments) return {Outcome::BadPath, {}, false, std::nullopt};
  std::error_code ec;
  // Resolved per request: the folder may be rebuilt (or linked) while the
  // gateway runs.
  const fs::path root = fs::weakly_canonical(root_, ec);
  if (ec) return {};
  if (!segments->empty()) {
    fs::path relative;
    for (const auto& s : *segments) relative /= s;
    const fs::path file = fs::weakly_canonical(root / relative, ec);
    // A symlink that leads out of the folder is not followed, and not
    // replaced by index.html either.
    if (ec || !within(root, file)) return {};
    const bool immutable = segments->front() == "assets";
    if (isFile(file)) return found(root, file, immutable);
    if (immutable) return {};
  }
  const fs::path index = fs::weakly_canonical(root / "index.html", ec);
  if (ec || !within(root, index) || !isFile(index)) return {};
  return found(root, index, false);
}

bool ConsoleFiles::built() const { return isFile(root_ / "index.html"); }

}  // namespace gaiarouter
