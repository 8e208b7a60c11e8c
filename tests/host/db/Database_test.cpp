// The session pool on every backend: a request that finds every session in
// use waits for one instead of failing.
#include "TestDatabase.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

namespace gaiarouter {
namespace {

class SessionPoolTest : public test::DatabaseTest {};

TEST_P(SessionPoolTest, AnExhaustedPoolWaitsForASessionToComeBack) {
  Database one(DatabaseUrl::parse(db_->url()), 1);
  std::optional<Poco::Data::Session> held(one.session());
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto session = one.session();
    got = true;
  });
  // Still waiting while the only session is held...
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(got.load());
  held.reset();  // ...and served once it is back.
  waiter.join();
  EXPECT_TRUE(got.load());
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionPoolTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter
