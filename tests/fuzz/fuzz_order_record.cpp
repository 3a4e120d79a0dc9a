// Fuzzes a page of GET /fapi/v1/allOrders: parseOrderList (splitter + Order::fromJson).
#include "fuzz_records.h"

#include "sync/binance/responses.h"

namespace {

bool same(const fb::Order& a, const fb::Order& b)
{
    using fb::fuzz::sameText;
    return a.symbol == b.symbol && a.orderId == b.orderId && a.clientOrderId == b.clientOrderId &&
           a.status == b.status && sameText(a.price, b.price) && sameText(a.avgPrice, b.avgPrice) &&
           sameText(a.origQty, b.origQty) && sameText(a.executedQty, b.executedQty) &&
           sameText(a.cumQuote, b.cumQuote) && a.timeInForce == b.timeInForce && a.type == b.type &&
           a.origType == b.origType && a.reduceOnly == b.reduceOnly &&
           a.closePosition == b.closePosition && a.side == b.side &&
           a.positionSide == b.positionSide && sameText(a.stopPrice, b.stopPrice) &&
           a.workingType == b.workingType && a.priceProtect == b.priceProtect &&
           a.priceMatch == b.priceMatch && a.selfTradePreventionMode == b.selfTradePreventionMode &&
           a.goodTillDate == b.goodTillDate && a.time == b.time && a.updateTime == b.updateTime &&
           sameText(a.activatePrice, b.activatePrice) && sameText(a.priceRate, b.priceRate);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fb::fuzz::fuzzRecordPage<fb::Order>(data, size, fb::binance::parseOrderList, same);
    return 0;
}
