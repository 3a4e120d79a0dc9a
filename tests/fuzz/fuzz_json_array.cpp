// Fuzzes fb::binance::splitJsonArray, the scanner that cuts a record page into each record's
// verbatim bytes. Qt's JSON parser is the reference:
//   - a body Qt reads as an array is split, into as many elements as Qt sees, each of which
//     reads back as the same value (so no valid page is refused or cut at the wrong place);
//   - a body the splitter accepts, whose elements are each valid JSON, is a valid array
//     (so the splitter invents no structure Qt would not see);
//   - a refusal always comes with a reason; elements are never empty or padded with spaces.
// One difference is by design: Qt accepts raw control characters (below 0x20, tab and newline
// included) inside strings, RFC 8259 §7 and the splitter do not; that is the only reason the
// splitter may refuse a body Qt reads.
#include "fuzz_support.h"

#include "sync/binance/json_array.h"

#include <QJsonArray>
#include <QJsonDocument>

using fb::binance::splitJsonArray;

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool hasControlCharacter(const QByteArray& body)
{
    for (char c : body) {
        if (static_cast<unsigned char>(c) < 0x20)
            return true;
    }
    return false;
}

// One element read on its own (Qt only reads arrays and objects at the top level).
std::optional<QJsonValue> readElement(const QByteArray& element)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + element + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body = fb::fuzz::bytes(data, size);
    QString error;
    const auto elements = splitJsonArray(body, &error);
    FUZZ_CHECK(elements.has_value() == error.isEmpty());

    QJsonParseError parseError;
    const QJsonDocument whole = QJsonDocument::fromJson(body, &parseError);
    const bool qtArray = parseError.error == QJsonParseError::NoError && whole.isArray();

    if (qtArray && !elements)
        FUZZ_CHECK(error.contains(QLatin1String("control character in string")) &&
                   hasControlCharacter(body));
    if (qtArray && elements) {
        const QJsonArray array = whole.array();
        FUZZ_CHECK(elements->size() == array.size());
        for (qsizetype i = 0; i < elements->size(); ++i) {
            const auto value = readElement(elements->at(i));
            FUZZ_CHECK(value.has_value());
            FUZZ_CHECK(*value == array.at(i));
        }
    }
    if (!elements)
        return 0;
    bool everyElementValid = true;
    for (const QByteArray& element : *elements) {
        FUZZ_CHECK(!element.isEmpty());
        FUZZ_CHECK(!isSpace(element.front()) && !isSpace(element.back()));
        everyElementValid = everyElementValid && readElement(element).has_value();
    }
    if (everyElementValid)
        FUZZ_CHECK(qtArray);
    return 0;
}
