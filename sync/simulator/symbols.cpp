#include "sync/simulator/symbols.h"

#include "models/domain/records.h"
#include "sync/simulator/random.h"

#include <QJsonArray>

#include <array>

namespace fb::sim {
namespace {

// Reference prices of well-known perpetuals (rough, they only anchor the random walk).
struct KnownBase
{
    const char* base;
    const char* price;
};
constexpr std::array<KnownBase, 48> kKnown{{
    {"BTC", "68000"}, {"ETH", "3500"},       {"BNB", "600"},        {"SOL", "150"},
    {"XRP", "0.55"},  {"DOGE", "0.15"},      {"ADA", "0.45"},       {"AVAX", "35"},
    {"LINK", "15"},   {"1000PEPE", "0.012"}, {"DOT", "7"},          {"TRX", "0.12"},
    {"LTC", "80"},    {"BCH", "450"},        {"NEAR", "6"},         {"ATOM", "8"},
    {"UNI", "9"},     {"ETC", "25"},         {"FIL", "5.5"},        {"APT", "9"},
    {"ARB", "1.1"},   {"OP", "2.5"},         {"INJ", "25"},         {"SUI", "1.2"},
    {"SEI", "0.5"},   {"TIA", "9"},          {"AAVE", "110"},       {"MKR", "2500"},
    {"LDO", "2"},     {"RUNE", "5"},         {"1000SHIB", "0.024"}, {"WIF", "2.5"},
    {"ORDI", "40"},   {"STX", "2"},          {"IMX", "2"},          {"GRT", "0.25"},
    {"SAND", "0.45"}, {"MANA", "0.45"},      {"AXS", "7"},          {"APE", "1.3"},
    {"CRV", "0.45"},  {"DYDX", "2"},         {"FET", "1.5"},        {"RENDER", "7"},
    {"WLD", "5"},     {"JUP", "1"},          {"ENA", "0.8"},        {"TON", "6"},
}};

// More real perpetual bases; their reference price is drawn from a hash of the name.
constexpr std::array<const char*, 160> kMoreBases{{
    "PYTH",   "ONDO",   "NOT",     "1000BONK", "1000FLOKI", "GALA",   "CHZ",     "ENS",   "SNX",
    "COMP",   "YFI",    "SUSHI",   "1INCH",    "ZRX",       "BAT",    "ZEC",     "DASH",  "XMR",
    "XLM",    "XTZ",    "EOS",     "NEO",      "IOTA",      "ONT",    "QTUM",    "ICX",   "VET",
    "HBAR",   "ALGO",   "EGLD",    "THETA",    "KAVA",      "FTM",    "FLOW",    "MINA",  "ROSE",
    "CELO",   "ZIL",    "ONE",     "KSM",      "KNC",       "BAND",   "RLC",     "OCEAN", "STORJ",
    "ANKR",   "SKL",    "CTSI",    "LRC",      "CHR",       "ALICE",  "HOT",     "DENT",  "ZEN",
    "BAL",    "SXP",    "CELR",    "MTL",      "OGN",       "NKN",    "COTI",    "RSR",   "ARPA",
    "AR",     "MASK",   "C98",     "TLM",      "DUSK",      "ICP",    "PEOPLE",  "JASMY", "IOTX",
    "SFP",    "GMT",    "WOO",     "API3",     "LPT",       "ACH",    "HOOK",    "MAGIC", "HFT",
    "PHB",    "CFX",    "GMX",     "SSV",      "RDNT",      "ID",     "JOE",     "ARKM",  "BLUR",
    "EDU",    "PENDLE", "CYBER",   "LQTY",     "TRB",       "GAS",    "MEME",    "ACE",   "AI",
    "XAI",    "MANTA",  "ALT",     "JTO",      "DYM",       "PORTAL", "PIXEL",   "STRK",  "AEVO",
    "METIS",  "VANRY",  "OM",      "W",        "SAGA",      "TAO",    "BB",      "REZ",   "IO",
    "ZK",     "ZRO",    "LISTA",   "BANANA",   "POL",       "EIGEN",  "SCR",     "GOAT",  "MOVE",
    "ME",     "PENGU",  "VIRTUAL", "TRUMP",    "KAITO",     "LAYER",  "BERA",    "IP",    "S",
    "ANIME",  "VINE",   "COOKIE",  "SONIC",    "HYPE",      "AIXBT",  "CGPT",    "USUAL", "BIO",
    "D",      "SOLV",   "TST",     "RED",      "PARTI",     "NIL",    "MUBARAK", "FORM",  "BMT",
    "KERNEL", "WCT",    "INIT",    "SIGN",     "HAEDAL",    "SXT",    "DOOD",
}};

// Tick and step by price magnitude, following Binance's typical choices.
struct Grid
{
    const char* tick;
    const char* step;
    const char* maxQty;
};
Grid gridForPrice(const Decimal& price)
{
    if (price >= Decimal::fromInt(10000))
        return {"0.10", "0.001", "1000"};
    if (price >= Decimal::fromInt(1000))
        return {"0.01", "0.001", "10000"};
    if (price >= Decimal::fromInt(100))
        return {"0.010", "0.01", "100000"};
    if (price >= Decimal::fromInt(10))
        return {"0.001", "0.1", "1000000"};
    if (price >= Decimal::fromInt(1))
        return {"0.0001", "1", "10000000"};
    if (price >= *Decimal::parse(std::string_view("0.1")))
        return {"0.00001", "1", "50000000"};
    if (price >= *Decimal::parse(std::string_view("0.01")))
        return {"0.000001", "1", "100000000"};
    return {"0.0000001", "1", "800000000"};
}

Decimal dec(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

SymbolSpec makeSpec(const QString& base, const QString& quote, const Decimal& price, int index)
{
    const Grid grid = gridForPrice(price);
    SymbolSpec s;
    s.symbol = base + quote;
    s.baseAsset = base;
    s.quoteAsset = quote;
    s.tickSize = dec(grid.tick);
    s.stepSize = dec(grid.step);
    s.maxQty = dec(grid.maxQty);
    s.minNotional = (base == QLatin1String("BTC") || base == QLatin1String("ETH"))
                        ? Decimal::fromInt(100)
                        : Decimal::fromInt(5);
    // Snap the reference price onto the tick grid (exact: divide to 0 places, multiply back).
    const Decimal ticks = price.divide(s.tickSize, 0);
    s.referencePrice =
        Decimal::fromScaled(ticks.mantissa() * s.tickSize.mantissa(), s.tickSize.scale());
    s.markPrice = s.referencePrice;
    // Listing dates spread over 2019-2024; only shape matters.
    s.onboardDate = 1569398400000LL + static_cast<qint64>(index) * 86400000LL * 7;
    return s;
}

// A deterministic price for bases without a reference: 10^k * (1..9.99) from a name hash.
Decimal hashedPrice(const QString& base)
{
    std::uint64_t h = 0;
    for (QChar c : base)
        h = mix64(h, c.unicode());
    const int digits = 100 + static_cast<int>(h % 900);       // 1.00 .. 9.99
    const int exponent = static_cast<int>((h >> 20) % 6) - 3; // 10^-3 .. 10^2
    const Decimal mantissa = Decimal::fromScaled(digits, 2);
    if (exponent >= 0) {
        Decimal factor = Decimal::fromInt(1);
        for (int i = 0; i < exponent; ++i)
            factor = factor * Decimal::fromInt(10);
        return mantissa * factor;
    }
    return Decimal::fromScaled(mantissa.mantissa(), 2 - exponent);
}

QJsonObject filter(const char* type, std::initializer_list<std::pair<const char*, QJsonValue>> kv)
{
    QJsonObject o{{QStringLiteral("filterType"), QLatin1String(type)}};
    for (const auto& [key, value] : kv)
        o.insert(QLatin1String(key), value);
    return o;
}

} // namespace

QVector<SymbolSpec> symbolCatalog(int count)
{
    QVector<SymbolSpec> out;
    out.reserve(std::max(count, 0) + 2);
    int index = 0;
    auto add = [&](const QString& base, const QString& quote, const Decimal& price) {
        out.append(makeSpec(base, quote, price, index++));
    };
    const QString usdt = QStringLiteral("USDT");
    const QString usdc = QStringLiteral("USDC");
    for (const KnownBase& k : kKnown) {
        if (out.size() >= count)
            break;
        add(QLatin1String(k.base), usdt, dec(k.price));
        // "A couple of USDC ones" early in the list, so that small accounts have them too.
        if (out.size() == 5 && out.size() < count)
            add(QStringLiteral("BTC"), usdc, dec("68000"));
        if (out.size() == 12 && out.size() < count)
            add(QStringLiteral("ETH"), usdc, dec("3500"));
    }
    for (const char* base : kMoreBases) {
        if (out.size() >= count)
            break;
        add(QLatin1String(base), usdt, hashedPrice(QLatin1String(base)));
    }
    for (int n = 1; out.size() < count; ++n) {
        const QString base = QStringLiteral("SIM%1").arg(n, 3, 10, QLatin1Char('0'));
        add(base, usdt, hashedPrice(base));
    }
    return out;
}

SymbolSpec specForName(const QString& name, int priceScale, int qtyScale, const Decimal& lastPrice)
{
    const QVector<SymbolSpec> catalog = symbolCatalog(kKnown.size() + kMoreBases.size() + 2);
    for (const SymbolSpec& s : catalog) {
        if (s.symbol == name) {
            SymbolSpec copy = s;
            if (!lastPrice.isZero())
                copy.markPrice = lastPrice;
            return copy;
        }
    }
    const QString quote = marginAssetForSymbol(name);
    const QString base = name.section(QLatin1Char('_'), 0, 0).chopped(quote.size());
    SymbolSpec s = makeSpec(base.isEmpty() ? name : base, quote,
                            lastPrice.isZero() ? Decimal::fromInt(1) : lastPrice, 0);
    s.symbol = name;
    s.tickSize = Decimal::fromScaled(1, std::clamp(priceScale, 0, 10));
    s.stepSize = Decimal::fromScaled(1, std::clamp(qtyScale, 0, 10));
    if (!lastPrice.isZero()) {
        s.referencePrice = lastPrice;
        s.markPrice = lastPrice;
    }
    return s;
}

QJsonObject SymbolSpec::toExchangeInfoJson() const
{
    const QString minPrice = tickSize.toPlainString();
    const QJsonArray filters{
        filter("PRICE_FILTER", {{"minPrice", minPrice},
                                {"maxPrice", QStringLiteral("4529764")},
                                {"tickSize", tickSize.toPlainString()}}),
        filter("LOT_SIZE", {{"minQty", stepSize.toPlainString()},
                            {"maxQty", maxQty.toPlainString()},
                            {"stepSize", stepSize.toPlainString()}}),
        filter("MARKET_LOT_SIZE", {{"minQty", stepSize.toPlainString()},
                                   {"maxQty", maxQty.toPlainString()},
                                   {"stepSize", stepSize.toPlainString()}}),
        filter("MAX_NUM_ORDERS", {{"limit", 200}}),
        filter("MAX_NUM_ALGO_ORDERS", {{"limit", 10}}),
        filter("MIN_NOTIONAL", {{"notional", minNotional.toPlainString()}}),
        filter("PERCENT_PRICE", {{"multiplierUp", QStringLiteral("1.0500")},
                                 {"multiplierDown", QStringLiteral("0.9500")},
                                 {"multiplierDecimal", QStringLiteral("4")}}),
    };
    return QJsonObject{
        {QStringLiteral("symbol"), symbol},
        {QStringLiteral("pair"), symbol},
        {QStringLiteral("contractType"), QStringLiteral("PERPETUAL")},
        {QStringLiteral("deliveryDate"), QJsonValue(qint64(4133404800000LL))},
        {QStringLiteral("onboardDate"), QJsonValue(onboardDate)},
        {QStringLiteral("status"), QStringLiteral("TRADING")},
        {QStringLiteral("maintMarginPercent"), QStringLiteral("2.5000")},
        {QStringLiteral("requiredMarginPercent"), QStringLiteral("5.0000")},
        {QStringLiteral("baseAsset"), baseAsset},
        {QStringLiteral("quoteAsset"), quoteAsset},
        {QStringLiteral("marginAsset"), quoteAsset},
        {QStringLiteral("pricePrecision"), pricePrecision()},
        {QStringLiteral("quantityPrecision"), quantityPrecision()},
        {QStringLiteral("baseAssetPrecision"), 8},
        {QStringLiteral("quotePrecision"), 8},
        {QStringLiteral("underlyingType"), QStringLiteral("COIN")},
        {QStringLiteral("underlyingSubType"), QJsonArray()},
        {QStringLiteral("settlePlan"), 0},
        {QStringLiteral("triggerProtect"), QStringLiteral("0.0500")},
        {QStringLiteral("filters"), filters},
        {QStringLiteral("orderTypes"),
         QJsonArray{QStringLiteral("LIMIT"), QStringLiteral("MARKET"), QStringLiteral("STOP"),
                    QStringLiteral("STOP_MARKET"), QStringLiteral("TAKE_PROFIT"),
                    QStringLiteral("TAKE_PROFIT_MARKET"), QStringLiteral("TRAILING_STOP_MARKET")}},
        {QStringLiteral("timeInForce"),
         QJsonArray{QStringLiteral("GTC"), QStringLiteral("IOC"), QStringLiteral("FOK"),
                    QStringLiteral("GTX"), QStringLiteral("GTD")}},
        {QStringLiteral("liquidationFee"), QStringLiteral("0.012500")},
        {QStringLiteral("marketTakeBound"), QStringLiteral("0.05")},
    };
}

} // namespace fb::sim
