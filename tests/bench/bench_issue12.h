#pragma once
// Issue 12's figures that have no section of their own yet, and --issue12's summary table:
//   target 5, a hung request never stalls the sync: a first sync clean and one with
//   `--faults hang=0.01` (the same account, the same seed: the same requests hang), wall times
//   side by side, `pairs` times in turn; the median pair is the figure (target: <= 1.5x the
//   clean time).
// Printed, never asserted (docs/performance.md).

#include "tests/bench/bench_summary.h"

#include <QDir>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace fb::bench {

QString runHangSection(std::pair<int, int> account, int latencyMs, int pairs,
                       std::optional<qint64> commitGroupMs, const QDir& dir,
                       const std::function<void(const QString&)>& progress,
                       Summary* summary = nullptr);

// The summary as a table (markdown).
QString renderSummary(const Summary& summary);

} // namespace fb::bench
