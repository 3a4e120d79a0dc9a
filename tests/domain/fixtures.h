#pragma once
// Compact test input for the domain tests: fills, positions, orders and funding written as short
// text, and a one-line summary of a trade to compare against exact expected text.
//
//   fill:     "id@time SIDE qty@price [pnl=x] [fee=x[:ASSET]] [ps=LONG|SHORT] [o=orderId]"
//   fills:    fill specs separated by ';'
//   position: "BOTH=1 LONG=2 SHORT=-3"
//   orders:   "orderId=clientOrderId ..."
//   funding:  "tranId@time=amount[:ASSET] ..."
#include "models/domain/lifecycle.h"

#include <QTest>

namespace fbtest {

inline const QString kAccount = QStringLiteral("acc");
inline const QString kSymbol = QStringLiteral("BTCUSDT");

inline fb::Decimal dec(const QString& text)
{
    const auto value = fb::Decimal::parse(text);
    if (!value)
        qFatal("test decimal %s did not parse", qPrintable(text));
    return *value;
}

inline fb::Decimal dec(const char* text)
{
    return dec(QString::fromLatin1(text));
}

inline qint64 toId(const QString& text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        qFatal("test integer %s did not parse", qPrintable(text));
    return value;
}

// "0.04:BNB" -> (0.04, BNB); "0.04" -> (0.04, fallback)
inline std::pair<fb::Decimal, QString> amountWithAsset(const QString& text, const QString& fallback)
{
    const QString asset = text.section(QLatin1Char(':'), 1, 1);
    return {dec(text.section(QLatin1Char(':'), 0, 0)), asset.isEmpty() ? fallback : asset};
}

inline fb::Fill fill(const QString& spec)
{
    const QStringList tokens = spec.simplified().split(QLatin1Char(' '));
    if (tokens.size() < 3)
        qFatal("bad fill spec %s", qPrintable(spec));
    fb::Fill f;
    f.account = kAccount;
    f.symbol = kSymbol;
    f.id = toId(tokens[0].section(QLatin1Char('@'), 0, 0));
    f.time = toId(tokens[0].section(QLatin1Char('@'), 1, 1));
    f.orderId = f.id;
    f.side = fb::parseSide(tokens[1]).value();
    f.qty = dec(tokens[2].section(QLatin1Char('@'), 0, 0));
    f.price = dec(tokens[2].section(QLatin1Char('@'), 1, 1));
    f.realizedPnl = dec("0");
    f.commission = dec("0");
    f.commissionAsset = QStringLiteral("USDT");
    f.marginAsset = QStringLiteral("USDT");
    for (const QString& token : tokens.mid(3)) {
        const QString name = token.section(QLatin1Char('='), 0, 0);
        const QString value = token.section(QLatin1Char('='), 1);
        if (name == QLatin1String("pnl"))
            f.realizedPnl = dec(value);
        else if (name == QLatin1String("fee"))
            std::tie(f.commission, f.commissionAsset) = amountWithAsset(value, f.commissionAsset);
        else if (name == QLatin1String("ps"))
            f.positionSide = fb::parsePositionSide(value).value();
        else if (name == QLatin1String("o"))
            f.orderId = toId(value);
        else
            qFatal("bad fill token %s", qPrintable(token));
    }
    return f;
}

inline QVector<fb::Fill> fills(const QString& specs)
{
    QVector<fb::Fill> result;
    for (const QString& spec : specs.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        result.append(fill(spec));
    return result;
}

inline fb::Income fundingRow(const QString& spec)
{
    fb::Income row;
    row.account = kAccount;
    row.symbol = kSymbol;
    row.incomeType = QStringLiteral("FUNDING_FEE");
    const QString head = spec.section(QLatin1Char('='), 0, 0);
    row.tranId = toId(head.section(QLatin1Char('@'), 0, 0));
    row.time = toId(head.section(QLatin1Char('@'), 1, 1));
    std::tie(row.income, row.asset) =
        amountWithAsset(spec.section(QLatin1Char('='), 1), QStringLiteral("USDT"));
    return row;
}

inline fb::SymbolHistory history(const QString& fillSpecs, const QString& positions = {},
                                 const QString& orders = {}, const QString& funding = {})
{
    fb::SymbolHistory h;
    h.account = kAccount;
    h.symbol = kSymbol;
    h.fills = fills(fillSpecs);
    for (const QString& p : positions.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        h.currentPosition.insert(fb::parsePositionSide(p.section(QLatin1Char('='), 0, 0)).value(),
                                 dec(p.section(QLatin1Char('='), 1)));
    for (const QString& o : orders.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        h.clientOrderIds.insert(toId(o.section(QLatin1Char('='), 0, 0)),
                                o.section(QLatin1Char('='), 1));
    for (const QString& f : funding.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        h.funding.append(fundingRow(f));
    return h;
}

inline QString optionalDecimal(const std::optional<fb::Decimal>& value)
{
    return value ? value->toString() : QStringLiteral("null");
}

// "BOTH:1 LONG CLOSED 1000-2000 entry=1 exit=1 max=1 avg=100/110 pnl=10 fee=USDT:0.084
//  funding=0 net=9.916 fills=2 flags= [reason=...]" (one line)
inline QString summary(const fb::JournalTrade& t)
{
    QStringList fees;
    for (auto it = t.commission.cbegin(); it != t.commission.cend(); ++it)
        fees.append(it.key() + QLatin1Char(':') + it.value().toString());
    QStringList parts{
        t.key.section(QLatin1Char(':'), 2),
        fb::directionName(t.direction),
        fb::tradeStatusName(t.status),
        QString::number(t.openTime) + QLatin1Char('-') +
            (t.closeTime ? QString::number(*t.closeTime) : QString()),
        QStringLiteral("entry=") + t.entryQty.toString(),
        QStringLiteral("exit=") + t.exitQty.toString(),
        QStringLiteral("max=") + t.maxQty.toString(),
        QStringLiteral("avg=") + optionalDecimal(t.avgEntryPrice) + QLatin1Char('/') +
            optionalDecimal(t.avgExitPrice),
        QStringLiteral("pnl=") + t.realizedPnl.toString(),
        QStringLiteral("fee=") + fees.join(QLatin1Char(',')),
        QStringLiteral("funding=") + t.funding.toString(),
        QStringLiteral("net=") + t.netPnl.toString(),
        QStringLiteral("fills=") + QString::number(t.fillCount),
        QStringLiteral("flags=") + fb::tradeFlagNames(t.flags).join(QLatin1Char('|')),
    };
    if (t.invalidReason)
        parts.append(QStringLiteral("reason=") + *t.invalidReason);
    return parts.join(QLatin1Char(' '));
}

inline QStringList summaries(const fb::SymbolTrades& built)
{
    QStringList result;
    for (const fb::JournalTrade& trade : built.trades)
        result.append(summary(trade));
    return result;
}

inline QString tranIds(const QVector<fb::Income>& rows)
{
    QStringList ids;
    for (const fb::Income& row : rows)
        ids.append(QString::number(row.tranId));
    return ids.join(QLatin1Char(','));
}

} // namespace fbtest
