#pragma once
// A session of the Hội đồng TĐKT as the commune records it (DOMAIN.md, "Rounds"): its members by
// name with their council role, who was present, who chaired, where it sat, and its agenda (the
// dossiers put to it). The council_vote guards judge a vote against it; the secretariat records it
// before its votes.
//
// Plain values and pure functions; safe to share between threads.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// A member's seat on the council.
enum class CouncilRole {
  kChuTich,           // chu_tich: Chủ tịch Hội đồng (the commune's Chairman)
  kPhoChuTich,        // pho_chu_tich: Phó Chủ tịch Hội đồng
  kUyVienThuongTruc,  // uy_vien_thuong_truc: Ủy viên thường trực (the secretariat's head)
  kUyVien,            // uy_vien: Ủy viên
};
std::string_view CouncilRoleName(CouncilRole role);   // "chu_tich"
std::string_view CouncilRoleLabel(CouncilRole role);  // "Chủ tịch Hội đồng"
std::optional<CouncilRole> ParseCouncilRole(std::string_view name);

// How a council_vote was cast: by secret ballot of all members (an award whose threshold is a
// share of all members: absent members vote in writing), or by show of hands of those present.
enum class Ballot { kShowOfHands, kSecret };
std::string_view BallotName(Ballot ballot);  // "show_of_hands", "secret"
std::optional<Ballot> ParseBallot(std::string_view name);

struct CouncilMember {
  std::string name;
  CouncilRole role = CouncilRole::kUyVien;
  bool present = false;

  friend bool operator==(const CouncilMember&, const CouncilMember&) = default;
};

struct CouncilSession {
  CouncilSessionId id;
  CampaignId campaign;
  std::chrono::sys_days held_on{};
  std::string place;
  std::string chair;                   // the name of the member who chaired; present
  std::vector<CouncilMember> members;  // the whole council, present or not
  std::vector<DossierId> agenda;       // the dossiers put to it; empty: no agenda recorded

  int MemberCount() const { return static_cast<int>(members.size()); }
  int PresentCount() const;
};

// The most members a council may have.
inline constexpr int kMaxCouncilMembers = 1000;

// A session as the secretariat records it: 1 to kMaxCouncilMembers members, each named (names
// unique within the session), exactly one chu_tich; the chair names a member who was present; a
// place; agenda ids in the id form, none twice. InvalidArgument naming the field
// ("council_session.members[2].name: required") otherwise.
Status CheckCouncilSession(const CouncilSession& session);

// The campaign of each dossier an agenda names, as the store found it; a dossier it does not
// hold is absent.
using AgendaFacts = std::map<DossierId, CampaignId>;

// Every dossier on the agenda exists and belongs to the session's campaign. InvalidArgument naming
// the entry ("council_session.agenda[1]: no dossier bl24-099") otherwise.
Status CheckAgenda(const CouncilSession& session, const AgendaFacts& found);

}  // namespace tdkt::engine
