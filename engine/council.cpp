#include "engine/council.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace tdkt::engine {
namespace {

struct RoleRow {
  CouncilRole role;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<RoleRow, 4> kRoles = {{
    {CouncilRole::kChuTich, "chu_tich", "Chủ tịch Hội đồng"},
    {CouncilRole::kPhoChuTich, "pho_chu_tich", "Phó Chủ tịch Hội đồng"},
    {CouncilRole::kUyVienThuongTruc, "uy_vien_thuong_truc", "Ủy viên thường trực"},
    {CouncilRole::kUyVien, "uy_vien", "Ủy viên"},
}};

constexpr std::array<std::pair<Ballot, std::string_view>, 2> kBallots = {{
    {Ballot::kShowOfHands, "show_of_hands"},
    {Ballot::kSecret, "secret"},
}};

bool Blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

Status Invalid(const std::string& field, const std::string& what) {
  return Status::InvalidArgument("council_session." + field + ": " + what);
}

}  // namespace

std::string_view CouncilRoleName(CouncilRole role) {
  for (const RoleRow& row : kRoles) {
    if (row.role == role) return row.name;
  }
  return {};
}

std::string_view CouncilRoleLabel(CouncilRole role) {
  for (const RoleRow& row : kRoles) {
    if (row.role == role) return row.label;
  }
  return {};
}

std::optional<CouncilRole> ParseCouncilRole(std::string_view name) {
  for (const RoleRow& row : kRoles) {
    if (row.name == name) return row.role;
  }
  return std::nullopt;
}

std::string_view BallotName(Ballot ballot) {
  for (const auto& [value, name] : kBallots) {
    if (value == ballot) return name;
  }
  return {};
}

std::optional<Ballot> ParseBallot(std::string_view name) {
  for (const auto& [value, row_name] : kBallots) {
    if (row_name == name) return value;
  }
  return std::nullopt;
}

int CouncilSession::PresentCount() const {
  return static_cast<int>(
      std::count_if(members.begin(), members.end(), [](const auto& m) { return m.present; }));
}

Status CheckCouncilSession(const CouncilSession& session) {
  if (session.members.empty()) {
    return Invalid("members", "at least one member required (each with name, role and present)");
  }
  if (session.MemberCount() > kMaxCouncilMembers) {
    return Invalid("members", "at most " + std::to_string(kMaxCouncilMembers) + " members, got " +
                                  std::to_string(session.MemberCount()));
  }
  std::optional<std::size_t> chu_tich;
  for (std::size_t i = 0; i < session.members.size(); ++i) {
    const CouncilMember& member = session.members[i];
    const std::string field = "members[" + std::to_string(i) + "]";
    if (Blank(member.name)) return Invalid(field + ".name", "required");
    for (std::size_t j = 0; j < i; ++j) {
      if (session.members[j].name == member.name) {
        return Invalid(field + ".name", "\"" + member.name + "\" is listed twice (also members[" +
                                            std::to_string(j) + "])");
      }
    }
    if (member.role == CouncilRole::kChuTich) {
      if (chu_tich) {
        return Invalid(field + ".role", "a council has one chu_tich, and members[" +
                                            std::to_string(*chu_tich) + "] is chu_tich");
      }
      chu_tich = i;
    }
  }
  if (!chu_tich) return Invalid("members", "no member is chu_tich (Chủ tịch Hội đồng)");
  if (Blank(session.place)) return Invalid("place", "required");
  if (Blank(session.chair)) return Invalid("chair", "required");
  const auto chair = std::find_if(session.members.begin(), session.members.end(),
                                  [&](const auto& m) { return m.name == session.chair; });
  if (chair == session.members.end()) {
    return Invalid("chair", "\"" + session.chair + "\" is not one of the session's members");
  }
  if (!chair->present) {
    return Invalid("chair", "\"" + session.chair + "\" was not present; the chair is present");
  }
  for (std::size_t i = 0; i < session.agenda.size(); ++i) {
    const std::string field = "agenda[" + std::to_string(i) + "]";
    if (!IsValidId(session.agenda[i].value())) {
      return Invalid(field, "expected a dossier id, got \"" + session.agenda[i].value() + "\"");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (session.agenda[j] == session.agenda[i]) {
        return Invalid(field, "dossier " + session.agenda[i].value() +
                                  " is on the agenda twice (also agenda[" + std::to_string(j) +
                                  "])");
      }
    }
  }
  return Status::Ok();
}

Status CheckAgenda(const CouncilSession& session, const AgendaFacts& found) {
  for (std::size_t i = 0; i < session.agenda.size(); ++i) {
    const DossierId& dossier = session.agenda[i];
    const std::string field = "agenda[" + std::to_string(i) + "]";
    const auto it = found.find(dossier);
    if (it == found.end()) return Invalid(field, "no dossier " + dossier.value());
    if (it->second != session.campaign) {
      return Invalid(field, "dossier " + dossier.value() + " belongs to campaign '" +
                                it->second.value() + "', not the session's '" +
                                session.campaign.value() + "'");
    }
  }
  return Status::Ok();
}

}  // namespace tdkt::engine
