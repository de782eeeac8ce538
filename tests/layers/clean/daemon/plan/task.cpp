#include "plan/task.h"
// #include "cli/commands.h" is a comment, not an include
#include <vector>
#include "generated/embedded.h"
