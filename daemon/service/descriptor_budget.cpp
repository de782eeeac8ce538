#include "service/descriptor_budget.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace nhacviec {

namespace {

// The loop's own descriptors, the database's files on its connections, the
// mail folder's files, standard streams and the journal.
constexpr std::size_t kBaseReserve = 32;
// Per SMTP or webhook connection delivery may open at once: its socket and
// what libcurl opens beside it (the resolver's, its wake-up pair).
constexpr std::size_t kPerDeliveryConnection = 4;

}  // namespace

DescriptorBudget DescriptorBudget::share(std::uint64_t limit, const DeliveryConfig& delivery,
                                         std::size_t max_connections) {
    DescriptorBudget budget;
    budget.limit = limit;
    budget.limit_before = limit;
    budget.wanted = std::max<std::size_t>(max_connections, 1);
    budget.reserve = kBaseReserve + kPerDeliveryConnection * static_cast<std::size_t>(
                                                                 delivery.email.connections + delivery.webhook.connections);
    const std::uint64_t left = limit > budget.reserve ? limit - budget.reserve : 0;
    budget.connections = static_cast<std::size_t>(
        std::clamp<std::uint64_t>(left, 1, budget.wanted));
    return budget;
}

DescriptorBudget DescriptorBudget::plan(const DeliveryConfig& delivery, std::size_t max_connections) {
    rlimit limits{};
    if (::getrlimit(RLIMIT_NOFILE, &limits) != 0) {
        DescriptorBudget budget = share(1024, delivery, max_connections);
        budget.raise_error = std::string("cannot read it: ") + std::strerror(errno);
        return budget;
    }
    const std::uint64_t before = limits.rlim_cur;
    std::string error;
    if (limits.rlim_cur != limits.rlim_max) {
        rlimit raised = limits;
        raised.rlim_cur = limits.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limits = raised;
        else error = "cannot raise it to the hard limit " + std::to_string(limits.rlim_max) + ": " + std::strerror(errno);
    }
    DescriptorBudget budget = share(limits.rlim_cur, delivery, max_connections);
    budget.limit_before = before;
    budget.raise_error = error;
    return budget;
}

std::string DescriptorBudget::describe() const {
    std::string line = "open files: ";
    if (limit != limit_before) line += "limit raised from " + std::to_string(limit_before) + " to " + std::to_string(limit);
    else line += "limit " + std::to_string(limit);
    if (!raise_error.empty()) line += " (" + raise_error + ")";
    line += "; " + std::to_string(reserve) + " kept for the database, the mail folder and delivery, up to " +
            std::to_string(connections) + " HTTP connections at once";
    if (connections < wanted) line += " (not " + std::to_string(wanted) + ": the limit is low)";
    return line;
}

}  // namespace nhacviec
