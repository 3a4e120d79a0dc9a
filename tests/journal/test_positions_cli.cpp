// fillbook-cli positions (issue 14, docs/design.md D134): the open positions of the
// last sync, exact as stored, with the unrealized PnL per margin asset apart from closed PnL, as
// JSON, CSV and a table; a journal never synced says so; a bad format is one sentence, exit 2.
#include "sync/journal/database.h"
#include "sync/journal/raw_store.h"
#include "tests/support/cli_process.h"
#include "tests/support/records.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;

namespace {

using Result = fbtest::CliResult;

Result runCli(const QStringList& arguments)
{
    return fbtest::runProgram(QStringLiteral(FILLBOOK_CLI_PATH), arguments);
}

Position position(const char* symbol, PositionSide side, const char* amount, const char* entry,
                  const char* mark, const char* unrealized, const char* asset)
{
    Position p;
    p.symbol = QString::fromLatin1(symbol);
    p.positionSide = side;
    p.positionAmt = fbtest::dec(amount);
    p.entryPrice = fbtest::dec(entry);
    p.breakEvenPrice = fbtest::dec(entry);
    p.markPrice = fbtest::dec(mark);
    p.unRealizedProfit = fbtest::dec(unrealized);
    p.liquidationPrice = fbtest::dec("0");
    p.notional = fbtest::dec("0");
    p.marginAsset = QString::fromLatin1(asset);
    p.updateTime = 1'700'000'000'000;
    p.raw = QByteArrayLiteral("{}");
    return p;
}

} // namespace

class TestPositionsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_before = 0;
    qint64 m_after = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("positions.sqlite"));
        journal::Database db(m_path);
        m_before = QDateTime::currentMSecsSinceEpoch();
        // A hedge book (long and short BTCUSDT), a one-way short, and a USDC position.
        journal::RawStore(db).replacePositions(
            QStringLiteral("main"),
            {position("BTCUSDT", PositionSide::Long, "0.015", "60000.5", "61000.1", "14.994",
                      "USDT"),
             position("BTCUSDT", PositionSide::Short, "-0.01", "62000", "61000.1", "9.999", "USDT"),
             position("ETHUSDC", PositionSide::Both, "-2.5", "3000", "3010.25", "-25.625", "USDC"),
             position("SOLUSDT", PositionSide::Both, "10", "150.123", "149.5", "-6.23", "USDT")});
        m_after = QDateTime::currentMSecsSinceEpoch();
    }

    void jsonIsExact()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("positions"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray rows = doc.value(QStringLiteral("positions")).toArray();
        QCOMPARE(rows.size(), 4);
        QStringList lines;
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            QStringList cells;
            for (const char* key :
                 {"account", "symbol", "positionSide", "side", "size", "positionAmt", "entryPrice",
                  "markPrice", "unrealizedProfit", "marginAsset"})
                cells << o.value(QString::fromLatin1(key)).toString();
            lines << cells.join(QLatin1Char(' '));
        }
        QCOMPARE(lines,
                 QStringList({QStringLiteral("main BTCUSDT LONG LONG 0.015 0.015 60000.5 61000.1 "
                                             "14.994 USDT"),
                              QStringLiteral("main BTCUSDT SHORT SHORT 0.01 -0.01 62000 61000.1 "
                                             "9.999 USDT"),
                              QStringLiteral("main ETHUSDC BOTH SHORT 2.5 -2.5 3000 3010.25 "
                                             "-25.625 USDC"),
                              QStringLiteral("main SOLUSDT BOTH LONG 10 10 150.123 149.5 -6.23 "
                                             "USDT")}));
        // 14.994 + 9.999 - 6.23 = 18.763 USDT; -25.625 USDC.
        QCOMPARE(doc.value(QStringLiteral("unrealizedByAsset")).toObject(),
                 QJsonObject({{QStringLiteral("USDC"), QStringLiteral("-25.625")},
                              {QStringLiteral("USDT"), QStringLiteral("18.763")}}));
        const qint64 asOf = doc.value(QStringLiteral("asOf")).toString().toLongLong();
        QVERIFY(asOf >= m_before && asOf <= m_after);
    }

    void csvAndTable()
    {
        const Result csv = runCli({QStringLiteral("--db"), m_path, QStringLiteral("positions"),
                                   QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.exitCode, 0);
        const QStringList lines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0), QStringLiteral("account,symbol,positionSide,side,size,entryPrice,"
                                             "markPrice,unrealizedProfit,marginAsset,asOf"));
        QVERIFY2(lines.at(3).startsWith(
                     QStringLiteral("main,ETHUSDC,BOTH,SHORT,2.5,3000,3010.25,-25.625,USDC,")),
                 qPrintable(lines.at(3)));
        const Result table = runCli({QStringLiteral("--db"), m_path, QStringLiteral("positions")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.startsWith(QStringLiteral("Open positions as of the last sync (")),
                 qPrintable(table.out));
        QVERIFY2(table.out.contains(QStringLiteral("Unrealized PnL: -25.625 USDC\n"
                                                   "Unrealized PnL: 18.763 USDT\n")),
                 qPrintable(table.out));
        // --account names one account: another one has none.
        const Result other = runCli({QStringLiteral("--db"), m_path, QStringLiteral("positions"),
                                     QStringLiteral("--account"), QStringLiteral("other"),
                                     QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(other.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(other.out.toUtf8())
                     .object()
                     .value(QStringLiteral("positions"))
                     .toArray()
                     .size(),
                 0);
    }

    void neverSyncedAndBadFormat()
    {
        const QString empty = m_dir.filePath(QStringLiteral("empty.sqlite"));
        {
            journal::Database db(empty);
        }
        const Result r = runCli({QStringLiteral("--db"), empty, QStringLiteral("positions")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("No positions: this journal has not been synced yet.\n"));
        const Result bad = runCli({QStringLiteral("--db"), m_path, QStringLiteral("positions"),
                                   QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(bad.exitCode, 2);
        QCOMPARE(bad.err,
                 QStringLiteral("fillbook-cli: --format must be table, csv or json, not 'xml'.\n"));
    }
};

QTEST_GUILESS_MAIN(TestPositionsCli)
#include "test_positions_cli.moc"
