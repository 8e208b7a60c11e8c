#include "console/AcceptEncoding.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace gaiarouter {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The q parameter of one coding ("gzip;q=0.5"); 1 without one.
double quality(std::string_view params) {
  while (!params.empty()) {
    const auto semicolon = params.find(';');
    const std::string param = lower(trim(params.substr(0, semicolon)));
    params = semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
    if (param.rfind("q=", 0) == 0) {
      try {
        return std::stod(param.substr(2));
      } catch (...) {
        return 0;  // a malformed weight is not a yes
      }
    }
  }
  return 1;
}

}  // namespace

bool acceptsGzip(std::string_view header) {
  double gzip = -1, any = -1;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semicolon = item.find(';');
    const std::string coding = lower(trim(item.substr(0, semicolon)));
    const double q = semicolon == std::string_view::npos ? 1 : quality(item.substr(semicolon + 1));
    if (coding == "gzip" || coding == "x-gzip") gzip = q;
    if (coding == "*") any = q;
  }
  // An explicit gzip weight wins over the wildcard's.
  return gzip >= 0 ? gzip > 0 : any > 0;
}

}  // namespace gaiarouter
