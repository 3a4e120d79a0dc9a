#pragma once
// An exchange record that could not be read (docs/design.md §2.11): an element of a fills,
// income or orders page that is not a JSON object, lacks a required field, or holds a value the
// exact types refuse (a decimal of more than 38 digits or 36 decimal places, an id that went
// through a double). It cannot be stored with the typed records, so it is kept apart, verbatim,
// with the reason, and flagged; nothing the exchange sent disappears unseen.

#include <QByteArray>
#include <QString>

#include <optional>

namespace fb {

struct UnreadableRecord
{
    QString account;
    QString recordKind; // "fill", "income", "order"
    // What could still be read of its natural key, so a corrected version can be recognised:
    // symbol (fills, orders) or incomeType (income), and the id (id, tranId, orderId).
    QString symbol;     // may be empty
    QString incomeType; // income only; may be empty
    std::optional<qint64> id;
    QByteArray raw; // the element exactly as sent
    QString reason; // the parser's sentence
};

} // namespace fb
