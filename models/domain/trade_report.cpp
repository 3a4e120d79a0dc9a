#include "models/domain/trade_report.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace fb {

namespace {

constexpr int kPlaces = 8;
constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kJulianDayOfEpoch = 2'440'588; // 1970-01-01

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

const char* const kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};

// Upper bounds (exclusive) of the holding-time buckets, in ms; the last bucket is open-ended.
constexpr qint64 kBucketEnds[] = {60'000,     300'000,    900'000,    3'600'000,
                                  14'400'000, 86'400'000, 604'800'000};
const char* const kBucketLabels[] = {"under 1 min", "1-5 min", "5-15 min", "15-60 min",
                                     "1-4 h",       "4-24 h",  "1-7 days", "7 days or more"};

QString noneLabel(ReportBy by)
{
    switch (by) {
    case ReportBy::Setup:
        return QStringLiteral("(no setup)");
    case ReportBy::Tag:
        return QStringLiteral("(no tag)");
    case ReportBy::Mistake:
        return QStringLiteral("(no mistake)");
    default:
        return QStringLiteral("(none)");
    }
}

} // namespace

std::optional<ReportBy> reportByFromName(const QString& name)
{
    static const std::pair<const char*, ReportBy> names[] = {
        {"symbol", ReportBy::Symbol},   {"side", ReportBy::Side},
        {"setup", ReportBy::Setup},     {"tag", ReportBy::Tag},
        {"mistake", ReportBy::Mistake}, {"weekday", ReportBy::Weekday},
        {"hour", ReportBy::Hour},       {"duration", ReportBy::Duration}};
    for (const auto& [text, by] : names) {
        if (name == QLatin1String(text))
            return by;
    }
    return std::nullopt;
}

QString reportByName(ReportBy by)
{
    switch (by) {
    case ReportBy::Symbol:
        return QStringLiteral("symbol");
    case ReportBy::Side:
        return QStringLiteral("side");
    case ReportBy::Setup:
        return QStringLiteral("setup");
    case ReportBy::Tag:
        return QStringLiteral("tag");
    case ReportBy::Mistake:
        return QStringLiteral("mistake");
    case ReportBy::Weekday:
        return QStringLiteral("weekday");
    case ReportBy::Hour:
        return QStringLiteral("hour");
    case ReportBy::Duration:
        return QStringLiteral("duration");
    case ReportBy::Day:
        return QStringLiteral("day");
    }
    return QString();
}

QString reportByTitle(ReportBy by)
{
    switch (by) {
    case ReportBy::Symbol:
        return QStringLiteral("Symbol");
    case ReportBy::Side:
        return QStringLiteral("Direction");
    case ReportBy::Setup:
        return QStringLiteral("Setup");
    case ReportBy::Tag:
        return QStringLiteral("Tag");
    case ReportBy::Mistake:
        return QStringLiteral("Mistake");
    case ReportBy::Weekday:
        return QStringLiteral("Weekday (opened)");
    case ReportBy::Hour:
        return QStringLiteral("Hour opened");
    case ReportBy::Duration:
        return QStringLiteral("Holding time");
    case ReportBy::Day:
        return QStringLiteral("Day closed");
    }
    return QString();
}

void ReportFigures::add(const Decimal& net, const Decimal& tradeFees, const Decimal& tradeFunding,
                        const std::optional<Decimal>& r)
{
    addAmounts(net, tradeFees, tradeFunding, r);
    addOutcome(net.signum());
}

void ReportFigures::addAmounts(const Decimal& net, const Decimal& tradeFees,
                               const Decimal& tradeFunding, const std::optional<Decimal>& r)
{
    ++trades;
    if (r) {
        ++rTrades;
        rSum += *r;
    }
    netPnl += net;
    fees += tradeFees;
    funding += tradeFunding;
    if (net.isPositive()) {
        ++wins;
        grossProfit += net;
        if (!largestWin || net > *largestWin)
            largestWin = net;
    } else if (net.isNegative()) {
        ++losses;
        grossLoss -= net;
        if (!largestLoss || net < *largestLoss)
            largestLoss = net;
    }
}

void ReportFigures::addOutcome(int sign)
{
    if (sign > 0) {
        currentStreak = currentStreak > 0 ? currentStreak + 1 : 1;
        longestWinStreak = std::max(longestWinStreak, currentStreak);
    } else if (sign < 0) {
        currentStreak = currentStreak < 0 ? currentStreak - 1 : -1;
        longestLossStreak = std::max(longestLossStreak, -currentStreak);
    } else {
        currentStreak = 0; // break-even ends either streak
    }
}

void ReportFigures::merge(const ReportFigures& other)
{
    trades += other.trades;
    wins += other.wins;
    losses += other.losses;
    netPnl += other.netPnl;
    grossProfit += other.grossProfit;
    grossLoss += other.grossLoss;
    fees += other.fees;
    funding += other.funding;
    rTrades += other.rTrades;
    rSum += other.rSum;
    if (other.largestWin && (!largestWin || *other.largestWin > *largestWin))
        largestWin = other.largestWin;
    if (other.largestLoss && (!largestLoss || *other.largestLoss < *largestLoss))
        largestLoss = other.largestLoss;
}

std::optional<Decimal> ReportFigures::averageR() const
{
    if (rTrades == 0)
        return std::nullopt;
    return rSum.divide(Decimal::fromInt(rTrades), 2);
}

std::optional<Decimal> ReportFigures::winRatePercent() const
{
    if (trades == 0)
        return std::nullopt;
    return (Decimal::fromInt(wins) * Decimal::fromInt(100)).divide(Decimal::fromInt(trades), 2);
}

std::optional<Decimal> ReportFigures::profitFactor() const
{
    if (grossLoss.isZero())
        return std::nullopt;
    return grossProfit.divide(grossLoss, 2);
}

std::optional<Decimal> ReportFigures::expectancy() const
{
    if (trades == 0)
        return std::nullopt;
    return netPnl.divide(Decimal::fromInt(trades), kPlaces);
}

std::optional<Decimal> ReportFigures::averageWin() const
{
    if (wins == 0)
        return std::nullopt;
    return grossProfit.divide(Decimal::fromInt(wins), kPlaces);
}

std::optional<Decimal> ReportFigures::averageLoss() const
{
    if (losses == 0)
        return std::nullopt;
    return grossLoss.divide(Decimal::fromInt(losses), kPlaces);
}

ZoneOffsets::ZoneOffsets(const QTimeZone& zone)
    : m_zone(zone.isValid() ? zone : QTimeZone::utc())
{}

int ZoneOffsets::secondsAt(qint64 ms)
{
    if (ms >= m_from && ms < m_until)
        return m_offset;
    for (const Span& span : m_spans) {
        if (ms >= span.from && ms < span.until) {
            m_from = span.from;
            m_until = span.until;
            m_offset = span.offset;
            return m_offset;
        }
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    m_offset = m_zone.offsetFromUtc(at);
    m_from = std::numeric_limits<qint64>::min();
    m_until = std::numeric_limits<qint64>::max();
    if (m_zone.hasTransitions()) {
        const QTimeZone::OffsetData previous = m_zone.previousTransition(at.addMSecs(1));
        if (previous.atUtc.isValid())
            m_from = previous.atUtc.toMSecsSinceEpoch();
        const QTimeZone::OffsetData next = m_zone.nextTransition(at);
        if (next.atUtc.isValid())
            m_until = next.atUtc.toMSecsSinceEpoch();
        if (m_from > ms || m_until <= ms) { // a zone whose data disagrees: ask every time
            m_from = 1;
            m_until = 0;
        }
    }
    if (m_from <= ms && ms < m_until && m_spans.size() < 256)
        m_spans.push_back(Span{m_from, m_until, m_offset});
    return m_offset;
}

ReportBuilder::ReportBuilder(ReportBy by, const QTimeZone& zone, bool includeUnknownEntry)
    : m_by(by)
    , m_includeUnknownEntry(includeUnknownEntry)
    , m_openOffsets(zone)
    , m_closeOffsets(zone)
{}

qint64 ReportBuilder::durationBucket(qint64 openMs, qint64 closeMs)
{
    const qint64 held = closeMs - openMs;
    qint64 bucket = 0;
    for (qint64 end : kBucketEnds) {
        if (held < end)
            return bucket;
        ++bucket;
    }
    return bucket;
}

QString ReportBuilder::durationBucketLabel(qint64 bucket)
{
    if (bucket < 0 || bucket >= qint64(std::size(kBucketLabels)))
        return QString();
    return QString::fromLatin1(kBucketLabels[bucket]);
}

ReportBuilder::Asset& ReportBuilder::assetFor(std::string_view name)
{
    for (Asset& asset : m_assets) {
        if (asset.name == name)
            return asset;
    }
    m_assets.push_back(Asset{std::string(name), {}, {}, {}});
    return m_assets.back();
}

qint64 ReportBuilder::numberKey(const ReportInput& row)
{
    switch (m_by) {
    case ReportBy::Weekday: {
        const qint64 local = row.openTime + qint64(m_openOffsets.secondsAt(row.openTime)) * 1000;
        return (floorDiv(local, kDayMs) + 3) % 7 + 1; // 1970-01-01 was a Thursday (4)
    }
    case ReportBy::Hour: {
        const qint64 local = row.openTime + qint64(m_openOffsets.secondsAt(row.openTime)) * 1000;
        return (local - floorDiv(local, kDayMs) * kDayMs) / 3'600'000;
    }
    case ReportBy::Duration:
        return durationBucket(row.openTime, row.closeTime);
    case ReportBy::Day: {
        const qint64 local = row.closeTime + qint64(m_closeOffsets.secondsAt(row.closeTime)) * 1000;
        return floorDiv(local, kDayMs) + kJulianDayOfEpoch;
    }
    default:
        return 0;
    }
}

bool ReportBuilder::admit(const ReportInput& row, bool& sameTrade)
{
    sameTrade = m_lastTradeId && *m_lastTradeId == row.tradeId;
    m_lastTradeId = row.tradeId;
    if (row.unknownEntry) {
        if (!sameTrade)
            ++m_unknownEntry;
        if (!m_includeUnknownEntry)
            return false;
    }
    return true;
}

ReportFigures& ReportBuilder::groupFor(Asset& asset, const ReportInput& row)
{
    switch (m_by) {
    case ReportBy::Symbol:
    case ReportBy::Side:
    case ReportBy::Setup:
    case ReportBy::Tag:
    case ReportBy::Mistake: {
        if (m_lastGroup && m_lastAsset == &asset && m_lastLabel == row.label)
            return *m_lastGroup;
        auto it = asset.byText.find(row.label);
        if (it == asset.byText.end())
            it = asset.byText.emplace(std::string(row.label), ReportFigures{}).first;
        m_lastAsset = &asset;
        m_lastLabel.assign(row.label);
        m_lastGroup = &it->second; // map nodes stay where they are
        return it->second;
    }
    default:
        return asset.byNumber[numberKey(row)];
    }
}

void ReportBuilder::add(const ReportInput& row)
{
    bool sameTrade = false;
    if (!admit(row, sameTrade))
        return;
    Asset& asset = assetFor(row.asset);
    if (!sameTrade)
        asset.total.add(row.netPnl, row.fees, row.funding, row.rMultiple);
    groupFor(asset, row).add(row.netPnl, row.fees, row.funding, row.rMultiple);
}

void ReportBuilder::addUnordered(const ReportInput& row)
{
    bool sameTrade = false;
    if (!admit(row, sameTrade))
        return;
    Asset& asset = assetFor(row.asset);
    ReportFigures* total = nullptr;
    if (!sameTrade) {
        total = &asset.total;
        total->addAmounts(row.netPnl, row.fees, row.funding, row.rMultiple);
    }
    ReportFigures& group = groupFor(asset, row);
    group.addAmounts(row.netPnl, row.fees, row.funding, row.rMultiple);
    m_outcomes.push_back(Outcome{row.closeTime, row.tradeId, quint32(m_outcomes.size()),
                                 row.netPnl.signum(), &group, total});
}

TradeReport ReportBuilder::finish()
{
    // The streaks of addUnordered()'s rows, in close-time order.
    std::sort(m_outcomes.begin(), m_outcomes.end(), [](const Outcome& a, const Outcome& b) {
        if (a.closeTime != b.closeTime)
            return a.closeTime < b.closeTime;
        return a.tradeId != b.tradeId ? a.tradeId < b.tradeId : a.seq < b.seq;
    });
    for (const Outcome& o : m_outcomes) {
        o.group->addOutcome(o.sign);
        if (o.total)
            o.total->addOutcome(o.sign);
    }
    m_outcomes = {};
    TradeReport report;
    report.by = m_by;
    report.unknownEntryTrades = m_unknownEntry;
    report.unknownEntryIncluded = m_includeUnknownEntry;
    std::sort(m_assets.begin(), m_assets.end(),
              [](const Asset& a, const Asset& b) { return a.name < b.name; });
    for (Asset& asset : m_assets) {
        AssetReport out;
        out.asset = QString::fromStdString(asset.name);
        out.total = asset.total;
        std::optional<ReportRow> none;
        for (auto& [text, figures] : asset.byText) {
            ReportRow row{QString::fromStdString(text), 0, figures};
            if (text.empty()) {
                row.label = noneLabel(m_by);
                none = row; // listed last
            } else {
                out.rows.append(row);
            }
        }
        if (none)
            out.rows.append(*none);
        for (auto& [key, figures] : asset.byNumber) {
            ReportRow row{QString(), key, figures};
            switch (m_by) {
            case ReportBy::Weekday:
                row.label = QString::fromLatin1(kWeekdays[key - 1]);
                break;
            case ReportBy::Hour:
                row.label = QStringLiteral("%1:00").arg(key, 2, 10, QLatin1Char('0'));
                break;
            case ReportBy::Duration:
                row.label = durationBucketLabel(key);
                break;
            default:
                row.label = QDate::fromJulianDay(key).toString(Qt::ISODate);
                break;
            }
            out.rows.append(row);
        }
        report.assets.append(out);
    }
    return report;
}

MonthCalendar monthCalendar(const QDate& first, const TradeReport& byDay)
{
    MonthCalendar calendar;
    calendar.first = QDate(first.year(), first.month(), 1);
    calendar.unknownEntryTrades = byDay.unknownEntryTrades;
    const QDate last = calendar.first.addMonths(1).addDays(-1);
    for (const AssetReport& asset : byDay.assets) {
        AssetCalendar out;
        out.asset = asset.asset;
        for (const ReportRow& row : asset.rows) {
            const QDate date = QDate::fromJulianDay(row.key);
            if (date < calendar.first || date > last)
                continue;
            out.days.append(CalendarDay{date, row.figures});
            out.month.merge(row.figures);
            const QDate monday = date.addDays(1 - date.dayOfWeek());
            if (out.weeks.isEmpty() || out.weeks.last().monday != monday)
                out.weeks.append(CalendarWeek{monday, {}});
            out.weeks.last().figures.merge(row.figures);
        }
        if (out.month.trades > 0) {
            // The month's streaks come from the trades in order, not from merged days.
            out.month.longestWinStreak = asset.total.longestWinStreak;
            out.month.longestLossStreak = asset.total.longestLossStreak;
            calendar.assets.append(out);
        }
    }
    return calendar;
}

} // namespace fb
