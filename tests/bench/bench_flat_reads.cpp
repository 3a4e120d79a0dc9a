// Issue 12, target 4: what a run reads outside its batch commits, before and after range cuts
// (docs/design.md D155, -2). `fillbook-bench --flat-child reads DB MODE HOURS` on a
// journal of the flat section (use a copy: it is upgraded and written): the planner's facts
// (`gatherFacts`, its income figures alone too) and the reconciliation of the symbol over the
// last HOURS hours of its history. MODE "before" runs the code as it was (a GROUP BY over the
// income ledger; the whole history read and built), kept here as the reference; "after" runs
// today's, twice: the first reconciliation after the upgrade (no range cut yet: the whole
// history, storing one, as finishRun does) and the next. Each part's wall and thread CPU time
// and its peak RSS (VmHWM reset before it) go to standard output, one "reads" line.
#include "sync/engine/engine_journal.h"
#include "sync/journal/raw_rows.h"
#include "sync/journal/rebuild_cut_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"
#include "tests/bench/bench_common.h"
#include "tests/support/flat_history.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTextStream>

#include <ctime>

namespace fb::bench {

namespace {

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Part
{
    double wallMs = 0;
    double cpuMs = 0;
    qint64 peakKb = 0;
};

template <typename F> Part timed(F&& body)
{
    resetPeakRss();
    QElapsedTimer t;
    t.start();
    const double cpu = cpuMs();
    body();
    return {double(t.nsecsElapsed()) / 1e6, cpuMs() - cpu, peakRssKb()};
}

// The planner's income figures as they were read before: one GROUP BY over the ledger.
qint64 incomeStatsBefore(journal::Database& db, const sync::RunParams& p)
{
    QSqlQuery q = journal::sqlOn(db).run(
        QStringLiteral("SELECT symbol, MAX(CASE WHEN income_type IN ('REALIZED_PNL', "
                       "'COMMISSION') THEN time ELSE 0 END), SUM(CASE WHEN time BETWEEN ? AND ? "
                       "THEN 1 ELSE 0 END), SUM(CASE WHEN income_type = 'COMMISSION' AND time "
                       "BETWEEN ? AND ? THEN 1 ELSE 0 END), MIN(CASE WHEN income_type IN "
                       "('REALIZED_PNL', 'COMMISSION') AND time BETWEEN ? AND ? THEN time END) "
                       "FROM income WHERE account = ? AND symbol <> '' GROUP BY symbol"),
        {p.rangeFromMs, p.rangeToMs, p.rangeFromMs, p.rangeToMs, p.rangeFromMs, p.rangeToMs,
         p.account});
    qint64 rows = 0;
    while (q.next())
        rows += q.value(2).toLongLong();
    return rows;
}

QString linesOf(const ReconciliationReport& report)
{
    QStringList lines;
    for (const ReconciliationLine& line : report.lines)
        lines << line.describe();
    return lines.join(QLatin1Char('\n'));
}

QString linesOf(const QString& error, const std::optional<ReconciliationReport>& report)
{
    return report ? linesOf(*report) : error;
}

} // namespace

int runFlatReads(const QString& path, const QString& mode, int hours)
{
    fbtest::flat::Options o;
    sync::EngineJournal journal(path, {}); // upgrades a copy of an older journal first
    journal::Database& db = journal.database();
    journal::RawStore raw(db);
    const std::optional<qint64> newest = raw.newestFillTime(o.account, o.symbol);
    if (!newest)
        return 1;
    sync::RunParams p;
    p.account = o.account;
    p.rangeToMs = *newest + 1;
    p.rangeFromMs = *newest - qint64(hours) * 3'600'000;
    const QVector<Position> positions = raw.positions(o.account);
    QTextStream out(stdout);

    if (mode == QLatin1String("before")) {
        qint64 inRange = 0;
        const Part stats = timed([&] { inRange = incomeStatsBefore(db, p); });
        QString lines;
        const Part reconcile = timed([&] {
            journal::Transaction snapshot(db, journal::Transaction::Mode::Deferred);
            const SymbolHistory history = raw.loadSymbolHistory(p.account, o.symbol);
            // RawStore::incomeBetween as it was: the income type left open in the index.
            using Traits = journal::detail::RawTraits<Income>;
            QSqlQuery q = journal::sqlOn(db).run(
                Traits::table().selectRowSql() +
                    QStringLiteral("INDEXED BY income_by_symbol WHERE account = ? AND symbol = ? "
                                   "AND time BETWEEN ? AND ? ORDER BY time, tran_id"),
                {p.account, o.symbol, p.rangeFromMs, p.rangeToMs});
            QVector<Income> income;
            while (q.next())
                income.append(Traits::read(q));
            QString error;
            const auto report = tryReconcileSymbolInRange(o.symbol, history, income, p.rangeFromMs,
                                                          p.rangeToMs, &error);
            lines = linesOf(error, report);
            snapshot.commit();
        });
        out << "reads before stats " << stats.wallMs << " " << stats.cpuMs << " " << stats.peakKb
            << " reconcile " << reconcile.wallMs << " " << reconcile.cpuMs << " "
            << reconcile.peakKb << " symbols-with-rows-in-range " << inRange << " report "
            << QCryptographicHash::hash(lines.toUtf8(), QCryptographicHash::Sha1).toHex().left(12)
            << Qt::endl;
        return 0;
    }

    qint64 inRange = 0;
    const Part stats = timed([&] {
        for (const journal::IncomeSymbolStats& s :
             raw.incomeSymbolStats(p.account, p.rangeFromMs, p.rangeToMs))
            inRange += s.hasRowsInRange ? 1 : 0;
    });
    const Part facts = timed([&] { journal.gatherFacts(p, positions, {}, 0); });
    sync::RunReconciliation first;
    const Part reconcileFirst = timed([&] { first = journal.reconcileRun(p, {o.symbol}); });
    {
        journal::Transaction tx(db);
        for (const sync::RangeCutUpdate& u : first.rangeCuts)
            journal::RebuildCutStore(db).setRangeCut(u.account, u.symbol, kTradeRulesRevision,
                                                     u.cut);
        tx.commit();
    }
    sync::RunReconciliation next;
    const Part reconcileNext = timed([&] { next = journal.reconcileRun(p, {o.symbol}); });
    const QString lines = linesOf(next.report);
    const auto range =
        journal::RebuildCutStore(db).rangeCut(o.account, o.symbol, kTradeRulesRevision);
    out << "reads after stats " << stats.wallMs << " " << stats.cpuMs << " " << stats.peakKb
        << " facts " << facts.wallMs << " " << facts.cpuMs << " " << facts.peakKb
        << " reconcile-first " << reconcileFirst.wallMs << " " << reconcileFirst.cpuMs << " "
        << reconcileFirst.peakKb << " (" << (first.fromFlatPoint.isEmpty() ? "whole" : "cut")
        << ") reconcile " << reconcileNext.wallMs << " " << reconcileNext.cpuMs << " "
        << reconcileNext.peakKb << " (" << (next.fromFlatPoint.isEmpty() ? "whole" : "cut")
        << ") symbols-with-rows-in-range " << inRange << " range-cut-hours-before-range "
        << (range ? double(p.rangeFromMs - range->cutMs) / 3'600'000.0 : -1.0) << " same "
        << (linesOf(first.report) == lines ? "yes" : "no") << " report "
        << QCryptographicHash::hash(lines.toUtf8(), QCryptographicHash::Sha1).toHex().left(12)
        << Qt::endl;
    return 0;
}

} // namespace fb::bench
