#include "sync/simulator/dataset.h"

#include "sync/simulator/jsonwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

namespace fb::sim {
namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

template <typename Record>
bool readArray(const QJsonObject& root, const char* key, QVector<Record>* out, QString* error)
{
    const QJsonValue value = root.value(QLatin1String(key));
    if (value.isUndefined())
        return true; // every array is optional: an account may have no orders, say
    if (!value.isArray())
        return fail(error, QStringLiteral("dataset: '%1' is not an array").arg(QLatin1String(key)));
    const QJsonArray array = value.toArray();
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString why;
        const auto record = Record::fromJson(array.at(i).toObject(), QString(), &why);
        if (!record || !array.at(i).isObject())
            return fail(error, QStringLiteral("dataset: %1[%2]: %3")
                                   .arg(QLatin1String(key))
                                   .arg(i)
                                   .arg(why.isEmpty() ? QStringLiteral("not an object") : why));
        out->append(*record);
    }
    return true;
}

struct Scales
{
    int price = 0;
    int qty = 0;
    Decimal lastPrice;
    qint64 lastTime = -1;
};

} // namespace

std::optional<Account> loadDataset(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("cannot read dataset %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return parseDataset(file.readAll(), error);
}

std::optional<Account> parseDataset(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(error,
             QStringLiteral("dataset is not a JSON object: %1").arg(parseError.errorString()));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    QVector<Fill> fills;
    QVector<Income> income;
    QVector<Order> orders;
    QVector<Position> positions;
    if (!readArray(root, "fills", &fills, error) || !readArray(root, "income", &income, error) ||
        !readArray(root, "orders", &orders, error) ||
        !readArray(root, "positions", &positions, error))
        return std::nullopt;

    Account account;
    account.hedgeMode = root.value(QStringLiteral("hedgeMode")).toBool();
    account.createTime = 1569398400000LL;

    // Symbols: the listed names (strings, or objects with "symbol" and optional "tickSize",
    // "stepSize", "markPrice") plus any symbol a record names. Tick and step default to the
    // finest scale seen in the records, the mark price to the last fill's price.
    QStringList names;
    QHash<QString, Scales> scales;
    QHash<QString, QJsonObject> overrides;
    for (const QJsonValue& v : root.value(QStringLiteral("symbols")).toArray()) {
        const QString name =
            v.isObject() ? v.toObject().value(QStringLiteral("symbol")).toString() : v.toString();
        if (name.isEmpty()) {
            fail(error, QStringLiteral("dataset: a 'symbols' entry has no name"));
            return std::nullopt;
        }
        if (v.isObject())
            overrides.insert(name, v.toObject());
        if (!names.contains(name))
            names.append(name);
    }
    auto note = [&](const QString& name) -> Scales& {
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
        return scales[name];
    };
    for (const Fill& f : fills) {
        Scales& s = note(f.symbol);
        s.price = std::max(s.price, f.price.normalized().scale());
        s.qty = std::max(s.qty, f.qty.normalized().scale());
        if (f.time >= s.lastTime) {
            s.lastTime = f.time;
            s.lastPrice = f.price;
        }
    }
    for (const Income& i : income)
        note(i.symbol);
    for (const Order& o : orders)
        note(o.symbol);
    for (const Position& p : positions) {
        Scales& s = note(p.symbol);
        if (s.lastTime < 0 && !p.markPrice.isZero())
            s.lastPrice = p.markPrice;
    }
    for (const QString& name : names) {
        const Scales s = scales.value(name);
        SymbolSpec spec = specForName(name, std::max(s.price, 1), s.qty, s.lastPrice);
        const QJsonObject o = overrides.value(name);
        for (const auto& [key, field] :
             {std::pair{"tickSize", &spec.tickSize}, std::pair{"stepSize", &spec.stepSize},
              std::pair{"markPrice", &spec.markPrice}}) {
            if (o.contains(QLatin1String(key))) {
                const auto d = Decimal::parse(o.value(QLatin1String(key)).toString());
                if (!d) {
                    fail(error, QStringLiteral("dataset: symbol %1 has a bad %2")
                                    .arg(name, QLatin1String(key)));
                    return std::nullopt;
                }
                *field = *d;
            }
        }
        account.addSymbol(spec);
    }

    // The starting position of every book is what the fills do not explain.
    QHash<QPair<QString, int>, Decimal> net;
    for (const Fill& f : fills)
        net[{f.symbol, static_cast<int>(f.positionSide)}] += f.signedQty();
    for (const Position& p : positions) {
        const Decimal start =
            p.positionAmt - net.value({p.symbol, static_cast<int>(p.positionSide)});
        account.setStartingPosition(p.symbol, p.positionSide, {start, Decimal()});
    }
    for (auto it = net.cbegin(); it != net.cend(); ++it) {
        bool hasPosition = false;
        for (const Position& p : positions)
            hasPosition = hasPosition || (p.symbol == it.key().first &&
                                          static_cast<int>(p.positionSide) == it.key().second);
        if (!hasPosition)
            account.setStartingPosition(it.key().first, static_cast<PositionSide>(it.key().second),
                                        {-it.value(), Decimal()});
    }
    account.setRecords(std::move(fills), std::move(income), std::move(orders),
                       std::move(positions));
    return account;
}

QByteArray datasetJson(const Account& account)
{
    QByteArray out = "{\"hedgeMode\":";
    out += account.hedgeMode ? "true" : "false";
    out += ",\"symbols\":";
    out += QJsonDocument(QJsonArray::fromStringList(account.symbolNames()))
               .toJson(QJsonDocument::Compact);
    JsonArrayWriter fills;
    JsonArrayWriter orders;
    for (const SymbolSpec& s : account.symbols()) {
        for (const Fill& f : account.fills(s.symbol))
            fills.addRecord(f);
        for (const Order& o : account.orders(s.symbol))
            orders.addRecord(o);
    }
    JsonArrayWriter income;
    for (const Income& i : account.income())
        income.addRecord(i);
    JsonArrayWriter positions;
    for (const Position& p : account.positions())
        positions.addRecord(p);
    out += ",\"fills\":" + fills.finish();
    out += ",\"income\":" + income.finish();
    out += ",\"orders\":" + orders.finish();
    out += ",\"positions\":" + positions.finish();
    out += "}\n";
    return out;
}

bool saveDataset(const Account& account, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(datasetJson(account));
    if (!file.commit())
        return fail(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace fb::sim
