// Tool call ids for Gemini function calls.
//
// Gemini's functionCall parts carry no id, so the plugin invents one from the
// gateway request id and a counter: "call_<requestId>_<n>". When the part came
// with a thoughtSignature (Gemini 2.5+/3 thinking models), the signature must
// travel back on that functionCall part in the next request. The plugin keeps
// no state between requests, so the signature rides inside the id the client
// echoes back: "call_<requestId>_<n>__ts_<signature in base64url, unpadded>".
// The request id is reduced to [A-Za-z0-9-] so that "__ts_" can only be the
// marker. Ids stay [A-Za-z0-9_-] only, but are as long as the signature.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::google {

class GoogleToolCallId {
 public:
  // The id of the n-th function call (from 0) of the response to requestId.
  // A signature that is not base64 text is not embedded.
  static std::string make(std::string_view requestId, std::size_t n, std::string_view thoughtSignature);

  // The thought signature embedded in an id made by make(), in standard
  // padded base64; "" when the id carries none (or is not one of ours).
  static std::string thoughtSignature(std::string_view id);
};

}  // namespace gaiarouter::plugins::google
