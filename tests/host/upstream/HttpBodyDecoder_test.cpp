#include "upstream/HttpBodyDecoder.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

using Framing = HttpBodyDecoder::Framing;

// Feeds `raw` split at `cut` (and whole when cut == npos); returns the body.
std::string decode(Framing framing, const std::string& raw, std::size_t cut = std::string::npos, uint64_t length = 0) {
  HttpBodyDecoder decoder(framing, length);
  std::string out;
  if (cut == std::string::npos) {
    decoder.feed(raw, out);
  } else {
    decoder.feed(std::string_view(raw).substr(0, cut), out);
    decoder.feed(std::string_view(raw).substr(cut), out);
  }
  if (framing == Framing::UntilClose) decoder.endOfInput();
  EXPECT_TRUE(decoder.done());
  return out;
}

TEST(HttpBodyDecoder, ChunkedBodiesSplitAnywhereDecodeTheSame) {
  const std::string raw = "7;ext=1\r\ndata: a\r\n14\r\n\n\ndata: {\"b\":\"\xc3\xa9\"}\n\n\r\n0\r\nX-Trailer: 1\r\n\r\n";
  const std::string body = "data: a\n\ndata: {\"b\":\"\xc3\xa9\"}\n\n";
  EXPECT_EQ(decode(Framing::Chunked, raw), body);
  for (std::size_t cut = 0; cut <= raw.size(); ++cut) EXPECT_EQ(decode(Framing::Chunked, raw, cut), body) << cut;
}

TEST(HttpBodyDecoder, LengthAndCloseDelimitedBodies) {
  EXPECT_EQ(decode(Framing::Length, "hello", std::string::npos, 5), "hello");
  EXPECT_EQ(decode(Framing::Length, "hello", 2, 5), "hello");
  EXPECT_EQ(decode(Framing::UntilClose, "until the end", 4), "until the end");
  HttpBodyDecoder empty(Framing::Length, 0);
  EXPECT_TRUE(empty.done());
}

TEST(HttpBodyDecoder, TruncatedBodiesAreErrors) {
  HttpBodyDecoder chunked(Framing::Chunked);
  std::string out;
  chunked.feed("10\r\nonly", out);
  EXPECT_FALSE(chunked.done());
  EXPECT_THROW(chunked.endOfInput(), std::runtime_error);
  HttpBodyDecoder length(Framing::Length, 10);
  length.feed("abc", out);
  EXPECT_THROW(length.endOfInput(), std::runtime_error);
}

TEST(HttpBodyDecoder, MalformedFramingIsAnError) {
  std::string out;
  HttpBodyDecoder badSize(Framing::Chunked);
  EXPECT_THROW(badSize.feed("zz\r\n", out), std::runtime_error);
  HttpBodyDecoder missingCrlf(Framing::Chunked);
  EXPECT_THROW(missingCrlf.feed("2\r\nabXY\r\n", out), std::runtime_error);
  HttpBodyDecoder extra(Framing::Length, 2);
  EXPECT_THROW(extra.feed("abc", out), std::runtime_error);
  HttpBodyDecoder hugeLine(Framing::Chunked);
  EXPECT_THROW(hugeLine.feed(std::string(5000, '1'), out), std::runtime_error);
}

}  // namespace
}  // namespace gaiarouter
