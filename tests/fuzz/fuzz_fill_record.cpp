// Fuzzes a page of GET /fapi/v1/userTrades: parseFillList (splitter + Fill::fromJson).
#include "fuzz_records.h"

#include "sync/binance/responses.h"

namespace {

bool same(const fb::Fill& a, const fb::Fill& b)
{
    using fb::fuzz::sameText;
    return a.symbol == b.symbol && a.id == b.id && a.orderId == b.orderId && a.side == b.side &&
           sameText(a.price, b.price) && sameText(a.qty, b.qty) &&
           sameText(a.quoteQty, b.quoteQty) && sameText(a.realizedPnl, b.realizedPnl) &&
           sameText(a.commission, b.commission) && a.commissionAsset == b.commissionAsset &&
           a.marginAsset == b.marginAsset && a.time == b.time && a.positionSide == b.positionSide &&
           a.buyer == b.buyer && a.maker == b.maker;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fb::fuzz::fuzzRecordPage<fb::Fill>(data, size, fb::binance::parseFillList, same);
    return 0;
}
