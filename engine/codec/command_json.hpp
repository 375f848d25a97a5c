#pragma once
// Events and dossiers as JSON: the event payloads the audit log stores and the HTTP API speaks,
// and the dossier snapshot the store keeps beside its projection columns.
//
// Keys are snake_case; document kinds, states and roles by their stable names; dates
// "YYYY-MM-DD". Parsing is strict: every field docs/openapi.yaml requires must be present (absent
// or null is InvalidArgument "payload.yes: required"), unknown fields, wrong types and unknown
// names are InvalidArgument naming the field. Guards, not the parser, judge whether a present value
// is acceptable (a blank reason parses and the lifecycle refuses it). The audit log is read with
// the same functions: every record it holds was written with all of its fields. Pure functions,
// any thread.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/commands.hpp"
#include "engine/dossier.hpp"
#include "engine/drafting.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::codec {

// The payload of a command (without its type, which is EventName(TypeOf(command))).
boost::json::object CommandPayload(const Command& command);
// The command of type `type` from its payload (null or {} for events without one).
Result<Command> ParseCommand(EventType type, const boost::json::value& payload);
// Both at once from {"type": "...", "payload": {...}}.
Result<Command> ParseTypedCommand(std::string_view type, const boost::json::value& payload);

// The decision and submission a signing gives each dossier (the approve / escalate payloads).
boost::json::object DecisionRefToJson(const DecisionRef& ref);
Result<DecisionRef> ParseDecisionRef(const boost::json::value& value);
boost::json::object SubmissionRefToJson(const SubmissionRef& ref);
Result<SubmissionRef> ParseSubmissionRef(const boost::json::value& value);

boost::json::object NomineeToJson(const Nominee& nominee);
// The nominee as NomineeToJson writes it (every field).
Result<Nominee> ParseNominee(const boost::json::value& value);
// A nominee sent to create a dossier (docs/openapi.yaml NomineeInput): `id` may be left out.
Result<Nominee> ParseNomineeInput(const boost::json::value& value);

// A document's attachment as its audit record keeps it (engine/drafting.hpp).
boost::json::object AttachmentToJson(const Attachment& attachment);
Result<Attachment> ParseAttachment(const boost::json::value& value);

boost::json::object SnapshotToJson(const DossierSnapshot& dossier);
Result<DossierSnapshot> ParseSnapshot(const boost::json::value& value);

}  // namespace tdkt::engine::codec
