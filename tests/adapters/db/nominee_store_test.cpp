// The nominee register on both backends: registering and its duplicate rule, the citizen
// identity number per role, drafts that refer to registered nominees, "one achievement, one
// award" on identity, search without diacritics, the history across two campaigns, and the
// migration that links the dossiers drafted before the register.

#include "adapters/db/nominee_store.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/apply_service.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/codec/command_json.hpp"
#include "tests/adapters/support/apply_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

using namespace engine;
using namespace testing::lifecycle_detail;
using std::chrono::sys_days;
using std::chrono::year;

class Nominees : public testing::LifecycleApplyTest {
 protected:
  RegisteredNominee Chuong() const {
    RegisteredNominee n;
    n.kind = NomineeKind::kIndividual;
    n.name = "Lò Văn Chương";
    n.unit = UnitId("thon-1");
    n.direct_worker = true;
    n.gender = Gender::kMale;
    n.date_of_birth = sys_days(year(1978) / 3 / 12);
    n.position = "Trưởng thôn";
    n.citizen_id = "038078001234";
    return n;
  }

  Result<RegisterOutcome> Register(const RegisteredNominee& n, const Actor& actor) {
    std::optional<RegisterOutcome> out;
    Status status = RunInTransaction(*db_, [&](soci::session& sql) {
      auto r = NomineeStore(db_->backend()).Register(sql, n, actor, now_);
      if (!r.ok()) return r.status();
      out = std::move(*r);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  NewDossier DraftFor(const std::string& id, const std::string& nominee,
                      const char* campaign = "binh-luong-75") {
    NewDossier d;
    d.id = DossierId(id);
    d.campaign = CampaignId(campaign);
    d.unit = UnitId("thon-1");
    d.nominee.id = NomineeId(nominee);
    d.award = AwardId("giay_khen_xa");
    d.achievement_summary = "Hoàn thành xuất sắc nhiệm vụ";
    return d;
  }

  void SaveCampaign2026() {
    Campaign c;
    c.id = CampaignId("binh-luong-2026");
    c.name = "Thi đua năm 2026";
    c.allowed_awards = {AwardId("giay_khen_xa")};
    c.nomination_cutoff = sys_days(year(2026) / 11 / 30);
    auto sql = db_->Acquire();
    ASSERT_TRUE(DossierStore(db_->backend()).SaveCampaign(*sql, c, now_).ok());
  }
};

TEST_P(Nominees, RegisteringTheSamePersonAgainAnswersWithTheRegisteredOne) {
  auto first = Register(Chuong(), Secretariat());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->existing);
  EXPECT_EQ(first->nominee.citizen_id, "038078001234");  // the secretariat sees it

  RegisteredNominee retyped = Chuong();
  retyped.name = "  LÒ văn  Chương";
  retyped.citizen_id.reset();
  auto again = Register(retyped, Officer("thon-1"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->existing);
  EXPECT_EQ(again->match, DuplicateMatch::kNameAndBirth);
  EXPECT_EQ(again->nominee.id, first->nominee.id);
  EXPECT_FALSE(again->nominee.citizen_id);  // a unit officer never sees it

  RegisteredNominee same_card = Chuong();
  same_card.name = "Lò Văn Chươnq";
  same_card.date_of_birth = sys_days(year(1978) / 3 / 21);
  auto by_card = Register(same_card, Secretariat());
  ASSERT_TRUE(by_card.ok());
  EXPECT_TRUE(by_card->existing);
  EXPECT_EQ(by_card->match, DuplicateMatch::kCitizenId);
  EXPECT_EQ(by_card->nominee.id, first->nominee.id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nominees"), 1);

  // Another person of the same name, born another day, is registered.
  RegisteredNominee namesake = Chuong();
  namesake.citizen_id.reset();
  namesake.date_of_birth = sys_days(year(2001) / 1 / 5);
  auto other = Register(namesake, Officer("thon-1"));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->existing);
  EXPECT_NE(other->nominee.id, first->nominee.id);
}

TEST_P(Nominees, ARegistrationMissingAFieldOrOfAnotherUnitIsRefusedAndWritesNothing) {
  RegisteredNominee no_birth = Chuong();
  no_birth.date_of_birth.reset();
  auto refused = Register(no_birth, Officer("thon-1"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "nominee.date_of_birth: required for individuals");
  EXPECT_EQ(Register(Chuong(), Officer("truong-thcs")).status().code(), StatusCode::kForbidden);
  RegisteredNominee nowhere = Chuong();
  nowhere.unit = UnitId("thon-99");
  EXPECT_EQ(Register(nowhere, Secretariat()).status().message(),
            "nominee.unit_id: no unit 'thon-99'");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nominees"), 0);
}

TEST_P(Nominees, ACitizenIdIsStoredInTheRegisterOnlyNeverInTheDossierOrItsAuditRecord) {
  auto registered = Register(Chuong(), Secretariat());
  ASSERT_TRUE(registered.ok());
  auto created = service_->Create(DraftFor("hs-1", registered->nominee.id.value()),
                                  Officer("thon-1"), "c-1", now_, true, true);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->row.snapshot.nominee.id, registered->nominee.id);
  EXPECT_EQ(created->row.snapshot.nominee.name, "Lò Văn Chương");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nominees WHERE citizen_id = '038078001234'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers WHERE data LIKE '%038078001234%'"
                  " OR nominee LIKE '%038078001234%'"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE payload LIKE '%038078001234%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM idempotency WHERE outcome LIKE '%038078001234%'"), 0);
}

TEST_P(Nominees, OneAchievementOneAwardIsJudgedOnTheRegisteredIdentity) {
  auto registered = Register(Chuong(), Secretariat());
  ASSERT_TRUE(registered.ok());
  const std::string id = registered->nominee.id.value();
  ASSERT_TRUE(
      service_->Create(DraftFor("hs-1", id), Officer("thon-1"), "c-1", now_, true, true).ok());
  // The same person again in the campaign, by id: Luật Thi đua, khen thưởng 2022, Điều 5.
  auto second = service_->Create(DraftFor("hs-2", id), Secretariat(), "c-2", now_, true, true);
  ASSERT_EQ(second.status().code(), StatusCode::kConflict) << second.status().ToString();
  EXPECT_NE(second.status().message().find("'hs-1'"), std::string::npos);
  // By inline fields without an id: a same-named individual of the unit is ambiguous.
  NewDossier inline_draft = DraftFor("hs-3", "");
  inline_draft.nominee =
      Nominee{NomineeId(), NomineeKind::kIndividual, "lò văn chương", true, false};
  auto ambiguous = service_->Create(inline_draft, Officer("thon-1"), "c-3", now_);
  ASSERT_EQ(ambiguous.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ambiguous.status().message().find("dossier.nominee_id: required"), std::string::npos)
      << ambiguous.status().message();
  EXPECT_NE(ambiguous.status().message().find(id), std::string::npos);
  // An id nobody registered, by reference.
  auto unknown =
      service_->Create(DraftFor("hs-4", "nm-nobody"), Officer("thon-1"), "c-4", now_, true, true);
  EXPECT_EQ(unknown.status().message(), "dossier.nominee_id: no nominee 'nm-nobody'");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers"), 1);
}

TEST_P(Nominees, AnInlineNomineeNobodyRegisteredIsRegisteredOnceAndFoundAgain) {
  NewDossier d = DraftFor("hs-1", "");
  d.nominee = Nominee{NomineeId(), NomineeKind::kHousehold, "Hà Văn Ngọc", true, false};
  auto first = service_->Create(d, Officer("thon-1"), "c-1", now_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const NomineeId registered = first->row.snapshot.nominee.id;
  EXPECT_FALSE(registered.empty());
  EXPECT_NE(registered.value(), "hs-1");
  SaveCampaign2026();
  NewDossier later = d;
  later.id = DossierId("hs-2");
  later.campaign = CampaignId("binh-luong-2026");
  later.nominee.name = "HÀ VĂN NGỌC";  // the household is the same by head and village
  auto second = service_->Create(later, Officer("thon-1"), "c-2", now_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->row.snapshot.nominee.id, registered);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nominees"), 1);
}

TEST_P(Nominees, SearchIgnoresCaseAndDiacriticsRanksAndKeepsUnitsApart) {
  auto add = [&](const char* name, const char* unit, int y) {
    RegisteredNominee n = Chuong();
    n.name = name;
    n.unit = UnitId(unit);
    n.citizen_id.reset();
    n.date_of_birth = sys_days(year(y) / 1 / 1);
    ASSERT_TRUE(Register(n, Secretariat()).ok()) << name;
  };
  add("Lò Văn Chương", "thon-1", 1978);
  add("Đinh Thị Ánh", "thon-1", 1990);
  add("Lê Đình Tuấn", "thon-1", 1985);
  add("Đinh Văn Bảy", "truong-thcs", 1970);
  add("Nguyễn Văn Chinh", "thon-1", 1960);
  NomineeStore store(db_->backend());
  auto sql = db_->Acquire();
  auto chuong = store.Search(*sql, {"lo van chuong", std::nullopt, 1, 20});
  ASSERT_TRUE(chuong.ok()) << chuong.status().ToString();
  ASSERT_EQ(chuong->total, 1);
  EXPECT_EQ(chuong->items[0].nominee.name, "Lò Văn Chương");
  EXPECT_EQ(chuong->items[0].rank, 0);
  EXPECT_FALSE(chuong->items[0].nominee.citizen_id);

  auto dinh = store.Search(*sql, {"DINH", std::nullopt, 1, 20});
  ASSERT_TRUE(dinh.ok());
  ASSERT_EQ(dinh->total, 3);
  // Names that begin with it first (by name), then those with a word that does.
  EXPECT_EQ(dinh->items[0].nominee.name, "Đinh Thị Ánh");
  EXPECT_EQ(dinh->items[1].nominee.name, "Đinh Văn Bảy");
  EXPECT_EQ(dinh->items[2].nominee.name, "Lê Đình Tuấn");
  EXPECT_EQ(dinh->items[2].rank, 2);

  auto scoped = store.Search(*sql, {"đinh", UnitId("thon-1"), 1, 20});
  ASSERT_TRUE(scoped.ok());
  EXPECT_EQ(scoped->total, 2);
  for (const auto& hit : scoped->items) EXPECT_EQ(hit.nominee.unit, UnitId("thon-1"));

  auto page2 = store.Search(*sql, {"", std::nullopt, 2, 2});
  ASSERT_TRUE(page2.ok());
  EXPECT_EQ(page2->total, 5);
  ASSERT_EQ(page2->items.size(), 2u);
  EXPECT_EQ(page2->items[0].nominee.name, "Lê Đình Tuấn");  // by folded name: dinh, dinh, le...
  EXPECT_EQ(store.Search(*sql, {"x", std::nullopt, 0, 20}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(Nominees, TheHistoryHoldsBothCampaignsWithTheDecisionAndTheRegisterNumber) {
  ToChairman("hs-2024", "giay_khen_xa");
  auto approved = Alone("hs-2024", RoundKind::kDecision);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  const NomineeId person = approved->row.snapshot.nominee.id;
  SaveCampaign2026();
  auto later = service_->Create(DraftFor("hs-2026", person.value(), "binh-luong-2026"),
                                Officer("thon-1"), "c-2026", now_, true, true);
  ASSERT_TRUE(later.ok()) << later.status().ToString();

  auto sql = db_->Acquire();
  auto history = NomineeStore(db_->backend()).History(*sql, person);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  const HistoryEntry& first = (*history)[0];
  EXPECT_EQ(first.dossier_id, "hs-2024");
  EXPECT_EQ(first.campaign_id, "binh-luong-75");
  EXPECT_EQ(first.state, "approved");
  EXPECT_EQ(first.decision_number, approved->row.decision_number);
  EXPECT_FALSE(first.decision_number.empty());
  ASSERT_TRUE(first.register_number);
  EXPECT_EQ(*first.register_number, 1);
  EXPECT_TRUE(first.decision_date);
  EXPECT_EQ((*history)[1].dossier_id, "hs-2026");
  EXPECT_EQ((*history)[1].state, "draft");
  EXPECT_FALSE((*history)[1].register_number);
}

TEST_P(Nominees, TheMigrationLinksOldDossiersMergingOnlyExactMatchesAndSaysSo) {
  SaveCampaign2026();
  // SQLite's pool has one connection: everything below uses this one session.
  auto sql = db_->Acquire();
  auto legacy = [&](const char* id, const char* campaign, const char* nominee_id,
                    const char* name) {
    DossierSnapshot snapshot;
    snapshot.id = DossierId(id);
    snapshot.campaign = CampaignId(campaign);
    snapshot.unit = UnitId("thon-1");
    snapshot.nominee = Nominee{NomineeId(nominee_id), NomineeKind::kHousehold, name, true, false};
    snapshot.award = AwardId("giay_khen_xa");
    snapshot.state = State::kApproved;
    std::string data = boost::json::serialize(codec::SnapshotToJson(snapshot));
    std::string nominee = boost::json::serialize(codec::NomineeToJson(snapshot.nominee));
    // soci binds references: the values live until the statement has run.
    const std::string key = id, in = campaign, who = name, nid = nominee_id;
    *sql << "INSERT INTO dossiers (id, campaign_id, unit_id, state, version, nominee_kind,"
            " nominee_name, nominee, nominee_id, award, data, created_at, updated_at) VALUES (:id,"
            " :c, 'thon-1', 'approved', 3, 'household', :name, :nominee, :nid, 'giay_khen_xa',"
            " :data, :at, :at2)",
        soci::use(key), soci::use(in), soci::use(who), soci::use(nominee), soci::use(nid),
        soci::use(data), soci::use(key), soci::use(key);
  };
  // Drafted before the register: each dossier its own nominee id (the dossier's).
  legacy("2024-a", "binh-luong-75", "2024-a", "Hà Văn Ngọc");
  legacy("2024-b", "binh-luong-75", "2024-b", "Hà Văn Ngọc");  // same campaign: two households
  legacy("2026-a", "binh-luong-2026", "2026-a", "Hà Văn Ngọc");
  legacy("2026-b", "binh-luong-2026", "2026-b", "Hà Văn Ngoc");  // not exact: not merged
  std::vector<std::string> notes;
  {
    auto tx = Transaction::Begin(*sql, db_->backend());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(LinkDossiersToNominees(*sql, db_->backend(), notes).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto linked = [&](const char* dossier) {
    std::string nominee;
    const std::string key = dossier;
    *sql << "SELECT nominee_id FROM dossiers WHERE id = :id", soci::use(key), soci::into(nominee);
    return nominee;
  };
  EXPECT_EQ(linked("2024-a"), "2024-a");
  EXPECT_EQ(linked("2024-b"), "2024-b");
  EXPECT_EQ(linked("2026-a"), "2024-a");  // merged into the oldest
  EXPECT_EQ(linked("2026-b"), "2026-b");
  auto count = [&](const char* query) {
    int n = 0;
    *sql << query, soci::into(n);
    return n;
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM nominees"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM nominee_merges WHERE dossier_id = '2026-a'"
                  " AND nominee_id = '2024-a'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM nominee_merges"), 1);
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0], "registered 3 nominees for the dossiers drafted before the register");
  EXPECT_NE(notes[1].find("2024-b not merged into 2024-a"), std::string::npos) << notes[1];
  EXPECT_NE(notes[2].find("dossier 2026-a: nominee 2026-a merged into 2024-a"), std::string::npos)
      << notes[2];
  // The stored dossier itself (its audit record's snapshot) is unchanged.
  auto row = DossierStore(db_->backend()).NomineeOtherDossier(*sql, [] {
    DossierSnapshot s;
    s.id = DossierId("2026-x");
    s.campaign = CampaignId("binh-luong-2026");
    s.nominee.id = NomineeId("2024-a");
    return s;
  }());
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->value_or(DossierId("none")), DossierId("2026-a"));  // Điều 5 sees the merge
  // The merged id, which the dossier's own record still names, reads as the nominee it became.
  auto merged = NomineeStore(db_->backend()).Load(*sql, NomineeId("2026-a"));
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->id, NomineeId("2024-a"));
  auto history = NomineeStore(db_->backend()).History(*sql, merged->id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);  // 2024-a and 2026-a: one household, two campaigns
}

TDKT_ON_BOTH_BACKENDS(Nominees);

}  // namespace
}  // namespace tdkt::adapters::db
