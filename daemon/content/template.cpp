#include "content/template.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <vector>

#include <kainjow/mustache.hpp>

#include "common/text.h"

// How the template reaches kainjow-mustache. parse() reads the tags itself,
// for errors that name the line and for what it refuses, then hands kainjow a
// template made of tags only:
//   - each piece of literal text becomes {{&-N}}, whose value is that text.
//     kainjow drops a line that held a section tag and renders blank; the
//     templates were written for an engine that keeps every line as written,
//     and with no line breaks of its own in the template kainjow keeps them
//     all. A last piece, {{&-end}}, is never blank: kainjow could drop a
//     template's whole output when it is only spaces and a section rendered.
//   - {{#name}}, {{^name}} and {{/name}} become {{#?name}}, {{^?name}} and
//     {{/?name}}: a section looks name up for its truth (0, "" and {} are
//     false) where {{name}} looks it up for its text ("0").
// Template names never start with '-' or '?' (valid_name), so none of these
// can be written in a template.
namespace nhacviec {
namespace {

using Mustache = kainjow::mustache::mustache;
using Data = kainjow::mustache::data;
using nlohmann::json;

constexpr char kTextPrefix = '-';
constexpr char kSectionPrefix = '?';
const std::string kEndName = "-end";
const std::string kEndText = "\n";

// A name is "." or letters, digits, '_' and '.' ("task.code").
bool valid_name(std::string_view name) {
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; });
}

// Looks `name` up in the innermost context first, then outwards; "." is the context itself.
const json* lookup(const std::vector<const json*>& stack, std::string_view name) {
    if (name == ".") return stack.back();
    const size_t dot = name.find('.');
    const std::string head(name.substr(0, dot));
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        const json& context = **it;
        if (!context.is_object()) continue;
        auto found = context.find(head);
        if (found == context.end()) continue;
        const json* value = &*found;
        size_t start = dot;
        while (start != std::string_view::npos) {
            const size_t next = name.find('.', start + 1);
            const std::string part(name.substr(start + 1, next == std::string_view::npos ? next : next - start - 1));
            if (!value->is_object() || !value->contains(part)) return nullptr;
            value = &(*value)[part];
            start = next;
        }
        return value;
    }
    return nullptr;
}

bool truthy(const json* value) {
    if (!value || value->is_null()) return false;
    if (value->is_boolean()) return value->get<bool>();
    if (value->is_string()) return !value->get_ref<const std::string&>().empty();
    if (value->is_array() || value->is_object()) return !value->empty();
    if (value->is_number_integer()) return value->get<long long>() != 0;
    return true;
}

std::string as_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

// What kainjow sees of the data: the values of one render, looked up in the
// JSON as the template language says (see lookup and truthy). kainjow pushes
// back the values it got for sections (or an element of a list it got);
// each of them maps to its JSON value. Lives for one render, on its thread.
class JsonContext final : public kainjow::mustache::basic_context<std::string> {
public:
    JsonContext(const json& data, const Data& texts) : texts_(texts) { stack_.push_back(&data); }

    void push(const Data* value) override {
        const auto found = json_of_.find(value);
        // An inverted section pushes the false it rendered for: its block sees the context around it.
        stack_.push_back(found != json_of_.end() ? found->second : stack_.back());
    }

    void pop() override { stack_.pop_back(); }

    const Data* get(const std::string& name) const override {
        if (name.empty()) return nullptr;
        if (name.front() == kTextPrefix) return texts_.get(name);
        if (name.front() == kSectionPrefix) return section(lookup(stack_, std::string_view(name).substr(1)));
        const json* value = lookup(stack_, name);
        return value ? keep(Data(as_text(*value))) : nullptr;
    }

    const Data* get_partial(const std::string&) const override { return nullptr; }

private:
    // A section's value: false, a list of one stand-in per element, or one stand-in for the value.
    const Data* section(const json* value) const {
        static const Data kFalse(false);
        if (!truthy(value)) return &kFalse;
        if (!value->is_array()) return keep(Data(true), value);
        Data list(Data::type::list);
        for (size_t i = 0; i < value->size(); ++i) list.push_back(Data(true));
        const Data* kept = keep(std::move(list));
        for (size_t i = 0; i < value->size(); ++i) json_of_[&kept->list_value()[i]] = &(*value)[i];
        return kept;
    }

    const Data* keep(Data value, const json* json_value = nullptr) const {
        values_.push_back(std::move(value));
        if (json_value) json_of_[&values_.back()] = json_value;
        return &values_.back();
    }

    const Data& texts_;
    std::vector<const json*> stack_;
    mutable std::deque<Data> values_;  // a deque: what kainjow holds a pointer to never moves
    mutable std::unordered_map<const Data*, const json*> json_of_;
};

}  // namespace

struct Template::Compiled {
    // kainjow's render is not const, but changes nothing for these templates
    // (no partials or lambdas, so no error to record): renders may share it.
    mutable Mustache mustache;
    Data texts{Data::type::object};  // "-0", "-1", …, "-end": the literal text

    explicit Compiled(const std::string& tags) : mustache(tags) {}
};

Result<Template> Template::parse(std::string_view text, std::string source, Escape escape) {
    struct Open {
        std::string name;
        int line;
        char sigil;  // '#' or '^', as written
    };
    std::vector<Open> open;
    std::string tags;  // the template for kainjow (see the top of the file)
    Data texts(Data::type::object);
    size_t pieces = 0;
    int line = 1;
    size_t i = 0;
    const auto error = [&](int at, const std::string& message) {
        return Error{source + ":" + std::to_string(at) + ": " + message};
    };
    while (i < text.size()) {
        const size_t tag = text.find("{{", i);
        const std::string_view plain = text.substr(i, tag == std::string_view::npos ? std::string_view::npos : tag - i);
        if (!plain.empty()) {
            const std::string name = kTextPrefix + std::to_string(pieces++);
            texts.set(name, Data(std::string(plain)));
            tags += "{{&" + name + "}}";
        }
        line += static_cast<int>(std::count(plain.begin(), plain.end(), '\n'));
        if (tag == std::string_view::npos) break;
        const size_t close = text.find("}}", tag + 2);
        if (close == std::string_view::npos) return error(line, "unclosed {{");
        std::string_view inside = text.substr(tag + 2, close - tag - 2);
        const int tag_line = line;
        line += static_cast<int>(std::count(inside.begin(), inside.end(), '\n'));
        i = close + 2;
        if (!inside.empty() && inside[0] == '!') continue;
        if (!inside.empty() && (inside[0] == '{' || inside[0] == '&'))
            return error(tag_line, "unescaped values ({{{name}}}, {{&name}}) are not supported: write {{" +
                                       std::string(inside.substr(1)) + "}}");
        const char sigil = inside.empty() ? '\0' : inside[0];
        std::string name(sigil == '#' || sigil == '^' || sigil == '/' ? inside.substr(1) : inside);
        const size_t first = name.find_first_not_of(' ');
        name = first == std::string::npos ? std::string() : name.substr(first, name.find_last_not_of(' ') - first + 1);
        if (!valid_name(name)) return error(tag_line, "not a name: {{" + std::string(inside) + "}}");
        if (sigil == '#' || sigil == '^') {
            open.push_back({name, tag_line, sigil});
            tags += std::string("{{") + sigil + kSectionPrefix + name + "}}";
        } else if (sigil == '/') {
            if (open.empty()) return error(tag_line, "{{/" + name + "}} closes nothing");
            if (open.back().name != name)
                return error(tag_line, "{{/" + name + "}} closes {{" + open.back().sigil + open.back().name +
                                           "}} of line " + std::to_string(open.back().line));
            open.pop_back();
            tags += std::string("{{/") + kSectionPrefix + name + "}}";
        } else {
            tags += "{{" + name + "}}";
        }
    }
    if (!open.empty())
        return error(open.back().line, "unclosed {{" + std::string(1, open.back().sigil) + open.back().name + "}}");
    texts.set(kEndName, Data(kEndText));
    tags += "{{&" + kEndName + "}}";

    auto compiled = std::make_shared<Compiled>(tags);
    // Never happens: every tag above is one kainjow reads (config_fuzz checks it).
    if (!compiled->mustache.is_valid())
        return Error{source + ": internal error: kainjow-mustache refused the template: " +
                     compiled->mustache.error_message()};
    compiled->texts = std::move(texts);
    if (escape == Escape::html)
        compiled->mustache.set_custom_escape([](const std::string& value) { return text::html_escape(value); });
    else
        compiled->mustache.set_custom_escape([](const std::string& value) { return value; });
    return Template(std::move(compiled), std::move(source));
}

std::string Template::render(const nlohmann::json& data) const {
    JsonContext context(data, compiled_->texts);
    std::string out = compiled_->mustache.render(context);
    // The last piece, kEndText, is not the template's.
    if (out.size() >= kEndText.size()) out.resize(out.size() - kEndText.size());
    return out;
}

}  // namespace nhacviec
