// fillbook-candle-plan JOURNAL: the CPU time of planning the desktop's and the CLI's candle
// fetch (docs/design.md D164) on a journal, beside the per-window planning of base
// d2f3012 (one coverage query per closed trade), kept here as the reference. Upgrades an older
// journal, else reads only: run it on a copy.
// Prints figures, asserts nothing; not registered with CTest.

#include "sync/journal/candle_store.h"
#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_queries.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QTextStream>

#include <sys/resource.h>

#include <cstdio>

using namespace fb::journal;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Base d2f3012's per-window check: the asked-for spans overlapping the window, one query each.
bool windowComplete(Database& db, const QString& endpoint, const CandleWindow& w, qint64 lastClosed)
{
    const qint64 last = std::min(w.lastMinute, lastClosed);
    if (last < w.firstMinute)
        return true;
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT first_minute, last_minute FROM candle_spans WHERE endpoint = ? AND "
                       "symbol = ? AND first_minute <= ? AND last_minute >= ? ORDER BY "
                       "first_minute"),
        {endpoint, w.symbol, last, w.firstMinute}, QStringLiteral("read the candle coverage"));
    qint64 next = w.firstMinute;
    while (q.next()) {
        if (q.value(0).toLongLong() > next)
            return false;
        next = std::max(next, q.value(1).toLongLong() + 60'000);
    }
    return next > last;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2) {
        out << "usage: fillbook-candle-plan JOURNAL\n";
        return 2;
    }
    // Read-write: a journal of an older schema is upgraded first (timed: step 20 rebuilds the
    // candle tables).
    double t0 = cpuSeconds();
    Database db(QString::fromLocal8Bit(argv[1]),
                OpenOptions{OpenMode::ReadWrite, QStringLiteral("candle-plan"), true});
    out << "open (and upgrade): " << cpuSeconds() - t0 << " s CPU\n";
    const QString endpoint = candleEndpoint(db, tradeAccounts(db).value(0))
                                 .value_or(QStringLiteral("https://fapi.binance.com"));
    CandleStore store(db, endpoint);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 lastClosed = now - now % 60'000 - 60'000;

    t0 = cpuSeconds();
    const QVector<CandleWindow> windows = store.closedTradeWindows();
    const double windowsCpu = cpuSeconds() - t0;

    t0 = cpuSeconds();
    int doneOld = 0;
    for (const CandleWindow& w : windows)
        doneOld += windowComplete(db, endpoint, w, lastClosed) ? 1 : 0;
    const double oldCpu = cpuSeconds() - t0;

    t0 = cpuSeconds();
    int doneNew = 0;
    for (const auto& last : store.lastMissingMinutes(windows, now))
        doneNew += last ? 0 : 1;
    const double newCpu = cpuSeconds() - t0;

    t0 = cpuSeconds();
    qsizetype minutes = 0;
    for (const auto& m : store.missingMinutes(windows, now))
        minutes += m.size();
    const double fetchCpu = cpuSeconds() - t0;

    out << "closed trades' windows: " << windows.size() << " (read in " << windowsCpu << " s CPU)\n"
        << "per-window planning (base d2f3012): " << oldCpu << " s CPU, " << doneOld
        << " complete\n"
        << "lastMissingMinutes (one query per symbol): " << newCpu << " s CPU, " << doneNew
        << " complete\n"
        << "missingMinutes (the fetch's plan): " << fetchCpu << " s CPU, " << minutes
        << " minutes missing\n";
    return doneOld == doneNew ? 0 : 1;
}
