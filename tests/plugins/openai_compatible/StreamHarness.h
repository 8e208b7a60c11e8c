// Test helper for stream parsers: feeds the same bytes whole, one byte at a
// time and split in two at every position, and records what comes out, so a
// test can assert that the split never changes the output.
#pragma once

#include "EventRecorder.h"

#include <gaiarouter/plugin.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gaiarouter::test {

struct StreamRun {
  std::vector<std::string> json;
  std::optional<gr_usage> usage;
  std::vector<RecordedError> errors;
};

using ParserFactory = std::function<std::unique_ptr<sdk::StreamParser>()>;

// Feeds `pieces` in order, then finish(); one EventSink per call, as the host does.
inline StreamRun runStream(const ParserFactory& make, const std::vector<std::string_view>& pieces,
                           int stopAfter = -1) {
  EventRecorder recorder;
  recorder.stopAfter = stopAfter;
  std::unique_ptr<sdk::StreamParser> parser = make();
  for (std::string_view piece : pieces) {
    sdk::EventSink sink = recorder.cpp();
    parser->feed(piece, sink);
  }
  sdk::EventSink sink = recorder.cpp();
  parser->finish(sink);
  return StreamRun{recorder.json, recorder.usage, recorder.errors};
}

inline StreamRun runWhole(const ParserFactory& make, std::string_view bytes) { return runStream(make, {bytes}); }

inline StreamRun runBytewise(const ParserFactory& make, std::string_view bytes) {
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < bytes.size(); ++i) pieces.push_back(bytes.substr(i, 1));
  return runStream(make, pieces);
}

inline void expectSameRun(const StreamRun& expected, const StreamRun& actual, const std::string& how) {
  ASSERT_EQ(expected.json, actual.json) << how;
  ASSERT_EQ(expected.usage.has_value(), actual.usage.has_value()) << how;
  if (expected.usage) {
    EXPECT_EQ(expected.usage->prompt_tokens, actual.usage->prompt_tokens) << how;
    EXPECT_EQ(expected.usage->completion_tokens, actual.usage->completion_tokens) << how;
    EXPECT_EQ(expected.usage->total_tokens, actual.usage->total_tokens) << how;
    EXPECT_EQ(expected.usage->cached_prompt_tokens, actual.usage->cached_prompt_tokens) << how;
    EXPECT_EQ(expected.usage->reasoning_tokens, actual.usage->reasoning_tokens) << how;
    EXPECT_EQ(expected.usage->cost_usd, actual.usage->cost_usd) << how;
  }
  ASSERT_EQ(expected.errors.size(), actual.errors.size()) << how;
  for (std::size_t i = 0; i < expected.errors.size(); ++i) {
    EXPECT_EQ(expected.errors[i].kind, actual.errors[i].kind) << how;
    EXPECT_EQ(expected.errors[i].message, actual.errors[i].message) << how;
    EXPECT_EQ(expected.errors[i].code, actual.errors[i].code) << how;
  }
}

// Whether to try a two-piece split at `cut`: every position, except that a
// sample much longer than a few KB (each run decodes it byte by byte, slow in
// a Debug build) is split at every position within `denseEdge` bytes of its
// start and end, where the first chunks, the finish, usage and [DONE] are,
// and every `stride`-th position in between.
struct SplitPlan {
  std::size_t denseEdge = std::string_view::npos;
  std::size_t stride = 1;
  bool includes(std::size_t cut, std::size_t size) const noexcept {
    return denseEdge >= size / 2 || cut < denseEdge || cut + denseEdge > size || cut % stride == 0;
  }
};

// The whole-feed run, after checking that byte-wise feeding and the two-piece
// splits of `plan` (by default at every position) give exactly the same output.
inline StreamRun runAllSplits(const ParserFactory& make, std::string_view bytes, SplitPlan plan = {}) {
  StreamRun whole = runWhole(make, bytes);
  expectSameRun(whole, runBytewise(make, bytes), "fed one byte at a time");
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    if (!plan.includes(cut, bytes.size())) continue;
    StreamRun split = runStream(make, {bytes.substr(0, cut), bytes.substr(cut)});
    expectSameRun(whole, split, "split at byte " + std::to_string(cut));
    if (::testing::Test::HasFailure()) break;
  }
  return whole;
}

// The data payloads of an SSE body with one `data:` line per event, in order.
inline std::vector<std::string> dataPayloads(std::string_view sse) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < sse.size()) {
    std::size_t end = sse.find('\n', pos);
    if (end == std::string_view::npos) end = sse.size();
    std::string_view line = sse.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 6) == "data: ") out.emplace_back(line.substr(6));
    pos = end + 1;
  }
  return out;
}

}  // namespace gaiarouter::test
