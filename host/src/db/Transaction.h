// A database transaction on a pooled session: committed explicitly, rolled
// back otherwise, and the session left in autocommit either way. (Poco 1.11's
// MySQL connector turns autocommit off in begin() and never back on, so a
// pooled connection that once ran a transaction would silently keep every
// later write uncommitted.)
//
// On SQLite the transaction takes the write lock at BEGIN (IMMEDIATE). Poco
// begins DEFERRED, and a deferred transaction that reads and then writes
// fails at once with "database is locked" if another connection committed
// in between: the busy timeout does not apply to that case. Taking the lock
// first makes concurrent writers wait their turn instead.
#pragma once

#include "db/DatabaseUrl.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

namespace gaiarouter {

class Transaction {
 public:
  Transaction(Poco::Data::Session& session, DatabaseUrl::Backend backend) : session_(session), backend_(backend) {
    if (sqlite()) {
      session_ << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
    } else {
      session_.begin();
    }
  }
  ~Transaction() {
    if (!done_) {
      try {
        if (sqlite()) {
          session_ << "ROLLBACK", Poco::Data::Keywords::now;
        } else {
          session_.rollback();
        }
      } catch (...) {
      }
    }
    restoreAutoCommit();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    if (sqlite()) {
      session_ << "COMMIT", Poco::Data::Keywords::now;
    } else {
      session_.commit();
    }
    done_ = true;
  }

 private:
  bool sqlite() const { return backend_ == DatabaseUrl::Backend::SQLite; }

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
