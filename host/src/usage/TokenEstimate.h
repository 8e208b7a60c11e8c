// Token counts the gateway guesses when the provider never reported them (a
// stream the client left early): about four bytes of text per token, the
// usual rule of thumb for English with BPE tokenizers. Records made from
// these are marked estimated.
#pragma once

#include <cstdint>
#include <string_view>

namespace gaiarouter {

// Bytes of generated text in one OpenAI-format chunk: the string values of
// its "content", "reasoning_content" and "arguments" fields, escapes counted
// as one byte. A scan, not a parse: it runs on every relayed chunk.
int64_t generatedTextBytes(std::string_view chunk);

inline int64_t estimateTokens(int64_t bytes) { return bytes <= 0 ? 0 : (bytes + 3) / 4; }

}  // namespace gaiarouter
