// SQL text assembled from fixed fragments written in the code, with the
// values for its '?' markers kept beside it: a caller's input only ever
// reaches the database as a bound value, never as SQL.
#pragma once

#include <Poco/Data/Binding.h>
#include <Poco/Data/Statement.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace gaiarouter {

class BoundSql {
 public:
  // A value kept as a maker of bindings: Poco binding objects carry state
  // and bind one statement only, while a piece such as a WHERE clause goes
  // into both a count and a select.
  using Value = std::function<Poco::Data::AbstractBinding::Ptr()>;

  template <typename T>
  static Value value(T v) {
    return [v = std::move(v)] { return Poco::Data::Keywords::bind(v); };
  }

  BoundSql() = default;

  template <typename... Values>
  explicit BoundSql(std::string sql, Values... values) : sql_(std::move(sql)) {
    (values_.push_back(value(std::move(values))), ...);
  }

  // Appends a fragment; each value (std::string, Poco::Int64, Poco::Nullable
  // of either) binds one '?' in it, in order.
  template <typename... Values>
  BoundSql& append(const std::string& fragment, Values... values) {
    sql_ += fragment;
    (values_.push_back(value(std::move(values))), ...);
    return *this;
  }

  // Values for '?' markers appended before, in order.
  template <typename... Values>
  BoundSql& bindNext(Values... values) {
    (values_.push_back(value(std::move(values))), ...);
    return *this;
  }

  // Appends another piece, such as a WHERE clause shared by a count and a
  // select.
  BoundSql& append(const BoundSql& other) {
    sql_ += other.sql_;
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    return *this;
  }

  // One more condition of a WHERE clause: "WHERE c" first, then "AND c".
  template <typename... Values>
  BoundSql& where(const std::string& condition, Values... values) {
    sql_ += hasWhere_ ? " AND " : " WHERE ";
    hasWhere_ = true;
    return append(condition, std::move(values)...);
  }

  // One more assignment after "UPDATE t SET first = ?": ", column = ?".
  template <typename T>
  BoundSql& set(const char* column, T v) {
    sql_ += ", ";
    sql_ += column;
    return append(" = ?", std::move(v));
  }

  const std::string& sql() const { return sql_; }

  // Puts the text and the values into `statement`. Values are bound by copy
  // (Poco's bind, not use), so they need no variables kept alive.
  void into(Poco::Data::Statement& statement) const {
    statement << sql_;
    for (const auto& make : values_) statement.addBind(make());
  }

 private:
  std::string sql_;
  std::vector<Value> values_;
  bool hasWhere_ = false;
};

}  // namespace gaiarouter
