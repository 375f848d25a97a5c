#include "adapters/db/write_batch.hpp"

#include <soci/soci.h>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {
namespace {

// `text` with each `?` replaced by a SOCI placeholder of its own (:p0, :p1, …), numbered from
// `next`, which is advanced.
std::string Placeholders(const std::string& text, int& next) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    if (c == '?') {
      out += ":p" + std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Backend BackendOf(soci::session& sql) {
  return sql.get_backend_name() == "postgresql" ? Backend::kPostgresql : Backend::kSqlite;
}

void WriteBatch::Add(std::string statement, std::vector<Value> values, std::string context,
                     std::optional<long long> expect_rows, std::string mismatch) {
  if (!failed_.ok()) return;
  pending_.push_back(Pending{std::move(statement), std::move(values), std::move(context),
                             expect_rows, std::move(mismatch)});
  if (backend_ == Backend::kSqlite) failed_ = Run(pending_);
}

engine::Status WriteBatch::Flush() {
  if (failed_.ok() && !pending_.empty()) failed_ = Run(pending_);
  return failed_;
}

engine::Status WriteBatch::Run(std::vector<Pending>& pending) {
  std::vector<Pending> running;
  running.swap(pending);
  // The statements as they go: each a list of queued statements, several only for INSERTs of the
  // same text, which become one multi-row INSERT (rows in the order queued, so that ids drawn
  // from an identity column follow it: the clauses of a WITH run in no set order).
  std::vector<std::vector<std::size_t>> units;
  {
    std::vector<std::pair<const std::string*, std::size_t>> inserts;  // text → unit
    for (std::size_t i = 0; i < running.size(); ++i) {
      const Pending& p = running[i];
      const bool mergeable = running.size() > 1 && !p.expect_rows &&
                             p.statement.rfind("INSERT INTO ", 0) == 0 &&
                             p.statement.find(" VALUES (") != std::string::npos;
      bool merged = false;
      if (mergeable) {
        for (const auto& [text, unit] : inserts) {
          if (*text == p.statement) {
            units[unit].push_back(i);
            merged = true;
            break;
          }
        }
        if (!merged) inserts.emplace_back(&p.statement, units.size());
      }
      if (!merged) units.push_back({i});
    }
  }
  std::string query;
  int next = 0;
  std::vector<std::size_t> checked;  // the units whose row count is checked (single statements)
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (running[units[u].front()].expect_rows) checked.push_back(u);
  }
  // The text of unit `u`, its placeholders numbered on.
  auto unit_text = [&](std::size_t u) {
    const std::vector<std::size_t>& members = units[u];
    const std::string& statement = running[members.front()].statement;
    if (members.size() == 1) return Placeholders(statement, next);
    const std::size_t open = statement.find(" VALUES (") + 8;
    const std::size_t close = statement.find(')', open);
    const std::string row = statement.substr(open, close + 1 - open);
    std::string text = Placeholders(statement.substr(0, open), next);
    for (std::size_t m = 0; m < members.size(); ++m) {
      text += (m == 0 ? "" : ", ") + Placeholders(row, next);
    }
    return text + Placeholders(statement.substr(close + 1), next);
  };
  // One statement (always so on SQLite) runs as it is; several become one WITH statement whose
  // result is the row counts asked for.
  const bool single = units.size() == 1;
  if (single) {
    query = unit_text(0);
  } else {
    query = "WITH ";
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (u > 0) query += ", ";
      query += "w" + std::to_string(u) + " AS (" + unit_text(u) +
               (running[units[u].front()].expect_rows ? " RETURNING 1)" : ")");
    }
    query += " SELECT ";
    if (checked.empty()) query += "1";
    for (std::size_t k = 0; k < checked.size(); ++k) {
      if (k > 0) query += ", ";
      query += "(SELECT COUNT(*) FROM w" + std::to_string(checked[k]) + ")";
    }
  }
  // SOCI binds by reference: the values live here until the statement has run.
  std::deque<std::string> texts;
  std::deque<long long> numbers;
  std::deque<soci::indicator> indicators;
  std::vector<long long> counts(checked.size());
  long long unused = 0;
  try {
    soci::statement st(sql_);
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    for (const auto& members : units) {
      for (std::size_t i : members) {
        for (auto& value : running[i].values) {
          if (auto* text = std::get_if<std::string>(&value)) {
            texts.push_back(std::move(*text));
            indicators.push_back(soci::i_ok);
            st.exchange(soci::use(texts.back(), indicators.back()));
          } else if (auto* number = std::get_if<long long>(&value)) {
            numbers.push_back(*number);
            st.exchange(soci::use(numbers.back()));
          } else {
            texts.emplace_back();
            indicators.push_back(soci::i_null);
            st.exchange(soci::use(texts.back(), indicators.back()));
          }
        }
      }
    }
    if (!single) {
      if (checked.empty()) st.exchange(soci::into(unused));
      for (auto& count : counts) st.exchange(soci::into(count));
    }
    st.define_and_bind();
    st.execute(true);
    ++executions_;
    if (single && !checked.empty()) counts[0] = st.get_affected_rows();
  } catch (const soci::soci_error& e) {
    std::string context;
    for (const auto& p : running) {
      if (!context.empty()) context += "; ";
      context += p.context;
    }
    return StatusFromSqlError(e, "cannot " + context);
  }
  for (std::size_t k = 0; k < checked.size(); ++k) {
    const Pending& p = running[units[checked[k]].front()];
    if (counts[k] != *p.expect_rows) return engine::Status::Conflict(p.mismatch);
  }
  return engine::Status::Ok();
}

}  // namespace tdkt::adapters::db
