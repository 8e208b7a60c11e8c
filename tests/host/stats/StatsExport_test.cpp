// The exports: CSV (RFC 4180, BOM, CRLF, quoting, no formulas) and JSON
// parsed back to the same numbers as the JSON answer, and the file names.
#include "StatsTestData.h"
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "management/ManagementJson.h"
#include "stats/StatsCsv.h"
#include "stats/StatsExport.h"
#include "stats/StatsJson.h"
#include "stats/StatsRepository.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <string>
#include <vector>

namespace gaiarouter {
namespace {

using Kind = StatsScope::Kind;
using test::kStatsDay0;
using test::kStatsHour;
using Table = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: CRLF between records, fields optionally in
// double quotes with "" for a quote inside. Fails the test on anything else.
Table parseCsv(const std::string& text) {
  Table rows(1);
  std::string field;
  bool quoted = false, wasQuoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      EXPECT_TRUE(field.empty() && !wasQuoted) << "quote inside an unquoted field at " << i;
      quoted = wasQuoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      wasQuoted = false;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
      rows.back().push_back(field);
      field.clear();
      wasQuoted = false;
      ++i;
      if (i + 1 < text.size()) rows.emplace_back();
    } else {
      EXPECT_NE(c, '\n') << "bare LF at " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty()) << "the last record does not end in CRLF";
  return rows;
}

// Keeps the order of the keys, which the CSV columns follow.
Poco::JSON::Object::Ptr parseJson(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

// A CSV cell and the JSON answer's value for it are the same number.
void expectSameNumber(const std::string& cell, const Poco::Dynamic::Var& value, const std::string& what) {
  if (value.isInteger()) {
    EXPECT_EQ(cell, std::to_string(value.convert<Poco::Int64>())) << what;
  } else {
    ASSERT_FALSE(cell.empty()) << what;
    EXPECT_EQ(cell.find_first_of("eE"), std::string::npos) << what << ": " << cell;
    EXPECT_DOUBLE_EQ(std::stod(cell), value.convert<double>()) << what << ": " << cell;
  }
}

class StatsExportTest : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    // Model names a client chose: a formula, a comma and quotes, a line
    // break, a leading minus, non-ASCII text.
    const char* const models[] = {"=HYPERLINK(\"http://x\",\"y\")", "acme/a,b \"c\"", "acme/line\r\nbreak",
                                  "-1+2", "acme/модель", "mock/echo", "@SUM(A1)"};
    int i = 0;
    for (const char* model : models) {
      for (int n = 0; n <= i; ++n, ++records_) {
        auto r = test::usageRecord(100 * i + n, kStatsDay0 + (n % 3) * kStatsHour + 17, "org_a", "key_a1", model);
        r.provider = "acme";
        if (n == 1) r.status = 500;
        r.costMicros = 12 + n;  // 0.000012 USD: no exponent in the CSV
        written_.push_back(r);
      }
      ++i;
    }
    UsageWriter(*database_).write(written_);
  }

  StatsResult query(StatsGrouping grouping) {
    StatsQuery q;
    q.scope = {Kind::Organization, "org_a"};
    q.groupBy = grouping;
    q.startMs = kStatsDay0;
    q.endMs = kStatsDay0 + 4 * kStatsHour;
    return StatsRepository(*database_).query(q);
  }

  std::vector<UsageRecord> written_;
  int records_ = 0;
};

TEST_P(StatsExportTest, CsvParsesBackToTheNumbersOfTheJsonAnswer) {
  for (auto grouping : {StatsGrouping::None, StatsGrouping::Hour, StatsGrouping::Day, StatsGrouping::Model,
                        StatsGrouping::Provider, StatsGrouping::Key}) {
    const std::string what = groupingName(grouping) ? groupingName(grouping) : "none";
    const auto result = query(grouping);
    const std::string csv = statsCsv(result);
    ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << what << ": no UTF-8 byte order mark";
    const Table rows = parseCsv(csv.substr(3));
    const auto body = parseJson(json::stringify(json::stats(result)));
    const auto series = body->getArray("series");
    ASSERT_EQ(rows.size(), 1 + series->size() + 1) << what;  // header, series, total

    // The header: row, start, end, the group column, then the JSON figures.
    const auto figureNames = body->getObject("totals")->getNames();
    std::vector<std::string> header = {"row", "start", "end"};
    const bool byValue = grouping == StatsGrouping::Model || grouping == StatsGrouping::Provider ||
                         grouping == StatsGrouping::Key;
    const std::string groupField = grouping == StatsGrouping::Key ? "api_key_id" : what;
    if (byValue) header.push_back(groupField);
    header.insert(header.end(), figureNames.begin(), figureNames.end());
    EXPECT_EQ(rows[0], header) << what;
    EXPECT_EQ(figureNames.front(), "requests");

    auto check = [&](const std::vector<std::string>& row, const Poco::JSON::Object::Ptr& figures, const std::string& label) {
      ASSERT_EQ(row.size(), header.size()) << label;
      for (std::size_t c = byValue ? 4 : 3; c < header.size(); ++c) {
        expectSameNumber(row[c], figures->get(header[c]), label + " " + header[c]);
      }
    };
    for (std::size_t i = 0; i < series->size(); ++i) {
      const auto entry = series->getObject(static_cast<unsigned>(i));
      const auto& row = rows[1 + i];
      EXPECT_EQ(row[0], "series");
      if (byValue) {
        EXPECT_EQ(row[1], body->getValue<std::string>("start"));
        EXPECT_EQ(row[2], body->getValue<std::string>("end"));
        const std::string value = entry->isNull(groupField) ? "" : entry->getValue<std::string>(groupField);
        // Text starting with = + - @ is prefixed with ' and otherwise kept.
        const bool formula = !value.empty() && std::string("=+-@").find(value[0]) != std::string::npos;
        EXPECT_EQ(row[3], formula ? "'" + value : value) << what;
      } else {
        EXPECT_EQ(row[1], entry->getValue<std::string>("start"));
        EXPECT_EQ(row[2], entry->getValue<std::string>("end"));
      }
      check(row, entry, what + " row " + std::to_string(i));
    }
    const auto& total = rows.back();
    EXPECT_EQ(total[0], "total");
    EXPECT_EQ(total[1], body->getValue<std::string>("start"));
    EXPECT_EQ(total[2], body->getValue<std::string>("end"));
    if (byValue) {
      EXPECT_EQ(total[3], "");
    }
    check(total, body->getObject("totals"), what + " total");
    EXPECT_EQ(total[byValue ? 4 : 3], std::to_string(records_));  // requests
  }
}

TEST_P(StatsExportTest, CsvNeverStartsACellWithAFormula) {
  const std::string csv = statsCsv(query(StatsGrouping::Model));
  for (const auto& row : parseCsv(csv.substr(3))) {
    for (const auto& cell : row) {
      if (cell.empty()) continue;
      const bool number = cell.find_first_not_of("0123456789.") == std::string::npos;
      EXPECT_TRUE(number || std::string("=+-@\t\r").find(cell[0]) == std::string::npos) << cell;
    }
  }
  // The neutralised cells, as a spreadsheet shows them.
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'-1+2,"), std::string::npos);
  EXPECT_NE(csv.find(",'@SUM(A1),"), std::string::npos);
  EXPECT_NE(csv.find(",\"acme/line\r\nbreak\","), std::string::npos);
  EXPECT_NE(csv.find(",acme/модель,"), std::string::npos);
  // Costs are exact decimals: the formula model's one request cost 12 µ$.
  EXPECT_NE(csv.find(",0.000012,12,"), std::string::npos) << csv;
}

TEST_P(StatsExportTest, JsonExportIsTheAnswerAsADownload) {
  const auto result = query(StatsGrouping::Day);
  const auto download = statsDownload(result, StatsFormat::Json);
  EXPECT_EQ(download.body, json::stringify(json::stats(result)));
  EXPECT_EQ(download.contentType, "application/json");
  EXPECT_EQ(download.fileName, "gaiarouter-stats-org_a-20260921T000000Z-20260921T040000Z.json");
  EXPECT_EQ(download.contentDisposition(),
            "attachment; filename=\"gaiarouter-stats-org_a-20260921T000000Z-20260921T040000Z.json\"");
  const auto body = parseJson(download.body);
  EXPECT_EQ(body->getObject("totals")->getValue<int64_t>("requests"), records_);
  const auto csv = statsDownload(result, StatsFormat::Csv);
  EXPECT_EQ(csv.contentType, "text/csv; charset=utf-8; header=present");
  EXPECT_EQ(csv.fileName, "gaiarouter-stats-org_a-20260921T000000Z-20260921T040000Z.csv");
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsExportTest, ::testing::Values("sqlite", "mysql"));

TEST(StatsCsvTest, TextFieldsAreQuotedAndNeutralised) {
  EXPECT_EQ(csvTextField("plain"), "plain");
  EXPECT_EQ(csvTextField(""), "");
  EXPECT_EQ(csvTextField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvTextField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvTextField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvTextField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csvTextField("=1+1"), "'=1+1");
  EXPECT_EQ(csvTextField("+1"), "'+1");
  EXPECT_EQ(csvTextField("-1"), "'-1");
  EXPECT_EQ(csvTextField("@x"), "'@x");
  EXPECT_EQ(csvTextField("\tx"), "'\tx");
  EXPECT_EQ(csvTextField("=a,b"), "\"'=a,b\"");
  EXPECT_EQ(csvTextField("a=b"), "a=b");
}

TEST(StatsExportNames, GlobalAndKeyScopes) {
  StatsQuery q;
  q.startMs = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
  q.endMs = q.startMs + 7 * 24 * 3'600'000LL;
  EXPECT_EQ(statsFileName(q, "csv"), "gaiarouter-stats-global-20261101T000000Z-20261108T000000Z.csv");
  q.scope = {Kind::ApiKey, "key_Eui9r9r3djr4kUar"};
  EXPECT_EQ(statsFileName(q, "json"), "gaiarouter-stats-key_Eui9r9r3djr4kUar-20261101T000000Z-20261108T000000Z.json");
  q.scope = {Kind::ApiKey, "key_\"../x\r\n"};  // never reaches a header as it is
  EXPECT_EQ(statsFileName(q, "csv"), "gaiarouter-stats-key_x-20261101T000000Z-20261108T000000Z.csv");
}

}  // namespace
}  // namespace gaiarouter
