#pragma once
// The statuses of a sync run and of its symbols (docs/design.md §3), owned by the journal that
// stores them: RunStore takes and returns these enums, the schema's CHECK constraints hold the
// same lower-case names, and nothing else spells a status by hand.

#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

enum class RunStatus {
    Running,
    Completed,
    CompletedWithErrors,
    Interrupted,
    Paused,
    Failed,
    Discarded,
    Expired,
};
QString runStatusName(RunStatus status); // "completed_with_errors", ...
std::optional<RunStatus> parseRunStatus(const QString& name);
// Interrupted and paused runs can be resumed; every other status is final or live.
inline bool isResumable(RunStatus s)
{
    return s == RunStatus::Interrupted || s == RunStatus::Paused;
}
// A run that finished with failed symbols: resuming it retries exactly those (docs/design.md
// §3.5). Not isResumable(): the banner and auto-resume leave it to the user to ask.
inline bool canRetryFailedSymbols(RunStatus s)
{
    return s == RunStatus::CompletedWithErrors;
}
// Finished: a run in one of these states never goes on by itself or changes again, except that
// the user may resume a completed_with_errors run to retry its failed symbols.
inline bool isFinished(RunStatus s)
{
    return s == RunStatus::Completed || s == RunStatus::CompletedWithErrors ||
           s == RunStatus::Failed || s == RunStatus::Discarded || s == RunStatus::Expired;
}

enum class SymbolStatus { Pending, InProgress, Completed, Failed, Skipped };
QString symbolStatusName(SymbolStatus status);
std::optional<SymbolStatus> parseSymbolStatus(const QString& name);

} // namespace fb::journal
