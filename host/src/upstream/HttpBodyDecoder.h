// Decodes an HTTP/1.1 response body from raw connection bytes: chunked,
// Content-Length or close-delimited. Poco's decoding streams block inside a
// read and turn timeouts into a bad stream state; the upstream client polls
// first and then feeds whatever arrived here, so it never blocks mid-body.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gaiarouter {

class HttpBodyDecoder {
 public:
  enum class Framing { Chunked, Length, UntilClose };

  HttpBodyDecoder(Framing framing, uint64_t length = 0);

  // Decodes `raw` and appends body bytes to `out`. Throws std::runtime_error
  // on malformed chunk framing or bytes after the end of the body.
  void feed(std::string_view raw, std::string& out);
  // The connection reached EOF. Throws std::runtime_error if the body was
  // not complete (except for close-delimited bodies, which end here).
  void endOfInput();
  bool done() const { return state_ == State::Done; }

 private:
  enum class State { SizeLine, Data, DataEnd, Trailer, Length, UntilClose, Done };

  Framing framing_;
  State state_;
  uint64_t remaining_ = 0;
  std::string line_;
};

}  // namespace gaiarouter
