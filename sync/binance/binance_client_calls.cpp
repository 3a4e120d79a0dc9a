// The typed calls of BinanceClient: each is send() with the endpoint's parser as the validator,
// so a body that does not parse counts as malformed (retried, then reported) and a success
// always carries a complete value.
#include "sync/binance/binance_client.h"

#include "sync/binance/diagnostics.h"

namespace fb::binance {

template <class T>
void BinanceClient::fetch(const Request& request, const QString& expectedName,
                          std::function<std::optional<T>(const QByteArray&, QString*)> parse,
                          Handler<T> done)
{
    if (request.name() != expectedName) {
        // A programming error in the caller; reported like any other error, never a crash.
        QTimer::singleShot(0, this, [request, expectedName, done] {
            Result<T> result;
            result.error.category = ErrorCategory::Rejected;
            result.error.endpoint = request.name();
            result.error.symbol = request.symbol;
            result.error.message = QStringLiteral("Internal error: a %1 request was passed to "
                                                  "the call for %2.")
                                       .arg(request.name(), expectedName);
            done(result);
        });
        return;
    }
    // The validator parses once and keeps the value for the completion handler.
    auto parsed = std::make_shared<std::optional<T>>();
    Validator validate = [parsed, parse](const QByteArray& body) {
        QString error;
        *parsed = parse(body, &error);
        if (parsed->has_value())
            return QString();
        return error.isEmpty() ? QStringLiteral("unreadable response") : error;
    };
    send(
        request,
        [parsed, done](const Response& response) {
            Result<T> result;
            result.error = response.error;
            result.attempts = response.attempts;
            if (response.ok())
                result.value = std::move(*parsed);
            done(result);
        },
        std::move(validate));
}

void BinanceClient::fetchServerTime(Handler<ServerTime> done)
{
    const Request request = serverTimeRequest();
    auto parsed = std::make_shared<std::optional<qint64>>();
    send(
        request,
        [parsed, done](const Response& response) {
            Result<ServerTime> result;
            result.error = response.error;
            if (response.ok()) {
                ServerTime time;
                time.serverTimeMs = **parsed;
                time.sentAtMs = response.sentAtMs;
                time.receivedAtMs = response.receivedAtMs;
                time.offsetMs =
                    fb::binance::clockOffsetMs(time.sentAtMs, time.receivedAtMs, time.serverTimeMs);
                result.value = time;
            }
            done(result);
        },
        [parsed](const QByteArray& body) {
            QString error;
            *parsed = parseServerTime(body, &error);
            return parsed->has_value() ? QString() : error;
        });
}

void BinanceClient::syncClock(Handler<ServerTime> done)
{
    fetchServerTime([this, done](const Result<ServerTime>& result) {
        if (result.ok()) {
            m_clock.setOffsetMs(result.value->offsetMs);
            qCInfo(lcBinance) << "clock offset" << result.value->offsetMs << "ms";
            emit clockSynced(result.value->offsetMs);
        }
        if (done)
            done(result);
    });
}

void BinanceClient::fetchExchangeInfo(Handler<ExchangeInfo> done)
{
    const Request request = exchangeInfoRequest();
    fetch<ExchangeInfo>(request, request.name(), parseExchangeInfo,
                        [this, done](const Result<ExchangeInfo>& result) {
                            if (result.ok() && result.value->requestWeightLimit) {
                                m_budget.setLimit(*result.value->requestWeightLimit);
                                m_budget.setWindow(result.value->requestWeightWindowMs);
                            }
                            done(result);
                        });
}

void BinanceClient::fetchIncomePage(const Request& request, Handler<QList<Income>> done)
{
    const QString account = m_config.account;
    // Unreadable elements are set aside, not a malformed page (docs/design.md §2.11).
    auto unreadable = std::make_shared<QList<UnreadableRecord>>();
    fetch<QList<Income>>(
        request, endpointName(Endpoint::Income),
        [account, unreadable](const QByteArray& body, QString* error) {
            unreadable->clear(); // a retried request parses its new body afresh
            return parseIncomeList(body, account, error, unreadable.get());
        },
        [unreadable, done = std::move(done)](const Result<QList<Income>>& page) {
            Result<QList<Income>> result = page;
            if (result.ok())
                result.unreadable = *unreadable;
            done(result);
        });
}

void BinanceClient::fetchFillsPage(const Request& request, Handler<QList<Fill>> done)
{
    const QString account = m_config.account;
    // Unreadable elements are set aside, not a malformed page (docs/design.md §2.11).
    auto unreadable = std::make_shared<QList<UnreadableRecord>>();
    fetch<QList<Fill>>(
        request, endpointName(Endpoint::UserTrades),
        [account, unreadable](const QByteArray& body, QString* error) {
            unreadable->clear(); // a retried request parses its new body afresh
            return parseFillList(body, account, error, unreadable.get());
        },
        [unreadable, done = std::move(done)](const Result<QList<Fill>>& page) {
            Result<QList<Fill>> result = page;
            if (result.ok())
                result.unreadable = *unreadable;
            done(result);
        });
}

void BinanceClient::fetchOrdersPage(const Request& request, Handler<QList<Order>> done)
{
    const QString account = m_config.account;
    // Unreadable elements are set aside, not a malformed page (docs/design.md §2.11).
    auto unreadable = std::make_shared<QList<UnreadableRecord>>();
    fetch<QList<Order>>(
        request, endpointName(Endpoint::AllOrders),
        [account, unreadable](const QByteArray& body, QString* error) {
            unreadable->clear(); // a retried request parses its new body afresh
            return parseOrderList(body, account, error, unreadable.get());
        },
        [unreadable, done = std::move(done)](const Result<QList<Order>>& page) {
            Result<QList<Order>> result = page;
            if (result.ok())
                result.unreadable = *unreadable;
            done(result);
        });
}

void BinanceClient::fetchAlgoOrdersPage(const Request& request, Handler<QList<AlgoOrder>> done)
{
    const QString account = m_config.account;
    fetch<QList<AlgoOrder>>(
        request, endpointName(Endpoint::AllAlgoOrders),
        [account](const QByteArray& body, QString* error) {
            return parseAlgoOrderList(body, account, error);
        },
        std::move(done));
}

void BinanceClient::fetchForceOrders(const Request& request, Handler<QList<Order>> done)
{
    const QString account = m_config.account;
    fetch<QList<Order>>(
        request, endpointName(Endpoint::ForceOrders),
        [account](const QByteArray& body, QString* error) {
            return parseOrderList(body, account, error);
        },
        std::move(done));
}

void BinanceClient::fetchPositions(Handler<QList<Position>> done)
{
    const QString account = m_config.account;
    const Request request = positionRiskRequest();
    fetch<QList<Position>>(
        request, request.name(),
        [account](const QByteArray& body, QString* error) {
            return parsePositionList(body, account, error);
        },
        std::move(done));
}

void BinanceClient::fetchPositionMode(Handler<bool> done)
{
    const Request request = positionModeRequest();
    fetch<bool>(request, request.name(), parsePositionMode, std::move(done));
}

void BinanceClient::fetchAccount(Handler<AccountSummary> done)
{
    const Request request = accountRequest();
    fetch<AccountSummary>(request, request.name(), parseAccount, std::move(done));
}

void BinanceClient::fetchApiRestrictions(Handler<ApiRestrictions> done)
{
    const Request request = apiRestrictionsRequest();
    fetch<ApiRestrictions>(request, request.name(), parseApiRestrictions, std::move(done));
}

void BinanceClient::fetchKlines(const Request& request, Handler<KlinePage> done)
{
    fetch<KlinePage>(
        request, endpointName(Endpoint::Klines),
        [](const QByteArray& body, QString* error) { return parseKlineList(body, error); },
        std::move(done));
}

} // namespace fb::binance
