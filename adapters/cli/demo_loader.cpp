#include "adapters/cli/demo_loader.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>

#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/admin_store.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/nominee_store.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/calendar/working_calendar.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/json_reader.hpp"
#include "engine/council.hpp"
#include "engine/nominees.hpp"

namespace tdkt::adapters::cli {

using config::ConfigError;
using config::YamlMap;
using engine::Status;

namespace {

// A plain YAML scalar as JSON: true/false, null, integers; anything quoted stays a string.
boost::json::value YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      boost::json::object o;
      for (const auto& entry : node) o[entry.first.as<std::string>()] = YamlToJson(entry.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      boost::json::array a;
      for (const auto& item : node) a.push_back(YamlToJson(item));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string text = node.Scalar();
      if (node.Tag() == "!") return boost::json::value(text);
      if (text == "true") return true;
      if (text == "false") return false;
      if (text == "~" || text == "null") return nullptr;
      std::int64_t number = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec == std::errc() && end == text.data() + text.size()) return number;
      return boost::json::value(text);
    }
    default: return nullptr;
  }
}

struct Step {
  std::string where;  // "dossiers.yaml: dossiers[3].steps[2]"
  engine::Timestamp at{};
  std::string by;
  std::string event;
  boost::json::object payload;
};

struct DemoDossier {
  std::string where;
  db::NewDossier dossier;
  bool nominee_by_reference = false;  // `nominee_id:` names a nominee of the register
  std::string created_by;
  engine::Timestamp created_at{};
  std::vector<Step> steps;
};

// A nominee of the register, registered by a unit officer or the secretariat at a time.
struct DemoNominee {
  std::string where;
  engine::RegisteredNominee nominee;
  std::string registered_by;
  engine::Timestamp registered_at{};
};

// The higher level's answer to a submission.
struct DemoAnswer {
  std::string where;
  engine::Timestamp at{};
  std::string by;
  std::string decision_number;
  std::chrono::sys_days decided_on{};
  std::vector<engine::AnswerLine> lines;
};

// A decision or submission of the demo: drafted with its list, signed (or left a draft), answered.
struct DemoRound {
  std::string where;
  engine::RoundId id;
  engine::RoundKind kind = engine::RoundKind::kDecision;
  engine::CampaignId campaign;
  std::string title;
  std::string drafted_by;
  engine::Timestamp drafted_at{};
  std::vector<engine::DossierId> dossiers;
  std::optional<std::string> signed_by;
  engine::Timestamp signed_at{};
  std::vector<DemoAnswer> answers;
};

class Reader {
 public:
  Reader(std::string dir, const engine::calendar::WorkingCalendar& calendar)
      : dir_(std::move(dir)), calendar_(calendar) {}

  // "2024-06-03 08:30" in Vietnam's time.
  engine::Timestamp LocalTime(YamlMap& map, const std::string& key) {
    std::string text = map.RequiredString(key);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &extra) != 5) {
      map.Fail(key, "expected a local time \"YYYY-MM-DD HH:MM\", got \"" + text + "\"");
    }
    auto day = std::chrono::year_month_day(std::chrono::year(y),
                                           std::chrono::month(static_cast<unsigned>(mo)),
                                           std::chrono::day(static_cast<unsigned>(d)));
    if (!day.ok() || h > 23 || mi > 59) map.Fail(key, "no such time: \"" + text + "\"");
    return std::chrono::sys_seconds(std::chrono::sys_days(day)) + std::chrono::hours(h) +
           std::chrono::minutes(mi) - std::chrono::minutes(calendar_.settings().utc_offset_minutes);
  }

  std::string Path(const char* file) const { return dir_ + "/" + file; }

  std::string dir_;
  const engine::calendar::WorkingCalendar& calendar_;
};

std::string Where(const std::string& file, const std::string& path) { return file + ": " + path; }

}  // namespace

engine::Result<DemoLoad> LoadDemo(const std::string& dir, db::Database& db, db::ApplyService& apply,
                                  db::RoundService& rounds,
                                  const engine::calendar::WorkingCalendar& calendar) {
  Reader reader(dir, calendar);
  DemoLoad load;

  // commune.yaml: the commune, its units and users.
  engine::CommuneSettings settings;
  std::vector<db::UnitRecord> units;
  std::vector<db::UserRecord> users;
  {
    const std::string file = reader.Path("commune.yaml");
    YamlMap root(config::LoadYamlFile(file), file);
    // The commune's settings, as its admin sets them once (the name and signer its documents
    // print; the levels above it are config/administration.yaml's).
    YamlMap commune = root.RequiredMap("commune");
    settings.name = commune.RequiredString("name");
    settings.province = commune.RequiredString("province");
    settings.issuer_symbol = commune.RequiredString("issuer_symbol");
    settings.chairman_name = commune.RequiredString("chairman_name");
    settings.chairman_title = commune.RequiredString("chairman_title");
    commune.RejectUnknownKeys();
    for (auto& u : root.MapList("units", true)) {
      db::UnitRecord unit;
      unit.id = u.RequiredString("id");
      unit.name = u.RequiredString("name");
      unit.kind = u.String("kind", "other");
      unit.email = u.OptionalString("email");
      unit.webhook_url = u.OptionalString("webhook_url");
      // A unit of an old commune that a unit of the merged one carries on (engine/unit_succession),
      // recorded by the admin the day after its last day.
      if (auto succession = u.OptionalMap("succession")) {
        const std::string last_day = succession->RequiredString("last_day");
        auto day = engine::calendar::ParseDate(last_day);
        if (!day.ok()) succession->Fail("last_day", day.status().message());
        unit.succession =
            engine::UnitSuccession{engine::UnitId(succession->RequiredString("successor")), *day,
                                   succession->RequiredString("basis")};
        succession->RejectUnknownKeys();
      }
      u.RejectUnknownKeys();
      units.push_back(std::move(unit));
    }
    for (auto& u : root.MapList("users", true)) {
      db::UserRecord user;
      user.id = u.RequiredString("id");
      user.name = u.RequiredString("name");
      std::string role = u.RequiredString("role");
      auto parsed = engine::ParseRole(role);
      if (!parsed || *parsed == engine::Role::kTimer) u.Fail("role", "no such role: " + role);
      user.role = *parsed;
      user.unit = u.OptionalString("unit");
      user.email = u.OptionalString("email");
      u.RejectUnknownKeys();
      users.push_back(std::move(user));
    }
    root.RejectUnknownKeys();
  }
  std::map<std::string, const db::UserRecord*> user_by_id;
  for (const auto& user : users) user_by_id[user.id] = &user;

  // campaign.yaml: campaigns and council sessions.
  std::vector<engine::Campaign> campaigns;
  std::vector<engine::CouncilSession> sessions;
  {
    const std::string file = reader.Path("campaign.yaml");
    auto node = config::LoadYamlFile(file);
    YamlMap root(node, file);
    auto list = root.MapList("campaigns", true);
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto campaign = engine::codec::ParseCampaign(YamlToJson(node["campaigns"][i]));
      if (!campaign.ok()) {
        throw ConfigError(Where(file, "campaigns[" + std::to_string(i) + "]: ") +
                          campaign.status().message());
      }
      campaigns.push_back(std::move(*campaign));
    }
    // A council by name and role: council_members once, for every session that does not list
    // its own; each session says who of it was absent.
    auto read_council = [](std::vector<YamlMap> list) {
      std::vector<engine::CouncilMember> council;
      for (auto& m : list) {
        engine::CouncilMember member;
        member.name = m.RequiredString("name");
        const std::string role = m.RequiredString("role");
        auto parsed = engine::ParseCouncilRole(role);
        if (!parsed) {
          m.Fail("role", "expected chu_tich, pho_chu_tich, uy_vien_thuong_truc or uy_vien, got \"" +
                             role + "\"");
        }
        member.role = *parsed;
        m.RejectUnknownKeys();
        council.push_back(std::move(member));
      }
      return council;
    };
    const std::vector<engine::CouncilMember> council =
        read_council(root.MapList("council_members", true));
    auto session_list = root.MapList("council_sessions");
    for (std::size_t i = 0; i < session_list.size(); ++i) {
      YamlMap& s = session_list[i];
      engine::CouncilSession session;
      session.id = engine::CouncilSessionId(s.RequiredString("id"));
      session.campaign = engine::CampaignId(s.RequiredString("campaign"));
      auto held_on = engine::calendar::ParseDate(s.RequiredString("date"));
      if (!held_on.ok()) s.Fail("date", held_on.status().message());
      session.held_on = *held_on;
      session.place = s.RequiredString("place");
      session.chair = s.RequiredString("chair");
      // The council that sat: the session's own `members` when another council sat (a commune
      // before a merger had its own), else council_members.
      const bool own_council = s.Has("members");
      session.members = own_council ? read_council(s.MapList("members", true)) : council;
      const std::vector<std::string> absent = s.StringList("absent");
      for (const std::string& name : absent) {
        if (std::none_of(session.members.begin(), session.members.end(),
                         [&](const engine::CouncilMember& m) { return m.name == name; })) {
          s.Fail("absent", "\"" + name + "\" is not one of " +
                               (own_council ? "the session's members" : "council_members"));
        }
      }
      for (engine::CouncilMember& member : session.members) {
        member.present = std::find(absent.begin(), absent.end(), member.name) == absent.end();
      }
      s.RejectUnknownKeys();
      if (Status checked = engine::CheckCouncilSession(session); !checked.ok()) {
        throw ConfigError(Where(file, "council_sessions[" + std::to_string(i) + "]: ") +
                          checked.message());
      }
      sessions.push_back(std::move(session));
    }
    root.RejectUnknownKeys();
  }

  // dossiers.yaml: the dossiers and the decisions and submissions that list them.
  std::vector<DemoDossier> dossiers;
  std::vector<DemoNominee> demo_nominees;
  std::vector<DemoRound> demo_rounds;
  {
    const std::string file = reader.Path("dossiers.yaml");
    auto node = config::LoadYamlFile(file);
    YamlMap root(node, file);
    // The register: nominees named by id from the dossiers (the same person in several
    // campaigns has one history).
    auto nominee_list = root.MapList("nominees");
    for (std::size_t i = 0; i < nominee_list.size(); ++i) {
      YamlMap& m = nominee_list[i];
      DemoNominee demo;
      demo.where = Where(file, "nominees[" + std::to_string(i) + "]");
      engine::RegisteredNominee& n = demo.nominee;
      n.id = engine::NomineeId(m.RequiredString("id"));
      const std::string kind = m.RequiredString("kind");
      auto parsed = engine::ParseNomineeKind(kind);
      if (!parsed) m.Fail("kind", "expected individual, collective or household");
      n.kind = *parsed;
      n.name = m.RequiredString("name");
      n.unit = engine::UnitId(m.RequiredString("unit"));
      // As the API: required for individuals and households, a collective is no direct worker.
      if (n.kind != engine::NomineeKind::kCollective && !m.Has("direct_worker")) {
        m.Fail("direct_worker", "required for " + kind + "s");
      }
      n.direct_worker = m.Bool("direct_worker", false);
      if (auto gender = m.OptionalString("gender")) {
        n.gender = engine::ParseGender(*gender);
        if (!n.gender) m.Fail("gender", "expected male or female");
      }
      if (auto birth = m.OptionalString("date_of_birth")) {
        auto day = engine::calendar::ParseDate(*birth);
        if (!day.ok()) m.Fail("date_of_birth", day.status().message());
        n.date_of_birth = *day;
      }
      n.position = m.String("position", "");
      n.citizen_id = m.OptionalString("citizen_id");
      if (auto collective = m.OptionalString("collective_kind")) {
        n.collective_kind = engine::ParseCollectiveKind(*collective);
        if (!n.collective_kind)
          m.Fail("collective_kind", "expected village, school, team or association");
      }
      demo.registered_by = m.RequiredString("registered_by");
      demo.registered_at = reader.LocalTime(m, "registered_at");
      m.RejectUnknownKeys();
      if (Status checked = engine::CheckRegistration(
              n, std::chrono::floor<std::chrono::days>(demo.registered_at));
          !checked.ok()) {
        throw ConfigError(demo.where + ": " + checked.message());
      }
      demo_nominees.push_back(std::move(demo));
    }
    auto list = root.MapList("dossiers", true);
    for (std::size_t i = 0; i < list.size(); ++i) {
      YamlMap& d = list[i];
      DemoDossier demo;
      demo.where = Where(file, "dossiers[" + std::to_string(i) + "]");
      demo.dossier.id = engine::DossierId(d.RequiredString("id"));
      demo.where += " (" + demo.dossier.id.value() + ")";
      demo.dossier.campaign = engine::CampaignId(d.RequiredString("campaign"));
      demo.dossier.unit = engine::UnitId(d.RequiredString("unit"));
      demo.created_by = d.RequiredString("created_by");
      demo.created_at = reader.LocalTime(d, "created_at");
      // The nominee: a registered one by `nominee_id`, or inline fields (registered or found
      // as a draft by hand would be: db::NomineeStore::ResolveForDraft).
      if (auto nominee_id = d.OptionalString("nominee_id")) {
        if (d.OptionalMap("nominee")) d.Fail("nominee", "give nominee_id or nominee, not both");
        demo.dossier.nominee.id = engine::NomineeId(*nominee_id);
        demo.nominee_by_reference = true;
      } else {
        d.RequiredMap("nominee");
        auto nominee = engine::codec::ParseNomineeInput(YamlToJson(node["dossiers"][i]["nominee"]));
        if (!nominee.ok()) throw ConfigError(demo.where + ": " + nominee.status().message());
        demo.dossier.nominee = std::move(*nominee);
      }
      demo.dossier.award = engine::AwardId(d.RequiredString("award"));
      demo.dossier.achievement_summary = d.String("achievement_summary", "");
      auto steps = d.MapList("steps");
      for (std::size_t j = 0; j < steps.size(); ++j) {
        YamlMap& s = steps[j];
        Step step;
        step.where = demo.where + ".steps[" + std::to_string(j) + "]";
        step.at = reader.LocalTime(s, "at");
        step.by = s.RequiredString("by");
        step.event = s.RequiredString("event");
        if (s.OptionalMap("payload")) {
          step.payload = YamlToJson(node["dossiers"][i]["steps"][j]["payload"]).as_object();
        }
        s.RejectUnknownKeys();
        demo.steps.push_back(std::move(step));
      }
      d.RejectUnknownKeys();
      dossiers.push_back(std::move(demo));
    }
    auto round_list = root.MapList("rounds");
    for (std::size_t i = 0; i < round_list.size(); ++i) {
      YamlMap& r = round_list[i];
      DemoRound round;
      round.id = engine::RoundId(r.RequiredString("id"));
      round.where = Where(file, "rounds[" + std::to_string(i) + "] (" + round.id.value() + ")");
      const std::string kind = r.RequiredString("kind");
      auto parsed = engine::ParseRoundKind(kind);
      if (!parsed) r.Fail("kind", "expected decision or submission, got \"" + kind + "\"");
      round.kind = *parsed;
      round.campaign = engine::CampaignId(r.RequiredString("campaign"));
      round.title = r.RequiredString("title");
      round.drafted_by = r.RequiredString("drafted_by");
      round.drafted_at = reader.LocalTime(r, "drafted_at");
      for (const std::string& id : r.StringList("dossiers")) {
        round.dossiers.push_back(engine::DossierId(id));
      }
      round.signed_by = r.OptionalString("signed_by");
      if (round.signed_by) round.signed_at = reader.LocalTime(r, "signed_at");
      auto answers = r.MapList("answers");
      for (std::size_t j = 0; j < answers.size(); ++j) {
        YamlMap& a = answers[j];
        DemoAnswer answer;
        answer.where = round.where + ".answers[" + std::to_string(j) + "]";
        answer.at = reader.LocalTime(a, "at");
        answer.by = a.RequiredString("by");
        answer.decision_number = a.RequiredString("decision_number");
        auto decided_on = engine::calendar::ParseDate(a.RequiredString("decided_on"));
        if (!decided_on.ok()) a.Fail("decided_on", decided_on.status().message());
        answer.decided_on = *decided_on;
        for (YamlMap& line : a.MapList("dossiers", true)) {
          engine::AnswerLine l;
          l.dossier = engine::DossierId(line.RequiredString("dossier"));
          l.approved = line.Bool("approved", false);
          if (!line.Has("approved")) line.Fail("approved", "required");
          l.reason = line.String("reason", "");
          line.RejectUnknownKeys();
          answer.lines.push_back(std::move(l));
        }
        a.RejectUnknownKeys();
        round.answers.push_back(std::move(answer));
      }
      r.RejectUnknownKeys();
      demo_rounds.push_back(std::move(round));
    }
    root.RejectUnknownKeys();
  }

  // Each session's agenda: the dossiers whose council_vote names it, in the order of the file.
  engine::AgendaFacts demo_dossiers;
  for (const auto& demo : dossiers) demo_dossiers.emplace(demo.dossier.id, demo.dossier.campaign);
  for (engine::CouncilSession& session : sessions) {
    for (const auto& demo : dossiers) {
      for (const auto& step : demo.steps) {
        const auto* named = step.payload.if_contains("session");
        if (step.event == "council_vote" && named != nullptr && named->is_string() &&
            named->get_string() == session.id.value() &&
            std::find(session.agenda.begin(), session.agenda.end(), demo.dossier.id) ==
                session.agenda.end()) {
          session.agenda.push_back(demo.dossier.id);
        }
      }
    }
    if (Status agenda = engine::CheckAgenda(session, demo_dossiers); !agenda.ok()) {
      throw ConfigError("campaign.yaml: council session " + session.id.value() + ": " +
                        agenda.message());
    }
  }

  // The directory, in one transaction, into an empty database.
  db::DirectoryStore directory(db.backend());
  db::DossierStore store(db.backend());
  const engine::Timestamp loaded_at =
      dossiers.empty() ? engine::Timestamp{} : dossiers.front().created_at;
  // The admin sets the commune up and records the successions of units that ended.
  auto admin = std::find_if(users.begin(), users.end(),
                            [](const db::UserRecord& u) { return u.role == engine::Role::kAdmin; });
  if (admin == users.end()) {
    return Status::InvalidArgument("commune.yaml: users: the demo needs an admin");
  }
  Status written = db::RunInTransaction(db, [&](soci::session& sql) -> Status {
    auto empty = directory.IsEmpty(sql);
    if (!empty.ok()) return empty.status();
    if (!*empty) {
      return Status::Conflict("the database " + db.url().redacted +
                              " already holds campaigns, units, users or dossiers: the demo loads "
                              "only into an empty database (give another --db, or none for a "
                              "fresh var/demo.db)");
    }
    for (const auto& unit : units) {
      if (Status s = directory.SaveUnit(sql, unit); !s.ok()) return s;
    }
    for (const auto& user : users) {
      if (Status s = directory.AddUser(sql, user, loaded_at); !s.ok()) {
        return Status(s.code(), "commune.yaml: user " + user.id + ": " + s.message());
      }
    }
    if (Status s =
            db::AdminStore(db.backend()).SetCommune(sql, settings, admin->ToActor(), loaded_at);
        !s.ok()) {
      return Status(s.code(), "commune.yaml: commune: " + s.message());
    }
    for (const auto& campaign : campaigns) {
      if (Status s = store.SaveCampaign(sql, campaign, loaded_at); !s.ok()) return s;
    }
    // Each session recorded by the secretariat at the end of its day (17:00 local).
    auto secretariat = std::find_if(users.begin(), users.end(), [](const db::UserRecord& u) {
      return u.role == engine::Role::kSecretariat;
    });
    for (const auto& council : sessions) {
      const db::CouncilSessionRecord session =
          db::RecordOf(council, secretariat != users.end() ? secretariat->id : "demo",
                       engine::codec::FormatDate(council.held_on) + "T10:00:00Z");
      if (Status s = directory.AddCouncilSession(sql, session); !s.ok()) {
        return Status(s.code(),
                      "campaign.yaml: council session " + session.id + ": " + s.message());
      }
    }
    return Status::Ok();
  });
  if (!written.ok()) return written;
  load.units = static_cast<int>(units.size());
  load.users = static_cast<int>(users.size());
  load.campaigns = static_cast<int>(campaigns.size());

  // The dossiers, each through the engine's own Create and Apply.
  auto actor_of = [&](const std::string& id,
                      const std::string& where) -> engine::Result<engine::Actor> {
    if (id == "timer") return engine::Actor{engine::UserId("timer"), engine::Role::kTimer, {}};
    auto it = user_by_id.find(id);
    if (it == user_by_id.end()) return Status::InvalidArgument(where + ": no user " + id);
    return it->second->ToActor();
  };
  // Every action at its time, in file order among equals: creations and steps of the dossiers,
  // then the drafting, signing and answering of the decisions and submissions; so that numbers
  // (QĐ, TTr, BB, sổ vàng) are given in the order of their dates.
  std::vector<std::pair<engine::Timestamp, std::function<Status()>>> actions;
  for (const auto& demo : demo_nominees) {
    actions.emplace_back(demo.registered_at, [&]() -> Status {
      auto actor = actor_of(demo.registered_by, demo.where + ".registered_by");
      if (!actor.ok()) return actor.status();
      Status registered = db::RunInTransaction(db, [&](soci::session& sql) -> Status {
        auto outcome =
            db::NomineeStore(db.backend()).Register(sql, demo.nominee, *actor, demo.registered_at);
        if (!outcome.ok()) return outcome.status();
        if (outcome->existing) {
          return Status::InvalidArgument("nominee " + demo.nominee.id.value() +
                                         " is already registered as " +
                                         outcome->nominee.id.value());
        }
        return Status::Ok();
      });
      return registered.ok() ? registered
                             : Status(registered.code(), demo.where + ": " + registered.message());
    });
  }
  // Successions of units that ended, as the admin records them (audited in the administrative
  // stream) on the successor's first day, 08:00 local.
  for (const auto& unit : units) {
    if (!unit.succession) continue;
    const engine::Timestamp recorded_at =
        engine::Timestamp(unit.succession->last_day + std::chrono::days(1)) +
        std::chrono::hours(8) - std::chrono::minutes(calendar.settings().utc_offset_minutes);
    actions.emplace_back(recorded_at, [&, recorded_at]() -> Status {
      db::UnitChange change;
      change.succession = unit.succession;
      Status recorded = db::RunInTransaction(db, [&](soci::session& sql) -> Status {
        return db::AdminStore(db.backend())
            .ChangeUnit(sql, unit.id, change, admin->ToActor(), recorded_at)
            .status();
      });
      return recorded.ok() ? recorded
                           : Status(recorded.code(),
                                    "commune.yaml: unit " + unit.id + ": " + recorded.message());
    });
  }
  for (const auto& demo : dossiers) {
    actions.emplace_back(demo.created_at, [&]() -> Status {
      auto creator = actor_of(demo.created_by, demo.where + ".created_by");
      if (!creator.ok()) return creator.status();
      auto created = apply.Create(demo.dossier, *creator, "demo:" + demo.dossier.id.value() + ":0",
                                  demo.created_at, true, demo.nominee_by_reference);
      if (!created.ok()) {
        return Status(created.status().code(), demo.where + ": " + created.status().message());
      }
      ++load.dossiers;
      return Status::Ok();
    });
    int n = 0;
    for (const auto& step : demo.steps) {
      const int number = ++n;
      actions.emplace_back(step.at, [&, number]() -> Status {
        auto actor = actor_of(step.by, step.where + ".by");
        if (!actor.ok()) return actor.status();
        // A council_vote's members and present come from its session, in Apply.
        auto command = engine::codec::ParseTypedCommand(step.event, step.payload);
        if (!command.ok()) {
          return Status(command.status().code(), step.where + ": " + command.status().message());
        }
        auto outcome =
            apply.Apply({demo.dossier.id, std::move(*command), *actor,
                         "demo:" + demo.dossier.id.value() + ":" + std::to_string(number)},
                        step.at);
        if (!outcome.ok()) {
          return Status(outcome.status().code(), step.where + " (" + step.event + " by " + step.by +
                                                     "): " + outcome.status().message());
        }
        ++load.events;
        return Status::Ok();
      });
    }
  }
  auto failed = [](const std::string& where, const Status& status) {
    return Status(status.code(), where + ": " + status.message());
  };
  for (const auto& round : demo_rounds) {
    actions.emplace_back(round.drafted_at, [&]() -> Status {
      auto actor = actor_of(round.drafted_by, round.where + ".drafted_by");
      if (!actor.ok()) return actor.status();
      auto drafted =
          rounds.Draft(round.id, round.kind, round.campaign, round.title, *actor, round.drafted_at);
      if (!drafted.ok()) return failed(round.where, drafted.status());
      for (const auto& dossier : round.dossiers) {
        auto added = rounds.AddDossier(round.id, dossier, *actor, round.drafted_at);
        if (!added.ok()) return failed(round.where + " (" + dossier.value() + ")", added.status());
      }
      return Status::Ok();
    });
    if (round.signed_by) {
      actions.emplace_back(round.signed_at, [&]() -> Status {
        auto actor = actor_of(*round.signed_by, round.where + ".signed_by");
        if (!actor.ok()) return actor.status();
        auto signed_round =
            rounds.Sign(round.id, *actor, "demo:" + round.id.value() + ":sign", round.signed_at);
        if (!signed_round.ok()) return failed(round.where + ".signed_by", signed_round.status());
        load.events += static_cast<int>(signed_round->dossiers.size());
        return Status::Ok();
      });
    }
    for (const auto& answer : round.answers) {
      actions.emplace_back(answer.at, [&]() -> Status {
        auto actor = actor_of(answer.by, answer.where + ".by");
        if (!actor.ok()) return actor.status();
        auto answered = rounds.RecordAnswer(
            round.id, answer.decision_number, answer.decided_on, answer.lines, *actor,
            "demo:" + round.id.value() + ":" + answer.decision_number, answer.at);
        if (!answered.ok()) return failed(answer.where, answered.status());
        load.events += static_cast<int>(answered->dossiers.size());
        return Status::Ok();
      });
    }
  }
  std::stable_sort(actions.begin(), actions.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& action : actions) {
    if (Status s = action.second(); !s.ok()) return s;
  }

  // A token for the first user of each role.
  std::map<engine::Role, bool> issued;
  for (const auto& user : users) {
    if (issued[user.role]) continue;
    issued[user.role] = true;
    auto sql = db.Acquire();
    auto token = directory.IssueToken(*sql, user.id);
    if (!token.ok()) return token.status();
    load.tokens.push_back({std::string(engine::RoleName(user.role)), user.id, user.name,
                           user.unit.value_or(""), *token});
  }
  return load;
}

}  // namespace tdkt::adapters::cli
