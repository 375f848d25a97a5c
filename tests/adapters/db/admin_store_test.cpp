// The admin's changes and the administrative stream, on both backends: each change writes its
// record ("@admin") in the same transaction, with who, when, and the object before and after; a
// refused change writes nothing; `tdkt audit verify` checks the stream like a dossier's chain and
// names a record changed or cut from its end.

#include "adapters/db/admin_store.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/event_log_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::adapters::db {
namespace {

using engine::Status;
using engine::StatusCode;

const engine::Timestamp kNow = engine::audit::ParseTimestamp("2024-07-22T01:00:00Z").value();

engine::Actor Admin() {
  engine::Actor actor;
  actor.user = engine::UserId("quan-tri");
  actor.role = engine::Role::kAdmin;
  return actor;
}

class AdminStoreTest : public testing::MigratedDatabaseTest {
 protected:
  // SQLite's pool has one connection: no helper is called while the test holds a session.
  // Runs `work` in a transaction and returns its Status.
  Status Run(const std::function<Status(soci::session&, const AdminStore&)>& work) {
    AdminStore store(db_->backend());
    return RunInTransaction(*db_, [&](soci::session& sql) { return work(sql, store); });
  }

  std::vector<engine::audit::AuditRecord> Stream() {
    auto sql = db_->Acquire();
    auto records = EventLogStore(db_->backend()).ReadDossier(*sql, std::string(kAdminStream));
    EXPECT_TRUE(records.ok());
    return records.ok() ? *records : std::vector<engine::audit::AuditRecord>{};
  }

  long long Head() {
    auto sql = db_->Acquire();
    long long version = 0;
    *sql << "SELECT version FROM stream_heads WHERE stream_id = '@admin'", soci::into(version);
    return version;
  }

  UnitRecord Unit(const std::string& id, std::optional<std::string> parent = std::nullopt) {
    UnitRecord unit;
    unit.id = id;
    unit.name = "Thôn " + id;
    unit.kind = "village";
    unit.parent = std::move(parent);
    return unit;
  }

  UserRecord User(const std::string& id, engine::Role role,
                  std::optional<std::string> unit = std::nullopt) {
    UserRecord user;
    user.id = id;
    user.name = "Người " + id;
    user.role = role;
    user.unit = std::move(unit);
    return user;
  }
};

TEST_P(AdminStoreTest, UnitChangesAreRecordedWithBeforeAndAfter) {
  ASSERT_OK(Run([](soci::session& sql, const AdminStore& s) {
    return s.AddUnit(sql, UnitRecord{"xa", "UBND xã", "agency", {}, {}, {}, false}, Admin(), kNow)
        .status();
  }));
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.AddUnit(sql, Unit("thon-1", "xa"), Admin(), kNow).status();
  }));
  UnitChange rename;
  rename.name = "Thôn Lang Sung";
  rename.retired = true;
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.ChangeUnit(sql, "thon-1", rename, Admin(), kNow).status();
  }));

  {
    auto sql = db_->Acquire();
    auto units = DirectoryStore(db_->backend()).ListUnits(*sql);
    ASSERT_TRUE(units.ok());
    ASSERT_EQ(units->size(), 2u);
    EXPECT_EQ((*units)[0].id, "thon-1");
    EXPECT_EQ((*units)[0].name, "Thôn Lang Sung");
    EXPECT_EQ((*units)[0].parent, std::optional<std::string>("xa"));
    EXPECT_TRUE((*units)[0].retired);
  }
  auto stream = Stream();
  ASSERT_EQ(stream.size(), 3u);
  EXPECT_EQ(stream[0].event_type, "unit_add");
  EXPECT_EQ(stream[2].event_type, "unit_change");
  EXPECT_EQ(stream[2].actor_id, "quan-tri");
  EXPECT_EQ(stream[2].actor_role, "admin");
  EXPECT_EQ(stream[2].occurred_at, "2024-07-22T01:00:00Z");
  const auto& payload = stream[2].payload.as_object();
  EXPECT_EQ(payload.at("target").as_string(), "thon-1");
  EXPECT_EQ(payload.at("before").at("name").as_string(), "Thôn thon-1");
  EXPECT_EQ(payload.at("before").at("retired").as_bool(), false);
  EXPECT_EQ(payload.at("after").at("name").as_string(), "Thôn Lang Sung");
  EXPECT_EQ(payload.at("after").at("retired").as_bool(), true);
  EXPECT_TRUE(stream[0].payload.at("before").is_null());
  EXPECT_EQ(engine::audit::VerifyChain(stream, Head()), std::nullopt);
  EXPECT_EQ(Head(), 3);
}

TEST_P(AdminStoreTest, RefusedChangesWriteNothing) {
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.AddUnit(sql, Unit("xa"), Admin(), kNow).status();
  }));
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.AddUnit(sql, Unit("thon-1", "xa"), Admin(), kNow).status();
  }));
  auto refused = [&](const std::function<Status(soci::session&, const AdminStore&)>& work) {
    return Run(work).code();
  };
  EXPECT_EQ(refused([&](soci::session& sql, const AdminStore& s) {
              return s.AddUnit(sql, Unit("xa"), Admin(), kNow).status();
            }),
            StatusCode::kConflict);
  EXPECT_EQ(refused([&](soci::session& sql, const AdminStore& s) {
              return s.AddUnit(sql, Unit("thon-2", "nowhere"), Admin(), kNow).status();
            }),
            StatusCode::kInvalidArgument);
  UnitChange cycle;
  cycle.parent = "thon-1";
  EXPECT_EQ(refused([&](soci::session& sql, const AdminStore& s) {
              return s.ChangeUnit(sql, "xa", cycle, Admin(), kNow).status();
            }),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(refused([&](soci::session& sql, const AdminStore& s) {
              return s.ChangeUnit(sql, "thon-9", UnitChange{}, Admin(), kNow).status();
            }),
            StatusCode::kNotFound);
  EXPECT_EQ(refused([&](soci::session& sql, const AdminStore& s) {
              return s.AddUser(sql, User("cb", engine::Role::kUnitOfficer), Admin(), kNow).status();
            }),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Stream().size(), 2u);
  EXPECT_EQ(Head(), 2);
}

TEST_P(AdminStoreTest, UsersTokensAndTheLastAdmin) {
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.AddUnit(sql, Unit("thon-1"), Admin(), kNow).status();
  }));
  std::string admin_token;
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    auto token = s.Init(sql, User("quan-tri", engine::Role::kAdmin), Admin(), kNow);
    if (token.ok()) admin_token = *token;
    return token.status();
  }));
  EXPECT_EQ(Run([&](soci::session& sql, const AdminStore& s) {
              return s.Init(sql, User("quan-tri-2", engine::Role::kAdmin), Admin(), kNow).status();
            }).code(),
            StatusCode::kConflict);
  std::string token;
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    auto added = s.AddUser(sql, User("cb", engine::Role::kUnitOfficer, "thon-1"), Admin(), kNow);
    if (!added.ok()) return added.status();
    auto issued = s.IssueToken(sql, "cb", Admin(), kNow);
    if (issued.ok()) token = *issued;
    return issued.status();
  }));
  DirectoryStore directory(db_->backend());
  {
    auto sql = db_->Acquire();
    auto found = directory.FindByToken(*sql, token);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->id, "cb");
    EXPECT_FALSE(found->last_used_at);
    ASSERT_OK(directory.NoteTokenUse(*sql, *found, kNow));
    auto used = directory.FindByToken(*sql, token);
    EXPECT_EQ(used->last_used_at, std::optional<std::string>("2024-07-22T01:00:00Z"));
    // Within the minute the use is not written again; after it, it is.
    ASSERT_OK(directory.NoteTokenUse(*sql, *used, kNow + std::chrono::seconds(30)));
    EXPECT_EQ(directory.FindByToken(*sql, token)->last_used_at, used->last_used_at);
    ASSERT_OK(directory.NoteTokenUse(*sql, *used, kNow + std::chrono::seconds(90)));
    EXPECT_EQ(directory.FindByToken(*sql, token)->last_used_at,
              std::optional<std::string>("2024-07-22T01:01:30Z"));
    auto holders = AdminStore(db_->backend()).ListTokens(*sql);
    ASSERT_TRUE(holders.ok());
    ASSERT_EQ(holders->size(), 2u);
    EXPECT_EQ((*holders)[0].id, "cb");
    EXPECT_EQ((*holders)[0].token_issued_at, std::optional<std::string>("2024-07-22T01:00:00Z"));
  }
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.RevokeToken(sql, "cb", Admin(), kNow);
  }));
  {
    auto sql = db_->Acquire();
    EXPECT_EQ(directory.FindByToken(*sql, token).status().code(), StatusCode::kNotFound);
    EXPECT_TRUE(directory.FindByToken(*sql, admin_token).ok());
  }
  // The only admin may be neither disabled nor demoted; a second one makes it possible.
  UserChange disable;
  disable.active = false;
  EXPECT_EQ(Run([&](soci::session& sql, const AdminStore& s) {
              return s.ChangeUser(sql, "quan-tri", disable, Admin(), kNow).status();
            }).code(),
            StatusCode::kConflict);
  UserChange promote;
  promote.role = engine::Role::kAdmin;
  promote.unit = std::optional<std::string>();
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.ChangeUser(sql, "cb", promote, Admin(), kNow).status();
  }));
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.ChangeUser(sql, "quan-tri", disable, Admin(), kNow).status();
  }));
  {
    auto sql = db_->Acquire();
    EXPECT_EQ(directory.FindByToken(*sql, admin_token).status().code(), StatusCode::kNotFound);
  }
  std::vector<std::string> types;
  for (const auto& r : Stream()) {
    types.push_back(r.event_type);
    // No record holds a token or its digest.
    EXPECT_EQ(boost::json::serialize(r.payload).find("tdkt_"), std::string::npos);
  }
  EXPECT_EQ(types, (std::vector<std::string>{"unit_add", "user_add", "token_issue", "user_add",
                                             "token_issue", "token_revoke", "user_change",
                                             "user_change"}));
}

TEST_P(AdminStoreTest, TheCommunesSettingsAreRecorded) {
  {
    auto sql = db_->Acquire();
    EXPECT_EQ(AdminStore(db_->backend()).LoadCommune(*sql).status().code(), StatusCode::kNotFound);
  }
  engine::CommuneSettings settings{"UBND xã Bình Lương", "Thanh Hóa", "UBND", "Lê Văn Bình",
                                   "Chủ tịch"};
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.SetCommune(sql, settings, Admin(), kNow);
  }));
  settings.chairman_name = "Hà Văn Minh";
  ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
    return s.SetCommune(sql, settings, Admin(), kNow);
  }));
  settings.issuer_symbol = "UB/ND";
  EXPECT_EQ(Run([&](soci::session& sql, const AdminStore& s) {
              return s.SetCommune(sql, settings, Admin(), kNow);
            }).code(),
            StatusCode::kInvalidArgument);
  {
    auto sql = db_->Acquire();
    auto stored = AdminStore(db_->backend()).LoadCommune(*sql);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->chairman_name, "Hà Văn Minh");
    EXPECT_EQ(stored->issuer_symbol, "UBND");
  }
  auto stream = Stream();
  ASSERT_EQ(stream.size(), 2u);
  EXPECT_EQ(stream[1].payload.at("before").at("chairman_name").as_string(), "Lê Văn Bình");
  EXPECT_EQ(stream[1].payload.at("after").at("chairman_name").as_string(), "Hà Văn Minh");
}

TEST_P(AdminStoreTest, AuditVerifyChecksTheStreamAndNamesTampering) {
  for (const char* id : {"thon-1", "thon-2", "thon-3"}) {
    ASSERT_OK(Run([&](soci::session& sql, const AdminStore& s) {
      return s.AddUnit(sql, Unit(id), Admin(), kNow).status();
    }));
  }
  AppendEvents({"D-1"}, 2);
  auto verify = [&] {
    return testing::RunToCompletion({TDKT_BINARY, "audit", "verify", "--db", url()});
  };
  auto intact = verify();
  EXPECT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_EQ(intact.out, "audit chain intact: 5 records in 2 dossiers verified\n");
  auto alone = testing::RunToCompletion(
      {TDKT_BINARY, "audit", "verify", "--db", url(), "--dossier", "@admin"});
  EXPECT_EQ(alone.out, "audit chain intact: 3 records in 1 dossier verified\n") << alone.err;

  auto sql = db_->Acquire();
  if (GetParam() == testing::Backend::kPostgresql) {
    *sql << "ALTER TABLE event_log DISABLE TRIGGER ALL";
  } else {
    *sql << "DROP TRIGGER IF EXISTS event_log_no_update";
    *sql << "DROP TRIGGER IF EXISTS event_log_no_delete";
  }
  // Someone hides the last change: the stream's head says it had three records.
  *sql << "DELETE FROM event_log WHERE dossier_id = '@admin' AND dossier_seq = 3";
  auto cut = verify();
  EXPECT_EQ(cut.exit_code, 3) << cut.out << cut.err;
  EXPECT_NE(cut.out.find("audit chain broken: missing: dossier @admin"), std::string::npos)
      << cut.out;
  // Someone rewrites what a change was.
  *sql << "UPDATE event_log SET payload = '{\"target\":\"thon-9\",\"before\":null,\"after\":null}'"
          " WHERE dossier_id = '@admin' AND dossier_seq = 2";
  auto changed = verify();
  EXPECT_EQ(changed.exit_code, 3);
  EXPECT_NE(changed.out.find("audit chain broken: changed: record seq 2 (dossier @admin, "
                             "dossier_seq 2)"),
            std::string::npos)
      << changed.out;
}

TDKT_ON_BOTH_BACKENDS(AdminStoreTest);

}  // namespace
}  // namespace tdkt::adapters::db
