#include "upstream/HttpBodyDecoder.h"

#include <algorithm>
#include <cctype>

namespace gaiarouter {
namespace {

constexpr std::size_t kMaxLine = 4096;

uint64_t parseChunkSize(const std::string& line) {
  std::size_t end = line.find(';');  // chunk extensions are ignored
  std::string_view hex(line.data(), std::min(end, line.size()));
  while (!hex.empty() && (hex.back() == ' ' || hex.back() == '\t')) hex.remove_suffix(1);
  if (hex.empty() || hex.size() > 15) throw std::runtime_error("invalid chunk size line");
  uint64_t size = 0;
  for (char c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) throw std::runtime_error("invalid chunk size line");
    size = size * 16 + static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
  }
  return size;
}

}  // namespace

HttpBodyDecoder::HttpBodyDecoder(Framing framing, uint64_t length) : framing_(framing) {
  switch (framing) {
    case Framing::Chunked: state_ = State::SizeLine; break;
    case Framing::Length:
      remaining_ = length;
      state_ = length == 0 ? State::Done : State::Length;
      break;
    case Framing::UntilClose: state_ = State::UntilClose; break;
  }
}

void HttpBodyDecoder::feed(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    switch (state_) {
      case State::UntilClose:
        out.append(raw.substr(i));
        return;
      case State::Length:
      case State::Data: {
        std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(remaining_, raw.size() - i));
        out.append(raw.substr(i, n));
        i += n;
        remaining_ -= n;
        if (remaining_ == 0) state_ = state_ == State::Length ? State::Done : State::DataEnd;
        break;
      }
      case State::SizeLine:
      case State::DataEnd:
      case State::Trailer: {
        char c = raw[i++];
        if (c != '\n') {
          if (c != '\r') line_ += c;
          if (line_.size() > kMaxLine) throw std::runtime_error("chunk framing line too long");
          break;
        }
        std::string line = std::move(line_);
        line_.clear();
        if (state_ == State::DataEnd) {
          if (!line.empty()) throw std::runtime_error("missing CRLF after chunk data");
          state_ = State::SizeLine;
        } else if (state_ == State::SizeLine) {
          remaining_ = parseChunkSize(line);
          state_ = remaining_ == 0 ? State::Trailer : State::Data;
        } else if (line.empty()) {  // end of the trailer section
          state_ = State::Done;
        }
        break;
      }
      case State::Done:
        throw std::runtime_error("bytes after the end of the response body");
    }
  }
}

void HttpBodyDecoder::endOfInput() {
  if (state_ == State::UntilClose) {
    state_ = State::Done;
    return;
  }
  if (state_ != State::Done) throw std::runtime_error("connection closed before the end of the response body");
}

}  // namespace gaiarouter
