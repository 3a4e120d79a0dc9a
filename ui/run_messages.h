#pragma once
// The desktop's own words for runs and waits, built from facts (status, counts, exit code,
// WaitNotice), never from the engine's sentences for the command line: the GUI points at its
// own buttons and tabs ("click Resume", "the Runs tab"), says records, trades and symbols where
// each is meant, and every string goes through tr() (the Indonesian translation, issue #15).

#include "sync/engine/progress_events.h"
#include "sync/engine/run_types.h"
#include "sync/journal/run_store.h"

#include <QCoreApplication>
#include <QString>

namespace fb::ui {

// How far a stored run got, from its symbol rows.
struct RunSymbolsDone
{
    int done = 0;  // completed, skipped or up to date
    int total = 0; // 0: the run stopped before it planned its symbols
};
RunSymbolsDone symbolsDone(const QVector<journal::RunSymbolRecord>& symbols);

class RunMessages
{
    Q_DECLARE_TR_FUNCTIONS(RunMessages)
public:
    // "Incomplete sync found — started 2026-12-05 10:12: 8 of 12 symbols done, 214,719 records
    // saved (64 %). …  Click Resume to continue, or Discard to leave it." (rich text)
    static QString incompleteRun(const journal::RunRecord& run, const RunSymbolsDone& symbols);
    // The line under the progress bar while a run goes ("Processing BTCUSDT, ETHUSDT… (batch
    // 2/6) — 120 trades inserted so far"), from the snapshot's facts.
    static QString phase(const sync::ProgressSnapshot& snapshot);
    // The line under the progress bar when a run ends.
    static QString finished(const sync::RunSummary& summary);
    // What a wait is for, with its countdown at nowMs ("Waiting 38 s for Binance's rate
    // limit"); empty when there is nothing to say (no wait, or one shorter than 2 s).
    static QString wait(const sync::WaitNotice& notice, qint64 nowMs);
    // The engine's sentence without the parts addressed to the command line.
    static QString withoutCliHints(const QString& message);
    // A run's or a symbol's status as the Runs tab shows it: the journal's name in English
    // ("completed_with_errors"), translated otherwise.
    static QString runStatusText(journal::RunStatus status);
    static QString symbolStatusText(journal::SymbolStatus status);
};

} // namespace fb::ui
