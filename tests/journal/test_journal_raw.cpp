// Raw exchange records: idempotent upserts (a large page too), changed records (version,
// history, conflict), exact ids and decimals, and the builder's input loaded back.
#include "journal_test_util.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/transaction.h"

#include <QSqlQuery>

#include <algorithm>

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

QVector<Fill> page()
{
    return {makeFill(QStringLiteral("BTCUSDT"), 6240193381, "BUY", "68290.10", "0.010",
                     1761958800123, "0", "-0.27316040"),
            makeFill(QStringLiteral("BTCUSDT"), 6240193382, "SELL", "68415.10", "0.004",
                     1761962400000, "0.50000000", "0.10946416"),
            makeFill(QStringLiteral("ETHUSDT"), 6240193381, "BUY", "2501.37", "1.000",
                     1761962400500)}; // same id, other symbol: a different fill
}

UpsertCounts counts(qint64 inserted, qint64 updated, qint64 duplicates)
{
    UpsertCounts c;
    c.inserted = inserted;
    c.updated = updated;
    c.duplicates = duplicates;
    return c;
}

} // namespace

namespace QTest {
template <> char* toString(const UpsertCounts& c)
{
    return qstrdup(QStringLiteral("{inserted %1, updated %2, duplicates %3}")
                       .arg(c.inserted)
                       .arg(c.updated)
                       .arg(c.duplicates)
                       .toUtf8()
                       .constData());
}
} // namespace QTest

class TestJournalRaw : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_db = std::make_unique<Database>(journalPath(m_dir, "raw.sqlite")); }
    void cleanup()
    {
        m_db.reset();
        QFile::remove(journalPath(m_dir, "raw.sqlite"));
        QFile::remove(journalPath(m_dir, "raw.sqlite-wal"));
        QFile::remove(journalPath(m_dir, "raw.sqlite-shm"));
    }

    void reinsertingAPageIsANoOp()
    {
        RawStore raw(*m_db);
        QCOMPARE(raw.upsertFills(page()), counts(3, 0, 0));
        QCOMPARE(raw.counts().fills, 3);
        QCOMPARE(raw.upsertFills(page()), counts(0, 0, 3));
        QCOMPARE(raw.counts().fills, 3);
        QCOMPARE(raw.version(RecordKind::Fill, QStringLiteral("main"), QStringLiteral("BTCUSDT"),
                             6240193381),
                 std::optional<int>(1));
        QCOMPARE(ConflictStore(*m_db).openCount(), 0);
        QCOMPARE(sqlOn(*m_db).scalar(QStringLiteral("SELECT count(*) FROM record_history")).toInt(),
                 0);
    }

    void keyOrderAndWhitespaceAreNotChanges()
    {
        RawStore raw(*m_db);
        const Fill original = page().first();
        QCOMPARE(raw.upsertFills({original}), counts(1, 0, 0));
        Fill reordered = original;
        reordered.raw = QJsonDocument(parseObject(original.raw)).toJson(QJsonDocument::Indented);
        QVERIFY(reordered.raw != original.raw);
        QCOMPARE(raw.upsertFills({reordered}), counts(0, 0, 1));
        // The first text stays: it is the fact as first received.
        QCOMPARE(raw.fill(QStringLiteral("main"), QStringLiteral("BTCUSDT"), 6240193381)->raw,
                 original.raw);
        QCOMPARE(ConflictStore(*m_db).openCount(), 0);
    }

    void changedRecordIsVersionedWithConflict()
    {
        RawStore raw(*m_db);
        QCOMPARE(raw.upsertFills(page()), counts(3, 0, 0));
        Fill changed = makeFill(QStringLiteral("BTCUSDT"), 6240193382, "SELL", "68415.10", "0.005",
                                1761962400000, "0.50000000", "0.10946416");
        const QByteArray oldRaw = page().at(1).raw;

        QCOMPARE(raw.upsertFills({changed}), counts(0, 1, 0));
        QCOMPARE(raw.counts().fills, 3);
        const auto stored = raw.fill(QStringLiteral("main"), QStringLiteral("BTCUSDT"), 6240193382);
        QVERIFY(stored);
        QCOMPARE(stored->qty.toPlainString(), QStringLiteral("0.005"));
        QCOMPARE(stored->raw, changed.raw);
        QCOMPARE(raw.version(RecordKind::Fill, QStringLiteral("main"), QStringLiteral("BTCUSDT"),
                             6240193382),
                 std::optional<int>(2));

        const QVector<RecordVersion> history =
            raw.history(RecordKind::Fill, QStringLiteral("main:BTCUSDT:6240193382"));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().version, 1);
        QCOMPARE(history.first().rawJson, oldRaw);

        const QVector<Conflict> open = ConflictStore(*m_db).listOpen();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().kind, QStringLiteral("record_changed"));
        QCOMPARE(open.first().recordKind, QStringLiteral("fill"));
        QCOMPARE(open.first().account, QStringLiteral("main"));
        QCOMPARE(open.first().naturalKey, QStringLiteral("main:BTCUSDT:6240193382"));
        QCOMPARE(open.first().oldSummary, QStringLiteral("qty=0.004"));
        QCOMPARE(open.first().newSummary, QStringLiteral("qty=0.005"));

        // The same new version again is a duplicate of version 2.
        QCOMPARE(raw.upsertFills({changed}), counts(0, 0, 1));
        QCOMPARE(ConflictStore(*m_db).openCount(), 1);

        QVERIFY(ConflictStore(*m_db).resolve(open.first().id, QStringLiteral("accepted")));
        QCOMPARE(ConflictStore(*m_db).openCount(), 0);
        QVERIFY(!ConflictStore(*m_db).resolve(open.first().id, QStringLiteral("again")));
        QCOMPARE(ConflictStore(*m_db).conflict(open.first().id)->resolution,
                 QStringLiteral("accepted"));
    }

    void idsBeyondTwoToThe53RoundTrip()
    {
        RawStore raw(*m_db);
        const qint64 big = Q_INT64_C(4480321991774044580);
        const Income funding =
            makeIncome(QStringLiteral("BTCUSDT"), "FUNDING_FEE", big, "-0.05466500", 1761984000000);
        QCOMPARE(funding.tranId, big);
        QCOMPARE(raw.upsertIncome({funding}), counts(1, 0, 0));
        QCOMPARE(
            sqlOn(*m_db).scalar(QStringLiteral("SELECT typeof(tran_id) FROM income")).toString(),
            QStringLiteral("integer"));
        QCOMPARE(sqlOn(*m_db).scalar(QStringLiteral("SELECT tran_id FROM income")).toLongLong(),
                 big);
        QCOMPARE(sqlOn(*m_db)
                     .scalar(QStringLiteral("SELECT count(*) FROM income WHERE tran_id = "
                                            "4480321991774044580"))
                     .toInt(),
                 1);
        const auto back = raw.income(QStringLiteral("main"), QStringLiteral("FUNDING_FEE"), big);
        QVERIFY(back);
        QCOMPARE(back->tranId, big);
        QVERIFY(back->raw.contains("4480321991774044580"));
        QCOMPARE(back->raw, funding.raw);
        // The neighbouring double (…4576) must not match.
        QVERIFY(!raw.income(QStringLiteral("main"), QStringLiteral("FUNDING_FEE"),
                            Q_INT64_C(4480321991774044576)));

        Fill fill = makeFill(QStringLiteral("BTCUSDT"), big, "BUY", "1", "1", 1);
        QCOMPARE(fill.id, big);
        QCOMPARE(raw.upsertFills({fill}), counts(1, 0, 0));
        QCOMPARE(raw.fill(QStringLiteral("main"), QStringLiteral("BTCUSDT"), big)->id, big);
    }

    void decimalsKeepTheExchangeText()
    {
        RawStore raw(*m_db);
        raw.upsertFills(page());
        QCOMPARE(sqlOn(*m_db)
                     .scalar(QStringLiteral("SELECT price || '|' || qty || '|' || commission "
                                            "FROM fills WHERE id = 6240193381 AND symbol = "
                                            "'BTCUSDT'"))
                     .toString(),
                 QStringLiteral("68290.10|0.010|-0.27316040"));
        const auto fill = raw.fill(QStringLiteral("main"), QStringLiteral("BTCUSDT"), 6240193381);
        QCOMPARE(fill->commission.toPlainString(), QStringLiteral("-0.27316040"));
        QCOMPARE(fill->commissionCost().toString(), QStringLiteral("0.2731604"));
        QCOMPARE(fill->time, Q_INT64_C(1761958800123));
        QCOMPARE(fill->side, Side::Buy);
        QCOMPARE(fill->buyer, true);
        QCOMPARE(fill->marginAsset, QStringLiteral("USDT"));
    }

    void incomeTranIdIsUniquePerTypeOnly()
    {
        RawStore raw(*m_db);
        QCOMPARE(raw.upsertIncome(
                     {makeIncome(QStringLiteral("BTCUSDT"), "COMMISSION", 77, "-0.1", 1000),
                      makeIncome(QStringLiteral("BTCUSDT"), "REALIZED_PNL", 77, "2.5", 1000)}),
                 counts(2, 0, 0));
        QCOMPARE(raw.counts().income, 2);
    }

    // The planner's symbol list walks each table's key by index seeks; it must be the set a
    // DISTINCT over every row gives: every table, this account only, no empty income symbol,
    // positions only when held.
    void knownSymbolsAreEveryTablesDistinctSymbols()
    {
        RawStore raw(*m_db);
        QVector<Fill> fills;
        qint64 id = 100;
        for (const char* symbol : {"ETHUSDT", "ADAUSDT", "ETHUSDT", "ZECUSDT"}) {
            ++id;
            fills.append(makeFill(QString::fromLatin1(symbol), id, "BUY", "10", "1", 1000 + id));
        }
        Fill elsewhere = makeFill(QStringLiteral("AAAUSDT"), 500, "BUY", "10", "1", 2000);
        elsewhere.account = QStringLiteral("other");
        fills.append(elsewhere);
        raw.upsertFills(fills);
        raw.upsertOrders({makeOrder(QStringLiteral("BNBUSDT"), 9001, "web_1", "NEW", 1000),
                          makeOrder(QStringLiteral("ETHUSDT"), 9002, "web_2", "NEW", 1000)});
        raw.upsertIncome({makeIncome(QStringLiteral("SOLUSDT"), "FUNDING_FEE", 1, "-0.1", 1000),
                          makeIncome(QString(), "TRANSFER", 2, "100", 1000),
                          makeIncome(QStringLiteral("XRPUSDT"), "COMMISSION", 3, "-0.1", 1000,
                                     QStringLiteral("other"))});
        Position held;
        held.account = QStringLiteral("main");
        held.symbol = QStringLiteral("DOGEUSDT");
        held.positionSide = PositionSide::Both;
        held.positionAmt = dec("-3");
        held.marginAsset = QStringLiteral("USDT");
        Position flat = held;
        flat.symbol = QStringLiteral("LTCUSDT");
        flat.positionAmt = dec("0.000");
        raw.replacePositions(QStringLiteral("main"), {held, flat});

        const QStringList expected =
            strings({"ADAUSDT", "BNBUSDT", "DOGEUSDT", "ETHUSDT", "SOLUSDT", "ZECUSDT"});
        QCOMPARE(raw.knownSymbols(QStringLiteral("main")), expected);
        QSqlQuery all = sqlOn(*m_db).run(
            QStringLiteral("SELECT DISTINCT symbol FROM fills WHERE account = ? UNION SELECT "
                           "symbol FROM orders WHERE account = ? UNION SELECT symbol FROM income "
                           "WHERE account = ? AND symbol <> '' UNION SELECT symbol FROM "
                           "positions WHERE account = ? AND position_amt GLOB '*[1-9]*' ORDER "
                           "BY 1"),
            {QStringLiteral("main"), QStringLiteral("main"), QStringLiteral("main"),
             QStringLiteral("main")});
        QStringList distinct;
        while (all.next())
            distinct.append(all.value(0).toString());
        QCOMPARE(distinct, expected);
        QCOMPARE(raw.knownSymbols(QStringLiteral("other")), strings({"AAAUSDT", "XRPUSDT"}));
        QVERIFY(raw.knownSymbols(QStringLiteral("nobody")).isEmpty());
    }

    void orderProgressIsNotAConflict()
    {
        RawStore raw(*m_db);
        QCOMPARE(raw.upsertOrders(
                     {makeOrder(QStringLiteral("BTCUSDT"), 9001, "web_1", "NEW", 1761958800000)}),
                 counts(1, 0, 0));
        QCOMPARE(raw.upsertOrders({makeOrder(QStringLiteral("BTCUSDT"), 9001, "web_1", "FILLED",
                                             1761958805000)}),
                 counts(0, 1, 0));
        QCOMPARE(raw.order(QStringLiteral("main"), QStringLiteral("BTCUSDT"), 9001)->status,
                 QStringLiteral("FILLED"));
        QCOMPARE(raw.history(RecordKind::Order, QStringLiteral("main:BTCUSDT:9001")).size(), 1);
        QCOMPARE(ConflictStore(*m_db).openCount(), 0);
        // Same updateTime, different content: the exchange rewrote it.
        QCOMPARE(raw.upsertOrders({makeOrder(QStringLiteral("BTCUSDT"), 9001, "web_2", "FILLED",
                                             1761958805000)}),
                 counts(0, 1, 0));
        QCOMPARE(ConflictStore(*m_db).openCount(), 1);
        QCOMPARE(ConflictStore(*m_db).listOpen().first().newSummary,
                 QStringLiteral("clientOrderId=web_2"));
    }

    void loadSymbolHistoryGivesTheBuilderItsInput()
    {
        RawStore raw(*m_db);
        raw.upsertFills(page());
        raw.upsertIncome(
            {makeIncome(QStringLiteral("BTCUSDT"), "FUNDING_FEE", 11, "-0.05466500", 1761984000000),
             makeIncome(QStringLiteral("BTCUSDT"), "FUNDING_FEE", 10, "0.01", 1761955200000),
             makeIncome(QStringLiteral("BTCUSDT"), "COMMISSION", 12, "-0.27316040", 1761958800123),
             makeIncome(QStringLiteral("ETHUSDT"), "FUNDING_FEE", 13, "-1", 1761984000000)});
        raw.upsertOrders({makeOrder(QStringLiteral("BTCUSDT"), 7240193381,
                                    "autoclose-1761962400000", "FILLED", 1761962400000),
                          makeOrder(QStringLiteral("ETHUSDT"), 55, "x", "FILLED", 1)});
        Position position;
        position.symbol = QStringLiteral("BTCUSDT");
        position.positionAmt = dec("0.006");
        Position other;
        other.symbol = QStringLiteral("ETHUSDT");
        other.positionAmt = dec("-2");
        raw.replacePositions(QStringLiteral("main"), {position, other});

        SymbolHistory history =
            raw.loadSymbolHistory(QStringLiteral("main"), QStringLiteral("BTCUSDT"));
        QCOMPARE(history.account, QStringLiteral("main"));
        QCOMPARE(history.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(history.fills.size(), 2);
        // Any order (the builder sorts), and without raw JSON (the builder never reads it).
        std::sort(history.fills.begin(), history.fills.end(),
                  [](const Fill& a, const Fill& b) { return a.time < b.time; });
        QCOMPARE(history.fills.at(0).id, Q_INT64_C(6240193381));
        QVERIFY(history.fills.at(0).raw.isEmpty());
        QCOMPARE(history.fills.at(0).price.toPlainString(), page().at(0).price.toPlainString());
        QCOMPARE(history.fills.at(0).commissionAsset, page().at(0).commissionAsset);
        QCOMPARE(history.fills.at(0).positionSide, page().at(0).positionSide);
        QCOMPARE(history.fills.at(1).realizedPnl.toPlainString(), QStringLiteral("0.50000000"));
        QCOMPARE(history.funding.size(), 2);
        QCOMPARE(history.funding.at(0).tranId, Q_INT64_C(10)); // ordered by time
        QCOMPARE(history.funding.at(1).income.toPlainString(), QStringLiteral("-0.05466500"));
        QCOMPARE(history.currentPosition.size(), 1);
        QCOMPARE(history.currentPosition.value(PositionSide::Both).toString(),
                 QStringLiteral("0.006"));
        QCOMPARE(history.clientOrderIds.size(), 1);
        QCOMPARE(history.clientOrderIds.value(Q_INT64_C(7240193381)),
                 QStringLiteral("autoclose-1761962400000"));

        QCOMPARE(raw.knownSymbols(QStringLiteral("main")), strings({"BTCUSDT", "ETHUSDT"}));

        // Positions are a snapshot: replacing drops what is gone.
        raw.replacePositions(QStringLiteral("main"), {other});
        QVERIFY(raw.loadSymbolHistory(QStringLiteral("main"), QStringLiteral("BTCUSDT"))
                    .currentPosition.isEmpty());
        QCOMPARE(raw.positions(QStringLiteral("main")).size(), 1);
    }

    void upsertJoinsTheCallersTransaction()
    {
        RawStore raw(*m_db);
        {
            Transaction tx(*m_db);
            QCOMPARE(raw.upsertFills(page()), counts(3, 0, 0));
            // no commit: the caller decides
        }
        QCOMPARE(raw.counts().fills, 0);
        {
            Transaction tx(*m_db);
            raw.upsertFills(page());
            raw.upsertIncome({makeIncome(QStringLiteral("BTCUSDT"), "COMMISSION", 1, "-1", 1)});
            tx.commit();
        }
        QCOMPARE(raw.counts().fills, 3);
        QCOMPARE(raw.counts().income, 1);
    }

    void recordsWithoutAccountAreRefused()
    {
        RawStore raw(*m_db);
        Fill fill = page().first();
        fill.account.clear();
        try {
            raw.upsertFills({fill});
            QFAIL("a fill without account was stored");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Usage);
        }
        QCOMPARE(raw.counts().fills, 0);
    }

    // A first sync's large page in one transaction, then the same page again: every fill is
    // inserted once and then counted as a duplicate. (How fast is fillbook-bench's "raw upsert"
    // figure; this is what it must do.)
    void largePageInsertedThenAllDuplicates()
    {
        const int count = 20000;
        const QVector<Fill> fills = manyFills(count);
        RawStore raw(*m_db);
        UpsertCounts first;
        {
            Transaction tx(*m_db);
            first = raw.upsertFills(fills);
            tx.commit();
        }
        QCOMPARE(first.inserted, qint64(count));
        UpsertCounts second;
        {
            Transaction tx(*m_db);
            second = raw.upsertFills(fills);
            tx.commit();
        }
        QCOMPARE(second.duplicates, qint64(count));
        QCOMPARE(raw.counts().fills, qint64(count));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestJournalRaw)
#include "test_journal_raw.moc"
