#pragma once
#include "plan/task.h"
  #  include "content/message.h"
