#include "adapters/documents/round_documents.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "adapters/db/admin_store.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/documents/docx_writer.hpp"
#include "adapters/documents/pdf_converter.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/document_issuer.hpp"

namespace tdkt::adapters::documents {

namespace {

// One council vote of the event log: the dossier, the session it names and the number its
// minutes took in the council's BB-HĐTĐKT series.
struct CouncilVote {
  std::string dossier;
  std::string session;
  std::string minutes_number;
  std::optional<int> yes;
  std::optional<int> no;
  bool passed = false;  // the dossier went on (to the notice or the Chairman), not rejected
};

// The council votes of one dossier (`dossier`), or those naming one session (`session`), in
// the order they were recorded. The record's payload is canonical JSON,
// {"command": {…, "session": "hd-2024-01", …}, "numbers": ["02/BB-HĐTĐKT"], …}: a session's
// votes are found by the text of their payload first (ids hold no LIKE wildcard but '_', which
// only widens the match), then read as JSON.
engine::Result<std::vector<CouncilVote>> CouncilVotes(soci::session& sql,
                                                      const std::string& dossier,
                                                      const std::string& session) {
  std::vector<CouncilVote> votes;
  try {
    const std::string pattern = "%\"session\":\"" + session + "\"%";
    soci::rowset<soci::row> rows =
        dossier.empty() ? (sql.prepare << "SELECT dossier_id, payload FROM event_log"
                                          " WHERE event_type = 'council_vote' AND payload LIKE :p"
                                          " ORDER BY seq",
                           soci::use(pattern, "p"))
                        : (sql.prepare << "SELECT dossier_id, payload FROM event_log"
                                          " WHERE dossier_id = :d AND event_type = 'council_vote'"
                                          " ORDER BY seq",
                           soci::use(dossier, "d"));
    for (const soci::row& row : rows) {
      boost::system::error_code ec;
      const boost::json::value payload = boost::json::parse(row.get<std::string>(1), ec);
      const auto* record = ec ? nullptr : payload.if_object();
      const auto* command = record != nullptr ? record->if_contains("command") : nullptr;
      const auto* named = command != nullptr && command->is_object()
                              ? command->as_object().if_contains("session")
                              : nullptr;
      if (named == nullptr || !named->is_string()) continue;
      if (!session.empty() && named->as_string() != session) continue;
      CouncilVote vote;
      vote.dossier = row.get<std::string>(0);
      vote.session = std::string(named->as_string());
      const auto& votes_cast = command->as_object();
      if (const auto* yes = votes_cast.if_contains("yes"); yes != nullptr && yes->is_int64()) {
        vote.yes = static_cast<int>(yes->as_int64());
      }
      if (const auto* no = votes_cast.if_contains("no"); no != nullptr && no->is_int64()) {
        vote.no = static_cast<int>(no->as_int64());
      }
      const auto* to = record->if_contains("to");
      vote.passed = to != nullptr && to->is_string() && to->as_string() != "rejected";
      if (const auto* numbers = record->if_contains("numbers");
          numbers != nullptr && numbers->is_array()) {
        for (const auto& number : numbers->as_array()) {
          if (number.is_string() && number.as_string().find("/BB-") != boost::json::string::npos) {
            vote.minutes_number = std::string(number.as_string());
          }
        }
      }
      votes.push_back(std::move(vote));
    }
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "the council's votes");
  }
  return votes;
}

// The dossiers `ids` of `campaign` as a list prints them (another campaign's are left out), the
// award named as the dossier's rule pack names it.
engine::Result<std::vector<engine::NominationEntry>> Entries(
    soci::session& sql, db::Backend backend, const std::vector<std::string>& ids,
    const std::string& campaign, const engine::RulePackRegistry& packs) {
  std::vector<engine::NominationEntry> entries;
  for (const std::string& id : ids) {
    auto row = db::DossierStore(backend).Load(sql, engine::DossierId(id));
    if (!row.ok()) return row.status();
    const engine::DossierSnapshot& d = row->snapshot;
    if (d.campaign.value() != campaign) continue;
    std::string award_name = d.award.value();
    if (auto pack = packs.Find(d.rule_pack); pack.ok()) {
      if (const engine::AwardRule* award = (*pack)->FindAward(d.award)) award_name = award->name;
    }
    entries.push_back(engine::NominationEntry{d.id, d.unit, d.nominee, d.award, award_name,
                                              d.achievement_summary});
  }
  return entries;
}

}  // namespace

std::optional<DocumentFormat> ParseDocumentFormat(std::string_view name) {
  if (name == "docx") return DocumentFormat::kDocx;
  if (name == "pdf") return DocumentFormat::kPdf;
  return std::nullopt;
}

engine::Result<engine::DocumentFacts> LoadDocumentFacts(
    db::Database& db, const engine::CampaignId& campaign, const engine::RulePackRegistry& packs,
    const engine::AdministrativeMap* administration, std::chrono::sys_days dated,
    std::chrono::sys_days today) {
  engine::DocumentFacts facts;
  facts.today = today;
  auto sql = db.Acquire();
  auto commune = db::AdminStore(db.backend()).LoadCommune(*sql);
  if (commune.ok()) {
    facts.commune = std::move(*commune);
  } else if (commune.status().code() != engine::StatusCode::kNotFound) {
    return commune.status();
  }
  if (administration != nullptr) {
    facts.commune = engine::IssuerOn(*administration, facts.commune, dated, today);
  }
  auto loaded = db::DossierStore(db.backend()).LoadCampaign(*sql, campaign);
  if (!loaded.ok()) return loaded.status();
  facts.campaign = std::move(*loaded);
  auto units = db::DirectoryStore(db.backend()).ListUnits(*sql);
  if (!units.ok()) return units.status();
  for (const db::UnitRecord& unit : *units) facts.unit_names[unit.id] = unit.name;
  if (auto pack = packs.InForce(dated); pack.ok()) {
    facts.escalation_target = (*pack)->escalation_target;
  }
  if (administration != nullptr) {
    facts.higher_level_name =
        engine::HigherLevelOn(*administration, facts.escalation_target, dated);
  }
  return facts;
}

engine::Result<engine::DocumentFacts> LoadDocumentFacts(
    db::Database& db, const engine::Round& round, const engine::RulePackRegistry& packs,
    const engine::AdministrativeMap* administration, std::chrono::sys_days today) {
  auto facts = LoadDocumentFacts(db, round.campaign, packs, administration,
                                 round.signed_on.value_or(today), today);
  if (!facts.ok()) return facts;
  // The minutes of the sessions that voted on the listed dossiers (their last vote each), each
  // with the commune whose council kept them: two bodies may each have a 01/BB-HĐTĐKT.
  auto sql = db.Acquire();
  std::vector<engine::DocumentFacts::Minutes>& minutes = facts->minutes;
  for (const engine::RoundLine& line : round.lines) {
    auto votes = CouncilVotes(*sql, line.dossier.value(), "");
    if (!votes.ok()) return votes.status();
    const CouncilVote* last = nullptr;
    for (const CouncilVote& vote : *votes) {
      if (!vote.minutes_number.empty()) last = &vote;
    }
    if (last == nullptr) continue;
    engine::DocumentFacts::Minutes cited{last->minutes_number, ""};
    if (administration != nullptr) {
      // A vote naming a session that was never recorded: the document's own council.
      auto session = db::DirectoryStore(db.backend()).LoadCouncilSession(*sql, last->session);
      if (session.ok()) {
        if (auto held_on = engine::calendar::ParseDate(session->date); held_on.ok()) {
          cited.commune = engine::CouncilCommuneOn(*administration, *held_on);
        }
      } else if (session.status().code() != engine::StatusCode::kNotFound) {
        return session.status();
      }
    }
    if (std::none_of(minutes.begin(), minutes.end(), [&](const auto& m) {
          return m.number == cited.number && m.commune == cited.commune;
        })) {
      minutes.push_back(std::move(cited));
    }
  }
  return facts;
}

engine::Result<engine::NominationSession> LoadNominationSession(
    db::Database& db, const std::string& session_id, const engine::RulePackRegistry& packs,
    std::chrono::sys_days today, engine::CampaignId& campaign) {
  auto sql = db.Acquire();
  auto session = db::DirectoryStore(db.backend()).LoadCouncilSession(*sql, session_id);
  if (!session.ok()) return session.status();
  auto date = engine::calendar::ParseDate(session->date);
  if (!date.ok()) return engine::Status::Unavailable("council session " + session_id + ": date");
  campaign = engine::CampaignId(session->campaign_id);

  // The dossiers put to it: its agenda when the secretariat recorded one; otherwise those its
  // votes name, in the order they were voted on, and, for a session not yet past, what awaits
  // the council now.
  std::vector<std::string> ids = session->agenda;
  if (ids.empty()) {
    // The dossiers its votes name, in the order they were voted on (a dossier once).
    auto votes = CouncilVotes(*sql, "", session_id);
    if (!votes.ok()) return votes.status();
    for (const CouncilVote& vote : *votes) {
      if (vote.session == session_id &&
          std::find(ids.begin(), ids.end(), vote.dossier) == ids.end()) {
        ids.push_back(vote.dossier);
      }
    }
    // A session not yet past: what awaits the council now is its agenda.
    if (*date >= today) {
      db::DossierFilter filter;
      filter.state = "council_review";
      filter.campaign = session->campaign_id;
      filter.limit = 200;
      while (true) {
        auto page = db::DossierQuery(db.backend()).List(*sql, filter);
        if (!page.ok()) return page.status();
        for (const db::DossierRow& row : page->rows) {
          const std::string id = row.snapshot.id.value();
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
        if (!page->cursor) break;
        filter.after = *page->cursor;
      }
    }
  }

  auto entries = Entries(*sql, db.backend(), ids, session->campaign_id, packs);
  if (!entries.ok()) return entries.status();
  return engine::NominationSession{session_id, *date, std::move(*entries)};
}

engine::Result<engine::CouncilMinutes> LoadCouncilMinutes(db::Database& db,
                                                          const std::string& session_id,
                                                          const engine::RulePackRegistry& packs,
                                                          engine::CampaignId& campaign) {
  auto sql = db.Acquire();
  auto session = db::DirectoryStore(db.backend()).LoadCouncilSession(*sql, session_id);
  if (!session.ok()) return session.status();
  auto date = engine::calendar::ParseDate(session->date);
  if (!date.ok()) return engine::Status::Unavailable("council session " + session_id + ": date");
  campaign = engine::CampaignId(session->campaign_id);
  engine::CouncilMinutes minutes;
  minutes.session.id = engine::CouncilSessionId(session_id);
  minutes.session.campaign = campaign;
  minutes.session.held_on = *date;
  minutes.session.place = session->place;
  minutes.session.chair = session->chair;
  minutes.session.members = session->roster;
  auto votes = CouncilVotes(*sql, "", session_id);
  if (!votes.ok()) return votes.status();
  // The agenda, else the dossiers voted on, in the order they were.
  std::vector<std::string> ids = session->agenda;
  for (const CouncilVote& vote : *votes) {
    if (minutes.number.empty()) minutes.number = vote.minutes_number;
    if (session->agenda.empty() && std::find(ids.begin(), ids.end(), vote.dossier) == ids.end()) {
      ids.push_back(vote.dossier);
    }
  }
  auto entries = Entries(*sql, db.backend(), ids, session->campaign_id, packs);
  if (!entries.ok()) return entries.status();
  for (engine::NominationEntry& entry : *entries) {
    engine::MinutesItem item{std::move(entry), std::nullopt, std::nullopt, false};
    for (const CouncilVote& vote : *votes) {  // the last vote on it at this session
      if (vote.dossier == item.entry.dossier.value()) {
        item.yes = vote.yes;
        item.no = vote.no;
        item.passed = vote.passed;
      }
    }
    minutes.items.push_back(std::move(item));
  }
  return minutes;
}

engine::Result<RenderedDocument> Render(const engine::OfficialDocument& document,
                                        DocumentFormat format) {
  auto docx = WriteDocx(document);
  if (!docx.ok()) return docx.status();
  if (format == DocumentFormat::kDocx) {
    return RenderedDocument{std::move(*docx), kDocxContentType, document.file_name + ".docx"};
  }
  auto pdf = ConvertDocxToPdf(*docx);
  if (!pdf.ok()) return pdf.status();
  return RenderedDocument{std::move(*pdf), kPdfContentType, document.file_name + ".pdf"};
}

}  // namespace tdkt::adapters::documents
