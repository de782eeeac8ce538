// Tests of the agency directory (config/agencies.toml, loading, lookup) and of
// splitting plan cells into agencies.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "agency/agency_directory.h"
#include "agency/agency_splitter.h"
#include "common/text.h"

using namespace nhacviec;

namespace {

const std::string kSourceDir = NHACVIEC_SOURCE_DIR;

// The shipped directory, loaded once per test from the source tree.
const AgencyDirectory& shipped() {
    static const AgencyDirectory directory = [] {
        auto loaded = AgencyDirectory::load_file(kSourceDir + "/config/agencies.toml");
        if (!loaded) FAIL(loaded.error().message);
        return std::move(loaded).value();
    }();
    return directory;
}

// The names of the mentions, in order.
std::vector<std::string> names(const std::vector<AgencyMention>& mentions) {
    std::vector<std::string> out;
    for (const auto& mention : mentions) out.push_back(mention.name);
    return out;
}

bool all_known(const std::vector<AgencyMention>& mentions) {
    for (const auto& mention : mentions)
        if (!mention.known) return false;
    return true;
}

std::vector<std::string> split_names(std::string_view cell) { return names(split_agencies(cell, shipped())); }

// The error message of parsing `toml` as "t.toml", or "" when it parses.
std::string parse_error(std::string_view toml) {
    auto parsed = AgencyDirectory::parse(toml, "t.toml");
    return parsed ? std::string() : parsed.error().message;
}

const std::string kSoTaiChinh = "Sở Tài chính";
const std::string kSoNoiVu = "Sở Nội vụ";
const std::string kSoXayDung = "Sở Xây dựng";
const std::string kSoNongNghiep = "Sở Nông nghiệp và Môi trường";
const std::string kSoKhoaHoc = "Sở Khoa học và Công nghệ";
const std::string kSoVanHoa = "Sở Văn hóa, Thể thao và Du lịch";
const std::string kBanQuanLy = "Ban Quản lý Khu kinh tế";
const std::string kCongAn = "Công an thành phố";
const std::string kUbndXa = "UBND xã, phường, đặc khu";
const std::string kCacSo = "Các Sở, ban, ngành thành phố";
const std::string kCoLienQuan = "Các Sở, ngành, đơn vị có liên quan";
const std::string kBao = "Báo và Phát thanh, Truyền hình Hải Phòng";
const std::string kBaoChi = "Các cơ quan truyền thông, báo chí trên địa bàn thành phố";
const std::string kNhnn = "Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực 6";
const std::string kNhcsxh = "Ngân hàng Chính sách xã hội - Chi nhánh Hải Phòng";

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("the shipped directory loads, with its roles", "[agency]") {
    const AgencyDirectory& directory = shipped();
    CHECK(directory.roles().monitoring == kSoTaiChinh);
    CHECK(directory.roles().city_office == "Văn phòng UBND thành phố");
    CHECK(directory.roles().leadership == "Lãnh đạo UBND thành phố");
    REQUIRE(directory.find("Lãnh đạo UBND thành phố") != nullptr);
    for (const Agency& agency : directory.agencies()) {
        INFO(agency.name);
        CHECK(text::to_nfc(agency.name) == agency.name);
        for (const auto& alias : agency.aliases) CHECK(text::to_nfc(alias) == alias);
        for (const auto& email : agency.emails) CHECK(email.ends_with("@haiphong.example"));
        CHECK(agency.webhooks.empty());
        if (agency.kind == AgencyKind::group)
            CHECK((!agency.members.empty() || !agency.emails.empty()));
        else
            CHECK(agency.emails.size() == 1);
        for (const auto& member : agency.members) {
            const Agency* entry = directory.find(member);
            REQUIRE(entry != nullptr);
            CHECK(entry->name == member);
        }
    }
}

TEST_CASE("the built-in directory is the shipped one", "[agency]") {
    auto embedded = AgencyDirectory::load_embedded();
    REQUIRE(embedded.ok());
    REQUIRE(embedded->agencies().size() == shipped().agencies().size());
    for (size_t k = 0; k < shipped().agencies().size(); ++k)
        CHECK(embedded->agencies()[k].name == shipped().agencies()[k].name);
    CHECK(embedded->roles().monitoring == kSoTaiChinh);
}

TEST_CASE("groups in the shipped directory", "[agency]") {
    const AgencyDirectory& directory = shipped();
    for (const std::string& name :
         {kCacSo, kUbndXa, std::string("Doanh nghiệp nhà nước do UBND thành phố làm chủ sở hữu"),
          std::string("Các đơn vị sự nghiệp công lập"), std::string("Các quỹ tài chính nhà nước ngoài ngân sách"),
          kBaoChi, kCoLienQuan}) {
        INFO(name);
        const Agency* agency = directory.find(name);
        REQUIRE(agency != nullptr);
        CHECK(agency->name == name);
        CHECK(agency->kind == AgencyKind::group);
    }
    CHECK(directory.find(kCoLienQuan)->members == Names{kCacSo});
    CHECK(directory.find(kSoTaiChinh)->kind == AgencyKind::office);
    CHECK(directory.find(kSoTaiChinh)->emails == Names{"so-tai-chinh@haiphong.example"});
}

TEST_CASE("find compares names word by word, folded, abbreviations expanded", "[agency]") {
    const AgencyDirectory& directory = shipped();
    const auto found = [&](std::string_view name) {
        const Agency* agency = directory.find(name);
        return agency ? agency->name : std::string("(none)");
    };
    CHECK(found("Sở Tài chính") == kSoTaiChinh);
    CHECK(found("SỞ TÀI CHÍNH") == kSoTaiChinh);
    CHECK(found("So\xCC\x9B\xCC\x89 Ta\xCC\x80i chi\xCC\x81nh") == kSoTaiChinh);  // NFD
    CHECK(found("  Sở  Tài chính. ") == kSoTaiChinh);
    CHECK(found("Sở Khoa học và công nghệ") == kSoKhoaHoc);
    CHECK(found("Sở Văn hoá, Thể thao và Du lịch") == kSoVanHoa);
    CHECK(found("Sở Văn hóa - Thể thao và Du lịch") == kSoVanHoa);
    CHECK(found("Uỷ ban nhân dân xã, phường, đặc khu") == kUbndXa);
    CHECK(found("UBND các xã, phường, đặc khu") == kUbndXa);
    CHECK(found("Văn phòng Ủy ban nhân dân TP") == "Văn phòng UBND thành phố");
    CHECK(found("NHNN – chi nhánh KV 6") == kNhnn);
    CHECK(found("BHXH thành phố") == "Bảo hiểm xã hội thành phố");
    CHECK(found("Sở Ngoại vụ") == "(none)");
    CHECK(found("Sở Tài") == "(none)");
    CHECK(found("") == "(none)");
    CHECK(found(" - ; ") == "(none)");
}

TEST_CASE("expand_abbreviations works on whole folded words", "[agency]") {
    CHECK(expand_abbreviations(text::fold("UBND TP. Hải Phòng")) == text::fold("Ủy ban nhân dân thành phố. Hải Phòng"));
    CHECK(expand_abbreviations(text::fold("NHNN - KV 6")) == text::fold("Ngân hàng nhà nước - khu vực 6"));
    CHECK(expand_abbreviations(text::fold("BHXH")) == text::fold("bảo hiểm xã hội"));
    CHECK(expand_abbreviations(text::fold("HĐND thành phố")) == text::fold("hội đồng nhân dân thành phố"));
    CHECK(expand_abbreviations("tphcm kvx ubnd2") == "tphcm kvx ubnd2");  // not whole words
    CHECK(expand_abbreviations("") == "");
}

TEST_CASE("split: names with commas, hyphens and 'và' inside are one agency", "[agency]") {
    CHECK(split_names("Sở Văn hóa, Thể thao và Du lịch") == Names{kSoVanHoa});
    CHECK(split_names("Sở Nông nghiệp và Môi trường") == Names{kSoNongNghiep});
    CHECK(split_names("UBND xã, phường, đặc khu") == Names{kUbndXa});
    CHECK(split_names("Báo và phát thanh, truyền hình Hải Phòng") == Names{kBao});
    CHECK(split_names("Ngân hàng nhà nước Việt Nam - chi nhánh khu vực 6") == Names{kNhnn});
    CHECK(split_names("Ngân hàng chính sách xã hội, chi nhánh Hải Phòng") == Names{kNhcsxh});
    CHECK(all_known(split_agencies("Ngân hàng chính sách xã hội, chi nhánh Hải Phòng", shipped())));
}

TEST_CASE("split: cells naming several agencies", "[agency]") {
    CHECK(split_names("- Ban Quản lý Khu kinh tế - Sở Nông nghiệp và Môi trường; - Sở Tài chính; - UBND xã, phường, "
                      "đặc khu.") == Names{kBanQuanLy, kSoNongNghiep, kSoTaiChinh, kUbndXa});
    CHECK(split_names("Sở Nội vụ và các Sở, ngành đơn vị có liên quan") == Names{kSoNoiVu, kCoLienQuan});
    CHECK(split_names("Báo và phát thanh, truyền hình Hải Phòng, các cơ quan truyền thông, báo chí trên địa bàn thành "
                      "phố") == Names{kBao, kBaoChi});
    CHECK(split_names("- Các sở, ban, ngành thành phố. - UBND xã, phường, đặc khu.") == Names{kCacSo, kUbndXa});
}

TEST_CASE("split: cells of the seed plan", "[agency]") {
    // II.6.1 lead
    CHECK(split_names("Ngân hàng nhà nước Việt Nam - chi nhánh khu vực 6; Ngân hàng chính sách xã hội, chi nhánh Hải "
                      "Phòng") == Names{kNhnn, kNhcsxh});
    // II.2.5 lead
    CHECK(split_names("Sở Tài chính; Sở Xây dựng; Công an thành phố") == Names{kSoTaiChinh, kSoXayDung, kCongAn});
    // II.2.1 cooperating
    CHECK(split_names("- Ban Quản lý Khu kinh tế - Sở Nông nghiệp và Môi trường; - Sở Tài chính; - UBND xã, phường, "
                      "đặc khu.") == Names{kBanQuanLy, kSoNongNghiep, kSoTaiChinh, kUbndXa});
    // II.5.4 cooperating
    CHECK(split_names("- Sở Khoa học và công nghệ; Sở Tài chính; Sở Nội vụ và các Sở, ngành đơn vị có liên quan") ==
          Names{kSoKhoaHoc, kSoTaiChinh, kSoNoiVu, kCoLienQuan});
    // I.2 cooperating
    CHECK(split_names("- Các cơ quan truyền thông, báo chí trên địa bàn thành phố - Các sở, ban, ngành thành phố; UBND "
                      "các xã, phường, đặc khu") == Names{kBaoChi, kCacSo, kUbndXa});
    // II.2.2 cooperating
    CHECK(split_names("- Ban Quản lý Khu kinh tế - Sở Xây dựng, Sở Nông nghiệp và Môi trường; - UBND xã, phường, đặc "
                      "khu.") == Names{kBanQuanLy, kSoXayDung, kSoNongNghiep, kUbndXa});
    // II.3.3 cooperating, with its markup
    CHECK(split_names("<ul style=\"list-style-type: none\"> - Các Sở, ban, ngành thành phố; - UBND xã, phường, đặc "
                      "khu; - Các Ban Quản lý. ") == Names{kCacSo, kUbndXa, "Các Ban Quản lý"});
    // I.9.1 lead, in italics
    CHECK(split_names("<i>Sở Tài chính</i>") == Names{kSoTaiChinh});
}

TEST_CASE("split: abbreviations, case and tone placement", "[agency]") {
    CHECK(split_names("NHNN – chi nhánh KV 6") == Names{kNhnn});
    CHECK(split_names("Uỷ ban nhân dân xã, phường, đặc khu") == Names{kUbndXa});
    CHECK(split_names("Sở Văn hoá, Thể thao và Du lịch") == Names{kSoVanHoa});
    CHECK(split_names("SỞ TÀI CHÍNH; VĂN PHÒNG UBND TP.") == Names{kSoTaiChinh, "Văn phòng UBND thành phố"});
}

TEST_CASE("split: markup, duplicates and connectors", "[agency]") {
    CHECK(split_names("<ul><li>Sở Tài chính</li><li>Sở Nội vụ</li></ul>") == Names{kSoTaiChinh, kSoNoiVu});
    CHECK(split_names("Sở Tài chính; - Sở Nội vụ, Sở Tài chính.") == Names{kSoTaiChinh, kSoNoiVu});
    CHECK(split_names("Sở Nội vụ, Sở Tài chính và các") == Names{kSoNoiVu, kSoTaiChinh});
    CHECK(split_names("").empty());
    CHECK(split_names(" - ; . ").empty());
}

TEST_CASE("split: the directory first, then 'các' and an organisation's head word", "[agency]") {
    // A directory name stays whole; the rest is split by the rule.
    CHECK(split_names("Báo và phát thanh, truyền hình Hải Phòng, các cơ quan báo chí trên địa bàn tỉnh") ==
          Names{kBao, "các cơ quan báo chí trên địa bàn tỉnh"});
    CHECK(split_names("Sở Tài chính và các doanh nghiệp có liên quan") ==
          Names{kSoTaiChinh, "các doanh nghiệp có liên quan"});
    CHECK(split_names("Ban Quản lý Khu công nghệ cao và các khu công nghiệp thành phố") ==
          Names{"Ban Quản lý Khu công nghệ cao và các khu công nghiệp thành phố"});
}

TEST_CASE("split: a name the directory does not know is kept as written", "[agency]") {
    const auto mentions = split_agencies("Sở Ngoại vụ", shipped());
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].name == "Sở Ngoại vụ");
    CHECK_FALSE(mentions[0].known);

    const auto mixed = split_agencies("- Sở Ngoại vụ và Sở Tài chính; Phòng Kinh tế các xã.", shipped());
    REQUIRE(names(mixed) == Names{"Sở Ngoại vụ", kSoTaiChinh, "Phòng Kinh tế các xã"});
    CHECK_FALSE(mixed[0].known);
    CHECK(mixed[1].known);
    CHECK_FALSE(mixed[2].known);

    // Unknown text around a known name is not lost, and a known name inside an
    // unknown one is not taken out of it.
    CHECK(split_names("Chi cục Thuế thành phố") == Names{"Chi cục Thuế thành phố"});
    CHECK(split_names("Sở Tài chính Hải Phòng") == Names{kSoTaiChinh, "Hải Phòng"});
    // NFD input comes out NFC.
    CHECK(split_names("So\xCC\x9B\xCC\x89 Ngoa\xCC\xA3i vu\xCC\xA3") == Names{"Sở Ngoại vụ"});
}

TEST_CASE("split without a directory follows the rules", "[agency]") {
    const AgencyDirectory empty;
    const auto split = [&](std::string_view cell) {
        const auto mentions = split_agencies(cell, empty);
        for (const auto& mention : mentions) CHECK_FALSE(mention.known);
        return names(mentions);
    };
    CHECK(split("Sở A, Sở B và Ban C") == Names{"Sở A", "Sở B", "Ban C"});
    CHECK(split("Ngân hàng X, chi nhánh Y") == Names{"Ngân hàng X, chi nhánh Y"});
    CHECK(split("Sở Tài chính; Công an thành phố") == Names{"Sở Tài chính", "Công an thành phố"});
    CHECK(split("Sở Văn hóa, Thể thao và Du lịch") == Names{"Sở Văn hóa, Thể thao và Du lịch"});
    CHECK(split("UBND xã, phường, đặc khu") == Names{"UBND xã, phường, đặc khu"});
    CHECK(split("Các Sở, ban, ngành thành phố") == Names{"Các Sở, ban, ngành thành phố"});
    CHECK(split("Ngân hàng nhà nước Việt Nam - chi nhánh khu vực 6") ==
          Names{"Ngân hàng nhà nước Việt Nam - chi nhánh khu vực 6"});
    CHECK(split("- Ban Quản lý Khu kinh tế - Sở Xây dựng, Sở Nông nghiệp và Môi trường; - UBND xã, phường, đặc khu.") ==
          Names{"Ban Quản lý Khu kinh tế", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "UBND xã, phường, đặc khu"});
    CHECK(split("Sở Nội vụ và các Sở, ngành đơn vị có liên quan") ==
          Names{"Sở Nội vụ", "các Sở, ngành đơn vị có liên quan"});
    CHECK(split("- Các sở, ban, ngành thành phố. - UBND TP. Hải Phòng.") ==
          Names{"Các sở, ban, ngành thành phố", "UBND TP. Hải Phòng"});
    // "các" and an organisation's head word, in any case, after a comma or "và": a new agency.
    CHECK(split("Sở Tài chính, các cơ quan báo chí trên địa bàn tỉnh") ==
          Names{"Sở Tài chính", "các cơ quan báo chí trên địa bàn tỉnh"});
    CHECK(split("Sở Công Thương và các doanh nghiệp có liên quan") ==
          Names{"Sở Công Thương", "các doanh nghiệp có liên quan"});
    CHECK(split("Sở Nội vụ, các đơn vị sự nghiệp công lập và các tổ chức chính trị - xã hội") ==
          Names{"Sở Nội vụ", "các đơn vị sự nghiệp công lập", "các tổ chức chính trị - xã hội"});
    CHECK(split("Liên đoàn Lao động tỉnh và các hội, hiệp hội doanh nghiệp") ==
          Names{"Liên đoàn Lao động tỉnh", "các hội, hiệp hội doanh nghiệp"});
    CHECK(split("Sở Tài chính, các sở, ban, ngành") == Names{"Sở Tài chính", "các sở, ban, ngành"});
    // "và các" followed by places stays inside an official name.
    CHECK(split("Ban Quản lý Khu công nghệ cao và các khu công nghiệp tỉnh") ==
          Names{"Ban Quản lý Khu công nghệ cao và các khu công nghiệp tỉnh"});
    CHECK(split("UBND các huyện, thị xã và các xã, phường") == Names{"UBND các huyện, thị xã và các xã, phường"});
    // "các" inside a name, not after a comma or "và": no new agency.
    CHECK(split("Phòng Kinh tế các xã") == Names{"Phòng Kinh tế các xã"});
    CHECK(empty.find("Sở Tài chính") == nullptr);
    CHECK(empty.agencies().empty());
    CHECK(empty.roles().monitoring.empty());
}

TEST_CASE("every agency in the seed plan's appendix is in the shipped directory", "[agency]") {
    std::ifstream in(kSourceDir + "/config/plans/hai-phong-90-KH-UBND-2026.txt");
    REQUIRE(in);
    const auto is_task_number = [](const std::string& cell) {
        if (cell.empty() || !std::isdigit(static_cast<unsigned char>(cell.front())) ||
            !std::isdigit(static_cast<unsigned char>(cell.back())))
            return false;
        for (char c : cell)
            if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
        return true;
    };
    struct Row {
        std::string number, lead, cooperating;
    };
    std::vector<Row> rows;
    bool in_appendix = false;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line == "PHỤ LỤC") {
            in_appendix = true;
            continue;
        }
        if (!in_appendix) continue;
        std::vector<std::string> cells;
        std::stringstream stream(line);
        for (std::string cell; std::getline(stream, cell, '\t');) cells.push_back(cell);
        if (cells.empty()) continue;
        const std::string number = text::collapse_whitespace(cells[0]);
        const std::string lead = cells.size() > 2 ? cells[2] : "";
        const std::string cooperating = cells.size() > 3 ? cells[3] : "";
        if (is_task_number(number)) {
            rows.push_back({number, lead, cooperating});
        } else if (number.empty() && !rows.empty()) {  // continues the previous task after a page break
            rows.back().lead += " " + lead;
            rows.back().cooperating += " " + cooperating;
        }
    }
    REQUIRE(rows.size() == 59);  // 51 tasks, the heading I.9 and the seven group rows of section II

    size_t mentions = 0;
    for (const Row& row : rows) {
        for (const std::string* cell : {&row.lead, &row.cooperating}) {
            for (const AgencyMention& mention : split_agencies(*cell, shipped())) {
                INFO("task " << row.number << ": " << *cell);
                CHECK(mention.known);
                CHECK(mention.name != "");
                ++mentions;
            }
        }
    }
    CHECK(mentions > 100);

    // The continuation rows were joined.
    const auto row = [&](std::string_view number) {
        for (const Row& r : rows)
            if (r.number == number) return r;
        FAIL("no row " << number);
        return Row{};
    };
    CHECK(names(split_agencies(row("5.3").lead, shipped())) ==
          Names{"Doanh nghiệp nhà nước do UBND thành phố làm chủ sở hữu"});
    CHECK(names(split_agencies(row("5.3").cooperating, shipped())) ==
          Names{kSoKhoaHoc, kSoTaiChinh, kSoNoiVu, kCoLienQuan});
    CHECK(names(split_agencies(row("2.3").cooperating, shipped())) == Names{kSoTaiChinh, kSoNongNghiep, kUbndXa});
    CHECK(names(split_agencies(row("2.4").lead, shipped())) ==
          Names{"Các Sở, ngành, địa phương được giao quản lý tài sản kết cấu hạ tầng văn hóa, thể thao, du lịch, khu "
                "công nghiệp, khu kinh tế, khu thương mại tự do"});
    CHECK(names(split_agencies(row("1").cooperating, shipped())) == Names{kCacSo, kUbndXa, kBao, kBaoChi});
}

TEST_CASE("directory files: a small valid one", "[agency]") {
    auto parsed = AgencyDirectory::parse(R"(
[roles]
monitoring = "sở tài chính"

[[agency]]
name = "Sở Tài chính"
aliases = ["STC"]
emails = ["stc@example.example"]
webhooks = ["https://hooks.example/stc"]

[[agency]]
name = "Các sở"
kind = "group"
members = ["STC", "Sở Tài chính"]
)",
                                         "t.toml");
    REQUIRE(parsed.ok());
    const AgencyDirectory& directory = parsed.value();
    REQUIRE(directory.agencies().size() == 2);
    CHECK(directory.roles().monitoring == "Sở Tài chính");
    CHECK(directory.roles().city_office.empty());
    CHECK(directory.find("stc")->name == "Sở Tài chính");
    CHECK(directory.agencies()[0].webhooks == Names{"https://hooks.example/stc"});
    CHECK(directory.agencies()[1].kind == AgencyKind::group);
    CHECK(directory.agencies()[1].members == Names{"Sở Tài chính"});
    CHECK(AgencyDirectory::parse("", "t.toml").ok());
}

TEST_CASE("directory files: errors name the file, line, column and key", "[agency]") {
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\nemial = [\"a@b\"]\n") ==
          "t.toml:3:1: agency \"Sở A\" emial: unknown key");
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\nemails = \"x\"\n") ==
          "t.toml:3:10: agency \"Sở A\" emails: expected an array of strings");
    CHECK(
        parse_error("[[agency]]\nname = \"Sở A\"\naliases = [\"Sở B\"]\n\n[[agency]]\nname = \"Sở C\"\n"
                    "aliases = [\"Sở D\", \"sở b\"]\n") ==
        "t.toml:7:20: agency \"Sở C\" aliases: \"sở b\" is the same name as \"Sở B\" of agency \"Sở A\" (t.toml:3:12)");
    CHECK(parse_error("[[agency]]\nname = \"Các sở\"\nkind = \"group\"\nmembers = [\"Sở A\"]\n") ==
          "t.toml:4:12: agency \"Các sở\" members: \"Sở A\" names no agency");
    // Duplicates that differ only in case, tone placement, punctuation or an abbreviation.
    CHECK(parse_error("[[agency]]\nname = \"Sở Văn hóa\"\n[[agency]]\nname = \"SỞ VĂN HOÁ\"\n") ==
          "t.toml:4:8: agency \"SỞ VĂN HOÁ\" name: \"SỞ VĂN HOÁ\" is the same name as \"Sở Văn hóa\" of agency "
          "\"Sở Văn hóa\" (t.toml:2:8)");
    CHECK(parse_error("[[agency]]\nname = \"UBND xã\"\naliases = [\"Ủy ban nhân dân - xã\"]\n") ==
          "t.toml:3:12: agency \"UBND xã\" aliases: \"Ủy ban nhân dân - xã\" is the same name as \"UBND xã\" of agency "
          "\"UBND xã\" (t.toml:2:8)");
}

TEST_CASE("directory files: other validation", "[agency]") {
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\nemails = [\"a@b\", \"so-a.example\"]\n") ==
          "t.toml:3:18: agency \"Sở A\" emails: \"so-a.example\" is not an email address (no '@')");
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\nwebhooks = [\"ftp://x\"]\n") ==
          "t.toml:3:13: agency \"Sở A\" webhooks: \"ftp://x\" is not an http:// or https:// URL");
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\nkind = \"team\"\n") ==
          "t.toml:3:8: agency \"Sở A\" kind: expected \"office\" or \"group\", not \"team\"");
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\n[[agency]]\nname = \"Sở B\"\nmembers = [\"Sở A\"]\n") ==
          "t.toml:5:11: agency \"Sở B\" members: only a group (kind = \"group\") has members");
    CHECK(parse_error("[[agency]]\naliases = [\"A\"]\n") == "t.toml:1:1: agency #1 name: is required");
    CHECK(parse_error("[[agency]]\nname = \" \"\n") == "t.toml:2:8: agency \" \" name: must not be empty");
    CHECK(parse_error("[[agency]]\nname = \"Sở A\"\nkind = \"group\"\nmembers = [\"Sở A\"]\n") ==
          "t.toml:4:12: agency \"Sở A\" members: \"Sở A\" is the group itself");
    CHECK(parse_error("[[agency]]\nname = \"G1\"\nkind = \"group\"\nmembers = [\"G2\"]\n"
                      "[[agency]]\nname = \"G2\"\nkind = \"group\"\nmembers = [\"G1\"]\n") ==
          "t.toml:4:11: agency \"G1\" members: groups contain each other: \"G1\" -> \"G2\" -> \"G1\"");
    CHECK(parse_error("[roles]\nmonitoring = \"Sở X\"\n") ==
          "t.toml:2:14: [roles] monitoring: \"Sở X\" names no agency");
    CHECK(parse_error("[roles]\nleader = \"Sở X\"\n") == "t.toml:2:1: [roles] leader: unknown key");
    CHECK(parse_error("agencies = []\n") == "t.toml:1:1: agencies: unknown key");
    CHECK(parse_error("[agency]\nname = \"Sở A\"\n") ==
          "t.toml:1:1: agency: expected an array of tables: [[…]] with double brackets, not a single [table]");
    CHECK(parse_error("[[agency]]\nname = \"Sở A\n").starts_with("t.toml:2:"));
}

TEST_CASE("directory files: an unreadable file is named", "[agency]") {
    auto missing = AgencyDirectory::load_file("/nonexistent/agencies.toml");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message ==
          "/nonexistent/agencies.toml: cannot read the agency directory: No such file or directory");
    auto directory = AgencyDirectory::load_file(kSourceDir + "/config");
    REQUIRE_FALSE(directory.ok());
    CHECK(directory.error().message == kSourceDir + "/config: cannot read the agency directory: it is a directory");
}
