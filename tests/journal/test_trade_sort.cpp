// Every column of the trade history sorts, both ways, on a journal of a million trades: the
// first two pages come in exactly the order computed here from the generator's formulas (exact
// integers, not REAL), and each page query walks an index instead of sorting (the plan has no
// temporary B-tree). The timing figure is the benchmark's (fillbook-bench --sort-trades).

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/trade_queries.h"
#include "tests/support/big_journal.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace fb;
using namespace fb::journal;

namespace {

constexpr int kTrades = 1'000'000;
constexpr int kPage = 200;

// A number or a text (the other one stays at its default, so comparing both is comparing one).
struct SortKey
{
    qint64 number = 0;
    QString text;

    SortKey(qint64 n)
        : number(n)
    {}
    SortKey(const QString& t)
        : text(t)
    {}
    bool operator==(const SortKey& o) const = default;
    bool operator<(const SortKey& o) const
    {
        return number != o.number ? number < o.number : text < o.text;
    }
};

// The exact value trade t sorts by on `column` (decimals as units of one fixed scale per
// column, so integer order is numeric order).
SortKey sortKey(const fbtest::big::Trade& t, TradeSortColumn column)
{
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    switch (column) {
    case TradeSortColumn::OpenTime:
        return t.openTime;
    case TradeSortColumn::CloseTime:
        return t.closeTime.value_or(kMax);
    case TradeSortColumn::Symbol:
        return t.symbol;
    case TradeSortColumn::Direction:
        return t.direction;
    case TradeSortColumn::Size:
        return t.maxQtyUnits;
    case TradeSortColumn::Entry:
        return t.entryPriceUnits.value_or(-1);
    case TradeSortColumn::Exit:
        return t.exitPriceUnits.value_or(-1);
    case TradeSortColumn::RealizedPnl:
        return t.realizedUnits;
    case TradeSortColumn::Fees:
        return t.feeUnits;
    case TradeSortColumn::Funding:
        return t.fundingUnits;
    case TradeSortColumn::NetPnl:
        return t.netUnits;
    case TradeSortColumn::Duration:
        return t.closeTime ? *t.closeTime - t.openTime : kMax;
    case TradeSortColumn::Status:
        return t.status;
    case TradeSortColumn::Flags:
        return t.flags;
    case TradeSortColumn::Tags:
        return t.tagsJson;
    }
    return qint64(0);
}

struct Entry
{
    SortKey value;
    int index;
};

} // namespace

class TestTradeSort : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("big.sqlite"));
        QElapsedTimer timer;
        timer.start();
        {
            Database writer(m_path);
            fbtest::big::generate(writer, kTrades);
        }
        qInfo("generated %d trades in %lld ms", kTrades, timer.elapsed());
        m_db = std::make_unique<Database>(
            m_path, OpenOptions{OpenMode::ReadOnly, QStringLiteral("t"), false});
        QCOMPARE(sqlOn(*m_db).scalar(QStringLiteral("SELECT count(*) FROM trades")).toInt(),
                 kTrades);
        m_trades.reserve(kTrades);
        for (int i = 0; i < kTrades; ++i)
            m_trades.append(fbtest::big::trade(i, kTrades));
    }

    void cleanupTestCase() { m_db.reset(); }

    void eachColumnBothWays_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        const char* const names[] = {"open",    "close",    "symbol",   "direction", "size",
                                     "entry",   "exit",     "realized", "fees",      "funding",
                                     "net pnl", "duration", "status",   "flags",     "tags"};
        for (int c = 0; c <= int(TradeSortColumn::Tags); ++c) {
            QTest::addRow("%s asc", names[c]) << c << false;
            QTest::addRow("%s desc", names[c]) << c << true;
        }
    }

    void eachColumnBothWays()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        const auto col = TradeSortColumn(column);
        // The expected order: (exact value, key), reversed when descending.
        QVector<Entry> entries;
        entries.reserve(kTrades);
        for (int i = 0; i < kTrades; ++i)
            entries.append(Entry{sortKey(m_trades.at(i), col), i});
        const auto before = [&](const Entry& a, const Entry& b) {
            if (a.value != b.value)
                return descending ? b.value < a.value : a.value < b.value;
            const QString& ka = m_trades.at(a.index).key;
            const QString& kb = m_trades.at(b.index).key;
            return descending ? kb < ka : ka < kb;
        };
        std::partial_sort(entries.begin(), entries.begin() + 2 * kPage, entries.end(), before);

        TradeQuery query;
        query.sort = TradeSort{col, descending};
        QElapsedTimer timer;
        timer.start();
        const QVector<TradeRow> first = loadTradePage(*m_db, query, std::nullopt, kPage);
        // The figure, not an assertion (a shared machine's timing is no test).
        qInfo("first page: %.1f ms (limit 300 ms)", double(timer.nsecsElapsed()) / 1e6);
        QCOMPARE(first.size(), kPage);
        const QVector<TradeRow> second = loadTradePage(*m_db, query, first.last(), kPage);
        QCOMPARE(second.size(), kPage);
        for (int r = 0; r < 2 * kPage; ++r) {
            const TradeRow& row = r < kPage ? first.at(r) : second.at(r - kPage);
            QCOMPARE(row.key, m_trades.at(entries.at(r).index).key);
        }
        // The row sortsBefore() places live (applyBatch) agrees with the pages' order.
        for (int r = 1; r < kPage; ++r)
            QVERIFY(sortsBefore(query, first.at(r - 1), first.at(r)));
    }

    // No order sorts the table: each walks an index (SQLite's plan says "USE TEMP B-TREE FOR
    // ORDER BY" when it would sort a million rows first).
    void everyOrderWalksAnIndex()
    {
        for (int c = 0; c < int(TradeSortColumn::Tags); ++c) {
            for (bool descending : {false, true}) {
                TradeQuery query;
                query.sort = TradeSort{TradeSortColumn(c), descending};
                const QStringList plan = tradePagePlan(*m_db, query);
                QVERIFY2(!plan.join(QLatin1Char('\n')).contains(QStringLiteral("TEMP B-TREE")),
                         qPrintable(QStringLiteral("column %1: ").arg(c) +
                                    plan.join(QLatin1Char('\n'))));
            }
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Database> m_db;
    QVector<fbtest::big::Trade> m_trades;
};

QTEST_GUILESS_MAIN(TestTradeSort)
#include "test_trade_sort.moc"
