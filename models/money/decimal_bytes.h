#pragma once
// The canonical text of a Decimal (Decimal::toString()) as ASCII bytes, formatted without a
// heap allocation of its own: for the journal's hot write path (trade rows), which would
// otherwise build a std::string and copy it.

#include "models/money/decimal.h"

#include <QByteArray>

namespace fb {

QByteArray canonicalBytes(const Decimal& value);

} // namespace fb
