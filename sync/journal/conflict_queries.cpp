#include "sync/journal/conflict_queries.h"

#include "sync/journal/database.h"
#include "sync/journal/share_rows.h"
#include "sync/journal/sql_access.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace fb::journal {

namespace {

const QString kTradeColumns = QStringLiteral(
    "SELECT t.key, t.direction, t.open_time, t.close_time, t.net_pnl, t.margin_asset "
    "FROM trades t "
    "WHERE NOT EXISTS (SELECT 1 FROM annotations a WHERE a.trade_key = t.key) AND ");

TradeCandidate readCandidate(const QSqlQuery& q)
{
    TradeCandidate c;
    c.key = q.value(0).toString();
    c.direction = q.value(1).toString();
    c.openTime = q.value(2).toLongLong();
    if (!q.value(3).isNull())
        c.closeTime = q.value(3).toLongLong();
    c.netPnl = q.value(4).toString();
    c.marginAsset = q.value(5).toString();
    return c;
}

} // namespace

std::optional<TradeKeyParts> parseTradeKey(const QString& key)
{
    const QStringList parts = key.split(QLatin1Char(':'));
    if (parts.size() < 4)
        return std::nullopt;
    bool ok = false;
    TradeKeyParts p;
    p.firstFillId = parts.at(parts.size() - 1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    p.positionSide = parts.at(parts.size() - 2);
    p.symbol = parts.at(parts.size() - 3);
    p.account = parts.mid(0, parts.size() - 3).join(QLatin1Char(':'));
    return p;
}

ConflictSubject conflictSubject(Database& db, const Conflict& conflict)
{
    ConflictSubject subject;
    if (conflict.kind == kConflictSharedDayNote) {
        subject.recordLabel = QStringLiteral("daily note");
        return subject;
    }
    if (conflict.kind == kConflictOrphanedAnnotation ||
        conflict.kind == kConflictSharedAnnotation) {
        const auto parts = parseTradeKey(conflict.naturalKey);
        if (!parts)
            return subject;
        subject.symbol = parts->symbol;
        subject.recordLabel = QStringLiteral("note");
        QSqlQuery q = sqlOn(db).run(
            QStringLiteral(
                "SELECT side, time FROM fills WHERE account = ? AND symbol = ? AND id = ?"),
            {parts->account, parts->symbol, parts->firstFillId},
            QStringLiteral("read the first fill of a note's trade"));
        const bool found = q.next();
        if (found)
            subject.time = q.value(1).toLongLong();
        // The side of the trade: its position side in hedge mode, else its first fill's side.
        if (parts->positionSide != QLatin1String("BOTH"))
            subject.side = parts->positionSide;
        else if (found)
            subject.side = q.value(0).toString() == QLatin1String("BUY") ? QStringLiteral("LONG")
                                                                         : QStringLiteral("SHORT");
        return subject;
    }
    // account:symbol:id (fills, orders) or account:incomeType:tranId, read from the right: an
    // account label may hold ':'.
    const QStringList parts = conflict.naturalKey.split(QLatin1Char(':'));
    if (parts.size() < 3)
        return subject;
    bool ok = false;
    const qint64 id = parts.last().toLongLong(&ok);
    if (!ok)
        return subject;
    const QString middle = parts.at(parts.size() - 2);
    const QString account = parts.mid(0, parts.size() - 2).join(QLatin1Char(':'));
    QString sql;
    if (conflict.recordKind == QLatin1String("fill")) {
        subject.recordLabel = QStringLiteral("fill %1").arg(id);
        sql = QStringLiteral("SELECT symbol, side, time FROM fills WHERE account = ? AND "
                             "symbol = ? AND id = ?");
    } else if (conflict.recordKind == QLatin1String("order")) {
        subject.recordLabel = QStringLiteral("order %1").arg(id);
        sql = QStringLiteral("SELECT symbol, side, time FROM orders WHERE account = ? AND "
                             "symbol = ? AND order_id = ?");
    } else if (conflict.recordKind == QLatin1String("income")) {
        subject.recordLabel = QStringLiteral("%1 %2").arg(middle).arg(id);
        sql = QStringLiteral("SELECT symbol, '', time FROM income WHERE account = ? AND "
                             "income_type = ? AND tran_id = ?");
    } else {
        return subject;
    }
    QSqlQuery q =
        sqlOn(db).run(sql, {account, middle, id}, QStringLiteral("read a conflict's record"));
    if (q.next()) {
        subject.symbol = q.value(0).toString();
        subject.side = q.value(1).toString();
        subject.time = q.value(2).toLongLong();
    } else if (conflict.recordKind != QLatin1String("income")) {
        subject.symbol = middle;
    }
    return subject;
}

QVector<Conflict> loadOpenConflicts(Database& db, int limit)
{
    return ConflictStore(db).oldestOpen(limit);
}

QVector<TradeCandidate> reattachCandidates(Database& db, const QString& orphanKey, int limit)
{
    const auto parts = parseTradeKey(orphanKey);
    if (!parts)
        return {};
    QVector<TradeCandidate> result;
    QSet<QString> seen;
    // The trade that holds the orphan's first fill now (a rebuild moved the fill into a
    // lifecycle that starts earlier): among the book's trades open at the fill's time (an index
    // range on trades_by_account_symbol), the one whose parts list the fill id.
    QSqlQuery holding = sqlOn(db).run(
        kTradeColumns +
            QStringLiteral("t.account = ? AND t.symbol = ? AND t.position_side = ? AND "
                           "t.open_time <= (SELECT time FROM fills WHERE account = t.account AND "
                           "symbol = t.symbol AND id = ?) AND EXISTS (SELECT 1 FROM "
                           "json_each(t.parts_json) p WHERE json_extract(p.value, '$[0]') = ?)"),
        {parts->account, parts->symbol, parts->positionSide, parts->firstFillId,
         parts->firstFillId},
        QStringLiteral("find the trade holding a fill"));
    while (holding.next()) {
        TradeCandidate c = readCandidate(holding);
        c.holdsFirstFill = true;
        seen.insert(c.key);
        result << c;
    }
    // Then the neighbours in time of that fill (or the newest trades when the fill is gone),
    // walked outwards along trades_by_account_symbol from both sides.
    const QVariant fillTime = sqlOn(db).scalar(
        QStringLiteral("SELECT time FROM fills WHERE account = ? AND symbol = ? AND id = ?"),
        {parts->account, parts->symbol, parts->firstFillId}, QStringLiteral("find a fill"));
    const qint64 anchor =
        fillTime.isValid() ? fillTime.toLongLong() : Q_INT64_C(0x7fffffffffffffff);
    const QString sameBook =
        QStringLiteral("t.account = ? AND t.symbol = ? AND t.position_side = ? AND ");
    const QVariantList book{parts->account, parts->symbol, parts->positionSide};
    QVector<TradeCandidate> near;
    const auto walk = [&](const QString& tail, const QString& what) {
        QSqlQuery q = sqlOn(db).run(kTradeColumns + sameBook + tail,
                                    book + QVariantList{anchor, limit}, what);
        while (q.next())
            near << readCandidate(q);
    };
    walk(QStringLiteral("t.open_time <= ? ORDER BY t.open_time DESC, t.key DESC LIMIT ?"),
         QStringLiteral("find trades before a fill"));
    walk(QStringLiteral("t.open_time > ? ORDER BY t.open_time, t.key LIMIT ?"),
         QStringLiteral("find trades after a fill"));
    std::stable_sort(near.begin(), near.end(), [anchor](const auto& a, const auto& b) {
        return qAbs(a.openTime - anchor) < qAbs(b.openTime - anchor);
    });
    for (const TradeCandidate& c : near) {
        if (result.size() >= limit)
            break;
        if (!seen.contains(c.key)) {
            seen.insert(c.key);
            result << c;
        }
    }
    return result;
}

} // namespace fb::journal
