// DescriptorBudget: how `nhacviec run` shares its open-file limit. At start
// the soft RLIMIT_NOFILE is raised to the hard limit; a reserve is kept for
// everything but the HTTP connections (the database's files, the mail
// folder, the SMTP and webhook connections of delivery, the loop's own), and
// the HTTP server may keep open what remains, at most
// HttpLimits::max_connections. Computed once by run_daemon.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "config/delivery_config.h"

namespace nhacviec {

struct DescriptorBudget {
    std::uint64_t limit = 0;        // the soft limit, once raised
    std::uint64_t limit_before = 0; // the soft limit the process started with
    std::string raise_error;        // why it could not be raised, or ""
    std::size_t reserve = 0;        // descriptors kept for everything but HTTP connections
    std::size_t connections = 0;    // HTTP connections open at once, at least 1
    std::size_t wanted = 0;         // the most asked for

    // Raises the soft limit as far as the hard one allows and shares it out.
    static DescriptorBudget plan(const DeliveryConfig& delivery, std::size_t max_connections);
    // The reserve and the connections for a given limit (pure).
    static DescriptorBudget share(std::uint64_t limit, const DeliveryConfig& delivery, std::size_t max_connections);
    // One line for the log.
    std::string describe() const;
};

}  // namespace nhacviec
