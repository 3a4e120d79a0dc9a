#pragma once
// Shared helpers of the journal tests: the record builders of tests/support (records built from
// realistic exchange JSON, so `raw` is what the exchange client would store) and temporary
// journal paths.

#include "sync/journal/database.h"
#include "tests/support/records.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace fbtest {

inline QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

inline QString journalPath(const QTemporaryDir& dir, const char* name = "journal.sqlite")
{
    return dir.filePath(QLatin1String(name));
}

} // namespace fbtest
