#include "users/LoginThrottle.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gaiarouter {
namespace {

constexpr int64_t kWindow = 60'000;

TEST(LoginThrottle, AnAccountIsBlockedAfterTooManyFailuresFromAnywhere) {
  LoginThrottle throttle(3, kWindow);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.1", 1000), 0);
  throttle.recordFailure("ann@example.com", "10.0.0.1", 1000);
  throttle.recordFailure("ann@example.com", "10.0.0.2", 2000);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.3", 2500), 0) << "two failures: not yet";
  throttle.recordFailure("ann@example.com", "10.0.0.3", 3000);
  // Blocked until the window has passed since the first failure (at 1000).
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.9", 3000), 58'000);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.9", 60'999), 1);
  EXPECT_EQ(throttle.retryAfterMs("bob@example.com", "10.0.0.9", 3000), 0) << "other accounts are not affected";
}

TEST(LoginThrottle, AnAddressIsBlockedAfterTooManyFailuresForAnyAccounts) {
  LoginThrottle throttle(3, kWindow);
  throttle.recordFailure("a@example.com", "203.0.113.7", 10'000);
  throttle.recordFailure("b@example.com", "203.0.113.7", 11'000);
  throttle.recordFailure("c@example.com", "203.0.113.7", 12'000);
  EXPECT_EQ(throttle.retryAfterMs("d@example.com", "203.0.113.7", 12'000), 58'000);
  EXPECT_EQ(throttle.retryAfterMs("d@example.com", "203.0.113.8", 12'000), 0) << "other addresses are not affected";
  EXPECT_EQ(throttle.retryAfterMs("a@example.com", "203.0.113.8", 12'000), 0) << "one failure for that account";
}

TEST(LoginThrottle, TheBlockEndsWhenTheWindowHasPassed) {
  LoginThrottle throttle(2, kWindow);
  throttle.recordFailure("ann@example.com", "10.0.0.1", 0);
  throttle.recordFailure("ann@example.com", "10.0.0.1", 30'000);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.1", 59'999), 1);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.1", 60'000), 0);

  // A new window starts with the next failure: one failure is not a block.
  throttle.recordFailure("ann@example.com", "10.0.0.1", 70'000);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.1", 70'000), 0);
  throttle.recordFailure("ann@example.com", "10.0.0.1", 80'000);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.1", 80'000), 50'000);

  // Failures spread wider than the window never add up to a block.
  LoginThrottle slow(2, kWindow);
  for (int64_t at = 0; at < 10 * kWindow; at += kWindow) {
    slow.recordFailure("ann@example.com", "10.0.0.1", at);
    EXPECT_EQ(slow.retryAfterMs("ann@example.com", "10.0.0.1", at), 0) << at;
  }
}

TEST(LoginThrottle, ASuccessClearsTheAccountButNotTheAddress) {
  LoginThrottle throttle(2, kWindow);
  throttle.recordFailure("ann@example.com", "10.0.0.1", 1000);
  throttle.recordFailure("ann@example.com", "10.0.0.1", 2000);
  EXPECT_GT(throttle.retryAfterMs("ann@example.com", "10.0.0.2", 2000), 0);
  throttle.recordSuccess("ann@example.com");
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.2", 2000), 0);
  EXPECT_EQ(throttle.retryAfterMs("bob@example.com", "10.0.0.1", 2000), 59'000) << "the address keeps its failures";
  throttle.recordFailure("ann@example.com", "10.0.0.2", 3000);
  EXPECT_EQ(throttle.retryAfterMs("ann@example.com", "10.0.0.2", 3000), 0) << "counting starts again from zero";
}

TEST(LoginThrottle, EmptyKeysAreNotOneSharedBucket) {
  LoginThrottle throttle(1, kWindow);
  throttle.recordFailure("ann@example.com", "", 1000);
  EXPECT_EQ(throttle.retryAfterMs("bob@example.com", "", 1000), 0);
  EXPECT_GT(throttle.retryAfterMs("ann@example.com", "", 1000), 0);
}

TEST(LoginThrottle, ManyAccountsStayCorrectAcrossSweeps) {
  LoginThrottle throttle(1, kWindow);
  // More than the sweep threshold of stale windows, then fresh ones: the
  // stale ones go, the fresh ones keep blocking.
  for (int i = 0; i < 12'000; ++i) throttle.recordFailure("old" + std::to_string(i), "", 0);
  EXPECT_GT(throttle.retryAfterMs("old5", "", 1), 0);
  for (int i = 0; i < 12'000; ++i) throttle.recordFailure("new" + std::to_string(i), "", 2 * kWindow);
  EXPECT_EQ(throttle.retryAfterMs("old5", "", 2 * kWindow), 0);
  EXPECT_EQ(throttle.retryAfterMs("new5", "", 2 * kWindow), kWindow);
  EXPECT_EQ(throttle.retryAfterMs("new11999", "", 2 * kWindow), kWindow);
}

TEST(LoginThrottle, IsSafeToShareBetweenThreads) {
  // Exactly the threshold of failures from four threads: one lost update
  // and the account would not be blocked.
  LoginThrottle throttle(8000, kWindow);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&throttle, t] {
      for (int i = 0; i < 2000; ++i) {
        throttle.recordFailure("shared@example.com", "10.0.0." + std::to_string(t), 0);
        throttle.retryAfterMs("shared@example.com", "10.0.0.1", 0);
        if (i % 100 == 0) throttle.recordSuccess("other@example.com");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(throttle.retryAfterMs("shared@example.com", "", 0), kWindow);
  EXPECT_EQ(throttle.retryAfterMs("", "10.0.0.1", 0), 0) << "2000 failures per address";
}

TEST(LoginThrottle, RefusesMeaninglessSettings) {
  EXPECT_THROW(LoginThrottle(0, kWindow), std::invalid_argument);
  EXPECT_THROW(LoginThrottle(5, 0), std::invalid_argument);
}

}  // namespace
}  // namespace gaiarouter
