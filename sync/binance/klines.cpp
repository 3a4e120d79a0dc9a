#include "sync/binance/klines.h"

#include "models/domain/records.h"
#include "sync/binance/json_array.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <limits>

namespace fb::binance {

int klinesWeight(int limit)
{
    if (limit < 100)
        return 1;
    if (limit < 500)
        return 2;
    if (limit <= 1000)
        return 5;
    return 10;
}

qint64 minuteOpen(qint64 ms)
{
    if (ms < std::numeric_limits<qint64>::min() + kMinuteMs)
        return ms; // no minute to floor to: nothing that far back is a candle
    qint64 rest = ms % kMinuteMs;
    if (rest < 0)
        rest += kMinuteMs;
    return ms - rest;
}

Request klinesRequest(const QString& pair, qint64 firstMinute, qint64 lastMinute)
{
    const KlineSpan span{firstMinute, lastMinute};
    QueryParams params;
    params.append({QStringLiteral("symbol"), pair});
    params.append({QStringLiteral("interval"), QStringLiteral("1m")});
    // Both bounds, always: with one alone the server's window is undocumented (API sheet §5.12).
    params.append({QStringLiteral("startTime"), QString::number(firstMinute)});
    params.append({QStringLiteral("endTime"), QString::number(lastMinute + kMinuteMs - 1)});
    params.append(
        {QStringLiteral("limit"), QString::number(std::clamp(span.candles(), 1, kKlinesMaxLimit))});
    return Request{Endpoint::Klines, params, pair};
}

namespace {

std::optional<Decimal> positivePrice(const QJsonValue& value)
{
    if (!value.isString()) // prices are decimal strings; a JSON number went through a double
        return std::nullopt;
    const auto d = Decimal::parse(value.toString());
    if (!d || d->signum() <= 0)
        return std::nullopt;
    return d;
}

std::optional<Kline> readKline(const QByteArray& element, QString* reason)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(element, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        *reason = QStringLiteral("not a JSON array");
        return std::nullopt;
    }
    const QJsonArray a = doc.array();
    if (a.size() < 7) {
        *reason = QStringLiteral("%1 fields, expected at least 7").arg(a.size());
        return std::nullopt;
    }
    Kline k;
    const auto open = json::toInt64(a.at(0));
    const auto close = json::toInt64(a.at(6));
    if (!open || !close || *open < 0 || *close < *open) {
        *reason = QStringLiteral("open or close time is not an exact time");
        return std::nullopt;
    }
    k.openTime = *open;
    k.closeTime = *close;
    std::array<Decimal*, 4> prices{&k.open, &k.high, &k.low, &k.close};
    for (int i = 0; i < 4; ++i) {
        const auto price = positivePrice(a.at(i + 1));
        if (!price) {
            *reason = QStringLiteral("price %1 is not a positive decimal string").arg(i + 1);
            return std::nullopt;
        }
        *prices[i] = *price;
    }
    if (minuteOpen(k.openTime) != k.openTime) {
        *reason = QStringLiteral("open time %1 is not the start of a minute").arg(k.openTime);
        return std::nullopt;
    }
    return k;
}

} // namespace

std::optional<KlinePage> parseKlineList(const QByteArray& body, QString* error)
{
    QString splitError;
    const auto elements = splitJsonArray(body, &splitError);
    if (!elements) {
        if (error)
            *error = splitError;
        return std::nullopt;
    }
    KlinePage page;
    page.klines.reserve(elements->size());
    for (qsizetype i = 0; i < elements->size(); ++i) {
        QString reason;
        if (auto k = readKline(elements->at(i), &reason))
            page.klines.append(*k);
        else
            page.unreadable.append(QStringLiteral("element %1: %2").arg(i).arg(reason));
    }
    return page;
}

QVector<KlineSpan> planKlineRequests(QVector<qint64> minutes)
{
    std::sort(minutes.begin(), minutes.end());
    minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());
    const qsizetype n = minutes.size();
    if (n == 0)
        return {};
    // best[i] = cheapest (weight, requests) cover of minutes[0, i); from[i] = where its last
    // span starts. The weight of a span depends only on its width, and best[] never decreases,
    // so for each weight class only the earliest start that still fits matters.
    constexpr std::array<int, 4> kClassWidth{99, 499, 1000, kKlinesMaxLimit};
    using Cost = std::pair<qint64, qint64>;
    QVector<Cost> best(n + 1, {std::numeric_limits<qint64>::max(), 0});
    QVector<qsizetype> from(n + 1, 0);
    best[0] = {0, 0};
    std::array<qsizetype, 4> start{0, 0, 0, 0};
    for (qsizetype i = 0; i < n; ++i) {
        for (size_t c = 0; c < kClassWidth.size(); ++c) {
            // Unsigned: the difference of two ordered 64-bit times always fits, never overflows.
            while ((quint64(minutes[i]) - quint64(minutes[start[c]])) / quint64(kMinuteMs) + 1 >
                   quint64(kClassWidth[c]))
                ++start[c];
            const qsizetype j = start[c];
            const KlineSpan span{minutes[j], minutes[i]};
            const Cost cost{best[j].first + span.weight(), best[j].second + 1};
            if (cost < best[i + 1]) {
                best[i + 1] = cost;
                from[i + 1] = j;
            }
        }
    }
    QVector<KlineSpan> spans;
    for (qsizetype end = n; end > 0; end = from[end])
        spans.append({minutes[from[end]], minutes[end - 1]});
    std::reverse(spans.begin(), spans.end());
    return spans;
}

} // namespace fb::binance
