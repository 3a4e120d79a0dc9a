// When a writer runs SQLite's quick_check (issue 12, target 4; docs/design.md D44 and
// D157): it skips the check only when Fillbook can vouch for the file — a passed
// check within the period and Fillbook's clean close of this very file, unchanged since, or a
// check by this process that has kept the file open since. A file damaged by another program
// after a clean close, a writer killed with SIGKILL, an expired period, a replaced file, a
// missing or unreadable record: the check runs, and a damaged journal is refused and left as it
// was. Whether the check ran is read from Database::integrityChecksRun() (every quick_check of
// the process) and the open's own decision; the period's clock is injected.

#include "journal_test_util.h"
#include "sync/engine/exit_codes.h"
#include "sync/journal/integrity_record.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/sql_access.h"
#include "tests/support/cli_process.h"
#include "tests/support/file_mode.h"
#include "tests/support/journal_fixture.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>

#include <cstdio>
#include <iostream>

using namespace fb;
using namespace fb::journal;
using namespace fbtest;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000; // the injected clock's start (2026-05-28)

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

OpenOptions writerAt(qint64 nowMs)
{
    OpenOptions options;
    options.purpose = QStringLiteral("policy-test");
    options.clock = [nowMs] { return nowMs; };
    return options;
}

void addFills(Database& db, qint64 firstId, int count)
{
    QVector<Fill> fills;
    for (qint64 id = firstId; id < firstId + count; ++id)
        fills.append(
            makeFill(QStringLiteral("BTCUSDT"), id, "BUY", "68290.1", "0.01", 1761958800000 + id));
    RawStore(db).upsertFills(fills);
}

// A journal with several pages of fills, checked once at kT0 and closed cleanly: the record
// vouches for it.
void vouchedJournal(const QString& path)
{
    {
        Database db(path, writerAt(kT0));
        QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::NewJournal);
        addFills(db, 1, 400);
    }
    Database db(path, writerAt(kT0));
    QCOMPARE(db.integrityAtOpen().check, true);
    QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::NoRecord);
}

using fbtest::damageFillsTable;

IntegrityReason decisionNow(const QString& path, qint64 nowMs)
{
    return decideIntegrityCheck(path, journalFileState(path), nowMs, kIntegrityPeriodMs).reason;
}

// The child mode of this test binary: a writer that commits a fill, says so, and waits to be
// killed (SIGKILL: no destructor, no close, the log left behind).
int holdWriter(const QString& path)
{
    Database db(path, writerAt(kT0 + 1000));
    addFills(db, 100'000, 1);
    std::cout << "ready" << std::endl;
    std::getchar();
    return 0;
}

} // namespace

class TestJournalCheckPolicy : public QObject
{
    Q_OBJECT
private slots:
    void cleanCloseThenReopenSkipsTheCheck()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        const std::optional<IntegrityRecord> record = readIntegrityRecord(path);
        QVERIFY(record);
        QCOMPARE(record->checkedAtMs, kT0);
        QVERIFY(record->closedCleanly);
        QCOMPARE(fileMode(integrityRecordPath(path)), 0600);

        const quint64 checks = Database::integrityChecksRun();
        {
            Database db(path, writerAt(kT0 + 60'000));
            QCOMPARE(db.integrityAtOpen().check, false);
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::Vouched);
            QCOMPARE(db.integrityAtOpen().lastCheckMs, kT0);
            // While a writer is open the record vouches for nothing (it may be killed).
            QCOMPARE(readIntegrityRecord(path)->closedCleanly, false);
            addFills(db, 1000, 10);
        }
        QCOMPARE(Database::integrityChecksRun(), checks);
        // The close recorded the file as it left it: the next writer skips too, the period
        // still counted from the check at kT0.
        QCOMPARE(readIntegrityRecord(path)->checkedAtMs, kT0);
        QVERIFY(readIntegrityRecord(path)->closedCleanly);
        {
            Database db(path, writerAt(kT0 + 120'000));
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::Vouched);
        }
        QCOMPARE(Database::integrityChecksRun(), checks);
    }

    void damageByAnotherProgramAfterACleanCloseIsRefused()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        QCOMPARE(decisionNow(path, kT0 + 1), IntegrityReason::Vouched);
        QVERIFY(damageFillsTable(path));
        QCOMPARE(decisionNow(path, kT0 + 1), IntegrityReason::ChangedSinceClose);
        const QByteArray before = fileHash(path);
        const quint64 checks = Database::integrityChecksRun();
        try {
            Database db(path, writerAt(kT0 + 1));
            QFAIL("a damaged journal was opened for writing");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Corrupt);
        }
        QCOMPARE(Database::integrityChecksRun(), checks + 1);
        QCOMPARE(fileHash(path), before);
        // Refused again, however often it is opened: nothing vouches for it any more.
        QCOMPARE(decisionNow(path, kT0 + 2), IntegrityReason::ChangedSinceClose);
    }

    void killedWriterMakesTheNextWriterCheck()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--hold-writer"), path});
        QVERIFY(child.waitForStarted(10'000));
        QByteArray said;
        while (!said.contains("ready") && child.waitForReadyRead(30'000))
            said += child.readAllStandardOutput();
        QVERIFY2(said.contains("ready"), child.readAllStandardError().constData());
        QCOMPARE(child.state(), QProcess::Running);
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        QCOMPARE(readIntegrityRecord(path)->closedCleanly, false);
        const quint64 checks = Database::integrityChecksRun();
        {
            Database db(path, writerAt(kT0 + 2000));
            QCOMPARE(db.integrityAtOpen().check, true);
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::NotClosedCleanly);
            // The killed writer's commit is there (SQLite recovered it from the log).
            QCOMPARE(sqlOn(db).scalar(QStringLiteral("SELECT count(*) FROM fills")).toInt(), 401);
        }
        QCOMPARE(Database::integrityChecksRun(), checks + 1);
        // Checked and closed cleanly again: vouched for.
        QCOMPARE(decisionNow(path, kT0 + 3000), IntegrityReason::Vouched);
    }

    void expiredPeriodChecks()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        const quint64 checks = Database::integrityChecksRun();
        {
            Database db(path, writerAt(kT0 + kIntegrityPeriodMs - 1));
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::Vouched);
        }
        QCOMPARE(Database::integrityChecksRun(), checks);
        {
            Database db(path, writerAt(kT0 + kIntegrityPeriodMs));
            QCOMPARE(db.integrityAtOpen().check, true);
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::Expired);
        }
        QCOMPARE(Database::integrityChecksRun(), checks + 1);
        QCOMPARE(readIntegrityRecord(path)->checkedAtMs, kT0 + kIntegrityPeriodMs);
        // A clock set back before the last check vouches for nothing either.
        QCOMPARE(decisionNow(path, kT0), IntegrityReason::Expired);
        QCOMPARE(decisionNow(path, kT0 + kIntegrityPeriodMs + 5), IntegrityReason::Vouched);
    }

    void replacedFileChecks()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        const QString copy = path + QStringLiteral(".copy");
        QVERIFY(QFile::copy(path, copy));
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(copy, path)); // the same bytes, a new inode
        QCOMPARE(decisionNow(path, kT0 + 1), IntegrityReason::OtherFile);
        const quint64 checks = Database::integrityChecksRun();
        {
            Database db(path, writerAt(kT0 + 1));
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::OtherFile);
        }
        QCOMPARE(Database::integrityChecksRun(), checks + 1);
        QCOMPARE(decisionNow(path, kT0 + 2), IntegrityReason::Vouched);
    }

    void missingOrUnreadableRecordChecks()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        QFile record(integrityRecordPath(path));
        QVERIFY(record.open(QIODevice::WriteOnly | QIODevice::Truncate));
        record.write("{\"format\": 1, \"lastPassedCheck\": {\"atMs\": 12}}");
        record.close();
        QCOMPARE(decisionNow(path, kT0 + 1), IntegrityReason::NoRecord);
        QVERIFY(QFile::remove(integrityRecordPath(path)));
        QCOMPARE(decisionNow(path, kT0 + 1), IntegrityReason::NoRecord);
        const quint64 checks = Database::integrityChecksRun();
        {
            Database db(path, writerAt(kT0 + 1));
            QCOMPARE(db.integrityAtOpen().reason, IntegrityReason::NoRecord);
        }
        QCOMPARE(Database::integrityChecksRun(), checks + 1);
        // A new journal is vouched for only after its first check.
        QTemporaryDir other;
        const QString fresh = journalPath(other);
        {
            Database db(fresh, writerAt(kT0));
        }
        QVERIFY(readIntegrityRecord(fresh)->closedCleanly);
        QCOMPARE(decisionNow(fresh, kT0 + 1), IntegrityReason::NoRecord);
    }

    // The desktop's gate checks, then its sync and candle fetch open writers: this process
    // checked the file and kept it open, so they do not check again. The memory ends with the
    // process's last connection to the file.
    void checkedByThisProcessWhileItKeepsTheFileOpen()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        vouchedJournal(path);
        QVERIFY(QFile::remove(integrityRecordPath(path))); // only the process can vouch
        const quint64 checks = Database::integrityChecksRun();
        {
            Database view(path, {OpenMode::ReadOnly, QStringLiteral("view"), false});
            {
                OpenOptions forced = writerAt(kT0 + 10);
                forced.integrityCheck = IntegrityCheck::Always;
                Database gate(path, forced);
                QCOMPARE(gate.integrityAtOpen().reason, IntegrityReason::Forced);
            }
            QCOMPARE(Database::integrityChecksRun(), checks + 1);
            Database engine(path, writerAt(kT0 + 20));
            QCOMPARE(engine.integrityAtOpen().check, false);
            QCOMPARE(engine.integrityAtOpen().reason, IntegrityReason::CheckedThisProcess);
            QCOMPARE(engine.integrityAtOpen().lastCheckMs, kT0 + 10);
            // Past the period, this process checks again too.
            Database later(path, writerAt(kT0 + 10 + kIntegrityPeriodMs));
            QCOMPARE(later.integrityAtOpen().reason, IntegrityReason::Expired);
            QCOMPARE(Database::integrityChecksRun(), checks + 2);
        }
        // Every connection closed: another program may have written since.
        QVERIFY(damageFillsTable(path));
        try {
            Database db(path, writerAt(kT0 + 30));
            QFAIL("a damaged journal was opened for writing");
        } catch (const JournalError& error) {
            QCOMPARE(error.kind(), JournalError::Kind::Corrupt);
        }
        QCOMPARE(Database::integrityChecksRun(), checks + 3);
    }

    // `status` checks every page on every call (the way to force the check) and records it.
    void statusForcesTheCheckAndRecordsIt()
    {
        QTemporaryDir dir;
        const QString path = journalPath(dir);
        {
            Database db(path, writerAt(kT0));
            addFills(db, 1, 10);
        }
        QCOMPARE(decisionNow(path, QDateTime::currentMSecsSinceEpoch()), IntegrityReason::NoRecord);
        const CliResult status =
            runProgram(QStringLiteral(FILLBOOK_CLI_PATH),
                       {QStringLiteral("--db"), path, QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(decisionNow(path, QDateTime::currentMSecsSinceEpoch()), IntegrityReason::Vouched);

        QVERIFY(damageFillsTable(path));
        const QByteArray before = fileHash(path);
        const CliResult damaged =
            runProgram(QStringLiteral(FILLBOOK_CLI_PATH),
                       {QStringLiteral("--db"), path, QStringLiteral("status")});
        QCOMPARE(damaged.exitCode, sync::exit_code::Journal);
        QVERIFY2(damaged.err.contains(QStringLiteral("The journal is damaged: %1").arg(path)),
                 qPrintable(damaged.err));
        QCOMPARE(fileHash(path), before);
    }
};

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--hold-writer") == 0) {
        QCoreApplication app(argc, argv);
        return holdWriter(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestJournalCheckPolicy test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_journal_check_policy.moc"
