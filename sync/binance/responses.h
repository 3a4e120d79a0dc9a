#pragma once
// Parsers for the response bodies of the endpoints in endpoints.h.
//
// Every parser either returns a complete, exact value or an error sentence; none guesses. Record
// lists go through splitJsonArray() so each record's `raw` is the exchange's own bytes, and
// through the domain's fromJson(), which is strict about ids and decimals. A body that fails here
// is "malformed" for the retry classifier (retried, then reported with an excerpt).

#include "models/domain/records.h"
#include "models/domain/unreadable_record.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace fb::binance {

// GET /fapi/v1/time, with the round trip it was measured over.
struct ServerTime
{
    qint64 serverTimeMs = 0;
    qint64 sentAtMs = 0;     // local clock when the request went out
    qint64 receivedAtMs = 0; // local clock when the answer arrived
    qint64 offsetMs = 0;     // clockOffsetMs(sentAt, receivedAt, serverTime)
};

struct SymbolInfo
{
    QString symbol;
    QString status;       // TRADING, SETTLING, CLOSE, ... kept verbatim (the enum grows)
    QString contractType; // PERPETUAL, CURRENT_QUARTER, ...; may be empty
    QString marginAsset;  // may be empty
    // Display precisions (digits after the point) of prices and quantities; nullopt when the
    // exchange did not send them as small non-negative integers.
    std::optional<int> pricePrecision;
    std::optional<int> quantityPrecision;
};

struct ExchangeInfo
{
    // REQUEST_WEIGHT from rateLimits: the limit per window and the window's length
    // (interval × intervalNum; MINUTE/1 on real Binance, shorter on the simulator under
    // --time-scale). nullopt when the exchange did not say. With several REQUEST_WEIGHT entries
    // the one allowing the lowest average rate (limit ÷ window) is kept.
    std::optional<int> requestWeightLimit;
    qint64 requestWeightWindowMs = 60'000;
    QList<SymbolInfo> symbols;
};

// The parts of GET /fapi/v3/account the journal looks at. Its success alone proves that key,
// secret, IP whitelist and futures access work (API sheet §5.9).
struct AccountSummary
{
    std::optional<Decimal> totalWalletBalance;
    std::optional<Decimal> totalUnrealizedProfit;
    std::optional<Decimal> totalMarginBalance;
    std::optional<Decimal> availableBalance;
    // walletBalance of each element of "assets", by asset ("USDT" -> 1234.5); the totals above
    // are in USD in multi-assets mode, so a balance is shown per asset.
    QMap<QString, Decimal> walletBalances;
    QByteArray raw;
};

// GET /sapi/v1/account/apiRestrictions.
struct ApiRestrictions
{
    bool ipRestrict = false;
    bool enableReading = false;
    qint64 createTime = 0;
    QMap<QString, bool> flags; // every boolean field as sent, including ones not known today

    // The permissions a read-only journal never needs and a leaked key could abuse, in a fixed
    // order: enableWithdrawals, enableInternalTransfer, permitsUniversalTransfer, enableFutures,
    // enableSpotAndMarginTrading, enableMargin, enableVanillaOptions,
    // enablePortfolioMarginTrading, enableFixApiTrade. Returns those that are true.
    QStringList dangerousPermissions() const;
    static QStringList dangerousPermissionNames();
};

// {"code": -1121, "msg": "Invalid symbol."}
struct ErrorBody
{
    int code = 0;
    QString msg;
};

std::optional<qint64> parseServerTime(const QByteArray& body, QString* error = nullptr);
// Milliseconds of a rateLimits interval ("SECOND", "MINUTE", "HOUR", "DAY") × intervalNum;
// nullopt for an unknown interval or a count that is not positive.
std::optional<qint64> rateLimitIntervalMs(const QString& interval, qint64 intervalNum);
std::optional<ExchangeInfo> parseExchangeInfo(const QByteArray& body, QString* error = nullptr);
std::optional<bool> parsePositionMode(const QByteArray& body, QString* error = nullptr);
std::optional<AccountSummary> parseAccount(const QByteArray& body, QString* error = nullptr);
std::optional<ApiRestrictions> parseApiRestrictions(const QByteArray& body,
                                                    QString* error = nullptr);
// nullopt unless the body is an object with an integer "code" (the error shape of API sheet §4.1).
std::optional<ErrorBody> parseErrorBody(const QByteArray& body);

// A JSON array of records; each record's `raw` is set to its verbatim element text. Without
// `unreadable`, an element that does not parse fails the whole body; with it, such elements are
// appended there (verbatim, with the reason) and the others returned. A body that is not an
// array fails either way.
std::optional<QList<Income>> parseIncomeList(const QByteArray& body, const QString& account,
                                             QString* error = nullptr,
                                             QList<UnreadableRecord>* unreadable = nullptr);
std::optional<QList<Fill>> parseFillList(const QByteArray& body, const QString& account,
                                         QString* error = nullptr,
                                         QList<UnreadableRecord>* unreadable = nullptr);
// allAlgoOrders: an element that cannot be read makes the page malformed (retried, then the
// symbol fails): algo orders only feed the initial risk, and are fetched again next time.
std::optional<QList<AlgoOrder>> parseAlgoOrderList(const QByteArray& body, const QString& account,
                                                   QString* error);
std::optional<QList<Order>> parseOrderList(const QByteArray& body, const QString& account,
                                           QString* error = nullptr,
                                           QList<UnreadableRecord>* unreadable = nullptr);
std::optional<QList<Position>> parsePositionList(const QByteArray& body, const QString& account,
                                                 QString* error = nullptr);

} // namespace fb::binance
