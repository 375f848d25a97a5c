#pragma once
// The reference case's two rule packs (Thanh Hóa 2024 and from 1 July 2025) and campaign, built in
// code. config/rules/*.yaml says the same; tests/adapters/config/rule_pack_loader_test.cpp checks
// that the YAML loads into exactly these structs. Test-only.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/domain.hpp"
#include "engine/rule_pack.hpp"

namespace tdkt::testing {

namespace reference_packs_detail {

using engine::AwardId;
using engine::AwardRule;
using engine::CouncilThreshold;
using engine::DocumentKind;
using engine::Level;
using engine::NomineeKind;
using engine::ThresholdRule;

inline std::vector<DocumentKind> StandardDocuments() {
  return {DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport,
          DocumentKind::kReviewMinutes};
}

inline AwardRule Award(const char* id, const char* name, std::vector<NomineeKind> kinds,
                       Level level, int appraisal_days,
                       CouncilThreshold threshold = {ThresholdRule::kMajorityOfPresent, 0}) {
  return AwardRule{AwardId(id),         name,      std::move(kinds), level,
                   StandardDocuments(), threshold, appraisal_days,   {}};
}

// The prize coefficients (thousandths of the base salary) the decrees set, per award and nominee
// kind; 0 where the pack gives no prize (no_prize). Nghị định 98/2023/NĐ-CP for the 2024 pack
// (Điều 54: danh hiệu; Điều 58 khoản 1 điểm g: the commune Chairman's Giấy khen), Nghị định
// 152/2025/NĐ-CP for the 2025 pack (Điều 50; Điều 54 khoản 1 điểm b, e; households 1,5 × the
// individual's prize).
inline std::int64_t Coefficient(bool district_exists, const std::string& award, NomineeKind kind) {
  const bool individual = kind == NomineeKind::kIndividual;
  const bool household = kind == NomineeKind::kHousehold;
  if (award == "giay_khen_xa") {
    if (individual) return district_exists ? 150 : 300;
    if (household) return district_exists ? 0 : 450;
    return 0;
  }
  if (award == "lao_dong_tien_tien") return 300;
  if (award == "chien_si_thi_dua_co_so") return 1000;
  if (award == "tap_the_lao_dong_tien_tien") return 800;
  if (award == "thon_van_hoa") return 1500;
  if (award == "bang_khen_tinh" && individual && !district_exists) return 1500;
  return 0;  // gia_dinh_van_hoa, giay_khen_huyen, the rest of bang_khen_tinh
}

inline void SetPrizes(std::vector<AwardRule>& awards, bool district_exists) {
  for (AwardRule& award : awards) {
    for (NomineeKind kind : award.nominee_kinds) {
      engine::PrizeRule prize;
      prize.kind = kind;
      const std::int64_t coefficient = Coefficient(district_exists, award.id.value(), kind);
      if (coefficient > 0) prize.coefficient_thousandths = coefficient;
      prize.basis = district_exists ? "Nghị định 98/2023/NĐ-CP" : "Nghị định 152/2025/NĐ-CP";
      award.prizes.push_back(prize);
    }
  }
}

inline engine::RulePack CommonPack() {
  engine::RulePack pack;
  pack.province = "Thanh Hóa";
  pack.quorum = {2, 3};
  pack.deadlines = {5, 5, 20};
  pack.remind_before_working_days = {3, 1};
  pack.procedures = {
      {engine::Procedure::kCampaign, "Theo phong trào thi đua, chuyên đề", std::nullopt,
       std::nullopt},
      {engine::Procedure::kAdHoc, "Khen thưởng đột xuất",
       std::vector<DocumentKind>{DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport},
       10},
      {engine::Procedure::kSimplified, "Thủ tục đơn giản",
       std::vector<DocumentKind>{DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport},
       5, std::vector<engine::AwardCategory>{engine::AwardCategory::kCommendation}},
  };
  return pack;
}

inline std::vector<AwardRule> Awards(bool district_exists) {
  const Level above = district_exists ? Level::kDistrict : Level::kCommune;
  const auto all = std::vector<NomineeKind>{NomineeKind::kIndividual, NomineeKind::kCollective,
                                            NomineeKind::kHousehold};
  std::vector<AwardRule> awards = {
      Award("giay_khen_xa", "Giấy khen của Chủ tịch UBND xã", all, Level::kCommune, 10),
      Award("lao_dong_tien_tien", "Lao động tiên tiến", {NomineeKind::kIndividual}, Level::kCommune,
            10),
      Award("gia_dinh_van_hoa", "Gia đình văn hóa", {NomineeKind::kHousehold}, Level::kCommune, 10),
      Award("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", {NomineeKind::kIndividual}, above,
            20, {ThresholdRule::kShareOfAllMembers, 80}),
      Award("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", {NomineeKind::kCollective},
            above, 10),
      Award("thon_van_hoa", "Thôn văn hóa", {NomineeKind::kCollective}, above, 10),
  };
  awards[3].required_documents.push_back(DocumentKind::kInitiativeCertificate);
  if (district_exists) {
    awards.push_back(
        Award("giay_khen_huyen", "Giấy khen của Chủ tịch UBND huyện", all, Level::kDistrict, 10));
  }
  awards.push_back(Award("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh",
                         {NomineeKind::kIndividual, NomineeKind::kCollective}, Level::kProvince,
                         20));
  SetPrizes(awards, district_exists);
  for (AwardRule& award : awards) {
    const std::string& id = award.id.value();
    if (id == "giay_khen_xa" || id == "giay_khen_huyen" || id == "bang_khen_tinh") {
      award.category = engine::AwardCategory::kCommendation;
    }
  }
  return awards;
}

}  // namespace reference_packs_detail

inline engine::RulePack ThanhHoa2024Pack() {
  using namespace std::chrono;
  engine::RulePack pack = reference_packs_detail::CommonPack();
  pack.id = engine::RulePackId("thanh_hoa_2024");
  pack.name = "Thanh Hóa 2024 (có cấp huyện)";
  pack.effective_from = sys_days(year(2024) / January / 1);
  pack.escalation_target = engine::Level::kDistrict;
  pack.awards = reference_packs_detail::Awards(true);
  return pack;
}

inline engine::RulePack ThanhHoa2025Pack() {
  using namespace std::chrono;
  engine::RulePack pack = reference_packs_detail::CommonPack();
  pack.id = engine::RulePackId("thanh_hoa_2025");
  pack.name = "Thanh Hóa từ 1/7/2025 (chính quyền hai cấp)";
  pack.effective_from = sys_days(year(2025) / July / 1);
  pack.escalation_target = engine::Level::kProvince;
  pack.awards = reference_packs_detail::Awards(false);
  pack.takes_over = engine::Takeover{
      engine::RulePackId("thanh_hoa_2024"),
      "Nghị quyết số 190/2025/QH15, Điều 5 khoản 2",
      {engine::EndedAward{engine::AwardId("giay_khen_huyen"),
                          "Hình thức Giấy khen của Chủ tịch UBND huyện không còn"}}};
  return pack;
}

// Bình Lương commune's 2024 plan, with every award of both packs allowed.
inline engine::Campaign BinhLuong2024Campaign() {
  using namespace std::chrono;
  engine::Campaign campaign;
  campaign.id = engine::CampaignId("binh-luong-2024-75-nam");
  campaign.name =
      "Phong trào thi đua chào mừng kỷ niệm 75 năm thành lập Đảng bộ huyện (25/8/1949 - 25/8/2024)";
  campaign.plan_number = "/KH-UBND";  // the plan's number is left blank in the reference text
  campaign.procedure = engine::Procedure::kCampaign;
  for (const char* id :
       {"giay_khen_xa", "lao_dong_tien_tien", "gia_dinh_van_hoa", "chien_si_thi_dua_co_so",
        "tap_the_lao_dong_tien_tien", "thon_van_hoa", "giay_khen_huyen", "bang_khen_tinh"}) {
    campaign.allowed_awards.emplace_back(id);
  }
  campaign.nomination_cutoff = sys_days(year(2024) / July / 31);
  campaign.ceremony = sys_days(year(2024) / August / 25);
  return campaign;
}

}  // namespace tdkt::testing
