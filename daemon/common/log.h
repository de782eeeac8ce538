// Log lines of the daemon, on stderr. Under systemd (JOURNAL_STREAM set) each
// line starts with its syslog priority ("<3>", "<4>", "<6>", "<7>") so that
// journald keeps the levels; on a terminal it reads "nhacviec: warning: …".
#pragma once

#include <string_view>

namespace nhacviec::log {

void error(std::string_view message);
void warning(std::string_view message);
void info(std::string_view message);

}  // namespace nhacviec::log
