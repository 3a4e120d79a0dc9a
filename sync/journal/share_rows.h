#pragma once
// What the replicator reads from the journal to share, and how a pulled change is applied
// (docs/sharing.md). Raw records travel as the exchange's JSON verbatim with their natural key;
// a trade as its stored row (column -> value). Applying a pulled annotation never queues it again.

#include "sync/journal/annotation_store.h"

#include <QString>
#include <QVector>

namespace fb::journal {

class Database;

struct SharedRecord
{
    QString kind;       // "fill", "order", "income"
    QString naturalKey; // fill/order: "SYMBOL:id"; income: "INCOME_TYPE:tranId"
    QString rawJson;
    int version = 1;
};

struct SharedTrade
{
    QString key;
    QString symbol;
    QString rowJson; // {"column": value, ...} of the trades row
};

// The raw records of an outbox `records` row: the fills and orders of (account, symbol), or the
// account's income when symbol is "".
QVector<SharedRecord> sharedRecords(Database& db, const QString& account, const QString& symbol);
// The trades of (account, symbol); none for symbol "".
QVector<SharedTrade> sharedTrades(Database& db, const QString& account, const QString& symbol);

// An annotation another device changed, as the desk server holds it.
struct PulledAnnotation
{
    Annotation annotation; // createdAt/updatedAt as the other device stored them
    bool deleted = false;
    QString originDevice;
    qint64 changeSeq = 0;
};

// The kind of conflict a pulled note raises when this device has an unshared edit of it.
inline constexpr QLatin1String kConflictSharedAnnotation{"shared_annotation"};

// Applies pulled annotations and moves the pull cursor to `cursor`, in one transaction. A trade
// key with an edit of this device still in the outbox keeps the local note and gets a
// `shared_annotation` conflict that holds the other version (nothing is overwritten). Returns
// how many conflicts it raised.
int applyPulledAnnotations(Database& db, const QVector<PulledAnnotation>& pulled, qint64 cursor);

} // namespace fb::journal
