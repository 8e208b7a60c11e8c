// The built admin console on disk (Vite's output: index.html, assets/…):
// maps a request target to the file to serve. Anything that could reach
// outside the folder is refused: "." and ".." segments (also percent-encoded),
// backslashes, control characters, and symlinks that lead out of it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace gaiarouter {

class ConsoleFiles {
 public:
  explicit ConsoleFiles(std::filesystem::path root) : root_(std::move(root)) {}

  enum class Outcome { File, NotFound, BadPath };
  struct Resolved {
    Outcome outcome = Outcome::NotFound;
    std::filesystem::path file;  // Outcome::File: where it is, symlinks resolved
    bool immutable = false;      // under assets/: content-hashed names that never change
    // The file compressed at build time: its sibling "<name>.gz", when that
    // is a regular file inside the folder.
    std::optional<std::filesystem::path> gzipped;
  };

  // `target` is the request target as received ("/assets/app.js?v=1").
  // An existing file is itself; another path is index.html (the console
  // routes in the browser), except under assets/, where a missing file is
  // not found: a stale hashed asset must not be answered with HTML.
  Resolved resolve(const std::string& target) const;

  // The folder holds index.html: the console was built.
  bool built() const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace gaiarouter
