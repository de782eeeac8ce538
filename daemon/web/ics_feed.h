// The iCalendar (RFC 5545) feed of one agency, served by the daemon as
// GET /calendar/{slug}.ics: the deadlines of the tasks it leads or cooperates
// on, itself or through a group it belongs to, as all-day events, and the review dates of its recurring tasks as
// recurring events. Pure: the plan state, the configuration and the agency
// directory go in, the calendar text comes out; the caller passes the time.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "agency/agency_directory.h"
#include "calendar/working_calendar.h"
#include "app/plan_state.h"
#include "common/result.h"
#include "config/config.h"

namespace nhacviec::web {

// "so-tai-chinh": an agency's name as it appears in URLs: lower-case ASCII,
// diacritics removed, đ → d, runs of anything else (spaces, punctuation)
// turned into one '-', none at either end. "" when nothing is left.
std::string agency_slug(std::string_view name);

// The calendar of one agency, named by its slug ("so-tai-chinh"), or by its
// name or an alias as the directory matches them ("Sở Tài chính", "STC"). The
// tasks it leads or cooperates on are those that name it or a group it belongs
// to (a member of the group in the directory, or of a group that is one):
//  - a VEVENT per task it leads or cooperates on (the latter marked
//    "(phối hợp)" in the summary) that has a fixed or period deadline: an
//    all-day event on the legal end of the deadline (Civil Code Art. 148);
//  - a VEVENT per recurring task (and per multi-year period's yearly progress
//    review) on its first nominal review date, with an RRULE for the next
//    ones (FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=3 for quarterly reviews,
//    FREQ=YEARLY for yearly ones, …). The legal end of an occurrence that
//    falls on a day off is the next working day; the event says so.
// Done tasks stay (a calendar is history too), with "(đã hoàn thành)" in the
// summary; tasks without a date have no event. UIDs are stable
// ("90-KH-UBND-2026.I.3.deadline@nhacviec"), DTSTAMP is `now`. Lines end in
// CRLF and are folded at 75 octets without splitting a UTF-8 sequence.
// `calendar` gives the legal ends. Error: `unknown agency "…"` when neither
// the directory nor any task knows the name.
Result<std::string> agency_calendar(const app::PlanState& state, const Config& config, const AgencyDirectory& directory,
                                    const WorkingCalendar& calendar, std::string_view agency,
                                    std::chrono::sys_seconds now);

}  // namespace nhacviec::web
