#include "agency/agency_splitter.h"

#include <algorithm>
#include <utility>

#include "common/text.h"

namespace nhacviec {
namespace {

// Folded word sequences, built once from their written forms and then read-only.
std::vector<std::vector<std::string>> folded_phrases(std::initializer_list<const char*> phrases) {
    std::vector<std::vector<std::string>> out;
    for (const char* phrase : phrases) {
        std::vector<std::string> words;
        for (auto& word : match_words(phrase)) words.push_back(std::move(word.key));
        out.push_back(std::move(words));
    }
    return out;
}

// Words that start an agency's name: where one follows ", ", " và " or " - ",
// a new agency begins. "Chi nhánh" is deliberately not one.
const std::vector<std::vector<std::string>>& name_heads() {
    // clang-format off
    static const auto heads = folded_phrases({
        "Sở", "Ban", "UBND", "Ủy ban", "Công an", "Ngân hàng", "Thanh tra", "Văn phòng", "Các", "Báo", "Đài", "Thuế",
        "Bảo hiểm", "Kho bạc", "Trung tâm", "Doanh nghiệp", "Quỹ", "Hội", "Liên đoàn", "Cục", "Chi cục", "Bộ",
        "Tổng công ty", "Công ty",
    });
    // clang-format on
    return heads;
}

// Head words of an organisation that "các" (the [plural]) may introduce, in
// any case: after ", " or " và ", "các cơ quan …", "các doanh nghiệp …"
// start a new agency, while "và các khu công nghiệp" (places) goes on the name.
const std::vector<std::vector<std::string>>& organisation_heads() {
    // clang-format off
    static const auto heads = folded_phrases({
        "cơ quan", "doanh nghiệp", "đơn vị", "tổ chức", "hội", "hiệp hội", "sở", "ban", "ngành", "bộ", "cục",
        "chi cục", "quỹ", "ngân hàng", "công ty", "tổng công ty", "tập đoàn", "hợp tác xã", "trường", "bệnh viện",
        "trung tâm", "viện", "ủy ban", "UBND", "báo", "đài", "nhà đầu tư", "chủ đầu tư",
    });
    // clang-format on
    return heads;
}

// Words that join names rather than belong to one ("và" = and, "các" = the [plural]).
struct Connectors {
    std::string va, cac, hoac, cung, voi;
};

const Connectors& connectors() {
    static const Connectors words{text::fold("và"), text::fold("các"), text::fold("hoặc"), text::fold("cùng"),
                                  text::fold("với")};
    return words;
}

bool is_connector(std::string_view key) {
    const Connectors& c = connectors();
    return key == c.va || key == c.cac || key == c.hoac || key == c.cung || key == c.voi;
}

// May start a piece of text and be dropped there.
bool is_leading_connector(std::string_view key) { return is_connector(key) && key != connectors().cac; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether the letter at byte `at` of `s` is a capital.
bool is_capital(std::string_view s, size_t at) {
    if (at >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[at]);
    if (b < 0x80) return b >= 'A' && b <= 'Z';
    const std::string letter(s.substr(at, text::code_point_at(s, at).length));
    return text::to_nfc(text::fold(letter)) != text::to_nfc(letter);
}

// Whether `words` (from match_words) starts at `from` with one of `heads`.
bool starts_with_head_words(const std::vector<MatchWord>& words, size_t from,
                            const std::vector<std::vector<std::string>>& heads = name_heads()) {
    for (const auto& head : heads) {
        if (words.size() - from < head.size()) continue;
        bool same = true;
        for (size_t k = 0; k < head.size() && same; ++k) same = words[from + k].key == head[k];
        if (same) return true;
    }
    return false;
}

// Whether `rest` begins a new agency's name: a capitalised name head, or
// "các" followed by one ("và các Sở, ngành ...") or by an organisation's
// head word in any case ("các cơ quan báo chí", "các doanh nghiệp").
bool starts_name(std::string_view rest, const AgencyDirectory& directory) {
    // The first few words are enough; cut at a space, which is never inside a UTF-8 sequence.
    size_t cut = 0;
    for (int spaces = 0; cut < rest.size(); ++cut)
        if (rest[cut] == ' ' && ++spaces == 4) break;
    const std::string_view prefix = rest.substr(0, cut);
    const std::vector<MatchWord> words = directory.words_of(prefix);
    if (words.empty() || words.front().begin != 0) return false;
    if (is_capital(prefix, 0) && starts_with_head_words(words, 0)) return true;
    if (words.front().key != connectors().cac || words.size() < 2) return false;
    if (is_capital(prefix, words[1].begin) && starts_with_head_words(words, 1)) return true;
    return starts_with_head_words(words, 1, organisation_heads());
}

// Whether a '.' at byte `dot` ends an abbreviation ("TP.") rather than an item.
bool ends_abbreviation(std::string_view s, size_t dot, const AgencyDirectory& directory) {
    size_t begin = dot;
    while (begin > 0 && !is_space(s[begin - 1]) && s[begin - 1] != ',' && s[begin - 1] != ';' && s[begin - 1] != '.')
        --begin;
    const auto words = directory.words_of(s.substr(begin, dot - begin));
    return !words.empty() && words.back().expanded;
}

// Whether the '.' at byte `at` separates items: followed by a space, not after an abbreviation.
bool is_item_period(std::string_view s, size_t at, const AgencyDirectory& directory) {
    return s[at] == '.' && at + 1 < s.size() && is_space(s[at + 1]) && !ends_abbreviation(s, at, directory);
}

// Pieces between the strong separators: ';' and ". ".
std::vector<std::string_view> split_strong(std::string_view s, const AgencyDirectory& directory) {
    std::vector<std::string_view> pieces;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ';' || is_item_period(s, i, directory)) {
            pieces.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    pieces.push_back(s.substr(start));
    return pieces;
}

// Length of a dash (hyphen, en dash, em dash) at byte `at`, or 0.
size_t dash_length(std::string_view s, size_t at) {
    if (s[at] == '-') return 1;
    if (s.substr(at, 3) == "\u2013" || s.substr(at, 3) == "\u2014") return 3;
    return 0;
}

// Splits one strong piece at ", ", " và " and " - " where a new name starts.
std::vector<std::string_view> split_weak(std::string_view s, const AgencyDirectory& directory) {
    std::vector<std::string_view> pieces;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        size_t next = std::string_view::npos;  // where the following part would start
        if (s[i] == ',') {
            next = i + 1;
        } else if (s[i] == ' ' && (s.substr(i + 1, 4) == "v\u00e0 " || s.substr(i + 1, 4) == "V\u00e0 ")) {
            next = i + 5;
        } else if (s[i] == ' ' && i + 1 < s.size()) {
            const size_t dash = dash_length(s, i + 1);
            if (dash > 0 && i + 1 + dash < s.size() && s[i + 1 + dash] == ' ') next = i + 1 + dash;
        }
        if (next == std::string_view::npos) continue;
        while (next < s.size() && is_space(s[next])) ++next;
        if (next >= s.size() || !starts_name(s.substr(next), directory)) continue;
        pieces.push_back(s.substr(start, i - start));
        start = next;
        i = next - 1;
    }
    pieces.push_back(s.substr(start));
    return pieces;
}

// Whether the code point at the front (or back) of `s` is a bullet, dash,
// space or list punctuation; returns its length, or 0.
size_t trim_length(std::string_view s, bool back) {
    if (s.empty()) return 0;
    static constexpr std::string_view kAscii = " \t\r\n-,;.:+*";
    static constexpr std::string_view kWide[] = {"\u2013", "\u2014", "\u2022", "\u00b7", "\u2212"};
    const char c = back ? s.back() : s.front();
    if (kAscii.find(c) != std::string_view::npos) return 1;
    for (std::string_view wide : kWide) {
        if (s.size() >= wide.size() && (back ? s.substr(s.size() - wide.size()) : s.substr(0, wide.size())) == wide)
            return wide.size();
    }
    return 0;
}

// The piece without bullets, punctuation and connector words at its ends;
// empty when nothing else is left.
std::string_view clean(std::string_view s, const AgencyDirectory& directory) {
    for (bool changed = true; changed && !s.empty();) {
        changed = false;
        while (size_t n = trim_length(s, false)) s.remove_prefix(n), changed = true;
        while (size_t n = trim_length(s, true)) s.remove_suffix(n), changed = true;
        const auto words = directory.words_of(s);
        if (words.empty()) return {};
        if (words.front().begin == 0 && is_leading_connector(words.front().key)) {
            s.remove_prefix(words.front().end);
            changed = true;
        } else if (words.back().end == s.size() && !words.back().expanded && is_connector(words.back().key)) {
            s.remove_suffix(s.size() - words.back().begin);
            changed = true;
        }
    }
    const auto words = directory.words_of(s);
    const bool only_connectors =
        std::all_of(words.begin(), words.end(), [](const MatchWord& w) { return !w.expanded && is_connector(w.key); });
    return only_connectors ? std::string_view{} : s;
}

// Whether `s` may hold a word: an ASCII letter or digit, or any non-ASCII byte.
bool has_word_char(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    });
}

// Whether text::strip_markup would leave `cell` as it is: no markup or
// entities, and single ASCII spaces only between words.
bool is_plain(std::string_view cell) {
    if (cell.empty()) return true;
    if (cell.front() == ' ' || cell.back() == ' ' || cell.front() == ';' || cell.back() == ';') return false;
    for (size_t i = 0; i < cell.size(); ++i) {
        const auto b = static_cast<unsigned char>(cell[i]);
        if (b < 0x20 || b == '<' || b == '&' || b == 0x7F) return false;
        if (b == ' ' && cell[i + 1] == ' ') return false;  // the last byte is not a space
        if (b < 0x80) continue;
        const text::CodePoint cp = text::code_point_at(cell, i);
        if (text::is_white_space(cp.value)) return false;  // no-break and other Unicode spaces
        i += cp.length - 1;
    }
    return true;
}

// A name the directory matched: words [begin, end) of the cell.
struct Match {
    size_t begin = 0;
    size_t end = 0;
    size_t agency = 0;
};

}  // namespace

std::vector<AgencyMention> split_agencies(std::string_view cell, const AgencyDirectory& directory) {
    const std::string text = is_plain(cell) ? std::string(cell) : text::strip_markup(cell);
    const std::vector<MatchWord> words = directory.words_of(text);
    const size_t n = words.size();

    // Between words k-1 and k: whether a strong separator (';', ". ") lies there,
    // and whether a name may start at word k.
    std::vector<uint32_t> ids(n);
    std::vector<char> strong_before(n, 0);
    std::vector<char> may_start(n, 0);
    for (size_t k = 0; k < n; ++k) {
        ids[k] = directory.word_id(words[k].key);
        if (k == 0) {
            may_start[k] = 1;
            continue;
        }
        if (words[k].begin == words[k - 1].begin) continue;  // inside an abbreviation's expansion
        const size_t gap_begin = words[k - 1].end;
        const std::string_view gap(text.data() + gap_begin, words[k].begin - gap_begin);
        bool punctuation = false;
        for (size_t g = 0; g < gap.size(); ++g) {
            if (!is_space(gap[g])) punctuation = true;
            if (gap[g] == ';' || is_item_period(text, gap_begin + g, directory)) strong_before[k] = 1;
        }
        may_start[k] = punctuation || is_connector(words[k - 1].key) ? 1 : 0;
    }

    // Leftmost-longest matches of directory names, never across a strong separator.
    std::vector<Match> matches;
    for (size_t k = 0; k < n;) {
        const bool after_match = !matches.empty() && matches.back().end == k;
        if (!may_start[k] && !after_match) {
            ++k;
            continue;
        }
        uint32_t node = AgencyDirectory::kRoot;
        size_t best_end = 0;
        size_t best_agency = 0;
        for (size_t j = k; j < n; ++j) {
            if (j > k && strong_before[j]) break;
            node = directory.next_node(node, ids[j]);
            if (node == AgencyDirectory::kNoNode) break;
            if (!words[j].ends_source_word) continue;
            if (const auto agency = directory.agency_at(node)) {
                best_end = j + 1;
                best_agency = *agency;
            }
        }
        if (best_end == 0) {
            ++k;
            continue;
        }
        matches.push_back({k, best_end, best_agency});
        k = best_end;
    }

    // The matches in order, with the text between them split by the rules.
    std::vector<AgencyMention> mentions;
    std::vector<size_t> seen_known;         // agency indices
    std::vector<std::string> seen_unknown;  // folded names
    const auto add_known = [&](size_t agency) {
        if (std::find(seen_known.begin(), seen_known.end(), agency) != seen_known.end()) return;
        seen_known.push_back(agency);
        mentions.push_back({directory.agencies()[agency].name, true});
    };
    const auto add = [&](std::string name) {
        std::string key = text::fold(name);
        if (std::find(seen_unknown.begin(), seen_unknown.end(), key) != seen_unknown.end()) return;
        seen_unknown.push_back(std::move(key));
        mentions.push_back({std::move(name), false});
    };
    const auto add_unknown = [&](std::string_view between) {
        if (!has_word_char(between)) return;  // the usual case: separators and bullets only
        for (std::string_view strong : split_strong(between, directory))
            for (std::string_view piece : split_weak(strong, directory))
                if (std::string_view name = clean(piece, directory); !name.empty())
                    add(text::collapse_whitespace(text::to_nfc(name)));
    };
    size_t cursor = 0;  // byte offset in text
    for (const Match& match : matches) {
        add_unknown(std::string_view(text).substr(cursor, words[match.begin].begin - cursor));
        add_known(match.agency);
        cursor = words[match.end - 1].end;
    }
    add_unknown(std::string_view(text).substr(cursor));
    return mentions;
}

std::string joined_names(const std::vector<AgencyMention>& mentions) {
    std::string out;
    for (const auto& m : mentions) out += (out.empty() ? "" : "; ") + m.name;
    return out;
}

}  // namespace nhacviec
