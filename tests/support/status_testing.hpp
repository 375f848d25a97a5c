#pragma once
// GoogleTest helpers for Status and Result<T>: ASSERT_OK / EXPECT_OK print the refusal's message.
// Test-only; no thread-safety concerns.

#include <gtest/gtest.h>

#include "engine/status.hpp"

namespace tdkt::testing {

inline engine::Status StatusOf(const engine::Status& status) { return status; }
template <typename T>
engine::Status StatusOf(const engine::Result<T>& result) {
  return result.status();
}

}  // namespace tdkt::testing

// Each evaluates `expr` once.
#define EXPECT_OK(expr)                                                         \
  do {                                                                          \
    const ::tdkt::engine::Status tdkt_status = ::tdkt::testing::StatusOf(expr); \
    EXPECT_TRUE(tdkt_status.ok()) << tdkt_status.ToString();                    \
  } while (false)
#define ASSERT_OK(expr)                                                         \
  do {                                                                          \
    const ::tdkt::engine::Status tdkt_status = ::tdkt::testing::StatusOf(expr); \
    ASSERT_TRUE(tdkt_status.ok()) << tdkt_status.ToString();                    \
  } while (false)
