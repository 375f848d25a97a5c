#include "adapters/notify/recipients.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::notify {
namespace {

void AddDistinct(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

engine::Result<Addresses> ResolveRecipient(soci::session& sql, const std::string& recipient,
                                           const std::string& default_webhook) {
  Addresses out;
  const auto at = recipient.find('@');
  std::string role = recipient.substr(0, at);
  std::string unit = at == std::string::npos ? "" : recipient.substr(at + 1);
  try {
    std::string email;
    soci::statement users =
        unit.empty()
            ? (sql.prepare << "SELECT email FROM users WHERE role = :r AND active = 1"
                              " AND email IS NOT NULL AND email <> '' ORDER BY id",
               soci::into(email), soci::use(role))
            : (sql.prepare << "SELECT email FROM users WHERE role = :r AND unit_id = :u"
                              " AND active = 1 AND email IS NOT NULL AND email <> '' ORDER BY id",
               soci::into(email), soci::use(role), soci::use(unit));
    users.execute();
    while (users.fetch()) AddDistinct(out.emails, email);
    if (!unit.empty()) {
      std::string unit_email;
      std::string webhook;
      soci::indicator email_ind = soci::i_null;
      soci::indicator webhook_ind = soci::i_null;
      sql << "SELECT email, webhook_url FROM units WHERE id = :u",
          soci::into(unit_email, email_ind), soci::into(webhook, webhook_ind), soci::use(unit);
      if (sql.got_data()) {
        if (out.emails.empty() && email_ind == soci::i_ok) AddDistinct(out.emails, unit_email);
        if (webhook_ind == soci::i_ok) AddDistinct(out.webhooks, webhook);
      }
    }
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "resolve the addresses of " + recipient);
  }
  if (out.webhooks.empty()) AddDistinct(out.webhooks, default_webhook);
  return out;
}

}  // namespace tdkt::adapters::notify
