#include "tests/bench/bench_parts.h"
#include "sync/journal/report_queries.h"
#include "sync/journal/trade_queries.h"
#include "tests/support/big_journal.h"

#include "sync/journal/database.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/transaction.h"
#include "sync/simulator/generator.h"
#include "tests/bench/bench_common.h"
#include "tests/bench/bench_data.h"
#include "tests/support/records.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>

#include <ctime>
#include <stdexcept>

namespace fb::bench {
namespace {

double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

// One pass of the page in one transaction; wall and CPU seconds into the given slots.
journal::UpsertCounts timedUpsert(journal::Database& db, const QVector<Fill>& fills, double* wall,
                                  double* cpu)
{
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = cpuSeconds();
    journal::UpsertCounts counts;
    {
        journal::Transaction tx(db);
        counts = journal::RawStore(db).upsertFills(fills);
        tx.commit();
    }
    *wall = double(timer.nsecsElapsed()) / 1e9;
    *cpu = cpuSeconds() - cpuBefore;
    return counts;
}

} // namespace

UpsertRateResult runUpsertRate(int fills, const QString& dbPath)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    const QVector<Fill> page = fbtest::manyFills(fills); // not timed
    UpsertRateResult r;
    r.fills = page.size();
    journal::Database db(dbPath, {journal::OpenMode::ReadWrite, QStringLiteral("bench"), true});
    const journal::UpsertCounts first =
        timedUpsert(db, page, &r.insertSeconds, &r.insertCpuSeconds);
    if (first.inserted != r.fills)
        throw std::runtime_error("raw upsert: not every fill of the page was inserted");
    const journal::UpsertCounts second =
        timedUpsert(db, page, &r.duplicateSeconds, &r.duplicateCpuSeconds);
    if (second.duplicates != r.fills)
        throw std::runtime_error("raw upsert: the page again was not all duplicates");
    return r;
}

GenerationResult runGeneration(int fills, int symbols)
{
    sim::GeneratorConfig c;
    c.seed = 1;
    c.fills = fills;
    c.symbols = symbols;
    c.nowMs = kBenchNowMs;
    GenerationResult r;
    r.symbols = symbols;
    const qint64 rssBefore = currentRssKb();
    QElapsedTimer timer;
    timer.start();
    const sim::Account account = sim::generateAccount(c);
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    r.rssGrowthKb = currentRssKb() - rssBefore;
    r.fills = account.fillCount();
    if (r.fills != fills)
        throw std::runtime_error("generator: the account does not hold the requested fills");
    return r;
}

} // namespace fb::bench

namespace fb::bench {

QVector<SortPageResult> runSortPages(int trades, const QString& dbPath, double* generateSeconds)
{
    QFile::remove(dbPath);
    QElapsedTimer timer;
    timer.start();
    {
        journal::Database writer(dbPath);
        fbtest::big::generate(writer, trades);
    }
    if (generateSeconds)
        *generateSeconds = double(timer.nsecsElapsed()) / 1e9;
    journal::Database db(
        dbPath, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("bench"), false});
    static const char* const names[] = {"Opened",  "Closed",   "Symbol",   "Side",  "Size",
                                        "Entry",   "Exit",     "Realized", "Fees",  "Funding",
                                        "Net PnL", "Duration", "Status",   "Flags", "Tags"};
    QVector<SortPageResult> results;
    for (int c = 0; c <= int(journal::TradeSortColumn::Tags); ++c) {
        SortPageResult r;
        r.column = QString::fromLatin1(names[c]);
        for (bool descending : {false, true}) {
            journal::TradeQuery query;
            query.sort = journal::TradeSort{journal::TradeSortColumn(c), descending};
            QElapsedTimer page;
            page.start();
            const auto rows = journal::loadTradePage(db, query, std::nullopt, 200);
            const double ms = double(page.nsecsElapsed()) / 1e6;
            if (rows.size() != 200)
                throw std::runtime_error("a first page of trades was short");
            (descending ? r.descendingMs : r.ascendingMs) = ms;
        }
        results.append(r);
    }
    return results;
}

QVector<ReportTimeResult> runReportTimes(const QString& dbPath)
{
    journal::Database db(
        dbPath, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("bench"), false});
    const QTimeZone zone("Europe/Berlin");
    QVector<ReportTimeResult> results;
    for (ReportBy by : {ReportBy::Symbol, ReportBy::Side, ReportBy::Setup, ReportBy::Tag,
                        ReportBy::Mistake, ReportBy::Weekday, ReportBy::Hour, ReportBy::Duration}) {
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = cpuSeconds();
        const TradeReport report =
            journal::loadTradeReport(db, journal::TradeQuery{}, by, zone, false);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const double cpuMs = (cpuSeconds() - cpuBefore) * 1000.0;
        qint64 trades = 0;
        for (const AssetReport& asset : report.assets)
            trades += asset.total.trades;
        results.append({QStringLiteral("report --by ") + reportByName(by), ms, cpuMs, trades});
    }
    {
        const QDate month = QDateTime::fromMSecsSinceEpoch(fbtest::big::kBaseMs, zone).date();
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = cpuSeconds();
        const MonthCalendar calendar =
            journal::loadMonthCalendar(db, journal::TradeQuery{}, month, zone, false);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const double cpuMs = (cpuSeconds() - cpuBefore) * 1000.0;
        qint64 trades = 0;
        for (const AssetCalendar& asset : calendar.assets)
            trades += asset.month.trades;
        results.append({QStringLiteral("calendar (one month)"), ms, cpuMs, trades});
    }
    {
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = cpuSeconds();
        const auto summary = journal::loadTradeSummary(db, journal::TradeQuery{});
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const double cpuMs = (cpuSeconds() - cpuBefore) * 1000.0;
        qint64 trades = 0;
        for (const journal::TradeSummary& asset : summary)
            trades += asset.trades;
        results.append({QStringLiteral("summary row (all trades)"), ms, cpuMs, trades});
    }
    return results;
}

} // namespace fb::bench
