// fillbook-cli filters (issue 14, docs/design.md D138): saved filters made, listed and deleted
// from a script, and used by `trades --filter NAME` exactly as the desktop's are; an unknown
// name, a bad status or a missing name is one sentence and exit code 2, nothing changed.
#include "sync/journal/database.h"
#include "sync/journal/saved_filters.h"
#include "tests/support/cli_process.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

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

} // namespace

class TestFiltersCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    Result cli(QStringList arguments)
    {
        arguments.prepend(m_path);
        arguments.prepend(QStringLiteral("--db"));
        return runCli(arguments);
    }

    // The symbols of `trades --format json` with these extra arguments, in the journal's order.
    QStringList tradedSymbols(const QStringList& extra)
    {
        const Result r = cli(QStringList{QStringLiteral("trades"), QStringLiteral("--format"),
                                         QStringLiteral("json")} +
                             extra);
        if (r.exitCode != 0)
            return {QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)};
        QStringList symbols;
        const QJsonValue doc =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("trades"));
        const QJsonArray trades =
            doc.isArray() ? doc.toArray() : QJsonDocument::fromJson(r.out.toUtf8()).array();
        for (const QJsonValue& t : trades)
            symbols << t.toObject().value(QStringLiteral("symbol")).toString() + QLatin1Char('/') +
                           t.toObject().value(QStringLiteral("account")).toString();
        return symbols;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("filters.sqlite"));
        journal::Database db(m_path);
        fbtest::addTrades(
            db, {fbtest::makeTrade(QStringLiteral("BTCUSDT"), 100, 1'700'000'000'000, true),
                 fbtest::makeTrade(QStringLiteral("ETHUSDT"), 200, 1'700'000'100'000, true),
                 fbtest::makeTrade(QStringLiteral("SOLUSDT"), 300, 1'700'000'200'000, false),
                 fbtest::makeTrade(QStringLiteral("BTCUSDT"), 400, 1'700'000'300'000, true,
                                   QStringLiteral("desk2"))});
    }

    void saveListUseAndDelete()
    {
        QCOMPARE(tradedSymbols({}).size(), 4);
        Result r = cli({QStringLiteral("filters")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("No saved filters.\n"));

        r = cli({QStringLiteral("filters"), QStringLiteral("save"), QStringLiteral("majors"),
                 QStringLiteral("--symbol"), QStringLiteral("btcusdt,ETHUSDT"),
                 QStringLiteral("--account"), QStringLiteral("main")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Saved filter majors: {")), qPrintable(r.out));
        r = cli({QStringLiteral("filters"), QStringLiteral("save"), QStringLiteral("open ones"),
                 QStringLiteral("--status"), QStringLiteral("open")});
        QCOMPARE(r.exitCode, 0);

        // What the desktop reads is what the command line wrote.
        {
            journal::Database db(
                m_path, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("test")});
            const std::optional<journal::SavedFilter> majors =
                journal::SavedFilterStore(db).find(QStringLiteral("MAJORS"));
            QVERIFY(majors);
            QCOMPARE(majors->query.account, QStringLiteral("main"));
            QCOMPARE(majors->query.symbols,
                     (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}));
        }
        r = cli({QStringLiteral("filters")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("majors  ")), qPrintable(r.out));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("open ones  ")), qPrintable(r.out));

        QCOMPARE(tradedSymbols({QStringLiteral("--filter"), QStringLiteral("majors")}),
                 (QStringList{QStringLiteral("BTCUSDT/main"), QStringLiteral("ETHUSDT/main")}));
        QCOMPARE(tradedSymbols({QStringLiteral("--filter"), QStringLiteral("open ones")}),
                 QStringList{QStringLiteral("SOLUSDT/main")});
        // An option given with --filter replaces that part of it.
        QCOMPARE(tradedSymbols({QStringLiteral("--filter"), QStringLiteral("majors"),
                                QStringLiteral("--account"), QStringLiteral("desk2")}),
                 QStringList{QStringLiteral("BTCUSDT/desk2")});

        r = cli({QStringLiteral("filters"), QStringLiteral("delete"), QStringLiteral("majors")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("Deleted filter majors.\n"));
        r = cli({QStringLiteral("filters"), QStringLiteral("delete"), QStringLiteral("majors")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: there is no saved filter named 'majors' in "
                                       "this journal (saved filters: open ones).\n"));
    }

    void badInputIsOneSentenceAndChangesNothing()
    {
        Result r = cli({QStringLiteral("filters"), QStringLiteral("save")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("fillbook-cli: filters needs no argument")),
                 qPrintable(r.err));
        r = cli({QStringLiteral("filters"), QStringLiteral("save"), QStringLiteral("x"),
                 QStringLiteral("--status"), QStringLiteral("half")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("fillbook-cli: --status must be 'open' or 'closed', not "
                                       "'half'.\n"));
        r = cli({QStringLiteral("filters"), QStringLiteral("save"), QStringLiteral("x"),
                 QStringLiteral("--account"), QStringLiteral("nobody")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("there is no account 'nobody'")), qPrintable(r.err));
        r = cli({QStringLiteral("filters"), QStringLiteral("save"), QStringLiteral("x"),
                 QStringLiteral("--from"), QStringLiteral("2024-13-01")});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("filters")});
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1); // still only "open ones"
    }
};

QTEST_GUILESS_MAIN(TestFiltersCli)
#include "test_filters_cli.moc"
