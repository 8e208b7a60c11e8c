// The text of a number in a JSON body as the client wrote it ("10.10"),
// which the JSON parser turns into a double: what exact decimal amounts
// (credits/UsdAmount.h) are read from.
#pragma once

#include <optional>
#include <string>

namespace gaiarouter {

// The raw value text of the top-level member `field` of `json`, a JSON
// object that has already parsed. The last member of that name counts (as
// with the parser). Nothing when there is none or the value is not a bare
// literal (a string, an object or an array).
std::optional<std::string> topLevelLiteral(const std::string& json, const std::string& field);

}  // namespace gaiarouter
