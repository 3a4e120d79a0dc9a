#include "tests/support/flat_history.h"

#include "tests/support/records.h"

#include <QJsonDocument>

#include <algorithm>

namespace fbtest::flat {

using fb::Decimal;
using fb::Fill;
using fb::PositionSide;
using fb::Side;

namespace {

fb::Order orderFromJson(const QByteArray& json, const QString& account)
{
    QString error;
    auto order = fb::Order::fromJson(parseObject(json), account, &error);
    if (!order)
        qFatal("bad generated order: %s", qPrintable(error));
    order->raw = json;
    return *order;
}

QString lotsText(qint64 lots)
{
    return Decimal::fromScaled(lots, 3).toPlainString();
}

} // namespace

Generator::Generator(const Options& options)
    : m_o(options)
    , m_state(0x9E3779B97F4A7C15ull ^ (quint64(options.seed) * 0x2545F4914F6CDD1Dull))
    , m_nextId(options.firstFillId)
    , m_time(options.startMs)
    , m_nextFundingMs(options.startMs + options.fundingEveryMs)
    , m_nextTranId(options.firstTranId)
    , m_nextStopId(options.firstStopId)
    , m_nextTradeTranId(options.firstTradeTranId)
{
    for (const PositionSide side : {PositionSide::Both, PositionSide::Long, PositionSide::Short})
        m_lots.insert(side, 0);
}

void Generator::continueFrom(const QMap<PositionSide, Decimal>& held)
{
    for (auto it = held.cbegin(); it != held.cend(); ++it) {
        const Decimal lots = (it.value() * Decimal::fromScaled(1000, 0)).roundHalfEven(0);
        m_lots[it.key()] = lots.toPlainString().toLongLong();
    }
}

void Generator::skipTo(qint64 ms)
{
    m_time = std::max(m_time, ms);
}

quint32 Generator::random(quint32 below)
{
    m_state ^= m_state << 13;
    m_state ^= m_state >> 7;
    m_state ^= m_state << 17;
    return quint32(m_state % below);
}

Fill Generator::makeFill(qint64 id, Side side, PositionSide book, qint64 lots, qint64 time)
{
    const bool reduces = (book == PositionSide::Both && m_lots[book] != 0 &&
                          (m_lots[book] > 0) != (side == Side::Buy)) ||
                         (book == PositionSide::Long && side == Side::Sell) ||
                         (book == PositionSide::Short && side == Side::Buy);
    const QString pnl = reduces ? QStringLiteral("%1.%2")
                                      .arg(qint64(random(40)) - 20)
                                      .arg(random(100), 2, 10, QLatin1Char('0'))
                                : QStringLiteral("0");
    const QString price = QStringLiteral("%1.%2").arg(60000 + random(2000)).arg(random(10));
    const QString fee = QStringLiteral("0.%1").arg(100000 + random(900000));
    const QByteArray json =
        QStringLiteral(R"({"symbol":"%1","id":%2,"orderId":%3,"side":"%4","price":"%5",)"
                       R"("qty":"%6","realizedPnl":"%7","quoteQty":"0","commission":"%8",)"
                       R"("commissionAsset":"USDT","time":%9,"positionSide":"%10",)"
                       R"("buyer":%11,"maker":false})")
            .arg(m_o.symbol, QString::number(id), QString::number(id + 3'000'000'000LL),
                 fb::sideName(side), price, lotsText(lots), pnl, fee, QString::number(time))
            .arg(fb::positionSideName(book),
                 side == Side::Buy ? QStringLiteral("true") : QStringLiteral("false"))
            .toUtf8();
    return fillFromJson(json, m_o.account);
}

fb::Income Generator::tradeIncome(const char* type, const QString& amount, const Fill& fill)
{
    const QByteArray json =
        QStringLiteral(R"({"symbol":"%1","incomeType":"%2","income":"%3","asset":"%4",)"
                       R"("info":"","time":%5,"tranId":%6,"tradeId":"%7"})")
            .arg(m_o.symbol, QLatin1String(type), amount, fill.commissionAsset,
                 QString::number(fill.time), QString::number(m_nextTradeTranId++),
                 QString::number(fill.id))
            .toUtf8();
    QString error;
    auto income = fb::Income::fromJson(parseObject(json), m_o.account, &error);
    if (!income)
        qFatal("bad generated income: %s", qPrintable(error));
    income->raw = json;
    return *income;
}

fb::Order Generator::makeOrder(const Fill& fill, const QString& clientOrderId) const
{
    const QByteArray json =
        QStringLiteral(R"({"orderId":%1,"symbol":"%2","status":"FILLED","clientOrderId":"%3",)"
                       R"("price":"0","avgPrice":"%4","origQty":"%5","executedQty":"%5",)"
                       R"("cumQuote":"0","timeInForce":"GTC","type":"MARKET","reduceOnly":false,)"
                       R"("closePosition":false,"side":"%6","positionSide":"%7","stopPrice":"0",)"
                       R"("workingType":"CONTRACT_PRICE","priceProtect":false,)"
                       R"("origType":"MARKET","priceMatch":"NONE",)"
                       R"("selfTradePreventionMode":"NONE","goodTillDate":0,"time":%8,)"
                       R"("updateTime":%8})")
            .arg(QString::number(fill.orderId), m_o.symbol, clientOrderId,
                 fill.price.toPlainString(), fill.qty.toPlainString(), fb::sideName(fill.side),
                 fb::positionSideName(fill.positionSide), QString::number(fill.time))
            .toUtf8();
    return orderFromJson(json, m_o.account);
}

fb::Order Generator::makeStop(qint64 id, const Fill& opening, qint64 cancelledAt) const
{
    const bool hedge = opening.positionSide != PositionSide::Both;
    const bool longSide = opening.side == Side::Buy;
    const Decimal stop = opening.price - Decimal::fromScaled(longSide ? 5000 : -5000, 1);
    const QByteArray json =
        QStringLiteral(R"({"orderId":%1,"symbol":"%2","status":"CANCELED",)"
                       R"("clientOrderId":"stop-%1","price":"0","avgPrice":"0",)"
                       R"("origQty":"%3","executedQty":"0","cumQuote":"0","timeInForce":"GTC",)"
                       R"("type":"STOP_MARKET","reduceOnly":%4,"closePosition":false,)"
                       R"("side":"%5","positionSide":"%6","stopPrice":"%7",)"
                       R"("workingType":"MARK_PRICE","priceProtect":false,)"
                       R"("origType":"STOP_MARKET","priceMatch":"NONE",)"
                       R"("selfTradePreventionMode":"NONE","goodTillDate":0,"time":%8,)"
                       R"("updateTime":%9})")
            .arg(QString::number(id), m_o.symbol, opening.qty.toPlainString(),
                 hedge ? QStringLiteral("false") : QStringLiteral("true"),
                 longSide ? QStringLiteral("SELL") : QStringLiteral("BUY"),
                 fb::positionSideName(opening.positionSide), stop.toPlainString(),
                 QString::number(opening.time))
            .arg(QString::number(cancelledAt))
            .toUtf8();
    return orderFromJson(json, m_o.account);
}

Step Generator::next(int count)
{
    Step step;
    struct Pending
    {
        Side side;
        PositionSide book;
        qint64 lots;
        qint64 time;
        bool closes;
    };
    QVector<Pending> pending;
    for (int i = 0; i < count; ++i) {
        // Same millisecond one time in eight, else up to 4 s later.
        const bool sameMs = random(8) == 0 && (i > 0 || m_o.sameMsAcrossSteps);
        m_time += sameMs ? 0 : 1 + random(m_o.maxGapMs);
        PositionSide book = PositionSide::Both;
        if (m_o.hedge)
            book = random(2) ? PositionSide::Long : PositionSide::Short;
        qint64& pos = m_lots[book];
        const qint64 held = pos < 0 ? -pos : pos;
        Side side = Side::Buy;
        qint64 lots = 1 + random(5);
        if (held == 0) {
            side = book == PositionSide::Short  ? Side::Sell
                   : book == PositionSide::Long ? Side::Buy
                   : random(2)                  ? Side::Buy
                                                : Side::Sell;
        } else {
            const bool longHeld =
                book == PositionSide::Long || (book == PositionSide::Both && pos > 0);
            const quint32 roll = random(10);
            if (roll < 4) { // add
                side = longHeld ? Side::Buy : Side::Sell;
            } else {
                side = longHeld ? Side::Sell : Side::Buy;
                if (roll < 8)
                    lots = held; // close exactly
                else if (roll == 8 && book == PositionSide::Both)
                    lots = held + 1 + random(3); // flip
                else
                    lots = std::min<qint64>(lots, held); // reduce
            }
        }
        const qint64 before = pos;
        pos += side == Side::Buy ? lots : -lots;
        pending.append({side, book, lots, m_time, before != 0 && pos == 0});
    }
    // Ids in time order, except that one pair in twenty swaps (the later fill has the smaller
    // id): the builder orders by (time, id), and a rebuild must find such fills too.
    QVector<qint64> ids;
    for (int i = 0; i < pending.size(); ++i)
        ids.append(m_nextId++);
    for (int i = 0; i + 1 < ids.size(); ++i) {
        if (random(20) == 0 && pending[i].time != pending[i + 1].time) {
            std::swap(ids[i], ids[i + 1]);
            ++i;
        }
    }
    // Replay with the real fills (makeFill reads the book's position before the fill).
    for (const PositionSide side : {PositionSide::Both, PositionSide::Long, PositionSide::Short}) {
        qint64 sum = 0;
        for (const Pending& p : pending) {
            if (p.book == side)
                sum += p.side == Side::Buy ? p.lots : -p.lots;
        }
        m_lots[side] -= sum;
    }
    for (int i = 0; i < pending.size(); ++i) {
        const Pending& p = pending[i];
        const qint64 before = m_lots[p.book];
        Fill fill = makeFill(ids[i], p.side, p.book, p.lots, p.time);
        m_lots[p.book] += p.side == Side::Buy ? p.lots : -p.lots;
        const qint64 after = m_lots[p.book];
        const bool opens = before == 0 || (after != 0 && (after > 0) != (before > 0)); // or flips
        QString client = QStringLiteral("web_%1").arg(fill.orderId);
        if (p.closes && random(25) == 0)
            client = QStringLiteral("autoclose-%1").arg(fill.orderId);
        step.orders.append(makeOrder(fill, client));
        if (opens) {
            m_openingFill.insert(p.book, fill);
            m_withStop.insert(p.book, random(3) == 0 ? 1 : 0); // a stop for one trade in three
        }
        if (p.closes && m_withStop.value(p.book) == 1 && m_openingFill.contains(p.book))
            step.orders.append(makeStop(m_nextStopId++, m_openingFill.value(p.book), p.time));
        step.fills.append(fill);
        if (m_o.tradeIncome) {
            step.income.append(tradeIncome("COMMISSION", (-fill.commission).toPlainString(), fill));
            if (!fill.realizedPnl.isZero())
                step.income.append(
                    tradeIncome("REALIZED_PNL", fill.realizedPnl.toPlainString(), fill));
        }
    }
    while (m_nextFundingMs <= m_time) {
        const QString amount = QStringLiteral("%1.%2")
                                   .arg(qint64(random(6)) - 3)
                                   .arg(random(10000), 4, 10, QLatin1Char('0'));
        step.funding.append(makeIncome(m_o.symbol, "FUNDING_FEE", m_nextTranId++,
                                       amount.toUtf8().constData(), m_nextFundingMs, m_o.account));
        m_nextFundingMs += m_o.fundingEveryMs;
    }
    return step;
}

QMap<PositionSide, Decimal> Generator::positions() const
{
    QMap<PositionSide, Decimal> out;
    for (auto it = m_lots.cbegin(); it != m_lots.cend(); ++it)
        out.insert(it.key(), Decimal::fromScaled(it.value(), 3));
    return out;
}

QVector<fb::Position> Generator::positionRows(const QMap<PositionSide, Decimal>& offset) const
{
    QVector<fb::Position> rows;
    const QMap<PositionSide, Decimal> held = positions();
    const QVector<PositionSide> books =
        m_o.hedge ? QVector<PositionSide>{PositionSide::Long, PositionSide::Short}
                  : QVector<PositionSide>{PositionSide::Both};
    for (const PositionSide side : books) {
        fb::Position p;
        p.account = m_o.account;
        p.symbol = m_o.symbol;
        p.positionSide = side;
        p.positionAmt = held.value(side) + offset.value(side);
        p.marginAsset = QStringLiteral("USDT");
        p.updateTime = m_time;
        p.raw = QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact);
        rows.append(p);
    }
    return rows;
}

} // namespace fbtest::flat
