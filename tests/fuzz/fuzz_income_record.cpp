// Fuzzes a page of GET /fapi/v1/income: parseIncomeList (splitter + Income::fromJson).
#include "fuzz_records.h"

#include "sync/binance/responses.h"

namespace {

bool same(const fb::Income& a, const fb::Income& b)
{
    return a.symbol == b.symbol && a.incomeType == b.incomeType &&
           fb::fuzz::sameText(a.income, b.income) && a.asset == b.asset && a.info == b.info &&
           a.time == b.time && a.tranId == b.tranId && a.tradeId == b.tradeId;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fb::fuzz::fuzzRecordPage<fb::Income>(data, size, fb::binance::parseIncomeList, same);
    return 0;
}
