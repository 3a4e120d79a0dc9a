#pragma once
// What the Conflicts tab reads and does, on the public journal API (sync/journal is not ours to
// change): a LIMITed list of open conflicts, the trades an orphaned annotation could belong to,
// and the three resolutions — acknowledge a changed exchange record, re-attach an orphaned
// annotation to a trade the user chose, or delete it when the user explicitly asks.

#include "sync/journal/conflict_store.h"

#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {
class Database;
}

namespace fb::ui {

// account:symbol:positionSide:firstFillId, parsed from the right (an account label may hold ':').
struct TradeKeyParts
{
    QString account;
    QString symbol;
    QString positionSide;
    qint64 firstFillId = 0;
};
std::optional<TradeKeyParts> parseTradeKey(const QString& key);

struct TradeCandidate
{
    QString key;
    QString direction;
    qint64 openTime = 0;
    std::optional<qint64> closeTime;
    QString netPnl;
    bool holdsFirstFill = false; // the orphan's first fill is in this trade now: the likely heir
};

// Open conflicts, oldest first, at most `limit` (a journal may hold thousands).
QVector<journal::Conflict> loadOpenConflicts(journal::Database& db, int limit);

// Trades of the orphan's account, symbol and side that could take its annotation: the one that
// now holds its first fill, then those opened nearest to that fill. Trades that already have an
// annotation are left out (re-attaching onto them is refused). Index-backed, LIMITed queries.
QVector<TradeCandidate> reattachCandidates(journal::Database& db, const QString& orphanKey,
                                           int limit = 12);

// The resolutions, on the UI's read-write connection. Each throws journal::JournalError.
void acknowledgeChangedRecord(journal::Database& db, qint64 conflictId);
void reattachAnnotation(journal::Database& db, const QString& fromKey, const QString& toKey);
// Removes the annotation and resolves its orphaned_annotation conflicts, in one transaction.
void deleteOrphanedAnnotation(journal::Database& db, const QString& tradeKey);

} // namespace fb::ui
