// gaiarouter/sse_decoder.hpp: line ends, comments, multi-line data, partial
// events, BOM, and the same events however the bytes are split.
#include <gaiarouter/sse_decoder.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using gaiarouter::sdk::SseDecoder;
using gaiarouter::sdk::SseEvent;

struct Seen {
  std::vector<std::pair<std::string, std::string>> events;  // (event, data)
  std::vector<std::string> comments;
  bool operator==(const Seen&) const = default;
};

// Feeds the parts in order into one decoder and records what it reports.
Seen decode(const std::vector<std::string>& parts, SseDecoder* keep = nullptr) {
  SseDecoder local;
  SseDecoder& d = keep != nullptr ? *keep : local;
  Seen seen;
  for (const auto& part : parts) {
    d.feed(
        part, [&](const SseEvent& e) { seen.events.emplace_back(e.event, e.data); },
        [&](std::string_view c) { seen.comments.emplace_back(c); });
  }
  return seen;
}

using Events = std::vector<std::pair<std::string, std::string>>;

TEST(SseDecoder, LfLineEnds) {
  Seen s = decode({"event: message_start\ndata: {\"a\":1}\n\ndata: second\n\n"});
  EXPECT_EQ(s.events, (Events{{"message_start", "{\"a\":1}"}, {"", "second"}}));
}

TEST(SseDecoder, CrLfLineEnds) {
  Seen s = decode({"event: ping\r\ndata: one\r\n\r\ndata: two\r\n\r\n"});
  EXPECT_EQ(s.events, (Events{{"ping", "one"}, {"", "two"}}));
}

TEST(SseDecoder, LoneCrLineEnds) {
  Seen s = decode({"data: a\rdata: b\r\rdata: c\r\r"});
  EXPECT_EQ(s.events, (Events{{"", "a\nb"}, {"", "c"}}));
}

TEST(SseDecoder, CrAtEndOfOneFeedAndLfAtStartOfNextAreOneLineEnd) {
  // Were the CR and LF two line ends, the LF would be a blank line and
  // dispatch "a" on its own.
  Seen s = decode({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
  EXPECT_EQ(s.events, (Events{{"", "a\nb"}}));
}

TEST(SseDecoder, CommentsAreReportedNotDispatched) {
  Seen s = decode({": ping\n\n:\ndata: x\n: inside\n\n"});
  EXPECT_EQ(s.comments, (std::vector<std::string>{" ping", "", " inside"}));
  EXPECT_EQ(s.events, (Events{{"", "x"}}));
}

TEST(SseDecoder, MultiLineDataJoinedWithNewline) {
  Seen s = decode({"data: first\ndata:second\ndata:  third\ndata\n\n"});
  // one optional space removed; "data" without a colon is an empty value
  EXPECT_EQ(s.events, (Events{{"", "first\nsecond\n third\n"}}));
}

TEST(SseDecoder, FieldsWithoutDataAreNotDispatched) {
  Seen s = decode({"event: lonely\n\nid: 7\nretry: 10\n\ndata: real\n\n"});
  EXPECT_EQ(s.events, (Events{{"", "real"}}));
}

TEST(SseDecoder, EventNameDoesNotLeakIntoTheNextEvent) {
  Seen s = decode({"event: a\ndata: 1\n\ndata: 2\n\n"});
  EXPECT_EQ(s.events, (Events{{"a", "1"}, {"", "2"}}));
}

void feedAll(SseDecoder& d, const std::string& bytes, std::vector<std::string>& data) {
  d.feed(bytes, [&](const SseEvent& e) { data.push_back(e.data); });
}

TEST(SseDecoder, FlushDispatchesAnEventWithoutItsBlankLine) {
  for (const std::string tail : {"data: last", "data: last\n", "data: last\r\n", "event: e\ndata: last\r"}) {
    SseDecoder d;
    std::vector<std::string> fed;
    feedAll(d, tail, fed);
    EXPECT_TRUE(fed.empty()) << tail;
    EXPECT_TRUE(d.hasPartialEvent()) << tail;
    std::vector<std::string> flushed;
    EXPECT_TRUE(d.flush([&](const SseEvent& e) { flushed.push_back(e.data); })) << tail;
    EXPECT_EQ(flushed, std::vector<std::string>{"last"}) << tail;
    EXPECT_FALSE(d.hasPartialEvent()) << tail;
    EXPECT_FALSE(d.flush([&](const SseEvent&) { ADD_FAILURE() << "flushed twice"; }));
  }
}

TEST(SseDecoder, FlushWithNothingPending) {
  SseDecoder d;
  EXPECT_FALSE(d.flush([](const SseEvent&) { ADD_FAILURE(); }));
  std::vector<std::string> fed;
  feedAll(d, "data: done\n\n", fed);
  EXPECT_EQ(fed, std::vector<std::string>{"done"});
  EXPECT_FALSE(d.flush([](const SseEvent&) { ADD_FAILURE(); }));
}

TEST(SseDecoder, FlushAfterAPartialCommentDispatchesNothing) {
  SseDecoder d;
  std::vector<std::string> fed;
  feedAll(d, "data: a\n\n: keep-al", fed);
  EXPECT_TRUE(d.hasPartialEvent());
  EXPECT_FALSE(d.flush([](const SseEvent&) { ADD_FAILURE(); }));
  EXPECT_FALSE(d.hasPartialEvent());
}

TEST(SseDecoder, HasPartialEvent) {
  SseDecoder d;
  EXPECT_FALSE(d.hasPartialEvent());
  decode({"data: x\n\n"}, &d);
  EXPECT_FALSE(d.hasPartialEvent());
  decode({"da"}, &d);  // partial line
  EXPECT_TRUE(d.hasPartialEvent());
  decode({"ta: y\n"}, &d);  // field awaiting its blank line
  EXPECT_TRUE(d.hasPartialEvent());
  decode({"\n"}, &d);
  EXPECT_FALSE(d.hasPartialEvent());
  decode({": just a comment\n"}, &d);
  EXPECT_FALSE(d.hasPartialEvent());
  decode({"event: only\n"}, &d);
  EXPECT_TRUE(d.hasPartialEvent());
}

TEST(SseDecoder, LeadingBomIsSkipped) {
  Seen s = decode({"\xEF\xBB\xBF" "data: x\n\n"});
  EXPECT_EQ(s.events, (Events{{"", "x"}}));
  Seen split = decode({"\xEF", "\xBB", "\xBF" "data: y\n\n"});
  EXPECT_EQ(split.events, (Events{{"", "y"}}));
  // Only at the very start: a later BOM is part of the field name.
  Seen later = decode({"data: a\n\n\xEF\xBB\xBF" "data: b\n\n"});
  EXPECT_EQ(later.events, (Events{{"", "a"}}));
}

TEST(SseDecoder, SplitAnywhereGivesTheSameEvents) {
  const std::string stream =
      "\xEF\xBB\xBF: hello\r\n"
      "event: message_start\r\n"
      "data: {\"type\":\"message_start\",\"text\":\"caf\xC3\xA9\"}\r\n"
      "\r\n"
      "data: line one\rdata: line two\r\r"
      ": keep-alive\n"
      "event: delta\n"
      "data:no-space\n"
      "data\n"
      "\n"
      "id: 3\n"
      "data: [DONE]\n"
      "\n";
  const Seen whole = decode({stream});
  ASSERT_EQ(whole.events, (Events{{"message_start", "{\"type\":\"message_start\",\"text\":\"caf\xC3\xA9\"}"},
                                  {"", "line one\nline two"},
                                  {"delta", "no-space\n"},
                                  {"", "[DONE]"}}));
  ASSERT_EQ(whole.comments, (std::vector<std::string>{" hello", " keep-alive"}));

  for (std::size_t i = 0; i <= stream.size(); ++i) {
    EXPECT_EQ(decode({stream.substr(0, i), stream.substr(i)}), whole) << "split at " << i;
  }
  for (std::size_t i = 0; i <= stream.size(); i += 3) {
    for (std::size_t j = i; j <= stream.size(); j += 5) {
      EXPECT_EQ(decode({stream.substr(0, i), stream.substr(i, j - i), stream.substr(j)}), whole)
          << "split at " << i << " and " << j;
    }
  }
  std::vector<std::string> bytes;
  for (char c : stream) bytes.emplace_back(1, c);
  EXPECT_EQ(decode(bytes), whole);
}

TEST(SseDecoder, SplitAnywhereThenFlushGivesTheSameEvents) {
  // Ends without the final blank line (upstream closed early), after a CR.
  const std::string stream = "data: one\r\n\r\nevent: last\r\ndata: two\r\ndata: three\r";
  const std::vector<std::string> expected = {"one", "last:two\nthree"};
  auto run = [](const std::vector<std::string>& parts) {
    SseDecoder d;
    std::vector<std::string> seen;
    auto record = [&](const SseEvent& e) { seen.push_back(e.event.empty() ? e.data : e.event + ":" + e.data); };
    for (const auto& p : parts) d.feed(p, record);
    EXPECT_TRUE(d.hasPartialEvent());
    EXPECT_TRUE(d.flush(record));
    EXPECT_FALSE(d.hasPartialEvent());
    return seen;
  };
  for (std::size_t i = 0; i <= stream.size(); ++i) {
    EXPECT_EQ(run({stream.substr(0, i), stream.substr(i)}), expected) << "split at " << i;
  }
}

}  // namespace
