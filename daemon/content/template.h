// Template: a message template the city can reword without rebuilding
// (config/templates/), in the Mustache language, rendered by kainjow-mustache:
//   {{name}}              the value of name ("a.b" reaches into objects),
//                         HTML-escaped in HTML templates
//   {{#name}}…{{/name}}   the block once if name is true, a non-zero number or
//                         a non-empty string or object, once per element of a
//                         list (inside, names are looked up in the element first)
//   {{^name}}…{{/name}}   the block when name is missing, false, zero, empty or null
//   {{! comment }}        nothing
// Everything outside the tags is kept as written, line breaks and blank
// lines included (no "standalone line" removal). Unescaped values ({{{name}}},
// {{&name}}), partials and delimiter changes are refused. Parse errors name
// the file and line. A parsed Template is immutable and may be shared between
// threads; rendering is pure.
#pragma once

#include <memory>
#include <string>
#include <string_view>

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

private:
    struct Compiled;  // the template as kainjow-mustache holds it (template.cpp)

    Template(std::shared_ptr<const Compiled> compiled, std::string source)
        : compiled_(std::move(compiled)), source_(std::move(source)) {}

    std::shared_ptr<const Compiled> compiled_;
    std::string source_;
};

}  // namespace nhacviec
