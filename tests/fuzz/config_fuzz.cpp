// Fuzz target: the readers of the configuration files, which the city edits
// by hand. Every input goes to each of them, so one corpus of TOML and
// template files serves all: the configuration (parse_config, with its
// [email], [webhook], [delivery] and [api] sections), the agency directory
// (AgencyDirectory::parse), the official holiday schedules
// (OfficialSchedules::parse, then the days off they give) and the message
// templates (Template::parse as text and as HTML, then rendered through
// kainjow-mustache). Checks that errors name the file and that what loads is
// consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "agency/agency_directory.h"
#include "calendar/holidays.h"
#include "config/config.h"
#include "content/template.h"

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

bool names(const std::string& message, std::string_view source) {
    return message.rfind(std::string(source) + ":", 0) == 0;
}

// Values a reminder and a digest template can use (config/templates/README.txt).
const nlohmann::json& context() {
    static const nlohmann::json values = nlohmann::json::parse(R"({
        "to": "Sở Tài chính", "cc_text": "Các Sở, ban, ngành thành phố; UBND xã, phường, đặc khu",
        "lead_text": "Sở Tài chính", "cooperating_text": "UBND xã, phường, đặc khu", "monitoring": "Sở Tài chính",
        "plan": {"name": "Kế hoạch số 90/KH-UBND ngày 20/03/2026", "number": "90/KH-UBND"},
        "task": {"code": "I.3", "title": "Xây dựng kế hoạch <thực hiện> & \"rà soát\"", "product": "Kế hoạch"},
        "deadline": {"text": "Quý I/2026", "due": "31/03/2026", "legal_due": "31/03/2026"},
        "precondition": "", "days_left": 7, "days_overdue": 0, "level1": true, "level2": false, "level3": null,
        "period_label": "quý III/2026", "review_due": "30/09/2026", "key": "I.3/reminder/7",
        "as_of": "05/10/2026", "total": 51, "with_deadline": 18,
        "counts": [{"label": "Quá hạn", "count": 2, "percent": "11,1%"}, {"label": "Không có hạn", "count": 33, "percent": ""}],
        "overdue_count": 1,
        "overdue": [{"code": "I.3", "title": "Xây dựng", "lead_text": "Sở Tài chính", "legal_due": "31/03/2026",
                     "days": 188, "waiting": false}],
        "upcoming": [], "reviews": [], "undetermined": [{"code": "II.2.3", "deadline_text": "Trong từng giai đoạn"}],
        "undeliverable": []
    })");
    return values;
}

void config(std::string_view text) {
    constexpr std::string_view kSource = "/etc/nhacviec/fuzz.toml";
    const auto parsed = nhacviec::parse_config(text, std::string(kSource));
    if (!parsed) return check(names(parsed.error().message, kSource));
    check(parsed->source == kSource);
    for (const auto& token : parsed->api.tokens) check(token.token.size() >= 16);
    check(!parsed->delivery.retry.delays.empty());
}

void directory(std::string_view text) {
    constexpr std::string_view kSource = "agencies.toml";
    const auto parsed = nhacviec::AgencyDirectory::parse(text, kSource);
    if (!parsed) return check(names(parsed.error().message, kSource));
    // Every name and alias finds its own entry.
    for (const nhacviec::Agency& agency : parsed->agencies()) {
        check(parsed->find(agency.name) == &agency);
        for (const auto& alias : agency.aliases) check(parsed->find(alias) == &agency);
        for (const auto& member : agency.members) check(parsed->find(member) != nullptr);
    }
}

void holidays(std::string_view text) {
    constexpr std::string_view kSource = "holidays.toml";
    const auto parsed = nhacviec::OfficialSchedules::parse(text, kSource);
    if (!parsed) return check(names(parsed.error().message, kSource));
    for (const auto& schedule : parsed->schedules()) {
        check(parsed->find(schedule.year, schedule.holiday) == &schedule);
        check(schedule.days_off.from <= schedule.days_off.to);
        const auto days = nhacviec::holiday_days(schedule.year, *parsed);
        for (size_t i = 1; i < days.size(); ++i) check(days[i - 1].date <= days[i].date);
        (void)nhacviec::official_working_days(schedule.year, *parsed);
    }
}

void templates(std::string_view text) {
    using nhacviec::Template;
    for (const auto escape : {Template::Escape::none, Template::Escape::html}) {
        const auto parsed = Template::parse(text, "reminder.txt", escape);
        if (!parsed) {
            check(names(parsed.error().message, "reminder.txt"));
            // kainjow-mustache takes every template the reader accepts.
            check(parsed.error().message.rfind("reminder.txt: internal error:", 0) == std::string::npos);
            continue;
        }
        // Every tag renders; what is not a tag is kept as written.
        const std::string rendered = parsed->render(context());
        if (text.find("{{") == std::string_view::npos) check(rendered == text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    config(text);
    directory(text);
    holidays(text);
    templates(text);
    (void)nhacviec::parse_listen_address(text);
    return 0;
}
