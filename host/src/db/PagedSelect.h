// The listing query every repository shares: the WHERE conditions a listing
// filters by, and one page of rows with the count of all matching rows.
#pragma once

#include "db/BoundSql.h"
#include "db/Database.h"
#include "db/Page.h"
#include "db/SqlValues.h"
#include "db/Transaction.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <optional>
#include <string>

namespace gaiarouter {

// Rows with `status`, or when it is empty every row not soft-deleted.
inline void whereStatus(BoundSql& where, const std::string& status) {
  if (status.empty()) {
    where.where("status <> ?", std::string("deleted"));
  } else {
    where.where("status = ?", status);
  }
}

// Rows whose `column` (a literal chosen by the caller) contains `needle`,
// case-insensitively and with its wildcards taken literally. LOWER on both
// sides folds case the same on either backend (MySQL columns use
// utf8mb4_bin, where LIKE is case-sensitive).
inline void whereContains(BoundSql& where, const char* column, const std::string& needle) {
  where.where(std::string("LOWER(") + column + ") LIKE LOWER(?) ESCAPE '!'", sql::containsPattern(needle));
}

// Page `request` of `selectFrom` ("SELECT columns FROM table") filtered by
// `where` and sorted by `orderBy`, which must end in a unique column so
// pages never overlap. `read(rows, row)` turns a row into a T. Count and rows
// come from one transaction, so they agree.
//
// `countCap`: count at most this many matching rows (a feed over millions of
// rows, where an exact total would cost a full scan); `total` is then
// min(matching rows, countCap).
template <typename T, typename ReadRow>
Page<T> selectPage(Database& database, const std::string& table, const std::string& selectFrom, const BoundSql& where,
                   const std::string& orderBy, const PageRequest& request, ReadRow read,
                   std::optional<int64_t> countCap = std::nullopt) {
  using namespace Poco::Data::Keywords;
  const auto [limit, offset] = limitOffset(request);
  auto session = database.session();
  Transaction transaction(session, database.backend());
  Page<T> page;

  Poco::Data::Statement count(session);
  if (countCap) {
    BoundSql("SELECT COUNT(*) FROM (SELECT 1 FROM " + table)
        .append(where)
        .append(" LIMIT ?) capped", Poco::Int64(*countCap))
        .into(count);
  } else {
    BoundSql("SELECT COUNT(*) FROM " + table).append(where).into(count);
  }
  Poco::Int64 total = 0;
  count.addExtract(into(total));
  count.execute();
  page.total = total;

  Poco::Data::Statement select(session);
  BoundSql(selectFrom)
      .append(where)
      .append(" ORDER BY " + orderBy + " LIMIT ? OFFSET ?", Poco::Int64(limit), Poco::Int64(offset))
      .into(select);
  select.execute();
  Poco::Data::RecordSet rows(select);
  page.items.reserve(rows.rowCount());
  for (std::size_t row = 0; row < rows.rowCount(); ++row) page.items.push_back(read(rows, row));
  transaction.commit();
  return page;
}

}  // namespace gaiarouter
