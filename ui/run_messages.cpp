#include "ui/run_messages.h"

#include "ui/engine_text.h"
#include "ui/models/money_format.h"
#include "ui/tray_notice.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace fb::ui {

namespace {

// Waits shorter than this pass without a word (docs/design.md D49).
constexpr qint64 kWaitWorthSayingMs = 2000;

QString count(qint64 n)
{
    return countText(n);
}

// Whole seconds left, rounded up: a countdown shows "1 s" until the wait is over.
QString secondsLeft(qint64 ms)
{
    return durationText(((std::max<qint64>(ms, 0) + 999) / 1000) * 1000);
}

} // namespace

RunSymbolsDone symbolsDone(const QVector<journal::RunSymbolRecord>& symbols)
{
    RunSymbolsDone result;
    result.total = static_cast<int>(symbols.size());
    for (const journal::RunSymbolRecord& s : symbols) {
        if (s.status != journal::SymbolStatus::Pending &&
            s.status != journal::SymbolStatus::InProgress &&
            s.status != journal::SymbolStatus::Failed)
            ++result.done;
    }
    return result;
}

QString RunMessages::withoutCliHints(const QString& message)
{
    // Sentences naming a command ("see 'fillbook-cli reconcile …'") are for the terminal.
    static const QRegularExpression sentence(QStringLiteral("[^.;]*fillbook-cli[^.]*\\.?"));
    // Translated first: the templates are the engine's whole sentences, CLI hints included.
    QString text = EngineText::translate(message);
    text.remove(sentence);
    return text.simplified().replace(QStringLiteral(" ."), QStringLiteral("."));
}

QString RunMessages::incompleteRun(const journal::RunRecord& run, const RunSymbolsDone& symbols)
{
    const qint64 started = run.startedAt.value_or(run.createdAt);
    const QString when = dateTimeText(QDateTime::fromMSecsSinceEpoch(started));
    // Records are the exchange's rows the run saved; trades are the journal's (§3.12).
    const QString saved =
        tr("%1 records saved, %2 trades inserted")
            .arg(count(run.counters.inserted), count(run.counters.tradesInserted));
    QString done;
    if (symbols.total > 0)
        done = tr("%1 of %2 symbols done, %3").arg(symbols.done).arg(symbols.total).arg(saved);
    else
        done = tr("stopped before its symbols were planned, %1").arg(saved);
    const qint64 planned = run.counters.plannedUnits;
    if (planned > 0)
        done += tr(" (%1 %)").arg(std::min<qint64>(100, run.counters.doneUnits * 100 / planned));
    const QString why = run.status == journal::RunStatus::Interrupted
                            ? tr("It was interrupted: Fillbook stopped before it finished.")
                            : tr("It was paused.");
    return tr("<b>Incomplete sync found</b> — started %1: %2. %3 Click <b>Resume</b> to "
              "continue where it stopped, or <b>Discard</b> to leave it (what it saved stays).")
        .arg(when, done.toHtmlEscaped(), why.toHtmlEscaped());
}

QString RunMessages::finished(const sync::RunSummary& s)
{
    const QString trades =
        tr("%1 trades inserted, %2 updated").arg(count(s.tradesInserted), count(s.tradesUpdated));
    const QString records = tr("%1 records saved").arg(count(s.recordsInserted));
    QString text;
    switch (s.status) {
    case sync::RunStatus::Completed:
        // "0 trades inserted, 0 updated; 0 records saved" is true but reads like a failure to
        // someone who sees the journal full of trades: say why nothing was written.
        if (s.tradesInserted == 0 && s.tradesUpdated == 0 && s.recordsInserted == 0 &&
            s.recordsUpdated == 0)
            text = tr("Sync completed: the journal was already up to date (nothing new on the "
                      "exchange since the last sync).");
        else
            text = tr("Sync completed: %1; %2.").arg(trades, records);
        break;
    case sync::RunStatus::CompletedWithErrors:
        text = tr("Sync finished, but %1 of %2 symbols failed (%3): %4. Click Retry failed "
                  "symbols in the Runs tab to fetch them again.")
                   .arg(s.symbolsFailed())
                   .arg(s.symbolsTotal)
                   .arg(s.failedSymbols.mid(0, 5).join(QStringLiteral(", ")), trades);
        break;
    case sync::RunStatus::Paused:
    case sync::RunStatus::Interrupted:
        text = tr("Sync paused: %1").arg(withoutCliHints(s.message));
        if (const QString hint = resumeHint(s); !hint.isEmpty())
            text += QLatin1Char(' ') + hint;
        break;
    case sync::RunStatus::Failed:
        text = s.runId.isEmpty() ? withoutCliHints(s.message)
                                 : tr("Sync failed: %1").arg(withoutCliHints(s.message));
        break;
    default:
        text = withoutCliHints(s.message);
        break;
    }
    if (s.reconciliationDifferences > 0) {
        const QString differences = s.reconciliationDifferences == 1
                                        ? tr("1 difference")
                                        : tr("%1 differences").arg(s.reconciliationDifferences);
        text += QLatin1Char(' ') + tr("Reconciliation found %1 between the exchange's totals and "
                                      "the journal's: see the run in the Runs tab.")
                                       .arg(differences);
    }
    return text;
}

QString RunMessages::wait(const sync::WaitNotice& n, qint64 nowMs)
{
    using Kind = sync::WaitNotice::Kind;
    const qint64 left = n.untilMs - nowMs;
    switch (n.kind) {
    case Kind::None:
        return {};
    case Kind::RateLimit:
        if (left <= 0 || n.untilMs - n.sinceMs < kWaitWorthSayingMs)
            return {};
        return tr("Waiting %1 for Binance's rate limit (it asked us to slow down).")
            .arg(secondsLeft(left));
    case Kind::WeightBudget:
        if (left <= 0 || n.untilMs - n.sinceMs < kWaitWorthSayingMs)
            return {};
        return tr("Waiting %1 for Binance's rate limit: this minute's request allowance is used "
                  "up, the next one starts then.")
            .arg(secondsLeft(left));
    case Kind::Retry:
        if (left <= 0 || n.untilMs - n.sinceMs < kWaitWorthSayingMs)
            return {};
        return tr("Retrying in %1: %2 (%3, attempt %4).")
            .arg(secondsLeft(left), n.reason, n.what)
            .arg(n.attempt);
    case Kind::SlowAnswer: {
        const qint64 waited = nowMs - n.sinceMs;
        if (waited < kWaitWorthSayingMs)
            return {};
        return tr("Waiting for Binance to answer %1 (%2 so far).")
            .arg(n.what, durationText((waited / 1000) * 1000));
    }
    }
    return {};
}

QString RunMessages::runStatusText(journal::RunStatus status)
{
    switch (status) {
    case journal::RunStatus::Running:
        return tr("running", "run status");
    case journal::RunStatus::Completed:
        return tr("completed", "run status");
    case journal::RunStatus::CompletedWithErrors:
        return tr("completed_with_errors", "run status: finished, some symbols failed");
    case journal::RunStatus::Interrupted:
        return tr("interrupted", "run status");
    case journal::RunStatus::Paused:
        return tr("paused", "run status");
    case journal::RunStatus::Failed:
        return tr("failed", "run status");
    case journal::RunStatus::Discarded:
        return tr("discarded", "run status");
    case journal::RunStatus::Expired:
        return tr("expired", "run status");
    }
    return journal::runStatusName(status);
}

QString RunMessages::symbolStatusText(journal::SymbolStatus status)
{
    switch (status) {
    case journal::SymbolStatus::Pending:
        return tr("pending", "symbol status");
    case journal::SymbolStatus::InProgress:
        return tr("in_progress", "symbol status");
    case journal::SymbolStatus::Completed:
        return tr("completed", "symbol status");
    case journal::SymbolStatus::Failed:
        return tr("failed", "symbol status");
    case journal::SymbolStatus::Skipped:
        return tr("skipped", "symbol status");
    }
    return journal::symbolStatusName(status);
}

QString RunMessages::phase(const sync::ProgressSnapshot& s)
{
    using Phase = sync::Phase;
    const QString inserted = s.tradesInserted == 1
                                 ? tr("1 trade inserted so far")
                                 : tr("%1 trades inserted so far").arg(count(s.tradesInserted));
    switch (s.phase) {
    case Phase::Preflight:
        return tr("Checking the exchange clock and limits…");
    case Phase::Income:
        return tr("Fetching the income ledger…");
    case Phase::Symbols: {
        QString names = s.currentSymbols.mid(0, 2).join(QStringLiteral(", "));
        if (s.currentSymbols.size() > 2 || (!names.isEmpty() && s.batchIndex < s.batchCount))
            names += QStringLiteral("…");
        return tr("Processing %1 (batch %2/%3) — %4")
            .arg(names, count(s.batchIndex), count(s.batchCount), inserted);
    }
    case Phase::Finalizing:
        return tr("Reconciling and writing the report — %1").arg(inserted);
    case Phase::Done:
        return tr("Done — %1").arg(inserted);
    }
    return s.phaseLine();
}

} // namespace fb::ui
