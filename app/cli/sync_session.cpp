#include "app/cli/sync_session.h"

#include "app/common/signal_watcher.h"
#include "sync/engine/resume_guard.h"
#include "sync/engine/sync_worker.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace fb::cli {

using namespace fb::sync;

namespace {

QString etaText(const ProgressSnapshot& p)
{
    if (p.rateLimitedUntilMs > 0)
        return QStringLiteral("waiting for the rate limit");
    return p.etaMs ? QStringLiteral("ETA %1").arg(formatDuration(*p.etaMs))
                   : QStringLiteral("ETA —");
}

void printJson(QTextStream& out, const QString& event, QJsonObject body)
{
    body.insert(QStringLiteral("event"), event);
    out << QJsonDocument(body).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
}

// The counts are the run's over all its attempts (docs/design.md §3.12), as `status` shows them.
QString summaryLine(const RunSummary& s)
{
    return QStringLiteral("%1 records inserted, %2 updated, %3 duplicates skipped; %4 trades "
                          "inserted, %5 updated, %6 invalid; %7 failed symbols; success rate "
                          "%8; %9; %10 retries; %11 requests (weight %12); %13.")
        .arg(s.recordsInserted)
        .arg(s.recordsUpdated)
        .arg(s.duplicatesSkipped)
        .arg(s.tradesInserted)
        .arg(s.tradesUpdated)
        .arg(s.invalidTrades)
        .arg(s.failedSymbols.size())
        .arg(successRateText(s.symbolsCompleted, s.symbolsFailed()))
        .arg(batchesText(s.batchesDone, s.batchesTotal))
        .arg(s.retries)
        .arg(s.requests)
        .arg(s.weightUsed)
        .arg(formatDuration(s.durationMs));
}

// The engine says why a run stopped and whether it can go on; how is ours to say: a complete
// command, with the journal and the exchange the run is bound to.
QString withResumeHint(const Context& context, const RunSummary& s, const QString& endpoint)
{
    if (!s.runId.isEmpty() && canRetryFailedSymbols(s.status)) {
        const QString hint =
            QStringLiteral("Retry them with: %1").arg(resumeCommand(context, s.runId, endpoint));
        return s.message.isEmpty() ? hint : s.message + QLatin1Char(' ') + hint;
    }
    if (!s.resumable())
        return s.message;
    const QString command = resumeCommand(context, s.runId, endpoint);
    // A ban names its end in the message; resuming earlier would only meet the ban again.
    const QString hint = s.resumeAfterMs > 0 ? QStringLiteral("Resume after that: %1").arg(command)
                                             : QStringLiteral("Resume with: %1").arg(command);
    return s.message.isEmpty() ? hint : s.message + QLatin1Char(' ') + hint;
}

// One plain sentence: the sync is right either way (it works in exchange time), but other
// programs on this computer are not, and a dual-boot hardware clock is the usual cause.
QString clockWarning(qint64 offsetMs)
{
    // The offset is the exchange's clock minus ours: positive means ours is behind.
    return QStringLiteral("fillbook-cli: warning: this computer's clock is %1 %2 the exchange's; "
                          "the sync uses the exchange's time, but set the clock right (a "
                          "dual-boot computer may keep local time in its hardware clock).\n")
        .arg(formatDuration(offsetMs < 0 ? -offsetMs : offsetMs),
             offsetMs < 0 ? QStringLiteral("ahead of") : QStringLiteral("behind"));
}

} // namespace

int runSyncSession(Context& context, const EngineConfig& config, const RunParams& params,
                   const QString& resumeRunId, const SessionOptions& options)
{
    SyncWorker worker;
    QEventLoop loop;
    SignalWatcher signalWatcher;
    RunSummary result;
    int lastBatchPrinted = -1;
    Phase lastPhase = Phase::Done;
    bool liveLineOpen = false;
    // The engine reports progress even for a run it refused (busy journal, a run that cannot be
    // resumed, ...); nothing of progress is shown until a run has really started.
    bool started = false;
    QTextStream& out = context.out;

    auto endLiveLine = [&] {
        if (liveLineOpen) {
            out << '\n';
            liveLineOpen = false;
        }
    };

    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &worker, [&](int) {
        endLiveLine();
        context.err << QStringLiteral("fillbook-cli: interrupted; stopping the sync (committed "
                                      "work is kept)…\n");
        context.err.flush();
        worker.interrupt();
    });
    QObject::connect(
        &worker, &SyncWorker::runStarted, &worker, [&](const QString& runId, const RunParams& p) {
            started = true;
            if (options.style == ProgressStyle::Json) {
                printJson(
                    out, QStringLiteral("started"),
                    {{QStringLiteral("runId"), runId}, {QStringLiteral("params"), p.toJson()}});
                return;
            }
            out << (resumeRunId.isEmpty() ? QStringLiteral("Started ") : QStringLiteral("Resumed "))
                << runId << QStringLiteral(" (account %1, %2)\n").arg(p.account, p.rangeLabel);
            out.flush();
        });
    bool clockWarned = false;
    QObject::connect(&worker, &SyncWorker::progress, &worker, [&](const ProgressSnapshot& p) {
        if (!started)
            return;
        if (!clockWarned && clockIsOff(p.clockOffsetMs) && options.style != ProgressStyle::Json) {
            clockWarned = true; // JSON progress carries clockOffsetMs and clockWarning instead
            endLiveLine();
            context.err << clockWarning(*p.clockOffsetMs);
            context.err.flush();
        }
        switch (options.style) {
        case ProgressStyle::Json:
            printJson(out, QStringLiteral("progress"), p.toJson());
            break;
        case ProgressStyle::Live: {
            const QString line = QStringLiteral("%1  %2%  %3")
                                     .arg(p.phaseLine())
                                     .arg(qRound(p.fraction() * 100))
                                     .arg(etaText(p));
            // \r and clear-to-end keep one line updating in place.
            out << '\r' << line.left(160) << QStringLiteral("\x1b[K");
            out.flush();
            liveLineOpen = true;
            break;
        }
        case ProgressStyle::Lines:
            // Plain lines for logs: one per phase change and one per batch, not per snapshot.
            if (p.phase != lastPhase ||
                (p.phase == Phase::Symbols && p.batchIndex != lastBatchPrinted)) {
                out << p.phaseLine() << QStringLiteral(" (%1%)\n").arg(qRound(p.fraction() * 100));
                out.flush();
                lastPhase = p.phase;
                lastBatchPrinted = p.batchIndex;
            }
            break;
        }
    });
    // The engine's waits (docs/design.md §3.11), as the desktop gets them: a retry's backoff is
    // one "retrying" line (event); a rate-limit pause one "rateLimited" line (event), since it
    // holds every request and the retries during it are not reported one by one.
    QObject::connect(&worker, &SyncWorker::waiting, &worker, [&](const WaitNotice& notice) {
        if (options.style == ProgressStyle::Live)
            return; // the live line says "waiting for the rate limit" itself
        const qint64 delayMs = std::max<qint64>(0, notice.untilMs - notice.sinceMs);
        if (notice.kind == WaitNotice::Kind::Retry) {
            if (options.style == ProgressStyle::Json) {
                printJson(out, QStringLiteral("retrying"),
                          {{QStringLiteral("endpoint"), notice.what},
                           {QStringLiteral("attempt"), notice.attempt},
                           {QStringLiteral("delayMs"), delayMs},
                           {QStringLiteral("reason"), notice.reason}});
                return;
            }
            out << QStringLiteral("retrying %1 (attempt %2 in %3 ms): %4\n")
                       .arg(notice.what)
                       .arg(notice.attempt)
                       .arg(delayMs)
                       .arg(notice.reason);
            out.flush();
        } else if (notice.kind == WaitNotice::Kind::RateLimit) {
            if (options.style == ProgressStyle::Json) {
                printJson(out, QStringLiteral("rateLimited"),
                          {{QStringLiteral("delayMs"), delayMs}});
                return;
            }
            out << QStringLiteral("rate limited: every request waits %1 ms\n").arg(delayMs);
            out.flush();
        }
    });
    QObject::connect(
        &worker, &SyncWorker::symbolFailed, &worker,
        [&](const QString& symbol, const QString& error) {
            if (options.style == ProgressStyle::Json) {
                printJson(out, QStringLiteral("symbolFailed"),
                          {{QStringLiteral("symbol"), symbol}, {QStringLiteral("error"), error}});
                return;
            }
            endLiveLine();
            out << QStringLiteral("%1 failed: %2\n").arg(symbol, error);
        });
    QObject::connect(&worker, &SyncWorker::finished, &worker, [&](const RunSummary& summary) {
        result = summary;
        loop.quit();
    });

    if (resumeRunId.isEmpty())
        worker.startRun(config, params);
    else
        worker.resumeRun(config, resumeRunId);
    loop.exec();
    endLiveLine();

    if (options.style == ProgressStyle::Json) {
        printJson(out, QStringLiteral("finished"), result.toJson());
    } else if (!result.runId.isEmpty()) {
        const QString status = runStatusName(result.status);
        const bool good = result.status == RunStatus::Completed;
        const QString coloured = options.colour ? (good ? QStringLiteral("\x1b[32m%1\x1b[0m")
                                                        : QStringLiteral("\x1b[33m%1\x1b[0m"))
                                                      .arg(status)
                                                : status;
        out << QStringLiteral("Run %1 %2: ").arg(result.runId, coloured) << summaryLine(result)
            << '\n';
        // What the run let pass is said, never only logged (docs/design.md §2.11).
        for (const QString& warning : std::as_const(result.warnings))
            out << QStringLiteral("Warning: ") << warning << '\n';
    }
    out.flush();
    const QString message =
        withResumeHint(context, result, normalizedEndpoint(config.baseUrlLabel));
    if (result.exitCode != exit_code::Completed && !message.isEmpty())
        context.error(message);
    else if (!message.isEmpty() && options.style != ProgressStyle::Json)
        out << message << '\n';
    return result.exitCode;
}

} // namespace fb::cli
