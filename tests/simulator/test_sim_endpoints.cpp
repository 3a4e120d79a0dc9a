// Endpoint semantics over a small hand-made account with exact expected answers: income and
// userTrades windows, pagination (oldest `limit` rows, inclusive bounds, fromId inclusive),
// retention, allOrders purge rules, forceOrders, positions, account state, and the exact bytes
// of ids above 2^53.
#include "simtest.h"
#include "sync/simulator/jsonwriter.h"

using namespace fb;
using namespace fb::sim;
using namespace simtest;

namespace {

constexpr qint64 kHour = 3600000;
const qint64 T0 = kNow - 10 * kDay;

Decimal d(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

Income income(const char* symbol, const char* type, const char* amount, qint64 time, qint64 tranId,
              const QString& tradeId = {})
{
    Income i;
    i.symbol = QLatin1String(symbol);
    i.incomeType = QLatin1String(type);
    i.income = d(amount);
    i.asset = QStringLiteral("USDT");
    i.info = i.incomeType;
    i.time = time;
    i.tranId = tranId;
    i.tradeId = tradeId;
    return i;
}

Fill fill(qint64 id, qint64 orderId, qint64 time, Side side = Side::Buy)
{
    Fill f;
    f.symbol = QStringLiteral("BTCUSDT");
    f.id = id;
    f.orderId = orderId;
    f.side = side;
    f.price = d("68290.10");
    f.qty = d("0.010");
    f.quoteQty = d("682.90100");
    f.realizedPnl = Decimal::fromInt(0);
    f.commission = d("0.27316040");
    f.commissionAsset = QStringLiteral("USDT");
    f.marginAsset = QStringLiteral("USDT");
    f.time = time;
    f.buyer = side == Side::Buy;
    return f;
}

Order order(const char* symbol, qint64 orderId, qint64 time, const char* status,
            const char* executed, const char* clientOrderId = "web_x")
{
    Order o;
    o.symbol = QLatin1String(symbol);
    o.orderId = orderId;
    o.clientOrderId = QLatin1String(clientOrderId);
    o.status = QLatin1String(status);
    o.price = d("68000.00");
    o.avgPrice = d("0.00000");
    o.origQty = d("0.010");
    o.executedQty = d(executed);
    o.cumQuote = d("0.00000");
    o.timeInForce = QStringLiteral("GTC");
    o.type = QStringLiteral("LIMIT");
    o.origType = o.type;
    o.stopPrice = Decimal::fromInt(0);
    o.workingType = QStringLiteral("CONTRACT_PRICE");
    o.priceMatch = QStringLiteral("NONE");
    o.selfTradePreventionMode = QStringLiteral("EXPIRE_MAKER");
    o.time = time;
    o.updateTime = time;
    return o;
}

Account handMadeAccount()
{
    Account a;
    for (const SymbolSpec& s : symbolCatalog(2))
        a.addSymbol(s);
    a.createTime = 1698645219000;
    QVector<Income> rows{
        income("", "TRANSFER", "1000.00000000", kNow - 100 * kDay, 1),
        income("BTCUSDT", "COMMISSION", "-0.27316040", T0, 100, QStringLiteral("1000")),
        income("BTCUSDT", "REALIZED_PNL", "12.40000000", T0, 101, QStringLiteral("1000")),
        income("BTCUSDT", "FUNDING_FEE", "-0.05466500", T0 + 1000, 4480321991774044580LL),
        income("", "TRANSFER", "500.00000000", T0 + 2000, 100),
        income("ETHUSDT", "COMMISSION", "-0.01000000", T0 + 3000, 102, QStringLiteral("7")),
        income("BTCUSDT", "COMMISSION", "-0.10000000", kNow - 3 * kHour, 200,
               QStringLiteral("1003")),
        income("BTCUSDT", "COMMISSION", "-0.20000000", kNow - 2 * kHour, 201,
               QStringLiteral("1004")),
        income("BTCUSDT", "COMMISSION", "-0.30000000", kNow - 1 * kHour, 202,
               QStringLiteral("1005")),
    };
    QVector<Fill> fills{
        fill(999, 4999, kNow - 95 * kDay),          fill(1000, 5000, kNow - 20 * kDay),
        fill(1001, 5000, kNow - 20 * kDay + kHour), fill(1002, 5001, kNow - 12 * kDay),
        fill(1003, 5004, kNow - 3 * kDay),          fill(1004, 5006, kNow - kHour)};
    QVector<Order> orders{
        order("BTCUSDT", 5000, kNow - 20 * kDay, "FILLED", "0.010"),
        order("BTCUSDT", 5001, kNow - 2 * kDay, "CANCELED", "0.000"),
        order("BTCUSDT", 5002, kNow - 4 * kDay, "CANCELED", "0.000"),
        order("BTCUSDT", 5003, kNow - 3 * kDay - 1, "EXPIRED", "0.000"),
        order("BTCUSDT", 5004, kNow - 5 * kDay, "CANCELED", "0.005"),
        order("BTCUSDT", 5005, kNow - 91 * kDay, "FILLED", "0.010"),
        order("BTCUSDT", 5006, kNow - kDay, "FILLED", "0.010", "autoclose-1768392000123000001"),
        order("ETHUSDT", 9000, kNow - kDay + 5, "FILLED", "0.010"),
    };
    Position p;
    p.symbol = QStringLiteral("BTCUSDT");
    p.positionAmt = d("0.010");
    p.entryPrice = d("68290.1");
    p.breakEvenPrice = d("68317.41604");
    p.markPrice = d("68950.00000000");
    p.unRealizedProfit = d("6.59900000");
    p.liquidationPrice = Decimal::fromInt(0);
    p.notional = d("689.50000000");
    p.marginAsset = QStringLiteral("USDT");
    p.updateTime = kNow - kHour;
    a.setRecords(fills, rows, orders, {p});
    return a;
}

QList<qint64> ids(const QJsonArray& array, const char* field)
{
    QList<qint64> out;
    for (const QJsonValue& v : array)
        out.append(v.toObject().value(QLatin1String(field)).toInteger());
    return out;
}

QByteArray q(qint64 value)
{
    return QByteArray::number(value);
}

} // namespace

class TestSimEndpoints : public QObject
{
    Q_OBJECT
private:
    FakeClock m_clock;
    fbtest::SimulatedExchange m_sim;

    Response get(const QByteArray& path, const QByteArray& query = {})
    {
        return signedGet(*m_sim, path, query);
    }

private slots:
    void initTestCase()
    {
        SimulatorConfig config;
        config.clock = m_clock.fn();
        QVERIFY2(m_sim.start(handMadeAccount(), config), qPrintable(m_sim.errorString()));
    }

    void incomeOldestLimitRowsAscending()
    {
        const Response r =
            get("/fapi/v1/income", "startTime=" + q(T0) + "&endTime=" + q(T0 + 3000) + "&limit=2");
        QCOMPARE(r.status, 200);
        QCOMPARE(ids(r.array(), "tranId"), (QList<qint64>{100, 101}));
        QCOMPARE(r.array()[0].toObject()[QStringLiteral("incomeType")].toString(),
                 QStringLiteral("COMMISSION"));
        QCOMPARE(r.array()[1].toObject()[QStringLiteral("incomeType")].toString(),
                 QStringLiteral("REALIZED_PNL"));
        QCOMPARE(r.array()[1].toObject()[QStringLiteral("income")].toString(),
                 QStringLiteral("12.40000000"));
        QCOMPARE(r.array()[1].toObject()[QStringLiteral("tradeId")].toString(),
                 QStringLiteral("1000"));
    }

    void incomeBoundsAreInclusive()
    {
        const Response r =
            get("/fapi/v1/income", "startTime=" + q(T0 + 1000) + "&endTime=" + q(T0 + 2000));
        QCOMPARE(ids(r.array(), "tranId"), (QList<qint64>{4480321991774044580LL, 100}));
        QCOMPARE(r.array()[1].toObject()[QStringLiteral("symbol")].toString(), QString());
    }

    void incomeForwardPaginationWithOverlap()
    {
        // The documented client loop: startTime = last row's time, drop (type, tranId) seen.
        QSet<QPair<QString, qint64>> seen;
        qint64 start = T0;
        int requests = 0;
        for (;;) {
            const Response r = get("/fapi/v1/income", "startTime=" + q(start) +
                                                          "&endTime=" + q(T0 + 3000) + "&limit=3");
            ++requests;
            const QJsonArray rows = r.array();
            for (const QJsonValue& v : rows)
                seen.insert({v[QStringLiteral("incomeType")].toString(),
                             v[QStringLiteral("tranId")].toInteger()});
            if (rows.size() < 3)
                break;
            start = rows.last()[QStringLiteral("time")].toInteger();
            QVERIFY(requests < 10);
        }
        // Both tranId 100 rows are there: COMMISSION and TRANSFER share it.
        QCOMPARE(seen.size(), 5);
        QVERIFY(seen.contains({QStringLiteral("TRANSFER"), 100}));
        QVERIFY(seen.contains({QStringLiteral("COMMISSION"), 100}));
    }

    void incomeDefaultsToLastSevenDaysMostRecent()
    {
        QCOMPARE(ids(get("/fapi/v1/income").array(), "tranId"), (QList<qint64>{200, 201, 202}));
        QCOMPARE(ids(get("/fapi/v1/income", "limit=2").array(), "tranId"),
                 (QList<qint64>{201, 202}));
        // Only startTime: up to now. Only endTime: the 7 days before it.
        QCOMPARE(ids(get("/fapi/v1/income", "startTime=" + q(kNow - 2 * kHour)).array(), "tranId"),
                 (QList<qint64>{201, 202}));
        QCOMPARE(ids(get("/fapi/v1/income", "endTime=" + q(T0 + 7 * kDay)).array(), "tranId"),
                 (QList<qint64>{100, 101, 4480321991774044580LL, 100, 102}));
    }

    void incomeFilters()
    {
        const QByteArray window = "startTime=" + q(T0) + "&endTime=" + q(kNow);
        QCOMPARE(ids(get("/fapi/v1/income", window + "&symbol=ETHUSDT").array(), "tranId"),
                 (QList<qint64>{102}));
        QCOMPARE(ids(get("/fapi/v1/income", window + "&incomeType=TRANSFER").array(), "tranId"),
                 (QList<qint64>{100}));
        QCOMPARE(
            ids(get("/fapi/v1/income", window + "&symbol=BTCUSDT&incomeType=COMMISSION").array(),
                "tranId"),
            (QList<qint64>{100, 200, 201, 202}));
    }

    void retentionHidesOldRowsAndEmptyIsBrackets()
    {
        const Response r = get("/fapi/v1/income", "startTime=" + q(kNow - 101 * kDay) +
                                                      "&endTime=" + q(kNow - 95 * kDay));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("[]"));
        QCOMPARE(r.header("Content-Length"), QByteArray("2"));
        QCOMPARE(get("/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=999")
                     .array()
                     .first()[QStringLiteral("id")]
                     .toInteger(),
                 1000);
    }

    void tranIdAboveTwoToThe53IsServedExactly()
    {
        const Response r =
            get("/fapi/v1/income", "startTime=" + q(T0 + 1000) + "&endTime=" + q(T0 + 1000));
        QVERIFY2(r.body.contains("\"tranId\":4480321991774044580,"), r.body.constData());
        QCOMPARE(
            r.body,
            QByteArray("[{\"symbol\":\"BTCUSDT\",\"incomeType\":\"FUNDING_FEE\",\"income\":"
                       "\"-0.05466500\",\"asset\":\"USDT\",\"info\":\"FUNDING_FEE\",\"time\":" +
                       q(T0 + 1000) + ",\"tranId\":4480321991774044580,\"tradeId\":\"\"}]"));
    }

    void userTradesFromIdIsInclusive()
    {
        const Response r = get("/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=1001&limit=2");
        QCOMPARE(ids(r.array(), "id"), (QList<qint64>{1001, 1002}));
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=1003").array(), "id"),
                 (QList<qint64>{1003, 1004}));
        QCOMPARE(get("/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=1005").body, QByteArray("[]"));
    }

    void userTradesWindows()
    {
        // Only startTime: [startTime, startTime + 7d].
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&startTime=" + q(kNow - 20 * kDay))
                         .array(),
                     "id"),
                 (QList<qint64>{1000, 1001}));
        // Only endTime: the 7 days before it.
        QCOMPARE(
            ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&endTime=" + q(kNow - 12 * kDay)).array(),
                "id"),
            (QList<qint64>{1002}));
        // Exactly 7 days is allowed, and both ends are inclusive.
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&startTime=" + q(kNow - 19 * kDay) +
                                                    "&endTime=" + q(kNow - 12 * kDay))
                         .array(),
                     "id"),
                 (QList<qint64>{1002}));
        // Neither: the last 7 days, most recent `limit`.
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT").array(), "id"),
                 (QList<qint64>{1003, 1004}));
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1").array(), "id"),
                 (QList<qint64>{1004}));
        // One order's fills.
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&orderId=5000").array(), "id"),
                 (QList<qint64>{1000, 1001}));
        // Another symbol's fills are separate.
        QCOMPARE(get("/fapi/v1/userTrades", "symbol=ETHUSDT").body, QByteArray("[]"));
        const QJsonObject f =
            get("/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1").array()[0].toObject();
        QCOMPARE(f[QStringLiteral("price")].toString(), QStringLiteral("68290.10"));
        QCOMPARE(f[QStringLiteral("quoteQty")].toString(), QStringLiteral("682.90100"));
        QCOMPARE(f[QStringLiteral("commission")].toString(), QStringLiteral("0.27316040"));
        QCOMPARE(f[QStringLiteral("realizedPnl")].toString(), QStringLiteral("0"));
        QVERIFY(f[QStringLiteral("buyer")].isBool());
    }

    void allOrdersPurgeRules()
    {
        // Last 7 days: 5002 (unfilled, 4 days) and 5003 (unfilled, 3 days + 1 ms) are purged;
        // 5004 (canceled but partly filled) and 5001 (unfilled, 2 days) stay.
        QCOMPARE(ids(get("/fapi/v1/allOrders", "symbol=BTCUSDT").array(), "orderId"),
                 (QList<qint64>{5004, 5001, 5006}));
        // orderId => orders with orderId >= it, ascending by id (API sheet §5.5); 5005 is
        // older than 90 days.
        QCOMPARE(ids(get("/fapi/v1/allOrders", "symbol=BTCUSDT&orderId=5001").array(), "orderId"),
                 (QList<qint64>{5001, 5004, 5006}));
        QCOMPARE(ids(get("/fapi/v1/allOrders", "symbol=BTCUSDT&orderId=4000").array(), "orderId"),
                 (QList<qint64>{5000, 5001, 5004, 5006}));
        QCOMPARE(ids(get("/fapi/v1/allOrders", "symbol=BTCUSDT&startTime=" + q(kNow - 21 * kDay) +
                                                   "&endTime=" + q(kNow - 14 * kDay - 1))
                         .array(),
                     "orderId"),
                 (QList<qint64>{5000}));
        // Without symbol: every symbol, by time.
        QCOMPARE(ids(get("/fapi/v1/allOrders").array(), "orderId"),
                 (QList<qint64>{5004, 5001, 5006, 9000}));
        QCOMPARE(ids(get("/fapi/v1/allOrders", "limit=1").array(), "orderId"),
                 (QList<qint64>{9000}));
    }

    void freezeRetentionKeepsThePurgeLineWhereItStarted()
    {
        // 5001 (unfilled, cancelled 2 days before kNow) crosses the 3-day purge line when the
        // clock moves on by a day and a half; with freezeRetention the line stays at start-up.
        for (const bool frozen : {false, true}) {
            FakeClock clock;
            SimulatorConfig config;
            config.clock = clock.fn();
            config.freezeRetention = frozen;
            fbtest::SimulatedExchange sim;
            QVERIFY2(sim.start(handMadeAccount(), config), qPrintable(sim.errorString()));
            const auto served = [&] {
                return ids(
                    signedGet(*sim, "/fapi/v1/allOrders", "symbol=BTCUSDT&orderId=5001").array(),
                    "orderId");
            };
            QCOMPARE(served(), (QList<qint64>{5001, 5004, 5006}));
            clock.advance(kDay + kDay / 2);
            QCOMPARE(served(),
                     frozen ? (QList<qint64>{5001, 5004, 5006}) : (QList<qint64>{5004, 5006}));
        }
    }

    void forceOrders()
    {
        const Response all = get("/fapi/v1/forceOrders");
        QCOMPARE(ids(all.array(), "orderId"), (QList<qint64>{5006}));
        QCOMPARE(all.array()[0][QStringLiteral("clientOrderId")].toString(),
                 QStringLiteral("autoclose-1768392000123000001"));
        QCOMPARE(get("/fapi/v1/forceOrders", "autoCloseType=ADL").body, QByteArray("[]"));
        QCOMPARE(
            ids(get("/fapi/v1/forceOrders", "symbol=BTCUSDT&autoCloseType=LIQUIDATION").array(),
                "orderId"),
            (QList<qint64>{5006}));
        // Without startTime: the 7 days before endTime.
        QCOMPARE(get("/fapi/v1/forceOrders", "endTime=" + q(kNow - 8 * kDay)).body,
                 QByteArray("[]"));
    }

    void positionsAndAccount()
    {
        const Response v3 = get("/fapi/v3/positionRisk");
        QCOMPARE(v3.array().size(), 1);
        const QJsonObject p = v3.array()[0].toObject();
        QCOMPARE(p[QStringLiteral("positionAmt")].toString(), QStringLiteral("0.010"));
        QCOMPARE(p[QStringLiteral("entryPrice")].toString(), QStringLiteral("68290.1"));
        QCOMPARE(p[QStringLiteral("positionSide")].toString(), QStringLiteral("BOTH"));
        QCOMPARE(get("/fapi/v3/positionRisk", "symbol=ETHUSDT").body, QByteArray("[]"));
        const QJsonArray v2 = get("/fapi/v2/positionRisk").array();
        QCOMPARE(v2.size(), 2);
        QCOMPARE(v2[1][QStringLiteral("positionAmt")].toString(), QStringLiteral("0.000"));
        QCOMPARE(v2[1][QStringLiteral("isAutoAddMargin")].toString(), QStringLiteral("false"));
        QCOMPARE(v2[1][QStringLiteral("marginType")].toString(), QStringLiteral("cross"));

        QCOMPARE(get("/fapi/v1/positionSide/dual").body,
                 QByteArray("{\"dualSidePosition\":false}"));

        const QJsonObject account = get("/fapi/v3/account").object();
        // 1000 + 500 - 0.27316040 + 12.4 - 0.054665 - 0.01 - 0.1 - 0.2 - 0.3 (all USDT)
        QCOMPARE(account[QStringLiteral("totalWalletBalance")].toString(),
                 QStringLiteral("1511.46217460"));
        QCOMPARE(account[QStringLiteral("totalUnrealizedProfit")].toString(),
                 QStringLiteral("6.59900000"));
        QCOMPARE(account[QStringLiteral("positions")].toArray().size(), 1);

        const QJsonObject key = get("/sapi/v1/account/apiRestrictions").object();
        QCOMPARE(key[QStringLiteral("enableReading")].toBool(), true);
        QCOMPARE(key[QStringLiteral("enableWithdrawals")].toBool(), false);
        QCOMPARE(key[QStringLiteral("createTime")].toInteger(), 1698645219000);
    }

    void exchangeInfo()
    {
        const QJsonObject info = plainGet(*m_sim, "/fapi/v1/exchangeInfo").object();
        const QJsonObject weight = info[QStringLiteral("rateLimits")].toArray()[0].toObject();
        QCOMPARE(weight[QStringLiteral("rateLimitType")].toString(),
                 QStringLiteral("REQUEST_WEIGHT"));
        QCOMPARE(weight[QStringLiteral("limit")].toInteger(), 2400);
        const QJsonArray symbols = info[QStringLiteral("symbols")].toArray();
        QCOMPARE(symbols.size(), 2);
        const QJsonObject btc = symbols[0].toObject();
        QCOMPARE(btc[QStringLiteral("symbol")].toString(), QStringLiteral("BTCUSDT"));
        const QJsonObject priceFilter = btc[QStringLiteral("filters")].toArray()[0].toObject();
        QCOMPARE(priceFilter[QStringLiteral("tickSize")].toString(), QStringLiteral("0.10"));
        QCOMPARE(btc[QStringLiteral("filters")].toArray()[1][QStringLiteral("stepSize")].toString(),
                 QStringLiteral("0.001"));
        QCOMPARE(
            plainGet(*m_sim, "/fapi/v1/time").object()[QStringLiteral("serverTime")].toInteger(),
            *m_clock.now);
    }

    void accountMutationBetweenSyncs()
    {
        // New trading after a sync: the next incremental fetch sees exactly the new fill.
        TradeRequest t;
        t.symbol = QStringLiteral("BTCUSDT");
        t.side = Side::Sell;
        t.qty = d("0.004");
        t.price = d("69000.00");
        t.time = kNow - 1000;
        const Fill f = m_sim->account().trade(t);
        QCOMPARE(f.id, 1005);
        // (69000.00 - 68290.1) * 0.004 = 2.8396
        QCOMPARE(f.realizedPnl.toPlainString(), QStringLiteral("2.83960000"));
        // 276.00000 * 0.0005 = 0.138
        QCOMPARE(f.commission.toPlainString(), QStringLiteral("0.13800000"));
        QCOMPARE(ids(get("/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=1005").array(), "id"),
                 (QList<qint64>{1005}));
        const QJsonArray rows = get("/fapi/v1/income", "startTime=" + q(kNow - 1000)).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0][QStringLiteral("incomeType")].toString(), QStringLiteral("COMMISSION"));
        QCOMPARE(rows[0][QStringLiteral("income")].toString(), QStringLiteral("-0.13800000"));
        QCOMPARE(rows[0][QStringLiteral("tranId")].toInteger(), 203);
        QCOMPARE(rows[1][QStringLiteral("incomeType")].toString(), QStringLiteral("REALIZED_PNL"));
        QCOMPARE(rows[1][QStringLiteral("tradeId")].toString(), QStringLiteral("1005"));
        QCOMPARE(get("/fapi/v3/positionRisk").array()[0][QStringLiteral("positionAmt")].toString(),
                 QStringLiteral("0.006"));
        // Funding on the open position: -(0.006 * 69000.00 * 0.0001) = -0.0414
        QVERIFY(m_sim->account().addFunding(QStringLiteral("BTCUSDT"), kNow - 500, d("0.0001")));
        const QJsonArray funding =
            get("/fapi/v1/income", "startTime=" + q(kNow - 500) + "&incomeType=FUNDING_FEE")
                .array();
        QCOMPARE(funding.size(), 1);
        QCOMPARE(funding[0][QStringLiteral("income")].toString(), QStringLiteral("-0.04140000"));
        QCOMPARE(funding[0][QStringLiteral("tranId")].toInteger(), 4480321991774044581LL);
    }

    void recordWriterMatchesToJson()
    {
        // The fast writer must produce exactly the fields and values of the records' toJson().
        const Account& a = m_sim->account();
        for (const Fill& f : a.fills(QStringLiteral("BTCUSDT")))
            QCOMPARE(QJsonDocument::fromJson(recordJson(f)).object(), f.toJson());
        for (const Order& o : a.orders(QStringLiteral("BTCUSDT")))
            QCOMPARE(QJsonDocument::fromJson(recordJson(o)).object(), o.toJson());
        for (const Income& i : a.income())
            QCOMPARE(QJsonDocument::fromJson(recordJson(i)).object(), i.toJson());
        Order trailing = a.orders(QStringLiteral("BTCUSDT")).first();
        trailing.activatePrice = d("-0.00000100");
        trailing.priceRate = d("1.5");
        trailing.clientOrderId = QStringLiteral("quote\" back\\slash \u00e9 \t");
        QCOMPARE(QJsonDocument::fromJson(recordJson(trailing)).object(), trailing.toJson());
        QByteArray text;
        appendDecimal(text, d("-0.05"));
        appendDecimal(text, Decimal::fromInt(0));
        appendDecimal(text, Decimal::fromScaled(0, 5));
        QCOMPARE(text, QByteArray("-0.0500.00000"));
    }
};

QTEST_GUILESS_MAIN(TestSimEndpoints)
#include "test_sim_endpoints.moc"
