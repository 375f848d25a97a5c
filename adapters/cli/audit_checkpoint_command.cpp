// tdkt audit keygen | checkpoint | prove: the Ed25519-signed checkpoints of the event log's RFC
// 9162 Merkle tree (docs/audit-format.md, "Signed checkpoints"); audit verify's --checkpoint is
// audit_checkpoint_verify.cpp.
//
// Exit codes: 0 done / the log extends every checkpoint; 1 the database could not be read; 2 bad
// input (a missing or invalid key or checkpoint file, a record the checkpoint does not cover);
// 3 a checkpoint refused (forged, another key) or not extended by the log.

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "adapters/cli/audit_checkpoint.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/settled_log.hpp"
#include "adapters/scheduler/system_clock.hpp"
#include "engine/audit/canonical_json.hpp"
#include "engine/audit/checkpoint.hpp"
#include "engine/audit/ed25519.hpp"

namespace tdkt::adapters::cli {
namespace {

using engine::audit::Checkpoint;

constexpr int kEventLogSchemaVersion = 2;
constexpr int kRefusedExitCode = 3;
// No key or checkpoint is near this; a larger file is not one.
constexpr std::size_t kMaxInputFile = 64 * 1024;

engine::Result<std::string> ReadSmallFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return engine::Status::InvalidArgument("cannot read the " + what + " " + path + ": " +
                                           std::strerror(errno));
  }
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputFile) {
      return engine::Status::InvalidArgument("the " + what + " " + path + " is larger than " +
                                             std::to_string(kMaxInputFile) +
                                             " bytes: it is not one");
    }
  }
  if (in.bad()) return engine::Status::InvalidArgument("cannot read the " + what + " " + path);
  return text;
}

engine::Result<Checkpoint> ReadCheckpointFile(const std::string& path) {
  auto text = ReadSmallFile(path, "checkpoint");
  if (!text.ok()) return text.status();
  auto checkpoint = engine::audit::ParseCheckpoint(*text);
  if (!checkpoint.ok()) {
    return engine::Status::InvalidArgument("the checkpoint " + path +
                                           " is not valid: " + checkpoint.status().message());
  }
  return checkpoint;
}

// The PEM text of the Ed25519 key in `path`: a private key when `private_key`, else either.
engine::Result<std::string> ReadKeyFile(const std::string& path, bool private_key) {
  const std::string what = private_key ? "private key" : "public key";
  auto text = ReadSmallFile(path, what);
  if (!text.ok()) return text.status();
  if (auto key = engine::audit::Ed25519PublicKey(*text); !key.ok()) {
    return engine::Status::InvalidArgument("the " + what + " " + path +
                                           " holds no Ed25519 key: " + key.status().message());
  }
  if (private_key && text->find("PRIVATE KEY-----") == std::string::npos) {
    return engine::Status::InvalidArgument(
        "the key " + path +
        " is a public key: a checkpoint is signed with the private key tdkt audit keygen wrote");
  }
  return text;
}

std::string Pem(EVP_PKEY* key, bool private_key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  const int written =
      private_key ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                  : PEM_write_bio_PUBKEY(bio.get(), key);
  if (written != 1) return "";
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

// Writes `text` to a new file `path` with `mode`; never replaces an existing file.
engine::Status WriteNewFile(const std::string& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return engine::Status::InvalidArgument(
        "cannot create " + path + ": " + std::strerror(errno) +
        (errno == EEXIST ? " (tdkt audit keygen never replaces a key)" : ""));
  }
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!ok || !closed) return engine::Status::Unavailable("cannot write " + path);
  return engine::Status::Ok();
}

void Keygen(const std::string& out, CommandContext& context) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free);
  const std::string private_pem = key ? Pem(key.get(), true) : "";
  const std::string public_pem = key ? Pem(key.get(), false) : "";
  if (private_pem.empty() || public_pem.empty()) {
    context.exit_code = Fail(1, "libcrypto could not make an Ed25519 key");
    return;
  }
  const std::string public_path = out + ".pub";
  // Neither file may exist: checked for both before either is written.
  for (const std::string& path : {out, public_path}) {
    if (::access(path.c_str(), F_OK) == 0) {
      context.exit_code =
          Fail(2, path + " exists: tdkt audit keygen never replaces a key (choose another --out)");
      return;
    }
  }
  engine::Status written = WriteNewFile(out, private_pem, 0600);
  if (written.ok()) written = WriteNewFile(public_path, public_pem, 0644);
  if (!written.ok()) {
    context.exit_code = Fail(ExitCodeOf(written), written.message());
    return;
  }
  auto raw = engine::audit::Ed25519PublicKey(public_pem);
  std::cout << "Ed25519 key " << engine::audit::KeyId(*raw) << " written: " << out
            << " (private: signs checkpoints; keep it off the database server's backups) and "
            << public_path << " (public: give it to the auditor)" << std::endl;
  context.exit_code = 0;
}

struct CheckpointOptions {
  DatabaseFlags database;
  std::string key_file;
  std::string out_file;
};

void TakeCheckpointCommand(const CheckpointOptions& options, CommandContext& context) {
  auto key = ReadKeyFile(options.key_file, true);
  if (!key.ok()) {
    context.exit_code = Fail(2, key.status().message());
    return;
  }
  auto database =
      OpenConfiguredDatabase(options.database, kEventLogSchemaVersion, context.exit_code);
  if (!database) return;
  auto session = database->Acquire();
  scheduler::SystemClock clock;
  auto checkpoint = db::TakeCheckpoint(*session, database->backend(), *key, clock.Now());
  if (!checkpoint.ok()) {
    context.exit_code = Fail(ExitCodeOf(checkpoint.status()), checkpoint.status().message());
    return;
  }
  const std::string text = engine::audit::FormatCheckpoint(*checkpoint);
  if (options.out_file.empty()) {
    std::cout << text << std::flush;
  } else {
    std::ofstream out(options.out_file, std::ios::binary | std::ios::trunc);
    if (!(out << text) || !out.flush()) {
      context.exit_code = Fail(1, "cannot write the checkpoint to " + options.out_file);
      return;
    }
  }
  context.exit_code = 0;
}

// Whether the first checkpoint.size leaves of `leaves` hash to its root.
bool Covers(const engine::audit::LogLeaves& leaves, const Checkpoint& checkpoint) {
  return checkpoint.size <= leaves.hashes.size() &&
         engine::audit::TreeHash(std::span(leaves.hashes).first(checkpoint.size)) ==
             checkpoint.root;
}

boost::json::array HexArray(const std::vector<engine::audit::MerkleHash>& hashes) {
  boost::json::array out;
  for (const auto& hash : hashes) out.emplace_back(engine::audit::MerkleHex(hash));
  return out;
}

struct ProveOptions {
  DatabaseFlags database;
  long long record = -1;
  std::string checkpoint_file;
  std::string to_file;
};

void Prove(const ProveOptions& options, CommandContext& context) {
  if ((options.record >= 0) == !options.to_file.empty()) {
    context.exit_code = Fail(2,
                             "give either --record SEQ (an inclusion proof) or --to FILE (a "
                             "consistency proof to a later checkpoint)");
    return;
  }
  auto checkpoint = ReadCheckpointFile(options.checkpoint_file);
  if (!checkpoint.ok()) {
    context.exit_code = Fail(2, checkpoint.status().message());
    return;
  }
  std::optional<Checkpoint> later;
  if (!options.to_file.empty()) {
    auto to = ReadCheckpointFile(options.to_file);
    if (!to.ok()) {
      context.exit_code = Fail(2, to.status().message());
      return;
    }
    if (to->size < checkpoint->size) {
      context.exit_code =
          Fail(2, "the checkpoint " + options.to_file + " (" + std::to_string(to->size) +
                      " records) is older than " + options.checkpoint_file + " (" +
                      std::to_string(checkpoint->size) + ")");
      return;
    }
    later = *to;
  }
  auto database =
      OpenConfiguredDatabase(options.database, kEventLogSchemaVersion, context.exit_code);
  if (!database) return;
  auto session = database->Acquire();
  db::SettledLog log(database->backend());
  auto settled = log.SettledSeq(*session);
  if (!settled.ok()) {
    context.exit_code = Fail(ExitCodeOf(settled.status()), settled.status().message());
    return;
  }
  std::optional<boost::json::object> record;
  auto leaves = log.Leaves(*session, *settled, [&](const engine::audit::AuditRecord& r) {
    if (r.seq == options.record) record = engine::audit::RecordObjectWithHash(r);
  });
  if (!leaves.ok()) {
    context.exit_code = Fail(ExitCodeOf(leaves.status()), leaves.status().message());
    return;
  }
  for (const auto& [file, held] : {std::pair{options.checkpoint_file, *checkpoint},
                                   std::pair{options.to_file, later.value_or(*checkpoint)}}) {
    if (!Covers(*leaves, held)) {
      context.exit_code = Fail(kRefusedExitCode, "the log does not extend the checkpoint " + file +
                                                     " (tdkt audit verify --checkpoint tells "
                                                     "how): there is no proof from it");
      return;
    }
  }
  const auto covered = std::span(leaves->hashes).first(checkpoint->size);
  boost::json::object proof;
  if (later) {
    proof["first"] = engine::audit::FormatCheckpoint(*checkpoint);
    proof["second"] = engine::audit::FormatCheckpoint(*later);
    auto path = engine::audit::ConsistencyProof(std::span(leaves->hashes).first(later->size),
                                                checkpoint->size);
    proof["consistency_path"] = HexArray(*path);
  } else {
    const auto at = std::find(leaves->seqs.begin(), leaves->seqs.end(), options.record);
    if (at == leaves->seqs.end()) {
      context.exit_code =
          Fail(2, "there is no record seq " + std::to_string(options.record) + " in the log");
      return;
    }
    const auto index = static_cast<std::uint64_t>(at - leaves->seqs.begin());
    if (index >= checkpoint->size) {
      context.exit_code =
          Fail(2, "record seq " + std::to_string(options.record) + " came after the checkpoint " +
                      options.checkpoint_file + " (its " + std::to_string(checkpoint->size) +
                      " records end at seq " + std::to_string(checkpoint->last_seq) +
                      "): prove it against a later checkpoint");
      return;
    }
    proof["checkpoint"] = engine::audit::FormatCheckpoint(*checkpoint);
    proof["leaf_index"] = index;
    proof["tree_size"] = checkpoint->size;
    proof["record"] = *record;
    proof["inclusion_path"] = HexArray(*engine::audit::InclusionProof(covered, index));
  }
  auto text = engine::audit::CanonicalJson(proof);
  if (!text.ok()) {
    context.exit_code = Fail(2, text.status().message());
    return;
  }
  std::cout << *text << std::endl;
  context.exit_code = 0;
}

}  // namespace

engine::Result<std::string> ReadSigningKey(const std::string& path) {
  return ReadKeyFile(path, true);
}

engine::Result<std::string> ReadPublicKey(const std::string& path) {
  return ReadKeyFile(path, false);
}

engine::Result<engine::audit::Checkpoint> ReadCheckpoint(const std::string& path) {
  return ReadCheckpointFile(path);
}

void AddAuditCheckpointCommands(CLI::App& audit, CommandContext& context) {
  auto* keygen = audit.add_subcommand(
      "keygen", "Make an Ed25519 key pair for signing checkpoints: FILE (private) and FILE.pub");
  auto keygen_out = std::make_shared<std::string>();
  keygen->add_option("--out", *keygen_out, "The private key's file; the public key goes to .pub")
      ->required();
  keygen->callback([keygen_out, &context] { Keygen(*keygen_out, context); });

  auto* checkpoint = audit.add_subcommand(
      "checkpoint",
      "Sign a checkpoint of the whole event log (size, RFC 9162 Merkle root, time) with --key");
  auto checkpoint_options = std::make_shared<CheckpointOptions>();
  AddDatabaseFlags(checkpoint, checkpoint_options->database);
  checkpoint->add_option("--key", checkpoint_options->key_file, "The private key (audit keygen)")
      ->required();
  checkpoint->add_option("--out", checkpoint_options->out_file,
                         "Write the checkpoint to this file instead of stdout");
  checkpoint->callback(
      [checkpoint_options, &context] { TakeCheckpointCommand(*checkpoint_options, context); });

  auto* prove = audit.add_subcommand(
      "prove",
      "Print, as JSON, the proof that a record is in a checkpoint (--record SEQ) or that a later "
      "checkpoint extends it (--to FILE), for the auditor to check alone");
  auto prove_options = std::make_shared<ProveOptions>();
  AddDatabaseFlags(prove, prove_options->database);
  prove->add_option("--checkpoint", prove_options->checkpoint_file, "The checkpoint")->required();
  prove->add_option("--record", prove_options->record, "The record's seq")
      ->check(CLI::NonNegativeNumber);
  prove->add_option("--to", prove_options->to_file, "A later checkpoint");
  prove->callback([prove_options, &context] { Prove(*prove_options, context); });
}

}  // namespace tdkt::adapters::cli
