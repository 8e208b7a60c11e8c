// The credit ledger (balance_transactions): every change of an
// organization's balance, which the ledger always sums to. Money in
// micro-dollars (USD × 10^6).
#pragma once

#include "db/Page.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter {

// One ledger row. Its type is usage (a request's cost, negative, written by
// the usage collector), topup (credits bought, positive), adjustment (a
// correction, either sign) or refund (credits given back, positive,
// optionally for one request).
struct BalanceTransaction {
  int64_t id = 0;  // ascending in the order the changes were applied
  std::string organizationId;
  int64_t amountMicros = 0;
  int64_t balanceAfterMicros = 0;  // the organization's balance right after this change
  std::string type;
  std::optional<std::string> reason;
  std::optional<std::string> requestId;  // usage: the request; refund: the one refunded, if given
  std::optional<std::string> createdBy;  // who made a manual change ("master", a user id); none for usage
  int64_t createdAt = 0;                 // UTC ms
};

// A manual change: topup, adjustment or refund.
struct CreditChange {
  std::string organizationId;
  int64_t amountMicros = 0;  // topup, refund: > 0; adjustment: ≠ 0
  std::string type;
  std::string reason;                    // required
  std::optional<std::string> requestId;  // refund only
  std::optional<std::string> createdBy;
};

// An organization's balance and what the ledger says about it:
// balance = totalCredits − totalUsage.
struct CreditBalance {
  int64_t balanceMicros = 0;
  int64_t totalCreditsMicros = 0;  // topups + adjustments + refunds
  int64_t totalUsageMicros = 0;    // what requests cost (positive)
  bool enforced = false;
};

struct TransactionFilter {
  std::string type;               // "" = every type
  std::optional<int64_t> from;    // created_at ≥ from (UTC ms)
  std::optional<int64_t> before;  // created_at < before
  PageRequest page;               // newest first
};

}  // namespace gaiarouter
