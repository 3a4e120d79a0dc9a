#pragma once
// Exchange records that could not be read (docs/design.md §2.11), kept verbatim in
// `unreadable_records` with the parser's reason, and flagged: each key gets one open
// `unreadable_record` conflict, however often the exchange sends it again.

#include "models/domain/unreadable_record.h"

#include <QString>
#include <QVector>

namespace fb::journal {

class Database;

struct StoredUnreadable
{
    qint64 id = 0;
    QString account;
    QString recordKind;
    QString symbol;
    QString naturalKey;
    QByteArray rawJson;
    QString reason;
    qint64 firstSeenAt = 0;
    qint64 lastSeenAt = 0;
};

class UnreadableStore
{
public:
    explicit UnreadableStore(Database& db);

    // Stores each record (a text already stored for its key only has its last_seen_at moved)
    // and flags its key; joins the caller's transaction. Returns how many texts were new.
    int keep(const QVector<UnreadableRecord>& records, qint64 nowMs);
    // Oldest first.
    QVector<StoredUnreadable> list(const QString& account = {});

    // The record's natural key as RawStore writes it when the parts could be read, else
    // "account:unkeyed:<first 16 hex digits of the text's SHA-256>".
    static QString naturalKey(const UnreadableRecord& record);

private:
    Database& m_db;
};

} // namespace fb::journal
