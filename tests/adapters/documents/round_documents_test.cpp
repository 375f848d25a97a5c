// A document names the issuing body in force on its date (adapters/documents/round_documents with
// engine/document_issuer), on both backends: after the merger of 1/7/2025 the admin renames the
// commune "Xã Hóa Quỳ", and xã Bình Lương's decision and council minutes of 2024 still render
// under xã Bình Lương; a decision signed from 1/7/2025 renders under xã Hóa Quỳ with the settings'
// Chairman, citing the minutes of xã Bình Lương's council as that council's. The DOCX is read back
// with libzip and its text searched, as docx_writer_test does.

#include "adapters/documents/round_documents.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "adapters/db/admin_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/council_minutes.hpp"
#include "tests/adapters/support/apply_fixture.hpp"
#include "tests/adapters/support/zip_entry.hpp"

namespace tdkt::adapters::documents {
namespace {

using namespace engine;
using namespace testing::lifecycle_detail;
using std::chrono::sys_days;

sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

using testing::DocxText;

class IssuingBody : public testing::LifecycleApplyTest {
 protected:
  void SetUp() override {
    LifecycleApplyTest::SetUp();
    if (HasFatalFailure()) return;
    administration_ = config::LoadAdministrationFile(TDKT_SOURCE_DIR "/config/administration.yaml");
  }

  // The admin's settings after the merger: the commune renamed, the new commune's Chairman.
  void RenameToHoaQuy() {
    Actor admin;
    admin.user = UserId("quan-tri");
    admin.role = Role::kAdmin;
    const CommuneSettings settings{"Xã Hóa Quỳ", "Thanh Hóa", "UBND", "Trần Văn Mới", "Chủ tịch"};
    ASSERT_TRUE(db::RunInTransaction(*db_, [&](soci::session& sql) {
                  return db::AdminStore(db_->backend()).SetCommune(sql, settings, admin, now_);
                }).ok());
  }

  // Dossier "a" brought to the Chairman and approved alone: a decision of 2024 (01/QĐ-UBND).
  Round SignedDecision() {
    ToChairman("a", "giay_khen_xa");
    if (HasFatalFailure()) return Round{};
    auto signed_round = rounds_->DecideAlone(RoundKind::kDecision, DossierId("a"),
                                             "Về việc tặng Giấy khen", Chairman(), "sign-a", now_);
    EXPECT_TRUE(signed_round.ok()) << signed_round.status().ToString();
    return signed_round.ok() ? signed_round->round : Round{};
  }

  std::string DecisionText(const Round& round, const AdministrativeMap* map) {
    auto facts = LoadDocumentFacts(*db_, round, packs_, map, kToday);
    EXPECT_TRUE(facts.ok()) << facts.status().ToString();
    if (!facts.ok()) return "";
    auto rendered = Render(RoundDocument(round, *facts), DocumentFormat::kDocx);
    EXPECT_TRUE(rendered.ok()) << rendered.status().ToString();
    return rendered.ok() ? DocxText(rendered->bytes) : "";
  }

  const sys_days kToday = Day(2026, 11, 27);
  std::optional<AdministrativeMap> administration_;
};

TEST_P(IssuingBody, ADecisionSignedBeforeTheMergerNamesBinhLuongAfterTheRename) {
  const Round round = SignedDecision();
  RenameToHoaQuy();
  ASSERT_TRUE(round.signed_on.has_value());
  ASSERT_LT(*round.signed_on, Day(2025, 7, 1));

  const std::string text = DecisionText(round, &*administration_);
  EXPECT_NE(text.find("XÃ BÌNH LƯƠNG"), std::string::npos) << text;
  EXPECT_NE(text.find("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH LƯƠNG"), std::string::npos) << text;
  EXPECT_NE(text.find("Bình Lương, ngày"), std::string::npos) << text;
  EXPECT_EQ(text.find("Hóa Quỳ"), std::string::npos) << text;
  EXPECT_EQ(text.find("HÓA QUỲ"), std::string::npos) << text;
  // Today's Chairman did not sign it; the shipped administration.yaml names no earlier signer.
  EXPECT_EQ(text.find("Trần Văn Mới"), std::string::npos) << text;
  EXPECT_NE(text.find("……………"), std::string::npos) << text;
  EXPECT_NE(text.find("Số: " + round.number), std::string::npos) << text;

  // Without administration.yaml the settings are all there is, as before.
  const std::string plain = DecisionText(round, nullptr);
  EXPECT_NE(plain.find("XÃ HÓA QUỲ"), std::string::npos) << plain;
  EXPECT_NE(plain.find("Trần Văn Mới"), std::string::npos) << plain;

  // The minutes of the session that voted on it, held 5/8/2024.
  CampaignId campaign;
  auto minutes = LoadCouncilMinutes(*db_, "hd-2024-08-05", packs_, campaign);
  ASSERT_TRUE(minutes.ok()) << minutes.status().ToString();
  auto facts = LoadDocumentFacts(*db_, campaign, packs_, &*administration_,
                                 minutes->session.held_on, kToday);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  auto rendered = Render(MinutesDocument(*minutes, *facts), DocumentFormat::kDocx);
  ASSERT_TRUE(rendered.ok()) << rendered.status().ToString();
  const std::string record = DocxText(rendered->bytes);
  EXPECT_NE(record.find("Hội đồng Thi đua - Khen thưởng xã Bình Lương"), std::string::npos)
      << record;
  EXPECT_EQ(record.find("Hóa Quỳ"), std::string::npos) << record;
}

TEST_P(IssuingBody, ADecisionSignedAfterTheMergerNamesHoaQuyAndTheSettingsChairman) {
  // The same list as the successor's first decision would print it, signed 10/7/2025.
  Round round = SignedDecision();
  RenameToHoaQuy();
  round.signed_on = Day(2025, 7, 10);
  round.number = "01/QĐ-UBND";

  const std::string text = DecisionText(round, &*administration_);
  EXPECT_NE(text.find("XÃ HÓA QUỲ"), std::string::npos) << text;
  EXPECT_NE(text.find("Hóa Quỳ, ngày 10 tháng 7 năm 2025"), std::string::npos) << text;
  EXPECT_NE(text.find("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÓA QUỲ"), std::string::npos) << text;
  EXPECT_NE(text.find("Trần Văn Mới"), std::string::npos) << text;
  EXPECT_EQ(text.find("BÌNH LƯƠNG"), std::string::npos) << text;
  // Its dossier was voted on by xã Bình Lương's council (5/8/2024): those minutes are cited as
  // that council's, the only mention of the former commune.
  EXPECT_NE(text.find("Căn cứ Biên bản họp số 01/BB-HĐTĐKT của Hội đồng Thi đua - Khen thưởng "
                      "xã Bình Lương;"),
            std::string::npos)
      << text;
  const std::size_t first = text.find("Bình Lương");
  EXPECT_EQ(text.find("Bình Lương", first + 1), std::string::npos) << text;
}

TDKT_ON_BOTH_BACKENDS(IssuingBody);

}  // namespace
}  // namespace tdkt::adapters::documents
