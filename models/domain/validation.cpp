#include "models/domain/validation.h"

namespace fb {

namespace {

// +1 for the LONG book, -1 for SHORT, 0 for one-way (which may hold either sign).
int bookSign(PositionSide side)
{
    switch (side) {
    case PositionSide::Long:
        return 1;
    case PositionSide::Short:
        return -1;
    case PositionSide::Both:
        return 0;
    }
    return 0;
}

Decimal signedPart(const TradeFillPart& part)
{
    return part.side == Side::Buy ? part.qty : -part.qty;
}

} // namespace

std::optional<QString> validateTrade(const JournalTrade& trade)
{
    const int sign = bookSign(trade.positionSide);
    const QString book = positionSideName(trade.positionSide);
    if (sign != 0 && trade.startingQty.signum() == -sign) {
        return QStringLiteral("the starting position %1 has the wrong sign for a %2 book")
            .arg(trade.startingQty.toString(), book);
    }

    Decimal position = trade.startingQty;
    const TradeFillPart* previous = nullptr;
    for (const TradeFillPart& part : trade.fills) {
        const QString id = QString::number(part.fillId);
        if (!part.qty.isPositive())
            return QStringLiteral("fill %1 has a non-positive quantity %2")
                .arg(id, part.qty.toString());
        if (!part.price.isPositive())
            return QStringLiteral("fill %1 has a non-positive price %2")
                .arg(id, part.price.toString());
        if (previous && previous->fillId == part.fillId)
            return QStringLiteral("fill %1 appears twice").arg(id);
        if (previous && part.time < previous->time)
            return QStringLiteral("fill %1 at %2 is earlier than the fill before it at %3")
                .arg(id, QString::number(part.time), QString::number(previous->time));

        const Decimal before = position;
        position += signedPart(part);
        if (sign != 0 && position.signum() == -sign) {
            // Hedge books never flip: the exchange cannot sell more than the LONG holds, so the
            // history is incomplete or wrong here. The builder keeps the lifecycle going.
            const Decimal open = sign > 0 ? before : -before;
            return QStringLiteral("%1 %2 on %3 reduced beyond the open position %4 at fill %5")
                .arg(sideName(part.side), part.qty.toString(), book, open.toString(), id);
        }
        if (sign == 0 && before.signum() * position.signum() < 0)
            return QStringLiteral("the position crossed zero inside the trade at fill %1").arg(id);
        previous = &part;
    }

    if (trade.closeTime && *trade.closeTime < trade.openTime)
        return QStringLiteral("close time %1 is before open time %2")
            .arg(QString::number(*trade.closeTime), QString::number(trade.openTime));
    if (trade.status == TradeStatus::Closed && trade.entryQty != trade.exitQty)
        return QStringLiteral("entry quantity %1 differs from exit quantity %2 on a closed trade")
            .arg(trade.entryQty.toString(), trade.exitQty.toString());
    return std::nullopt;
}

bool applyValidation(JournalTrade& trade)
{
    trade.invalidReason = validateTrade(trade);
    if (trade.invalidReason)
        trade.flags |= FlagInvalid;
    else
        trade.flags &= ~quint32(FlagInvalid);
    return !trade.invalidReason;
}

} // namespace fb
