#pragma once
// `tdkt calendar …`: the working-day calendar and the Vietnamese lunar calendar on the command
// line, in Vietnamese, or as JSON with --json.
//
//   tdkt calendar holidays YEAR                 days off beyond weekends, and working Saturdays;
//                                               the year's notices, or that it is provisional
//   tdkt calendar add-working-days DATE N       the N-th working day after DATE, and its deadline
//   tdkt calendar working-days-between FROM TO  working days in (FROM, TO]
//   tdkt calendar lunar DATE                    the lunar date of a solar date
//   tdkt calendar solar LUNAR_DATE [--leap]     the solar date of a lunar date
//
// add-working-days and working-days-between add a "TẠM TÍNH" note (JSON: "provisional": true)
// when they count through a year without an official notice (WorkingCalendar::IsProvisional).
// Dates are YYYY-MM-DD or DD/MM/YYYY, within the years the calendar covers (1900–2100,
// engine/calendar/date_text.hpp); add-working-days takes |N| <= 100,000. The calendar's data is
// found the way `tdkt serve` finds it: paths.calendar of --config FILE (else of the file named by
// TDKT_CONFIG), else the default calendar: config/calendar when the working directory is a
// checkout, else the installed data's (adapters/cli/data_paths.hpp), so it works from any
// directory. Bad input (or a bad calendar configuration) prints one line "tdkt: error: …" on
// stderr (Fail in commands.hpp) and sets context.exit_code to 2.
// Runs on the main thread during parsing; not meant for concurrent use.

#include "adapters/cli/commands.hpp"

namespace tdkt::adapters::cli {

// Adds the `calendar` subcommand and its five subcommands to `app`. The calendar configuration is
// read only when a calendar subcommand runs, so other commands never depend on it.
void AddCalendarCommand(CLI::App& app, CommandContext& context);

}  // namespace tdkt::adapters::cli
