// The desktop checks an existing journal after its window shows (issue 12, target 6b; D44):
// a damaged journal is refused with the journal's sentence and left byte for byte as it was;
// an edit made while the check runs is written once it has passed, never when it fails; the
// stale-run recovery (a write) waits for the check too. The checker is injected (a blocked one
// is released by the test), so nothing here sleeps.

#include "ui/calendar_view.h"
#include "ui/main_window.h"
#include "ui/models/trade_table_model.h"
#include "ui/resume_banner.h"
#include "ui/saved_filters_box.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include "sync/engine/run_types.h"
#include "sync/journal/database.h"
#include "sync/journal/integrity_record.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/report_queries.h"
#include "sync/journal/run_store.h"
#include "sync/journal/saved_filters.h"
#include "sync/journal/sql_access.h"
#include "sync/journal/sync_lock.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "tests/support/sim_fixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fb;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// A closed journal whose fills table spans several pages.
void createJournal(const QString& path)
{
    journal::Database db(path);
    QVector<Fill> fills;
    for (qint64 id = 1; id <= 400; ++id)
        fills.append(fbtest::makeFill(QStringLiteral("BTCUSDT"), id, "BUY", "68290.1", "0.01",
                                      1761958800000 + id));
    journal::RawStore(db).upsertFills(fills);
}

using fbtest::damageFillsTable;

QMap<QDate, QString> dayNotes(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("look"), false});
    return journal::loadDayNotes(db, QDate(2000, 1, 1), QDate(2100, 1, 1));
}

QStringList savedFilterNames(const QString& path)
{
    journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("look"), false});
    QStringList names;
    for (const journal::SavedFilter& filter : journal::SavedFilterStore(db).list())
        names << filter.name;
    return names;
}

// A checker that waits until the test releases it, then answers `problems`.
struct BlockedCheck
{
    std::shared_ptr<QSemaphore> gate = std::make_shared<QSemaphore>(0);
    std::shared_ptr<QStringList> problems = std::make_shared<QStringList>();
    std::shared_ptr<QAtomicInt> calls = std::make_shared<QAtomicInt>(0);

    ui::JournalCheck check() const
    {
        return [gate = gate, problems = problems, calls = calls](const QString&) {
            calls->fetchAndAddOrdered(1);
            gate->acquire();
            return *problems;
        };
    }
    void release() const { gate->release(); }
};

} // namespace

class TestJournalCheck : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_counter));
        createJournal(m_path);
    }

    // D44 in the desktop: the real quick_check, on the gate's thread, finds the damaged page;
    // the window says the journal's sentence and nothing is written, not even an edit made
    // before the check ended.
    void damagedJournalIsRefusedAndLeftAsItWas()
    {
        QVERIFY(damageFillsTable(m_path));
        const QByteArray before = fileHash(m_path);
        ui::MainWindow window(context());
        QSignalSpy refused(&window, &ui::MainWindow::journalRefused);
        window.show();
        QVERIFY(window.tradesView()->savedFilters()->saveAs(QStringLiteral("before")));
        QTRY_COMPARE(refused.count(), 1);
        const QString sentence = refused.first().first().toString();
        QVERIFY2(sentence.startsWith(QStringLiteral("The journal is damaged: %1 (").arg(m_path)),
                 qPrintable(sentence));
        QVERIFY2(sentence.endsWith(QStringLiteral(
                     "Restore it from a backup, or move it aside and re-sync: the raw exchange "
                     "layer can be fetched again (notes and tags live only in the journal and "
                     "its backups).")),
                 qPrintable(sentence));
        QCOMPARE(window.writeGate()->state(), ui::WriteGate::State::Refused);
        QCOMPARE(window.writeGate()->refusal(), sentence);
        QCOMPARE(window.writeGate()->heldWrites(), 0);
        // An edit after the refusal is not written either.
        window.tradesView()->savedFilters()->saveAs(QStringLiteral("after"));
        window.calendarView()->setNoteText(QStringLiteral("a note"));
        window.calendarView()->saveNote();
        QCOMPARE(fileHash(m_path), before);
        QVERIFY(!window.statusBar()->findChild<QLabel*>(QStringLiteral("journalCheck")));
    }

    // The gate follows the writers' rule (D157): a journal checked and closed
    // cleanly since is opened without quick_check, and the window, closing as the file's last
    // writer, leaves it vouched for again.
    void aJournalFillbookCanVouchForIsNotChecked()
    {
        {
            journal::Database checked(m_path); // no record yet: checked, then closed cleanly
            QCOMPARE(checked.integrityAtOpen().reason, journal::IntegrityReason::NoRecord);
        }
        const quint64 checks = journal::Database::integrityChecksRun();
        ui::AppContext c = context();
        c.journalCheck = ui::quickJournalCheck();
        {
            ui::MainWindow window(c);
            window.show();
            QTRY_VERIFY(window.writeGate()->isOpen());
            QVERIFY(window.tradesView()->savedFilters()->saveAs(QStringLiteral("Vouched")));
            QCOMPARE(journal::readIntegrityRecord(m_path)->closedCleanly, false);
        }
        QCOMPARE(journal::Database::integrityChecksRun(), checks);
        QCOMPARE(savedFilterNames(m_path), QStringList{QStringLiteral("Vouched")});
        QVERIFY(journal::readIntegrityRecord(m_path)->closedCleanly);
        QCOMPARE(journal::decideIntegrityCheck(m_path, journal::journalFileState(m_path),
                                               journal::Database::nowMs(),
                                               journal::kIntegrityPeriodMs)
                     .reason,
                 journal::IntegrityReason::Vouched);
    }

    // A sync started while the window's journal check still runs is the engine's business (its
    // own connection checks the journal on its thread): it completes, its rows appear, and the
    // window's own writes open when the check passes.
    void aSyncStartedWhileTheJournalIsCheckedCompletes()
    {
        fbtest::SimulatedExchange sim;
        QVERIFY2(sim.start(fbtest::smallAccount()), qPrintable(sim.errorString()));
        const QString path = m_dir.filePath(QStringLiteral("synced-%1.sqlite").arg(m_counter));
        {
            journal::Database create(path); // an existing journal: checked after the show
        }
        BlockedCheck blocked;
        ui::AppContext c = context();
        c.journalPath = path;
        c.engine.databasePath = path;
        c.engine.client = sim.clientConfig();
        c.engine.client.requestTimeoutMs = 5000;
        c.engine.progressIntervalMs = 50;
        c.settings.endpoint = QStringLiteral("custom");
        c.settings.customBaseUrl = sim->baseUrl();
        c.settings.defaultRangeDays = 30;
        c.settings.batchSize = 2;
        c.journalCheck = blocked.check();
        ui::MainWindow window(c);
        const auto unblock = qScopeGuard([&blocked] { blocked.release(); });
        window.show();
        QTRY_COMPARE(blocked.calls->loadAcquire(), 1);
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120'000);
        const auto summary = finished.first().first().value<sync::RunSummary>();
        QCOMPARE(sync::runStatusName(summary.status), QStringLiteral("completed"));
        QVERIFY(window.tradesView()->model()->rowCount() > 0);
        QCOMPARE(window.writeGate()->state(), ui::WriteGate::State::Checking);
        blocked.release();
        QTRY_VERIFY(window.writeGate()->isOpen());
        QVERIFY(!window.banner()->isVisible());
        QVERIFY(!window.isSyncing());
    }

    // The window's editing connection never checkpoints inside its own COMMIT (a sync's WAL
    // may be 64 MiB by then, D154): both ways it is opened say so to SQLite.
    void theEditingConnectionLeavesCheckpointsToTheEngine()
    {
        ui::MainWindow window(context());
        window.show();
        QTRY_VERIFY(window.writeGate()->isOpen());
        int pages = -1;
        window.writeGate()->write(&window, [&pages](journal::Database& db) {
            pages = journal::sqlOn(db).scalar(QStringLiteral("PRAGMA wal_autocheckpoint")).toInt();
        });
        QCOMPARE(pages, 0);
        journal::Database created(m_dir.filePath(QStringLiteral("new-%1.sqlite").arg(m_counter)),
                                  ui::editingConnectionOptions(true));
        QCOMPARE(
            journal::sqlOn(created).scalar(QStringLiteral("PRAGMA wal_autocheckpoint")).toInt(), 0);
    }

    // The same with the real program, as a user meets it: `fillbook` paints its window, the
    // check finds the damage, and it stops with the sentence on stderr and exit code 1, the
    // journal byte for byte as it was.
    void theDesktopRefusesADamagedJournal()
    {
        QVERIFY(damageFillsTable(m_path));
        const QByteArray before = fileHash(m_path);
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        for (const char* name :
             {"FILLBOOK_API_KEY", "FILLBOOK_API_SECRET", "FILLBOOK_ACCOUNT", "FILLBOOK_BASE_URL"})
            env.remove(QString::fromLatin1(name));
        app.setProcessEnvironment(env);
        // --watch-idle keeps the window open (no dialog) well past the check.
        app.start(QStringLiteral(FILLBOOK_DESKTOP),
                  {QStringLiteral("--db"), m_path, QStringLiteral("--watch-idle"),
                   QStringLiteral("60000")});
        QVERIFY(app.waitForFinished(90'000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 1);
        const QString err = QString::fromUtf8(app.readAllStandardError());
        const QString line =
            QStringLiteral("fillbook: cannot open the journal %1: The journal is damaged: %1 (")
                .arg(m_path);
        QVERIFY2(err.contains(line), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Restore it from a backup, or move it aside and "
                                             "re-sync")),
                 qPrintable(err));
        QCOMPARE(QString::fromUtf8(app.readAllStandardOutput()), QString());
        QCOMPARE(fileHash(m_path), before);
    }

    // An edit made while the check runs is held, and written once the check has passed.
    void editIsWrittenOnlyAfterTheCheckPassed()
    {
        BlockedCheck blocked;
        ui::AppContext c = context();
        c.journalCheck = blocked.check();
        ui::MainWindow window(c);
        // A failed comparison leaves the check blocked: release it before the window (and its
        // gate, which waits for the check) goes.
        const auto unblock = qScopeGuard([&blocked] { blocked.release(); });
        window.show();
        QTRY_COMPARE(blocked.calls->loadAcquire(), 1); // the check runs, and waits
        QCOMPARE(window.writeGate()->state(), ui::WriteGate::State::Checking);
        auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("journalCheck"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Checking the journal…"));

        ui::SavedFiltersBox* saved = window.tradesView()->savedFilters();
        QVERIFY(saved->saveAs(QStringLiteral("Held")));
        const QDate today = QDate::currentDate();
        window.calendarView()->selectDay(today);
        window.calendarView()->setNoteText(QStringLiteral("held note"));
        window.calendarView()->saveNote();
        QCOMPARE(window.writeGate()->heldWrites(), 2);
        QCoreApplication::processEvents();
        QCOMPARE(savedFilterNames(m_path), QStringList());
        QCOMPARE(dayNotes(m_path), (QMap<QDate, QString>()));
        QCOMPARE(saved->names(), QStringList());

        QSignalSpy opened(window.writeGate(), &ui::WriteGate::opened);
        blocked.release();
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(window.writeGate()->state(), ui::WriteGate::State::Open);
        QCOMPARE(window.writeGate()->heldWrites(), 0);
        QCOMPARE(savedFilterNames(m_path), QStringList{QStringLiteral("Held")});
        QCOMPARE(saved->names(), QStringList{QStringLiteral("Held")});
        QCOMPARE(dayNotes(m_path), (QMap<QDate, QString>{{today, QStringLiteral("held note")}}));
        QVERIFY(!window.statusBar()->findChild<QLabel*>(QStringLiteral("journalCheck")));
        // Now edits are written at once.
        QVERIFY(saved->saveAs(QStringLiteral("Later")));
        QCOMPARE(savedFilterNames(m_path),
                 (QStringList{QStringLiteral("Held"), QStringLiteral("Later")}));
        QCOMPARE(blocked.calls->loadAcquire(), 1);
    }

    // The check finds a problem: the held edit is dropped, nothing lands in the file.
    void heldEditIsNeverWrittenWhenTheCheckFails()
    {
        BlockedCheck blocked;
        *blocked.problems = QStringList{QStringLiteral("*** in database main ***")};
        ui::AppContext c = context();
        c.journalCheck = blocked.check();
        const QByteArray before = fileHash(m_path);
        ui::MainWindow window(c);
        // A failed comparison leaves the check blocked: release it before the window (and its
        // gate, which waits for the check) goes.
        const auto unblock = qScopeGuard([&blocked] { blocked.release(); });
        QSignalSpy refused(&window, &ui::MainWindow::journalRefused);
        window.show();
        QVERIFY(window.tradesView()->savedFilters()->saveAs(QStringLiteral("Held")));
        const QDate today = QDate::currentDate();
        window.calendarView()->selectDay(today);
        window.calendarView()->setNoteText(QStringLiteral("held note"));
        window.calendarView()->saveNote();
        QCOMPARE(window.writeGate()->heldWrites(), 2);
        blocked.release();
        QTRY_COMPARE(refused.count(), 1);
        QCOMPARE(
            refused.first().first().toString(),
            journal::damagedJournal(m_path, QStringLiteral("*** in database main ***")).message());
        QCOMPARE(window.writeGate()->heldWrites(), 0);
        QCOMPARE(savedFilterNames(m_path), QStringList());
        QCOMPARE(dayNotes(m_path), (QMap<QDate, QString>()));
        QCOMPARE(fileHash(m_path), before);
    }

    // The window closes before the check has even started: the held edit is written (the
    // check runs, then the edit) before the window goes.
    void heldEditIsWrittenWhenTheWindowClosesFirst()
    {
        const auto calls = std::make_shared<QAtomicInt>(0);
        ui::AppContext c = context();
        c.journalCheck = [calls](const QString& path) {
            calls->fetchAndAddOrdered(1);
            return ui::quickJournalCheck()(path);
        };
        {
            ui::MainWindow window(c);
            QVERIFY(window.tradesView()->savedFilters()->saveAs(QStringLiteral("Closing")));
            QCOMPARE(window.writeGate()->heldWrites(), 1);
            QCOMPARE(calls->loadAcquire(), 0);
        }
        QCOMPARE(calls->loadAcquire(), 1);
        QCOMPARE(savedFilterNames(m_path), QStringList{QStringLiteral("Closing")});
    }

    // The stale-run recovery writes (a dead process's run becomes interrupted): not before the
    // check has passed; then the banner offers the run.
    void staleRunsAreRecoveredOnlyAfterTheCheck()
    {
        const QString runId = QStringLiteral("sync_20261204_120000_deadbeef");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            journal::Database db(m_path);
            journal::RunRecord run;
            run.id = runId;
            run.account = QStringLiteral("main");
            run.createdAt = now - 600'000;
            run.updatedAt = now - 300'000;
            journal::RunStore(db).createRun(run, {QStringLiteral("BTCUSDT")});
            journal::LockHolder holder;
            holder.holderId = QStringLiteral("other-pc:4242:0badf00d");
            holder.runId = runId;
            holder.pid = 4242;
            holder.host = QStringLiteral("other-pc");
            QVERIFY(journal::SyncLock(db).tryAcquire(holder, -1, now - 61'000).acquired);
        }
        BlockedCheck blocked;
        ui::AppContext c = context();
        c.journalCheck = blocked.check();
        ui::MainWindow window(c);
        // A failed comparison leaves the check blocked: release it before the window (and its
        // gate, which waits for the check) goes.
        const auto unblock = qScopeGuard([&blocked] { blocked.release(); });
        window.show();
        QTRY_COMPARE(blocked.calls->loadAcquire(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(runStatus(runId), journal::RunStatus::Running);
        QVERIFY(window.banner()->runId().isEmpty());

        blocked.release();
        QTRY_VERIFY(window.writeGate()->isOpen());
        QCOMPARE(runStatus(runId), journal::RunStatus::Interrupted);
        QCOMPARE(window.banner()->runId(), runId);
        QVERIFY(!window.isSyncing()); // auto-resume is off
    }

    // A new journal has nothing to check: it is created, and the gate is open at once.
    void newJournalIsWritableAtOnce()
    {
        const QString path = m_dir.filePath(QStringLiteral("new.sqlite"));
        ui::AppContext c = context();
        c.journalPath = path;
        c.engine.databasePath = path;
        BlockedCheck blocked;
        c.journalCheck = blocked.check();
        ui::MainWindow window(c);
        // A failed comparison leaves the check blocked: release it before the window (and its
        // gate, which waits for the check) goes.
        const auto unblock = qScopeGuard([&blocked] { blocked.release(); });
        QVERIFY(window.writeGate()->isOpen());
        QVERIFY(window.tradesView()->savedFilters()->saveAs(QStringLiteral("Now")));
        QCOMPARE(savedFilterNames(path), QStringList{QStringLiteral("Now")});
        QCoreApplication::processEvents();
        QCOMPARE(blocked.calls->loadAcquire(), 0);
    }

private:
    ui::AppContext context() const
    {
        ui::AppContext c;
        c.journalPath = m_path;
        c.engine.databasePath = m_path;
        c.settings.account = QStringLiteral("main");
        c.settings.timeZoneId = QStringLiteral("UTC");
        return c;
    }

    journal::RunStatus runStatus(const QString& runId) const
    {
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("look"), false});
        return journal::RunStore(db).run(runId)->status;
    }

    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_MAIN(TestJournalCheck)
#include "test_journal_check.moc"
