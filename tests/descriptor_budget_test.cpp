// DescriptorBudget: the HTTP server gets what the open-file limit leaves
// after the reserve for the database, the mail folder and delivery (which
// grows with the configured SMTP and webhook connections), at most the
// connections asked for and at least one.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include "service/descriptor_budget.h"

using namespace nhacviec;

TEST_CASE("descriptor budget: the reserve first, the HTTP connections from what is left", "[service]") {
    struct Row {
        std::uint64_t limit;
        int smtp;
        int webhook;
        std::size_t wanted;
        std::size_t reserve;
        std::size_t connections;
        const char* line;
    };
    const Row rows[] = {
        {524288, 2, 4, 256, 56, 256,
         "open files: limit 524288; 56 kept for the database, the mail folder and delivery, up to 256 HTTP "
         "connections at once"},
        {1024, 2, 4, 256, 56, 256,
         "open files: limit 1024; 56 kept for the database, the mail folder and delivery, up to 256 HTTP "
         "connections at once"},
        {128, 2, 4, 256, 56, 72,
         "open files: limit 128; 56 kept for the database, the mail folder and delivery, up to 72 HTTP connections "
         "at once (not 256: the limit is low)"},
        {1024, 32, 64, 256, 416, 256,
         "open files: limit 1024; 416 kept for the database, the mail folder and delivery, up to 256 HTTP "
         "connections at once"},
        {512, 32, 64, 256, 416, 96,
         "open files: limit 512; 416 kept for the database, the mail folder and delivery, up to 96 HTTP "
         "connections at once (not 256: the limit is low)"},
        {40, 2, 4, 256, 56, 1,
         "open files: limit 40; 56 kept for the database, the mail folder and delivery, up to 1 HTTP connections "
         "at once (not 256: the limit is low)"},
    };
    for (const Row& row : rows) {
        INFO("limit " << row.limit << ", " << row.smtp << " SMTP and " << row.webhook << " webhook connections");
        DeliveryConfig delivery;
        delivery.email.connections = row.smtp;
        delivery.webhook.connections = row.webhook;
        const DescriptorBudget budget = DescriptorBudget::share(row.limit, delivery, row.wanted);
        CHECK(budget.reserve == row.reserve);
        CHECK(budget.connections == row.connections);
        CHECK(budget.describe() == row.line);
    }
}

TEST_CASE("descriptor budget: the soft limit is raised to the hard one", "[service]") {
    rlimit before{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &before) == 0);
    rlimit lowered = before;
    lowered.rlim_cur = std::min<rlim_t>(before.rlim_max, 200);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    const DescriptorBudget budget = DescriptorBudget::plan(DeliveryConfig{}, 256);
    rlimit after{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &after) == 0);
    ::setrlimit(RLIMIT_NOFILE, &before);
    CHECK(after.rlim_cur == before.rlim_max);
    CHECK(budget.limit_before == lowered.rlim_cur);
    CHECK(budget.limit == before.rlim_max);
    CHECK(budget.raise_error == "");
}
