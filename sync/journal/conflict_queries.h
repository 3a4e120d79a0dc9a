#pragma once
// The Conflicts tab's read side: a LIMITed list of open conflicts and the trades an orphaned
// annotation could belong to. Index-backed, LIMITed queries on a read-only connection.

#include "sync/journal/conflict_store.h"

#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

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
    QString marginAsset;
    bool holdsFirstFill = false; // the orphan's first fill is in this trade now: the likely heir
};

// What a conflict is about, in a trader's terms: symbol, side and time of the record (or of
// the orphaned note's first fill), read from the journal by the conflict's natural key. Fields
// stay empty when the record is not in the journal (an unreadable one, a key of another form).
struct ConflictSubject
{
    QString symbol;
    QString side;               // "BUY"/"SELL" (fills, orders), "LONG"/"SHORT" (notes), or empty
    QString recordLabel;        // "fill 6240193381", "order 8389765", "FUNDING_FEE 99120", "note"
    std::optional<qint64> time; // exchange time of the record, ms
};
ConflictSubject conflictSubject(Database& db, const Conflict& conflict);

// Open conflicts, oldest first, at most `limit` (a journal may hold thousands).
QVector<Conflict> loadOpenConflicts(Database& db, int limit);

// Trades of the orphan's account, symbol and side that could take its annotation: the one that
// now holds its first fill, then those opened nearest to that fill. Trades that already have an
// annotation are left out (re-attaching onto them is refused). Index-backed, LIMITed queries.
QVector<TradeCandidate> reattachCandidates(Database& db, const QString& orphanKey, int limit = 12);

} // namespace fb::journal
