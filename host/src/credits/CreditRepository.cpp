#include "credits/CreditRepository.h"

#include "db/BoundSql.h"
#include "db/DatabaseErrors.h"
#include "db/PagedSelect.h"
#include "db/SqlValues.h"
#include "db/Transaction.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using sql::optionalInt;
using sql::optionalText;
using sql::text;

constexpr int kAttempts = 5;

constexpr const char* kSelect =
    "SELECT id, organization_id, amount_micros, balance_after_micros, type, reason, request_id, created_by, "
    "created_at FROM balance_transactions ";

BalanceTransaction readTransaction(const Poco::Data::RecordSet& rows, std::size_t row) {
  BalanceTransaction t;
  t.id = optionalInt(rows.value(0, row)).value_or(0);
  t.organizationId = text(rows.value(1, row));
  t.amountMicros = optionalInt(rows.value(2, row)).value_or(0);
  t.balanceAfterMicros = optionalInt(rows.value(3, row)).value_or(0);
  t.type = text(rows.value(4, row));
  t.reason = optionalText(rows.value(5, row));
  t.requestId = optionalText(rows.value(6, row));
  t.createdBy = optionalText(rows.value(7, row));
  t.createdAt = optionalInt(rows.value(8, row)).value_or(0);
  return t;
}

void validate(const CreditChange& change) {
  const std::string& type = change.type;
  if (type != "topup" && type != "adjustment" && type != "refund") {
    throw std::invalid_argument("a credit change is a topup, an adjustment or a refund");
  }
  if (type == "adjustment" ? change.amountMicros == 0 : change.amountMicros <= 0) {
    throw std::invalid_argument(type == "adjustment" ? "an adjustment must not be zero"
                                                     : "a " + type + " must be a positive amount");
  }
  if (change.reason.empty()) throw std::invalid_argument("a credit change needs a reason");
  if (change.requestId && type != "refund") throw std::invalid_argument("only a refund refers to a request");
}

std::optional<int64_t> readInt(Poco::Data::Session& session, const BoundSql& sql) {
  Poco::Data::Statement select(session);
  sql.into(select);
  select.execute();
  Poco::Data::RecordSet rows(select);
  if (rows.rowCount() == 0) return std::nullopt;
  return optionalInt(rows.value(0, 0)).value_or(0);
}

}  // namespace

std::optional<BalanceTransaction> CreditRepository::change(const CreditChange& change, int64_t nowMs) {
  validate(change);
  for (int attempt = 1;; ++attempt) {
    try {
      return changeOnce(change, nowMs);
    } catch (const Poco::Exception& e) {
      if (attempt >= kAttempts || !isLockConflict(e, database_.backend())) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    }
  }
}

std::optional<BalanceTransaction> CreditRepository::changeOnce(const CreditChange& change, int64_t nowMs) {
  auto session = database_.session();
  Transaction transaction(session, database_.backend());
  // The UPDATE first: it locks the organization's row (MySQL) or the
  // database (SQLite) until commit, so no other change of this balance can
  // come between it, the read-back and the ledger row.
  Poco::Data::Statement update(session);
  BoundSql("UPDATE organizations SET credit_balance_micros = credit_balance_micros + ? WHERE id = ? AND status <> ?",
           Poco::Int64(change.amountMicros), change.organizationId, std::string("deleted"))
      .into(update);
  if (update.execute() == 0) return std::nullopt;  // the amount is never 0, so a matched row always changes

  BalanceTransaction t;
  t.organizationId = change.organizationId;
  t.amountMicros = change.amountMicros;
  t.balanceAfterMicros =
      readInt(session, BoundSql("SELECT credit_balance_micros FROM organizations WHERE id = ?", change.organizationId))
          .value_or(0);
  t.type = change.type;
  t.reason = change.reason;
  t.requestId = change.requestId;
  t.createdBy = change.createdBy;
  t.createdAt = nowMs;

  Poco::Data::Statement insert(session);
  BoundSql(
      "INSERT INTO balance_transactions (organization_id, amount_micros, balance_after_micros, type, reason, "
      "request_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      t.organizationId, Poco::Int64(t.amountMicros), Poco::Int64(t.balanceAfterMicros), t.type, *t.reason,
      sql::nullable(t.requestId), sql::nullable(t.createdBy), Poco::Int64(t.createdAt))
      .into(insert);
  insert.execute();
  // Every ledger row of this organization is written under the lock taken
  // above, so its newest row is this one: the id without a backend's
  // last-insert-id function.
  t.id = readInt(session, BoundSql("SELECT MAX(id) FROM balance_transactions WHERE organization_id = ?",
                                   change.organizationId))
             .value_or(0);
  transaction.commit();
  return t;
}

std::optional<CreditBalance> CreditRepository::balanceOnly(const std::string& organizationId) {
  auto session = database_.session();
  Poco::Data::Statement select(session);
  BoundSql("SELECT credit_balance_micros, credit_enforced FROM organizations WHERE id = ?", organizationId).into(select);
  select.execute();
  Poco::Data::RecordSet rows(select);
  if (rows.rowCount() == 0) return std::nullopt;
  CreditBalance out;
  out.balanceMicros = optionalInt(rows.value(0, 0)).value_or(0);
  out.enforced = optionalInt(rows.value(1, 0)).value_or(0) != 0;
  return out;
}

std::optional<CreditBalance> CreditRepository::balance(const std::string& organizationId) {
  auto session = database_.session();
  // One transaction: the balance and the sums describe the same moment.
  Transaction transaction(session, database_.backend());
  Poco::Data::Statement organization(session);
  BoundSql("SELECT credit_balance_micros, credit_enforced FROM organizations WHERE id = ?", organizationId)
      .into(organization);
  organization.execute();
  Poco::Data::RecordSet row(organization);
  if (row.rowCount() == 0) return std::nullopt;
  CreditBalance out;
  out.balanceMicros = optionalInt(row.value(0, 0)).value_or(0);
  out.enforced = optionalInt(row.value(1, 0)).value_or(0) != 0;

  Poco::Data::Statement sums(session);
  BoundSql("SELECT type, SUM(amount_micros) FROM balance_transactions WHERE organization_id = ? GROUP BY type",
           organizationId)
      .into(sums);
  sums.execute();
  Poco::Data::RecordSet rows(sums);
  for (std::size_t i = 0; i < rows.rowCount(); ++i) {
    const int64_t sum = optionalInt(rows.value(1, i)).value_or(0);
    if (text(rows.value(0, i)) == "usage") {
      out.totalUsageMicros -= sum;  // usage rows are negative
    } else {
      out.totalCreditsMicros += sum;
    }
  }
  transaction.commit();
  return out;
}

Page<BalanceTransaction> CreditRepository::transactions(const std::string& organizationId,
                                                        const TransactionFilter& filter) {
  BoundSql where;
  where.where("organization_id = ?", organizationId);
  if (!filter.type.empty()) where.where("type = ?", filter.type);
  if (filter.from) where.where("created_at >= ?", Poco::Int64(*filter.from));
  if (filter.before) where.where("created_at < ?", Poco::Int64(*filter.before));
  // id is the order the changes were applied in (and unique).
  return selectPage<BalanceTransaction>(database_, "balance_transactions", kSelect, where, "id DESC", filter.page,
                                        readTransaction);
}

}  // namespace gaiarouter
