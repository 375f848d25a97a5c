#pragma once
// The store of decisions and submissions (the tables `rounds`, `round_open_lines`,
// `honour_register`) and their streams in the event log, for RoundService: each function runs in
// the caller's transaction. Stateless; any thread, each with its own session. Database failures
// are Unavailable (Conflict where a concurrent writer won).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "adapters/db/database_url.hpp"
#include "engine/ports/clock.hpp"
#include "engine/rounds.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// The round's stream in the event log: "@decision/ID" or "@submission/ID".
std::string RoundStream(engine::RoundKind kind, const engine::RoundId& id);

// A round as stored, with its stream's length.
struct StoredRound {
  engine::Round round;
  std::int64_t version = 0;
};

// NotFound for an unknown round. With `for_update`, PostgreSQL locks its row until commit.
engine::Result<StoredRound> LoadRound(soci::session& sql, Backend backend,
                                      const engine::RoundId& id, bool for_update);
// Inserts the round (Conflict when the id exists) or writes it over the stored one.
engine::Status SaveRound(soci::session& sql, const engine::Round& round, std::int64_t version,
                         bool insert, engine::Timestamp now);

// What a record of the round's stream carries besides its own payload.
enum class Carries { kRound, kChangeOnly };

// The round's record in its own stream; returns the stream's new length. Drafting, signing and
// answering carry the round whole after the change; adding and removing a dossier carry only
// the change (the line added, the dossier removed), so that a list of many dossiers does not
// write itself again with every line.
engine::Result<std::int64_t> AppendRecord(soci::session& sql, Backend backend,
                                          const engine::Round& round, const std::string& type,
                                          boost::json::object payload, const engine::Actor& actor,
                                          const std::string& request_id, engine::Timestamp now,
                                          Carries carries = Carries::kRound);

// `what` and 22 random characters: a request id no client sends.
std::string UniqueRequestId(const std::string& what);

// The open draft that lists `dossier`, if any.
engine::Result<std::optional<engine::RoundId>> OpenDraftOf(soci::session& sql,
                                                           const engine::DossierId& dossier);

// The next number of the commune's register of honours (sổ vàng): one series that never
// restarts, kept in number_sequences under year 0.
engine::Result<std::int64_t> NextRegisterNumber(soci::session& sql, const std::string& issuer);
// Enters the dossier in the register under `number`, as awarded by the signed `round` on `day`.
engine::Status EnterRegister(soci::session& sql, std::int64_t number,
                             const engine::DossierId& dossier, const engine::Round& round,
                             std::chrono::sys_days day);

}  // namespace tdkt::adapters::db
