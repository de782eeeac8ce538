// nhacviec: task reminders for government plans. This file only hands the
// command line to the sub-command table in cli/.
#include "cli/commands.h"

int main(int argc, char** argv) { return nhacviec::cli::run_command_line(argc, argv); }
