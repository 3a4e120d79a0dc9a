// Fuzzes a page of GET /fapi/v3/positionRisk: parsePositionList (splitter + Position::fromJson).
#include "fuzz_records.h"

#include "sync/binance/responses.h"

namespace {

bool same(const fb::Position& a, const fb::Position& b)
{
    using fb::fuzz::sameText;
    return a.symbol == b.symbol && a.positionSide == b.positionSide &&
           sameText(a.positionAmt, b.positionAmt) && sameText(a.entryPrice, b.entryPrice) &&
           sameText(a.breakEvenPrice, b.breakEvenPrice) && sameText(a.markPrice, b.markPrice) &&
           sameText(a.unRealizedProfit, b.unRealizedProfit) &&
           sameText(a.liquidationPrice, b.liquidationPrice) && sameText(a.notional, b.notional) &&
           a.marginAsset == b.marginAsset && a.updateTime == b.updateTime;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fb::fuzz::fuzzRecordPage<fb::Position>(data, size, fb::binance::parsePositionList, same);
    return 0;
}
