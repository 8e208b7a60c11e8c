// gaiarouter/sse_decoder.hpp — incremental Server-Sent Events decoder for
// plugin stream parsers (header-only, no dependencies).
//
// Follows the WHATWG event-stream parsing rules: lines end in LF, CRLF or a
// lone CR (a CR at the end of one feed() and an LF at the start of the next
// are one line end); "field: value" with one optional space removed; multiple
// data lines joined with '\n'; a blank line dispatches; lines starting with
// ':' are comments. Bytes may be split anywhere between feed() calls.
#ifndef GAIAROUTER_SSE_DECODER_HPP
#define GAIAROUTER_SSE_DECODER_HPP

#include <string>
#include <string_view>

namespace gaiarouter::sdk {

struct SseEvent {
  std::string event;  // "" when the event had no event: line
  std::string data;   // data lines joined with '\n'
};

class SseDecoder {
 public:
  // Calls onEvent(const SseEvent&) for each complete event and
  // onComment(std::string_view) for each comment line.
  template <typename OnEvent, typename OnComment>
  void feed(std::string_view bytes, OnEvent&& onEvent, OnComment&& onComment) {
    for (char c : bytes) {
      if (skipLf_) {
        skipLf_ = false;
        if (c == '\n') continue;
      }
      if (c == '\r' || c == '\n') {
        skipLf_ = (c == '\r');
        line(onEvent, onComment);
        line_.clear();
      } else {
        line_ += c;
      }
    }
  }

  template <typename OnEvent>
  void feed(std::string_view bytes, OnEvent&& onEvent) {
    feed(bytes, onEvent, [](std::string_view) {});
  }

  // True when bytes were fed that have not completed an event yet (a partial
  // line or fields awaiting their blank line): the stream was cut short.
  bool hasPartialEvent() const noexcept { return !line_.empty() || hasFields_; }

  // Dispatches an event whose final blank line never came (upstream closed
  // right after the last data line). Returns true if one was dispatched.
  template <typename OnEvent>
  bool flush(OnEvent&& onEvent) {
    if (!line_.empty()) {
      // A last line without its line end still counts; it cannot complete
      // an event by itself (only a blank line does), so no callbacks fire.
      auto ignoreEvent = [](const SseEvent&) {};
      auto ignoreComment = [](std::string_view) {};
      line(ignoreEvent, ignoreComment);
      line_.clear();
    }
    if (!hasFields_) return false;
    dispatch(onEvent);
    return true;
  }

 private:
  template <typename OnEvent, typename OnComment>
  void line(OnEvent& onEvent, OnComment& onComment) {
    if (line_.empty()) {
      if (hasFields_) dispatch(onEvent);
      return;
    }
    std::string_view l(line_);
    if (!bomChecked_) {
      bomChecked_ = true;
      if (l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);
    }
    if (l.front() == ':') {
      onComment(l.substr(1));
      return;
    }
    std::string_view field = l, value;
    if (auto colon = l.find(':'); colon != std::string_view::npos) {
      field = l.substr(0, colon);
      value = l.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
      if (hasData_) current_.data += '\n';
      current_.data.append(value);
      hasData_ = true;
      hasFields_ = true;
    } else if (field == "event") {
      current_.event.assign(value);
      hasFields_ = true;
    }
    // "id" and "retry" carry nothing a translator needs.
  }

  template <typename OnEvent>
  void dispatch(OnEvent& onEvent) {
    if (hasData_) onEvent(static_cast<const SseEvent&>(current_));
    current_ = SseEvent{};
    hasData_ = false;
    hasFields_ = false;
  }

  std::string line_;
  SseEvent current_;
  bool hasData_ = false;
  bool hasFields_ = false;
  bool skipLf_ = false;
  bool bomChecked_ = false;
};

}  // namespace gaiarouter::sdk

#endif  // GAIAROUTER_SSE_DECODER_HPP
