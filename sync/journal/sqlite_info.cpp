#include "sync/journal/sqlite_info.h"

#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"

#include <QSqlQuery>

namespace fb::journal {

QString sqliteVersion(Database& db)
{
    QSqlQuery q = sqlOn(db).run(QStringLiteral("SELECT sqlite_version()"), {},
                                QStringLiteral("read the SQLite version"));
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace fb::journal
