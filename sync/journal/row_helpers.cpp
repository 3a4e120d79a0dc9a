// Helpers shared by the row mappings of the journal: NULL, content comparison
// of raw JSON, and column readers that refuse what the journal did not write.

#include "sync/journal/journal_error.h"
#include "sync/journal/raw_rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace fb::journal::detail {

namespace {

[[noreturn]] void corrupt(const QSqlQuery& query, int column, const char* expected)
{
    throw JournalError(JournalError::Kind::Corrupt,
                       QStringLiteral("The journal holds '%1' where %2 was expected; it was "
                                      "changed outside Fillbook.")
                           .arg(query.value(column).toString(), QLatin1String(expected)));
}

} // namespace

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QStringLiteral(", "));
}

QVariant nullVariant()
{
    return QVariant(QMetaType::fromType<QString>());
}

bool sameContent(const QByteArray& a, const QByteArray& b)
{
    if (a == b)
        return true;
    // Different bytes can still be the same record: another key order or whitespace. QJsonObject
    // sorts keys and Qt 6 keeps 64-bit integers exact, so the compact form is canonical.
    QJsonParseError errorA;
    QJsonParseError errorB;
    const QJsonDocument docA = QJsonDocument::fromJson(a, &errorA);
    const QJsonDocument docB = QJsonDocument::fromJson(b, &errorB);
    if (errorA.error != QJsonParseError::NoError || errorB.error != QJsonParseError::NoError)
        return false;
    return docA.toJson(QJsonDocument::Compact) == docB.toJson(QJsonDocument::Compact);
}

std::pair<QString, QString> changedFields(const QByteArray& oldRaw, const QByteArray& newRaw)
{
    const QJsonObject before = QJsonDocument::fromJson(oldRaw).object();
    const QJsonObject after = QJsonDocument::fromJson(newRaw).object();
    if (before.isEmpty() || after.isEmpty())
        return {QString::fromUtf8(oldRaw), QString::fromUtf8(newRaw)};
    QStringList keys = before.keys() + after.keys();
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const auto show = [](const QJsonValue& value) {
        if (value.isUndefined())
            return QStringLiteral("(absent)");
        if (value.isString())
            return value.toString();
        // Numbers, booleans, null: their JSON text (integers stay exact).
        const QByteArray text =
            QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact); // "[x]"
        return QString::fromUtf8(text.mid(1, text.size() - 2));
    };
    QStringList oldParts;
    QStringList newParts;
    for (const QString& key : keys) {
        const QJsonValue a = before.value(key);
        const QJsonValue b = after.value(key);
        if (a == b)
            continue;
        oldParts.append(key + QLatin1Char('=') + show(a));
        newParts.append(key + QLatin1Char('=') + show(b));
    }
    return {oldParts.join(QStringLiteral("; ")), newParts.join(QStringLiteral("; "))};
}

Decimal readDecimal(const QSqlQuery& query, int column)
{
    const auto value = Decimal::parse(query.value(column).toString());
    if (!value)
        corrupt(query, column, "a decimal number");
    return *value;
}

std::optional<Decimal> readOptionalDecimal(const QSqlQuery& query, int column)
{
    if (query.value(column).isNull())
        return std::nullopt;
    return readDecimal(query, column);
}

Side readSide(const QSqlQuery& query, int column)
{
    const auto side = parseSide(query.value(column).toString());
    if (!side)
        corrupt(query, column, "BUY or SELL");
    return *side;
}

PositionSide readPositionSide(const QSqlQuery& query, int column)
{
    const auto side = parsePositionSide(query.value(column).toString());
    if (!side)
        corrupt(query, column, "BOTH, LONG or SHORT");
    return *side;
}

} // namespace fb::journal::detail
