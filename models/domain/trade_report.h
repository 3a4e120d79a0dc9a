#pragma once
// Reports and the P&L calendar (issue 14, docs/design.md "Reports and calendar"): closed trades
// grouped by one dimension, per margin asset (amounts in USDT and USDC are never added), in
// exact decimals, in the display time zone. Pure: the journal (sync/journal/report_queries)
// streams rows into a ReportBuilder; nothing here reads a database.

#include "models/money/decimal.h"

#include <QDate>
#include <QString>
#include <QTimeZone>
#include <QVector>

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fb {

// What a report groups by. Day is the calendar's grouping (the close day), not a CLI --by value.
enum class ReportBy { Symbol, Side, Setup, Tag, Mistake, Weekday, Hour, Duration, Day };

// "symbol", "side", ... (the CLI's --by values); nullopt for an unknown name.
std::optional<ReportBy> reportByFromName(const QString& name);
QString reportByName(ReportBy by);
// "Symbol", "Side", "Hour of day", ... for column headers.
QString reportByTitle(ReportBy by);

// The figures of a set of closed trades, all in one margin asset.
struct ReportFigures
{
    qint64 trades = 0;
    qint64 wins = 0;   // net PnL > 0
    qint64 losses = 0; // net PnL < 0 (a trade at exactly zero is neither)
    Decimal netPnl;
    Decimal grossProfit; // sum of winning net PnL
    Decimal grossLoss;   // sum of losing net PnL, as a positive number
    Decimal fees;        // commission in the margin asset (valued where the trade has it)
    Decimal funding;     // signed: negative is paid
    std::optional<Decimal> largestWin;
    std::optional<Decimal> largestLoss; // negative
    int longestWinStreak = 0;
    int longestLossStreak = 0;
    int currentStreak = 0; // > 0: wins in a row, < 0: losses in a row (by close time)
    // Trades with an R multiple (docs/design.md D104) and the sum of their R.
    qint64 rTrades = 0;
    Decimal rSum;

    void add(const Decimal& net, const Decimal& tradeFees, const Decimal& tradeFunding,
             const std::optional<Decimal>& r = std::nullopt);
    // add() in two parts: the counts and amounts (any order), and the streaks (close-time order;
    // sign of the trade's net PnL: 1 win, -1 loss, 0 break-even).
    void addAmounts(const Decimal& net, const Decimal& tradeFees, const Decimal& tradeFunding,
                    const std::optional<Decimal>& r = std::nullopt);
    void addOutcome(int sign);
    // Adds another set's counts and amounts (largest win/loss too); streaks are not merged
    // (they need the trades' order), so a merged set's streaks stay as they were.
    void merge(const ReportFigures& other);

    std::optional<Decimal> winRatePercent() const; // 2 places; none without trades
    std::optional<Decimal> profitFactor() const;   // 2 places; none without a loss
    std::optional<Decimal> expectancy() const;     // net per trade, 8 places
    std::optional<Decimal> averageWin() const;     // 8 places
    std::optional<Decimal> averageLoss() const;    // positive, 8 places
    // Over the trades that have an R only; 2 places; none when no trade has one.
    std::optional<Decimal> averageR() const;
};

struct ReportRow
{
    QString label;  // "BTCUSDT", "LONG", "Monday", "14:00", "1-4 h", "2025-11-03", "(no tag)"
    qint64 key = 0; // the order of numeric groups (weekday 1-7, hour, bucket, Julian day)
    ReportFigures figures;
};

struct AssetReport
{
    QString asset;
    ReportFigures total; // every trade once (a trade with two tags counts once here)
    QVector<ReportRow> rows;
};

struct TradeReport
{
    ReportBy by = ReportBy::Symbol;
    QVector<AssetReport> assets;   // by asset name
    qint64 unknownEntryTrades = 0; // closed INCOMPLETE_START trades matching the filter
    bool unknownEntryIncluded = false;
};

// One closed trade (or, grouped by tag or mistake, one of its labels: the rows of one trade come
// one after the other with the same tradeId). Rows must come in close-time order for streaks.
struct ReportInput
{
    qint64 tradeId = 0;
    qint64 openTime = 0;
    qint64 closeTime = 0;
    std::string_view asset;
    std::string_view label; // symbol, direction, setup, tag or mistake; empty: none
    Decimal netPnl;
    Decimal fees;
    Decimal funding;
    bool unknownEntry = false;
    std::optional<Decimal> rMultiple; // none: no stop and no override
};

// UTC offset of a zone at an instant, remembering the span between two transitions so that a
// million timestamps in time order cost a handful of QTimeZone look-ups.
// The spans already seen are kept (a zone has two a year), so timestamps in any order cost
// about as little.
class ZoneOffsets
{
public:
    explicit ZoneOffsets(const QTimeZone& zone);
    int secondsAt(qint64 ms);

private:
    struct Span
    {
        qint64 from; // [from, until): offset holds
        qint64 until;
        int offset;
    };
    QTimeZone m_zone;
    qint64 m_from = 1; // the span of the last look-up; empty at first
    qint64 m_until = 0;
    int m_offset = 0;
    std::vector<Span> m_spans;
};

class ReportBuilder
{
public:
    ReportBuilder(ReportBy by, const QTimeZone& zone, bool includeUnknownEntry);
    // Rows in close-time order.
    void add(const ReportInput& row);
    // Rows in any order (the rows of one trade still one after the other): counts and amounts
    // are summed at once, and finish() replays the wins and losses in close-time order (ties:
    // tradeId, then the order rows came in) for the streaks. What the journal's report query
    // streams: sorting whole rows, or reading them through the close-time index, cost seconds
    // on a million trades. Not to be mixed with add() in one report.
    void addUnordered(const ReportInput& row);
    TradeReport finish();

    // The group of a trade for the time-based groupings (pure, for tests and the CLI).
    static qint64 durationBucket(qint64 openMs, qint64 closeMs);
    static QString durationBucketLabel(qint64 bucket);

private:
    struct Asset
    {
        std::string name;
        ReportFigures total;
        std::map<std::string, ReportFigures, std::less<>> byText;
        std::map<qint64, ReportFigures> byNumber;
    };
    // A win, loss or break-even of addUnordered(), replayed in order by finish().
    struct Outcome
    {
        qint64 closeTime;
        qint64 tradeId;
        quint32 seq;
        int sign;
        ReportFigures* group;
        ReportFigures* total; // null for a trade's second and later label rows
    };
    Asset& assetFor(std::string_view name);
    qint64 numberKey(const ReportInput& row);
    // The figures of the row's group (label or number) in `asset`, made when new.
    ReportFigures& groupFor(Asset& asset, const ReportInput& row);
    // Counts the trade's entry state; false when the row is left out.
    bool admit(const ReportInput& row, bool& sameTrade);

    ReportBy m_by;
    bool m_includeUnknownEntry;
    ZoneOffsets m_openOffsets;
    ZoneOffsets m_closeOffsets;
    std::deque<Asset> m_assets; // a deque: the Outcomes point into it
    qint64 m_unknownEntry = 0;
    std::optional<qint64> m_lastTradeId;
    std::vector<Outcome> m_outcomes;
    // The last label's group, looked up again for most rows of a symbol.
    const Asset* m_lastAsset = nullptr;
    std::string m_lastLabel;
    ReportFigures* m_lastGroup = nullptr;
};

// The calendar of one month: each day's figures per asset, week totals (weeks start on Monday)
// and the month total, from a TradeReport grouped by Day.
struct CalendarDay
{
    QDate date;
    ReportFigures figures;
};
struct CalendarWeek
{
    QDate monday;
    ReportFigures figures; // the days of this week inside the month
};
struct AssetCalendar
{
    QString asset;
    QVector<CalendarDay> days; // only days with trades, in order
    QVector<CalendarWeek> weeks;
    ReportFigures month;
};
struct MonthCalendar
{
    QDate first; // the first day of the month
    QVector<AssetCalendar> assets;
    qint64 unknownEntryTrades = 0;
};
MonthCalendar monthCalendar(const QDate& first, const TradeReport& byDay);

} // namespace fb
