#include "deadline/deadline.h"
#include "deadline/deadline_problem.h"

#include <algorithm>
#include <initializer_list>
#include <span>
#include <utility>
#include <vector>

#include "common/text.h"

namespace nhacviec {
namespace {

// ---------------------------------------------------------------------------
// Vocabulary: the matching keys (text::fold) of the words deadline phrases use.
// Built once, read-only afterwards.

struct Vocabulary {
    std::string quy = text::fold("quý");
    std::string thang = text::fold("tháng");
    std::string nam = text::fold("năm");
    std::string ngay = text::fold("ngày");
    std::string giai = text::fold("giai");
    std::string doan = text::fold("đoạn");
    std::string dau = text::fold("đầu");
    std::string giua = text::fold("giữa");
    std::string cuoi = text::fold("cuối");
    std::string sau = text::fold("sáu");
    std::string tu = text::fold("từ");
    std::string den = text::fold("đến");
    std::string het = text::fold("hết");
    std::string trong = text::fold("trong");
    std::string truoc = text::fold("trước");
    std::string vao = text::fold("vào");
    std::string cham = text::fold("chậm");
    std::string nhat = text::fold("nhất");
    std::string hoan = text::fold("hoàn");
    std::string thanh = text::fold("thành");
    std::string hang = text::fold("hàng");
    std::string hang_variant = text::fold("hằng");
    std::string moi = text::fold("mỗi");
    std::string dinh = text::fold("định");
    std::string ky = text::fold("kỳ");
    std::string ky_variant = text::fold("kì");
    std::string mot = text::fold("một");
    std::string lan = text::fold("lần");
    std::string thuong = text::fold("thường");
    std::string xuyen = text::fold("xuyên");
    std::string lien = text::fold("liên");
    std::string tuc = text::fold("tục");
    std::string tung = text::fold("từng");
    std::string theo = text::fold("theo");
    std::string tien = text::fold("tiến");
    std::string do_ = text::fold("độ");
};

const Vocabulary& vocabulary() {
    static const Vocabulary words;
    return words;
}

// ---------------------------------------------------------------------------
// Tokens of the folded text: words, numbers and single symbols ('/', '-', ...).

enum class TokenType { word, number, symbol };

struct Token {
    TokenType type = TokenType::symbol;
    std::string_view text;  // a slice of the folded key
    int value = 0;          // numbers only: the value, capped at kNumberCap
};

constexpr int kNumberCap = 99999;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Letters of the Latin script and combining marks (the folded key is NFD).
bool is_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x0300 && c <= 0x036F) || (c >= 0x1E00 && c <= 0x1EFF);
}

std::vector<Token> tokenise(std::string_view key) {
    std::vector<Token> tokens;
    tokens.reserve(16);
    size_t i = 0;
    while (i < key.size()) {
        if (key[i] == ' ') {
            ++i;
            continue;
        }
        if (is_digit(key[i])) {
            size_t j = i;
            int value = 0;
            for (; j < key.size() && is_digit(key[j]); ++j) value = std::min(value * 10 + (key[j] - '0'), kNumberCap);
            tokens.push_back({TokenType::number, key.substr(i, j - i), value});
            i = j;
            continue;
        }
        const text::CodePoint first = text::code_point_at(key, i);
        if (is_letter(first.value)) {
            size_t j = i + first.length;
            while (j < key.size()) {
                const text::CodePoint next = text::code_point_at(key, j);
                if (!is_letter(next.value)) break;
                j += next.length;
            }
            tokens.push_back({TokenType::word, key.substr(i, j - i)});
            i = j;
            continue;
        }
        tokens.push_back({TokenType::symbol, key.substr(i, first.length)});
        i += first.length;
    }
    return tokens;
}

// Punctuation around a phrase that does not change it ("Quý I/2026.", "(Hàng năm)");
// a list bullet may lead it ("- Quý I/2026", "• Hàng năm").
bool is_edge_punctuation(const Token& token, bool leading) {
    static constexpr std::string_view kEdge[] = {".", ",", ";", ":", "(", ")", "[", "]", "\"", "'", "*", "!"};
    static constexpr std::string_view kBullets[] = {"-", "+", "\u2022"};
    if (token.type != TokenType::symbol) return false;
    if (std::find(std::begin(kEdge), std::end(kEdge), token.text) != std::end(kEdge)) return true;
    return leading && std::find(std::begin(kBullets), std::end(kBullets), token.text) != std::end(kBullets);
}

std::span<const Token> trim(std::span<const Token> tokens) {
    while (!tokens.empty() && is_edge_punctuation(tokens.front(), true)) tokens = tokens.subspan(1);
    while (!tokens.empty() && is_edge_punctuation(tokens.back(), false)) tokens = tokens.first(tokens.size() - 1);
    return tokens;
}

// Reads tokens left to right. Matchers take a Cursor by value, so a pattern
// that fails half-way consumes nothing of the caller's cursor.
class Cursor {
public:
    explicit Cursor(std::span<const Token> tokens) : tokens_(tokens) {}

    bool done() const { return pos_ == tokens_.size(); }

    // Consumes the next token when it is the word `key` (a folded key).
    bool word(std::string_view key) { return take(TokenType::word, key); }

    // Consumes the words `keys` in order, or nothing.
    bool words(std::initializer_list<std::string_view> keys) {
        const size_t start = pos_;
        for (std::string_view key : keys) {
            if (!word(key)) {
                pos_ = start;
                return false;
            }
        }
        return true;
    }

    // Consumes the next token when it is the symbol `s` ("/", "-", ",").
    bool symbol(std::string_view s) { return take(TokenType::symbol, s); }

    // Consumes and returns the next token when it is a number (or a word), else nullptr.
    const Token* number() { return take_any(TokenType::number); }
    const Token* any_word() { return take_any(TokenType::word); }

private:
    bool take(TokenType type, std::string_view text) {
        if (done() || tokens_[pos_].type != type || tokens_[pos_].text != text) return false;
        ++pos_;
        return true;
    }

    const Token* take_any(TokenType type) {
        if (done() || tokens_[pos_].type != type) return nullptr;
        return &tokens_[pos_++];
    }

    std::span<const Token> tokens_;
    size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// What a family made of a phrase.

struct Resolution {
    DeadlineKind kind = DeadlineKind::undetermined;
    std::optional<Date> due;
    Recurrence recurrence = Recurrence::none;
    std::optional<int> first_year;
    std::string_view problem;  // why it is undetermined ("no such quarter in"); empty when understood
};

constexpr std::string_view kNoSuchQuarter = "no such quarter in";
constexpr std::string_view kNoSuchMonth = "no such month in";
constexpr std::string_view kNoSuchDate = "no such date in";
constexpr std::string_view kBadYear = "not a four-digit year from 2000 to 2100 in";
constexpr std::string_view kReversedPeriod = "period ends before it starts in";
constexpr std::string_view kNamesNoDate = "names no date:";
constexpr std::string_view kUnrecognised = "unrecognised deadline phrase";
constexpr std::string_view kEmpty = "no deadline text";

Resolution fixed(Date due) { return {DeadlineKind::fixed, due, Recurrence::none, std::nullopt, {}}; }
Resolution recurring(Recurrence recurrence) {
    return {DeadlineKind::recurring, std::nullopt, recurrence, std::nullopt, {}};
}
Resolution problem(std::string_view why) { return {DeadlineKind::undetermined, std::nullopt, Recurrence::none, {}, why}; }

// A year is written with four digits, from 2000 to 2100; anything else is not guessed.
bool is_year(const Token& token) { return token.text.size() == 4 && token.value >= 2000 && token.value <= 2100; }

// The separator between a period and its year: "Quý I/2026", "Quý II năm 2027".
bool year_separator(Cursor& c, const Vocabulary& v) { return c.symbol("/") || c.word(v.nam); }

// "đầu", "giữa", "cuối" before a month or a year (Civil Code art. 146: the first
// day, the 15th of a month or 30 June of a year, the last day).
enum class Part { whole, start, middle, end };

Part part(Cursor& c, const Vocabulary& v) {
    if (c.word(v.dau)) return Part::start;
    if (c.word(v.giua)) return Part::middle;
    if (c.word(v.cuoi)) return Part::end;
    return Part::whole;
}

// A quarter's number, Roman ("I".."IV") or Arabic ("1".."4"). nullopt when the
// next token is not a numeral at all; 0 when it is one but names no quarter ("V", "5").
std::optional<int> quarter_numeral(Cursor& c) {
    if (const Token* n = c.number()) return (n->text.size() <= 2 && n->value >= 1 && n->value <= 4) ? n->value : 0;
    Cursor probe = c;
    const Token* w = probe.any_word();
    if (!w || w->text.find_first_not_of("ivx") != std::string_view::npos) return std::nullopt;
    c = probe;
    static constexpr std::string_view kRoman[] = {"i", "ii", "iii", "iv"};
    const auto* it = std::find(std::begin(kRoman), std::end(kRoman), w->text);
    return it == std::end(kRoman) ? 0 : static_cast<int>(it - std::begin(kRoman)) + 1;
}

// ---------------------------------------------------------------------------
// The families of domain.md §2, one matcher each. A matcher returns nullopt when
// the whole phrase is not of its family.

using Matcher = std::optional<Resolution> (*)(Cursor, const Vocabulary&);

// "Trong từng giai đoạn", "Theo tiến độ": phrases known to name no date.
std::optional<Resolution> match_no_date(Cursor c, const Vocabulary& v) {
    if ((c.words({v.tung, v.giai, v.doan}) || c.words({v.theo, v.tung, v.giai, v.doan}) ||
         c.words({v.theo, v.tien, v.do_})) &&
        c.done()) {
        return problem(kNamesNoDate);
    }
    return std::nullopt;
}

// "Thường xuyên" (also "Thường xuyên, liên tục"): ongoing, reviewed every quarter.
std::optional<Resolution> match_ongoing(Cursor c, const Vocabulary& v) {
    if (!c.words({v.thuong, v.xuyen})) return std::nullopt;
    if (!c.done()) {
        c.symbol(",");
        if (!c.words({v.lien, v.tuc})) return std::nullopt;
    }
    if (!c.done()) return std::nullopt;
    return recurring(Recurrence::quarterly);
}

bool six(Cursor& c, const Vocabulary& v) {
    Cursor probe = c;
    const Token* n = probe.number();
    if (n && n->text.size() <= 2 && n->value == 6) {
        c = probe;
        return true;
    }
    return c.word(v.sau);
}

// "Hàng năm", "Hằng quý", "Định kỳ hàng năm", "Định kỳ 6 tháng", "6 tháng một lần", "Hàng 6 tháng".
std::optional<Resolution> match_recurring(Cursor c, const Vocabulary& v) {
    bool marked = c.words({v.dinh, v.ky}) || c.words({v.dinh, v.ky_variant});
    marked = (c.word(v.hang) || c.word(v.hang_variant) || c.word(v.moi)) || marked;
    Recurrence recurrence;
    if (c.word(v.nam)) recurrence = Recurrence::yearly;
    else if (c.word(v.quy)) recurrence = Recurrence::quarterly;
    else if (c.word(v.thang)) recurrence = Recurrence::monthly;
    else if (six(c, v) && c.word(v.thang)) recurrence = Recurrence::half_yearly;
    else return std::nullopt;
    // "... một lần", "... 1 lần", "... /lần": "once every ...".
    Cursor once = c;
    const Token* one = once.number();
    if ((once.word(v.mot) || (one && one->value == 1 && one->text.size() == 1) || once.symbol("/")) &&
        once.word(v.lan)) {
        c = once;
        marked = true;
    }
    if (!marked || !c.done()) return std::nullopt;
    return recurring(recurrence);
}

// "Quý I/2026", "Quý II năm 2027", "quý 3/2026", "Cuối quý IV/2026": the quarter's last day.
std::optional<Resolution> match_quarter(Cursor c, const Vocabulary& v) {
    c.word(v.cuoi);
    if (!c.word(v.quy)) return std::nullopt;
    const std::optional<int> quarter = quarter_numeral(c);
    if (!quarter || !year_separator(c, v)) return std::nullopt;
    const Token* year = c.number();
    if (!year || !c.done()) return std::nullopt;
    if (*quarter == 0) return problem(kNoSuchQuarter);
    if (!is_year(*year)) return problem(kBadYear);
    return fixed(last_day_of_quarter(year->value, *quarter));
}

// "6 tháng đầu năm 2027" → 30 June, "6 tháng cuối năm 2026" → 31 December; "6 tháng đầu/2027" too.
std::optional<Resolution> match_half_year(Cursor c, const Vocabulary& v) {
    if (!six(c, v) || !c.word(v.thang)) return std::nullopt;
    const bool first_half = c.word(v.dau);
    if (!first_half && !c.word(v.cuoi)) return std::nullopt;
    if (!year_separator(c, v)) return std::nullopt;
    const Token* year = c.number();
    if (!year || !c.done()) return std::nullopt;
    if (!is_year(*year)) return problem(kBadYear);
    return fixed(first_half ? last_day_of_month(year->value, 6) : last_day_of_month(year->value, 12));
}

// "Tháng 6/2026", "trong tháng 06 năm 2026", "Cuối tháng 6/2026", "Giữa tháng 6/2026"
// (the 15th), "Đầu tháng 6/2026" (the 1st), and a bare "6/2026".
std::optional<Resolution> match_month(Cursor c, const Vocabulary& v) {
    const Part where = part(c, v);
    const bool named = c.word(v.thang);
    if (!named && where != Part::whole) return std::nullopt;
    const Token* month = c.number();
    if (!month) return std::nullopt;
    if (!(named ? year_separator(c, v) : c.symbol("/"))) return std::nullopt;
    const Token* year = c.number();
    if (!year || !c.done()) return std::nullopt;
    if (!named && (month->text.size() > 2 || year->text.size() != 4)) return std::nullopt;
    if (month->text.size() > 2 || month->value < 1 || month->value > 12) return problem(kNoSuchMonth);
    if (!is_year(*year)) return problem(kBadYear);
    switch (where) {
        case Part::start: return fixed(*make_date(year->value, month->value, 1));
        case Part::middle: return fixed(*make_date(year->value, month->value, 15));
        case Part::whole:
        case Part::end: break;
    }
    return fixed(last_day_of_month(year->value, month->value));
}

// "ngày 30/6/2026", "Trước ngày 15/12/2026", "15/12/2026", "15-12-2026",
// "ngày 15 tháng 12 năm 2026", and ISO "2026-12-15": that day.
std::optional<Resolution> match_date(Cursor c, const Vocabulary& v) {
    c.word(v.ngay);
    const Token* first = c.number();
    if (!first) return std::nullopt;
    const Token* month = nullptr;
    const Token* last = nullptr;
    if (c.symbol("/")) {
        month = c.number();
        if (!month || !c.symbol("/")) return std::nullopt;
    } else if (c.symbol("-")) {
        month = c.number();
        if (!month || !c.symbol("-")) return std::nullopt;
    } else if (c.word(v.thang)) {
        month = c.number();
        if (!month || !c.word(v.nam)) return std::nullopt;
    } else {
        return std::nullopt;
    }
    last = c.number();
    if (!last || !c.done()) return std::nullopt;
    // Day first, except for an ISO date, whose first number has four digits.
    const bool iso = first->text.size() == 4 && last->text.size() <= 2;
    const Token& year = iso ? *first : *last;
    const Token& day = iso ? *last : *first;
    if (!is_year(year)) return problem(kBadYear);
    if (day.text.size() > 2 || month->text.size() > 2) return problem(kNoSuchDate);
    const std::optional<Date> date = make_date(year.value, month->value, day.value);
    if (!date) return problem(kNoSuchDate);
    return fixed(*date);
}

// "Năm 2027", "Trong năm 2027", "Cuối năm 2027" → 31 December; "Giữa năm 2027" → 30 June
// and "Đầu năm 2027" → 1 January (Civil Code art. 146); a bare "2027".
std::optional<Resolution> match_year(Cursor c, const Vocabulary& v) {
    const Part where = part(c, v);
    const bool named = c.word(v.nam);
    if (!named && where != Part::whole) return std::nullopt;
    const Token* year = c.number();
    if (!year || !c.done()) return std::nullopt;
    if (!named && year->text.size() != 4) return std::nullopt;
    if (!is_year(*year)) return problem(kBadYear);
    switch (where) {
        case Part::start: return fixed(*make_date(year->value, 1, 1));
        case Part::middle: return fixed(last_day_of_month(year->value, 6));
        case Part::whole:
        case Part::end: break;
    }
    return fixed(last_day_of_month(year->value, 12));
}

// "Giai đoạn 2026 - 2030", "Giai đoạn 2026 – 2030", "2026-2030", "từ năm 2026 đến năm 2030":
// due 31 December of the last year, with a yearly progress review.
std::optional<Resolution> match_period(Cursor c, const Vocabulary& v) {
    const bool named = c.words({v.giai, v.doan});
    c.word(v.tu);
    c.word(v.nam);
    const Token* first = c.number();
    if (!first || !(c.symbol("-") || c.word(v.den))) return std::nullopt;
    c.word(v.nam);
    const Token* last = c.number();
    if (!last || !c.done()) return std::nullopt;
    if (!named && (first->text.size() != 4 || last->text.size() != 4)) return std::nullopt;
    if (!is_year(*first) || !is_year(*last)) return problem(kBadYear);
    if (last->value < first->value) return problem(kReversedPeriod);
    return Resolution{DeadlineKind::period, last_day_of_month(last->value, 12), Recurrence::yearly, first->value, {}};
}

constexpr Matcher kFamilies[] = {
    match_no_date, match_ongoing, match_recurring, match_quarter, match_half_year,
    match_month,   match_date,    match_year,      match_period,
};

// Skips the leading words that do not move the date: "Trong", "Hoàn thành (trong)",
// "Chậm nhất", "Vào", "Đến (hết)". Returns whether a "Trước" (before) was among them.
bool skip_leading_words(Cursor& c, const Vocabulary& v) {
    bool before = false;
    for (;;) {
        if (c.word(v.truoc)) {
            before = true;
            continue;
        }
        if (c.word(v.trong) || c.word(v.vao) || c.word(v.den) || c.word(v.het) || c.words({v.hoan, v.thanh}) ||
            c.words({v.cham, v.nhat})) {
            continue;
        }
        return before;
    }
}

Resolution resolve_tokens(std::span<const Token> tokens) {
    const Vocabulary& v = vocabulary();
    Cursor c(tokens);
    const bool before = skip_leading_words(c, v);
    for (const Matcher match : kFamilies) {
        std::optional<Resolution> found = match(c, v);
        if (!found) continue;
        // "Trước" (before) leads a date or a period as the plans write it ("Trước quý II/2027": by the end
        // of that quarter, domain guide §2); before a recurring or no-date phrase it makes no sense.
        const bool dated = found->kind == DeadlineKind::fixed || found->kind == DeadlineKind::period;
        if (before && !dated && (found->problem.empty() || found->problem == kNamesNoDate)) return problem(kUnrecognised);
        return *found;
    }
    return problem(kUnrecognised);
}

}  // namespace

Deadline resolve_deadline(std::string_view input) {
    Deadline deadline;
    deadline.text = text::to_nfc(text::strip_markup(input));
    // Bytes that are not UTF-8 (a command-line argument can hold anything) become U+FFFD, so that the text
    // can be printed and put in JSON.
    if (text::first_invalid_utf8(deadline.text)) deadline.text = text::encode_utf8(text::decode_utf8(deadline.text));
    const std::string key = text::fold(deadline.text);
    const std::vector<Token> tokens = tokenise(key);
    const std::span<const Token> phrase = trim(tokens);
    const Resolution found = phrase.empty() ? problem(deadline.text.empty() ? kEmpty : kUnrecognised)
                                            : resolve_tokens(phrase);
    deadline.kind = found.kind;
    deadline.due = found.due;
    deadline.recurrence = found.recurrence;
    deadline.first_year = found.first_year;
    if (found.problem == kEmpty) {
        deadline.warning = found.problem;
    } else if (!found.problem.empty()) {
        deadline.warning.reserve(found.problem.size() + deadline.text.size() + 3);
        deadline.warning.append(found.problem).append(" \"").append(deadline.text).append("\"");
    }
    return deadline;
}

DeadlineProblem deadline_problem(const Deadline& deadline) {
    const std::string_view warning = deadline.warning;
    if (warning.empty()) return DeadlineProblem::none;
    const auto starts = [warning](std::string_view reason) { return warning.substr(0, reason.size()) == reason; };
    if (starts(kEmpty)) return DeadlineProblem::empty;
    if (starts(kNamesNoDate)) return DeadlineProblem::names_no_date;
    for (const std::string_view reason : {kNoSuchQuarter, kNoSuchMonth, kNoSuchDate, kBadYear, kReversedPeriod})
        if (starts(reason)) return DeadlineProblem::impossible;
    return DeadlineProblem::unrecognised;
}

std::string_view to_string(DeadlineKind kind) {
    switch (kind) {
        case DeadlineKind::fixed: return "fixed";
        case DeadlineKind::period: return "period";
        case DeadlineKind::recurring: return "recurring";
        case DeadlineKind::undetermined: return "undetermined";
    }
    return "undetermined";
}

std::string_view to_string(Recurrence recurrence) {
    switch (recurrence) {
        case Recurrence::none: return "";
        case Recurrence::monthly: return "monthly";
        case Recurrence::quarterly: return "quarterly";
        case Recurrence::half_yearly: return "half_yearly";
        case Recurrence::yearly: return "yearly";
    }
    return "";
}

std::optional<DeadlineKind> deadline_kind_from_string(std::string_view text) {
    for (DeadlineKind kind :
         {DeadlineKind::fixed, DeadlineKind::period, DeadlineKind::recurring, DeadlineKind::undetermined}) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

std::optional<Recurrence> recurrence_from_string(std::string_view text) {
    for (Recurrence recurrence : {Recurrence::none, Recurrence::monthly, Recurrence::quarterly,
                                  Recurrence::half_yearly, Recurrence::yearly}) {
        if (to_string(recurrence) == text) return recurrence;
    }
    return std::nullopt;
}

nlohmann::json to_json(const Deadline& deadline) {
    nlohmann::json json = nlohmann::json::object();
    json["text"] = deadline.text;
    json["kind"] = std::string(to_string(deadline.kind));
    json["due"] = deadline.due ? nlohmann::json(format_iso_date(*deadline.due)) : nlohmann::json(nullptr);
    json["recurrence"] = deadline.recurrence == Recurrence::none
                             ? nlohmann::json(nullptr)
                             : nlohmann::json(std::string(to_string(deadline.recurrence)));
    return json;
}

}  // namespace nhacviec
