#pragma once
// Issue 13's benchmark: the replicator's push of 100,000 annotations, and of a 1,000,000-fill
// account's records (fills, orders, income, trades as the outbox carries them), to a real
// PostgreSQL 15 server the benchmark starts itself (scripts/desk-test-server: initdb + pg_ctl on
// a free loopback port), next to PostgreSQL's own COPY of the same rows into identical scratch
// tables on the same server in the same run (psql's \copy FROM a CSV file the server exported).
// Printed, never asserted (docs/performance.md, "Sharing (issue 13)").

#include <QDir>
#include <QString>

#include <functional>

namespace fb::bench {

struct ShareBenchOptions
{
    int annotations = 100'000; // --share-annotations N (0 skips)
    int fills = 1'000'000;     // --share-fills N (0 skips)
    int symbols = 200;
    int batchSize = 500; // outbox rows per push batch (the replicator's default)
};

// Starts the server, runs both pushes and the COPYs, stops the server; returns the tables.
QString runShareSection(const ShareBenchOptions& o, const QDir& dir,
                        const std::function<void(const QString&)>& progress);

} // namespace fb::bench
