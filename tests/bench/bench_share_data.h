#pragma once
// The sharing benchmark's journals (issue 13), built straight through the journal API rather
// than a sync (a full sync of a million fills takes far too long): each change writes its outbox
// row in the same transaction, as the application does, so the replicator finds exactly what a
// synced and annotated journal would queue.

#include <QString>

namespace fb::bench {

struct RecordsJournal
{
    qint64 fills = 0;
    qint64 orders = 0;
    qint64 income = 0;
    qint64 trades = 0;
    qint64 outboxRows = 0;
    double seconds = 0; // building it (not part of any rate)
};

// `count` trade notes (text, tags, setup, rating, mistakes), each saved by AnnotationStore::save
// (its version-vector bump and outbox row in the same transaction), 10,000 per transaction.
// Returns the seconds it took.
double buildAnnotationJournal(const QString& path, int count);

// Account "main": `fills` fills over `symbols` symbols from the bench's deterministic generator,
// one FILLED order per order id the fills name, one COMMISSION income row per fill and one
// REALIZED_PNL row per fill that realised something, and each symbol's trades rebuilt by the
// journal's own lifecycle code; one transaction per symbol with its outbox `records` row, and
// one for the income.
RecordsJournal buildRecordsJournal(const QString& path, int fills, int symbols);

} // namespace fb::bench
