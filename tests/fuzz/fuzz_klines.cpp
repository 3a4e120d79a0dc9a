// Fuzzes the klines parser (GET /fapi/v1/klines, API sheet §5.12), which prices commission paid
// in BNB. A body that is not a JSON array is refused with a reason; otherwise every element is
// either a candle (kept) or set aside with its reason, never both, never dropped silently, and a
// kept candle has a minute-aligned open time, a close time after it and positive prices.
#include "fuzz_support.h"

#include "sync/binance/json_array.h"
#include "sync/binance/klines.h"

using namespace fb::binance;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body = fb::fuzz::bytes(data, size);
    QString error;
    const auto page = parseKlineList(body, &error);
    FUZZ_CHECK(page.has_value() == error.isEmpty());
    if (!page)
        return 0;
    const auto elements = splitJsonArray(body);
    FUZZ_CHECK(elements.has_value());
    FUZZ_CHECK(page->klines.size() + page->unreadable.size() == elements->size());
    for (const Kline& k : page->klines) {
        FUZZ_CHECK(minuteOpen(k.openTime) == k.openTime);
        FUZZ_CHECK(k.closeTime >= k.openTime);
        FUZZ_CHECK(k.open.isPositive() && k.high.isPositive() && k.low.isPositive() &&
                   k.close.isPositive());
        // The canonical text parses back to the same value (what the journal stores).
        const auto again = fb::Decimal::parse(k.close.toString());
        FUZZ_CHECK(again && *again == k.close);
    }
    for (const QString& reason : page->unreadable)
        FUZZ_CHECK(reason.startsWith(QLatin1String("element ")));
    // The planner over whatever minutes came back: every one covered, no span too wide.
    QVector<qint64> minutes;
    for (const Kline& k : page->klines)
        minutes << k.openTime;
    const auto spans = planKlineRequests(minutes);
    for (const KlineSpan& s : spans)
        FUZZ_CHECK(s.firstMinute <= s.lastMinute && s.candles() <= kKlinesMaxLimit);
    for (qint64 m : minutes) {
        bool covered = false;
        for (const KlineSpan& s : spans)
            covered = covered || (s.firstMinute <= m && m <= s.lastMinute);
        FUZZ_CHECK(covered);
    }
    return 0;
}
