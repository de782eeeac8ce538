// The functions behind the sub-commands, one file each under cli/.
#pragma once

#include "cli/commands.h"

namespace nhacviec::cli {

int run_import(Invocation& inv);
int run_tasks(Invocation& inv);
int run_resolve(Invocation& inv);
int run_check(Invocation& inv);
int run_calendar(Invocation& inv);
int run_status(Invocation& inv);
int run_report(Invocation& inv);
int run_schedule(Invocation& inv);
int run_deliver(Invocation& inv);
int run_outbox(Invocation& inv);
int run_send_test(Invocation& inv);
int run_feed(Invocation& inv);
int run_run(Invocation& inv);
int run_backup(Invocation& inv);
int run_links(Invocation& inv);
int run_user(Invocation& inv);

}  // namespace nhacviec::cli
