// A push sends what changed, not the symbol's whole history (docs/sharing.md, "What a push
// sends"), against a real PostgreSQL server: a history built through the engine's journal API
// and pushed, then incremental `fillbook-cli sync` runs against fillbook-sim, each followed by a
// push that reads exactly the rows its sync named; the desk ends holding exactly what one push of
// the whole final journal gives a fresh desk. And a trade a rebuild removed leaves the server.

#include "sync/journal/database.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/share_scope.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"
#include "sync/share/replicator.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/realrun.h"
#include "tests/support/records.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;
using namespace fb::share;
using namespace fbtest::realrun;

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 count(Database& db, const QString& sql)
{
    return sqlOn(db).scalar(sql).toLongLong();
}

} // namespace

class TestShareScoped : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    DeskEndpoint initDesk(const QString& name)
    {
        m_server.freshDatabase(name);
        const DeskEndpoint e = m_server.endpoint(name);
        DeskConnection desk(e, QStringLiteral("test"));
        desk_schema::upgrade(desk);
        return e;
    }

    PushReport push(const QString& journal, const DeskEndpoint& e)
    {
        Database db(journal);
        DeskConnection desk(e, QStringLiteral("test"));
        return Replicator(db, desk).push();
    }

    // The rows the queued changes name and the journal holds, counted by SQL on the journal
    // (raw records are never deleted; a named trade may be gone).
    qint64 namedRows(const QString& journal)
    {
        Database db(journal, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        QMap<QString, ShareScope> items;
        for (const OutboxEntry& e : OutboxStore(db).pending(100000)) {
            const std::optional<ShareScope> scope = ShareScope::fromJson(e.scope);
            if (!scope)
                return -1; // everything: not what these tests queue
            items[e.account + QLatin1Char('/') + e.ref].unite(*scope);
        }
        qint64 rows = 0;
        for (auto it = items.cbegin(); it != items.cend(); ++it) {
            const ShareScope& s = it.value();
            rows += s.fillIds.size() + s.orderIds.size() + s.incomes.size();
            for (const QString& key : s.tradeKeys)
                rows +=
                    sqlOn(db)
                        .scalar(QStringLiteral("SELECT count(*) FROM trades WHERE key = ?"), {key})
                        .toLongLong();
        }
        return rows;
    }

    qint64 journalRows(const QString& journal)
    {
        Database db(journal, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
        return count(db, QStringLiteral("SELECT (SELECT count(*) FROM fills) + (SELECT count(*) "
                                        "FROM orders) + (SELECT count(*) FROM income) + (SELECT "
                                        "count(*) FROM trades)"));
    }

    // Every shared row of a desk database, as one digest (and the row count before it).
    QString deskDigest(const QString& database)
    {
        return m_server.scalar(
            database,
            QStringLiteral(
                "SELECT (SELECT count(*) FROM fillbook.raw_records) || ' ' || (SELECT count(*) "
                "FROM fillbook.trades) || ' ' || (SELECT md5(string_agg(account || '|' || "
                "record_kind || '|' || natural_key || '|' || raw_json || '|' || version, "
                "E'\\n' ORDER BY account, record_kind, natural_key)) FROM fillbook.raw_records) "
                "|| ' ' || (SELECT md5(string_agg(key || '|' || account || '|' || symbol || "
                "'|' || row_json, E'\\n' ORDER BY key)) FROM fillbook.trades)"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
    }

    void aPushAfterAnIncrementalSyncSendsWhatTheSyncWrote()
    {
        const QString journal = m_dir.filePath(QStringLiteral("history.db"));
        const qint64 start = now();
        const BuiltHistory built = buildHistory(journal, 3000, start, start - 89 * kDayMs, 1000);
        QCOMPARE(built.fills, qint64(3000));
        const DeskEndpoint deskA = initDesk(QStringLiteral("scoped_a"));

        // The history, queued by the engine's batch commits with their scopes: each row once.
        QCOMPARE(namedRows(journal), journalRows(journal));
        PushReport first = push(journal, deskA);
        QCOMPARE(first.rowsSent, journalRows(journal));

        const Tools tools{QStringLiteral(FILLBOOK_CLI), QStringLiteral(FILLBOOK_SIM),
                          QStringLiteral(FILLBOOK_RUSAGE)};
        const quint16 port = freePort();
        ServedAccount account(journal);
        qint64 lastEnd = now();
        for (int run = 0; run < 3; ++run) {
            account.trade(100, lastEnd);
            const QString dataset = m_dir.filePath(QStringLiteral("dataset.json"));
            account.writeDataset(dataset);
            QTRY_VERIFY_WITH_TIMEOUT(now() >= account.readyAtMs(), 5000);
            const SyncFigures f =
                syncOnce(tools, journal, dataset, port, m_dir.filePath(QStringLiteral("home")));
            lastEnd = now();
            QVERIFY2(f.exitCode == 0, qPrintable(f.output));
            QCOMPARE(f.fillsAfter, f.fillsBefore + 100);

            const qint64 named = namedRows(journal);
            const qint64 all = journalRows(journal);
            // The 100 fills, their orders and income rows, the trades they touched: a few
            // hundred rows, where the push used to send the symbol's and the income's all.
            QVERIFY2(named >= 100 && named < 1000,
                     qPrintable(QStringLiteral("%1 of %2").arg(named).arg(all)));
            const PushReport pushed = push(journal, deskA);
            QCOMPARE(pushed.rowsSent, named);
            QVERIFY(pushed.changes > 0);
        }

        // One push of the whole final journal (every row, as a journal first shared does) to a
        // fresh desk gives exactly what the scoped pushes left on the first.
        const QString whole = m_dir.filePath(QStringLiteral("whole.db"));
        QVERIFY(QFile::copy(journal, whole));
        {
            Database db(whole);
            Transaction tx(db);
            OutboxStore outbox(db);
            QCOMPARE(outbox.pendingCount(), 0);
            outbox.add(kOutboxRecords, QStringLiteral("main"), QString());
            QSqlQuery symbols = sqlOn(db).run(
                QStringLiteral("SELECT DISTINCT account, symbol FROM fills ORDER BY 1, 2"));
            while (symbols.next())
                outbox.add(kOutboxRecords, symbols.value(0).toString(),
                           symbols.value(1).toString());
            tx.commit();
        }
        const DeskEndpoint deskB = initDesk(QStringLiteral("scoped_b"));
        const PushReport full = push(whole, deskB);
        QCOMPARE(full.rowsSent, journalRows(whole));
        const QString digestA = deskDigest(QStringLiteral("scoped_a"));
        QCOMPARE(digestA, deskDigest(QStringLiteral("scoped_b")));
        qint64 trades = 0;
        {
            Database db(whole, OpenOptions{OpenMode::ReadOnly, QStringLiteral("test")});
            trades = count(db, QStringLiteral("SELECT count(*) FROM trades"));
        }
        QVERIFY(digestA.startsWith(
            QStringLiteral("%1 %2 ").arg(journalRows(whole) - trades).arg(trades)));
    }

    void aTradeARebuildRemovedLeavesTheServer()
    {
        const QString journal = m_dir.filePath(QStringLiteral("removed.db"));
        const DeskEndpoint desk = initDesk(QStringLiteral("scoped_removed"));
        const fb::JournalTrade kept =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'700'000'000'000, true);
        const fb::JournalTrade gone =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 2001, 1'700'000'100'000, true);
        {
            Database db(journal);
            fbtest::addTrades(db, {kept, gone});
            ShareScope scope;
            scope.tradeKeys = {kept.key, gone.key};
            OutboxStore(db).addScoped(QStringLiteral("main"), QStringLiteral("BTCUSDT"), scope);
        }
        QCOMPARE(push(journal, desk).rowsSent, qint64(2));
        QCOMPARE(m_server.scalar(QStringLiteral("scoped_removed"),
                                 QStringLiteral("SELECT string_agg(key, ',' ORDER BY key) FROM "
                                                "fillbook.trades")),
                 QStringList({kept.key, gone.key}).join(QLatin1Char(',')));
        {
            // A rebuild that removes `gone` names it in its change; the journal no longer has it.
            Database db(journal);
            Transaction tx(db);
            sqlOn(db).run(QStringLiteral("DELETE FROM trades WHERE key = ?"), {gone.key});
            ShareScope scope;
            scope.tradeKeys = {gone.key};
            OutboxStore(db).addScoped(QStringLiteral("main"), QStringLiteral("BTCUSDT"), scope);
            tx.commit();
        }
        const PushReport pushed = push(journal, desk);
        QCOMPARE(pushed.rowsSent, qint64(0));
        QCOMPARE(pushed.rowsWritten, qint64(1)); // the server's delete
        QCOMPARE(m_server.scalar(QStringLiteral("scoped_removed"),
                                 QStringLiteral("SELECT string_agg(key, ',' ORDER BY key) FROM "
                                                "fillbook.trades")),
                 kept.key);
    }

    void aScopeRoundTripsWithIdsPastADouble()
    {
        ShareScope s;
        s.fillIds = {9007199254740993LL, 1};
        s.orderIds = {9223372036854775807LL};
        s.incomes = {{QStringLiteral("COMMISSION"), 9007199254740995LL}};
        s.tradeKeys = {QStringLiteral("main:BTCUSDT:BOTH:9007199254740993")};
        QCOMPARE(s.toJson(),
                 QStringLiteral("{\"fills\":[\"1\",\"9007199254740993\"],\"income\":[["
                                "\"COMMISSION\",\"9007199254740995\"]],\"orders\":["
                                "\"9223372036854775807\"],\"trades\":[\"main:BTCUSDT:BOTH:"
                                "9007199254740993\"]}"));
        const std::optional<ShareScope> back = ShareScope::fromJson(s.toJson());
        QVERIFY(back);
        QCOMPARE(back->fillIds, s.fillIds);
        QCOMPARE(back->orderIds, s.orderIds);
        QCOMPARE(back->incomes, s.incomes);
        QCOMPARE(back->tradeKeys, s.tradeKeys);
        QCOMPARE(back->size(), qsizetype(5));
        QVERIFY(!ShareScope::fromJson(QStringLiteral("[1,2]")));
        QVERIFY(!ShareScope::fromJson(QStringLiteral("{\"fills\":[\"x\"]}")));
        QVERIFY(!ShareScope::fromJson(QStringLiteral("{\"income\":[[\"COMMISSION\"]]}")));
    }
};

QTEST_GUILESS_MAIN(TestShareScoped)
#include "test_share_scoped.moc"
