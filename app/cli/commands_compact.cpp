// `fillbook-cli compact`: gives the journal's free pages back to the file system (D173). The
// candle cache's evictions (D166) and pruned runs leave pages SQLite reuses but never returns;
// after lowering `candles --keep-minutes` (or Settings → Chart candles kept) a trader expects
// the file to shrink, and this is how. It holds the sync lock while it runs, so no sync starts
// meanwhile, and it refuses while one runs.

#include "app/cli/cli_common.h"
#include "sync/engine/exit_codes.h"
#include "sync/engine/lock_identity.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_compaction.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QLocale>

namespace fb::cli {

namespace {

QString megabytes(qint64 bytes)
{
    return QLocale::c().toString(double(bytes) / 1'000'000.0, 'f', 1) + QStringLiteral(" MB");
}

} // namespace

QList<QCommandLineOption> compactOptions()
{
    return {};
}

int runCompact(const QCommandLineParser&, Context& context)
{
    if (!openJournalForReading(context))
        return context.openFailure;
    try {
        journal::Database db(context.journalPath,
                             {journal::OpenMode::ReadWrite, QStringLiteral("cli"), true});
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString holderId = sync::makeHolderId();
        journal::SyncLock lock(db);
        const journal::LockAttempt attempt =
            lock.tryAcquire(sync::currentHolder(holderId, now), journal::kStaleLockMs, now);
        if (!attempt.acquired) {
            context.error(attempt.message + QStringLiteral(" Compact the journal once it ends."));
            return sync::exit_code::Busy;
        }
        // A run whose holder died is marked interrupted, as `status` would (it stays resumable).
        if (attempt.tookOverStale)
            sync::recoverStaleRuns(db, now);
        const journal::JournalSpace before = journal::journalSpace(db);
        journal::JournalSpace after;
        try {
            after = journal::compactJournal(db);
        } catch (const journal::JournalError&) {
            lock.release(holderId);
            throw;
        }
        lock.release(holderId);
        context.out << QStringLiteral("Compacted the journal at %1: %2 before, %3 now (%4 of "
                                      "free pages given back).\n")
                           .arg(context.journalPath, megabytes(before.bytes()),
                                megabytes(after.bytes()),
                                megabytes(std::max<qint64>(0, before.bytes() - after.bytes())));
        return sync::exit_code::Ok;
    } catch (const journal::JournalError& e) {
        if (e.kind() == journal::JournalError::Kind::DiskFull) {
            context.error(QStringLiteral("not enough free disk space to compact the journal at "
                                         "%1 (compacting writes a copy of it first); it is "
                                         "unchanged. Free some space and try again.")
                              .arg(context.journalPath));
            return sync::exit_code::Journal;
        }
        return context.journalError(e);
    }
}

} // namespace fb::cli
