#pragma once
// The signed checkpoints of the event log on the command line (docs/audit-format.md, "Signed
// checkpoints"): tdkt audit keygen, checkpoint and prove (audit_checkpoint_command.cpp), and the
// checkpoint part of audit verify (audit_checkpoint_verify.cpp).

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "adapters/cli/commands.hpp"
#include "adapters/db/database_url.hpp"
#include "engine/audit/checkpoint.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::cli {

// The PEM text of the Ed25519 private key in `path` (tdkt audit keygen's), for signing
// checkpoints. InvalidArgument naming the file and what is wrong: unreadable, no Ed25519 key, a
// public key.
engine::Result<std::string> ReadSigningKey(const std::string& path);

// The PEM text of the Ed25519 key (public, or private whose public part is used) in `path`, and
// the checkpoint document in `path`, parsed. InvalidArgument naming the file and what is wrong.
engine::Result<std::string> ReadPublicKey(const std::string& path);
engine::Result<engine::audit::Checkpoint> ReadCheckpoint(const std::string& path);

// Adds keygen, checkpoint and prove under `audit`.
void AddAuditCheckpointCommands(CLI::App& audit, CommandContext& context);

// audit verify [--checkpoint FILE…] --public-key FILE, on an open database (no transaction open
// on `session`): checks each checkpoint's signature and that the log extends it, one line each on
// stdout, and the daily checkpoints kept in the database signed by the key. Returns 0 when the log
// extends every checkpoint, 3 when one is refused or not extended (the report names the first
// records that differ), 2 for an unreadable or invalid file (one line on stderr), 1 when the
// database fails.
int VerifyCheckpoints(soci::session& session, db::Backend backend,
                      const std::vector<std::string>& checkpoint_files,
                      const std::string& public_key_file);

}  // namespace tdkt::adapters::cli
