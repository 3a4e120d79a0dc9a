// `fillbook-cli candles` fetches each account's candles from the endpoint that account's syncs
// used (docs/design.md D167), into that endpoint's cache (D165), as the
// desktop does per account (D148): two accounts synced from two simulators into one journal,
// then one `candles` that names only the first simulator.
#include "engine_test_util.h"

#include "sync/engine/lock_identity.h"
#include "sync/engine/resume_guard.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/journal_compaction.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_store.h"
#include "sync/simulator/server.h"
#include "tests/support/cli_process.h"

#include <QDateTime>
#include <QFileInfo>
#include <QUrlQuery>

using namespace fb;
using namespace fb::test;

namespace {

using fbtest::CliResult;

} // namespace

class TestCliCandles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    // Two exchanges on the real clock (a separate process cannot share a test clock), serving
    // from this thread while the CLI runs.
    fbtest::SimulatedExchange m_first;
    fbtest::SimulatedExchange m_second;
    QStringList m_askedFirst; // "SYMBOL startTime endTime" of each klines request
    QStringList m_askedSecond;

    CliResult cli(const QStringList& arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(sim::kDemoApiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(sim::kDemoApiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        return fbtest::runProgramServing(QStringLiteral(FILLBOOK_CLI), arguments, env, 180'000);
    }

    // The klines requests of `asked` (as record() writes them) for minutes already closed at
    // `fetchedAtMs`, when the run before fetched. The newest trades' chart windows reach 10
    // minutes past their exit, maybe past that run's now: those minutes are asked for as they
    // close, by any later run (seen: one such request when a run crossed a minute).
    static QStringList closedBefore(const QStringList& asked, qint64 fetchedAtMs)
    {
        const qint64 openMinute = fetchedAtMs - fetchedAtMs % 60'000;
        QStringList old;
        for (const QString& request : asked) {
            if (request.section(QLatin1Char(' '), 1, 1).toLongLong() < openMinute)
                old << request;
        }
        return old;
    }

    static journal::JournalSpace space(const QString& db)
    {
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
        return journal::journalSpace(j);
    }

    // `compact` (D173) after an eviction: refused while a sync holds the journal (exit 3, the
    // file untouched), then the evicted candles' pages go back to the disk and every trade's
    // export, MAE/MFE included, is what it was.
    template <typename Export>
    void compactGivesTheEvictedPagesBack(const QString& db, const Export& exported,
                                         const QString& before)
    {
        const journal::JournalSpace evicted = space(db);
        QVERIFY2(evicted.freePages > 0, "the eviction left free pages");
        const qint64 fileBefore = QFileInfo(db).size();
        {
            journal::Database writer(db,
                                     {journal::OpenMode::ReadWrite, QStringLiteral("test"), false});
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const journal::LockHolder me = sync::currentHolder(QStringLiteral("test:1:a"), now);
            QVERIFY(journal::SyncLock(writer).tryAcquire(me, journal::kStaleLockMs, now).acquired);
            const CliResult refused = cli({QStringLiteral("--db"), db, QStringLiteral("compact")});
            QCOMPARE(refused.exitCode, 3);
            QVERIFY2(refused.err.contains(QStringLiteral("Compact the journal once it ends.")),
                     qPrintable(refused.err));
            QVERIFY(journal::SyncLock(writer).release(me.holderId));
        }
        QCOMPARE(QFileInfo(db).size(), fileBefore);
        QCOMPARE(space(db).freePages, evicted.freePages);

        const CliResult compacted = cli({QStringLiteral("--db"), db, QStringLiteral("compact")});
        QVERIFY2(compacted.exitCode == 0, qPrintable(compacted.err + compacted.out));
        QVERIFY2(compacted.out.startsWith(QStringLiteral("Compacted the journal at ")),
                 qPrintable(compacted.out));
        const journal::JournalSpace after = space(db);
        QCOMPARE(after.freePages, qint64(0));
        // VACUUM also packs half-full pages: at most the pages that were in use.
        QVERIFY2(after.pages <= evicted.pages - evicted.freePages,
                 qPrintable(QStringLiteral("%1 pages, %2 of them free, then %3")
                                .arg(evicted.pages)
                                .arg(evicted.freePages)
                                .arg(after.pages)));
        QVERIFY2(
            QFileInfo(db).size() < fileBefore,
            qPrintable(QStringLiteral("%1 then %2").arg(fileBefore).arg(QFileInfo(db).size())));
        QCOMPARE(exported(), before);
        // The lock is released: a sync can take it again.
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
        QVERIFY(!journal::SyncLock(j).current());
    }

    static QString label(const fbtest::SimulatedExchange& exchange)
    {
        return sync::endpointLabel(exchange.baseUrl());
    }

    static void record(fbtest::SimulatedExchange& exchange, QStringList& asked)
    {
        exchange->setResponseHook([&asked](const sim::HttpRequest& r, sim::HttpOutcome&) {
            if (r.path != "/fapi/v1/klines")
                return;
            const QUrlQuery q(QString::fromUtf8(r.query));
            asked << QStringLiteral("%1 %2 %3")
                         .arg(q.queryItemValue(QStringLiteral("symbol")),
                              q.queryItemValue(QStringLiteral("startTime")),
                              q.queryItemValue(QStringLiteral("endTime")));
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_first.start(fbtest::smallAccount(5)), qPrintable(m_first.errorString()));
        QVERIFY2(m_second.start(fbtest::smallAccount(6)), qPrintable(m_second.errorString()));
        record(m_first, m_askedFirst);
        record(m_second, m_askedSecond);
    }

    void eachAccountsCandlesComeFromItsSyncsEndpoint()
    {
        const QString db = m_dir.filePath(QStringLiteral("two.sqlite"));
        for (const auto& [account, exchange] : {std::pair{QStringLiteral("first"), &m_first},
                                                std::pair{QStringLiteral("second"), &m_second}}) {
            const CliResult r =
                cli({QStringLiteral("--db"), db, QStringLiteral("--account"), account,
                     QStringLiteral("--base-url"), label(*exchange), QStringLiteral("sync"),
                     QStringLiteral("--days"), QStringLiteral("30")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        }
        m_askedFirst.clear();
        m_askedSecond.clear();
        qint64 lastFetchAt = QDateTime::currentMSecsSinceEpoch();
        // Only the first exchange named: the second account's syncs name the second.
        const CliResult r = cli({QStringLiteral("--db"), db, QStringLiteral("--base-url"),
                                 label(m_first), QStringLiteral("candles"),
                                 QStringLiteral("--budget-percent"), QStringLiteral("90"),
                                 // Every trade of the month (the default cap keeps fewer).
                                 QStringLiteral("--keep-minutes"), QStringLiteral("10000000")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(label(m_first) + QStringLiteral(" (first): Candles: ")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(label(m_second) + QStringLiteral(" (second): Candles: ")),
                 qPrintable(r.out));
        QVERIFY(!m_askedFirst.isEmpty());
        QVERIFY(!m_askedSecond.isEmpty()); // fetched from the first alone before

        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
            QCOMPARE(journal::candleEndpoint(j, QStringLiteral("first")),
                     std::optional<QString>(label(m_first)));
            QCOMPARE(journal::candleEndpoint(j, QStringLiteral("second")),
                     std::optional<QString>(label(m_second)));
            // Every closed trade of each account measured on its own exchange's candles: each
            // minute asked of an exchange is one of its own account's windows.
            const QVector<JournalTrade> trades = journal::TradeStore(j).loadTrades();
            const QVector<TradeExcursion> excursions = journal::loadExcursions(j, trades);
            QHash<QString, int> measured;
            for (qsizetype i = 0; i < trades.size(); ++i) {
                const JournalTrade& t = trades.at(i);
                if (t.status != TradeStatus::Closed || !t.avgEntryPrice)
                    continue;
                QVERIFY2(excursions.at(i).excursion || excursions.at(i).candlesUnavailable,
                         qPrintable(t.key));
                ++measured[t.account];
                // The fill minutes lie within their own exchange's candles (D115).
                journal::CandleStore store(j, *journal::candleEndpoint(j, t.account));
                for (const TradeFillPart& part : t.fills) {
                    const qint64 minute = part.time - part.time % 60'000;
                    const QVector<Candle> c = store.candles(t.symbol, minute, minute);
                    QCOMPARE(c.size(), 1);
                    QVERIFY(c[0].low <= part.price && part.price <= c[0].high);
                }
            }
            QVERIFY(measured.value(QStringLiteral("first")) > 5);
            QVERIFY(measured.value(QStringLiteral("second")) > 5);
        }

        // Everything cached: nothing asked of either.
        m_askedFirst.clear();
        m_askedSecond.clear();
        const qint64 againAt = QDateTime::currentMSecsSinceEpoch();
        const CliResult again = cli({QStringLiteral("--db"), db, QStringLiteral("candles"),
                                     QStringLiteral("--keep-minutes"), QStringLiteral("10000000")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QCOMPARE(closedBefore(m_askedFirst, lastFetchAt), QStringList());
        QCOMPARE(closedBefore(m_askedSecond, lastFetchAt), QStringList());
        lastFetchAt = againAt;
        m_askedFirst.clear();
        m_askedSecond.clear();

        // A smaller cap (D166): the older trades' candles are dropped from both
        // endpoints' caches; every trade's MAE/MFE (and maeR/mfeR) stay exactly as they were
        // (D112: the extremes of an evicted window are kept).
        const auto exported = [this, &db] {
            const CliResult json = cli({QStringLiteral("--db"), db, QStringLiteral("trades"),
                                        QStringLiteral("--format"), QStringLiteral("json")});
            if (json.exitCode != 0)
                qFatal("trades --format json failed: %s", qPrintable(json.err));
            return json.out;
        };
        const QString before = exported();
        QVERIFY(before.contains(QStringLiteral("\"mae\": \"")));
        const CliResult capped = cli({QStringLiteral("--db"), db, QStringLiteral("candles"),
                                      QStringLiteral("--keep-minutes"), QStringLiteral("3000")});
        QVERIFY2(capped.exitCode == 0, qPrintable(capped.err + capped.out));
        QVERIFY2(capped.out.contains(QStringLiteral("Dropped ")), qPrintable(capped.out));
        // Nothing fetched for the kept ones.
        QCOMPARE(closedBefore(m_askedFirst, lastFetchAt), QStringList());
        QCOMPARE(closedBefore(m_askedSecond, lastFetchAt), QStringList());
        QCOMPARE(exported(), before);
        compactGivesTheEvictedPagesBack(db, exported, before);
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
        const std::optional<qint64> keptFrom = journal::CandleStore(j, label(m_first)).keptFrom();
        QVERIFY(keptFrom);
        const QVector<JournalTrade> trades = journal::TradeStore(j).loadTrades();
        const QVector<TradeExcursion> excursions = journal::loadExcursions(j, trades);
        int kept = 0;
        int dropped = 0;
        int withoutCandles = 0;
        for (qsizetype i = 0; i < trades.size(); ++i) {
            const JournalTrade& t = trades.at(i);
            if (t.status != TradeStatus::Closed || !t.avgEntryPrice ||
                excursions.at(i).candlesUnavailable)
                continue;
            const journal::CandleWindow w =
                journal::chartWindow(t.symbol, t.openTime, *t.closeTime);
            QVERIFY2(excursions.at(i).excursion.has_value(), qPrintable(t.key));
            journal::CandleStore store(j, *journal::candleEndpoint(j, t.account));
            const MinuteRange inner = innerMinutes(t.openTime, *t.closeTime);
            // Measured though their candles are gone: from the extremes kept at eviction.
            if (!inner.isEmpty() && !store.covered(t.symbol, inner.first, inner.last)) {
                QVERIFY(w.lastMinute < *keptFrom);
                ++withoutCandles;
            }
            ++(w.lastMinute >= *keptFrom ? kept : dropped);
        }
        QVERIFY(withoutCandles > 0);
        QVERIFY(kept > 0);
        QVERIFY(dropped > 0);
    }

    // A new journal under a small cap (D168): the older trades' inner minutes are
    // fetched once, kept as extremes and their candles dropped; every closed trade is measured,
    // and a second run asks for nothing.
    void olderTradesAreMeasuredOnTheFirstFetch()
    {
        const QString db = m_dir.filePath(QStringLiteral("capped.sqlite"));
        const CliResult synced =
            cli({QStringLiteral("--db"), db, QStringLiteral("--account"), QStringLiteral("first"),
                 QStringLiteral("--base-url"), label(m_first), QStringLiteral("sync"),
                 QStringLiteral("--days"), QStringLiteral("30")});
        QVERIFY2(synced.exitCode == 0, qPrintable(synced.err + synced.out));
        const QStringList args{QStringLiteral("--db"),    db,
                               QStringLiteral("candles"), QStringLiteral("--budget-percent"),
                               QStringLiteral("90"),      QStringLiteral("--keep-minutes"),
                               QStringLiteral("3000")};
        m_askedFirst.clear();
        const qint64 firstFetchAt = QDateTime::currentMSecsSinceEpoch();
        const CliResult r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(!m_askedFirst.isEmpty());
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("test"), false});
            journal::CandleStore store(j, label(m_first));
            const std::optional<qint64> keptFrom = store.keptFrom();
            QVERIFY(keptFrom);
            const QVector<JournalTrade> trades = journal::TradeStore(j).loadTrades();
            const QVector<TradeExcursion> excursions = journal::loadExcursions(j, trades);
            int older = 0;
            int dropped = 0;
            for (qsizetype i = 0; i < trades.size(); ++i) {
                const JournalTrade& t = trades.at(i);
                if (t.status != TradeStatus::Closed || !t.avgEntryPrice)
                    continue;
                QVERIFY2(excursions.at(i).excursion, qPrintable(t.key));
                const journal::CandleWindow w =
                    journal::chartWindow(t.symbol, t.openTime, *t.closeTime);
                if (w.lastMinute >= *keptFrom)
                    continue;
                ++older;
                // Measured, though its window's candles were dropped (unless a kept window
                // holds them too).
                if (!store.covered(t.symbol, w.firstMinute, w.lastMinute))
                    ++dropped;
            }
            QVERIFY(older > 0);
            QVERIFY(dropped > 0);
        }
        m_askedFirst.clear();
        const CliResult again = cli(args);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QCOMPARE(closedBefore(m_askedFirst, firstFetchAt), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCliCandles)
#include "test_cli_candles.moc"
