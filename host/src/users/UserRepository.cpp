#include "users/UserRepository.h"

#include "db/PagedSelect.h"
#include "db/Transaction.h"
#include "keys/ApiKeySecret.h"
#include "users/PasswordHasher.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using sql::nullable;
using sql::optionalInt;
using sql::text;

constexpr const char* kDeleted = "deleted";

#define GAIAROUTER_USER_COLUMNS                                                                                    \
  "SELECT id, email, name, role, organization_id, status, created_at, updated_at, deleted_at, password_hash FROM " \
  "users "
constexpr const char* kSelectColumns = GAIAROUTER_USER_COLUMNS;
constexpr const char* kSelectById = GAIAROUTER_USER_COLUMNS "WHERE id = ?";
constexpr const char* kSelectByEmail = GAIAROUTER_USER_COLUMNS "WHERE email = ?";
#undef GAIAROUTER_USER_COLUMNS

// Every LIKE below uses '!' as its escape character: a backslash would need
// doubling inside MySQL's string literals but not SQLite's.
constexpr const char* kSearchCondition =
    "(LOWER(email) LIKE LOWER(?) ESCAPE '!' OR LOWER(name) LIKE LOWER(?) ESCAPE '!')";

// Emails compare case-insensitively by being stored lower-cased (ASCII only,
// the same on every backend and collation).
std::string lowerEmail(std::string email) {
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  });
  return email;
}

// Row `row` of a result selected with kSelectColumns.
User readUser(Poco::Data::RecordSet& rows, std::size_t row) {
  User user;
  user.id = text(rows.value(0, row));
  user.email = text(rows.value(1, row));
  user.name = text(rows.value(2, row));
  user.role = text(rows.value(3, row));
  if (auto organization = rows.value(4, row); !organization.isEmpty())
    user.organizationId = organization.convert<std::string>();
  user.status = text(rows.value(5, row));
  user.createdAt = optionalInt(rows.value(6, row)).value_or(0);
  user.updatedAt = optionalInt(rows.value(7, row)).value_or(0);
  user.deletedAt = optionalInt(rows.value(8, row));
  return user;
}

struct StoredUser {
  User user;
  std::string passwordHash;
};

std::optional<StoredUser> findOne(Poco::Data::Session& session, const char* sql, const std::string& value) {
  Poco::Data::Statement select(session);
  std::string bound = value;
  select << sql, use(bound), now;
  Poco::Data::RecordSet rows(select);
  if (rows.rowCount() == 0) return std::nullopt;
  return StoredUser{readUser(rows, 0), text(rows.value(9, 0))};
}

// Whether a user other than `exceptId` ("" = none) has the email, deleted
// ones included (their emails stay reserved).
bool emailTaken(Poco::Data::Session& session, const std::string& email, const std::string& exceptId) {
  std::string boundEmail = email, boundId = exceptId;
  Poco::Int64 count = 0;
  session << "SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?", use(boundEmail), use(boundId), into(count), now;
  return count > 0;
}

// A run of the KDF on a hash that matches no password, for unknown emails:
// the same iteration count as real hashes, so it costs the same.
const std::string& dummyHash() {
  static const std::string hash = "pbkdf2-sha256$" + std::to_string(PasswordHasher::kIterations) +
                                  "$AAAAAAAAAAAAAAAAAAAAAA==$" + std::string(43, 'A') + "=";
  return hash;
}

void requireNotDeleted(const std::string& status) {
  // softDelete also stamps deleted_at; a status patch must not bypass it.
  if (status == kDeleted) throw std::invalid_argument("users are deleted with softDelete, not by setting their status");
}

}  // namespace

User UserRepository::create(const NewUser& request, int64_t nowMs) {
  requireNotDeleted(request.status);
  User user;
  user.id = ApiKeySecret::newId("usr_");
  user.email = lowerEmail(request.email);
  user.name = request.name;
  user.role = request.role;
  user.organizationId = request.organizationId;
  user.status = request.status;
  user.createdAt = user.updatedAt = nowMs;

  {
    auto session = database_.session();
    if (emailTaken(session, user.email, "")) throw DuplicateEmail();  // the common case, refused before the slow KDF
  }
  // The KDF runs with no session taken from the pool and no transaction open.
  std::string passwordHash = PasswordHasher::hash(request.password);
  auto organization = nullable(user.organizationId);
  auto session = database_.session();
  try {
    Transaction transaction(session, database_.backend());
    if (emailTaken(session, user.email, "")) throw DuplicateEmail();
    session
        << "INSERT INTO users (id, email, name, password_hash, role, organization_id, status, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(user.id), use(user.email), use(user.name), use(passwordHash), use(user.role), use(organization),
        use(user.status), use(user.createdAt), use(user.updatedAt), now;
    transaction.commit();
  } catch (const Poco::Exception&) {
    // A concurrent create can pass the check above too; then the unique index
    // refuses one of them. Checked after the rollback (the transaction is
    // gone here), so MySQL's snapshot does not hide the other row.
    if (emailTaken(session, user.email, "")) throw DuplicateEmail();
    throw;
  }
  return user;
}

std::optional<User> UserRepository::get(const std::string& id) {
  auto session = database_.session();
  auto found = findOne(session, kSelectById, id);
  if (!found) return std::nullopt;
  return std::move(found->user);
}

std::optional<User> UserRepository::findByEmail(const std::string& email) {
  auto session = database_.session();
  auto found = findOne(session, kSelectByEmail, lowerEmail(email));
  if (!found) return std::nullopt;
  return std::move(found->user);
}

std::optional<User> UserRepository::verifyPassword(const std::string& email, const std::string& password) {
  std::optional<StoredUser> found;
  {
    auto session = database_.session();  // back to the pool before the slow KDF
    found = findOne(session, kSelectByEmail, lowerEmail(email));
  }
  if (!found) {
    PasswordHasher::verify(password, dummyHash());
    return std::nullopt;
  }
  if (!PasswordHasher::verify(password, found->passwordHash)) return std::nullopt;
  return std::move(found->user);
}

Page<User> UserRepository::list(const UserFilter& filter) {
  // Conditions are fixed text chosen here; every value is bound.
  BoundSql where;
  whereStatus(where, filter.status);
  if (!filter.role.empty()) where.where("role = ?", filter.role);
  if (!filter.organizationId.empty()) where.where("organization_id = ?", filter.organizationId);
  if (!filter.search.empty()) {
    const std::string pattern = sql::containsPattern(filter.search);
    where.where(kSearchCondition, pattern, pattern);
  }
  return selectPage<User>(database_, "users", kSelectColumns, where, "created_at DESC, id DESC", filter.page, readUser);
}

std::optional<User> UserRepository::update(const std::string& id, const UserPatch& patch, int64_t nowMs) {
  if (patch.status) requireNotDeleted(*patch.status);
  std::optional<std::string> email;
  if (patch.email) email = lowerEmail(*patch.email);
  std::optional<std::string> passwordHash;
  if (patch.password) passwordHash = PasswordHasher::hash(*patch.password);  // slow: before taking a session

  auto session = database_.session();
  std::optional<User> updated;
  try {
    Transaction transaction(session, database_.backend());
    // MySQL: lock the row so a concurrent softDelete cannot slip in between
    // this check and the UPDATE. (SQLite serializes writers by itself.)
    std::string lockSql = std::string("SELECT status FROM users WHERE id = ?") +
                          (database_.backend() == DatabaseUrl::Backend::MySQL ? " FOR UPDATE" : "");
    std::string boundId = id;
    std::vector<std::string> status;
    session << lockSql, use(boundId), into(status), now;
    if (status.empty() || status.front() == kDeleted) return std::nullopt;
    if (email && emailTaken(session, *email, id)) throw DuplicateEmail();

    // The column list comes from the fixed names below; values are bound.
    BoundSql sql("UPDATE users SET updated_at = ?", Poco::Int64(nowMs));
    if (patch.name) sql.set("name", *patch.name);
    if (email) sql.set("email", *email);
    if (passwordHash) sql.set("password_hash", *passwordHash);
    if (patch.role) sql.set("role", *patch.role);
    if (patch.status) sql.set("status", *patch.status);
    if (patch.organizationId) sql.set("organization_id", nullable(*patch.organizationId));
    sql.append(" WHERE id = ?", id);
    Poco::Data::Statement statement(session);
    sql.into(statement);
    statement.execute();

    if (auto found = findOne(session, kSelectById, id)) updated = std::move(found->user);
    transaction.commit();
  } catch (const Poco::Exception&) {
    // As in create: the unique index refused an email another user got first.
    if (email && emailTaken(session, *email, id)) throw DuplicateEmail();
    throw;
  }
  return updated;
}

bool UserRepository::softDelete(const std::string& id, int64_t nowMs) {
  auto session = database_.session();
  std::string user = id, deleted = kDeleted;
  int64_t at = nowMs;
  Poco::Data::Statement update(session);
  update << "UPDATE users SET status = ?, deleted_at = ?, updated_at = ? WHERE id = ? AND status <> ?", use(deleted),
      use(at), use(at), use(user), use(deleted);
  return update.execute() > 0;
}

int64_t UserRepository::count() {
  auto session = database_.session();
  std::string deleted = kDeleted;
  Poco::Int64 count = 0;
  session << "SELECT COUNT(*) FROM users WHERE status <> ?", use(deleted), into(count), now;
  return count;
}

}  // namespace gaiarouter
