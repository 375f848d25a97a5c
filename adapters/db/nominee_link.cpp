// Migration 10's step: the dossiers drafted before the register get registered nominees
// (declared in nominee_store.hpp).

#include <soci/soci.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "adapters/db/nominee_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/codec/command_json.hpp"

namespace tdkt::adapters::db {

using engine::Status;

namespace {

struct Identity {
  std::string id;
  engine::Nominee nominee;
  std::string unit;
  std::string created_at;
  std::set<std::string> campaigns;
  std::vector<std::string> dossiers;
  bool merged_away = false;
};

std::string ExactKey(const Identity& i) {
  // Every field a dossier recorded about its nominee, byte for byte.
  return std::string(engine::NomineeKindName(i.nominee.kind)) + '\x1f' + i.nominee.name + '\x1f' +
         i.unit + '\x1f' + (i.nominee.female ? "1" : "0") + '\x1f' +
         (i.nominee.direct_worker ? "1" : "0");
}

}  // namespace

Status LinkDossiersToNominees(soci::session& sql, Backend /*backend*/,
                              std::vector<std::string>& notes) {
  std::vector<Identity> identities;
  std::map<std::string, std::size_t> by_id;
  std::vector<std::pair<std::string, std::string>> unlinked;  // dossier, id to set
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, campaign_id, unit_id, nominee_id, nominee, created_at"
                      " FROM dossiers ORDER BY created_at, id");
  for (const soci::row& row : rows) {
    std::string dossier = row.get<std::string>(0);
    std::string campaign = row.get<std::string>(1);
    std::string unit = row.get<std::string>(2);
    std::string nominee_id = row.get<std::string>(3);
    boost::system::error_code ec;
    boost::json::value json = boost::json::parse(row.get<std::string>(4), ec);
    if (ec) return Status::Unavailable("dossier " + dossier + ": its nominee is not JSON");
    auto nominee = engine::codec::ParseNominee(json);
    if (!nominee.ok()) {
      return Status::Unavailable("dossier " + dossier + ": " + nominee.status().message());
    }
    if (nominee_id.empty()) {
      nominee_id = nominee->id.empty() ? dossier : nominee->id.value();
      unlinked.emplace_back(dossier, nominee_id);
    }
    auto [it, added] = by_id.emplace(nominee_id, identities.size());
    if (added) {
      identities.push_back(Identity{nominee_id, *nominee, unit, row.get<std::string>(5), {}, {}});
    }
    identities[it->second].campaigns.insert(campaign);
    identities[it->second].dossiers.push_back(dossier);
  }
  for (const auto& [dossier, id] : unlinked) {
    sql << "UPDATE dossiers SET nominee_id = :n WHERE id = :d", soci::use(id), soci::use(dossier);
  }
  // Merge identities recorded exactly alike, unless they meet in one campaign.
  std::map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < identities.size(); ++i) {
    Identity& identity = identities[i];
    auto [it, added] = by_key.emplace(ExactKey(identity), i);
    if (added) continue;
    Identity& into = identities[it->second];
    std::string shared;
    for (const auto& c : identity.campaigns) {
      if (into.campaigns.count(c) != 0) shared = c;
    }
    if (!shared.empty()) {
      notes.push_back("nominee " + identity.id + " not merged into " + into.id +
                      " (recorded alike, but both have a dossier in campaign " + shared +
                      ": two people)");
      continue;
    }
    identity.merged_away = true;
    into.campaigns.insert(identity.campaigns.begin(), identity.campaigns.end());
    for (const auto& dossier : identity.dossiers) {
      std::string note = "dossier " + dossier + ": nominee " + identity.id + " merged into " +
                         into.id + " (same kind, name, unit, gender, direct worker)";
      sql << "UPDATE dossiers SET nominee_id = :n WHERE id = :d", soci::use(into.id),
          soci::use(dossier);
      sql << "INSERT INTO nominee_merges (dossier_id, from_nominee_id, nominee_id, note)"
             " VALUES (:d, :f, :n, :note)",
          soci::use(dossier), soci::use(identity.id), soci::use(into.id), soci::use(note);
      notes.push_back(std::move(note));
    }
    into.dossiers.insert(into.dossiers.end(), identity.dossiers.begin(), identity.dossiers.end());
  }
  int registered = 0;
  for (const Identity& identity : identities) {
    if (identity.merged_away) continue;
    std::string kind(engine::NomineeKindName(identity.nominee.kind));
    std::string name_key = engine::NameKey(identity.nominee.name);
    std::string search_key = engine::SearchKey(identity.nominee.name);
    int direct = identity.nominee.direct_worker ? 1 : 0;
    bool individual = identity.nominee.kind == engine::NomineeKind::kIndividual;
    std::string gender = identity.nominee.female ? "female" : "male";
    soci::indicator gender_ind = individual ? soci::i_ok : soci::i_null;
    // A collective drafted inline did not say its kind (village, school, ...): left unknown.
    std::string collective;
    soci::indicator collective_ind = soci::i_null;
    sql << "INSERT INTO nominees (id, kind, name, name_key, search_key, unit_id, direct_worker,"
           " gender, position, collective_kind, created_by, created_at) VALUES (:id, :kind,"
           " :name, :name_key, :search_key, :unit, :direct, :gender, '', :collective,"
           " 'migration', :at)",
        soci::use(identity.id), soci::use(kind), soci::use(identity.nominee.name),
        soci::use(name_key), soci::use(search_key), soci::use(identity.unit), soci::use(direct),
        soci::use(gender, gender_ind), soci::use(collective, collective_ind),
        soci::use(identity.created_at);
    ++registered;
  }
  if (registered > 0) {  // a new database has nothing to report
    notes.insert(notes.begin(), "registered " + std::to_string(registered) +
                                    " nominees for the dossiers drafted before the register");
  }
  return Status::Ok();
}

}  // namespace tdkt::adapters::db
