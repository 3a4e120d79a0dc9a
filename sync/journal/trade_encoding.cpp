// The write side of a trade (trade_rows.h): its values as bound, its parts JSON and its content
// digest, straight from the JournalTrade to UTF-8 (no QVariant or QString in between), the
// digest through OpenSSL's SHA-256 (the CPU's SHA extensions where it has them).
#include "sync/journal/trade_rows.h"

#include "models/money/decimal_bytes.h"
#include "sync/journal/raw_rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace fb::journal::detail {

namespace {

void appendJsonString(QByteArray& out, const QByteArray& utf8)
{
    out.append('"');
    // Prices, quantities and asset names need no escaping: appended whole (the parts JSON was
    // 15 % of the trades' write path, most of it appending these a character at a time).
    const bool plain = std::none_of(utf8.cbegin(), utf8.cend(), [](char c) {
        return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    if (plain) {
        out.append(utf8);
        out.append('"');
        return;
    }
    for (char c : utf8) {
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out.append(QByteArray("\\u00") + QByteArray::number(int(c), 16).rightJustified(2, '0'));
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

EncodedValue nullValue()
{
    return {};
}

EncodedValue integerValue(qint64 value)
{
    EncodedValue e;
    e.kind = EncodedValue::Kind::Integer;
    e.integer = value;
    return e;
}

EncodedValue textValue(QByteArray utf8)
{
    EncodedValue e;
    e.kind = EncodedValue::Kind::Text;
    e.text = std::move(utf8);
    return e;
}

EncodedValue textValue(const QString& text)
{
    return textValue(text.toUtf8());
}

// Decimal::toString() as bytes: ASCII, so its UTF-8 is the same text.
EncodedValue decimalValue(const Decimal& value)
{
    return textValue(canonicalBytes(value));
}

EncodedValue optionalDecimalValue(const std::optional<Decimal>& value)
{
    return value ? decimalValue(*value) : nullValue();
}

// A value that is rare on the write path (fee valuation, initial risk): through its QVariant,
// as tradeValues() has it.
EncodedValue variantValue(const QVariant& value)
{
    return encodeValues({value}).constFirst();
}

// Printable ASCII without '"' and '\': QJsonDocument writes it as it is.
bool plainJsonText(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
}

// What QJsonDocument(object).toJson(Compact) gives for the commission map: {"ASSET":"amount",...}
// with the keys in order. A QMap of plain ASCII keys is in the order QJsonObject keeps; anything
// else (an asset name with other characters) goes through QJsonDocument itself.
QByteArray commissionJsonBytes(const QMap<QString, Decimal>& commission)
{
    QByteArray out;
    out.reserve(2 + commission.size() * 32);
    out.append('{');
    bool first = true;
    for (auto it = commission.cbegin(); it != commission.cend(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const std::string value = it.value().toStdString();
        if (!plainJsonText(key) || !plainJsonText(QByteArrayView(value.data(), value.size()))) {
            QJsonObject object;
            for (auto j = commission.cbegin(); j != commission.cend(); ++j)
                object.insert(j.key(), j.value().toString());
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        if (!first)
            out.append(',');
        first = false;
        out.append('"');
        out.append(key);
        out.append("\":\"");
        out.append(value.data(), qsizetype(value.size()));
        out.append('"');
    }
    out.append('}');
    return out;
}

const EVP_MD* sha256()
{
    // Fetched once (OpenSSL 3): EVP_sha256() alone makes every digest look the algorithm up in
    // the provider again.
    static const EVP_MD* const md = [] {
        const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : EVP_sha256();
    }();
    return md;
}

} // namespace

QString sha256Hex(QByteArrayView bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), size_t(bytes.size()), digest, &length, sha256(), nullptr) != 1 ||
        length != 32)
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    static constexpr char hex[] = "0123456789abcdef";
    QString out(64, Qt::Uninitialized);
    QChar* chars = out.data();
    for (unsigned int i = 0; i < length; ++i) {
        chars[2 * i] = QLatin1Char(hex[digest[i] >> 4]);
        chars[2 * i + 1] = QLatin1Char(hex[digest[i] & 0x0f]);
    }
    return out;
}

QVector<EncodedValue> encodeTradeValues(const JournalTrade& t)
{
    // Column for column what encodeValues(tradeValues(t)) gives (test_journal_trades compares
    // them): the row and the digest of a stored journal stay byte for byte the same.
    QVector<EncodedValue> v;
    v.reserve(29);
    v.append(textValue(t.key));
    v.append(textValue(t.account));
    v.append(textValue(t.symbol));
    v.append(textValue(positionSideName(t.positionSide)));
    v.append(textValue(directionName(t.direction)));
    v.append(textValue(tradeStatusName(t.status)));
    v.append(integerValue(t.openTime));
    v.append(t.closeTime ? integerValue(*t.closeTime) : nullValue());
    v.append(decimalValue(t.entryQty));
    v.append(decimalValue(t.exitQty));
    v.append(decimalValue(t.maxQty));
    v.append(optionalDecimalValue(t.avgEntryPrice));
    v.append(optionalDecimalValue(t.avgExitPrice));
    v.append(decimalValue(t.realizedPnl));
    v.append(textValue(commissionJsonBytes(t.commission)));
    v.append(decimalValue(t.funding));
    v.append(decimalValue(t.netPnl));
    v.append(integerValue(t.fillCount));
    v.append(textValue(tradeFlagNames(t.flags).join(QLatin1Char('|'))));
    v.append(t.invalidReason ? textValue(*t.invalidReason) : nullValue());
    v.append(textValue(t.marginAsset));
    v.append(decimalValue(t.startingQty));
    if (t.valuation.computed) {
        v.append(decimalValue(t.valuation.commissionValued));
        v.append(decimalValue(t.valuation.netPnlValued));
        v.append(
            textValue(QJsonDocument(feeValuationJson(t.valuation)).toJson(QJsonDocument::Compact)));
    } else {
        v.append(decimalValue(t.commission.value(t.marginAsset)));
        v.append(decimalValue(t.netPnl));
        v.append(nullValue());
    }
    v.append(integerValue(qint64(t.effectiveValuation().notValuedCount())));
    if (t.initialRisk) {
        const std::optional<Decimal> r = t.status == TradeStatus::Closed
                                             ? rMultiple(netForR(t), t.initialRisk->risk)
                                             : std::nullopt;
        v.append(decimalValue(t.initialRisk->risk));
        v.append(optionalDecimalValue(r));
        v.append(variantValue(riskStopJson(t.initialRisk)));
    } else {
        v.append(nullValue());
        v.append(nullValue());
        v.append(nullValue());
    }
    return v;
}

QByteArray partsJson(const QVector<EncodedPart>& parts)
{
    QByteArray out;
    out.reserve(2 + parts.size() * 120);
    out.append('[');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const EncodedPart& p = parts.at(i);
        if (i > 0)
            out.append(',');
        out.append('[');
        for (qint64 number : {p.fillId, p.orderId, p.time}) {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
            out.append(digits, end - digits);
            out.append(',');
        }
        for (const QByteArray* text :
             {&p.side, &p.price, &p.qty, &p.commission, &p.commissionAsset, &p.realizedPnl}) {
            appendJsonString(out, *text);
            out.append(',');
        }
        out.append(p.increasesPosition != 0 ? '1' : '0');
        out.append(']');
    }
    out.append(']');
    return out;
}

QVector<EncodedPart> encodeParts(const JournalTrade& trade)
{
    static const QByteArray buy = QByteArrayLiteral("BUY");
    static const QByteArray sell = QByteArrayLiteral("SELL");
    QVector<EncodedPart> parts;
    parts.reserve(trade.fills.size());
    for (const TradeFillPart& p : trade.fills) {
        parts.append({p.fillId, p.orderId, p.time, p.side == Side::Buy ? buy : sell,
                      p.price.toPlainBytes(), p.qty.toPlainBytes(), p.commission.toPlainBytes(),
                      p.commissionAsset.toUtf8(), p.realizedPnl.toPlainBytes(),
                      p.increasesPosition ? 1 : 0});
    }
    return parts;
}

QString contentHash(const JournalTrade& trade)
{
    return contentHash(trade, encodeTradeValues(trade), encodeParts(trade));
}

QVector<EncodedValue> encodeValues(const QVariantList& values)
{
    QVector<EncodedValue> encoded;
    encoded.reserve(values.size());
    for (const QVariant& value : values) {
        EncodedValue e;
        if (value.isNull()) {
            e.kind = EncodedValue::Kind::Null;
        } else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int) {
            e.kind = EncodedValue::Kind::Integer;
            e.integer = value.toLongLong();
        } else if (value.typeId() == QMetaType::Bool) {
            e.kind = EncodedValue::Kind::Bool;
            e.integer = value.toBool() ? 1 : 0;
            e.text = value.toString().toUtf8();
        } else {
            e.kind = EncodedValue::Kind::Text;
            e.text = value.toString().toUtf8();
        }
        encoded.append(std::move(e));
    }
    return encoded;
}

QString contentHash(const JournalTrade& trade, const QVariantList& values,
                    const QVector<EncodedPart>& parts)
{
    return contentHash(trade, encodeValues(values), parts);
}

QString contentHash(const JournalTrade& trade, const QVector<EncodedValue>& values,
                    const QVector<EncodedPart>& parts)
{
    // Unit and record separators cannot occur in our text values, so the encoding is
    // unambiguous; NULL gets its own marker so that NULL and "" differ. Integers are hashed as
    // their decimal text. (Journals store this digest: changing the encoding would make the
    // next rebuild report every trade as changed.)
    // One buffer for the whole trade, numbers written in place: building it was a tenth of the
    // pipeline when every value went through its own temporary.
    QByteArray bytes;
    bytes.reserve(512 + parts.size() * 128 + trade.fundingTranIds.size() * 21);
    const auto number = [&bytes](qint64 value) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        bytes.append(digits, end - digits);
        bytes.append('\x1f');
    };
    const auto text = [&bytes](const QByteArray& value) {
        bytes.append(value);
        bytes.append('\x1f');
    };
    // The fee valuation columns (last in tradeColumns()) count only for a trade that has
    // commission in another asset: for every other trade they repeat what is already hashed,
    // and digests stored before schema v7 stay valid.
    // The risk columns (schema v12) likewise count only for a trade with a stop.
    const qsizetype base = values.size() - kRiskColumns;
    const qsizetype hashed = trade.valuation.hasForeignFees() ? base : base - kValuationColumns;
    QVector<qsizetype> columns;
    for (qsizetype i = 0; i < hashed; ++i)
        columns.append(i);
    if (trade.initialRisk) {
        for (qsizetype i = base; i < values.size(); ++i)
            columns.append(i);
    }
    for (qsizetype i : columns) {
        const EncodedValue& value = values.at(i);
        switch (value.kind) {
        case EncodedValue::Kind::Null:
            bytes.append("\x01N");
            bytes.append('\x1f');
            break;
        case EncodedValue::Kind::Integer:
            number(value.integer);
            break;
        case EncodedValue::Kind::Bool:
        case EncodedValue::Kind::Text:
            text(value.text);
            break;
        }
    }
    bytes.append('\x1e');
    for (const EncodedPart& p : parts) {
        number(p.fillId);
        number(p.orderId);
        number(p.time);
        text(p.side);
        text(p.price);
        text(p.qty);
        text(p.commission);
        text(p.commissionAsset);
        text(p.realizedPnl);
        number(p.increasesPosition);
        bytes.append('\x1e');
    }
    bytes.append('\x1d');
    for (qint64 tranId : trade.fundingTranIds)
        number(tranId);
    return sha256Hex(bytes);
}

} // namespace fb::journal::detail
