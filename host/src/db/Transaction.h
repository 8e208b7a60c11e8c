// A database transaction on a pooled session: committed explicitly, rolled
// back otherwise, and the session left in autocommit either way. (Poco 1.11's
// MySQL connector turns autocommit off in begin() and never back on, so a
// pooled connection that once ran a transaction would silently keep every
// later write uncommitted.)
#pragma once

#include "db/DatabaseUrl.h"

#include <Poco/Data/Session.h>

namespace gaiarouter {

class Transaction {
 public:
  Transaction(Poco::Data::Session& session, DatabaseUrl::Backend backend) : session_(session), backend_(backend) {
    session_.begin();
  }
  ~Transaction() {
    if (!done_) {
      try {
        session_.rollback();
      } catch (...) {
      }
    }
    restoreAutoCommit();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    session_.commit();
    done_ = true;
  }

 private:
  void restoreAutoCommit() {
    if (backend_ != DatabaseUrl::Backend::MySQL) return;  // SQLite returns to autocommit by itself
    try {
      session_.setFeature("autoCommit", true);
    } catch (...) {
    }
  }

  Poco::Data::Session& session_;
  DatabaseUrl::Backend backend_;
  bool done_ = false;
};

}  // namespace gaiarouter
