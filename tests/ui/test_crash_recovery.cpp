// Issue #11, defect 1: a real `fillbook` process is killed (SIGKILL) in the middle of a demo
// sync, and a window opened on its journal afterwards shows the run as what it now is — an
// interrupted sync with Resume and Discard — and resuming it completes it, the bar going on from
// where the killed run stopped.

#include "ui/main_window.h"
#include "ui/resume_banner.h"
#include "ui/runs_view.h"
#include "ui/sync_panel.h"

#include "sync/demo/demo_exchange.h"
#include "sync/engine/sync_worker.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/run_store.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace fb;

namespace {

constexpr int kSyncTimeoutMs = 180'000;

struct RunState
{
    QString runId;
    journal::RunStatus status = journal::RunStatus::Running;
    int symbolsDone = 0;
    int symbolsTotal = 0;
};

// The journal's newest run and how many of its symbols are done, read as any reader would.
std::optional<RunState> newestRun(const QString& path)
{
    if (!QFileInfo::exists(path))
        return std::nullopt;
    try {
        journal::Database db(path,
                             {journal::OpenMode::ReadOnly, QStringLiteral("crash-probe"), false});
        journal::RunStore runs(db);
        const auto list = runs.listRuns(1);
        if (list.isEmpty())
            return std::nullopt;
        RunState state;
        state.runId = list.first().id;
        state.status = list.first().status;
        for (const auto& s : runs.runSymbols(state.runId)) {
            ++state.symbolsTotal;
            if (s.status == journal::SymbolStatus::Completed ||
                s.status == journal::SymbolStatus::Skipped)
                ++state.symbolsDone;
        }
        return state;
    } catch (const journal::JournalError&) {
        return std::nullopt; // not created yet, or busy for a moment
    }
}

// newestRun() for QTRY_*: true with *out filled when the journal has a run.
bool probeRun(const QString& path, RunState* out)
{
    const auto run = newestRun(path);
    if (!run)
        return false;
    *out = *run;
    return true;
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        sync::registerSyncMetaTypes();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_dir.isValid());
    }

    // A window opened while another live process syncs the same journal leaves that run alone:
    // it is `running`, not interrupted, and no banner offers to resume it.
    void aRunOfALiveProcessIsLeftAlone()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.sqlite"));
        QProcess app;
        startSlowDemoSync(app, path);
        QVERIFY(app.waitForStarted(10'000));
        RunState live;
        QTRY_VERIFY_WITH_TIMEOUT(probeRun(path, &live) && live.symbolsTotal > 0, kSyncTimeoutMs);
        {
            DemoExchange exchange;
            QString error;
            QVERIFY2(exchange.start(path, &error), qPrintable(error));
            ui::AppContext context;
            context.journalPath = path;
            context.demo = true;
            exchange.configure(context.engine);
            ui::MainWindow window(context);
            window.show();
            window.refreshAll();
            QVERIFY(!window.banner()->isVisible());
            const auto now = newestRun(path);
            QVERIFY(now);
            QCOMPARE(now->runId, live.runId);
            QCOMPARE(journal::runStatusName(now->status), QStringLiteral("running"));
        }
        app.kill();
        QVERIFY(app.waitForFinished(10'000));
    }

    void killedMidSyncIsOfferedForResumeAndCompletes()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.sqlite"));
        QProcess app;
        startSlowDemoSync(app, path);
        QVERIFY(app.waitForStarted(10'000));

        // Some symbols done, not all: the run is in the middle.
        RunState before;
        QTRY_VERIFY_WITH_TIMEOUT(probeRun(path, &before) && before.symbolsDone > 0 &&
                                     before.symbolsDone < before.symbolsTotal,
                                 kSyncTimeoutMs);
        app.kill(); // SIGKILL: no handler runs, nothing is released
        QVERIFY(app.waitForFinished(10'000));
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);

        const auto dead = newestRun(path);
        QVERIFY(dead);
        QCOMPARE(dead->runId, before.runId);
        QCOMPARE(journal::runStatusName(dead->status), QStringLiteral("running")); // as it died
        QVERIFY2(dead->symbolsDone > 0 && dead->symbolsDone < dead->symbolsTotal,
                 qPrintable(QStringLiteral("%1 of %2 symbols done at the kill")
                                .arg(dead->symbolsDone)
                                .arg(dead->symbolsTotal)));
        qInfo("killed with %d of %d symbols done", dead->symbolsDone, dead->symbolsTotal);

        // Relaunch: the demo exchange of that journal, and the window on it.
        DemoExchange exchange;
        QString error;
        QVERIFY2(exchange.start(path, &error), qPrintable(error));
        ui::AppContext context;
        context.journalPath = path;
        context.demo = true;
        context.settings.timeZoneId = QStringLiteral("UTC");
        exchange.configure(context.engine);
        ui::MainWindow window(context);
        window.resize(1440, 900);
        window.show();

        // The banner: the run, in words about symbols and records, with both ways out (the
        // dead process's run is recovered once the journal's check has passed).
        QTRY_VERIFY(window.banner()->isVisible());
        QCOMPARE(window.banner()->runId(), dead->runId);
        const QString text = window.banner()->text();
        QVERIFY2(text.contains(QStringLiteral("Incomplete sync found")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("%1 of %2 symbols done")
                                   .arg(dead->symbolsDone)
                                   .arg(dead->symbolsTotal)),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("records saved")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("interrupted")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("steps")) &&
                     !text.contains(QStringLiteral("fillbook-cli")),
                 qPrintable(text));
        QVERIFY(window.banner()->resumeButton()->isEnabled());
        QVERIFY(window.banner()->discardButton()->isEnabled());
        // The Runs tab and the status bar agree: nothing says it is still running.
        QCOMPARE(window.runsView()->runsTable()->item(0, 0)->text(), dead->runId);
        QCOMPARE(window.runsView()->runsTable()->item(0, 1)->text(), QStringLiteral("interrupted"));
        QVERIFY2(!window.statusText().contains(QStringLiteral("Syncing")),
                 qPrintable(window.statusText()));
        QCOMPARE(journal::runStatusName(newestRun(path)->status), QStringLiteral("interrupted"));

        // Under the banner the bar stands where the run stopped, and says so (not "Idle").
        int storedPermille = 0;
        {
            journal::Database db(path, {journal::OpenMode::ReadOnly, QStringLiteral("p"), false});
            const auto run = journal::RunStore(db).run(dead->runId);
            QVERIFY(run && run->counters.plannedUnits > 0);
            storedPermille = int(run->counters.doneUnits * 1000 / run->counters.plannedUnits);
        }
        auto* bar = window.syncPanel();
        QCOMPARE(bar->progressValue(), storedPermille);
        QCOMPARE(bar->phaseText(),
                 QStringLiteral("Stopped at %1 % — click Resume above to continue from there")
                     .arg(storedPermille / 10));

        // Resume: the bar goes on from where the killed run was, never back, to the end.
        QList<int> shown;
        QSignalSpy finished(&window, &ui::MainWindow::syncFinished);
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] { shown << bar->progressValue(); });
        QTest::mouseClick(window.banner()->resumeButton(), Qt::LeftButton);
        sampler.start(5);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSyncTimeoutMs);
        sampler.stop();
        const auto summary = finished.first().first().value<sync::RunSummary>();
        QCOMPARE(summary.runId, dead->runId);
        QCOMPARE(sync::runStatusName(summary.status), QStringLiteral("completed"));
        QVERIFY(!window.banner()->isVisible());
        QCOMPARE(summary.symbolsTotal, dead->symbolsTotal);
        QVERIFY(!shown.isEmpty());
        for (qsizetype i = 1; i < shown.size(); ++i)
            QVERIFY2(shown[i] >= shown[i - 1],
                     qPrintable(QStringLiteral("the bar went from %1 to %2 ‰")
                                    .arg(shown[i - 1])
                                    .arg(shown[i])));
        // From the click on it starts where the killed run stood, not from zero.
        const auto first = shown.begin();
        QVERIFY2(*first >= storedPermille - 1,
                 qPrintable(QStringLiteral("resume started at %1 ‰, the run stood at %2 ‰")
                                .arg(*first)
                                .arg(storedPermille)));
        qInfo("the killed run stood at %d permille; the resume started at %d", storedPermille,
              *first);
        QCOMPARE(bar->progressValue(), 1000);
    }

private:
    // `fillbook --demo` on `path`, syncing at once against a slow demo exchange (every answer
    // 120 ms late), so that a kill lands mid-run; isolated from this user's settings.
    void startSlowDemoSync(QProcess& app, const QString& path)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        for (const char* name :
             {"FILLBOOK_API_KEY", "FILLBOOK_API_SECRET", "FILLBOOK_ACCOUNT", "FILLBOOK_BASE_URL"})
            env.remove(QString::fromLatin1(name));
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(FILLBOOK_DESKTOP),
                  {QStringLiteral("--demo"), QStringLiteral("--db"), path,
                   QStringLiteral("--demo-latency"), QStringLiteral("120"),
                   QStringLiteral("--sync-at-start")});
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestCrashRecovery)
#include "test_crash_recovery.moc"
