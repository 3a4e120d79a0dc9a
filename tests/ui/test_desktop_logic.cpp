// The desktop app's pure decisions: when a finished run earns a tray notification, what the
// offline bookkeeping asks the window to do, how trade keys parse, and how the equity curve
// is thinned for plotting. No window, no tray, no network.

#include "ui/conflict_actions.h"
#include "ui/reachability.h"
#include "ui/stats_worker.h"
#include "ui/tray_notice.h"

#include <QTest>

using namespace fb;
using Action = ui::OfflineResumer::Action;

namespace {

sync::RunSummary summary(sync::RunStatus status, int exitCode = sync::exit_code::Completed)
{
    sync::RunSummary s;
    s.runId = QStringLiteral("sync_20260101_120000_0000abcd");
    s.status = status;
    s.exitCode = exitCode;
    s.tradesInserted = 42;
    s.message = QStringLiteral("Stopped at a batch boundary.");
    return s;
}

} // namespace

class TestDesktopLogic : public QObject
{
    Q_OBJECT

private slots:
    void trayOnlyWhenNotFocusedAndATrayExists()
    {
        const auto done = summary(sync::RunStatus::Completed);
        QVERIFY(!ui::trayNoticeFor(done, {false, false, false})); // no tray
        QVERIFY(!ui::trayNoticeFor(done, {true, true, false}));   // the user is looking
        const auto notice = ui::trayNoticeFor(done, {true, false, false});
        QVERIFY(notice);
        QCOMPARE(notice->title, QStringLiteral("Sync completed"));
        QCOMPARE(notice->body, QStringLiteral("42 trades inserted."));
        QCOMPARE(notice->severity, ui::TrayNotice::Severity::Information);
    }

    void trayForFailuresAndPausesButNotForTheUsersStop()
    {
        auto failed = summary(sync::RunStatus::Failed, sync::exit_code::Auth);
        failed.message = QStringLiteral("The API key was rejected.");
        const auto f = ui::trayNoticeFor(failed, {true, false, false});
        QVERIFY(f);
        QCOMPARE(f->title, QStringLiteral("Sync failed"));
        QCOMPARE(f->body, QStringLiteral("The API key was rejected."));
        QCOMPARE(f->severity, ui::TrayNotice::Severity::Critical);

        auto partial = summary(sync::RunStatus::CompletedWithErrors, 1);
        partial.failedSymbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
        const auto p = ui::trayNoticeFor(partial, {true, false, false});
        QVERIFY(p);
        QCOMPARE(p->body, QStringLiteral("42 trades inserted. Failed: BTCUSDT, ETHUSDT."));
        QCOMPARE(p->severity, ui::TrayNotice::Severity::Warning);

        const auto paused = summary(sync::RunStatus::Paused, sync::exit_code::Offline);
        QVERIFY(ui::trayNoticeFor(paused, {true, false, false}));
        QVERIFY(!ui::trayNoticeFor(paused, {true, false, true})); // the user pressed Stop
        QVERIFY(!ui::trayNoticeFor(summary(sync::RunStatus::Discarded), {true, false, false}));
    }

    void offlineDuringARunPausesItAndResumesWhenBack()
    {
        ui::OfflineResumer r;
        QCOMPARE(r.networkChanged(ui::Reachability::Online, false), Action::None);
        r.runStarted(QStringLiteral("run1"));
        QCOMPARE(r.networkChanged(ui::Reachability::Offline, true), Action::PauseRun);
        QCOMPARE(r.networkChanged(ui::Reachability::Offline, true), Action::None); // asked once
        QVERIFY(r.isOffline());
        auto s = summary(sync::RunStatus::Paused, sync::exit_code::Paused);
        s.runId = QStringLiteral("run1");
        QCOMPARE(r.runFinished(s), Action::None); // still offline: wait
        QCOMPARE(r.waitingRunId(), QStringLiteral("run1"));
        QCOMPARE(r.networkChanged(ui::Reachability::Unknown, false), Action::ResumeRun);
        r.runStarted(QStringLiteral("run1"));
        QCOMPARE(r.waitingRunId(), QString());
        s.status = sync::RunStatus::Completed;
        QCOMPARE(r.runFinished(s), Action::None);
        QCOMPARE(r.networkChanged(ui::Reachability::Offline, false), Action::None);
        QCOMPARE(r.networkChanged(ui::Reachability::Online, false), Action::None); // nothing waits
    }

    void networkBackBeforeThePauseLandsResumesAtOnce()
    {
        ui::OfflineResumer r;
        r.runStarted(QStringLiteral("run2"));
        QCOMPARE(r.networkChanged(ui::Reachability::Offline, true), Action::PauseRun);
        QCOMPARE(r.networkChanged(ui::Reachability::Online, true), Action::None);
        auto s = summary(sync::RunStatus::Paused, sync::exit_code::Paused);
        s.runId = QStringLiteral("run2");
        QCOMPARE(r.runFinished(s), Action::ResumeRun);
    }

    void engineFoundOfflineWaitsForTheNextChange()
    {
        ui::OfflineResumer r;
        QCOMPARE(r.networkChanged(ui::Reachability::Unknown, false), Action::None);
        r.runStarted(QStringLiteral("run3"));
        auto s = summary(sync::RunStatus::Paused, sync::exit_code::Offline);
        s.runId = QStringLiteral("run3");
        // The source says "unknown" while the engine could not connect: no resume loop.
        QCOMPARE(r.runFinished(s), Action::None);
        QCOMPARE(r.waitingRunId(), QStringLiteral("run3"));
        QCOMPARE(r.networkChanged(ui::Reachability::Offline, false), Action::None);
        QCOMPARE(r.networkChanged(ui::Reachability::Online, false), Action::ResumeRun);
        // Resumed or discarded by hand: forgotten.
        r.forget(QStringLiteral("run3"));
        QCOMPARE(r.waitingRunId(), QString());
    }

    void aStopThatIsNotAboutTheNetworkForgetsTheWaitingRun()
    {
        ui::OfflineResumer r;
        r.runStarted(QStringLiteral("run4"));
        auto s = summary(sync::RunStatus::Paused, sync::exit_code::Paused); // the user's Stop
        s.runId = QStringLiteral("run4");
        QCOMPARE(r.runFinished(s), Action::None);
        QCOMPARE(r.waitingRunId(), QString());
        QCOMPARE(r.networkChanged(ui::Reachability::Offline, false), Action::None);
        QCOMPARE(r.networkChanged(ui::Reachability::Online, false), Action::None);
    }

    void tradeKeysParseFromTheRight()
    {
        const auto k = ui::parseTradeKey(QStringLiteral("my:acct:BTCUSDT:LONG:6240193381"));
        QVERIFY(k);
        QCOMPARE(k->account, QStringLiteral("my:acct"));
        QCOMPARE(k->symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(k->positionSide, QStringLiteral("LONG"));
        QCOMPARE(k->firstFillId, Q_INT64_C(6240193381));
        QVERIFY(!ui::parseTradeKey(QStringLiteral("main:BTCUSDT:BOTH")));
        QVERIFY(!ui::parseTradeKey(QStringLiteral("main:BTCUSDT:BOTH:x1")));
    }

    void equityCurveIsThinnedKeepingExtremesAndTheEnd()
    {
        QVector<ui::EquityPoint> small;
        for (int i = 0; i < 5; ++i)
            small.append({i * 1000, Decimal::fromInt(i)});
        QCOMPARE(ui::thinEquityCurve(small, 10).size(), 5);

        // 1000 points into buckets of 100: each bucket keeps its low and its high, in order.
        QVector<ui::EquityPoint> many;
        for (int i = 0; i < 1000; ++i)
            many.append({i, Decimal::fromInt(i % 100 == 37 ? -500 : i % 100 == 63 ? 900 : 0)});
        many.last().equity = Decimal::fromInt(7);
        const QVector<QPointF> plot = ui::thinEquityCurve(many, 20);
        QCOMPARE(plot.size(), 21); // 10 buckets x (low, high) + the final point
        QCOMPARE(plot.at(0), QPointF(37, -500));
        QCOMPARE(plot.at(1), QPointF(63, 900));
        QCOMPARE(plot.at(18), QPointF(937, -500));
        QCOMPARE(plot.at(19), QPointF(963, 900));
        QCOMPARE(plot.last(), QPointF(999, 7));
    }
};

QTEST_GUILESS_MAIN(TestDesktopLogic)
#include "test_desktop_logic.moc"
