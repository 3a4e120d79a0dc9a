#pragma once
// Issue 12, target 4 measured as whole `fillbook-cli sync` processes (docs/performance.md
// "Target 4", fillbook-bench --realrun-only; test_realrun keeps the machinery working):
//
//   1. buildHistory(): a journal holding N fills of one symbol (tests/support/flat_history.h,
//      with the COMMISSION and REALIZED_PNL rows a real account's fills bring), committed
//      through the engine's journal API as a completed run would have left it: coverage of the
//      income ledger, fills (cursor: the newest fill id), orders and algo orders from the run's
//      range start to the history's end, which lies shortly before now;
//   2. ServedAccount: the exchange's side of that account from the history's end on: 100 more
//      fills (orders, income, positions) before each run, written as a `fillbook-sim --dataset`;
//   3. syncOnce(): fillbook-sim serving that dataset on loopback, ONE `fillbook-cli sync`
//      process on the journal (keys in its environment, never in argv) started through
//      fillbook-rusage, its exit code, wall time, user + system CPU and peak RSS from wait4(),
//      the moments its --json-progress events arrived, and the journal's fills before and after.
//
// The first sync after buildHistory() (a warm-up, not measured) writes what only a real run
// writes (the account row, symbol precisions, the run of the real endpoint) and moves the
// coverage to now; every later sync is the incremental run of a trader who syncs again.

#include "tests/support/flat_history.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <utility>

namespace fbtest::realrun {

inline constexpr qint64 kDayMs = 86'400'000;

struct BuiltHistory
{
    qint64 fills = 0;
    qint64 firstTimeMs = 0;
    qint64 lastTimeMs = 0;
    qint64 incomeRows = 0;
};

// Builds the history into a new journal at `path` in steps of `stepFills` (each step: its
// income page with the coverage, the positions after it, the symbol's batch commit with its
// rebuild). The history ends before `endBeforeMs`; the run's range (and so every coverage)
// starts at `rangeFromMs`. `log` gets one line per step. Throws std::runtime_error when the
// history does not fit between the two or a commit fails.
// `maxGapMs` sets the density: a fill 1 to maxGapMs ms after the previous one (none one time in
// eight): 4,000 puts 1,000,000 fills in about 20 days, 16,000 in about 81.
BuiltHistory buildHistory(const QString& path, int fills, qint64 endBeforeMs, qint64 rangeFromMs,
                          int stepFills = 20'000,
                          const std::function<void(const QString&)>& log = {},
                          quint32 maxGapMs = 4000);

// The account on the exchange from the history's end on. Reads the journal's newest fill (id
// and time) and positions, and continues the history from there (another seed, ids never used
// in the journal, its open lifecycle going on).
class ServedAccount
{
public:
    explicit ServedAccount(const QString& journalPath);

    // `count` more fills, the first after `afterMs` (and after every fill so far), 1-5 ms
    // apart, with their orders, COMMISSION and REALIZED_PNL rows and the funding that fell due.
    void trade(int count, qint64 afterMs);
    // The last fill's time plus a second: a sync started later sees every fill (its range ends
    // at the exchange's now, the simulator's clock is this computer's).
    qint64 readyAtMs() const { return m_gen.lastTimeMs() + 1000; }
    qint64 fillsTraded() const { return m_fills.size(); }
    // fillbook-sim's dataset: every record traded since construction and the positions now.
    void writeDataset(const QString& path) const;

private:
    flat::Generator m_gen;
    QVector<QByteArray> m_fills, m_orders, m_income;
};

struct Tools
{
    QString cli;    // fillbook-cli
    QString sim;    // fillbook-sim
    QString rusage; // fillbook-rusage
};

struct SyncFigures
{
    int exitCode = -1;
    double wallMs = 0; // fillbook-rusage: fork to wait4
    double userMs = 0;
    double sysMs = 0;
    qint64 maxRssKb = 0; // ru_maxrss
    // When each --json-progress milestone first arrived, ms after the process was started:
    // "started", "preflight", "income", "symbols", "finalizing", "finished" (those that came).
    QVector<std::pair<QString, double>> events;
    qint64 fillsBefore = 0; // the journal's fills before and after the run
    qint64 fillsAfter = 0;
    QString output; // the CLI's standard error and its last standard output line
    double cpuMs() const { return userMs + sysMs; }
};

// One sync: the simulator on 127.0.0.1:`port` serving `dataset`, one CLI process on `journal`
// (`fillbook-cli --db JOURNAL sync --account main --base-url http://127.0.0.1:PORT --days
// DAYS --json-progress`), the simulator stopped. `home` holds the CLI's XDG folders and the
// launcher's figures. Throws std::runtime_error when a program cannot be started.
SyncFigures syncOnce(const Tools& tools, const QString& journal, const QString& dataset,
                     quint16 port, const QString& home, int days = 30);

// A TCP port on 127.0.0.1 that nothing listens on now.
quint16 freePort();
// The journal's fills (all accounts), read-only.
qint64 journalFills(const QString& path);

} // namespace fbtest::realrun
