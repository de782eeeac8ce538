// The agency's page behind an answer link (GET and POST /tra-loi/TOKEN),
// through Api::handle on the real plan at 09:30 on 15 October 2026: which
// links open it (forged, altered, expired, revoked ones do not), what it
// offers each agency, what an answer records, and the exact refusal of each
// bad input, which records nothing.
#include <catch2/catch.hpp>

#include <regex>

#include <SQLiteCpp/Statement.h>

#include "api_fixture.h"
#include "links/answer_link.h"
#include "links/link_secret.h"
#include "schedule/review_period.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

constexpr const char* kBoundary = "nv-test-boundary-7MA4YWxkTrZu0gW";

// The fixture, with links made as the daemon makes them for its messages.
struct PageFixture : ApiFixture {
    using ApiFixture::ApiFixture;
    std::filesystem::path secret_path = link_secret_path(db_path);

    // The link of `agency` for task `code` (its review period `period`, "" for none), valid to `expires`.
    std::string link(const std::string& code, const std::string& agency, const std::string& period = "",
                     const std::string& expires = "2027-01-31") {
        auto secret = load_or_create_link_secret(secret_path);
        REQUIRE(secret.ok());
        return issue_link_token(*secret, subject(code, agency, period, expires));
    }

    LinkSubject subject(const std::string& code, const std::string& agency, const std::string& period,
                        const std::string& expires) {
        const auto snapshot = snapshots->current();
        REQUIRE(snapshot);
        const auto index = snapshot->find(code, std::nullopt);
        REQUIRE(index.ok());
        const ScheduledTask& task = snapshot->state->scheduled[*index];
        LinkSubject s;
        s.task_id = snapshot->state->tasks[*index].id;
        s.plan_number = task.plan_number;
        s.plan_year = task.plan_year;
        s.task_code = task.code;
        s.period = period.empty() ? 0 : pack_period(*parse_period(period));
        s.agency = agency;
        int slot = 0;
        bool found = false;
        for (const auto* ids : {&task.lead, &task.cooperating})
            for (const auto id : *ids) {
                if (!found && snapshot->state->names->name(id) == agency) {
                    s.agency_slot = static_cast<std::uint8_t>(slot);
                    found = true;
                }
                ++slot;
            }
        REQUIRE(found);
        s.expires = *parse_iso_date(expires);
        return s;
    }

    HttpResponse get(const std::string& token, const std::string& query = "",
                     const std::string& address = "203.0.113.7") {
        HttpRequest request;
        request.method = "GET";
        request.target = "/tra-loi/" + token + query;
        request.client_address = address;
        return api->handle(request);
    }

    // A POST of the page's form as a browser sends it from the page itself: under the page's no-referrer policy
    // its Origin is "null".
    HttpResponse post(const std::string& token, const std::string& content_type, const std::string& body) {
        HttpRequest request;
        request.method = "POST";
        request.target = "/tra-loi/" + token;
        request.content_type = content_type;
        request.body = body;
        request.client_address = "203.0.113.7";
        request.host = "127.0.0.1:8470";
        request.origin = "null";
        request.sec_fetch_site = "same-origin";
        return api->handle(request);
    }

    // The form token of the page the link shows.
    std::string form_token(const std::string& token) {
        const HttpResponse page = get(token);
        REQUIRE(page.status == 200);
        std::smatch m;
        REQUIRE(std::regex_search(page.body, m, std::regex("name=\"submission\" value=\"([^\"]+)\"")));
        return m[1];
    }

    // Sends `fields` (with the page's form token first) as multipart/form-data, with `file` when given.
    HttpResponse send(const std::string& token, std::vector<std::pair<std::string, std::string>> fields,
                      const std::optional<std::pair<std::string, std::string>>& file = std::nullopt) {
        fields.insert(fields.begin(), {"submission", form_token(token)});
        return post(token, std::string("multipart/form-data; boundary=") + kBoundary, multipart(fields, file));
    }

    static std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                                 const std::optional<std::pair<std::string, std::string>>& file) {
        const std::string boundary = std::string("--") + kBoundary;
        std::string body;
        for (const auto& [name, value] : fields) {
            body.append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name);
            body.append("\"\r\n\r\n").append(value).append("\r\n");
        }
        if (file) {
            body.append(boundary).append("\r\nContent-Disposition: form-data; name=\"report_file\"; filename=\"");
            body.append(file->first).append("\"\r\nContent-Type: application/pdf\r\n\r\n");
            body.append(file->second).append("\r\n");
        }
        return body.append(boundary).append("--\r\n");
    }

    long long count(const std::string& sql) {
        SQLite::Statement s(db->sql(), sql);
        REQUIRE(s.executeStep());
        return s.getColumn(0).getInt64();
    }
    long long answers() { return count("SELECT COUNT(*) FROM answers"); }
    size_t report_files() {
        const auto folder = dir / "reports";
        if (!std::filesystem::exists(folder)) return 0;
        return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(folder), {}));
    }
};

// The text of the element with `id`, tags removed.
std::string text_of(const std::string& html, const std::string& id) {
    const size_t at = html.find("id=\"" + id + "\"");
    if (at == std::string::npos) return "<no element #" + id + ">";
    const size_t start = html.find('>', at) + 1;
    const size_t end = html.find("</p>", start);
    std::string text = std::regex_replace(html.substr(start, end - start), std::regex("<[^>]*>"), "");
    for (const auto& [entity, character] : {std::pair<std::string, std::string>{"&quot;", "\""}, {"&#39;", "'"},
                                            {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
        text = std::regex_replace(text, std::regex(entity), character);
    return text;
}

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

const std::string kInvalid =
    "Đường liên kết này không hợp lệ: có thể địa chỉ bị chép thiếu hoặc sai, hoặc đường liên kết đã bị thu hồi. Xin "
    "mở lại đường liên kết trong thư nhắc việc mới nhất; nếu vẫn không được, xin liên hệ cơ quan theo dõi.";

}  // namespace

TEST_CASE("answer page: a valid link shows the task, its status and the lead agency's forms", "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.3", "Sở Tài chính");
    const HttpResponse page = f.get(token);
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(header_of(page, "Content-Security-Policy").starts_with("default-src 'none'; style-src 'sha256-"));
    CHECK(header_of(page, "Content-Security-Policy").ends_with("'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"));
    CHECK(header_of(page, "Cache-Control") == "no-store");
    CHECK(header_of(page, "Referrer-Policy") == "no-referrer");
    CHECK(text_of(page.body, "trang-thai") == "Trạng thái: Quá hạn 198 ngày");
    CHECK(page.body.find("<dt>Thời hạn</dt><dd>Quý I/2026</dd>") != std::string::npos);
    CHECK(page.body.find("<dt>Hạn hoàn thành</dt><dd>31/03/2026</dd>") != std::string::npos);
    CHECK(page.body.find("<dt>Hạn cuối theo quy định</dt><dd>31/03/2026</dd>") != std::string::npos);
    CHECK(page.body.find("Trả lời với tư cách <strong>Sở Tài chính</strong> (cơ quan chủ trì).") != std::string::npos);
    for (const char* form : {"form-progress", "form-completion", "form-extension"})
        CHECK(page.body.find(std::string("id=\"") + form + "\"") != std::string::npos);
    // I.3 has no precondition, and a lead agency does not send a cooperating agency's note.
    CHECK(page.body.find("id=\"form-waiting\"") == std::string::npos);
    CHECK(page.body.find("id=\"form-note\"") == std::string::npos);
    CHECK(page.body.find("<script") == std::string::npos);
    CHECK(page.body.find("http") == std::string::npos);  // no external asset, not even a link out
}

TEST_CASE("answer page: a cooperating agency may send a note only", "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.8", "Sở Nội vụ");
    const HttpResponse page = f.get(token);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Trả lời với tư cách <strong>Sở Nội vụ</strong> (cơ quan phối hợp).") != std::string::npos);
    CHECK(page.body.find("id=\"form-note\"") != std::string::npos);
    CHECK(page.body.find("id=\"form-completion\"") == std::string::npos);
    CHECK(page.body.find("id=\"form-progress\"") == std::string::npos);

    // Sending the lead agency's completion anyway is refused, and records nothing.
    const HttpResponse refused = f.send(token, {{"kind", "completion"}, {"done_on", "2026-10-01"},
                                                {"document_number", "12/BC-SNV"}, {"document_date", "2026-10-02"}});
    CHECK(refused.status == 422);
    CHECK(text_of(refused.body, "loi") ==
          "Cơ quan: Sở Nội vụ là cơ quan phối hợp thực hiện nhiệm vụ I.8; chỉ cơ quan chủ trì báo cáo tiến độ, hoàn "
          "thành, đề nghị gia hạn hay chờ điều kiện, cơ quan phối hợp chỉ gửi ý kiến");
    CHECK(f.answers() == 0);

    const HttpResponse sent = f.send(token, {{"kind", "note"}, {"note", "Sở Nội vụ đã gửi số liệu biên chế."}});
    CHECK(sent.status == 303);
    CHECK(f.count("SELECT COUNT(*) FROM answers WHERE kind = 'note' AND agency = 'Sở Nội vụ' AND via = 'link' AND "
                  "client_address = '203.0.113.7'") == 1);
}

TEST_CASE("answer page: a completion is recorded once, awaits confirmation, and a second one is refused",
          "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.3", "Sở Tài chính");
    const std::string form = f.form_token(token);
    const std::string body = PageFixture::multipart(
        {{"submission", form}, {"kind", "completion"}, {"done_on", "30/09/2026"}, {"document_number", "125/BC-STC"},
         {"document_date", "2026-10-01"}, {"note", "Đã trình UBND thành phố."}},
        std::pair<std::string, std::string>{"Báo cáo 125.pdf", kPdf});
    const std::string type = std::string("multipart/form-data; boundary=") + kBoundary;
    const HttpResponse sent = f.post(token, type, body);
    REQUIRE(sent.status == 303);
    CHECK(header_of(sent, "Location") == token + "?ghi-nhan=1");
    CHECK(f.count("SELECT COUNT(*) FROM answers WHERE id = 1 AND kind = 'completion' AND done_on = '2026-09-30' AND "
                  "document_number = '125/BC-STC' AND document_date = '2026-10-01' AND report_name = 'Báo cáo 125.pdf' "
                  "AND report_size = 77 AND completion_state = 'awaiting' AND submission = '" + form + "'") == 1);
    CHECK(f.report_files() == 1);
    // The monitoring agency is told at once: the message is in the outbox with the answer.
    CHECK(f.count("SELECT COUNT(*) FROM notifications WHERE kind = 'answer' AND key = "
                  "'90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính' AND subject = "
                  "'Sở Tài chính báo cáo hoàn thành nhiệm vụ I.3'") == 1);

    // The same form sent again (a double click): the first answer, nothing more.
    const HttpResponse again = f.post(token, type, body);
    CHECK(again.status == 303);
    CHECK(header_of(again, "Location") == token + "?ghi-nhan=1");
    CHECK(f.answers() == 1);
    CHECK(f.count("SELECT COUNT(*) FROM notifications WHERE kind = 'answer'") == 1);

    const HttpResponse page = f.get(token, "?ghi-nhan=1");
    CHECK(text_of(page.body, "da-ghi-nhan") ==
          "Đã ghi nhận báo cáo hoàn thành lúc 09:30 15/10/2026. Nhiệm vụ chờ cơ quan theo dõi xác nhận; trong thời "
          "gian chờ, hệ thống không gửi thư nhắc hạn.");
    CHECK(text_of(page.body, "trang-thai") ==
          "Trạng thái: Quá hạn 198 ngày; đã báo cáo hoàn thành ngày 30/09/2026, chờ xác nhận");
    CHECK(page.body.find("id=\"form-completion\"") == std::string::npos);
    CHECK(page.body.find("<li><div class=\"meta\">09:30 15/10/2026 – Sở Tài chính</div><div>Báo cáo hoàn thành ngày "
                         "30/09/2026, văn bản số 125/BC-STC ngày 01/10/2026, kèm tệp Báo cáo 125.pdf (77 byte) (qua "
                         "đường liên kết) <span class=\"state\">(chờ xác nhận)</span></div><p "
                         "class=\"detail\">Đã trình UBND thành phố.</p></li>") != std::string::npos);
    // The snapshot the API answers from has it at once: /metrics counts it.
    CHECK(f.handle("GET", "/metrics", "", "").body.find("nhacviec_tasks_awaiting_confirmation 1\n") != std::string::npos);
    CHECK(f.changes == 1);
    // And the dashboard's table.
    CHECK(f.handle("GET", "/", "", "").body.find(
              "Quá hạn 198 ngày; đã báo cáo hoàn thành ngày 30/09/2026, chờ xác nhận") != std::string::npos);

    // A second completion, from a form of the page as it was before.
    const HttpResponse second = f.send(token, {{"kind", "completion"}, {"done_on", "2026-10-01"},
                                               {"document_number", "126/BC-STC"}, {"document_date", "2026-10-02"}});
    CHECK(second.status == 422);
    CHECK(text_of(second.body, "loi") ==
          "Nhiệm vụ I.3 đã được Sở Tài chính báo cáo hoàn thành ngày 30/09/2026 (văn bản 125/BC-STC), đang chờ xác "
          "nhận; không gửi báo cáo hoàn thành lần thứ hai");
    CHECK(f.answers() == 1);
}

TEST_CASE("answer page: each bad input is refused with the field named, and records nothing", "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.3", "Sở Tài chính");
    const auto completion = [&](const std::string& done, const std::string& number, const std::string& issued) {
        return std::vector<std::pair<std::string, std::string>>{
            {"kind", "completion"}, {"done_on", done}, {"document_number", number}, {"document_date", issued}};
    };
    struct Case {
        const char* name;
        std::vector<std::pair<std::string, std::string>> fields;
        std::optional<std::pair<std::string, std::string>> file;
        const char* field_error;  // the id of the message next to the field
        std::string message;
    };
    const std::vector<Case> cases = {
        {"a done date in the future", completion("2026-10-16", "125/BC-STC", "2026-10-01"), std::nullopt,
         "completion-done_on-error", "Ngày hoàn thành: ngày 16/10/2026 chưa đến; không được sau hôm nay (15/10/2026)."},
        {"a done date before the plan", completion("2026-03-19", "125/BC-STC", "2026-10-01"), std::nullopt,
         "completion-done_on-error",
         "Ngày hoàn thành: ngày 19/03/2026 ở trước ngày ban hành kế hoạch (20/03/2026)."},
        {"a date that is no day", completion("31/09/2026", "125/BC-STC", "2026-10-01"), std::nullopt,
         "completion-done_on-error",
         "Ngày hoàn thành: không có ngày 31/09/2026; hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/10/2026."},
        {"a malformed document number", completion("2026-09-30", "125 BC-STC", "2026-10-01"), std::nullopt,
         "completion-document_number-error",
         "Số, ký hiệu văn bản: không đúng dạng; hãy ghi số, năm (nếu có) và ký hiệu văn bản, ví dụ 125/BC-STC hoặc "
         "12/2026/QĐ-UBND."},
        {"a report file that is not a PDF", completion("2026-09-30", "125/BC-STC", "2026-10-01"),
         std::pair<std::string, std::string>{"bao-cao.docx", "PK\x03\x04 not a pdf"}, "completion-report_file-error",
         "Tệp báo cáo không phải là tệp PDF. Hãy gửi bản PDF của văn bản báo cáo."},
        {"a report file over 10 MB", completion("2026-09-30", "125/BC-STC", "2026-10-01"),
         std::pair<std::string, std::string>{"lon.pdf", "%PDF-1.4\n" + std::string(10 * 1024 * 1024, 'x')},
         "completion-report_file-error", "Tệp báo cáo: tệp quá lớn (tối đa 10 MB)."},
        {"an extension to a past day", {{"kind", "extension"}, {"proposed_due", "2026-10-10"}, {"reason", "Chờ số liệu"}},
         std::nullopt, "extension-proposed_due-error",
         "Ngày đề nghị gia hạn: 10/10/2026 không sau ngày hôm nay (15/10/2026)"},
        {"an extension without a reason", {{"kind", "extension"}, {"proposed_due", "2026-12-31"}, {"reason", " "}},
         std::nullopt, "extension-reason-error", "Lý do: chưa nhập."},
        {"an empty progress report", {{"kind", "progress"}, {"note", ""}}, std::nullopt, "progress-note-error",
         "Nội dung: chưa nhập."},
        {"waiting on a precondition the task does not have", {{"kind", "waiting"}}, std::nullopt, "loi",
         "Nhiệm vụ I.3 không có điều kiện (\"sau khi …\") để chờ"},
    };
    for (const Case& c : cases) {
        SECTION(c.name) {
            const HttpResponse refused = f.send(token, c.fields, c.file);
            CHECK(refused.status == (std::string(c.name).starts_with("a report file over") ? 400 : 422));
            const std::string shown = text_of(refused.body, c.field_error);
            CHECK(shown == c.message);
            CHECK(f.answers() == 0);
            CHECK(f.report_files() == 0);
        }
    }
}

TEST_CASE("answer page: forged, altered, expired and revoked links open nothing", "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.3", "Sở Tài chính");
    REQUIRE(f.get(token).status == 200);

    SECTION("every character of the token changed, one at a time") {
        const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (size_t i = 0; i < token.size(); ++i) {
            std::string altered = token;
            altered[i] = alphabet[(alphabet.find(token[i]) + 1) % alphabet.size()];
            // From addresses of their own: one address trying 43 invalid links is held back (see below).
            const HttpResponse page = f.get(altered, "", "192.0.2." + std::to_string(i));
            INFO("character " << i);
            CHECK(page.status == 404);
            CHECK(text_of(page.body, "thong-bao") == kInvalid);
        }
    }
    SECTION("a token too short, too long, or with a character outside the alphabet") {
        for (const std::string& bad : {token.substr(1), token + "A", "%2E" + token.substr(1), std::string(43, '.')}) {
            CHECK(f.get(bad).status == 404);
        }
    }
    SECTION("a token made under another secret") {
        LinkSecret other{std::string(32, '\x07')};
        const std::string forged = issue_link_token(other, f.subject("I.3", "Sở Tài chính", "", "2027-01-31"));
        CHECK(f.get(forged).status == 404);
        CHECK(text_of(f.get(forged).body, "thong-bao") == kInvalid);
    }
    SECTION("a token that names an agency of another task") {
        // Sở Nội vụ leads I.7; a link for it on I.3 would need a slot I.3 gives to another agency.
        LinkSubject s = f.subject("I.3", "Sở Tài chính", "", "2027-01-31");
        s.agency = "Sở Nội vụ";
        auto secret = load_link_secret(f.secret_path);
        REQUIRE(secret.ok());
        CHECK(f.get(issue_link_token(*secret, s)).status == 404);
        // Nor does a valid link of one task open another: the task id is under the MAC.
        LinkSubject moved = f.subject("I.7", "Sở Nội vụ", "", "2027-01-31");
        moved.task_id = f.subject("I.3", "Sở Tài chính", "", "2027-01-31").task_id;
        CHECK(f.get(issue_link_token(*secret, moved)).status == 404);
    }
    SECTION("an expired link says so, and whom to ask") {
        const std::string old = f.link("I.3", "Sở Tài chính", "", "2026-10-14");
        const HttpResponse page = f.get(old);
        CHECK(page.status == 410);
        CHECK(text_of(page.body, "thong-bao") ==
              "Đường liên kết trả lời nhiệm vụ I.3 (Kế hoạch số 90/KH-UBND) chỉ dùng được đến hết ngày 14/10/2026. "
              "Thư nhắc việc sau sẽ có đường liên kết mới; nếu cần báo cáo ngay, xin liên hệ cơ quan theo dõi.");
        CHECK(page.body.find("Cần hỗ trợ, xin liên hệ Sở Tài chính (cơ quan theo dõi thực hiện kế hoạch)") !=
              std::string::npos);
        // Valid through its last day.
        CHECK(f.get(f.link("I.3", "Sở Tài chính", "", "2026-10-15")).status == 200);
    }
    SECTION("rotating the secret revokes every link at once, without a restart") {
        REQUIRE(rotate_link_secret(f.secret_path).ok());
        CHECK(f.get(token).status == 404);
        CHECK(f.get(f.link("I.3", "Sở Tài chính")).status == 200);
    }
}

TEST_CASE("answer page: a form from elsewhere is refused", "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.3", "Sở Tài chính");
    const std::string form = f.form_token(token);
    const std::string body = "submission=" + form + "&kind=progress&note=x";
    const std::string type = "application/x-www-form-urlencoded";
    const auto post_with = [&](const std::string& site, const std::string& origin, const std::string& submission) {
        HttpRequest request;
        request.method = "POST";
        request.target = "/tra-loi/" + token;
        request.content_type = type;
        request.body = "submission=" + submission + "&kind=progress&note=x";
        request.host = "127.0.0.1:8470";
        request.origin = origin;
        request.sec_fetch_site = site;
        return f.api->handle(request);
    };
    CHECK(post_with("cross-site", "https://evil.example", form).status == 403);
    CHECK(post_with("same-site", "http://other.127.0.0.1:8470", form).status == 403);
    CHECK(post_with("", "https://evil.example", form).status == 403);
    CHECK(post_with("cross-site", "null", form).status == 403);  // a sandboxed frame, a data: page
    // No form token, or one of another link's page.
    CHECK(post_with("same-origin", "http://127.0.0.1:8470", "").status == 403);
    CHECK(post_with("same-origin", "http://127.0.0.1:8470", f.form_token(f.link("I.7", "Sở Nội vụ"))).status == 403);
    CHECK(text_of(post_with("same-origin", "", "x").body, "thong-bao") ==
          "Biểu mẫu này không do trang trả lời của đường liên kết này tạo ra, hoặc đã cũ. Xin mở lại đường liên kết "
          "trong thư và gửi lại.");
    CHECK(f.answers() == 0);
    // From the page itself (an old browser sends neither header): recorded.
    CHECK(post_with("", "", form).status == 303);
    CHECK(f.answers() == 1);
    // From the page itself in a browser of today: "Origin: null" under the page's no-referrer policy, the site
    // named by Sec-Fetch-Site; or from a browser that sends the Origin alone.
    CHECK(post_with("same-origin", "null", f.form_token(token)).status == 303);
    CHECK(post_with("", "null", f.form_token(token)).status == 303);
    CHECK(post_with("same-origin", "http://127.0.0.1:8470", f.form_token(token)).status == 303);
    CHECK(f.answers() == 4);
}

TEST_CASE("answer page: a recurring task's link answers for its period; a task with a precondition may wait",
          "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("II.2.1", "Sở Xây dựng", "2026-Q3");
    const HttpResponse page = f.get(token);
    REQUIRE(page.status == 200);
    CHECK(page.body.find(", cho kỳ báo cáo <strong>quý III/2026</strong>.") != std::string::npos);
    CHECK(f.send(token, {{"kind", "progress"}, {"note", "Đã rà soát 12 dự án."}}).status == 303);
    CHECK(f.count("SELECT COUNT(*) FROM answers WHERE period = '2026-Q3' AND kind = 'progress'") == 1);

    const std::string waiting = f.link("I.7", "Sở Nội vụ");
    const HttpResponse wait_page = f.get(waiting);
    CHECK(wait_page.body.find("id=\"form-waiting\"") != std::string::npos);
    CHECK(f.send(waiting, {{"kind", "waiting"}, {"note", ""}}).status == 303);
    CHECK(text_of(f.get(waiting).body, "trang-thai").find("chờ điều kiện thực hiện") != std::string::npos);
}

TEST_CASE("answer page: requests per address, answers per link and invalid links are limited", "[answer-page]") {
    const std::string wait_message =
        "Có quá nhiều yêu cầu trong thời gian ngắn nên hệ thống tạm ngừng nhận. Xin thử lại sau 10 phút; những gì đã "
        "gửi trước đó vẫn được ghi nhận.";
    SECTION("requests from one address in any 10 minutes") {
        PageFixture f("[api]\nanswer_requests_per_address = 3\n");
        const std::string token = f.link("I.3", "Sở Tài chính");
        for (int i = 0; i < 3; ++i) CHECK(f.get(token).status == 200);
        const HttpResponse refused = f.get(token);
        CHECK(refused.status == 429);
        CHECK(header_of(refused, "Retry-After") == "600");
        CHECK(text_of(refused.body, "thong-bao") == wait_message);
        CHECK(f.get(token, "", "198.51.100.4").status == 200);  // another office
        f.clock.advance(std::chrono::minutes(10));
        CHECK(f.get(token).status == 200);
    }
    SECTION("answers through one link in any hour") {
        PageFixture f("[api]\nanswer_posts_per_link = 2\n");
        const std::string token = f.link("I.3", "Sở Tài chính");
        CHECK(f.send(token, {{"kind", "progress"}, {"note", "Lần 1"}}).status == 303);
        CHECK(f.send(token, {{"kind", "progress"}, {"note", "Lần 2"}}).status == 303);
        const HttpResponse refused = f.send(token, {{"kind", "progress"}, {"note", "Lần 3"}});
        CHECK(refused.status == 429);
        CHECK(header_of(refused, "Retry-After") == "3600");
        CHECK(f.answers() == 2);
        // Another agency's link is not held back.
        CHECK(f.send(f.link("I.7", "Sở Nội vụ"), {{"kind", "progress"}, {"note", "Lần 1"}}).status == 303);
    }
    SECTION("30 invalid links from one address in any 10 minutes, then nothing more is said") {
        PageFixture f;
        std::string bad = f.link("I.3", "Sở Tài chính");
        bad[5] = bad[5] == 'A' ? 'B' : 'A';
        for (int i = 0; i < 30; ++i) REQUIRE(f.get(bad).status == 404);
        CHECK(f.get(bad).status == 429);
        CHECK(f.get(bad, "", "198.51.100.4").status == 404);
        // The default limit of 300 requests per address is not reached by these 32.
        CHECK(f.get(f.link("I.3", "Sở Tài chính")).status == 200);
    }
    SECTION("0 turns a limit off") {
        PageFixture f("[api]\nanswer_requests_per_address = 0\n");
        const std::string token = f.link("I.3", "Sở Tài chính");
        for (int i = 0; i < 400; ++i) REQUIRE(f.get(token).status == 200);
    }
}

TEST_CASE("answer page: an answer the database does not take keeps no file and writes nothing", "[answer-page]") {
    PageFixture f;
    const std::string token = f.link("I.3", "Sở Tài chính");
    f.db->sql().exec("CREATE TRIGGER no_answers BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const HttpResponse failed =
        f.send(token, {{"kind", "completion"}, {"done_on", "2026-09-30"}, {"document_number", "125/BC-STC"},
                       {"document_date", "2026-10-01"}},
               std::pair<std::string, std::string>{"bao-cao.pdf", kPdf});
    CHECK(failed.status == 503);
    CHECK(header_of(failed, "Retry-After") == "30");
    CHECK(text_of(failed.body, "thong-bao") ==
          "Hệ thống đang gặp sự cố khi đọc, ghi dữ liệu; báo cáo của bạn chưa được ghi nhận. Xin thử lại sau ít phút.");
    CHECK(f.answers() == 0);
    CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);
    CHECK(f.report_files() == 0);
}
