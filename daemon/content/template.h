// Template: a message template the city can reword without rebuilding
// (config/templates/). A small, logic-less language:
//   {{name}}              the value of name ("a.b" reaches into objects),
//                         HTML-escaped in HTML templates
//   {{#name}}…{{/name}}   the block once if name is true or a non-empty
//                         string or object, once per element of a list
//                         (inside, names are looked up in the element first)
//   {{^name}}…{{/name}}   the block when name is missing, false, empty or null
//   {{! comment }}        nothing
// Parse errors name the file and line. A parsed Template is immutable and
// may be shared; rendering is pure.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace nhacviec {

class Template {
public:
    enum class Escape { none, html };

    // `source` names the template in errors: "reminder.txt:4: unclosed {{#precondition}}".
    static Result<Template> parse(std::string_view text, std::string source, Escape escape);

    // Renders against `data`. A name that is missing renders as nothing; a
    // name the template uses must be given by the caller (see the tests).
    std::string render(const nlohmann::json& data) const;

    const std::string& source() const { return source_; }

    struct Node;

private:
    Template(std::shared_ptr<const std::vector<Node>> nodes, std::string source, Escape escape)
        : nodes_(std::move(nodes)), source_(std::move(source)), escape_(escape) {}

    std::shared_ptr<const std::vector<Node>> nodes_;
    std::string source_;
    Escape escape_;
};

// One piece of a parsed template.
struct Template::Node {
    enum class Kind { text, value, section, inverted } kind = Kind::text;
    std::string text;            // the text, or the name
    std::vector<Node> children;  // sections only
};

}  // namespace nhacviec
