#pragma once
// The journal's read side for reports, the P&L calendar and the trade table's summary row
// (issue 14): the Trades tab's filter (TradeQuery) turned into one streaming statement over the
// closed trades, read with the SQLite C API (a million trades in well under a second,
// tests/bench) and summed in exact decimals by models/domain/trade_report. Net PnL is the valued
// one where the trade has it (coalesce(net_pnl_valued, net_pnl)), fees the commission in the
// margin asset (valued where the trade has it), per margin asset, never summed across assets.

#include "models/domain/trade_report.h"
#include "sync/journal/trade_queries.h"

#include <QDate>
#include <QMap>
#include <QTimeZone>

namespace fb::journal {

class Database;

// Closed trades matching `query`, grouped by `by` (weekday and hour of the open time, holding
// time, Day: the close day) in `zone`. Trades with an unknown entry (INCOMPLETE_START) are left
// out unless `includeUnknownEntry`, and counted either way (docs/design.md D63).
TradeReport loadTradeReport(Database& db, const TradeQuery& query, ReportBy by,
                            const QTimeZone& zone, bool includeUnknownEntry);

// The month starting at `first` (its first day in `zone`): closed trades matching `query` whose
// close time falls in that month of `zone`, day by day, per margin asset.
MonthCalendar loadMonthCalendar(Database& db, const TradeQuery& query, const QDate& first,
                                const QTimeZone& zone, bool includeUnknownEntry);

// The summary row under the trade table: every trade matching the filter (open ones too),
// per margin asset.
struct TradeSummary
{
    qint64 trades = 0;
    qint64 openTrades = 0;
    Decimal netPnl;  // of every trade (an open trade's so far), as the Net column shows it
    Decimal fees;    // in the margin asset, valued where the trade has it
    Decimal funding; // signed
    qint64 closedTrades = 0;
    qint64 wins = 0;
    std::optional<Decimal> winRatePercent() const; // of the closed trades, 2 places
};
QMap<QString, TradeSummary> loadTradeSummary(Database& db, const TradeQuery& query);

// Daily journal notes (schema v9): one note per calendar day, written only by the trader.
QMap<QDate, QString> loadDayNotes(Database& db, const QDate& from, const QDate& to);
// Saves (or, when `notes` is empty after trimming, removes) the note of `day`.
void saveDayNote(Database& db, const QDate& day, const QString& notes, qint64 nowMs);

} // namespace fb::journal
