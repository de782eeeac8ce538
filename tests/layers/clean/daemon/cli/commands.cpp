#include "plan/task.h"
