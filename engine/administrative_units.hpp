#pragma once
// Administrative units as data: communes and the levels above them, with the dates they existed
// and their successors (DOMAIN.md, "Administrative units change"). On 1/7/2025 the district level
// ended (Luật Tổ chức chính quyền địa phương 72/2025/QH15) and communes were merged; an install
// keeps the records of its commune across such a change, and each issuing body numbers its own
// documents.
//
// Plain values filled by adapters/config/administration_loader; a const map is safe to share.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// Who signed for a commune's People's Committee, as its documents print it under the signature.
struct Signer {
  std::string name;   // "Lê Đình Tuấn"
  std::string title;  // "Chủ tịch"; empty: the document says CHỦ TỊCH
};

struct AdministrativeUnit {
  std::string id;    // "xa-binh-luong"
  std::string name;  // "Xã Bình Lương"
  Level level = Level::kCommune;
  std::optional<std::string> parent;                 // the unit above it, while it existed
  std::optional<std::chrono::sys_days> valid_from;   // absent: before the records begin
  std::optional<std::chrono::sys_days> valid_until;  // its last day; absent: it exists today
  std::optional<std::string> successor;  // the unit that carries on its tasks and records
  std::string basis;  // the act that created or ended it; required when it has either date
  // Who signs its documents when it is no longer the commune in force (the admin's settings name
  // today's Chairman, not an earlier body's); absent: the document leaves dots to fill.
  std::optional<Signer> signer;

  bool ExistsOn(std::chrono::sys_days day) const;
};

class AdministrativeMap {
 public:
  AdministrativeMap() = default;
  // Checks: ids unique and not empty, names given, a parent or successor that is a unit of the
  // map, a successor of a unit with an end date that starts the day after it, valid_from not
  // after valid_until, a legal basis for every dated unit, a signer with a name, and `commune`
  // (the install's first commune) a commune of the map. The message names the unit and the field.
  static Result<AdministrativeMap> Create(std::vector<AdministrativeUnit> units,
                                          std::string commune);

  const AdministrativeUnit* Find(std::string_view id) const;
  // The install's commune on `day`: its first commune, or the successor carrying its records on
  // that day. kNotFound before the first commune existed or for a unit without a successor.
  Result<const AdministrativeUnit*> CommuneOn(std::chrono::sys_days day) const;
  // The key that numbers the documents of the issuing body in force on `day`: empty for the
  // install's first commune (its series are those it kept before units had dates), the unit's
  // id for a successor, whose series start at 01.
  std::string SeriesKeyOn(std::chrono::sys_days day) const;

  const std::vector<AdministrativeUnit>& units() const { return units_; }
  const std::string& commune() const { return commune_; }

 private:
  std::vector<AdministrativeUnit> units_;
  std::string commune_;
};

}  // namespace tdkt::engine
