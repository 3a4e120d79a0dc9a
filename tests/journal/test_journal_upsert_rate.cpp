// Throughput of the raw upsert, the hot path of a first sync: fills inserted inside one
// transaction, then the same page again (all duplicates). Prints the rates; fails only far below
// the target (> 60k fills/s on the 2-core CI machine) so that a slow run does not flake.
// FILLBOOK_UPSERT_BENCH_FILLS sets the count (default 200000; the 1M benchmark uses 1000000).
#include "journal_test_util.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/transaction.h"

#include <QElapsedTimer>

#include <ctime>

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

// Realistic fills without parsing JSON per fill: the raw text is what the exchange would send.
QVector<Fill> generate(int count)
{
    const QStringList symbols = strings({"BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"});
    QVector<Fill> fills;
    fills.reserve(count);
    const Fill templateFill = makeFill(QStringLiteral("BTCUSDT"), 1, "BUY", "68290.10", "0.010",
                                       1761958800000, "0", "-0.27316040");
    for (int i = 0; i < count; ++i) {
        Fill f = templateFill;
        f.symbol = symbols.at(i % symbols.size());
        f.id = 6240000000LL + i;
        f.orderId = 7240000000LL + i / 3;
        f.time = 1761958800000LL + i * 250LL;
        f.side = i % 2 ? Side::Sell : Side::Buy;
        f.raw = QStringLiteral(R"({"symbol":"%1","id":%2,"orderId":%3,"side":"%4",)"
                               R"("price":"68290.10","qty":"0.010","realizedPnl":"0",)"
                               R"("quoteQty":"682.90100","commission":"-0.27316040",)"
                               R"("commissionAsset":"USDT","time":%5,"positionSide":"BOTH",)"
                               R"("buyer":%6,"maker":false})")
                    .arg(f.symbol, QString::number(f.id), QString::number(f.orderId),
                         sideName(f.side), QString::number(f.time),
                         f.side == Side::Buy ? QStringLiteral("true") : QStringLiteral("false"))
                    .toUtf8();
        fills.append(f);
    }
    return fills;
}

} // namespace

class TestJournalUpsertRate : public QObject
{
    Q_OBJECT
private slots:
    void insertRate()
    {
        const int count = qEnvironmentVariableIsSet("FILLBOOK_UPSERT_BENCH_FILLS")
                              ? qEnvironmentVariableIntValue("FILLBOOK_UPSERT_BENCH_FILLS")
                              : 200000;
        const QVector<Fill> fills = generate(count);
        QTemporaryDir dir;
        Database db(journalPath(dir));
        RawStore raw(db);

        // CPU time as well as wall time: on a shared CI machine the wall clock measures the
        // neighbours too.
        QElapsedTimer timer;
        timer.start();
        std::clock_t cpu = std::clock();
        UpsertCounts first;
        {
            Transaction tx(db);
            first = raw.upsertFills(fills);
            tx.commit();
        }
        const qint64 insertMs = qMax<qint64>(1, timer.elapsed());
        const qint64 insertCpuMs = qMax<qint64>(1, (std::clock() - cpu) * 1000 / CLOCKS_PER_SEC);
        QCOMPARE(first.inserted, qint64(count));

        timer.restart();
        cpu = std::clock();
        UpsertCounts second;
        {
            Transaction tx(db);
            second = raw.upsertFills(fills);
            tx.commit();
        }
        const qint64 duplicateMs = qMax<qint64>(1, timer.elapsed());
        const qint64 duplicateCpuMs = qMax<qint64>(1, (std::clock() - cpu) * 1000 / CLOCKS_PER_SEC);
        QCOMPARE(second.duplicates, qint64(count));
        QCOMPARE(raw.counts().fills, qint64(count));

        const qint64 insertRate = qint64(count) * 1000 / insertMs;
        const qint64 insertCpuRate = qint64(count) * 1000 / insertCpuMs;
        const qint64 duplicateRate = qint64(count) * 1000 / duplicateMs;
        const qint64 duplicateCpuRate = qint64(count) * 1000 / duplicateCpuMs;
        qInfo("upsert: %d new fills in %lld ms wall (%lld fills/s), %lld ms CPU (%lld fills/s)",
              count, insertMs, insertRate, insertCpuMs, insertCpuRate);
        qInfo("upsert again, all duplicates: %lld ms wall (%lld fills/s), %lld ms CPU (%lld "
              "fills/s)",
              duplicateMs, duplicateRate, duplicateCpuMs, duplicateCpuRate);
        QVERIFY2(insertCpuRate > 20000, "insert rate collapsed (target: > 60k fills/s)");
    }
};

QTEST_GUILESS_MAIN(TestJournalUpsertRate)
#include "test_journal_upsert_rate.moc"
