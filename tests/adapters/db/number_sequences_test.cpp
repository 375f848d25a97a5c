#include "adapters/db/number_sequences.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include "adapters/db/transaction.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

const NumberSeries kDecisions2024{"UBND", 2024, "QĐ"};

class NumberSequencesTest : public testing::MigratedDatabaseTest {
 protected:
  // Takes one number in its own transaction.
  DocumentNumber Take(const NumberSeries& series) {
    DocumentNumber number;
    engine::Status status = RunInTransaction(*db_, [&](soci::session& sql) {
      auto next = NumberSequences().Next(sql, series);
      if (!next.ok()) return next.status();
      number = *next;
      return engine::Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return number;
  }
};

TEST(DocumentNumberFormat, TwoDigitsAtLeastThenSeriesAndIssuer) {
  EXPECT_EQ(FormatDocumentNumber(1, kDecisions2024), "01/QĐ-UBND");
  EXPECT_EQ(FormatDocumentNumber(15, kDecisions2024), "15/QĐ-UBND");
  EXPECT_EQ(FormatDocumentNumber(123, NumberSeries{"HĐTĐKT", 2024, "BB"}), "123/BB-HĐTĐKT");
}

TEST_P(NumberSequencesTest, FollowsOnWithinASeriesAndRestartsAt01EachYear) {
  EXPECT_EQ(Take(kDecisions2024).text, "01/QĐ-UBND");
  EXPECT_EQ(Take(kDecisions2024).text, "02/QĐ-UBND");
  EXPECT_EQ(Take(NumberSeries{"UBND", 2024, "TTr"}).text, "01/TTr-UBND");
  EXPECT_EQ(Take(kDecisions2024).text, "03/QĐ-UBND");
  EXPECT_EQ(Take(NumberSeries{"UBND", 2025, "QĐ"}).text, "01/QĐ-UBND");
  EXPECT_EQ(Take(NumberSeries{"HĐTĐKT", 2024, "BB"}).text, "01/BB-HĐTĐKT");
  auto sql = db_->Acquire();
  EXPECT_EQ(NumberSequences().Last(*sql, kDecisions2024).value(), 3);
  EXPECT_EQ(NumberSequences().Last(*sql, NumberSeries{"UBND", 2026, "QĐ"}).value(), 0);
}

TEST_P(NumberSequencesTest, ANumberTakenInARolledBackTransactionIsNotSkipped) {
  EXPECT_EQ(Take(kDecisions2024).value, 1);
  {
    auto sql = db_->Acquire();
    auto tx = Transaction::Begin(*sql, db_->backend());
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(NumberSequences().Next(*sql, kDecisions2024).value().value, 2);
    tx->Rollback();
  }
  EXPECT_EQ(Take(kDecisions2024).value, 2);
}

TEST_P(NumberSequencesTest, RefusesAnEmptySeries) {
  auto sql = db_->Acquire();
  EXPECT_EQ(NumberSequences().Next(*sql, NumberSeries{"", 2024, "QĐ"}).status().code(),
            engine::StatusCode::kInvalidArgument);
}

TEST_P(NumberSequencesTest, EightConcurrentWritersGetGaplessUniqueNumbers) {
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::mutex mutex;
  std::vector<std::int64_t> taken;
  std::vector<engine::Status> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto db = Open(1);  // each writer has its own connection
      if (!db) return;
      for (int n = 0; n < kEach; ++n) {
        std::int64_t value = 0;
        engine::Status status = RunInTransaction(
            *db,
            [&](soci::session& sql) {
              auto next = NumberSequences().Next(sql, kDecisions2024);
              if (!next.ok()) return next.status();
              value = next->value;
              return engine::Status::Ok();
            },
            50);
        if (!status.ok()) {
          failures[t] = status;
          return;
        }
        std::lock_guard lock(mutex);
        taken.push_back(value);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) EXPECT_TRUE(failure.ok()) << failure.ToString();
  std::sort(taken.begin(), taken.end());
  ASSERT_EQ(taken.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < taken.size(); ++i) {
    ASSERT_EQ(taken[i], static_cast<std::int64_t>(i + 1)) << "a number was skipped or repeated";
  }
}

TDKT_ON_BOTH_BACKENDS(NumberSequencesTest);

}  // namespace
}  // namespace tdkt::adapters::db
