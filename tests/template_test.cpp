#include "content/template.h"

#include <catch2/catch.hpp>

using namespace nhacviec;
using nlohmann::json;

namespace {

std::string render(const std::string& text, const json& data, Template::Escape escape = Template::Escape::none) {
    auto t = Template::parse(text, "t.txt", escape);
    REQUIRE(t.ok());
    return t->render(data);
}

}  // namespace

TEST_CASE("templates substitute values, sections and lists", "[content]") {
    const json data = {{"task", {{"code", "I.3"}, {"title", "Xây dựng kế hoạch"}}},
                       {"days_left", 7},
                       {"precondition", "sau khi có hướng dẫn"},
                       {"waiting", false},
                       {"cooperating", json::array({"Sở Nội vụ", "Sở Xây dựng"})},
                       {"rows", json::array({{{"id", "I.3"}, {"days", 12}}, {{"id", "II.4.1"}, {"days", 3}}})}};
    // One line per case: template, expected output.
    const std::pair<const char*, const char*> cases[] = {
        {"Nhiệm vụ {{task.code}}: {{task.title}}", "Nhiệm vụ I.3: Xây dựng kế hoạch"},
        {"còn {{days_left}} ngày", "còn 7 ngày"},
        {"{{#precondition}}Điều kiện: {{precondition}}{{/precondition}}", "Điều kiện: sau khi có hướng dẫn"},
        {"{{^waiting}}đang thực hiện{{/waiting}}", "đang thực hiện"},
        {"{{#waiting}}chờ{{/waiting}}", ""},
        {"{{#cooperating}}- {{.}}\n{{/cooperating}}", "- Sở Nội vụ\n- Sở Xây dựng\n"},
        {"{{#rows}}{{id}} quá hạn {{days}} ngày ({{task.code}}); {{/rows}}",
         "I.3 quá hạn 12 ngày (I.3); II.4.1 quá hạn 3 ngày (I.3); "},
        {"{{missing}}|{{task.missing}}|{{^missing}}không có{{/missing}}", "||không có"},
        {"{{! a comment }}x{{ task.code }}", "xI.3"},
    };
    for (const auto& [text, expected] : cases) {
        INFO(text);
        CHECK(render(text, data) == expected);
    }
}

TEST_CASE("HTML templates escape values, not the template", "[content]") {
    const json data = {{"title", "A & B <i>\"x\"</i>"}};
    CHECK(render("<b>{{title}}</b>", data, Template::Escape::html) ==
          "<b>A &amp; B &lt;i&gt;&quot;x&quot;&lt;/i&gt;</b>");
    CHECK(render("<b>{{title}}</b>", data) == "<b>A & B <i>\"x\"</i></b>");
}

TEST_CASE("template errors name the file and line", "[content]") {
    // One line per case: template, exact error.
    const std::pair<const char*, const char*> cases[] = {
        {"a\nb {{task.code", "t.txt:2: unclosed {{"},
        {"a\n{{#rows}}\nx\n", "t.txt:2: unclosed {{#rows}}"},
        {"{{#rows}}\n{{/row}}", "t.txt:2: {{/row}} closes {{#rows}} of line 1"},
        {"x\n\n{{/rows}}", "t.txt:3: {{/rows}} closes nothing"},
        {"{{task code}}", "t.txt:1: not a name: {{task code}}"},
        {"{{}}", "t.txt:1: not a name: {{}}"},
    };
    for (const auto& [text, error] : cases) {
        INFO(text);
        auto t = Template::parse(text, "t.txt", Template::Escape::none);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().message == error);
    }
}

TEST_CASE("templates keep every line as written, lines of section tags included", "[content]") {
    const std::string text = "a\n{{#x}}\nb\n{{/x}}\n  {{^x}}-{{/x}}  \nc";
    CHECK(render(text, {{"x", true}}) == "a\n\nb\n\n    \nc");
    CHECK(render(text, {{"x", false}}) == "a\n\n  -  \nc");
    CHECK(render("{{#x}} \t{{/x}}", {{"x", true}}) == " \t");  // output of blanks only, after a section
    CHECK(render("{{#x}}{{/x}}\r\n\r\n", {{"x", true}}) == "\r\n\r\n");
    CHECK(render("x{ {{a}} }}{", {{"a", "A"}}) == "x{ A }}{");
}

TEST_CASE("template values: numbers show as written, zero is false", "[content]") {
    const std::string text = "{{#n}}còn {{n}} ngày{{/n}}{{^n}}hôm nay{{/n}} ({{n}})";
    CHECK(render(text, {{"n", 0}}) == "hôm nay (0)");
    CHECK(render(text, {{"n", 3}}) == "còn 3 ngày (3)");
    CHECK(render("{{#b}}có{{/b}} {{b}} {{c}}", {{"b", true}, {"c", false}}) == "có true false");
    CHECK(render("{{#o}}x{{/o}}{{^o}}y{{/o}}|{{#s}}x{{/s}}{{^s}}y{{/s}}|{{^z}}y{{/z}}",
                 {{"o", json::object()}, {"s", ""}, {"z", nullptr}}) == "y|y|y");
    CHECK(render("{{#l}}[{{.}}]{{/l}}", {{"l", json::array({1, 2.5, "a"})}}) == "[1][2.5][a]");
    // Inside an inverted section, names are looked up where the section is.
    CHECK(render("{{#rows}}{{^waiting}}{{code}} {{/waiting}}{{/rows}}",
                 {{"rows", json::array({{{"code", "A"}, {"waiting", false}}, {{"code", "B"}, {"waiting", true}}})}}) ==
          "A ");
    // A dotted name is looked up from its first part: the element's "task" hides the outer one.
    CHECK(render("{{#rows}}[{{task.code}}]{{/rows}}",
                 {{"task", {{"code", "I.3"}}}, {"rows", json::array({{{"task", json::object()}}, json::object()})}}) ==
          "[][I.3]");
}

TEST_CASE("HTML templates escape as before: &#39; for the apostrophe, / = ` kept", "[content]") {
    const json data = {{"v", "a'b/c=d`e"}};
    CHECK(render("{{v}}", data, Template::Escape::html) == "a&#39;b/c=d`e");
    CHECK(render("{{v}}", data) == "a'b/c=d`e");
}

TEST_CASE("templates refuse unescaped values, partials and delimiter changes", "[content]") {
    const std::pair<const char*, const char*> cases[] = {
        {"<b>{{{title}}}</b>", "t.html:1: unescaped values ({{{name}}}, {{&name}}) are not supported: write {{title}}"},
        {"\n{{& title}}", "t.html:2: unescaped values ({{{name}}}, {{&name}}) are not supported: write {{ title}}"},
        {"{{>footer}}", "t.html:1: not a name: {{>footer}}"},
        {"{{=<% %>=}}", "t.html:1: not a name: {{=<% %>=}}"},
        {"{{-0}}", "t.html:1: not a name: {{-0}}"},
        {"{{#?x}}{{/?x}}", "t.html:1: not a name: {{#?x}}"},
    };
    for (const auto& [text, error] : cases) {
        INFO(text);
        auto t = Template::parse(text, "t.html", Template::Escape::html);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().message == error);
    }
}
