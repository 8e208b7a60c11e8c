// Test helper: reading wire samples.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace gaiarouter::test {

// A file from ../shared/fixtures (real provider samples), bytes untouched.
inline std::string sharedFixture(const std::string& relative) {
  std::ifstream in(std::string(GAIAROUTER_SHARED_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing shared fixture " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A file from tests/fixtures (samples this project keeps), bytes untouched.
inline std::string testFixture(const std::string& relative) {
  std::ifstream in(std::string(GAIAROUTER_TEST_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing test fixture " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace gaiarouter::test
