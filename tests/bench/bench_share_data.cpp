#include "tests/bench/bench_share_data.h"

#include "models/domain/lifecycle.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/raw_store.h"
#include "sync/journal/trade_store.h"
#include "sync/journal/transaction.h"
#include "tests/bench/bench_data.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMap>

#include <optional>

namespace fb::bench {

namespace {

const QString kAccount = QStringLiteral("main");

void removeJournal(const QString& path)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

journal::OpenOptions writer()
{
    return {journal::OpenMode::ReadWrite, QStringLiteral("bench"), true};
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// One FILLED order per order id the fills name: quantities and quote summed.
QVector<Order> ordersOf(const QVector<Fill>& fills)
{
    QMap<qint64, Order> byId;
    for (const Fill& f : fills) {
        auto it = byId.find(f.orderId);
        if (it == byId.end()) {
            Order o;
            o.account = f.account;
            o.symbol = f.symbol;
            o.orderId = f.orderId;
            o.clientOrderId = QStringLiteral("bench-%1").arg(f.orderId);
            o.status = QStringLiteral("FILLED");
            o.price = f.price;
            o.timeInForce = QStringLiteral("GTC");
            o.type = QStringLiteral("LIMIT");
            o.origType = QStringLiteral("LIMIT");
            o.side = f.side;
            o.positionSide = f.positionSide;
            o.workingType = QStringLiteral("CONTRACT_PRICE");
            o.priceMatch = QStringLiteral("NONE");
            o.selfTradePreventionMode = QStringLiteral("NONE");
            o.time = f.time;
            it = byId.insert(f.orderId, o);
        }
        it->origQty += f.qty;
        it->executedQty += f.qty;
        it->cumQuote += f.quoteQty;
        it->updateTime = f.time;
    }
    QVector<Order> orders;
    orders.reserve(byId.size());
    for (Order& o : byId) {
        o.avgPrice = o.price; // the bench's orders fill at their limit price
        o.raw = compact(o.toJson());
        orders.append(o);
    }
    return orders;
}

// The income rows a fill makes on the exchange: its commission, and its realised PnL if any.
void addIncomeOf(const QVector<Fill>& fills, qint64& nextTranId, QVector<Income>& out)
{
    for (const Fill& f : fills) {
        Income fee;
        fee.account = f.account;
        fee.symbol = f.symbol;
        fee.incomeType = QStringLiteral("COMMISSION");
        fee.income = -f.commissionCost();
        fee.asset = f.commissionAsset;
        fee.time = f.time;
        fee.tranId = nextTranId++;
        fee.tradeId = QString::number(f.id);
        fee.raw = compact(fee.toJson());
        out.append(fee);
        if (f.realizedPnl.isZero())
            continue;
        Income pnl = fee;
        pnl.incomeType = QStringLiteral("REALIZED_PNL");
        pnl.income = f.realizedPnl;
        pnl.asset = f.marginAsset;
        pnl.tranId = nextTranId++;
        pnl.raw = compact(pnl.toJson());
        out.append(pnl);
    }
}

} // namespace

double buildAnnotationJournal(const QString& path, int count)
{
    removeJournal(path);
    QElapsedTimer t;
    t.start();
    journal::Database db(path, writer());
    journal::AnnotationStore store(db);
    constexpr int kPerTransaction = 10'000;
    for (int from = 0; from < count; from += kPerTransaction) {
        journal::Transaction tx(db);
        for (int i = from; i < std::min(count, from + kPerTransaction); ++i) {
            journal::Annotation a;
            a.tradeKey = QStringLiteral("main:BENCH%1USDT:LONG:%2").arg(i % 200).arg(1'000'000 + i);
            a.notes = QStringLiteral("Bench note %1: waited for the retest, entry on the second "
                                     "touch, scaled out at 2R.")
                          .arg(i);
            a.tags = {QStringLiteral("breakout"), QStringLiteral("tag%1").arg(i % 17)};
            a.setup = QStringLiteral("retest");
            a.rating = i % 6;
            a.mistakes = {QStringLiteral("late exit")};
            store.save(a);
        }
        tx.commit();
    }
    return double(t.nsecsElapsed()) / 1e9;
}

RecordsJournal buildRecordsJournal(const QString& path, int fills, int symbols)
{
    removeJournal(path);
    QElapsedTimer t;
    t.start();
    RecordsJournal r;
    journal::Database db(path, writer());
    const FillSource source(fills, symbols);
    QVector<Income> income;
    qint64 nextTranId = 9'000'000'000;
    for (int i = 0; i < source.symbolCount(); ++i) {
        const QVector<Fill> symbolFills = source.fillsOf(i);
        if (symbolFills.isEmpty())
            continue;
        const QVector<Order> orders = ordersOf(symbolFills);
        addIncomeOf(symbolFills, nextTranId, income);
        journal::Transaction tx(db);
        journal::RawStore raw(db);
        raw.upsertFills(symbolFills);
        raw.upsertOrders(orders);
        const QString symbol = source.symbol(i);
        const SymbolTrades built = buildSymbolTrades(raw.loadSymbolHistory(kAccount, symbol));
        journal::TradeStore(db).replaceSymbolTrades(kAccount, symbol, built);
        journal::OutboxStore(db).add(journal::kOutboxRecords, kAccount, symbol);
        tx.commit();
        r.fills += symbolFills.size();
        r.orders += orders.size();
        r.trades += built.trades.size();
        ++r.outboxRows;
    }
    {
        journal::Transaction tx(db);
        journal::RawStore(db).upsertIncome(income);
        journal::OutboxStore(db).add(journal::kOutboxRecords, kAccount, QString());
        tx.commit();
        r.income = income.size();
        ++r.outboxRows;
    }
    r.seconds = double(t.nsecsElapsed()) / 1e9;
    return r;
}

} // namespace fb::bench
