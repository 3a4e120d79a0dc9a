#include "app/cli/cli_common.h"

#include "sync/journal/journal_error.h"

#include <QDateTime>

namespace fb::cli {

using fb::journal::JournalError;

void Context::error(const QString& sentence)
{
    err << QStringLiteral("fillbook-cli: ") << sentence << Qt::endl;
}

std::unique_ptr<fb::journal::Database> openJournalForReading(Context& context)
{
    fb::journal::OpenOptions options;
    options.mode = fb::journal::OpenMode::ReadOnly;
    options.purpose = QStringLiteral("cli");
    try {
        return std::make_unique<fb::journal::Database>(context.journalPath, options);
    } catch (const JournalError& error) {
        switch (error.kind()) {
        case JournalError::Kind::Missing:
            context.error(QStringLiteral("no journal at %1 \u2014 run 'fillbook-cli sync' first, "
                                         "or pass --db PATH.")
                              .arg(context.journalPath));
            break;
        case JournalError::Kind::Io:
        case JournalError::Kind::ReadOnly:
            context.error(QStringLiteral("cannot read the journal at %1 \u2014 check its "
                                         "permissions, or pass --db PATH. (%2)")
                              .arg(context.journalPath, error.message()));
            break;
        default:
            // TooNew, TooOld, NotAJournal, Busy...: the journal's own sentence says it best.
            context.error(error.message());
            break;
        }
        return nullptr;
    }
}

QString formatUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace fb::cli
