// What a resume may do before it sends anything (issue 10, defects 3 and 5): a run is bound to
// the exchange endpoint it started on, and a run paused by the exchange's ban sends nothing until
// the ban's stored end. The engine refuses (so the desktop and auto-resume cannot send either),
// and so does fillbook-cli, as one sentence; its resume hints are complete commands.
#include "engine_test_util.h"

#include "tests/support/cli_process.h"

#include "sync/engine/resume_guard.h"
#include "sync/engine/sync_worker.h"
#include "sync/journal/run_store.h"

#include <QDateTime>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

using namespace fb;
using namespace fb::test;

namespace {

using fbtest::CliResult;

QString utcText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

journal::RunRecord storedRun(const QString& db, const QString& runId)
{
    journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
    const auto run = journal::RunStore(j).run(runId);
    if (!run)
        qFatal("run %s is not in %s", qPrintable(runId), qPrintable(db));
    return *run;
}

void saveRun(const QString& db, const journal::RunRecord& run)
{
    journal::Database j(db);
    journal::RunStore(j).saveRun(run);
}

qint64 requestsServed(const fbtest::SimulatedExchange& exchange)
{
    return exchange->stats().value(QStringLiteral("requests")).toInteger();
}

} // namespace

class TestResumeGuard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_dbCounter = 0;
    // The engine's tests: a simulator and an engine on one test clock that can jump.
    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    // fillbook-cli's tests: another simulator on the real clock (a separate process cannot share
    // the test clock), serving from this thread while the CLI runs.
    fbtest::SimulatedExchange m_cliSim;

    QString newDb() { return m_dir.filePath(QStringLiteral("r%1.sqlite").arg(++m_dbCounter)); }

    sync::RunSummary runOnSim(const QString& db, std::function<void(sync::SyncEngine&)> start,
                              std::function<void(sync::EngineConfig&)> adjust = {})
    {
        m_sim->resetRateLimits();
        sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        if (adjust)
            adjust(config);
        return runEngine(config, std::move(start));
    }

    // The CLI's simulator as runs record an endpoint (no trailing slash).
    QString cliUrl() const { return sync::endpointLabel(m_cliSim.baseUrl()); }

    // Runs fillbook-cli to its end while this thread's event loop serves the simulator.
    CliResult cli(const QStringList& arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FILLBOOK_API_KEY"), QString::fromLatin1(sim::kDemoApiKey));
        env.insert(QStringLiteral("FILLBOOK_API_SECRET"), QString::fromLatin1(sim::kDemoApiSecret));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        return fbtest::runProgramServing(QStringLiteral(FILLBOOK_CLI), arguments, env, 120'000);
    }

    // A sync of the CLI's simulator that pauses after its first batch; returns the run id.
    QString pausedCliRun(const QString& db)
    {
        const CliResult r =
            cli({QStringLiteral("--db"), db, QStringLiteral("--base-url"), cliUrl(),
                 QStringLiteral("sync"), QStringLiteral("--days"), QStringLiteral("30"),
                 QStringLiteral("--batch-size"), QStringLiteral("2"),
                 QStringLiteral("--max-batches"), QStringLiteral("1")});
        if (r.exitCode != sync::exit_code::Paused)
            qFatal("the first sync ended %d: %s", r.exitCode, qPrintable(r.err));
        static const QRegularExpression id(QStringLiteral("sync_\\d{8}_\\d{6}_[0-9a-f]{8}"));
        return id.match(r.out).captured();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock, 3), m_clock),
                 qPrintable(m_sim.errorString()));
        QVERIFY2(m_cliSim.start(fbtest::smallAccount(5)), qPrintable(m_cliSim.errorString()));
    }

    // The stored ban end is exchange time: compared with the local clock plus the offset the
    // banned run measured, or, when it measured none, with the local clock alone (and says so).
    void aBanIsComparedInExchangeTime()
    {
        journal::RunRecord run;
        run.id = QStringLiteral("sync_20261204_120000_0000abcd");
        run.status = sync::RunStatus::Paused;
        run.pausedUntil = 100'000;
        QVERIFY(!sync::banInForce(run, 200'000)); // no offset known: local time
        auto ban = sync::banInForce(run, 99'999);
        QVERIFY(ban);
        QCOMPARE(ban->untilMs, qint64(100'000));
        QCOMPARE(ban->exchangeTime, false);

        sync::RunSummary last;
        last.clockOffsetMs = 5'000; // the exchange's clock is 5 s ahead of this computer's
        run.summaryJson = QString::fromUtf8(QJsonDocument(last.toJson()).toJson());
        QVERIFY(!sync::banInForce(run, 95'000));
        ban = sync::banInForce(run, 94'999);
        QVERIFY(ban);
        QCOMPARE(ban->exchangeTime, true);

        run.pausedUntil.reset();
        QVERIFY(!sync::banInForce(run, 0));
    }

    // Defect 5, engine level: an immediate resume during the ban sends no request (on main it
    // sent /fapi/v1/time, was banned again and lengthened the ban); after the ban it goes on.
    void theEngineSendsNothingUntilTheBanEnds()
    {
        QString error;
        QVERIFY2(m_sim->setFaults(QStringLiteral("ban-after=12"), &error), qPrintable(error));
        const QString db = newDb();
        const sync::RunSummary paused =
            runOnSim(db, [p = params(m_clock)](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        QVERIFY(paused.resumeAfterMs > m_clock.fn()());
        QVERIFY(paused.clockOffsetMs.has_value());
        QCOMPARE(storedRun(db, paused.runId).pausedUntil, std::optional(paused.resumeAfterMs));

        m_sim->resetStats();
        const QString runId = paused.runId;
        const sync::RunSummary refused =
            runOnSim(db, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
        QCOMPARE(requestsServed(m_sim), qint64(0));
        QCOMPARE(refused.runId, runId);
        QCOMPARE(refused.status, sync::RunStatus::Paused);
        QCOMPARE(refused.exitCode, sync::exit_code::Paused);
        QCOMPARE(refused.resumeAfterMs, paused.resumeAfterMs);
        QCOMPARE(refused.requests, paused.requests); // the run's own count did not move either
        QCOMPARE(refused.message,
                 QStringLiteral("The exchange's ban on this IP lasts until %1 UTC, so nothing was "
                                "sent (a request now would lengthen the ban).")
                     .arg(utcText(paused.resumeAfterMs)));
        const journal::RunRecord untouched = storedRun(db, runId);
        QCOMPARE(untouched.status, sync::RunStatus::Paused);
        QCOMPARE(untouched.pausedUntil, std::optional(paused.resumeAfterMs));

        // The ban ends (the clock jumps past it): the same resume goes on and completes.
        QVERIFY(m_sim->setFaults(QString(), &error));
        m_clock.advance(paused.resumeAfterMs - m_clock.fn()() + 1000);
        const sync::RunSummary done =
            runOnSim(db, [runId](sync::SyncEngine& e) { e.resumeRun(runId); });
        QCOMPARE(done.status, sync::RunStatus::Completed);
        QVERIFY(requestsServed(m_sim) > 0);
        QCOMPARE(storedRun(db, runId).pausedUntil, std::optional<qint64>());
    }

    // Defect 5, a new sync (the desktop's Sync now, a periodic sync): while a run's stored ban
    // holds, a new sync of the same account and exchange creates no run and sends nothing; it
    // finishes at once naming the banned run and the ban's end, so the desktop counts down to
    // it. On main it sent /fapi/v1/time and was banned again. The ban is logged at info level:
    // an expected state, not a warning per failed call.
    void aNewSyncSendsNothingDuringTheBan()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("banned this IP")));
        QString error;
        QVERIFY2(m_sim->setFaults(QStringLiteral("ban-after=12"), &error), qPrintable(error));
        const QString db = newDb();
        const sync::RunSummary paused =
            runOnSim(db, [p = params(m_clock)](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QVERIFY(paused.resumeAfterMs > m_clock.fn()());
        // The simulator forgets its ban: only the stored one may hold the new sync back.
        QVERIFY(m_sim->setFaults(QString(), &error));

        m_sim->resetStats();
        const sync::RunSummary refused =
            runOnSim(db, [p = params(m_clock)](sync::SyncEngine& e) { e.startRun(p); });
        QCOMPARE(requestsServed(m_sim), qint64(0));
        QCOMPARE(refused.exitCode, sync::exit_code::Paused);
        QCOMPARE(refused.runId, paused.runId);
        QCOMPARE(refused.status, sync::RunStatus::Paused);
        QCOMPARE(refused.resumeAfterMs, paused.resumeAfterMs);
        // The simulator's ban may already hold the clock request: the offset is then unknown,
        // and the message says the local clock was used.
        QCOMPARE(refused.message,
                 QStringLiteral("The exchange's ban on this IP lasts until %1 UTC%2, so nothing "
                                "was sent (a request now would lengthen the ban).")
                     .arg(utcText(paused.resumeAfterMs),
                          paused.clockOffsetMs ? QString()
                                               : QStringLiteral(" by this computer's clock (the "
                                                                "exchange's was not measured)")));
        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            QCOMPARE(journal::RunStore(j).listRuns().size(), qsizetype(1)); // no run created
        }

        // Once the ban is over a new sync goes on.
        m_clock.advance(paused.resumeAfterMs - m_clock.fn()() + 1000);
        const sync::RunSummary started =
            runOnSim(db, [p = params(m_clock)](sync::SyncEngine& e) { e.startRun(p); });
        QVERIFY(started.runId != paused.runId);
        QCOMPARE(started.status, sync::RunStatus::Completed);
        QVERIFY(requestsServed(m_sim) > 0);
    }

    // Defect 3, engine level (the desktop's path): a run started against one endpoint is not
    // resumed against another; the same endpoint written with a trailing slash is the same.
    void theEngineResumesARunOnlyWhereItStarted()
    {
        const QString db = newDb();
        const QString url = sync::endpointLabel(m_sim.baseUrl());
        const auto at = [](const QString& label) {
            return [label](sync::EngineConfig& c) {
                c.baseUrlLabel = label;
                c.maxBatches = 1;
            };
        };
        const sync::RunSummary paused = runOnSim(
            db, [p = params(m_clock)](sync::SyncEngine& e) { e.startRun(p); }, at(url));
        QCOMPARE(paused.status, sync::RunStatus::Paused);
        QCOMPARE(sync::storedParams(storedRun(db, paused.runId)).endpoint, url);

        m_sim->resetStats();
        const QString runId = paused.runId;
        const sync::RunSummary refused = runOnSim(
            db, [runId](sync::SyncEngine& e) { e.resumeRun(runId); },
            at(QStringLiteral("https://fapi.binance.com")));
        QCOMPARE(requestsServed(m_sim), qint64(0));
        QCOMPARE(refused.exitCode, sync::exit_code::Usage);
        QCOMPARE(refused.message,
                 QStringLiteral("Run '%1' was started against %2, not https://fapi.binance.com; "
                                "resume it against %2, or start a new sync for "
                                "https://fapi.binance.com.")
                     .arg(runId, url));
        QCOMPARE(storedRun(db, runId).status, sync::RunStatus::Paused);

        const sync::RunSummary resumed = runOnSim(
            db, [runId](sync::SyncEngine& e) { e.resumeRun(runId); }, at(url + QLatin1Char('/')));
        QCOMPARE(resumed.runId, runId);
        QCOMPARE(resumed.status, sync::RunStatus::Paused); // its next batch, then --max-batches
        QVERIFY(requestsServed(m_sim) > 0);
    }

    // Defect 3, CLI: the printed hints are complete commands (journal and endpoint), following
    // one resumes on the run's exchange, and another endpoint given explicitly is refused. On
    // main the hint had no --base-url, so following it went to production Binance.
    void theCliResumesARunOnItsOwnEndpoint()
    {
        const QString db = newDb();
        const QString runId = pausedCliRun(db);
        QVERIFY(!runId.isEmpty());
        const QString command =
            QStringLiteral("fillbook-cli --db %1 --base-url %2 resume %3").arg(db, cliUrl(), runId);

        const CliResult status = cli({QStringLiteral("--db"), db, QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.out.contains(QStringLiteral("\n  Resume with: %1\n").arg(command)),
                 qPrintable(status.out));

        m_cliSim->resetStats();
        const QString other = QStringLiteral("http://127.0.0.1:9");
        const CliResult refused = cli({QStringLiteral("--db"), db, QStringLiteral("--base-url"),
                                       other, QStringLiteral("resume"), runId});
        QCOMPARE(refused.exitCode, sync::exit_code::Usage);
        QCOMPARE(refused.err,
                 QStringLiteral("fillbook-cli: run %1 was started against %2, not %3; resume it "
                                "without --base-url or --demo to go back there, or start a new "
                                "sync for the other exchange.\n")
                     .arg(runId, cliUrl(), other));
        QCOMPARE(requestsServed(m_cliSim), qint64(0));

        // No --base-url: the run's own endpoint.
        const CliResult resumed =
            cli({QStringLiteral("--db"), db, QStringLiteral("resume"), runId});
        QVERIFY2(resumed.exitCode == sync::exit_code::Completed, qPrintable(resumed.err));
        QVERIFY(resumed.out.startsWith(QStringLiteral("Resumed %1 (account main,").arg(runId)));
        QVERIFY(requestsServed(m_cliSim) > 0);
        QCOMPARE(storedRun(db, runId).status, sync::RunStatus::Completed);
    }

    void theCliHintIsACommandThatWorks()
    {
        const QString db = newDb();
        const CliResult paused =
            cli({QStringLiteral("--db"), db, QStringLiteral("--base-url"), cliUrl(),
                 QStringLiteral("sync"), QStringLiteral("--days"), QStringLiteral("30"),
                 QStringLiteral("--batch-size"), QStringLiteral("2"),
                 QStringLiteral("--max-batches"), QStringLiteral("1")});
        QCOMPARE(paused.exitCode, sync::exit_code::Paused);
        static const QRegularExpression hint(QStringLiteral("Resume with: (.*)\\n"));
        const QString command = hint.match(paused.err).captured(1);
        static const QRegularExpression id(QStringLiteral("sync_\\d{8}_\\d{6}_[0-9a-f]{8}"));
        const QString runId = id.match(paused.out).captured();
        QCOMPARE(command, QStringLiteral("fillbook-cli --db %1 --base-url %2 resume %3")
                              .arg(db, cliUrl(), runId));

        m_cliSim->resetStats();
        const QStringList words = QProcess::splitCommand(command);
        QCOMPARE(words.first(), QStringLiteral("fillbook-cli"));
        const CliResult followed = cli(words.mid(1));
        QVERIFY2(followed.exitCode == sync::exit_code::Completed, qPrintable(followed.err));
        QVERIFY(requestsServed(m_cliSim) > 0);
    }

    // Defect 5, CLI: during the stored ban `resume` exits 5 with one sentence naming the time it
    // may start and sends nothing; once the time has passed it resumes.
    void theCliRefusesToResumeDuringABan()
    {
        const QString db = newDb();
        const QString runId = pausedCliRun(db);
        journal::RunRecord run = storedRun(db, runId);
        QCOMPARE(run.status, sync::RunStatus::Paused);
        const qint64 banEnd = (QDateTime::currentMSecsSinceEpoch() / 1000 + 3600) * 1000;
        run.pausedUntil = banEnd;
        saveRun(db, run);
        run = storedRun(db, runId);

        m_cliSim->resetStats();
        CliResult refused = cli({QStringLiteral("--db"), db, QStringLiteral("resume"), runId});
        QCOMPARE(refused.exitCode, sync::exit_code::Paused);
        QCOMPARE(refused.out, QString());
        QCOMPARE(refused.err,
                 QStringLiteral("fillbook-cli: run %1 may resume at %2 UTC (exchange time), when "
                                "the exchange's ban on this IP ends; nothing was sent, as a "
                                "request now would lengthen the ban.\n")
                     .arg(runId, utcText(banEnd)));
        QCOMPARE(requestsServed(m_cliSim), qint64(0));
        QCOMPARE(storedRun(db, runId), run);

        // A run whose clock offset was never measured: this computer's clock, and a note.
        run.summaryJson.clear();
        saveRun(db, run);
        run = storedRun(db, runId);
        refused =
            cli({QStringLiteral("--db"), db, QStringLiteral("resume"), QStringLiteral("--latest")});
        QCOMPARE(refused.exitCode, sync::exit_code::Paused);
        QCOMPARE(refused.err,
                 QStringLiteral("fillbook-cli: run %1 may resume at %2 UTC by this computer's "
                                "clock (the exchange's was not measured), when the exchange's ban "
                                "on this IP ends; nothing was sent, as a request now would "
                                "lengthen the ban.\n")
                     .arg(runId, utcText(banEnd)));
        QCOMPARE(requestsServed(m_cliSim), qint64(0));
        QCOMPARE(storedRun(db, runId), run);

        // The ban is over: the resume goes on.
        run.pausedUntil = QDateTime::currentMSecsSinceEpoch() - 1000;
        saveRun(db, run);
        const CliResult resumed =
            cli({QStringLiteral("--db"), db, QStringLiteral("resume"), runId});
        QVERIFY2(resumed.exitCode == sync::exit_code::Completed, qPrintable(resumed.err));
        QVERIFY(requestsServed(m_cliSim) > 0);
    }

    // Defect 5, CLI: `sync` during a stored ban exits 5 with one sentence naming the time it may
    // start, creates no run and sends nothing.
    void theCliRefusesANewSyncDuringABan()
    {
        const QString db = newDb();
        const QString runId = pausedCliRun(db);
        journal::RunRecord run = storedRun(db, runId);
        const qint64 banEnd = (QDateTime::currentMSecsSinceEpoch() / 1000 + 3600) * 1000;
        run.pausedUntil = banEnd;
        saveRun(db, run);

        m_cliSim->resetStats();
        const CliResult refused =
            cli({QStringLiteral("--db"), db, QStringLiteral("--base-url"), cliUrl(),
                 QStringLiteral("sync"), QStringLiteral("--days"), QStringLiteral("30")});
        QCOMPARE(refused.exitCode, sync::exit_code::Paused);
        QCOMPARE(refused.out, QString());
        QCOMPARE(refused.err,
                 QStringLiteral("fillbook-cli: a new sync may start at %1 UTC (exchange time), "
                                "when the exchange's ban on this IP ends (run %2 was paused by "
                                "it); nothing was sent, as a request now would lengthen the "
                                "ban.\n")
                     .arg(utcText(banEnd), runId));
        QCOMPARE(requestsServed(m_cliSim), qint64(0));
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(j).listRuns().size(), qsizetype(1));
    }

    // Defect 2, CLI: a clock more than a minute off is said in one plain sentence (the run still
    // uses the exchange's time); --json-progress carries the offset and the warning instead.
    void theCliWarnsWhenTheClockIsOff()
    {
        QString error;
        // The exchange 7 h behind this computer: this computer's clock is 7 h ahead.
        QVERIFY2(m_cliSim->setFaults(QStringLiteral("skew=-25200000"), &error), qPrintable(error));
        const QString db = newDb();
        const CliResult r =
            cli({QStringLiteral("--db"), db, QStringLiteral("--base-url"), cliUrl(),
                 QStringLiteral("sync"), QStringLiteral("--days"), QStringLiteral("1"),
                 QStringLiteral("--max-batches"), QStringLiteral("1")});
        QVERIFY2(r.err.startsWith(
                     QStringLiteral("fillbook-cli: warning: this computer's clock is 7 h 00 min "
                                    "ahead of the exchange's; the sync uses the exchange's time, "
                                    "but set the clock right (a dual-boot computer may keep "
                                    "local time in its hardware clock).\n")),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QStringLiteral("warning")), 1);

        const CliResult json = cli({QStringLiteral("--db"), newDb(), QStringLiteral("--base-url"),
                                    cliUrl(), QStringLiteral("sync"), QStringLiteral("--days"),
                                    QStringLiteral("1"), QStringLiteral("--max-batches"),
                                    QStringLiteral("1"), QStringLiteral("--json-progress")});
        QVERIFY(!json.err.contains(QStringLiteral("warning")));
        QVERIFY(json.out.contains(QStringLiteral("\"clockWarning\":true")));
        QVERIFY(m_cliSim->setFaults(QString(), &error));
    }
};

QTEST_GUILESS_MAIN(TestResumeGuard)
#include "test_resume_guard.moc"
