#include "sync/binance/json_array.h"

namespace fb::binance {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::optional<QList<QByteArray>> fail(QString* error, const char* what, qsizetype offset)
{
    if (error)
        *error = QStringLiteral("malformed JSON array: %1 at byte %2")
                     .arg(QLatin1String(what))
                     .arg(offset);
    return std::nullopt;
}

} // namespace

std::optional<QList<QByteArray>> splitJsonArray(const QByteArray& body, QString* error)
{
    const qsizetype n = body.size();
    qsizetype i = 0;
    // A UTF-8 byte order mark is not JSON but some proxies add one; it carries no data.
    if (body.startsWith("\xEF\xBB\xBF"))
        i = 3;
    while (i < n && isSpace(body[i]))
        ++i;
    if (i >= n)
        return fail(error, "empty body", i);
    if (body[i] != '[')
        return fail(error, "expected '['", i);
    ++i;

    QList<QByteArray> elements;
    QByteArray nesting; // open brackets inside the current element: '[' or '{'
    qsizetype elementStart = -1;
    qsizetype elementEnd = -1;  // one past the last non-space byte of the current element
    bool expectElement = false; // after a ',' an element must follow
    bool inString = false;
    bool valueClosed = false; // the element's top-level string, object or array has ended

    for (; i < n; ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\') {
                if (i + 1 >= n)
                    return fail(error, "truncated escape", i);
                ++i; // the escaped byte cannot end the string; \uXXXX digits are plain bytes
            } else if (c == '"') {
                inString = false;
                elementEnd = i + 1;
                valueClosed = nesting.isEmpty();
            } else if (static_cast<unsigned char>(c) < 0x20) {
                return fail(error, "control character in string", i);
            }
            continue;
        }
        if (isSpace(c))
            continue;
        if (nesting.isEmpty() && (c == ',' || c == ']')) {
            if (elementStart < 0) {
                // "[,", ",,", ",]" have an empty element; a lone "[]" is fine.
                if (c == ',' || expectElement || !elements.isEmpty())
                    return fail(error, "missing element", i);
            } else {
                elements.append(body.mid(elementStart, elementEnd - elementStart));
                elementStart = -1;
                valueClosed = false;
            }
            if (c == ']') {
                for (++i; i < n; ++i) {
                    if (!isSpace(body[i]))
                        return fail(error, "data after the closing ']'", i);
                }
                return elements;
            }
            expectElement = true;
            continue;
        }
        if (elementStart < 0) {
            elementStart = i;
            expectElement = false;
        } else if (nesting.isEmpty() && (valueClosed || elementEnd < i)) {
            // Two values side by side without a comma: `[1 2]`, `[{}{}]`, `["a" "b"]`.
            return fail(error, "missing ','", i);
        }
        elementEnd = i + 1;
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            nesting.append(c);
            break;
        case ']':
        case '}':
            if (nesting.isEmpty() || nesting.back() != (c == ']' ? '[' : '{'))
                return fail(error, "mismatched bracket", i);
            nesting.chop(1);
            valueClosed = nesting.isEmpty();
            break;
        default:
            break;
        }
    }
    return fail(error, inString ? "unterminated string" : "truncated body", n);
}

} // namespace fb::binance
