#pragma once
// The "Open positions" section of the Statistics tab (docs/design.md D134): the
// positions of the last sync (the positionRisk snapshot in the journal's `positions` table) with
// symbol, side, size, entry and mark price and the unrealized PnL in its margin asset, "as of"
// the time that snapshot was taken, in the display time zone. Shown apart from the closed
// trades' figures and never added to them. Reads through the UI's read connection (a few rows).

#include "sync/journal/position_queries.h"

#include <QTimeZone>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class OpenPositionsView : public QWidget
{
    Q_OBJECT
public:
    OpenPositionsView(journal::Database& readDb, QWidget* parent = nullptr);

    // Reads the positions of `account` (every account when empty) again.
    void reload(const QString& account, const QTimeZone& zone);

    QTableWidget* table() const { return m_table; }
    QString captionText() const;
    QString totalText() const;

private:
    void redraw();

    journal::Database& m_readDb;
    journal::OpenPositions m_open;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    bool m_loaded = false;
    QLabel* m_title = nullptr;
    QLabel* m_caption = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_total = nullptr;
};

} // namespace fb::ui
