#pragma once
// Measurements 4 and 5: single parts timed on their own, once timing checks inside the test
// suite (a timing target is a figure to print, never an assertion that flakes on a busy machine).
//   4. the raw upsert, the hot path of a first sync: one large page of fills inserted in one
//      transaction, then the same page again (all duplicates);
//   5. the simulator's account generator (what a test or `fillbook-sim --fills` waits for).

#include <QString>
#include <QVector>

namespace fb::bench {

struct UpsertRateResult
{
    qint64 fills = 0;
    double insertSeconds = 0;    // wall
    double insertCpuSeconds = 0; // process CPU: on a shared machine the wall clock measures
    double duplicateSeconds = 0; // the neighbours too
    double duplicateCpuSeconds = 0;
};

// RawStore::upsertFills of `fills` fills (tests/support's manyFills) into a new journal at
// `dbPath`. Throws when a pass does not insert, or find as duplicates, every fill.
UpsertRateResult runUpsertRate(int fills, const QString& dbPath);

struct GenerationResult
{
    qint64 fills = 0; // generated; throws unless exactly the requested count
    int symbols = 0;
    double seconds = 0;
    qint64 rssGrowthKb = 0; // VmRSS after minus before, with the account still held
};

// sim::generateAccount() of `fills` fills over `symbols` symbols (seed 1, one-way mode).
GenerationResult runGeneration(int fills, int symbols);

// 6. The trade history's first page (200 rows) sorted by each column, both ways, on a generated
// journal of `trades` trades (tests/support/big_journal.h); the desktop's limit is 300 ms.
struct SortPageResult
{
    QString column;
    double ascendingMs = 0;
    double descendingMs = 0;
};
QVector<SortPageResult> runSortPages(int trades, const QString& dbPath, double* generateSeconds);

// 7. Reports (issue 14) on the journal measurement 6 generated: each grouping, the month
// calendar and the summary row over every trade, in exact decimals, on a read-only connection
// (limit: one second each). `trades` is the closed-trade count the report summed.
struct ReportTimeResult
{
    QString what;
    double ms = 0;    // wall
    double cpuMs = 0; // this process's CPU time (the machine is shared)
    qint64 trades = 0;
};
QVector<ReportTimeResult> runReportTimes(const QString& dbPath);

} // namespace fb::bench
