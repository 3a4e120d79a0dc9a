#pragma once
// Shared pieces of fillbook-bench: options, memory probes, and the result table.

#include "tests/bench/bench_desktop.h"
#include "tests/bench/bench_flat.h"
#include "tests/bench/bench_rate.h"
#include "tests/bench/bench_realrun.h"
#include "tests/bench/bench_share.h"
#include "tests/bench/bench_summary.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <utility>

namespace fb::bench {

struct Options
{
    QVector<int> fillCounts{250'000, 1'000'000};
    // measurement 1 (--fills a,b,...)
    int symbols = 200;
    int batchSymbols = 4;  // symbols per transaction, like the engine's default batch
    int extraWalPages = 0; // a third pipeline run with this WAL checkpoint bound (0: none)
    // Fills a symbol may hold before they commit on their own (EngineConfig::commitRecordCap).
    int commitRecordCap = 20'000;
    // Batches committed together while they come this soon after the last commit
    // (EngineConfig::commitGroupMs, D175).
    qint64 commitGroupMs = 1'000;
    // Target 3's figure: pipeline and same-rows limit measured in turn this many times.
    int pipelinePairs = 5;
    int naiveFills = 20'000; // measurement 3's subset
    int syncFills = 250'000; // measurement 2's account (--sync-fills)
    int syncSymbols = 200;
    int syncDays = 90;
    int syncSeconds = 120; // cap of the rate-limited sync; the run is paused there
    bool skipSync = false;
    int upsertFills = 200'000;     // measurement 4's page (--upsert-fills; 0 skips it)
    int generateFills = 1'000'000; // measurement 5's account (--generate-fills; 0 skips it)
    int sortTrades = 1'000'000;    // measurement 6's journal (--sort-trades; 0 skips it)
    QString workDir;               // where the journals go (a temporary folder by default)
    // Issue 12's weight table: (symbols, fills) accounts synced in full (--weight-accounts):
    // the default simulator account, the issue's 25-symbol and 122-symbol shapes, the bench's.
    QVector<std::pair<int, int>> weightAccounts{
        {30, 20'000}, {25, 20'225}, {122, 1'000}, {200, 250'000}};
    bool weightOnly = false; // --weight-only: the weight table and nothing else
    // Issue 12's rate table at real time scale (--rate-latencies, --rate-account,
    // --rate-default-account; --rate-only: that table and nothing else).
    RateBenchOptions rate;
    bool rateOnly = false;
    // Issue 12, target 4 (--flat-histories N,N; --flat-only: that table and nothing else).
    FlatBenchOptions flat;
    bool flatOnly = false;
    // Issue 12, target 4 as whole `fillbook-cli sync` processes (--realrun-histories N,N,
    // --realrun-runs N, --realrun-days N, --realrun-max-gap-ms MS, --realrun-rebuild;
    // --realrun-only: that table and nothing else).
    RealrunBenchOptions realrun;
    bool realrunOnly = false;
    // Measurement 1 (issue 12, target 3) and nothing else (--pipeline-only).
    bool pipelineOnly = false;
    // Issue 12, target 6 (--desktop-only: that section and nothing else; --fillbook PATH,
    // --stall-fills N, --stall-runs N, --paint-trades N, --paint-runs N).
    DesktopBenchOptions desktop;
    bool desktopOnly = false;
    // Issue 12, target 5: one sync clean and one with --faults hang=0.01 (--hang-account S:F;
    // 0:0 skips it).
    std::pair<int, int> hangAccount{20, 8'000};
    bool hangOnly = false; // --hang-only: target 5's section and nothing else
    int hangLatencyMs = 0; // the simulator's latency there (± half of it); 0 = loopback speed
    int hangPairs = 3;     // clean and hung syncs in turn; the median pair decides
    // --issue12: the six figures of issue 12 (quick variants) and a summary table.
    bool issue12 = false;
    QStringList given; // the options named on the command line (--issue12's quick defaults)
    // Issue 13's sharing section: run only when one of its options is given (it starts a
    // PostgreSQL 15 server); --share-only: that section and nothing else.
    ShareBenchOptions share;
    bool shareRequested = false;
    bool shareOnly = false;
    // Only measurement 7, on this journal (e.g. the sort.db a previous --dir run left).
    QString reportDb;
};

// Reads the command line into `o`; false (after printing the usage) when it cannot.
bool parseOptions(const QStringList& args, Options& o);

// Peak and current resident set size in KiB, from /proc/self/status (VmHWM, VmRSS).
qint64 peakRssKb();
qint64 currentRssKb();
// Resets the peak (VmHWM) to the current RSS through /proc/self/clear_refs. False if refused.
bool resetPeakRss();

// The machine the figures were taken on: nproc, CPU model, RAM.
QStringList machineLines();

// A plain text table: a header row, rows, columns padded to their widest cell.
class Table
{
public:
    explicit Table(QStringList header)
        : m_rows{std::move(header)}
    {}
    void add(QStringList row) { m_rows.append(std::move(row)); }
    QString render() const;

private:
    QVector<QStringList> m_rows;
};

QString fmtInt(qint64 value);       // 1,234,567
QString fmtRate(double perSecond);  // 12,345/s
QString fmtPercent(double ratio);   // 57.3 %
QString fmtSeconds(double seconds); // 12.34 s
QString fmtMb(qint64 kib);          // 123.4 MB

} // namespace fb::bench
