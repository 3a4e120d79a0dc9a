#pragma once
// Splits a JSON array body into the verbatim bytes of its top-level elements.
//
// Each stored record keeps `raw`, the exact text the exchange sent for it (docs/design.md §1.1): a
// re-serialisation through QJsonDocument would reorder keys, drop trailing zeros of numbers and
// round ids above 2^53 through double. So the body is split here by a small scanner that tracks
// strings, escapes and nesting, and only each element's own text is handed to QJsonDocument.
//
// The scanner checks structure (brackets, strings, commas), not the full JSON grammar inside an
// element; QJsonDocument validates each element afterwards. Truncated or malformed input is an
// error, never a shorter list.

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace fb::binance {

// The elements of a top-level JSON array, each trimmed of surrounding whitespace. `[]` gives an
// empty list. On malformed input returns nullopt and a short reason (with the byte offset).
std::optional<QList<QByteArray>> splitJsonArray(const QByteArray& body, QString* error = nullptr);

} // namespace fb::binance
