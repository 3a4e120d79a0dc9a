// Fuzzes the parsers of the object-shaped answers the client reads before and around a sync:
// server time, exchangeInfo (the weight budget's limits), position mode, account, API key
// restrictions and the error body. Every input goes to all of them; each either refuses with a
// reason or returns values inside the ranges its callers rely on.
#include "fuzz_support.h"

#include "sync/binance/responses.h"

using namespace fb::binance;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body = fb::fuzz::bytes(data, size);
    QString error;

    const auto time = parseServerTime(body, &error);
    FUZZ_CHECK(time.has_value() == error.isEmpty());

    error.clear();
    const auto info = parseExchangeInfo(body, &error);
    FUZZ_CHECK(info.has_value() == error.isEmpty());
    if (info) {
        FUZZ_CHECK(info->requestWeightWindowMs > 0);
        FUZZ_CHECK(!info->requestWeightLimit || *info->requestWeightLimit > 0);
        for (const SymbolInfo& symbol : info->symbols)
            FUZZ_CHECK(!symbol.symbol.isEmpty() && !symbol.status.isEmpty());
    }

    error.clear();
    const auto dual = parsePositionMode(body, &error);
    FUZZ_CHECK(dual.has_value() == error.isEmpty());

    error.clear();
    const auto account = parseAccount(body, &error);
    FUZZ_CHECK(account.has_value() == error.isEmpty());

    error.clear();
    const auto restrictions = parseApiRestrictions(body, &error);
    FUZZ_CHECK(restrictions.has_value() == error.isEmpty());
    if (restrictions) {
        for (const QString& name : restrictions->dangerousPermissions())
            FUZZ_CHECK(restrictions->flags.value(name));
    }

    (void)parseErrorBody(body);
    return 0;
}
