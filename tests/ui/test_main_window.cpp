// The main window against an in-process simulator: the resume banner (Resume, Discard), rows
// appearing while a sync runs, filters, annotations surviving a re-sync, and a sync paused as
// offline that resumes when the (injected) network source says the network is back.

#include "ui/ban_wait.h"
#include "ui/help_menu.h"
#include "ui/main_window.h"
#include "ui/models/money_format.h"
#include "ui/reachability.h"
#include "ui/resume_banner.h"
#include "ui/runs_view.h"
#include "ui/stats_view.h"
#include "ui/sync_panel.h"
#include "ui/trade_detail.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sqlite_info.h"
#include "sync/journal/sync_lock.h"
#include "sync/simulator/simulator.h"
#include "tests/support/sim_fixture.h"
#include "ui/models/trade_table_model.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace fb;

namespace {

constexpr int kSyncTimeoutMs = 120'000;

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        sync::registerSyncMetaTypes();
        QVERIFY2(m_sim.start(fbtest::smallAccount()), qPrintable(m_sim.errorString()));
    }

    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_counter));
        // Every test starts in a fresh weight window: the syncs of earlier tests would otherwise
        // push the shared simulator's used weight past the client's budget, and the client
        // rightly waits for the window to pass (up to a minute).
        m_sim->resetRateLimits();
    }

    void bannerResumesInterruptedRun()
    {
        const QString runId = makePausedRun();
        ui::MainWindow window(context());
        window.show();
        QVERIFY(window.banner()->isVisible());
        QCOMPARE(window.banner()->runId(), runId);

        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QTest::mouseClick(window.banner()->resumeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const auto summary = finished.first().first().value<sync::RunSummary>();
        QCOMPARE(summary.runId, runId);
        QCOMPARE(sync::runStatusName(summary.status), QStringLiteral("completed"));
        QVERIFY(!window.banner()->isVisible());
        QVERIFY(window.tradesView()->model()->rowCount() > 0);
    }

    // Defect 5, desktop: during the exchange's stored ban the window counts down to its end and
    // resumes the run then; nothing is sent before, not by auto-resume at start, not by Sync
    // now. The engine's clock is injected and moved by hand.
    void aBanCountsDownAndResumesWhenItEnds()
    {
        const QString runId = makePausedRun();
        const auto now = std::make_shared<qint64>(QDateTime::currentMSecsSinceEpoch());
        const qint64 banEnd = *now + 200'000;
        {
            journal::Database db(m_path);
            journal::RunStore runs(db);
            journal::RunRecord run = *runs.run(runId);
            run.pausedUntil = banEnd;
            sync::RunSummary last = sync::RunSummary::fromJson(
                QJsonDocument::fromJson(run.summaryJson.toUtf8()).object());
            last.clockOffsetMs = 0; // the exchange's clock is this computer's
            run.summaryJson = QString::fromUtf8(QJsonDocument(last.toJson()).toJson());
            runs.saveRun(run);
        }
        ui::AppContext c = context();
        c.settings.autoResume = true;
        c.engine.client.clock = [now] { return *now; };
        m_sim->resetStats();
        ui::MainWindow window(c);
        window.show();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        const QString at =
            ui::timeText(QDateTime::fromMSecsSinceEpoch(banEnd).toLocalTime().time());
        QVERIFY(!window.isSyncing()); // auto-resume waits for the ban
        QVERIFY(window.banner()->isVisible());
        QCOMPARE(
            window.banner()->text(),
            QStringLiteral("Binance asked us to pause — resuming at %1 (in 3 min 20 s)").arg(at));
        QVERIFY(!window.banner()->resumeButton()->isEnabled());
        QCOMPARE(
            window.statusText(),
            QStringLiteral("● Binance asked us to pause — resuming at %1 (in 3 min 20 s)").arg(at));

        *now += 199'000;
        window.banWait()->refresh();
        QCOMPARE(window.banner()->text(),
                 QStringLiteral("Binance asked us to pause — resuming at %1 (in 1 s)").arg(at));

        // Sync now during the ban: the engine creates no run and sends nothing; still waiting.
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const auto refused = finished.at(0).first().value<sync::RunSummary>();
        QCOMPARE(refused.exitCode, sync::exit_code::Paused);
        QCOMPARE(refused.runId, runId);
        QCOMPARE(refused.resumeAfterMs, banEnd);
        QCOMPARE(m_sim->stats().value(QStringLiteral("requests")).toInteger(), qint64(0));
        QVERIFY(window.banWait()->isWaiting());
        QVERIFY(!window.isSyncing());

        // The ban ends: the run resumes by itself and completes.
        *now += 1'000;
        window.banWait()->refresh();
        QVERIFY(!window.banWait()->isWaiting());
        QVERIFY(window.isSyncing());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSyncTimeoutMs);
        const auto resumed = finished.at(1).first().value<sync::RunSummary>();
        QCOMPARE(resumed.runId, runId);
        QCOMPARE(sync::runStatusName(resumed.status), QStringLiteral("completed"));
        QVERIFY(m_sim->stats().value(QStringLiteral("requests")).toInteger() > 0);
    }

    // Defect 2, desktop: a clock more than a minute off is said next to the progress; the sync
    // itself completes in exchange time. The engine's clock is injected 7 h ahead.
    void aClockThatIsOffIsShown()
    {
        ui::AppContext c = context();
        c.engine.client.clock = [] {
            return QDateTime::currentMSecsSinceEpoch() + 7 * 3'600'000LL;
        };
        ui::MainWindow window(c);
        window.show();
        QVERIFY(!window.syncPanel()->clockLabel()->isVisible());
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const auto summary = finished.first().first().value<sync::RunSummary>();
        QCOMPARE(sync::runStatusName(summary.status), QStringLiteral("completed"));
        QVERIFY(window.syncPanel()->clockLabel()->isVisible());
        QCOMPARE(window.syncPanel()->clockLabel()->text(),
                 QStringLiteral("This computer's clock is 7 h 00 min ahead of the exchange's. "
                                "Fillbook uses the exchange's time, but set the clock right (a "
                                "dual-boot computer may keep local time in its hardware clock)."));
    }

    // A sync whose process died leaves its run `running`, its lock's heartbeat going stale: at
    // start the window shows it as what it is now, interrupted, and offers to resume it.
    void bannerOffersResumeForARunWhoseProcessDied()
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
            holder.host = QStringLiteral("other-pc"); // its pid cannot be asked: the heartbeat says
            QVERIFY(journal::SyncLock(db).tryAcquire(holder, -1, now - 61'000).acquired);
        }
        ui::MainWindow window(context());
        window.show();
        // The recovery writes: after the journal's check (write_gate.h, test_journal_check).
        QTRY_VERIFY(window.writeGate()->isOpen());
        QVERIFY(window.banner()->isVisible());
        QCOMPARE(window.banner()->runId(), runId);
        QVERIFY(window.banner()->resumeButton()->isEnabled());
        QCOMPARE(window.runsView()->runsTable()->item(0, 0)->text(), runId);
        QCOMPARE(window.runsView()->runsTable()->item(0, 1)->text(), QStringLiteral("interrupted"));
        QVERIFY(!window.isSyncing()); // auto-resume is off: the banner waits for the user
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(db).run(runId)->status, journal::RunStatus::Interrupted);
    }

    // A sync whose symbol failed: the Runs tab offers Retry failed symbols, which resumes the
    // run and ends it completed.
    void runsTabRetriesFailedSymbols()
    {
        const QString broken = m_sim->account().symbolNames().at(1);
        QString error;
        QVERIFY2(m_sim->setFaults(QStringLiteral("fail-symbol=%1").arg(broken), &error),
                 qPrintable(error));
        ui::AppContext c = context();
        c.settings.retryAttempts = 1; // fail the symbol at its first 500
        ui::MainWindow window(c);
        window.show();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const auto failed = finished.at(0).first().value<sync::RunSummary>();
        QCOMPARE(sync::runStatusName(failed.status), QStringLiteral("completed_with_errors"));
        QCOMPARE(failed.failedSymbols, QStringList{broken});
        QVERIFY(!window.banner()->isVisible()); // the banner is for interrupted or paused runs

        QVERIFY(m_sim->setFaults(QString(), &error));
        ui::RunsView* runs = window.runsView();
        QCOMPARE(runs->runsTable()->item(0, 0)->text(), failed.runId); // selected: the latest
        QVERIFY(runs->retryButton()->isEnabled());
        QVERIFY(!runs->resumeButton()->isEnabled());
        QTest::mouseClick(runs->retryButton(), Qt::LeftButton);
        QVERIFY(window.isSyncing());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSyncTimeoutMs);
        const auto retried = finished.at(1).first().value<sync::RunSummary>();
        QCOMPARE(retried.runId, failed.runId);
        QCOMPARE(sync::runStatusName(retried.status), QStringLiteral("completed"));
        QVERIFY(!runs->retryButton()->isEnabled());
    }

    void discardMarksRunDiscarded()
    {
        const QString runId = makePausedRun();
        ui::MainWindow window(context());
        window.show();
        QVERIFY(window.banner()->isVisible());
        QStringList asked;
        window.setDiscardConfirmation([&asked](const QString& id) {
            asked << id;
            return true;
        });
        QTest::mouseClick(window.banner()->discardButton(), Qt::LeftButton);
        QCOMPARE(asked, QStringList{runId});
        // Written once the journal's check has passed (write_gate.h).
        QTRY_VERIFY(!window.banner()->isVisible());
        QVERIFY(window.writeGate()->isOpen());
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(db).run(runId)->status, journal::RunStatus::Discarded);
    }

    void rowsAppearWhileSyncing()
    {
        ui::MainWindow window(context());
        window.show();
        auto* model = window.tradesView()->model();
        QCOMPARE(model->rowCount(), 0);
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        int rowsBeforeFinish = 0;
        int resetsBeforeFinish = -1;
        connect(&window, &ui::MainWindow::syncFinished, this, [&] {
            rowsBeforeFinish = model->rowCount();
            resetsBeforeFinish = int(resets.count());
        });
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        // Batches inserted rows in place: rows were there before the run ended, no reset.
        QVERIFY(rowsBeforeFinish > 0);
        QCOMPARE(resetsBeforeFinish, 0);
    }

    void filtersNarrowTheList()
    {
        ui::MainWindow window(context());
        window.show();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        auto* model = window.tradesView()->model();
        auto* bar = window.tradesView()->filterBar();
        bar->directionBox()->setCurrentIndex(
            bar->directionBox()->findData(QStringLiteral("SHORT")));
        QVERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->rowAt(r)->direction, QStringLiteral("SHORT"));
        QVERIFY(bar->symbolBox()->count() > 2);
        bar->symbolBox()->setCurrentIndex(1);
        const QString symbol = bar->symbolBox()->currentData().toString();
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->rowAt(r)->symbol, symbol);
        bar->outcomeBox()->setCurrentIndex(bar->outcomeBox()->findData(1));
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(!model->rowAt(r)->netPnl.startsWith(QLatin1Char('-')));
    }

    void annotationSurvivesResync()
    {
        ui::MainWindow window(context());
        window.show();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        QTableView* table = window.tradesView()->table();
        table->selectRow(3);
        const QString key = window.tradesView()->model()->rowAt(3)->key;
        ui::TradeDetail* detail = window.tradesView()->detail();
        QCOMPARE(detail->tradeKey(), key);
        detail->notesEdit()->setPlainText(QStringLiteral("Chased the breakout."));
        detail->tagsEdit()->setText(QStringLiteral("breakout, fomo"));
        emit detail->tagsEdit()->textEdited(detail->tagsEdit()->text());
        detail->saveNow();
        const int row = window.tradesView()->model()->rowOfKey(key);
        QCOMPARE(window.tradesView()->model()->rowAt(row)->tags,
                 (QStringList{QStringLiteral("breakout"), QStringLiteral("fomo")}));

        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSyncTimeoutMs);
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        const auto annotation = journal::AnnotationStore(db).annotation(key);
        QVERIFY(annotation.has_value());
        QCOMPARE(annotation->notes, QStringLiteral("Chased the breakout."));
        const int after = window.tradesView()->model()->rowOfKey(key);
        QVERIFY(after >= 0);
        QCOMPARE(window.tradesView()->model()->rowAt(after)->tags,
                 (QStringList{QStringLiteral("breakout"), QStringLiteral("fomo")}));
    }

    void offlinePausesAndResumesWhenTheNetworkReturns()
    {
        ui::MainWindow window(context());
        auto* network = new ui::ManualReachability;
        network->set(ui::Reachability::Online);
        window.setReachabilitySource(network);
        window.show();
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        // The network goes as soon as the run exists: the window pauses it at the first batch
        // boundary (the engine would otherwise find out through failed requests).
        QMetaObject::Connection goOffline =
            connect(window.findChild<sync::SyncWorker*>(), &sync::SyncWorker::runStarted, this,
                    [network] { network->set(ui::Reachability::Offline); });
        window.startSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        disconnect(goOffline);
        const auto paused = finished.at(0).first().value<sync::RunSummary>();
        QCOMPARE(sync::runStatusName(paused.status), QStringLiteral("paused"));
        QCOMPARE(window.offlineState().waitingRunId(), paused.runId);
        QCOMPARE(window.statusText(),
                 QStringLiteral("● Offline — the sync resumes when the network returns"));
        QVERIFY(!window.isSyncing());

        // Unknown is not offline: the run resumes as soon as the source stops saying Offline.
        network->set(ui::Reachability::Unknown);
        QVERIFY(window.isSyncing());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSyncTimeoutMs);
        const auto resumed = finished.at(1).first().value<sync::RunSummary>();
        QCOMPARE(resumed.runId, paused.runId);
        QCOMPARE(sync::runStatusName(resumed.status), QStringLiteral("completed"));
        QCOMPARE(window.offlineState().waitingRunId(), QString());
        QCOMPARE(window.statusText(), QStringLiteral("● Idle"));
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(db).run(paused.runId)->status, journal::RunStatus::Completed);
    }

    void autoResumeContinuesAnInterruptedRunAtStart()
    {
        const QString runId = makePausedRun();
        ui::AppContext c = context();
        c.settings.autoResume = true;
        ui::MainWindow window(c);
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QVERIFY(window.isSyncing()); // started from the constructor, no click
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const auto summary = finished.first().first().value<sync::RunSummary>();
        QCOMPARE(summary.runId, runId);
        QCOMPARE(sync::runStatusName(summary.status), QStringLiteral("completed"));

        // Without the setting the banner waits for the user.
        const QString second = makePausedRunIn(m_dir.filePath(QStringLiteral("other.sqlite")));
        ui::AppContext manual = context();
        manual.journalPath = m_dir.filePath(QStringLiteral("other.sqlite"));
        manual.engine.databasePath = manual.journalPath;
        ui::MainWindow idle(manual);
        QVERIFY(!idle.isSyncing());
        QCOMPARE(idle.banner()->runId(), second);
    }

    void settingsApplyToTheNextSync()
    {
        ui::MainWindow window(context());
        QCOMPARE(window.syncPanel()->accountLabel()->text(),
                 QStringLiteral("Account: <b>main</b>"));
        ui::AppSettings s = window.context().settings;
        s.account = QStringLiteral("second");
        s.retryAttempts = 2;
        s.retryInitialDelaySec = 3;
        s.retryMaxDelaySec = 30;
        s.batchSize = 5;
        window.applySettings(s);
        const sync::EngineConfig& engine = window.context().engine;
        QCOMPARE(engine.client.account, QStringLiteral("second"));
        QCOMPARE(engine.client.baseUrl, m_sim->baseUrl());
        QCOMPARE(engine.client.spotBaseUrl, m_sim->baseUrl()); // a custom URL serves both
        QCOMPARE(engine.client.retry.maxAttempts, 2);
        QCOMPARE(engine.client.retry.initialDelayMs, Q_INT64_C(3000));
        QCOMPARE(engine.client.retry.maxDelayMs, Q_INT64_C(30000));
        QCOMPARE(window.context().settings.batchSize, 5);
        QCOMPARE(window.syncPanel()->accountLabel()->text(),
                 QStringLiteral("Account: <b>second</b>"));
        // The keys are not settings: they stay as they were.
        QCOMPARE(engine.client.apiKey, QByteArray(sim::kDemoApiKey));
    }

    void offlineWithoutARunJustSaysOffline()
    {
        ui::MainWindow window(context());
        auto* network = new ui::ManualReachability;
        window.setReachabilitySource(network);
        QCOMPARE(window.statusText(), QStringLiteral("● Idle"));
        network->set(ui::Reachability::Offline);
        QCOMPARE(window.statusText(), QStringLiteral("● Offline"));
        network->set(ui::Reachability::Online);
        QCOMPARE(window.statusText(), QStringLiteral("● Idle"));
        QVERIFY(!window.isSyncing()); // nothing was waiting: nothing starts
    }

    // Issue 11, defects 15 and 16: the shortcuts trigger their actions (and the menus show
    // them), and after each sync the Runs tab selects the run that just ended, even when the
    // user had another run selected.
    void shortcutsAndTheNewRunSelected()
    {
        ui::MainWindow window(context());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* tabs = window.findChild<QTabWidget*>();
        QVERIFY(tabs);
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), window.statsView());
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), window.runsView());
        QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), window.statsView());
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), window.tradesView());
        auto* bar = window.tradesView()->findChild<ui::TradeFilterBar*>();
        QVERIFY(bar);
        QTRY_VERIFY(bar->symbolBox()->hasFocus() ||
                    bar->symbolBox()->isAncestorOf(QApplication::focusWidget()));

        const auto action = [&window](const char* name) {
            return window.findChild<QAction*>(QLatin1String(name));
        };
        QCOMPARE(action("actionStop")->shortcut(), QKeySequence(Qt::Key_Escape));
        QCOMPARE(action("actionFind")->shortcut(), QKeySequence(QKeySequence::Find));
        QCOMPARE(action("actionTab1")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_1));
        QCOMPARE(action("actionTab4")->text(), QStringLiteral("Conflicts"));
        QCOMPARE(tabs->tabToolTip(2), QStringLiteral("Statistics (Ctrl+3)"));
        QStringList keysShown;
        for (QAction* a : window.findChildren<QAction*>())
            if (!a->shortcut().isEmpty())
                keysShown << a->text().remove(QLatin1Char('&')) + QLatin1Char('=') +
                                 a->shortcut().toString();
        QVERIFY2(keysShown.contains(QStringLiteral("Sync now=Ctrl+R")),
                 qPrintable(keysShown.join(u',')));
        QVERIFY2(keysShown.contains(QStringLiteral("Export trades as CSV…=Ctrl+E")),
                 qPrintable(keysShown.join(u',')));
        QVERIFY(window.syncPanel()->syncButton()->toolTip().contains(QStringLiteral("Ctrl+R")));
        QVERIFY(window.syncPanel()->stopButton()->toolTip().contains(QStringLiteral("Esc")));

        // Ctrl+R syncs; the Runs tab then shows that run.
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        const QString first = finished.at(0).first().value<sync::RunSummary>().runId;
        QCOMPARE(window.runsView()->currentRunId(), first);
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSyncTimeoutMs);
        const QString second = finished.at(1).first().value<sync::RunSummary>().runId;
        QVERIFY(second != first);
        QCOMPARE(window.runsView()->currentRunId(), second);

        // Esc stops a sync, and does nothing when none runs.
        QSignalSpy stop(window.syncPanel(), &ui::SyncPanel::stopRequested);
        QTest::keyClick(&window, Qt::Key_Escape);
        QCOMPARE(stop.count(), 0);
        window.syncPanel()->setBusy(true); // as while a sync runs: Stop is enabled
        QTest::keyClick(&window, Qt::Key_Escape);
        QCOMPARE(stop.count(), 1);
        window.syncPanel()->setBusy(false);
    }

    // Help: the built-in guide opens (offline, from the resources), and About names the
    // version, Qt at run time and at build time, SQLite and the licence.
    void helpMenuGuideAndAbout()
    {
        QCoreApplication::setApplicationVersion(QStringLiteral("1.2.3"));
        ui::MainWindow window(context());
        journal::Database db(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("t"), false});
        const QString sqlite = journal::sqliteVersion(db);
        QVERIFY2(sqlite.startsWith(QStringLiteral("3.")), qPrintable(sqlite));
        const QString about = ui::aboutText(sqlite);
        QVERIFY(about.contains(QStringLiteral("Fillbook 1.2.3")));
        QVERIFY(about.contains(
            QStringLiteral("Qt %1 (built with Qt %2)")
                .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))));
        QVERIFY(about.contains(QStringLiteral("SQLite ") + sqlite));
        QVERIFY(about.contains(QStringLiteral("Licence: MIT")));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionAbout")));
        QAction* guide = window.findChild<QAction*>(QStringLiteral("actionUserGuide"));
        QVERIFY(guide);
        QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
        guide->trigger();
        auto* dialog = window.findChild<QDialog*>(QStringLiteral("userGuide"));
        QVERIFY(dialog && dialog->isVisible());
        const QString text = dialog->findChild<QTextBrowser*>()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Fillbook — user guide")));
        QVERIFY(text.contains(QStringLiteral("Include trades with unknown entry")));
        QVERIFY(text.contains(QStringLiteral("Ctrl+R")));
        QCoreApplication::setApplicationVersion(QString());
    }

private:
    ui::AppContext context() const
    {
        ui::AppContext c;
        c.journalPath = m_path;
        c.engine.databasePath = m_path;
        c.engine.client = m_sim.clientConfig();
        c.engine.client.requestTimeoutMs = 5000;
        c.engine.progressIntervalMs = 50;
        // What the settings say wins over the engine's endpoint: point them at the simulator.
        c.settings.account = QStringLiteral("main");
        c.settings.endpoint = QStringLiteral("custom");
        c.settings.customBaseUrl = m_sim->baseUrl();
        c.settings.defaultRangeDays = 30;
        c.settings.batchSize = 2;
        c.settings.timeZoneId = QStringLiteral("UTC");
        return c;
    }

    // A run that stops after its first batch (the engine pauses it), as if the user had quit.
    QString makePausedRun() { return makePausedRunIn(m_path); }

    QString makePausedRunIn(const QString& path)
    {
        sync::EngineConfig config = context().engine;
        config.databasePath = path;
        config.maxBatches = 1;
        sync::RunParams params;
        params.account = QStringLiteral("main");
        params.rangeToMs = QDateTime::currentMSecsSinceEpoch();
        params.rangeFromMs = params.rangeToMs - 30 * 86'400'000LL;
        params.rangeLabel = QStringLiteral("30 days");
        params.batchSize = 2;
        sync::SyncWorker worker;
        QSignalSpy finished(&worker, &sync::SyncWorker::finished);
        worker.startRun(config, params);
        if (!finished.wait(kSyncTimeoutMs))
            qFatal("the partial run did not finish");
        const auto summary = finished.first().first().value<sync::RunSummary>();
        if (summary.status != sync::RunStatus::Paused)
            qFatal("the partial run ended as %s", qPrintable(sync::runStatusName(summary.status)));
        return summary.runId;
    }

    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_path;
    fbtest::SimulatedExchange m_sim;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
