// GlobalOptions: the options every way in takes (the command line's global
// options, the daemon's start-up): where the configuration is and which
// database to use. A plain value, owned by whoever parsed it.
#pragma once

#include <optional>
#include <string>

namespace nhacviec::app {

struct GlobalOptions {
    std::optional<std::string> config_path;    // --config FILE; default: the built-in defaults
    std::optional<std::string> database_path;  // --db FILE; default: [storage] database of the configuration
};

}  // namespace nhacviec::app
