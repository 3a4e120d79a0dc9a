#pragma once
// The record builders of every test (and of fillbook-bench): fb::Fill, Income, Order,
// SymbolHistory and JournalTrade values, in two forms.
//
// From compact text, for the domain tests (account kAccount, symbol kSymbol, no raw JSON):
//
//   fill:     "id@time SIDE qty@price [pnl=x] [fee=x[:ASSET]] [ps=LONG|SHORT] [o=orderId]"
//   fills:    fill specs separated by ';'
//   position: "BOTH=1 LONG=2 SHORT=-3"
//   orders:   "orderId=clientOrderId ..."
//   funding:  "tranId@time=amount[:ASSET] ..."
//
// From realistic exchange JSON, for the journal tests and the benchmark (account "main" unless
// given): `raw` is exactly what the exchange client would store.
//
// A builder stops the program (qFatal) on input it cannot parse: a typo in a fixture is a bug
// of the test, not a failing assertion.

#include "models/domain/lifecycle.h"
#include "models/domain/records.h"
#include "models/domain/trade.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <utility>

namespace fbtest {

inline const QString kAccount = QStringLiteral("acc");
inline const QString kSymbol = QStringLiteral("BTCUSDT");

// Exact values; stops the program when the text is not one.
fb::Decimal dec(const QString& text);
fb::Decimal dec(const char* text);
qint64 toId(const QString& text);
// "0.04:BNB" -> (0.04, BNB); "0.04" -> (0.04, fallback)
std::pair<fb::Decimal, QString> amountWithAsset(const QString& text, const QString& fallback);

// --- compact text ------------------------------------------------------------------------------

fb::Fill fill(const QString& spec);
QVector<fb::Fill> fills(const QString& specs);
fb::Income fundingRow(const QString& spec);
fb::SymbolHistory history(const QString& fillSpecs, const QString& positions = {},
                          const QString& orders = {}, const QString& funding = {});

// --- exchange JSON -----------------------------------------------------------------------------

QJsonObject parseObject(const QByteArray& json);
fb::Fill fillFromJson(const QByteArray& json, const QString& account = QStringLiteral("main"));

fb::Fill makeFill(const QString& symbol, qint64 id, const char* side, const char* price,
                  const char* qty, qint64 time, const char* realizedPnl = "0",
                  const char* commission = "0.01000000", const char* positionSide = "BOTH",
                  qint64 orderId = 0);
fb::Income makeIncome(const QString& symbol, const char* type, qint64 tranId, const char* amount,
                      qint64 time, const QString& account = QStringLiteral("main"));
fb::Order makeOrder(const QString& symbol, qint64 orderId, const char* clientOrderId,
                    const char* status, qint64 updateTime);

// `count` realistic fills over four symbols (ids from 6240000000, three per order, 250 ms
// apart), each with the raw text the exchange would send, built without parsing JSON per fill
// so that hundreds of thousands are quick: bulk upserts in tests and the upsert benchmark.
QVector<fb::Fill> manyFills(int count);

// A closed or open trade with one or two fill parts; enough fields set to test storage.
fb::JournalTrade makeTrade(const QString& symbol, qint64 firstFillId, qint64 openTime, bool closed,
                           const QString& account = QStringLiteral("main"));

} // namespace fbtest
