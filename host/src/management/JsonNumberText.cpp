#include "management/JsonNumberText.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cctype>

namespace gaiarouter {
namespace {

void skipSpace(const std::string& s, std::size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
}

// From the opening quote to just past the closing one.
void skipString(const std::string& s, std::size_t& i) {
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\') ++i;
  }
  ++i;
}

// Past one value: a string, a nested object or array, or a literal.
void skipValue(const std::string& s, std::size_t& i) {
  if (s[i] == '"') return skipString(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      if (s[i] == '"') {
        skipString(s, i);
        continue;
      }
      if (s[i] == '{' || s[i] == '[') ++depth;
      if (s[i] == '}' || s[i] == ']') --depth;
      ++i;
      if (depth == 0) return;
    }
    return;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

// A key as the parser reads it: escapes ("\u0061mount") decoded.
std::string decodedKey(const std::string& quoted) {
  if (quoted.find('\\') == std::string::npos) return quoted.substr(1, quoted.size() - 2);
  try {
    return Poco::JSON::Parser().parse("[" + quoted + "]").extract<Poco::JSON::Array::Ptr>()->getElement<std::string>(0);
  } catch (const Poco::Exception&) {
    return {};
  }
}

}  // namespace

std::optional<std::string> topLevelLiteral(const std::string& json, const std::string& field) {
  std::optional<std::string> found;
  std::size_t i = 0;
  skipSpace(json, i);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  ++i;
  while (i < json.size()) {
    skipSpace(json, i);
    if (i >= json.size() || json[i] != '"') break;  // '}' or malformed: done
    const std::size_t keyStart = i;
    skipString(json, i);
    if (i > json.size()) break;
    const std::string key = decodedKey(json.substr(keyStart, i - keyStart));
    skipSpace(json, i);
    if (i >= json.size() || json[i] != ':') break;
    ++i;
    skipSpace(json, i);
    if (i >= json.size()) break;
    const std::size_t valueStart = i;
    const bool literal = json[i] != '"' && json[i] != '{' && json[i] != '[';
    skipValue(json, i);
    if (key == field) {
      found = literal ? std::optional(json.substr(valueStart, i - valueStart)) : std::nullopt;
    }
    skipSpace(json, i);
    if (i >= json.size() || json[i] != ',') break;
    ++i;
  }
  return found;
}

}  // namespace gaiarouter
