#pragma once
// The process exit codes of fillbook-cli: one vocabulary for every command, documented in the
// README's table. The engine puts the code of a run's outcome in its RunSummary, the CLI returns
// it; the other commands use the same names. Codes 0 and 1 have two names each, one for sync
// and resume, one for the other commands: the numbers are what scripts see.
//
// A journal that cannot be used is the same code whatever the command: exitCodeFor() below is
// the one mapping from journal errors, used by the engine and by every CLI command.

#include "sync/journal/journal_error.h"

namespace fb::sync::exit_code {

inline constexpr int Ok = 0;                       // the command did what it was asked
inline constexpr int Completed = Ok;               // sync/resume: every symbol synced
inline constexpr int Failed = 1;                   // ran and failed: reconcile found differences,
                                                   // a damaged report, a journal error
inline constexpr int CompletedWithErrors = Failed; // sync/resume: some symbols failed
inline constexpr int Usage = 2;   // bad input: unknown run id, bad date, no journal at --db, ...
inline constexpr int Busy = 3;    // another sync holds the journal, took it over from this one,
                                  // or another program keeps it locked
inline constexpr int Auth = 4;    // key, secret, IP whitelist or permission
inline constexpr int Paused = 5;  // rate-limit ban, time or batch limit: resume later
inline constexpr int Offline = 6; // network unreachable
inline constexpr int Journal = 7; // the journal cannot be used: disk full, file size
                                  // limit, I/O error, damaged, or from a newer Fillbook
inline constexpr int Interrupted = 130; // SIGINT, SIGTERM or SIGHUP

// The code of a journal error, for every command. Too new a schema is 7, not 2: the command line
// is fine, the file is what this build cannot use (and a retry with other arguments would not
// help). A path that is no journal at all is 2: the user pointed --db at the wrong file.
inline int exitCodeFor(const journal::JournalError& error)
{
    using Kind = journal::JournalError::Kind;
    switch (error.kind()) {
    case Kind::Busy:
    case Kind::LockLost:
        return Busy;
    case Kind::Missing:
    case Kind::NotAJournal:
    case Kind::Usage:
        return Usage;
    case Kind::DiskFull:
    case Kind::Io:
    case Kind::Corrupt:
    case Kind::TooNew:
    case Kind::TooOld:
    case Kind::ReadOnly:
    case Kind::Constraint:
    case Kind::WrongThread:
    case Kind::Other:
        return Journal;
    }
    return Journal;
}

} // namespace fb::sync::exit_code
