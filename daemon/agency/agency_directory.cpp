#include "agency/agency_directory.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "agency/agency_splitter.h"
#include "common/embedded.h"
#include "common/text.h"
#include "common/text_file.h"
#include "common/toml_fields.h"

namespace nhacviec {
namespace {

// Letters, digits and combining marks make words; everything else (spaces,
// punctuation, dashes, quotes, symbols) separates them.
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD || c == 0xFEFF) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, symbols, arrows, ...
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation and the ideographic space
    return true;
}

// Byte ranges of the words of `s`.
std::vector<std::pair<size_t, size_t>> word_spans(std::string_view s) {
    std::vector<std::pair<size_t, size_t>> spans;
    size_t start = std::string_view::npos;
    for (size_t i = 0; i < s.size();) {
        const text::CodePoint cp = text::code_point_at(s, i);
        if (is_word_char(cp.value)) {
            if (start == std::string_view::npos) start = i;
        } else if (start != std::string_view::npos) {
            spans.emplace_back(start, i);
            start = std::string_view::npos;
        }
        i += cp.length;
    }
    if (start != std::string_view::npos) spans.emplace_back(start, s.size());
    return spans;
}

// An abbreviation: its folded form and the folded words it stands for.
struct Abbreviation {
    std::string key;
    std::vector<std::string> words;
};

// The abbreviations plans use for agency names. Built once, then read-only.
const std::vector<Abbreviation>& abbreviations() {
    static const std::vector<Abbreviation> table = [] {
        const std::pair<const char*, const char*> source[] = {
            {"UBND", "Ủy ban nhân dân"},
            {"HĐND", "Hội đồng nhân dân"},
            {"TP", "thành phố"},
            {"NHNN", "Ngân hàng nhà nước"},
            {"NHCSXH", "Ngân hàng chính sách xã hội"},
            {"BHXH", "Bảo hiểm xã hội"},
            {"KV", "khu vực"},
        };
        std::vector<Abbreviation> out;
        for (const auto& [abbreviation, expansion] : source) {
            Abbreviation entry{text::fold(abbreviation), {}};
            const std::string folded = text::fold(expansion);
            for (const auto& [begin, end] : word_spans(folded))
                entry.words.push_back(folded.substr(begin, end - begin));
            out.push_back(std::move(entry));
        }
        return out;
    }();
    return table;
}

const Abbreviation* find_abbreviation(std::string_view folded_word) {
    for (const auto& entry : abbreviations())
        if (entry.key == folded_word) return &entry;
    return nullptr;
}

// Appends the match words of one source word with folded form `key`.
void append_word(std::vector<MatchWord>& words, std::string key, size_t begin, size_t end) {
    if (const Abbreviation* entry = find_abbreviation(key)) {
        for (size_t w = 0; w < entry->words.size(); ++w)
            words.push_back({entry->words[w], begin, end, true, w + 1 == entry->words.size()});
    } else {
        words.push_back({std::move(key), begin, end, false, true});
    }
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "file:line:col: section key: message" for one element of an array.
std::string element_error(const TomlFields& fields, const toml::node& element, std::string_view section,
                          std::string_view key, std::string_view message) {
    std::string out = fields.where(element) + ": ";
    if (!section.empty()) out += std::string(section) + " ";
    return out + std::string(key) + ": " + std::string(message);
}

bool looks_like_email(std::string_view s) {
    const size_t at = s.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
    for (char c : s)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
    return s.find('@', at + 1) == std::string_view::npos;
}

bool looks_like_url(std::string_view s) {
    const auto starts = [&](std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; };
    return (starts("https://") && s.size() > 8) || (starts("http://") && s.size() > 7);
}

// One entry as read from the file, with the positions messages need.
struct EntrySource {
    std::string section;  // e.g. agency "Sở Nội vụ"
    const toml::table* table = nullptr;
};

// Where each name of the trie came from, to name both sides of a duplicate.
struct NameSource {
    size_t agency = 0;
    std::string text;
    std::string where;
};

}  // namespace

std::string expand_abbreviations(std::string_view folded) {
    std::string out;
    out.reserve(folded.size() + 16);
    size_t copied = 0;
    for (const auto& [begin, end] : word_spans(folded)) {
        const Abbreviation* entry = find_abbreviation(folded.substr(begin, end - begin));
        if (!entry) continue;
        out.append(folded.substr(copied, begin - copied));
        for (size_t k = 0; k < entry->words.size(); ++k) {
            if (k > 0) out.push_back(' ');
            out += entry->words[k];
        }
        copied = end;
    }
    out.append(folded.substr(copied));
    return out;
}

std::vector<MatchWord> match_words(std::string_view text) {
    const auto spans = word_spans(text);
    const std::string folded = text::fold(text);
    const auto folded_spans = word_spans(folded);
    // Folding keeps words apart and in order, so the two lists pair up; fold
    // word by word in the unexpected case that they do not.
    const bool paired = folded_spans.size() == spans.size();
    std::vector<MatchWord> words;
    words.reserve(spans.size() + 4);
    for (size_t k = 0; k < spans.size(); ++k) {
        const auto [begin, end] = spans[k];
        append_word(words,
                    paired ? folded.substr(folded_spans[k].first, folded_spans[k].second - folded_spans[k].first)
                           : text::fold(text.substr(begin, end - begin)),
                    begin, end);
    }
    return words;
}

std::vector<MatchWord> AgencyDirectory::words_of(std::string_view text) const {
    // A word folds the same alone as within its text: folding works word by word.
    std::vector<MatchWord> words;
    const auto spans = word_spans(text);
    words.reserve(spans.size() + 4);
    for (const auto& [begin, end] : spans) {
        const std::string_view written = text.substr(begin, end - begin);
        const auto known = spellings_.find(written);
        append_word(words, known != spellings_.end() ? known->second : text::fold(written), begin, end);
    }
    return words;
}

AgencyDirectory::AgencyDirectory() : node_agency_{-1} {}

uint32_t AgencyDirectory::word_id(std::string_view key) const {
    const auto it = word_ids_.find(key);
    return it == word_ids_.end() ? kNoWord : it->second;
}

uint32_t AgencyDirectory::next_node(uint32_t node, uint32_t word) const {
    if (word == kNoWord || node == kNoNode) return kNoNode;
    const auto it = edges_.find((static_cast<uint64_t>(node) << 32) | word);
    return it == edges_.end() ? kNoNode : it->second;
}

std::optional<size_t> AgencyDirectory::agency_at(uint32_t node) const {
    if (node >= node_agency_.size() || node_agency_[node] < 0) return std::nullopt;
    return static_cast<size_t>(node_agency_[node]);
}

uint32_t AgencyDirectory::insert_words(const std::vector<MatchWord>& words) {
    uint32_t node = kRoot;
    for (const auto& word : words) {
        const uint32_t id = word_ids_.try_emplace(word.key, static_cast<uint32_t>(word_ids_.size())).first->second;
        const auto [it, added] =
            edges_.try_emplace((static_cast<uint64_t>(node) << 32) | id, static_cast<uint32_t>(node_agency_.size()));
        if (added) node_agency_.push_back(-1);
        node = it->second;
    }
    return node;
}

uint32_t AgencyDirectory::walk(const std::vector<MatchWord>& words) const {
    uint32_t node = kRoot;
    for (const auto& word : words) {
        node = next_node(node, word_id(word.key));
        if (node == kNoNode) return kNoNode;
    }
    return node;
}

const Agency* AgencyDirectory::find(std::string_view name) const {
    const auto words = match_words(name);
    if (words.empty()) return nullptr;
    const auto index = agency_at(walk(words));
    return index ? &agencies_[*index] : nullptr;
}

Result<AgencyDirectory> AgencyDirectory::parse(std::string_view toml_text, std::string_view source_name) {
    auto parsed = parse_toml(toml_text, source_name);
    if (!parsed) return parsed.error();
    const toml::table& root = parsed.value();
    const std::string source(source_name);

    TomlFields root_fields(root, source, "");
    const toml::table* roles_table = root_fields.table("roles");
    const toml::array* agency_array = root_fields.array("agency");
    if (auto status = root_fields.finish(); !status) return status.error();

    AgencyDirectory directory;
    std::vector<EntrySource> entries;

    // Each entry on its own: types, keys, and the values that need no other entry.
    if (agency_array) {
        for (size_t k = 0; k < agency_array->size(); ++k) {
            const toml::node& node = *agency_array->get(k);
            const toml::table* table = node.as_table();
            if (!table) return Error{toml_position(source, node.source()) + ": agency: expected a table ([[agency]])"};
            std::string section = "agency #" + std::to_string(k + 1);
            if (const auto* name_node = table->get("name"); name_node && name_node->is_string())
                section = "agency " + in_quotes(text::to_nfc(name_node->as_string()->get()));

            TomlFields fields(*table, source, section);
            Agency agency;
            const auto name = fields.string("name", true);
            const auto aliases = fields.strings("aliases");
            const auto kind = fields.string("kind");
            const auto members = fields.strings("members");
            const auto emails = fields.strings("emails");
            const auto webhooks = fields.strings("webhooks");
            if (name) {
                agency.name = text::collapse_whitespace(text::to_nfc(*name));
                if (agency.name.empty()) fields.fail("name", "must not be empty");
            }
            if (kind) {
                if (*kind == "group")
                    agency.kind = AgencyKind::group;
                else if (*kind != "office")
                    fields.fail("kind", "expected \"office\" or \"group\", not " + in_quotes(*kind));
            }
            if (members && !members->empty() && agency.kind != AgencyKind::group)
                fields.fail("members", "only a group (kind = \"group\") has members");
            if (auto status = fields.finish(); !status) return status.error();

            if (aliases)
                for (const auto& alias : *aliases)
                    agency.aliases.push_back(text::collapse_whitespace(text::to_nfc(alias)));
            if (members)
                for (const auto& member : *members)
                    agency.members.push_back(text::collapse_whitespace(text::to_nfc(member)));
            if (emails) {
                const toml::array& array = *table->get("emails")->as_array();
                for (size_t e = 0; e < emails->size(); ++e) {
                    if (!looks_like_email((*emails)[e]))
                        return Error{element_error(fields, *array.get(e), section, "emails",
                                                   in_quotes((*emails)[e]) + " is not an email address (no '@')")};
                    agency.emails.push_back((*emails)[e]);
                }
            }
            if (webhooks) {
                const toml::array& array = *table->get("webhooks")->as_array();
                for (size_t w = 0; w < webhooks->size(); ++w) {
                    if (!looks_like_url((*webhooks)[w]))
                        return Error{element_error(fields, *array.get(w), section, "webhooks",
                                                   in_quotes((*webhooks)[w]) + " is not an http:// or https:// URL")};
                    agency.webhooks.push_back((*webhooks)[w]);
                }
            }
            directory.agencies_.push_back(std::move(agency));
            entries.push_back({std::move(section), table});
        }
    }

    // The names and aliases, into the trie: each must be new.
    std::unordered_map<uint32_t, NameSource> name_sources;  // trie node -> the name ending there
    for (size_t a = 0; a < directory.agencies_.size(); ++a) {
        const Agency& agency = directory.agencies_[a];
        const EntrySource& entry = entries[a];
        TomlFields fields(*entry.table, source, entry.section);
        const toml::array* alias_array =
            entry.table->get("aliases") ? entry.table->get("aliases")->as_array() : nullptr;
        for (size_t n = 0; n <= agency.aliases.size(); ++n) {
            const std::string& spelling = n == 0 ? agency.name : agency.aliases[n - 1];
            const std::string_view key = n == 0 ? "name" : "aliases";
            const toml::node& node = n == 0 ? *entry.table->get("name") : *alias_array->get(n - 1);
            const std::vector<MatchWord> words = match_words(spelling);
            if (words.empty())
                return Error{
                    element_error(fields, node, entry.section, key, in_quotes(spelling) + " has no letters or digits")};
            const uint32_t end = directory.insert_words(words);
            for (const auto& [begin, finish] : word_spans(spelling)) {
                const std::string written = spelling.substr(begin, finish - begin);
                std::string key = text::fold(written);
                directory.spellings_.try_emplace(text::to_nfc(key), key);
                directory.spellings_.try_emplace(written, std::move(key));
            }
            if (const auto previous = name_sources.find(end); previous != name_sources.end()) {
                const NameSource& other = previous->second;
                const std::string& owner = directory.agencies_[other.agency].name;
                if (other.text == spelling)
                    return Error{element_error(fields, node, entry.section, key,
                                               in_quotes(spelling) + " is already given at " + other.where +
                                                   (owner == spelling ? "" : " (agency " + in_quotes(owner) + ")") +
                                                   "; a name or alias stands for one agency only")};
                return Error{element_error(fields, node, entry.section, key,
                                           in_quotes(spelling) + " is the same name as " + in_quotes(other.text) +
                                               " of agency " + in_quotes(owner) + " (" + other.where + ")")};
            }
            directory.node_agency_[end] = static_cast<int32_t>(a);
            name_sources.emplace(end, NameSource{a, spelling, fields.where(node)});
        }
    }

    // Members name entries (stored by canonical name) and form no cycle.
    for (size_t a = 0; a < directory.agencies_.size(); ++a) {
        Agency& agency = directory.agencies_[a];
        if (agency.members.empty()) continue;
        const EntrySource& entry = entries[a];
        const TomlFields fields(*entry.table, source, entry.section);
        const toml::array& array = *entry.table->get("members")->as_array();
        std::vector<std::string> canonical;
        for (size_t m = 0; m < agency.members.size(); ++m) {
            const Agency* member = directory.find(agency.members[m]);
            if (!member)
                return Error{element_error(fields, *array.get(m), entry.section, "members",
                                           in_quotes(agency.members[m]) + " names no agency")};
            if (member == &agency)
                return Error{element_error(fields, *array.get(m), entry.section, "members",
                                           in_quotes(agency.members[m]) + " is the group itself")};
            if (std::find(canonical.begin(), canonical.end(), member->name) == canonical.end())
                canonical.push_back(member->name);
        }
        agency.members = std::move(canonical);
    }
    {
        // Depth-first over the groups: meeting a group that is on the current path closes a cycle.
        const auto index_of = [&](const std::string& name) {
            return static_cast<size_t>(directory.find(name) - directory.agencies_.data());
        };
        enum class Mark { unvisited, on_path, done };
        std::vector<Mark> marks(directory.agencies_.size(), Mark::unvisited);
        std::vector<size_t> path;
        std::function<std::optional<size_t>(size_t)> visit = [&](size_t i) -> std::optional<size_t> {
            marks[i] = Mark::on_path;
            path.push_back(i);
            for (const auto& member : directory.agencies_[i].members) {
                const size_t j = index_of(member);
                if (marks[j] == Mark::on_path) {
                    path.push_back(j);
                    return j;
                }
                if (marks[j] == Mark::unvisited)
                    if (auto start = visit(j)) return start;
            }
            path.pop_back();
            marks[i] = Mark::done;
            return std::nullopt;
        };
        for (size_t a = 0; a < directory.agencies_.size(); ++a) {
            if (marks[a] != Mark::unvisited) continue;
            const auto start = visit(a);
            if (!start) continue;
            std::string chain;
            const auto first = std::find(path.begin(), path.end(), *start);
            for (auto it = first; it != path.end(); ++it)
                chain += (chain.empty() ? "" : " -> ") + in_quotes(directory.agencies_[*it].name);
            const EntrySource& entry = entries[*start];
            const TomlFields fields(*entry.table, source, entry.section);
            return Error{element_error(fields, *entry.table->get("members"), entry.section, "members",
                                       "groups contain each other: " + chain)};
        }
    }

    // Roles name entries; stored by canonical name.
    if (roles_table) {
        TomlFields fields(*roles_table, source, "[roles]");
        const std::pair<std::string_view, std::string*> roles[] = {
            {"monitoring", &directory.roles_.monitoring},
            {"city_office", &directory.roles_.city_office},
            {"leadership", &directory.roles_.leadership},
        };
        for (const auto& [key, target] : roles) {
            const auto value = fields.string(key);
            if (!value || value->empty()) continue;
            if (const Agency* agency = directory.find(*value))
                *target = agency->name;
            else
                fields.fail(key, in_quotes(*value) + " names no agency");
        }
        if (auto status = fields.finish(); !status) return status.error();
    }
    return directory;
}

Result<AgencyDirectory> AgencyDirectory::load_file(const std::filesystem::path& path) {
    const auto content = read_text_file(path, kMaxConfigFileBytes, "cannot read the agency directory");
    if (!content) return content.error();
    return parse(*content, path.string());
}

Result<AgencyDirectory> AgencyDirectory::load_embedded() {
    const auto content = embedded_file("config/agencies.toml");
    if (!content) return Error{"the built-in agency directory (config/agencies.toml) is missing from this build"};
    return parse(*content, "config/agencies.toml");
}

}  // namespace nhacviec
