// Organizations' credit balances and their ledger. A manual change updates
// the balance and writes its ledger row in one transaction, with the same
// lock discipline as the usage collector's deductions
// (usage/UsageWriter.cpp), so the two never make ledger and balance
// disagree.
#pragma once

#include "credits/BalanceTransaction.h"
#include "db/Database.h"

#include <optional>
#include <string>

namespace gaiarouter {

class CreditRepository {
 public:
  explicit CreditRepository(Database& database) : database_(database) {}

  // Applies a topup, adjustment or refund and returns its ledger row (with
  // the new balance). Nothing when there is no such organization or it is
  // deleted. Throws std::invalid_argument for an invalid change (type,
  // amount's sign, empty reason, a request id on anything but a refund).
  std::optional<BalanceTransaction> change(const CreditChange& change, int64_t nowMs);

  // The balance with the ledger's totals, read together; nothing when there
  // is no such organization (deleted ones have a balance still).
  std::optional<CreditBalance> balance(const std::string& organizationId);

  // The balance and whether it is enforced, the one cheap row read the
  // credit gate needs.
  std::optional<CreditBalance> balanceOnly(const std::string& organizationId);

  // The organization's ledger, newest first.
  Page<BalanceTransaction> transactions(const std::string& organizationId, const TransactionFilter& filter);

 private:
  std::optional<BalanceTransaction> changeOnce(const CreditChange& change, int64_t nowMs);

  Database& database_;
};

}  // namespace gaiarouter
