#pragma once
// Section 1 of fillbook-bench: the journal's write path with the network taken out (the
// pipeline, bench_pipeline.h), each batch in its own transaction and as the engine commits,
// next to the SQLite C-API limits for the same rows (bench_same_rows.h); issue 12's target 3.
// Printed, never asserted (docs/performance.md).

#include "tests/bench/bench_common.h"
#include "tests/bench/bench_summary.h"

#include <QDir>
#include <QString>

#include <functional>

namespace fb::bench {

QString runPipelineSection(const Options& o, const QDir& dir,
                           const std::function<void(const QString&)>& progress,
                           Summary* summary = nullptr);

} // namespace fb::bench
