#pragma once
// The desktop's CSV export: the columns of the stable export format (docs/design.md §5.4),
// unchanged and in their order, then the journal's own columns at the end (§5.6): the
// annotation (notes, tags, setup, rating, mistakes) and the open and close times as ISO-8601 in
// the display time zone. Never a column changed or dropped; new ones only ever at the end.

#include "ui/models/trade_list.h"

#include <QStringList>
#include <QTimeZone>

namespace fb::journal {
class Database;
}

namespace fb::ui {

// The columns added after §5.4's, in order.
QStringList journalExportColumns();

// Writes the trades matching `query` (oldest open time first, §5.1) to `path` atomically.
// Returns the number of trades, or -1 with *error set.
int exportTradesCsv(journal::Database& db, const TradeQuery& query, const QTimeZone& zone,
                    const QString& path, QString* error);

} // namespace fb::ui
