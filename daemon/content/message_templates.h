// MessageTemplates: the subject, text and HTML templates of each kind of
// notification (config/templates/, built into the binary as the default),
// loaded and checked at start-up. Immutable after loading; shared read-only.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "content/template.h"
#include "schedule/timeline.h"

namespace nhacviec {

// One rendered message. A plain value.
struct Message {
    std::string subject;  // one line
    std::string text;
    std::string html;
};

class MessageTemplates {
public:
    // The templates in `folder` (reminder.subject.txt, reminder.txt, reminder.html, review.*, escalation.*,
    // digest.*, answer.*, decision.*). A folder without answer.* or without
    // decision.* (made before those kinds existed) takes the built-in
    // templates of that kind; one with only some of a kind's is refused.
    static Result<MessageTemplates> load_folder(const std::filesystem::path& folder);
    // The built-in templates.
    static Result<MessageTemplates> load_embedded();

    // Renders the templates of `kind` against `context` (notification_context(), digest_context() for
    // the digest, answer_context() for an answer, decision_context() for a decision).
    Message render(NotificationKind kind, const nlohmann::json& context) const;

private:
    // Reads each template's text through `read` and names it in errors through `source`.
    using Reader = std::function<Result<std::string>(const std::string& file)>;
    using Namer = std::function<std::string(const std::string& file)>;
    static Result<MessageTemplates> load(const Reader& read, const Namer& source);

    struct Kind {
        Template subject, text, html;
    };
    static constexpr size_t kKinds = 6;
    explicit MessageTemplates(std::array<std::optional<Kind>, kKinds> kinds) : kinds_(std::move(kinds)) {}

    std::array<std::optional<Kind>, kKinds> kinds_;  // by NotificationKind: reminder, review, escalation, digest, answer, decision
};

}  // namespace nhacviec
