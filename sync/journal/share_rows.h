#pragma once
// What the replicator reads from the journal to share, and how a pulled change is applied
// (docs/sharing.md). Raw records travel as the exchange's JSON verbatim with their natural key;
// a trade as its stored row (column -> value). Applying a pulled annotation never queues it again.

#include "sync/journal/annotation_store.h"
#include "sync/journal/note_versions.h"

#include <QString>
#include <QVector>

class QSqlQuery;

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

namespace detail {
// Appends the trades rows `query` returns (SELECT * FROM trades ...) as shared trades.
void readSharedTrades(QSqlQuery& query, const QString& symbol, QVector<SharedTrade>& out);
} // namespace detail

// A note (trade annotation or daily note) another device changed, as the desk server holds it.
struct PulledAnnotation
{
    NoteKind noteKind = NoteKind::Trade;
    Annotation annotation; // tradeKey = the note's key; times as the other device stored them
    bool deleted = false;
    QString originDevice;
    qint64 changeSeq = 0;
    VersionVector vector;
};

// The kinds of conflict a pulled version raises when it is concurrent with the local one.
inline constexpr QLatin1String kConflictSharedAnnotation{"shared_annotation"};
inline constexpr QLatin1String kConflictSharedDayNote{"shared_day_note"};

// How applyPulledAnnotations treated a page.
struct PullOutcome
{
    int applied = 0;   // the pulled version dominated: it replaced the local note
    int ignored = 0;   // the local version dominates it or is the same version
    int conflicts = 0; // concurrent: both kept (note_conflicts), a conflict raised or renewed
    int resolved = 0;  // open conflicts another device's resolution settled
};

// Applies pulled notes by their version vectors and moves the pull cursor to `cursor`, in one
// transaction (docs/sharing.md): a pulled version that dominates replaces the local note (and
// settles an open conflict it has seen); one that is dominated, or the same version, is
// ignored; a concurrent one is kept beside the local note as a conflict — never overwritten.
PullOutcome applyPulledAnnotations(Database& db, const QVector<PulledAnnotation>& pulled,
                                   qint64 cursor);

} // namespace fb::journal
