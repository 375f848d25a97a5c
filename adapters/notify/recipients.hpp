#pragma once
// Recipients: where an outbox row's recipient ("secretariat", "unit_officer@thon-1") is reached,
// from the users and units tables (migration 4: users.email, units.email, units.webhook_url).
//
// Pure functions of the session they are given; the caller owns the session and its thread.

#include <string>
#include <vector>

#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::notify {

struct Addresses {
  std::vector<std::string> emails;    // distinct, in a stable order
  std::vector<std::string> webhooks;  // distinct URLs
};

// The e-mail addresses of the active users holding the role (in the unit, for "role@unit"); for a
// unit-scoped recipient whose users have none, the unit's own address. The unit's webhook URL for a
// unit-scoped recipient, else `default_webhook` when not empty. Unavailable on a database error.
engine::Result<Addresses> ResolveRecipient(soci::session& sql, const std::string& recipient,
                                           const std::string& default_webhook);

}  // namespace tdkt::adapters::notify
