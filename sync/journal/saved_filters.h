#pragma once
// Saved filters (issue 14, schema v16): a named set of the Trades tab's filters, kept in the
// journal so that the desktop and `fillbook-cli --filter NAME` read the same ones
// (docs/design.md D138). Written only by the trader; sync never touches them.
//
// Stored as JSON of the filter's fields (account, symbols, direction, status, outcome, opened
// from/to, tags, text in notes). The calendar's day and the sort are not part of a saved filter:
// the day is a click, the sort a view's.

#include "sync/journal/trade_queries.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <optional>

namespace fb::journal {

class Database;

struct SavedFilter
{
    QString name;
    TradeQuery query;
    qint64 updatedAt = 0;
};

// The filter's fields as the JSON stored (compact, keys sorted), and back. fromJson ignores
// fields it does not know; nullopt when the text is not a JSON object.
QByteArray savedFilterJson(const TradeQuery& query);
std::optional<TradeQuery> savedFilterFromJson(const QByteArray& json);

class SavedFilterStore
{
public:
    explicit SavedFilterStore(Database& db);

    // By name, ignoring case (names are compared as the trader types them).
    QVector<SavedFilter> list();
    std::optional<SavedFilter> find(const QString& name);
    // Adds or replaces the filter of that name (an existing name keeps its spelling).
    void save(const QString& name, const TradeQuery& query, qint64 nowMs);
    bool remove(const QString& name);

private:
    Database& m_db;
};

} // namespace fb::journal
