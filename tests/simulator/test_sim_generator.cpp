// The synthetic account: deterministic per seed, and internally consistent to the last decimal.
// The test replays every book with its own implementation of the documented rules (average
// entry cost basis, 8-place half-even rounding) and compares each fill, income row and position.
#include "simtest.h"
#include "sync/simulator/dataset.h"
#include "sync/simulator/generator.h"

#include <QCryptographicHash>

using namespace fb;
using namespace fb::sim;
using namespace simtest;

namespace {

Decimal d(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

Decimal at8(const Decimal& v)
{
    return Decimal::parse(v.toFixedString(8)).value();
}

Account generate(quint64 seed, bool hedge = false, int fills = 20000, int symbols = 30)
{
    GeneratorConfig c;
    c.seed = seed;
    c.fills = fills;
    c.symbols = symbols;
    c.hedge = hedge;
    c.nowMs = kNow;
    return generateAccount(c);
}

QByteArray hashOf(const Account& a)
{
    return QCryptographicHash::hash(datasetJson(a), QCryptographicHash::Sha256).toHex();
}

struct Book
{
    Decimal amount;
    Decimal entry;
};

struct Replay
{
    int flips = 0;
    int closingFills = 0;
    bool bothBooksOpenAtOnce = false;
    int liquidationFills = 0;
};

// Replays every fill of the account against the documented rules; fails the test on the first
// difference. Returns what it saw.
Replay replay(const Account& a)
{
    Replay seen;
    for (const SymbolSpec& spec : a.symbols()) {
        QHash<int, Book> books;
        for (const auto& [key, state] : a.startingPositions().asKeyValueRange()) {
            if (key.first == spec.symbol)
                books[key.second] = {state.amount, state.entryPrice};
        }
        QHash<qint64, QString> clientIds;
        for (const Order& o : a.orders(spec.symbol))
            clientIds.insert(o.orderId, o.clientOrderId);
        qint64 lastTime = 0;
        qint64 lastId = 0;
        for (const Fill& f : a.fills(spec.symbol)) {
            if (f.time < lastTime || f.id <= lastId)
                qFatal("fills of %s not ascending by (time, id)", qPrintable(spec.symbol));
            lastTime = f.time;
            lastId = f.id;
            if (!clientIds.contains(f.orderId))
                qFatal("fill %lld has no order", static_cast<long long>(f.id));
            Book& b = books[static_cast<int>(f.positionSide)];
            const Decimal q = f.side == Side::Buy ? f.qty : -f.qty;
            Decimal expectedPnl = Decimal::fromInt(0);
            if (b.amount.isZero() || b.amount.signum() == q.signum()) {
                // The average entry, rounded half-even to 8 places (the one documented rounding).
                b.entry = (b.amount.abs() * b.entry + f.qty * f.price)
                              .divide(b.amount.abs() + f.qty, 8)
                              .normalized();
                b.amount += q;
            } else {
                ++seen.closingFills;
                if (clientIds.value(f.orderId).startsWith(QLatin1String("autoclose-")))
                    ++seen.liquidationFills;
                const Decimal closing = f.qty < b.amount.abs() ? f.qty : b.amount.abs();
                const Decimal perUnit =
                    b.amount.isPositive() ? f.price - b.entry : b.entry - f.price;
                expectedPnl = at8(perUnit * closing);
                const Decimal after = b.amount + q;
                if (!after.isZero() && after.signum() != b.amount.signum()) {
                    ++seen.flips;
                    b.entry = f.price;
                } else if (after.isZero()) {
                    b.entry = Decimal::fromInt(0);
                }
                b.amount = after;
            }
            if (f.realizedPnl != expectedPnl)
                qFatal("fill %s/%lld: realizedPnl %s, expected %s", qPrintable(spec.symbol),
                       static_cast<long long>(f.id), qPrintable(f.realizedPnl.toPlainString()),
                       qPrintable(expectedPnl.toPlainString()));
            if (a.hedgeMode && !books[1].amount.isZero() && !books[2].amount.isZero())
                seen.bothBooksOpenAtOnce = true;
        }
        for (int side : {0, 1, 2}) {
            const auto position = a.position(spec.symbol, static_cast<PositionSide>(side));
            const Decimal amount = position ? position->positionAmt : Decimal::fromInt(0);
            if (books.value(side).amount != amount)
                qFatal("%s book %d: fills give %s, positionRisk says %s", qPrintable(spec.symbol),
                       side, qPrintable(books.value(side).amount.toString()),
                       qPrintable(amount.toString()));
            if (position && position->entryPrice != books.value(side).entry)
                qFatal("%s entry price differs", qPrintable(spec.symbol));
        }
    }
    return seen;
}

} // namespace

class TestSimGenerator : public QObject
{
    Q_OBJECT
private:
    Account m_oneWay;
    Account m_hedge;

private slots:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        m_oneWay = generate(42);
        const qint64 ms = timer.elapsed();
        qInfo("20,000 fills over 30 symbols generated in %lld ms", static_cast<long long>(ms));
        // "Well under a second"; the bound leaves room for a loaded CI machine.
        QVERIFY2(ms < 3000, qPrintable(QString::number(ms)));
        m_hedge = generate(42, true);
    }

    void shape()
    {
        QCOMPARE(m_oneWay.fillCount(), 20000);
        QCOMPARE(m_oneWay.symbols().size(), 30);
        const QStringList names = m_oneWay.symbolNames();
        for (const char* s : {"BTCUSDT", "ETHUSDT", "BTCUSDC", "ETHUSDC", "1000PEPEUSDT"})
            QVERIFY2(names.contains(QLatin1String(s)), s);
        for (const SymbolSpec& s : m_oneWay.symbols()) {
            for (const Fill& f : m_oneWay.fills(s.symbol)) {
                QVERIFY(f.time >= kNow - 90 * kDay && f.time <= kNow);
                QCOMPARE(f.quoteQty, f.price * f.qty);
                QCOMPARE(f.quoteQty.scale(), f.price.scale() + f.qty.scale());
                QVERIFY(f.price.isPositive() && f.qty.isPositive());
                // Prices and quantities sit on the symbol's grid.
                QCOMPARE(f.price.divide(s.tickSize, 0) * s.tickSize, f.price);
                QCOMPARE(f.qty.divide(s.stepSize, 0) * s.stepSize, f.qty);
            }
        }
    }

    void sameSeedSameAccountDifferentSeedDifferent()
    {
        const QByteArray hash = hashOf(m_oneWay);
        QCOMPARE(hashOf(generate(42)), hash);
        QVERIFY(hashOf(generate(43)) != hash);
        QVERIFY(hashOf(m_hedge) != hash);
    }

    void fillsReplayExactly()
    {
        const Replay oneWay = replay(m_oneWay);
        QVERIFY(oneWay.flips > 0);
        QVERIFY(oneWay.closingFills > 1000);
        QVERIFY(oneWay.liquidationFills >= 1);
        const Replay hedge = replay(m_hedge);
        QCOMPARE(hedge.flips, 0);
        QVERIFY(hedge.bothBooksOpenAtOnce);
    }

    void incomeMatchesFills()
    {
        for (const Account* a : {&m_oneWay, &m_hedge}) {
            QHash<QString, Decimal> pnlFills, pnlIncome;
            QHash<QPair<QString, QString>, Decimal> feeFills, feeIncome;
            QHash<QString, const Fill*> byTradeId;
            for (const SymbolSpec& s : a->symbols()) {
                for (const Fill& f : a->fills(s.symbol)) {
                    pnlFills[f.symbol] += f.realizedPnl;
                    feeFills[{f.symbol, f.commissionAsset}] += f.commission;
                    byTradeId.insert(f.symbol + QLatin1Char('/') + QString::number(f.id), &f);
                    // Commission = notional x rate, 8 places half-even (BNB: 10 % off at 600).
                    const Decimal rate = f.maker ? d("0.0002") : d("0.0005");
                    const Decimal expected =
                        f.commissionAsset == QLatin1String("BNB")
                            ? (f.quoteQty * rate * d("0.9")).divide(d("600"), 8)
                            : at8(f.quoteQty * rate);
                    QCOMPARE(f.commission, expected);
                    QCOMPARE(f.commission.scale(), 8);
                }
            }
            int commissionRows = 0;
            int pnlRows = 0;
            for (const Income& i : a->income()) {
                const QString key = i.symbol + QLatin1Char('/') + i.tradeId;
                if (i.incomeType == QLatin1String("REALIZED_PNL")) {
                    pnlIncome[i.symbol] += i.income;
                    const Fill* f = byTradeId.value(key);
                    QVERIFY(f);
                    QCOMPARE(i.income, f->realizedPnl);
                    QCOMPARE(i.time, f->time);
                    ++pnlRows;
                } else if (i.incomeType == QLatin1String("COMMISSION")) {
                    feeIncome[{i.symbol, i.asset}] -= i.income;
                    const Fill* f = byTradeId.value(key);
                    QVERIFY(f);
                    QCOMPARE(i.income, -f->commission);
                    QCOMPARE(i.asset, f->commissionAsset);
                    QCOMPARE(i.time, f->time);
                    ++commissionRows;
                } else if (i.incomeType == QLatin1String("FUNDING_FEE")) {
                    QCOMPARE(i.time % (8 * 3600000), 0);
                    QVERIFY(!i.symbol.isEmpty());
                    QCOMPARE(i.tradeId, QString());
                    QVERIFY(!i.income.isZero());
                } else {
                    QCOMPARE(i.incomeType, QStringLiteral("TRANSFER"));
                    QCOMPARE(i.symbol, QString());
                    QCOMPARE(i.tradeId, QString());
                }
                QCOMPARE(i.income.scale(), 8);
            }
            QCOMPARE(pnlIncome, pnlFills);
            QCOMPARE(feeIncome, feeFills);
            QCOMPARE(commissionRows, a->fillCount());
            QVERIFY(pnlRows > 0);
        }
    }

    void tranIdsAndTimes()
    {
        QSet<QPair<QString, qint64>> perType;
        QHash<qint64, QSet<QString>> typesById;
        QHash<qint64, int> rowsPerMs;
        bool big = false;
        const QVector<Income>& rows = m_oneWay.income();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Income& r = rows[i];
            QVERIFY2(!perType.contains({r.incomeType, r.tranId}), "tranId repeats within a type");
            perType.insert({r.incomeType, r.tranId});
            typesById[r.tranId].insert(r.incomeType);
            ++rowsPerMs[r.time];
            big = big || (r.tranId == 4480321991774044580LL &&
                          r.incomeType == QLatin1String("FUNDING_FEE"));
            if (i > 0)
                QVERIFY(!incomeLess(r, rows[i - 1]));
        }
        QVERIFY(big);
        int shared = 0;
        for (const auto& types : typesById)
            shared += types.size() > 1;
        QCOMPARE(shared, 1); // one TRANSFER reuses a COMMISSION's tranId on purpose
        int busyMs = 0;
        for (int n : rowsPerMs)
            busyMs += n >= 3;
        QVERIFY(busyMs > 10); // funding of many symbols at one instant, fills' two rows
    }

    void ordersLiquidationsAndPositions()
    {
        int multiFill = 0;
        int unfilledCanceled = 0;
        int liquidations = 0;
        int adl = 0;
        for (const SymbolSpec& s : m_oneWay.symbols()) {
            QHash<qint64, Decimal> executed;
            QHash<qint64, int> fillsPerOrder;
            for (const Fill& f : m_oneWay.fills(s.symbol)) {
                executed[f.orderId] += f.qty;
                ++fillsPerOrder[f.orderId];
            }
            for (const Order& o : m_oneWay.orders(s.symbol)) {
                QCOMPARE(o.executedQty, executed.value(o.orderId));
                multiFill += fillsPerOrder.value(o.orderId) > 1;
                unfilledCanceled +=
                    o.executedQty.isZero() &&
                    (o.status == QLatin1String("CANCELED") || o.status == QLatin1String("EXPIRED"));
                liquidations += o.clientOrderId.startsWith(QLatin1String("autoclose-"));
                adl += o.clientOrderId == QLatin1String("adl_autoclose");
            }
        }
        QVERIFY(multiFill > 100);
        QVERIFY(unfilledCanceled > 100);
        QCOMPARE(liquidations, 1);
        QCOMPARE(adl, 1);
        QVERIFY(m_oneWay.positions().size() >= 5);
        QVERIFY(m_oneWay.startingPositions().size() >= 3);
        int bnb = 0;
        for (const Fill& f : m_oneWay.fills(QStringLiteral("ETHUSDT")))
            bnb += f.commissionAsset == QLatin1String("BNB");
        QVERIFY(bnb > 0);
        for (const Position& p : m_hedge.positions())
            QVERIFY(p.positionSide != PositionSide::Both);
        QVERIFY(m_hedge.hedgeMode);
    }

    void liquidationIsServedByForceOrders()
    {
        FakeClock clock;
        SimulatorConfig config;
        config.clock = clock.fn();
        fbtest::SimulatedExchange exchange;
        QVERIFY2(exchange.start(generate(42), config), qPrintable(exchange.errorString()));
        Simulator& sim = *exchange;
        const QByteArray from = QByteArray::number(kNow - 90 * kDay);
        QJsonArray found;
        for (qint64 end = kNow; end > kNow - 90 * kDay; end -= 7 * kDay) {
            const Response r =
                signedGet(sim, "/fapi/v1/forceOrders",
                          "autoCloseType=LIQUIDATION&endTime=" + QByteArray::number(end));
            for (const QJsonValue& v : r.array())
                found.append(v);
        }
        QCOMPARE(found.size(), 1);
        QVERIFY(found[0][QStringLiteral("clientOrderId")].toString().startsWith(
            QLatin1String("autoclose-")));
        // The generated tranId above 2^53 leaves the server digit for digit.
        const auto big =
            std::find_if(sim.account().income().begin(), sim.account().income().end(),
                         [](const Income& i) { return i.tranId == 4480321991774044580LL; });
        QVERIFY(big != sim.account().income().end());
        const QByteArray at = QByteArray::number(big->time);
        const Response r = signedGet(sim, "/fapi/v1/income",
                                     "incomeType=FUNDING_FEE&startTime=" + at + "&endTime=" + at);
        QVERIFY2(r.body.contains("\"tranId\":4480321991774044580,"), r.body.constData());
        QCOMPARE(found[0][QStringLiteral("timeInForce")].toString(), QStringLiteral("IOC"));
    }

    void datasetRoundTrip()
    {
        const Account hedge = generate(5, true, 3000, 8);
        const QByteArray json = datasetJson(hedge);
        QString error;
        const auto loaded = parseDataset(json, &error);
        QVERIFY2(loaded, qPrintable(error));
        // Same content (dataset records are served as loaded, in Qt's key order).
        QCOMPARE(QJsonDocument::fromJson(datasetJson(*loaded)), QJsonDocument::fromJson(json));
        QCOMPARE(loaded->hedgeMode, true);
        QCOMPARE(loaded->startingPositions().size(), hedge.startingPositions().size());
        for (const auto& [key, state] : hedge.startingPositions().asKeyValueRange())
            QCOMPARE(loaded->startingAmount(key.first, static_cast<PositionSide>(key.second)),
                     state.amount);
        QCOMPARE(loaded->symbol(QStringLiteral("BTCUSDT"))->tickSize, d("0.10"));
    }

    void datasetServedVerbatim()
    {
        // A string tranId (a documented variation) is served as it was given.
        const QByteArray json = R"({"hedgeMode":false,"symbols":["XYZUSDT"],
            "income":[{"symbol":"","incomeType":"TRANSFER","income":"500.00000000","asset":"USDT",
            "info":"TRANSFER","time":1768400000000,"tranId":"9689322392","tradeId":""}],
            "fills":[{"symbol":"XYZUSDT","id":5,"orderId":6,"side":"BUY","price":"1.2345",
            "qty":"10","realizedPnl":"0","quoteQty":"12.3450","commission":"-0.00617250",
            "commissionAsset":"USDT","time":1768400000001,"positionSide":"BOTH","buyer":true,
            "maker":false}],
            "positions":[{"symbol":"XYZUSDT","positionSide":"BOTH","positionAmt":"25",
            "entryPrice":"1.2","markPrice":"1.3","unRealizedProfit":"2.5","notional":"32.5",
            "updateTime":1768400000001}]})";
        QString error;
        auto account = parseDataset(json, &error);
        QVERIFY2(account, qPrintable(error));
        QCOMPARE(account->startingAmount(QStringLiteral("XYZUSDT"), PositionSide::Both), d("15"));
        QCOMPARE(account->symbol(QStringLiteral("XYZUSDT"))->tickSize, d("0.0001"));
        FakeClock clock;
        SimulatorConfig config;
        config.clock = clock.fn();
        fbtest::SimulatedExchange exchange;
        QVERIFY2(exchange.start(std::move(*account), config), qPrintable(exchange.errorString()));
        Simulator& sim = *exchange;
        const Response r = signedGet(sim, "/fapi/v1/income", "startTime=1768400000000");
        QVERIFY2(r.body.contains("\"tranId\":\"9689322392\""), r.body.constData());
        QVERIFY(signedGet(sim, "/fapi/v1/userTrades", "symbol=XYZUSDT&fromId=1")
                    .body.contains("\"commission\":\"-0.00617250\""));
        QVERIFY(!parseDataset("{\"fills\":[{\"symbol\":\"X\"}]}", &error));
        QVERIFY(error.contains(QLatin1String("fills[0]")));
    }

    // Exactly the requested fills however thinly they spread: 200 symbols, as in the benchmark
    // (fillbook-bench's measurement 5 times the same call with 1,000,000 fills).
    void fillCountIsExactOverManySymbols()
    {
        const Account a = generate(1, false, 20000, 200);
        QCOMPARE(a.fillCount(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestSimGenerator)
#include "test_sim_generator.moc"
