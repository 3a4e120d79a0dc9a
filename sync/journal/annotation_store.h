#pragma once
// Layer 3 of docs/design.md §1.3: the trader's annotations, keyed by trade key. Never written by
// sync; every save, removal and re-attachment queues an outbox row in the same transaction
// (docs/sharing.md): a rebuild that removes a trade leaves its annotation in place (the trade
// store raises an `orphaned_annotation` conflict), and reattach() moves it to another trade.

#include "models/money/decimal.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

struct Annotation
{
    QString tradeKey;
    QString notes;
    QStringList tags;
    QString setup; // setup / strategy name
    std::optional<int> rating;
    QStringList mistakes;
    QStringList screenshotPaths;
    qint64 createdAt = 0; // set by save()
    qint64 updatedAt = 0; // set by save()
    // The trader's initial risk, overriding the one from the stops (docs/design.md D105);
    // in the trade's margin asset, positive. Last: positional initialisers stay valid. Not
    // shared through the desk yet.
    std::optional<Decimal> riskOverride;

    bool operator==(const Annotation& other) const = default;
};

class AnnotationStore
{
public:
    explicit AnnotationStore(Database& db);

    std::optional<Annotation> annotation(const QString& tradeKey);
    // Inserts or replaces the annotation of annotation.tradeKey; keeps the first createdAt and
    // stamps updatedAt. Returns the stored annotation.
    Annotation save(const Annotation& annotation);
    bool remove(const QString& tradeKey);
    QVector<Annotation> all();
    // Annotations whose trade key no longer exists.
    QStringList orphanedKeys();
    // Moves the annotation of fromKey to the existing trade toKey (which must not have one) and
    // resolves the orphaned_annotation conflicts of fromKey. Throws JournalError (Usage) when
    // that is not possible, saying why.
    void reattach(const QString& fromKey, const QString& toKey);

private:
    Database& m_db;
};

} // namespace fb::journal
