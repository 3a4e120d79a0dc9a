// fillbook-cli against a prepared journal: the built binary is run through QProcess.
#include "journal_test_util.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QSysInfo>

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList& arguments,
              const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FILLBOOK_CLI_PATH), arguments);
    if (!process.waitForFinished(30000))
        qFatal("fillbook-cli did not finish");
    Result result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace

class TestJournalCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_path = journalPath(m_dir);
        Database db(m_path);
        RawStore raw(db);
        raw.upsertFills(
            {makeFill(QStringLiteral("BTCUSDT"), 101, "BUY", "68290.10", "0.010", 1761958800000),
             makeFill(QStringLiteral("BTCUSDT"), 102, "SELL", "68415.10", "0.010", 1761962400000),
             makeFill(QStringLiteral("ETHUSDT"), 201, "BUY", "2500", "1", 1761970000000)});
        raw.upsertIncome({makeIncome(QStringLiteral("BTCUSDT"), "FUNDING_FEE", 4480321991774044580,
                                     "-0.05466500", 1761960000000)});

        JournalTrade btc = makeTrade(QStringLiteral("BTCUSDT"), 101, 1761958800000, true);
        btc.commission.insert(QStringLiteral("BNB"), dec("0.0011"));
        JournalTrade eth = makeTrade(QStringLiteral("ETHUSDT"), 201, 1761970000000, false);
        eth.flags = FlagIncompleteStart;
        Transaction tx(db);
        SymbolTrades btcTrades;
        btcTrades.trades = {btc};
        SymbolTrades ethTrades;
        ethTrades.trades = {eth};
        TradeStore(db).replaceSymbolTrades(QStringLiteral("main"), QStringLiteral("BTCUSDT"),
                                           btcTrades);
        TradeStore(db).replaceSymbolTrades(QStringLiteral("main"), QStringLiteral("ETHUSDT"),
                                           ethTrades);
        tx.commit();
        m_btc = btc;
        m_eth = eth;
    }

    void statusWithoutRuns()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out, QStringLiteral("Journal:        %1\n"
                                       "Schema version: 21\n"
                                       "Fills:          3\n"
                                       "Income rows:    1\n"
                                       "Orders:         0\n"
                                       "Trades:         2 (1 open, 1 closed)\n"
                                       "Open conflicts: 0\n"
                                       "Latest run:     none yet\n")
                            .arg(m_path));
    }

    void statusShowsTheLatestRun()
    {
        {
            Database db(m_path);
            RunRecord run;
            run.id = QStringLiteral("sync_20251101_080000_1a2b3c4d");
            run.account = QStringLiteral("main");
            run.createdAt = 1761984000000; // 2025-11-01 08:00:00 UTC
            run.counters.inserted = 118;
            run.counters.duplicates = 2;
            RunStore(db).createRun(run);
        }
        const Result r = runCli({QStringLiteral("status"), QStringLiteral("--db"), m_path});
        QCOMPARE(r.exitCode, 0);
        // The run section belongs to the sync commands (its layout may grow); the journal
        // numbers above it and the run's identity and counters must be there.
        QVERIFY2(r.out.contains(QLatin1String("Trades:         2 (1 open, 1 closed)\n")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QLatin1String("none yet")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("sync_20251101_080000_1a2b3c4d")), qPrintable(r.out));
        // Left `running` a year ago with no process behind it: status shows what it is now.
        QVERIFY2(r.out.contains(QLatin1String("sync_20251101_080000_1a2b3c4d: expired\n")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QLatin1String("Resume with")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("2025-11-01 08:00:00 UTC")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("118")), qPrintable(r.out));
    }

    // A sync killed mid-run leaves its row `running` and its lock naming a pid that is gone:
    // every form of `status` shows it interrupted (and stores that), with the way to resume it.
    void statusRecoversARunWhoseProcessDied_data()
    {
        QTest::addColumn<QStringList>("form");
        QTest::newRow("latest") << strings({"status"});
        QTest::newRow("--all") << strings({"status", "--all"});
        QTest::newRow("--failed") << strings({"status", "--failed"});
        QTest::newRow("RUN_ID") << strings({"status", "RUN_ID"});
        QTest::newRow("--json") << strings({"status", "--json"});
    }

    void statusRecoversARunWhoseProcessDied()
    {
        QFETCH(QStringList, form);
        static int counter = 0;
        const QString id = QStringLiteral("sync_20261204_120000_dead000%1").arg(++counter);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            // A pid that surely existed and is gone now: a process that has finished.
            QProcess finished;
            finished.start(QStringLiteral(FILLBOOK_CLI_PATH), {QStringLiteral("--version")});
            QVERIFY(finished.waitForStarted());
            const qint64 deadPid = finished.processId();
            QVERIFY(finished.waitForFinished());

            Database db(m_path);
            RunRecord run;
            run.id = id;
            run.account = QStringLiteral("main");
            run.createdAt = now - 10'000 + counter; // the latest run
            run.updatedAt = now - 5'000;
            RunStore(db).createRun(run, {QStringLiteral("BTCUSDT")});
            LockHolder holder;
            holder.holderId =
                QStringLiteral("%1:%2:0badf00d").arg(QSysInfo::machineHostName()).arg(deadPid);
            holder.runId = id;
            holder.pid = deadPid;
            holder.host = QSysInfo::machineHostName();
            // Its heartbeat is fresh: the pid alone says the holder is dead.
            QVERIFY(SyncLock(db).tryAcquire(holder, -1, now - 2'000).acquired);
        }
        form.replaceInStrings(QStringLiteral("RUN_ID"), id);
        const Result r = runCli(QStringList{QStringLiteral("--db"), m_path} + form);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const QString message = QStringLiteral("The process running this sync stopped without "
                                               "finishing (crash, kill or power loss).");
        const QString hint =
            QStringLiteral("  Resume with: fillbook-cli --db %1 resume %2\n").arg(m_path, id);
        if (form.contains(QStringLiteral("--json"))) {
            const QJsonObject run = QJsonDocument::fromJson(r.out.toUtf8())
                                        .object()
                                        .value(QStringLiteral("runs"))
                                        .toArray()
                                        .at(0)
                                        .toObject();
            QCOMPARE(run.value(QStringLiteral("id")).toString(), id);
            QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
            QCOMPARE(run.value(QStringLiteral("message")).toString(), message);
        } else if (form.contains(QStringLiteral("--all"))) {
            QVERIFY2(r.out.contains(QLatin1Char('\n') + id + QStringLiteral("  interrupted ")),
                     qPrintable(r.out));
        } else {
            QVERIFY2(r.out.contains(QStringLiteral("Run %1: interrupted\n").arg(id)),
                     qPrintable(r.out));
            QVERIFY2(r.out.contains(QStringLiteral("  %1\n").arg(message)), qPrintable(r.out));
            QVERIFY2(r.out.endsWith(hint), qPrintable(r.out));
        }
        Database check(m_path, {OpenMode::ReadOnly, QStringLiteral("check"), false});
        const RunRecord stored = *RunStore(check).run(id);
        QCOMPARE(stored.status, RunStatus::Interrupted);
        QCOMPARE(stored.error, message);
    }

    void tradesAsJson()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray array = doc.array();
        QCOMPARE(array.size(), 2);
        const QJsonObject first = array.at(0).toObject();
        // The stable fields, plus MAE/MFE's (null: no candles cached yet, D116).
        QJsonObject expected = m_btc.toExportJson();
        insertExcursionJson(expected, {});
        QCOMPARE(first, expected);
        QCOMPARE(first.value(QStringLiteral("key")).toString(),
                 QStringLiteral("main:BTCUSDT:BOTH:101"));
        QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("CLOSED"));
        QCOMPARE(first.value(QStringLiteral("openTime")).toInteger(), Q_INT64_C(1761958800000));
        QCOMPARE(first.value(QStringLiteral("closeTime")).toInteger(), Q_INT64_C(1761962400000));
        QCOMPARE(first.value(QStringLiteral("entryQty")).toString(), QStringLiteral("0.01"));
        QCOMPARE(first.value(QStringLiteral("avgEntryPrice")).toString(),
                 QStringLiteral("68290.1"));
        QCOMPARE(first.value(QStringLiteral("avgExitPrice")).toString(), QStringLiteral("68415.1"));
        QCOMPARE(first.value(QStringLiteral("realizedPnl")).toString(), QStringLiteral("1.25"));
        QCOMPARE(first.value(QStringLiteral("funding")).toString(), QStringLiteral("-0.054665"));
        QCOMPARE(first.value(QStringLiteral("netPnl")).toString(), QStringLiteral("0.7831144"));
        QCOMPARE(first.value(QStringLiteral("commission")).toObject(),
                 QJsonObject({{QStringLiteral("BNB"), QStringLiteral("0.0011")},
                              {QStringLiteral("USDT"), QStringLiteral("0.4122206")}}));
        QCOMPARE(first.value(QStringLiteral("fillCount")).toInt(), 2);
        QCOMPARE(first.value(QStringLiteral("flags")).toArray(), QJsonArray());
        QVERIFY(first.value(QStringLiteral("invalidReason")).isNull());

        const QJsonObject second = array.at(1).toObject();
        QCOMPARE(second.value(QStringLiteral("symbol")).toString(), QStringLiteral("ETHUSDT"));
        QVERIFY(second.value(QStringLiteral("closeTime")).isNull());
        QVERIFY(second.value(QStringLiteral("avgExitPrice")).isNull());
        QCOMPARE(second.value(QStringLiteral("flags")).toArray(),
                 QJsonArray({QStringLiteral("INCOMPLETE_START")}));
    }

    void tradesFiltered()
    {
        Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                           QStringLiteral("--symbol"), QStringLiteral("ethusdt"),
                           QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QJsonArray array = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.at(0).toObject().value(QStringLiteral("key")).toString(), m_eth.key);

        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                    QStringLiteral("--status"), QStringLiteral("closed"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        array = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.at(0).toObject().value(QStringLiteral("key")).toString(), m_btc.key);
    }

    void tradesAsCsv()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                                 QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0),
                 QStringLiteral("key,account,symbol,positionSide,direction,status,openTime,"
                                "closeTime,entryQty,exitQty,maxQty,avgEntryPrice,avgExitPrice,"
                                "realizedPnl,funding,netPnl,commission_BNB,commission_USDT,"
                                "fillCount,flags,invalidReason,marginAsset,commissionValued,"
                                "netPnlValued,feesNotValued,feeValuation,initialRisk,rMultiple,"
                                "riskSource,stopPrice"));
        // The §5.4 columns unchanged, then the fee valuation's (then R's, empty: no stop) (this
        // hand-made trade has BNB in its commission but no fill part paying it: nothing to value).
        QCOMPARE(lines.at(1), QStringLiteral("main:BTCUSDT:BOTH:101,main,BTCUSDT,BOTH,LONG,CLOSED,"
                                             "1761958800000,1761962400000,0.01,0.01,0.01,68290.1,"
                                             "68415.1,1.25,-0.054665,0.7831144,0.0011,0.4122206,"
                                             "2,,,USDT,0.4122206,0.7831144,false,[],,,,"));
    }

    // The trader's own risk (docs/design.md D105, D107): note --risk sets it, the export
    // shows it and the R it gives; "none" removes it; anything else is one sentence, exit 2.
    void noteRiskOverridesTheStop()
    {
        Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("note"), m_btc.key,
                           QStringLiteral("--risk"), QStringLiteral("12.50")});
        QCOMPARE(r.exitCode, 0);
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                    QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject t = QJsonDocument::fromJson(r.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(t.value(QStringLiteral("initialRisk")).toString(), QStringLiteral("12.5"));
        QCOMPARE(t.value(QStringLiteral("riskSource")).toString(), QStringLiteral("override"));
        // 0.7831144 / 12.5 = 0.06264915..., half-even to 4 places
        QCOMPARE(t.value(QStringLiteral("rMultiple")).toString(), QStringLiteral("0.0626"));
        QVERIFY(t.value(QStringLiteral("stopPrice")).isNull());

        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("note"), m_btc.key,
                    QStringLiteral("--risk"), QStringLiteral("-3")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--risk must be a positive decimal amount")),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);

        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("note"), m_btc.key,
                    QStringLiteral("--risk"), QStringLiteral("none")});
        QCOMPARE(r.exitCode, 0);
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                    QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        t = QJsonDocument::fromJson(r.out.toUtf8()).array().at(0).toObject();
        QVERIFY(t.value(QStringLiteral("initialRisk")).isNull());
        QVERIFY(t.value(QStringLiteral("rMultiple")).isNull());
    }

    void tradesAsTable()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(QLatin1String("OPENED (UTC)         SYMBOL   SIDE")),
                 qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith(QLatin1String("2025-11-01 01:00:00  BTCUSDT  BOTH")),
                 qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).endsWith(QLatin1String("INCOMPLETE_START")), qPrintable(lines.at(2)));
        // Aligned: every line has the column SIDE at the same position.
        const qsizetype side = lines.at(0).indexOf(QLatin1String("SIDE"));
        QCOMPARE(lines.at(1).indexOf(QLatin1String("BOTH")), side);
        QCOMPARE(lines.at(2).indexOf(QLatin1String("BOTH")), side);
    }

    void missingJournalExitsTwo()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nope/journal.sqlite"));
        const Result r = runCli({QStringLiteral("--db"), missing, QStringLiteral("status")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: no journal at %1 \u2014 run 'fillbook-cli "
                                       "sync' first, or pass --db PATH.\n")
                            .arg(missing));
        QVERIFY(!QFile::exists(missing));
        const Result trades = runCli({QStringLiteral("--db"), missing, QStringLiteral("trades")});
        QCOMPARE(trades.exitCode, 2);
        QVERIFY(!QFile::exists(missing));
    }

    void defaultJournalPathIsAppData()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        const Result r = runCli({QStringLiteral("status")}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(home.filePath(QStringLiteral("data/fillbook/journal.sqlite"))),
                 qPrintable(r.err));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList() << QStringLiteral("no command given");
        QTest::newRow("unknown command")
            << strings({"frobnicate"}) << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("unknown option")
            << strings({"trades", "--colour"}) << QStringLiteral("Unknown option 'colour'");
        QTest::newRow("option of another command")
            << strings({"status", "--format", "json"})
            << QStringLiteral("--format is not an option of 'status'");
        QTest::newRow("bad status") << strings({"trades", "--status", "pending"})
                                    << QStringLiteral("--status must be 'open' or 'closed'");
        QTest::newRow("bad format") << strings({"trades", "--format", "xml"})
                                    << QStringLiteral("--format must be table, csv or json");
        QTest::newRow("missing value")
            << strings({"trades", "--symbol"}) << QStringLiteral("Missing value after '--symbol'");
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Result r = runCli(QStringList{QStringLiteral("--db"), m_path} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QLatin1String("fillbook-cli: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.out, QString());
    }

    void helpAndVersion()
    {
        Result r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QLatin1String("fillbook-cli ")), qPrintable(r.out));
        r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QLatin1String("Usage: fillbook-cli ")));
        QVERIFY(r.out.contains(QLatin1String("  trades    ")));
        r = runCli({QStringLiteral("trades"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("--format <table|csv|json>")));
    }

    // MAE/MFE in the export (docs/design.md D112, D116): null until `candles` cached the
    // minutes between the entry and exit minutes, then exact from them and the fills.
    void tradesJsonGainsMaeAndMfeFromTheCandles()
    {
        const auto btcJson = [this] {
            const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("trades"),
                                     QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
                                     QStringLiteral("--format"), QStringLiteral("json")});
            return QJsonDocument::fromJson(r.out.toUtf8()).array().at(0).toObject();
        };
        QJsonObject t = btcJson();
        QVERIFY(t.contains(QStringLiteral("mae")));
        QVERIFY(t.value(QStringLiteral("mae")).isNull());
        QVERIFY(t.value(QStringLiteral("mfe")).isNull());
        QVERIFY(t.value(QStringLiteral("candlesUnavailable")).isNull());
        {
            Database db(m_path);
            constexpr qint64 open = 1761958800000;
            constexpr qint64 minute = 60'000;
            const QString endpoint = QStringLiteral("https://fapi.binance.com");
            setCandleEndpoint(db, tradeAccounts(db), endpoint);
            CandleStore(db, endpoint)
                .storeSpan(
                    QStringLiteral("BTCUSDT"), open - 10 * minute, open + 70 * minute,
                    {{open, dec("68290.1"), dec("68290.1"), dec("60000"), dec("68290.1")}, // entry
                     {open + 5 * minute, dec("68290"), dec("68300"), dec("68200.1"), dec("68250")},
                     {open + 30 * minute, dec("68300"), dec("68500.6"), dec("68250"),
                      dec("68400")}},
                    1);
        }
        t = btcJson();
        // Long from 68290.1: down to 68200.1 (90), up to 68500.6 (210.5); the entry minute's low
        // of 60000 may have come before the entry and does not count.
        QCOMPARE(t.value(QStringLiteral("mae")).toString(), QStringLiteral("90"));
        QCOMPARE(t.value(QStringLiteral("mfe")).toString(), QStringLiteral("210.5"));
        // Every earlier field keeps its value.
        QCOMPARE(t.value(QStringLiteral("avgEntryPrice")).toString(), QStringLiteral("68290.1"));
        QCOMPARE(t.value(QStringLiteral("netPnl")).toString(), QStringLiteral("0.7831144"));
    }

    void candlesRefusesBadOptions()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("candles"),
                                 QStringLiteral("--budget-percent"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--budget-percent must be a whole number from 1 "
                                               "to 90")),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    JournalTrade m_btc;
    JournalTrade m_eth;
};

QTEST_GUILESS_MAIN(TestJournalCli)
#include "test_journal_cli.moc"
