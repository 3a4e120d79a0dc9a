#pragma once
// The process exit codes of fillbook-cli: one vocabulary for every command, documented in the
// README's table. The engine puts the code of a run's outcome in its RunSummary, the CLI returns
// it; the other commands use the same names. Codes 0 and 1 have two names each, one for sync
// and resume, one for the other commands: the numbers are what scripts see.

namespace fb::sync::exit_code {

inline constexpr int Ok = 0;                       // the command did what it was asked
inline constexpr int Completed = Ok;               // sync/resume: every symbol synced
inline constexpr int Failed = 1;                   // ran and failed: reconcile found differences,
                                                   // a damaged report, a journal error
inline constexpr int CompletedWithErrors = Failed; // sync/resume: some symbols failed
inline constexpr int Usage = 2;                    // bad input: unknown run id, bad date, ...
inline constexpr int Busy = 3;                     // another sync holds the journal
inline constexpr int Auth = 4;                     // key, secret, IP whitelist or permission
inline constexpr int Paused = 5;        // rate-limit ban, time or batch limit: resume later
inline constexpr int Offline = 6;       // network unreachable
inline constexpr int Journal = 7;       // the journal could not be written (disk full, I/O)
inline constexpr int Interrupted = 130; // SIGINT/SIGTERM

} // namespace fb::sync::exit_code
