#include "config/config.h"

#include <algorithm>
#include <cctype>

#include "agency/agency_directory.h"
#include "common/ip_address.h"
#include "common/text.h"
#include "common/text_file.h"
#include "common/toml_fields.h"

namespace nhacviec {

namespace {

std::optional<std::filesystem::path> relative_to(const std::filesystem::path& source, const std::string& path) {
    std::filesystem::path out = path;
    if (out.is_relative()) out = source.parent_path() / out;
    return out;
}

// A list of day counts, each within [0, 366], without duplicates.
std::optional<std::vector<int>> day_list(TomlFields& fields, std::string_view key) {
    const toml::array* array = fields.array(key);
    if (!array) return std::nullopt;
    std::vector<int> days;
    for (const auto& element : *array) {
        const auto* value = element.as_integer();
        if (!value || value->get() < 0 || value->get() > 366) {
            fields.fail(key, "expected whole numbers of days from 0 to 366");
            return std::nullopt;
        }
        const int day = static_cast<int>(value->get());
        if (std::find(days.begin(), days.end(), day) != days.end()) {
            fields.fail(key, "lists " + std::to_string(day) + " twice");
            return std::nullopt;
        }
        days.push_back(day);
    }
    return days;
}

// "08:00" → minutes after midnight.
std::optional<int> time_of_day(TomlFields& fields, std::string_view key) {
    auto time = fields.string(key);
    if (!time) return std::nullopt;
    const auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>((*time)[i])) != 0; };
    const bool shape = time->size() == 5 && (*time)[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
    const int hours = shape ? std::stoi(time->substr(0, 2)) : -1;
    const int minutes = shape ? std::stoi(time->substr(3, 2)) : -1;
    if (!shape || hours > 23 || minutes > 59) {
        fields.fail(key, "expected a time of day \"HH:MM\", not \"" + *time + "\"");
        return std::nullopt;
    }
    return hours * 60 + minutes;
}

// The escalation ladder's three numbers, from [escalation] or a [[task]].
struct Ladder {
    std::optional<int> level2, level3, repeat;
};

Ladder read_ladder(TomlFields& f, int default_level2, int default_level3) {
    Ladder ladder;
    if (auto days = f.integer("level2_after_days", 1, 365)) ladder.level2 = static_cast<int>(*days);
    if (auto days = f.integer("level3_after_days", 1, 365)) ladder.level3 = static_cast<int>(*days);
    if (auto days = f.integer("level3_repeat_days", 0, 365)) ladder.repeat = static_cast<int>(*days);
    if (ladder.level3.value_or(default_level3) <= ladder.level2.value_or(default_level2))
        f.fail("level3_after_days", "must be later than level2_after_days");
    return ladder;
}

std::optional<Recurrence> cadence(TomlFields& fields, std::string_view key) {
    auto text = fields.string(key);
    if (!text) return std::nullopt;
    auto value = recurrence_from_string(*text);
    if (!value || *value == Recurrence::none) {
        fields.fail(key, "expected \"monthly\", \"quarterly\", \"half_yearly\" or \"yearly\", not \"" + *text + "\"");
        return std::nullopt;
    }
    return value;
}

void read_schedule(TomlFields& root, const std::string& name, ScheduleRules& rules) {
    if (const toml::table* table = root.table("schedule")) {
        TomlFields f(*table, name, "[schedule]");
        if (auto minutes = time_of_day(f, "send_time")) rules.send_minutes = *minutes;
        if (auto days = day_list(f, "reminder_days")) rules.reminder_days = *days;
        if (auto days = day_list(f, "review_days")) rules.review_days = *days;
        if (auto days = f.integer("due_soon_days", 0, 60)) rules.due_soon_days = static_cast<int>(*days);
        if (auto day = f.integer("digest_weekday", 1, 5, false, "1 = Monday … 5 = Friday")) rules.digest_weekday = static_cast<int>(*day);
        root.merge(f.finish());
    }
    if (const toml::table* table = root.table("escalation")) {
        TomlFields f(*table, name, "[escalation]");
        const Ladder ladder = read_ladder(f, rules.level2_after_days, rules.level3_after_days);
        rules.level2_after_days = ladder.level2.value_or(rules.level2_after_days);
        rules.level3_after_days = ladder.level3.value_or(rules.level3_after_days);
        rules.level3_repeat_days = ladder.repeat.value_or(rules.level3_repeat_days);
        root.merge(f.finish());
    }
    if (const toml::table* table = root.table("review")) {
        TomlFields review(*table, name, "[review]");
        for (const char* family : {"monthly", "quarterly", "half_yearly", "yearly", "period"}) {
            const toml::table* section = review.table(family);
            if (!section) continue;
            TomlFields f(*section, name, std::string("[review.") + family + "]");
            if (auto months = f.integer("months_after", 0, 12)) {
                if (std::string_view(family) == "period") rules.period_months_after = static_cast<int>(*months);
                else rules.months_after[*recurrence_from_string(family)] = static_cast<int>(*months);
            }
            review.merge(f.finish());
        }
        root.merge(review.finish());
    }
    if (const toml::array* tasks = root.array("task")) {
        for (const auto& element : *tasks) {
            const toml::table* table = element.as_table();
            if (!table) {
                root.fail("task", "expected [[task]] tables");
                continue;
            }
            TomlFields f(*table, name, "[[task]]");
            const auto plan = f.string("plan");
            const auto id = f.string("id", true);
            TaskRules task;
            if (auto phrase = f.string("deadline")) {
                Deadline deadline = resolve_deadline(*phrase);
                if (deadline.kind == DeadlineKind::undetermined) f.fail("deadline", deadline.warning);
                else task.deadline = std::move(deadline);
            }
            task.reminder_days = day_list(f, "reminder_days");
            task.review = cadence(f, "review");
            if (auto months = f.integer("months_after", 0, 12)) task.months_after = static_cast<int>(*months);
            task.escalate = f.boolean("escalate");
            task.send_minutes = time_of_day(f, "send_time");
            const Ladder ladder = read_ladder(f, rules.level2_after_days, rules.level3_after_days);
            task.level2_after_days = ladder.level2;
            task.level3_after_days = ladder.level3;
            task.level3_repeat_days = ladder.repeat;
            task.cc = f.strings("cc").value_or(std::vector<std::string>{});
            if (id) {
                const std::string key = plan ? *plan + "|" + *id : *id;
                if (!rules.tasks.emplace(key, task).second) f.fail("id", "has rules twice: \"" + key + "\"");
            }
            root.merge(f.finish());
        }
    }
}

}  // namespace

std::optional<ListenAddress> parse_listen_address(std::string_view text) {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string_view port = text.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    const int number = std::stoi(std::string(port));
    if (number > 65535) return std::nullopt;
    return ListenAddress{std::string(text.substr(0, colon)), static_cast<unsigned short>(number)};
}

Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& source) {
    const std::string name = source.string();
    auto table = parse_toml(toml_text, name);
    if (!table) return table.error();

    Config config;
    config.source = name;
    TomlFields root(*table, name, "");
    if (const toml::table* storage = root.table("storage")) {
        TomlFields fields(*storage, name, "[storage]");
        if (auto database = fields.string("database")) {
            if (database->empty()) fields.fail("database", "must not be empty");
            else config.database = *database;
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    if (const toml::table* agencies = root.table("agencies")) {
        TomlFields fields(*agencies, name, "[agencies]");
        if (auto directory = fields.string("directory")) {
            if (directory->empty()) {
                fields.fail("directory", "must not be empty");
            } else {
                config.agency_directory = relative_to(source, *directory);
            }
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    if (const toml::table* calendar = root.table("calendar")) {
        TomlFields fields(*calendar, name, "[calendar]");
        if (auto holidays = fields.string("holidays")) {
            if (holidays->empty()) fields.fail("holidays", "must not be empty");
            else config.holidays = relative_to(source, *holidays);
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    if (const toml::table* messages = root.table("messages")) {
        TomlFields fields(*messages, name, "[messages]");
        if (auto templates = fields.string("templates")) {
            if (templates->empty()) fields.fail("templates", "must not be empty");
            else config.templates = relative_to(source, *templates);
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    read_schedule(root, name, config.schedule);
    read_delivery_config(root, name, config.delivery);
    if (const toml::table* api = root.table("api")) {
        TomlFields fields(*api, name, "[api]");
        if (auto listen = fields.string("listen")) {
            if (auto parsed = parse_listen_address(*listen)) config.api.listen = *parsed;
            else fields.fail("listen", "expected ADDRESS:PORT such as \"127.0.0.1:8470\", not \"" + *listen + "\"");
        }
        if (auto reads = fields.boolean("tokens_for_reads")) config.api.tokens_for_reads = *reads;
        if (auto url = fields.string("public_url")) {
            if (auto problem = public_url_problem(*url)) fields.fail("public_url", *problem);
            else config.api.public_url = url->ends_with('/') ? url->substr(0, url->size() - 1) : *url;
        }
        if (auto days = fields.integer("link_days", 1, 3650)) config.api.link_days = static_cast<int>(*days);
        if (auto n = fields.integer("answer_requests_per_address", 0, 1000000))
            config.api.answer_requests_per_address = static_cast<int>(*n);
        if (auto n = fields.integer("answer_posts_per_link", 0, 10000))
            config.api.answer_posts_per_link = static_cast<int>(*n);
        if (const toml::array* proxies = fields.array("trusted_proxies")) {
            for (const auto& element : *proxies) {
                const auto* value = element.as_string();
                if (!value) {
                    fields.merge(Error{fields.where(element) + ": [api] trusted_proxies: expected an array of IP addresses"});
                } else if (!parse_ip_address(value->get())) {
                    fields.merge(Error{fields.where(element) + ": [api] trusted_proxies: not an IP address: \"" +
                                       value->get() + "\""});
                } else {
                    config.api.trusted_proxies.push_back(value->get());
                }
            }
        }
        if (const toml::array* tokens = fields.array("token")) {
            for (const auto& element : *tokens) {
                const toml::table* table = element.as_table();
                if (!table) {
                    fields.fail("token", "expected [[api.token]] tables");
                    continue;
                }
                TomlFields t(*table, name, "[[api.token]]");
                const auto token = t.string("token", true);
                if (table->contains("admin")) t.fail("admin", "is no longer read: write role = \"admin\"");
                const auto role = t.string("role", true);
                const auto agency = t.string("agency");
                if (token && token->size() < 16) t.fail("token", "must be at least 16 characters");
                const toml::node* agency_node = table->get("agency");
                ApiConfig::Token entry{token.value_or(""), ApiConfig::Token::Role::agency, agency.value_or(""),
                                       t.where(agency_node ? *agency_node : static_cast<const toml::node&>(*table))};
                if (role == "admin") {
                    entry.role = ApiConfig::Token::Role::admin;
                    if (agency) t.fail("agency", "an admin token names no agency (role = \"admin\")");
                } else if (role == "agency") {
                    if (!agency) t.fail("role", "an agency token needs agency = \"…\", an agency of the directory");
                    else if (text::collapse_whitespace(*agency).empty())
                        t.fail("agency", "must name an agency of the directory, not be empty");
                } else if (role) {
                    t.fail("role", "expected \"admin\" or \"agency\", not \"" + *role + "\"");
                }
                if (token) config.api.tokens.push_back(std::move(entry));
                fields.merge(t.finish());
            }
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    if (const toml::table* console = root.table("console")) {
        TomlFields fields(*console, name, "[console]");
        if (auto minutes = fields.integer("session_idle_minutes", 5, 7 * 24 * 60))
            config.console.session_idle_minutes = static_cast<int>(*minutes);
        if (auto open = fields.boolean("public_dashboard")) config.console.public_dashboard = *open;
        if (auto status = fields.finish(); !status) return status.error();
    }
    if (const toml::table* report = root.table("report")) {
        TomlFields fields(*report, name, "[report]");
        if (auto authority = fields.string("authority")) {
            if (text::collapse_whitespace(*authority).empty()) fields.fail("authority", "must not be empty");
            else config.report.authority = text::collapse_whitespace(*authority);
        }
        if (auto place = fields.string("place")) {
            if (text::collapse_whitespace(*place).empty()) fields.fail("place", "must not be empty");
            else config.report.place = text::collapse_whitespace(*place);
        }
        if (auto symbol = fields.string("number_symbol")) {
            const std::string value = text::collapse_whitespace(*symbol);
            if (value.empty()) fields.fail("number_symbol", "must not be empty");
            else if (text::decode_utf8(value).size() > 40) fields.fail("number_symbol", "is longer than 40 characters");
            else if (value.find_first_of("/ ") != std::string::npos)
                fields.fail("number_symbol", "is the symbol after the number's \"/\", such as \"BC-STC\", not \"" + value + "\"");
            else config.report.number_symbol = value;
        }
        if (auto title = fields.string("signer_title")) {
            std::vector<std::string> lines;
            size_t start = 0;
            while (start <= title->size()) {
                const size_t end = std::min(title->find('\n', start), title->size());
                lines.push_back(text::collapse_whitespace(title->substr(start, end - start)));
                start = end + 1;
            }
            const bool blank = std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.empty(); });
            const bool long_line = std::any_of(lines.begin(), lines.end(),
                                               [](const auto& l) { return text::decode_utf8(l).size() > 100; });
            if (blank) fields.fail("signer_title", "must not be empty, nor have an empty line");
            else if (lines.size() > 4) fields.fail("signer_title", "has more than 4 lines");
            else if (long_line) fields.fail("signer_title", "has a line longer than 100 characters");
            else {
                config.report.signer_title.clear();
                for (const auto& l : lines) config.report.signer_title += (config.report.signer_title.empty() ? "" : "\n") + l;
            }
        }
        if (auto name = fields.string("signer_name")) {
            const std::string value = text::collapse_whitespace(*name);
            if (text::decode_utf8(value).size() > 100) fields.fail("signer_name", "is longer than 100 characters");
            else config.report.signer_name = value;
        }
        if (auto recipients = fields.strings("recipients")) {
            std::vector<std::string> values;
            for (const auto& r : *recipients) values.push_back(text::collapse_whitespace(r));
            const auto blank = std::find(values.begin(), values.end(), std::string());
            const auto too_long = std::find_if(values.begin(), values.end(),
                                               [](const auto& v) { return text::decode_utf8(v).size() > 200; });
            if (values.empty()) fields.fail("recipients", "must list at least one recipient");
            else if (values.size() > 20) fields.fail("recipients", "lists more than 20 recipients");
            else if (blank != values.end())
                fields.fail("recipients", "entry " + std::to_string(blank - values.begin() + 1) + " is empty");
            else if (too_long != values.end())
                fields.fail("recipients", "entry " + std::to_string(too_long - values.begin() + 1) +
                                              " is longer than 200 characters");
            else config.report.recipients = std::move(values);
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    if (auto status = root.finish(); !status) return status.error();
    return config;
}

std::optional<std::string> public_url_problem(std::string_view text) {
    const std::string quoted = "\"" + std::string(text) + "\"";
    size_t scheme_end = 0;
    if (text.starts_with("https://")) scheme_end = 8;
    else if (text.starts_with("http://")) scheme_end = 7;
    else return "expected an http:// or https:// URL such as \"https://nhacviec.haiphong.gov.vn\", not " + quoted;
    if (text.find_first_of("?#") != std::string_view::npos)
        return "must have no query or fragment (\"?\", \"#\"), not " + quoted;
    for (const char c : text)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\')
            return "must not contain spaces, quotes or control characters, not " + quoted;
    const std::string_view rest = text.substr(scheme_end);
    const std::string_view authority = rest.substr(0, rest.find('/'));
    if (authority.empty()) return "names no host: " + quoted;
    if (authority.find('@') != std::string_view::npos) return "must not carry a user name or password: " + quoted;
    return std::nullopt;
}

std::vector<std::string> unknown_token_agencies(const ApiConfig& api, const AgencyDirectory& directory) {
    std::vector<std::string> out;
    for (const auto& token : api.tokens)
        if (token.role == ApiConfig::Token::Role::agency && !directory.find(token.agency))
            out.push_back(token.where + ": [[api.token]] agency: not in the agency directory: \"" + token.agency + "\"");
    return out;
}

Result<Config> load_config(const std::optional<std::filesystem::path>& path) {
    if (!path) return Config{};
    const auto text = read_text_file(*path, kMaxConfigFileBytes);
    if (!text) return text.error();
    return parse_config(*text, *path);
}

}  // namespace nhacviec
