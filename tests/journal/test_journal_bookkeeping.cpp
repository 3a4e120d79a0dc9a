// Sync bookkeeping: runs and their symbols, coverage, settings and accounts.
#include "journal_test_util.h"
#include "sync/journal/coverage_store.h"
#include "sync/journal/run_store.h"
#include "sync/journal/settings_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

class TestJournalBookkeeping : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_db = std::make_unique<Database>(journalPath(m_dir, "book.sqlite")); }
    void cleanup()
    {
        m_db.reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(journalPath(m_dir, "book.sqlite") + QLatin1String(suffix));
    }

    void runIsCreatedWithItsSymbols()
    {
        RunStore runs(*m_db);
        QVERIFY(!runs.latestRun());
        RunRecord run;
        run.id = QStringLiteral("sync_20261101_080000_1a2b3c4d");
        run.account = QStringLiteral("main");
        run.paramsJson = QStringLiteral(R"({"range":"30 days"})");
        run.fingerprint = QStringLiteral("abc123");
        run.rangeFrom = 1759363200000;
        run.rangeTo = 1761955200000;
        run.createdAt = 1761984000000;
        run.counters.plannedUnits = 40;
        runs.createRun(run, strings({"ETHUSDT", "BTCUSDT"}));

        const auto stored = runs.run(run.id);
        QVERIFY(stored);
        QCOMPARE(stored->status, RunStatus::Running);
        QCOMPARE(stored->rangeFrom, std::optional<qint64>(1759363200000));
        QCOMPARE(stored->counters.plannedUnits, 40);
        QCOMPARE(stored->createdAt, Q_INT64_C(1761984000000));
        QCOMPARE(stored->endedAt, std::optional<qint64>());

        const QVector<RunSymbolRecord> symbols = runs.runSymbols(run.id);
        QCOMPARE(symbols.size(), 2);
        QCOMPARE(symbols.at(0).symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(symbols.at(0).status, SymbolStatus::Pending);

        runs.addSymbols(run.id, strings({"BTCUSDT", "SOLUSDT"}));
        QCOMPARE(runs.runSymbols(run.id).size(), 3);

        runs.setSymbolStatus(run.id, QStringLiteral("BTCUSDT"), SymbolStatus::InProgress);
        RunSymbolRecord btc = runs.runSymbols(run.id).at(0);
        QVERIFY(btc.startedAt);
        QVERIFY(!btc.endedAt);
        runs.setSymbolStatus(run.id, QStringLiteral("BTCUSDT"), SymbolStatus::Failed,
                             QStringLiteral("HTTP 503 after 5 attempts"));
        btc = runs.runSymbols(run.id).at(0);
        QCOMPARE(btc.status, SymbolStatus::Failed);
        QCOMPARE(btc.error, QStringLiteral("HTTP 503 after 5 attempts"));
        QVERIFY(btc.endedAt);
        btc.status = SymbolStatus::Completed;
        btc.recordsFetched = 120;
        btc.inserted = 118;
        btc.duplicates = 2;
        btc.retries = 3;
        runs.saveSymbol(btc);
        QCOMPARE(runs.runSymbols(run.id).at(0), btc);
        QCOMPARE(runs.runSymbols(run.id, {SymbolStatus::Pending}).size(), 2);

        RunCounters counters;
        counters.inserted = 118;
        counters.duplicates = 2;
        counters.requests = 14;
        counters.weight = 70;
        counters.plannedUnits = 40;
        counters.doneUnits = 13;
        runs.updateCounters(run.id, counters);
        QCOMPARE(runs.run(run.id)->counters, counters);

        runs.updateStatus(run.id, RunStatus::Interrupted);
        QCOMPARE(runs.runsWithStatus({RunStatus::Interrupted, RunStatus::Paused}).size(), 1);
        runs.finishRun(run.id, RunStatus::CompletedWithErrors,
                       QStringLiteral(R"({"inserted":118})"), QStringLiteral("[]"));
        const RunRecord finished = *runs.run(run.id);
        QCOMPARE(finished.status, RunStatus::CompletedWithErrors);
        QVERIFY(finished.endedAt);
        QCOMPARE(finished.summaryJson, QStringLiteral(R"({"inserted":118})"));
    }

    void runsAreListedNewestFirst()
    {
        RunStore runs(*m_db);
        for (int i = 1; i <= 3; ++i) {
            RunRecord run;
            run.id = QStringLiteral("sync_2026110%1_080000_0000000%1").arg(i);
            run.account = i == 2 ? QStringLiteral("other") : QStringLiteral("main");
            run.createdAt = 1761984000000 + i;
            runs.createRun(run);
        }
        const QVector<RunRecord> all = runs.listRuns();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).id, QStringLiteral("sync_20261103_080000_00000003"));
        QCOMPARE(all.at(2).id, QStringLiteral("sync_20261101_080000_00000001"));
        QCOMPARE(runs.latestRun()->id, QStringLiteral("sync_20261103_080000_00000003"));
        QCOMPARE(runs.latestRun(QStringLiteral("other"))->id,
                 QStringLiteral("sync_20261102_080000_00000002"));
        QCOMPARE(runs.listRuns(1).size(), 1);
    }

    void unknownStatusesAreRefused()
    {
        RunStore runs(*m_db);
        RunRecord run;
        run.id = QStringLiteral("sync_20261101_080000_1a2b3c4d");
        run.account = QStringLiteral("main");
        runs.createRun(run, strings({"BTCUSDT"}));
        try {
            // Statuses are enums in the API; the schema's CHECK still guards the file itself.
            sqlOn(*m_db).run(QStringLiteral("UPDATE runs SET status = 'finished' WHERE id = ?"),
                             {run.id}, QStringLiteral("store an unknown status"));
            QFAIL("an unknown run status was stored");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Constraint);
        }
        try {
            runs.updateStatus(QStringLiteral("sync_missing"), RunStatus::Completed);
            QFAIL("a missing run was updated");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }
        QCOMPARE(runs.run(run.id)->status, RunStatus::Running);
    }

    void coverageRoundTrip()
    {
        CoverageStore coverage(*m_db);
        QVERIFY(!coverage.coverage(QStringLiteral("main"), QStringLiteral("fills"),
                                   QStringLiteral("BTCUSDT")));
        Coverage fills{QStringLiteral("main"),
                       QStringLiteral("fills"),
                       QStringLiteral("BTCUSDT"),
                       1759363200000,
                       1761955200000,
                       Q_INT64_C(4480321991774044580),
                       0};
        coverage.setCoverage(fills);
        Coverage income{QStringLiteral("main"),
                        QStringLiteral("income"),
                        QString(),
                        1759363200000,
                        1761955200000,
                        std::nullopt,
                        0};
        coverage.setCoverage(income);

        auto stored = coverage.coverage(QStringLiteral("main"), QStringLiteral("fills"),
                                        QStringLiteral("BTCUSDT"));
        QVERIFY(stored);
        QCOMPARE(stored->lastId, std::optional<qint64>(Q_INT64_C(4480321991774044580)));
        QCOMPARE(stored->coveredTo, Q_INT64_C(1761955200000));
        QVERIFY(stored->updatedAt > 0);
        QCOMPARE(coverage.coverage(QStringLiteral("main"), QStringLiteral("income"))->lastId,
                 std::optional<qint64>());

        fills.coveredTo = 1762041600000;
        coverage.setCoverage(fills);
        QCOMPARE(coverage
                     .coverage(QStringLiteral("main"), QStringLiteral("fills"),
                               QStringLiteral("BTCUSDT"))
                     ->coveredTo,
                 Q_INT64_C(1762041600000));
        QCOMPARE(coverage.list(QStringLiteral("main")).size(), 2);
        QCOMPARE(coverage.list(QStringLiteral("main"), QStringLiteral("fills")).size(), 1);

        fills.coveredFrom = fills.coveredTo + 1;
        try {
            coverage.setCoverage(fills);
            QFAIL("an inverted range was stored");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }
        QVERIFY(coverage.remove(QStringLiteral("main"), QStringLiteral("income")));
        QCOMPARE(coverage.list(QStringLiteral("main")).size(), 1);
    }

    void settingsAndAccounts()
    {
        SettingsStore settings(*m_db);
        QVERIFY(!settings.value(QStringLiteral("batch_size")));
        QCOMPARE(settings.value(QStringLiteral("batch_size"), QStringLiteral("4")),
                 QStringLiteral("4"));
        settings.setValue(QStringLiteral("batch_size"), QStringLiteral("6"));
        QCOMPARE(*settings.value(QStringLiteral("batch_size")), QStringLiteral("6"));
        QCOMPARE(settings.all().size(), 1);
        QVERIFY(settings.remove(QStringLiteral("batch_size")));

        AccountStore accounts(*m_db);
        accounts.upsert(QStringLiteral("main"), QStringLiteral("https://fapi.binance.com"));
        const qint64 created = accounts.account(QStringLiteral("main"))->createdAt;
        accounts.upsert(QStringLiteral("main"), QStringLiteral("http://127.0.0.1:8765"));
        QCOMPARE(accounts.account(QStringLiteral("main"))->baseUrl,
                 QStringLiteral("http://127.0.0.1:8765"));
        QCOMPARE(accounts.account(QStringLiteral("main"))->createdAt, created);
        QCOMPARE(accounts.list().size(), 1);
        QVERIFY(accounts.remove(QStringLiteral("main")));
        QVERIFY(accounts.list().isEmpty());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestJournalBookkeeping)
#include "test_journal_bookkeeping.moc"
