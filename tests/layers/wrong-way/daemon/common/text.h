#pragma once

#include "plan/task.h"
