#pragma once
// `tdkt calendar …`: the working-day calendar and the Vietnamese lunar calendar on the command
// line, in Vietnamese, or as JSON with --json.
//
//   tdkt calendar holidays YEAR                 days off beyond weekends, and working Saturdays
//   tdkt calendar add-working-days DATE N       the N-th working day after DATE, and its deadline
//   tdkt calendar working-days-between FROM TO  working days in (FROM, TO]
//   tdkt calendar lunar DATE                    the lunar date of a solar date
//   tdkt calendar solar LUNAR_DATE [--leap]     the solar date of a lunar date
//
// Dates are YYYY-MM-DD or DD/MM/YYYY. Bad input (or a bad calendar configuration) prints one
// line "tdkt: error: …" on stderr (Fail in commands.hpp) and sets context.exit_code to 2.
// Runs on the main thread during parsing; not meant for concurrent use.

#include <functional>

#include "adapters/cli/commands.hpp"
#include "engine/calendar/working_calendar.hpp"

namespace tdkt::adapters::cli {

// Builds the calendar when a calendar subcommand runs (so other commands never read its
// configuration); a config::ConfigError it throws is reported as bad input (exit code 2).
using CalendarFactory = std::function<engine::calendar::WorkingCalendar()>;

// Adds the `calendar` subcommand and its five subcommands to `app`.
void AddCalendarCommand(CLI::App& app, CommandContext& context, CalendarFactory load_calendar);

}  // namespace tdkt::adapters::cli
