#pragma once
// What the journal has fetched, per (account, stream, symbol) (docs/design.md §3.1, "Coverage is
// the checkpoint"): a gap-free covered time range and, for fills, the last fill id. The engine
// advances coverage in the same transaction that stores the data it covers.
//
// Streams are free text chosen by the engine ("income", "fills", "orders", ...); streams that
// are not per symbol use the symbol "".

#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

struct Coverage
{
    QString account;
    QString stream;
    QString symbol;         // "" for account-wide streams
    qint64 coveredFrom = 0; // ms UTC, inclusive
    qint64 coveredTo = 0;   // ms UTC, inclusive
    std::optional<qint64> lastId;
    qint64 updatedAt = 0; // stamped by setCoverage()

    bool operator==(const Coverage& other) const = default;
};

class CoverageStore
{
public:
    explicit CoverageStore(Database& db);

    std::optional<Coverage> coverage(const QString& account, const QString& stream,
                                     const QString& symbol = {});
    // Inserts or replaces the coverage row (coveredFrom must not exceed coveredTo).
    void setCoverage(const Coverage& coverage);
    // Ordered by stream, then symbol.
    QVector<Coverage> list(const QString& account, const QString& stream = {});
    bool remove(const QString& account, const QString& stream, const QString& symbol = {});

private:
    Database& m_db;
};

} // namespace fb::journal
