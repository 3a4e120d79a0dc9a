#include "sync/journal/journal_paths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace fb::journal {

QString defaultJournalPath(JournalFile which)
{
    const QString file = which == JournalFile::Demo ? QStringLiteral("demo.sqlite")
                                                    : QStringLiteral("journal.sqlite");
    const QDir data(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation));
    const QString shared = data.filePath(QStringLiteral("fillbook/") + file);
    const QString legacyDesktop = data.filePath(QStringLiteral("fillbook/fillbook/") + file);
    if (!QFileInfo::exists(shared) && QFileInfo::exists(legacyDesktop))
        return legacyDesktop;
    return shared;
}

} // namespace fb::journal
