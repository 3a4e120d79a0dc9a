#include "sync/binance/responses.h"

#include "sync/binance/json_array.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <climits>

namespace fb::binance {

namespace {

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

std::optional<QJsonObject> parseObject(const QByteArray& body, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, QStringLiteral("invalid JSON (%1 at byte %2)")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        setError(error, QStringLiteral("expected a JSON object"));
        return std::nullopt;
    }
    return doc.object();
}

std::optional<qint64> requiredInt(const QJsonObject& object, const char* key, QString* error)
{
    const auto value = json::toInt64(object.value(QLatin1String(key)));
    if (!value)
        setError(error, QStringLiteral("field '%1' is missing or not an exact integer")
                            .arg(QLatin1String(key)));
    return value;
}

// Reads an optional decimal field; a present field that is not a decimal is an error (`ok`
// becomes false) rather than a silently missing number.
std::optional<Decimal> optionalDecimal(const QJsonObject& object, const char* key, bool* ok,
                                       QString* error)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    auto decimal = json::toDecimal(value);
    if (!decimal) {
        *ok = false;
        setError(error, QStringLiteral("field '%1' is not a decimal").arg(QLatin1String(key)));
    }
    return decimal;
}

// What can still be read of an element that failed: the parts of its natural key.
UnreadableRecord unreadable(const QByteArray& element, const QJsonDocument& doc,
                            const char* recordKind, const char* idField, const QString& account,
                            const QString& reason)
{
    UnreadableRecord r;
    r.account = account;
    r.recordKind = QLatin1String(recordKind);
    r.raw = element;
    r.reason = reason;
    if (doc.isObject()) {
        const QJsonObject object = doc.object();
        r.symbol = object.value(QLatin1String("symbol")).toString();
        r.incomeType = object.value(QLatin1String("incomeType")).toString();
        r.id = json::toInt64(object.value(QLatin1String(idField)));
    }
    return r;
}

// With `unreadable` null, one element that does not parse fails the page (strict). With it,
// such an element is set aside there, verbatim with its reason (docs/design.md §2.11), and the
// page's other records are returned.
template <class Record>
std::optional<QList<Record>> parseRecords(const QByteArray& body, const QString& account,
                                          QString* error, QList<UnreadableRecord>* unreadableOut,
                                          const char* recordKind, const char* idField)
{
    QString splitError;
    const auto elements = splitJsonArray(body, &splitError);
    if (!elements) {
        setError(error, splitError);
        return std::nullopt;
    }
    QList<Record> records;
    records.reserve(elements->size());
    for (qsizetype i = 0; i < elements->size(); ++i) {
        const QByteArray& element = elements->at(i);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(element, &parseError);
        QString recordError;
        std::optional<Record> record;
        if (parseError.error != QJsonParseError::NoError)
            recordError = QStringLiteral("invalid JSON (%1)").arg(parseError.errorString());
        else if (!doc.isObject())
            recordError = QStringLiteral("not a JSON object");
        else
            record = Record::fromJson(doc.object(), account, &recordError);
        if (!record) {
            if (unreadableOut) {
                unreadableOut->append(
                    unreadable(element, doc, recordKind, idField, account, recordError));
                continue;
            }
            setError(error, QStringLiteral("element %1 of %2: %3")
                                .arg(i + 1)
                                .arg(elements->size())
                                .arg(recordError));
            return std::nullopt;
        }
        record->raw = element; // the exchange's bytes, not fromJson's re-serialisation
        records.append(std::move(*record));
    }
    return records;
}

} // namespace

QStringList ApiRestrictions::dangerousPermissionNames()
{
    return {QStringLiteral("enableWithdrawals"),
            QStringLiteral("enableInternalTransfer"),
            QStringLiteral("permitsUniversalTransfer"),
            QStringLiteral("enableFutures"),
            QStringLiteral("enableSpotAndMarginTrading"),
            QStringLiteral("enableMargin"),
            QStringLiteral("enableVanillaOptions"),
            QStringLiteral("enablePortfolioMarginTrading"),
            QStringLiteral("enableFixApiTrade")};
}

QStringList ApiRestrictions::dangerousPermissions() const
{
    QStringList enabled;
    for (const QString& name : dangerousPermissionNames()) {
        if (flags.value(name, false))
            enabled.append(name);
    }
    return enabled;
}

std::optional<qint64> parseServerTime(const QByteArray& body, QString* error)
{
    const auto object = parseObject(body, error);
    if (!object)
        return std::nullopt;
    return requiredInt(*object, "serverTime", error);
}

std::optional<qint64> rateLimitIntervalMs(const QString& interval, qint64 intervalNum)
{
    if (intervalNum <= 0 || intervalNum > 1'000'000)
        return std::nullopt;
    qint64 unit = 0;
    if (interval == QLatin1String("SECOND"))
        unit = 1000;
    else if (interval == QLatin1String("MINUTE"))
        unit = 60'000;
    else if (interval == QLatin1String("HOUR"))
        unit = 3'600'000;
    else if (interval == QLatin1String("DAY"))
        unit = 86'400'000;
    else
        return std::nullopt;
    return unit * intervalNum;
}

std::optional<ExchangeInfo> parseExchangeInfo(const QByteArray& body, QString* error)
{
    const auto object = parseObject(body, error);
    if (!object)
        return std::nullopt;
    ExchangeInfo info;
    for (const QJsonValue& value : object->value(QLatin1String("rateLimits")).toArray()) {
        const QJsonObject limit = value.toObject();
        if (limit.value(QLatin1String("rateLimitType")).toString() !=
            QLatin1String("REQUEST_WEIGHT"))
            continue;
        // A window we cannot measure cannot be budgeted; the others (a simulator's scaled
        // window, a second pool) can.
        const auto windowMs = rateLimitIntervalMs(
            limit.value(QLatin1String("interval")).toString(),
            json::toInt64(limit.value(QLatin1String("intervalNum"))).value_or(1));
        if (!windowMs)
            continue;
        const auto n = json::toInt64(limit.value(QLatin1String("limit")));
        if (!n || *n <= 0 || *n > 10'000'000) {
            setError(error, QStringLiteral("REQUEST_WEIGHT limit is not a positive integer"));
            return std::nullopt;
        }
        // One budget window: keep the pool with the lowest average rate. n/w < limit/window,
        // compared without division, in 128 bits: a window may be a million days (8.64e13 ms)
        // and a limit 1e7, so a product reaches 8.64e20 and wrapped in 64 bits (caught by UBSan
        // in tests/fuzz/fuzz_responses).
        if (info.requestWeightLimit &&
            static_cast<Int128>(*n) * info.requestWeightWindowMs >=
                static_cast<Int128>(*info.requestWeightLimit) * *windowMs)
            continue;
        info.requestWeightLimit = static_cast<int>(*n);
        info.requestWeightWindowMs = *windowMs;
    }
    const QJsonValue symbols = object->value(QLatin1String("symbols"));
    if (!symbols.isArray()) {
        setError(error, QStringLiteral("field 'symbols' is missing or not an array"));
        return std::nullopt;
    }
    for (const QJsonValue& value : symbols.toArray()) {
        const QJsonObject symbol = value.toObject();
        SymbolInfo s;
        s.symbol = symbol.value(QLatin1String("symbol")).toString();
        s.status = symbol.value(QLatin1String("status")).toString();
        s.contractType = symbol.value(QLatin1String("contractType")).toString();
        s.marginAsset = symbol.value(QLatin1String("marginAsset")).toString();
        // Small integers only: a precision is a count of digits, and one beyond 18 is no
        // display precision (the journal's decimals have at most 18 places).
        for (auto [name, field] : {std::pair{"pricePrecision", &s.pricePrecision},
                                   std::pair{"quantityPrecision", &s.quantityPrecision}}) {
            const QJsonValue v = symbol.value(QLatin1String(name));
            if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= 18 &&
                v.toDouble() == double(v.toInt()))
                *field = v.toInt();
        }
        if (s.symbol.isEmpty() || s.status.isEmpty()) {
            setError(error, QStringLiteral("a symbol entry lacks 'symbol' or 'status'"));
            return std::nullopt;
        }
        info.symbols.append(s);
    }
    return info;
}

std::optional<bool> parsePositionMode(const QByteArray& body, QString* error)
{
    const auto object = parseObject(body, error);
    if (!object)
        return std::nullopt;
    const QJsonValue value = object->value(QLatin1String("dualSidePosition"));
    if (!value.isBool()) {
        setError(error, QStringLiteral("field 'dualSidePosition' is missing or not a boolean"));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<AccountSummary> parseAccount(const QByteArray& body, QString* error)
{
    const auto object = parseObject(body, error);
    if (!object)
        return std::nullopt;
    if (!object->contains(QLatin1String("assets"))) {
        setError(error, QStringLiteral("field 'assets' is missing"));
        return std::nullopt;
    }
    bool ok = true;
    AccountSummary account;
    account.totalWalletBalance = optionalDecimal(*object, "totalWalletBalance", &ok, error);
    account.totalUnrealizedProfit = optionalDecimal(*object, "totalUnrealizedProfit", &ok, error);
    account.totalMarginBalance = optionalDecimal(*object, "totalMarginBalance", &ok, error);
    account.availableBalance = optionalDecimal(*object, "availableBalance", &ok, error);
    for (const QJsonValue& element : object->value(QLatin1String("assets")).toArray()) {
        const QJsonObject asset = element.toObject();
        const QString name = asset.value(QLatin1String("asset")).toString();
        const auto balance = optionalDecimal(asset, "walletBalance", &ok, error);
        if (!name.isEmpty() && balance)
            account.walletBalances.insert(name, *balance);
    }
    if (!ok)
        return std::nullopt;
    account.raw = body.trimmed();
    return account;
}

std::optional<ApiRestrictions> parseApiRestrictions(const QByteArray& body, QString* error)
{
    const auto object = parseObject(body, error);
    if (!object)
        return std::nullopt;
    const QJsonValue reading = object->value(QLatin1String("enableReading"));
    if (!reading.isBool()) {
        setError(error, QStringLiteral("field 'enableReading' is missing or not a boolean"));
        return std::nullopt;
    }
    ApiRestrictions r;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (it.value().isBool())
            r.flags.insert(it.key(), it.value().toBool());
    }
    // A dangerous permission sent in an unexpected type must not read as "off".
    for (const QString& name : ApiRestrictions::dangerousPermissionNames()) {
        const QJsonValue v = object->value(name);
        if (!v.isUndefined() && !v.isNull() && !v.isBool()) {
            setError(error, QStringLiteral("field '%1' is not a boolean").arg(name));
            return std::nullopt;
        }
    }
    r.enableReading = reading.toBool();
    r.ipRestrict = object->value(QLatin1String("ipRestrict")).toBool();
    r.createTime = json::toInt64(object->value(QLatin1String("createTime"))).value_or(0);
    return r;
}

std::optional<ErrorBody> parseErrorBody(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const auto code = json::toInt64(doc.object().value(QLatin1String("code")));
    if (!code || *code < INT_MIN || *code > INT_MAX)
        return std::nullopt;
    return ErrorBody{static_cast<int>(*code), doc.object().value(QLatin1String("msg")).toString()};
}

std::optional<QList<Income>> parseIncomeList(const QByteArray& body, const QString& account,
                                             QString* error, QList<UnreadableRecord>* unreadable)
{
    return parseRecords<Income>(body, account, error, unreadable, "income", "tranId");
}

std::optional<QList<Fill>> parseFillList(const QByteArray& body, const QString& account,
                                         QString* error, QList<UnreadableRecord>* unreadable)
{
    return parseRecords<Fill>(body, account, error, unreadable, "fill", "id");
}

std::optional<QList<Order>> parseOrderList(const QByteArray& body, const QString& account,
                                           QString* error, QList<UnreadableRecord>* unreadable)
{
    return parseRecords<Order>(body, account, error, unreadable, "order", "orderId");
}

std::optional<QList<AlgoOrder>> parseAlgoOrderList(const QByteArray& body, const QString& account,
                                                   QString* error)
{
    return parseRecords<AlgoOrder>(body, account, error, nullptr, "algo order", "algoId");
}

std::optional<QList<Position>> parsePositionList(const QByteArray& body, const QString& account,
                                                 QString* error)
{
    return parseRecords<Position>(body, account, error, nullptr, "position", "symbol");
}

} // namespace fb::binance
