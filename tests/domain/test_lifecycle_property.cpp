// Properties of the lifecycle builder over random histories (fixed seeds, so failures replay):
// money is conserved exactly, every trade's derived fields agree with its fill parts, closed
// trades balance, the build is deterministic and independent of input order, and the
// reconciliation of the generated ledger matches.
#include "fixtures.h"

#include "models/domain/reconciliation.h"
#include "models/domain/validation.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace fb;
using namespace fbtest;

namespace {

constexpr int kSeeds = 200;
constexpr int kMaxFills = 60;

struct Generated
{
    SymbolHistory history;
    QVector<Income> income; // the ledger the exchange would show for these fills and funding
};

Decimal scaled(qint64 mantissa, int scale)
{
    return Decimal::fromScaled(mantissa, scale);
}

Generated generate(quint32 seed, int maxFills = kMaxFills)
{
    QRandomGenerator rng(seed);
    Generated g;
    SymbolHistory& h = g.history;
    h.account = kAccount;
    h.symbol = kSymbol;
    const bool hedge = seed % 3 == 0;

    // The position actually held before the first fill, per book: what the journal cannot see.
    QMap<PositionSide, Decimal> start;
    for (PositionSide side : {PositionSide::Both, PositionSide::Long, PositionSide::Short}) {
        Decimal amount;
        if (rng.bounded(3) == 0) {
            amount = scaled(rng.bounded(1, 3000), 3);
            const int sign = side == PositionSide::Long    ? 1
                             : side == PositionSide::Short ? -1
                                                           : (rng.bounded(2) ? 1 : -1);
            if (sign < 0)
                amount = -amount;
        }
        start.insert(side, amount);
    }
    QMap<PositionSide, Decimal> position = start;

    const int n = rng.bounded(1, maxFills + 1);
    qint64 time = 1700000000000;
    for (int i = 0; i < n; ++i) {
        time += rng.bounded(3) == 0 ? 0 : rng.bounded(1, 100000); // frequent same-millisecond
        Fill f;
        f.account = kAccount;
        f.symbol = kSymbol;
        f.id = 5000000000000000000 + qint64(i) * 7;
        f.orderId = 100 + rng.bounded(n); // several fills per order
        f.time = time;
        f.positionSide = hedge ? (rng.bounded(2) ? PositionSide::Long : PositionSide::Short)
                               : PositionSide::Both;
        Decimal& pos = position[f.positionSide];
        f.side = rng.bounded(2) ? Side::Buy : Side::Sell;
        if (hedge && pos.isZero() && rng.bounded(8) != 0) // mostly valid hedge books
            f.side = f.positionSide == PositionSide::Long ? Side::Buy : Side::Sell;
        f.qty = scaled(rng.bounded(1, 5001), 3);
        const bool reduces = !pos.isZero() && (f.side == Side::Buy) == pos.isNegative();
        if (reduces && rng.bounded(3) == 0)
            f.qty = pos.abs(); // exact closes are common in real data
        f.price = scaled(rng.bounded(1, 10000000), rng.bounded(0, 3));
        if (reduces || rng.bounded(10) == 0)
            f.realizedPnl = scaled(rng.bounded(-1000000000, 1000000000), 8);
        f.commission = scaled(rng.bounded(0, 10000000), 8);
        if (rng.bounded(4) == 0)
            f.commission = -f.commission; // the doc example's sign
        f.commissionAsset = rng.bounded(5) == 0 ? QStringLiteral("BNB") : QStringLiteral("USDT");
        f.marginAsset = QStringLiteral("USDT");
        pos += f.signedQty();
        h.fills.append(f);

        if (rng.bounded(10) == 0)
            h.clientOrderIds.insert(f.orderId, QStringLiteral("autoclose-%1").arg(i));
        if (!f.realizedPnl.isZero())
            g.income.append(Income{kAccount,
                                   kSymbol,
                                   QStringLiteral("REALIZED_PNL"),
                                   f.realizedPnl,
                                   f.marginAsset,
                                   {},
                                   f.time,
                                   f.id,
                                   {},
                                   {}});
        g.income.append(Income{kAccount,
                               kSymbol,
                               QStringLiteral("COMMISSION"),
                               -f.commissionCost(),
                               f.commissionAsset,
                               {},
                               f.time,
                               f.id,
                               {},
                               {}});
    }
    for (auto it = position.cbegin(); it != position.cend(); ++it) {
        if (!it.value().isZero() || rng.bounded(2))
            h.currentPosition.insert(it.key(), it.value());
    }

    const int fundingRows = rng.bounded(0, 12);
    for (int i = 0; i < fundingRows; ++i) {
        Income row{kAccount,
                   kSymbol,
                   QStringLiteral("FUNDING_FEE"),
                   scaled(rng.bounded(-1000000, 1000000), 8),
                   QStringLiteral("USDT"),
                   {},
                   1700000000000 + rng.bounded(-100000, qint64(n) * 70000),
                   900000 + i,
                   {},
                   {}};
        if (i > 0 && rng.bounded(4) == 0)
            row.time = h.fills[rng.bounded(h.fills.size())].time; // on a fill's millisecond
        h.funding.append(row);
        g.income.append(row);
    }

    // Input order must not matter: hand the builder a shuffled history.
    std::shuffle(h.fills.begin(), h.fills.end(), rng);
    std::shuffle(h.funding.begin(), h.funding.end(), rng);
    return g;
}

Decimal signedPart(const TradeFillPart& part)
{
    return part.side == Side::Buy ? part.qty : -part.qty;
}

// Every derived field recomputed from the trade's parts; returns the first disagreement.
QString checkInvariants(const JournalTrade& t)
{
    auto fail = [&t](const char* what) {
        return t.key + QLatin1String(": ") + QLatin1String(what);
    };
    if (t.fills.isEmpty() || t.fillCount != t.fills.size())
        return fail("fillCount differs from the parts");
    if (t.openTime != t.fills.first().time)
        return fail("openTime is not the first fill's time");
    if ((t.status == TradeStatus::Closed) != t.closeTime.has_value())
        return fail("status and closeTime disagree");
    if (t.closeTime && *t.closeTime != t.fills.last().time)
        return fail("closeTime is not the last fill's time");
    const QString expectedKey =
        JournalTrade::makeKey(t.account, t.symbol, t.positionSide, t.firstFillId());
    const QString startKey = JournalTrade::makeKey(t.account, t.symbol, t.positionSide, 0);
    if (t.key != expectedKey && !(t.hasFlag(FlagIncompleteStart) && t.key == startKey))
        return fail("key is not account:symbol:positionSide:firstFillId");
    if (t.hasFlag(FlagIncompleteStart) == t.startingQty.isZero())
        return fail("INCOMPLETE_START and startingQty disagree");

    Decimal entry = t.startingQty.abs(), exit, pnl, entryNotional, entrySeen, exitNotional;
    Decimal position = t.startingQty, maxQty = t.startingQty.abs();
    QMap<QString, Decimal> commission;
    for (const TradeFillPart& part : t.fills) {
        (part.increasesPosition ? entry : exit) += part.qty;
        (part.increasesPosition ? entryNotional : exitNotional) += part.price * part.qty;
        if (part.increasesPosition)
            entrySeen += part.qty;
        pnl += part.realizedPnl;
        commission[part.commissionAsset] += part.commission;
        position += signedPart(part);
        maxQty = std::max(maxQty, position.abs());
        if (position.isZero() && &part != &t.fills.last())
            return fail("the position returned to zero before the last part");
        if (t.positionSide == PositionSide::Both &&
            part.increasesPosition !=
                ((part.side == Side::Buy) == (t.direction == Direction::Long)))
            return fail("a one-way part increases against the trade's direction");
    }
    if (t.entryQty != entry || t.exitQty != exit)
        return fail("entryQty/exitQty differ from the parts");
    if (t.maxQty != maxQty)
        return fail("maxQty differs from the replayed position");
    if (t.realizedPnl != pnl || t.commission != commission)
        return fail("realizedPnl/commission differ from the parts");
    const auto avg = [](const Decimal& notional, const Decimal& qty) {
        return qty.isZero() ? std::optional<Decimal>() : notional.divide(qty, 8);
    };
    if (t.avgEntryPrice != avg(entryNotional, entrySeen) ||
        t.avgExitPrice != avg(exitNotional, exit))
        return fail("averages differ from the parts");
    if (t.netPnl != t.realizedPnl + t.funding - commission.value(t.marginAsset))
        return fail("netPnl is not realizedPnl + funding - margin-asset commission");
    if ((t.status == TradeStatus::Closed) != position.isZero())
        return fail("CLOSED iff the replayed position ends at zero");
    if (t.status == TradeStatus::Closed && t.entryQty != t.exitQty)
        return fail("a CLOSED trade's entryQty differs from its exitQty");
    if (t.invalidReason != validateTrade(t) ||
        t.hasFlag(FlagInvalid) != t.invalidReason.has_value())
        return fail("the INVALID flag disagrees with validation");
    if (t.positionSide == PositionSide::Both && t.hasFlag(FlagInvalid))
        return fail("a one-way trade from valid fills is invalid");
    return {};
}

} // namespace

class TestLifecycleProperty : public QObject
{
    Q_OBJECT
private slots:
    void randomHistories_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= kSeeds; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }
    void randomHistories()
    {
        QFETCH(quint32, seed);
        const Generated g = generate(seed);
        const SymbolHistory& h = g.history;
        const SymbolTrades built = buildSymbolTrades(h);

        int invalid = 0;
        Decimal pnl, funding;
        QMap<QString, Decimal> commission;
        QHash<qint64, Decimal> qtyByFill, costByFill;
        QHash<qint64, int> partsByFill;
        int attributedRows = 0;
        for (const JournalTrade& t : built.trades) {
            const QString problem = checkInvariants(t);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            invalid += t.hasFlag(FlagInvalid) ? 1 : 0;
            pnl += t.realizedPnl;
            funding += t.funding;
            attributedRows += t.fundingTranIds.size();
            for (auto it = t.commission.cbegin(); it != t.commission.cend(); ++it)
                commission[it.key()] += it.value();
            for (const TradeFillPart& part : t.fills) {
                qtyByFill[part.fillId] += part.qty;
                costByFill[part.fillId] += part.commission;
                ++partsByFill[part.fillId];
            }
        }
        QCOMPARE(built.invalidCount, invalid);

        // Money is conserved exactly, fill by fill and in total.
        Decimal fillPnl, rowFunding;
        QMap<QString, Decimal> fillCommission;
        for (const Fill& f : h.fills) {
            fillPnl += f.realizedPnl;
            fillCommission[f.commissionAsset] += f.commissionCost();
            QCOMPARE(qtyByFill.value(f.id), f.qty);
            QCOMPARE(costByFill.value(f.id), f.commissionCost());
            const int parts = partsByFill.value(f.id);
            QVERIFY(parts == 1 || (parts == 2 && f.positionSide == PositionSide::Both));
        }
        QCOMPARE(partsByFill.size(), h.fills.size());
        QCOMPARE(pnl, fillPnl);
        QCOMPARE(commission, fillCommission);
        for (const Income& row : built.unattributedFunding)
            funding += row.income;
        for (const Income& row : h.funding)
            rowFunding += row.income;
        QCOMPARE(funding, rowFunding);
        QCOMPARE(attributedRows + built.unattributedFunding.size(), h.funding.size());

        // Deterministic, and independent of the input order.
        const SymbolTrades again = buildSymbolTrades(h);
        QVERIFY(again.trades == built.trades);
        SymbolHistory reordered = h;
        std::reverse(reordered.fills.begin(), reordered.fills.end());
        std::reverse(reordered.funding.begin(), reordered.funding.end());
        const SymbolTrades fromReordered = buildSymbolTrades(reordered);
        QVERIFY(fromReordered.trades == built.trades);
        QCOMPARE(tranIds(fromReordered.unattributedFunding), tranIds(built.unattributedFunding));

        const ReconciliationReport report = reconcile(h.fills, g.income, {built});
        QVERIFY2(report.allMatch(), qPrintable(report.mismatches().value(0).describe()));
    }

    // The generator must actually produce the cases the properties are about.
    void generatorCoversTheInterestingCases()
    {
        int flips = 0, incomplete = 0, hedgeInvalid = 0, open = 0, attributed = 0, unattributed = 0,
            liquidations = 0;
        for (quint32 seed = 1; seed <= kSeeds; ++seed) {
            const SymbolTrades built = buildSymbolTrades(generate(seed).history);
            QSet<qint64> seen;
            for (const JournalTrade& t : built.trades) {
                for (const TradeFillPart& part : t.fills) {
                    if (seen.contains(part.fillId))
                        ++flips;
                    seen.insert(part.fillId);
                }
                incomplete += t.hasFlag(FlagIncompleteStart) ? 1 : 0;
                hedgeInvalid += t.hasFlag(FlagInvalid) ? 1 : 0;
                liquidations += t.hasFlag(FlagLiquidation) ? 1 : 0;
                open += t.status == TradeStatus::Open ? 1 : 0;
                attributed += t.fundingTranIds.size();
            }
            unattributed += built.unattributedFunding.size();
        }
        qInfo("flips %d, incomplete %d, invalid %d, open %d, liquidations %d, funding %d/%d", flips,
              incomplete, hedgeInvalid, open, liquidations, attributed, unattributed);
        QVERIFY(flips > 50);
        QVERIFY(incomplete > 50);
        QVERIFY(hedgeInvalid > 5);
        QVERIFY(open > 50);
        QVERIFY(liquidations > 10);
        QVERIFY(attributed > 50);
        QVERIFY(unattributed > 50);
    }

    // The engine rebuilds books of up to ~50k fills on every sync batch.
    void fiftyThousandFills()
    {
        Generated g = generate(4242, 1);
        const Fill model = g.history.fills.first();
        g.history.fills.clear();
        g.history.currentPosition.clear();
        QRandomGenerator rng(7);
        Decimal position;
        for (int i = 0; i < 50000; ++i) {
            Fill f = model;
            f.id = i + 1;
            f.time = 1700000000000 + i * 1000;
            f.side = rng.bounded(2) ? Side::Buy : Side::Sell;
            f.qty = Decimal::fromScaled(rng.bounded(1, 5001), 3);
            if (!position.isZero() && rng.bounded(8) == 0) { // close or flip now and then
                f.side = position.isNegative() ? Side::Buy : Side::Sell;
                f.qty = position.abs() + Decimal::fromScaled(rng.bounded(0, 2) * 1000, 3);
            }
            f.positionSide = PositionSide::Both;
            position += f.signedQty();
            g.history.fills.append(f);
        }
        g.history.currentPosition.insert(PositionSide::Both, position);
        std::shuffle(g.history.fills.begin(), g.history.fills.end(), rng);
        QElapsedTimer timer;
        timer.start();
        const SymbolTrades built = buildSymbolTrades(g.history);
        qInfo("50000 fills -> %lld trades in %lld ms", qint64(built.trades.size()),
              timer.elapsed());
        QVERIFY(built.trades.size() > 1000);
        QCOMPARE(built.invalidCount, 0);
        QVERIFY2(timer.elapsed() < 20000, "the build is far slower than O(n log n) should be");
    }
};

QTEST_GUILESS_MAIN(TestLifecycleProperty)
#include "test_lifecycle_property.moc"
