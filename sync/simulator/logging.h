#pragma once
// The simulator's logging category: QT_LOGGING_RULES="fillbook.sim.debug=true" shows each request.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSim)
