#include "sync/simulator/logging.h"

Q_LOGGING_CATEGORY(lcSim, "fillbook.sim", QtInfoMsg)
