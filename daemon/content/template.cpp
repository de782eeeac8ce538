#include "content/template.h"

#include "common/text.h"

#include <algorithm>

namespace nhacviec {
namespace {

// A name is "." or letters, digits, '_' and '.' ("task.code").
bool valid_name(std::string_view name) {
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; });
}

// Looks `name` up in the innermost context first, then outwards; "." is the context itself.
const nlohmann::json* lookup(const std::vector<const nlohmann::json*>& stack, std::string_view name) {
    if (name == ".") return stack.back();
    const size_t dot = name.find('.');
    const std::string head(name.substr(0, dot));
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        const nlohmann::json& context = **it;
        if (!context.is_object()) continue;
        auto found = context.find(head);
        if (found == context.end()) continue;
        const nlohmann::json* value = &*found;
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

bool truthy(const nlohmann::json* value) {
    if (!value || value->is_null()) return false;
    if (value->is_boolean()) return value->get<bool>();
    if (value->is_string()) return !value->get_ref<const std::string&>().empty();
    if (value->is_array() || value->is_object()) return !value->empty();
    if (value->is_number_integer()) return value->get<long long>() != 0;
    return true;
}

std::string as_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

void render_nodes(const std::vector<Template::Node>& nodes, std::vector<const nlohmann::json*>& stack,
                  Template::Escape escape, std::string& out) {
    for (const auto& node : nodes) {
        switch (node.kind) {
            case Template::Node::Kind::text:
                out += node.text;
                break;
            case Template::Node::Kind::value:
                if (const nlohmann::json* value = lookup(stack, node.text)) {
                    const std::string text = as_text(*value);
                    out += escape == Template::Escape::html ? nhacviec::text::html_escape(text) : text;
                }
                break;
            case Template::Node::Kind::section: {
                const nlohmann::json* value = lookup(stack, node.text);
                if (!truthy(value)) break;
                if (value->is_array()) {
                    for (const auto& element : *value) {
                        stack.push_back(&element);
                        render_nodes(node.children, stack, escape, out);
                        stack.pop_back();
                    }
                } else {
                    stack.push_back(value);
                    render_nodes(node.children, stack, escape, out);
                    stack.pop_back();
                }
                break;
            }
            case Template::Node::Kind::inverted:
                if (!truthy(lookup(stack, node.text))) render_nodes(node.children, stack, escape, out);
                break;
        }
    }
}

}  // namespace

Result<Template> Template::parse(std::string_view text, std::string source, Escape escape) {
    struct Open {
        std::string name;
        int line;
        std::vector<Node>* children;
        char sigil;  // '#' or '^', as written
    };
    std::vector<Node> root;
    std::vector<Open> open;
    std::vector<Node>* current = &root;
    int line = 1;
    size_t i = 0;
    const auto error = [&](int at, const std::string& message) {
        return Error{source + ":" + std::to_string(at) + ": " + message};
    };
    while (i < text.size()) {
        const size_t tag = text.find("{{", i);
        const std::string_view plain = text.substr(i, tag == std::string_view::npos ? std::string_view::npos : tag - i);
        if (!plain.empty()) current->push_back({Node::Kind::text, std::string(plain), {}});
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
            current->push_back({sigil == '#' ? Node::Kind::section : Node::Kind::inverted, name, {}});
            open.push_back({name, tag_line, current, sigil});
            current = &current->back().children;
        } else if (sigil == '/') {
            if (open.empty()) return error(tag_line, "{{/" + name + "}} closes nothing");
            if (open.back().name != name)
                return error(tag_line, "{{/" + name + "}} closes {{" + open.back().sigil + open.back().name +
                                           "}} of line " + std::to_string(open.back().line));
            current = open.back().children;
            open.pop_back();
        } else {
            current->push_back({Node::Kind::value, name, {}});
        }
    }
    if (!open.empty())
        return error(open.back().line, "unclosed {{" + std::string(1, open.back().sigil) + open.back().name + "}}");
    return Template(std::make_shared<const std::vector<Node>>(std::move(root)), std::move(source), escape);
}

std::string Template::render(const nlohmann::json& data) const {
    std::string out;
    std::vector<const nlohmann::json*> stack{&data};
    render_nodes(*nodes_, stack, escape_, out);
    return out;
}

}  // namespace nhacviec
