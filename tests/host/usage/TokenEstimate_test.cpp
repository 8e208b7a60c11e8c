#include "usage/TokenEstimate.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

TEST(TokenEstimateTest, CountsTheGeneratedTextOfAChunk) {
  EXPECT_EQ(generatedTextBytes(R"({"choices":[{"index":0,"delta":{"content":"Hello"}}]})"), 5);
  // Escapes count as one byte each, \u as one.
  EXPECT_EQ(generatedTextBytes(R"({"choices":[{"delta":{"content":"a\"b\n\u00e9"}}]})"), 5);
  EXPECT_EQ(generatedTextBytes(R"({"choices":[{"delta":{"reasoning_content":"think","content": "ok"}}]})"), 7);
  EXPECT_EQ(generatedTextBytes(R"({"choices":[{"delta":{"tool_calls":[{"function":{"arguments":"{\"a\":1}"}}]}}]})"),
            7);
}

TEST(TokenEstimateTest, ChunksWithoutTextCountNothing) {
  EXPECT_EQ(generatedTextBytes(R"({"choices":[{"delta":{"role":"assistant","content":null}}]})"), 0);
  EXPECT_EQ(generatedTextBytes(R"({"choices":[],"usage":{"prompt_tokens":3}})"), 0);
}

TEST(TokenEstimateTest, FourBytesMakeAToken) {
  EXPECT_EQ(estimateTokens(0), 0);
  EXPECT_EQ(estimateTokens(1), 1);
  EXPECT_EQ(estimateTokens(8), 2);
  EXPECT_EQ(estimateTokens(9), 3);
}

}  // namespace
}  // namespace gaiarouter
