#pragma once
// How the desktop words a trade's fee valuation (docs/design.md §2.5, docs/desktop.md "Fees in
// another asset"): the marker in the Net PnL cell and the sentences of its tooltip and of the
// detail pane. Pure functions, tested without a window.

#include "models/domain/fee_valuation.h"

#include <QString>
#include <QStringList>

namespace fb::ui {

// The marker before a net PnL: "≈ " when some commission in another asset is included at a
// valued price, "⚠ " when some could not be valued (both when both), "" otherwise.
QString feeValuationMarker(int valuedParts, int notValuedParts);

// One sentence per part, valued parts first ("includes 0.0098 BNB valued at 612.40 USDT/BNB,
// 1-minute close of BNBUSDT at 2026-10-03 14:05 UTC"), then those without a price ("0.0098 BNB
// not valued: no BNBUSDC price"); at most `maxLines`, then "… and N more".
QStringList feeValuationLines(const QVector<FeeValuationPart>& parts, const QString& marginAsset,
                              int maxLines = 8);

// The Net PnL cell's tooltip: the exact net PnL with its asset, then the lines above (or, for a
// trade stored before valuation existed, that `notValuedCount` fees wait for the next sync).
QString netPnlTooltip(const QString& netPnl, const QString& marginAsset,
                      const QVector<FeeValuationPart>& parts, int notValuedCount);

} // namespace fb::ui
