#pragma once
// Which rows of an outbox `records` change to share (docs/sharing.md, "What a push sends").
// A sync commit names the records it wrote and the trades it inserted, changed or removed; the
// push then reads and sends those rows alone instead of the symbol's (or the account's income's)
// whole history, so a push after an incremental sync costs what the sync wrote. An outbox row
// without a scope (rows queued before schema 19, the first share of a journal's history) means
// every row of its symbol, as before.
//
// Ids travel as decimal strings: never through a double (QJsonValue keeps numbers as double).

#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;
struct SharedRecord;
struct SharedTrade;

struct ShareScope
{
    QSet<qint64> fillIds;                 // of the outbox row's symbol
    QSet<qint64> orderIds;                // of the outbox row's symbol
    QSet<QPair<QString, qint64>> incomes; // (income type, tranId) of the account
    QSet<QString> tradeKeys;              // inserted, changed or removed since

    bool isEmpty() const;
    qsizetype size() const; // the rows it names
    void unite(const ShareScope& other);

    // {"fills":["1",...],"orders":[...],"income":[["COMMISSION","7"],...],"trades":[...]}
    QString toJson() const;
    // nullopt for text that is not such an object (the push then sends the whole symbol).
    static std::optional<ShareScope> fromJson(const QString& text);
};

// The scoped rows as they are now: records named and still stored (raw records are never
// deleted), and the named trades the journal still holds; `removedTradeKeys` gets the named
// trades it no longer holds (the server deletes those).
QVector<SharedRecord> sharedRecordsIn(Database& db, const QString& account, const QString& symbol,
                                      const ShareScope& scope);
QVector<SharedTrade> sharedTradesIn(Database& db, const QString& account, const QString& symbol,
                                    const ShareScope& scope, QStringList* removedTradeKeys);

} // namespace fb::journal
