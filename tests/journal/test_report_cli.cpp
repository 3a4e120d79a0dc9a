// fillbook-cli report and calendar (issue 14) on a generated journal: the JSON figures equal the
// ones computed here from the generator's formulas; an empty month says so; bad values are one
// sentence and exit code 2.
#include "models/money/decimal.h"
#include "sync/journal/database.h"
#include "tests/support/big_journal.h"
#include "tests/support/cli_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace fb;

namespace {

constexpr int kTrades = 3000;

using Result = fbtest::CliResult;

Result runCli(const QStringList& arguments)
{
    return fbtest::runProgram(QStringLiteral(FILLBOOK_CLI_PATH), arguments);
}

QString units(qint64 u)
{
    return Decimal::fromScaled(u, 4).toString();
}

} // namespace

class TestReportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("j.sqlite"));
        journal::Database db(m_path);
        fbtest::big::generate(db, kTrades);
    }

    void reportBySymbolAsJson()
    {
        const Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("report"),
                                 QStringLiteral("--by"), QStringLiteral("symbol"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("by")).toString(), QStringLiteral("symbol"));
        const QJsonArray assets = root.value(QStringLiteral("assets")).toArray();
        QCOMPARE(assets.size(), 1);
        const QJsonObject usdt = assets.first().toObject();
        QCOMPARE(usdt.value(QStringLiteral("asset")).toString(), QStringLiteral("USDT"));
        std::map<QString, std::pair<qint64, qint64>> bySymbol; // trades, net units
        qint64 trades = 0, net = 0, fees = 0, unknown = 0;
        for (int i = 0; i < kTrades; ++i) {
            const fbtest::big::Trade t = fbtest::big::trade(i, kTrades);
            if (t.status != QLatin1String("CLOSED"))
                continue;
            if (t.flags == QLatin1String("INCOMPLETE_START")) {
                ++unknown;
                continue;
            }
            ++trades;
            net += t.netUnits;
            fees += t.feeUnits;
            bySymbol[t.symbol].first += 1;
            bySymbol[t.symbol].second += t.netUnits;
        }
        const QJsonObject total = usdt.value(QStringLiteral("total")).toObject();
        QCOMPARE(total.value(QStringLiteral("trades")).toInteger(), trades);
        QCOMPARE(total.value(QStringLiteral("netPnl")).toString(), units(net));
        QCOMPARE(total.value(QStringLiteral("fees")).toString(), units(fees));
        QCOMPARE(root.value(QStringLiteral("unknownEntryTrades")).toInteger(), unknown);
        const QJsonArray rows = usdt.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), qsizetype(bySymbol.size()));
        for (const QJsonValue& value : rows) {
            const QJsonObject row = value.toObject();
            const auto& want = bySymbol.at(row.value(QStringLiteral("group")).toString());
            QCOMPARE(row.value(QStringLiteral("trades")).toInteger(), want.first);
            QCOMPARE(row.value(QStringLiteral("netPnl")).toString(), units(want.second));
        }
    }

    void reportAsTableAndCsv()
    {
        Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("report"),
                           QStringLiteral("--by"), QStringLiteral("duration")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("NET USDT")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("TOTAL")));
        QVERIFY(r.out.contains(QStringLiteral("Largest win ")));
        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("report"),
                    QStringLiteral("--by"), QStringLiteral("side"), QStringLiteral("--format"),
                    QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // header, LONG, SHORT, total
        QVERIFY(lines.at(0).startsWith(QStringLiteral("asset,row,group,trades,wins,")));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("USDT,group,LONG,")));
        QVERIFY(lines.at(3).startsWith(QStringLiteral("USDT,total,,")));
    }

    void calendarOfTheMonthAndAnEmptyOne()
    {
        const QDate day = QDateTime::fromMSecsSinceEpoch(fbtest::big::kBaseMs, Qt::UTC).date();
        const QString month = day.toString(QStringLiteral("yyyy-MM"));
        Result r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("calendar"),
                           QStringLiteral("--month"), month, QStringLiteral("--format"),
                           QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("month")).toString(), month);
        qint64 net = 0;
        std::map<QString, qint64> byDay;
        for (int i = 0; i < kTrades; ++i) {
            const fbtest::big::Trade t = fbtest::big::trade(i, kTrades);
            if (t.status != QLatin1String("CLOSED") || t.flags == QLatin1String("INCOMPLETE_START"))
                continue;
            net += t.netUnits;
            byDay[QDateTime::fromMSecsSinceEpoch(*t.closeTime, Qt::UTC)
                      .date()
                      .toString(Qt::ISODate)] += t.netUnits;
        }
        const QJsonObject usdt = root.value(QStringLiteral("assets")).toArray().first().toObject();
        QCOMPARE(usdt.value(QStringLiteral("month"))
                     .toObject()
                     .value(QStringLiteral("netPnl"))
                     .toString(),
                 units(net));
        const QJsonArray days = usdt.value(QStringLiteral("days")).toArray();
        QCOMPARE(days.size(), qsizetype(byDay.size()));
        for (const QJsonValue& value : days) {
            const QJsonObject d = value.toObject();
            QCOMPARE(d.value(QStringLiteral("netPnl")).toString(),
                     units(byDay.at(d.value(QStringLiteral("date")).toString())));
        }

        r = runCli({QStringLiteral("--db"), m_path, QStringLiteral("calendar"),
                    QStringLiteral("--month"), QStringLiteral("2020-02")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("No trades closed in 2020-02 (UTC).\n"));
    }

    void badValuesAreOneSentenceAndExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("by") << QStringList{QStringLiteral("report"), QStringLiteral("--by"),
                                           QStringLiteral("moon")}
                            << QStringLiteral("fillbook-cli: --by must be symbol, side, setup, "
                                              "tag, mistake, weekday, hour or duration, not "
                                              "'moon'.\n");
        QTest::newRow("month") << QStringList{QStringLiteral("calendar"), QStringLiteral("--month"),
                                              QStringLiteral("2025-13")}
                               << QStringLiteral(
                                      "fillbook-cli: --month '2025-13' is not a month as "
                                      "YYYY-MM.\n");
        QTest::newRow("from") << QStringList{QStringLiteral("report"), QStringLiteral("--from"),
                                             QStringLiteral("2025-02-30")}
                              << QStringLiteral(
                                     "fillbook-cli: --from '2025-02-30' is not a date as "
                                     "YYYY-MM-DD.\n");
        QTest::newRow("tz") << QStringList{QStringLiteral("calendar"), QStringLiteral("--tz"),
                                           QStringLiteral("Mars/Olympus")}
                            << QStringLiteral(
                                   "fillbook-cli: --tz 'Mars/Olympus' is not a time zone this "
                                   "system knows (use an IANA id such as Europe/Berlin, or "
                                   "UTC).\n");
        QTest::newRow("format") << QStringList{QStringLiteral("report"), QStringLiteral("--format"),
                                               QStringLiteral("xml")}
                                << QStringLiteral(
                                       "fillbook-cli: --format must be table, csv or json, not "
                                       "'xml'.\n");
    }

    void badValuesAreOneSentenceAndExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Result r = runCli(QStringList{QStringLiteral("--db"), m_path} + arguments);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, message);
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "test_report_cli.moc"
