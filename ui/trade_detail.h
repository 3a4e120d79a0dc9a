#pragma once
// The selected trade: its fills, funding and fees, the annotation editor and its screenshots. Edits
// are saved at once (after a short pause in typing) through AnnotationStore on the UI's small
// read-write connection; sync never writes annotations, so a re-sync keeps them.

#include "models/domain/trade.h"

#include <QTimeZone>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class TradeChart;
class AttachmentStrip;
class WriteGate;

class TradeDetail : public QWidget
{
    Q_OBJECT
public:
    TradeDetail(journal::Database& readDb, WriteGate& writes, QWidget* parent = nullptr);

    void showTrade(const QString& key); // empty: nothing selected
    void setTimeZone(const QTimeZone& zone);
    QString tradeKey() const { return m_key; }
    // Saves a pending edit now (also done by the debounce timer); held until the journal's
    // check has passed (write_gate.h).
    void saveNow();

    QPlainTextEdit* notesEdit() const { return m_notes; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QLineEdit* riskEdit() const { return m_riskOverride; }
    QString riskText() const;
    // The risk line the pane shows for `trade`.
    static QString riskLine(const JournalTrade& trade, const QTimeZone& zone);
    QTableWidget* fillsTable() const { return m_fills; }
    TradeChart* chart() const { return m_chart; }
    AttachmentStrip* attachments() const { return m_attachments; }
    // Chart, Notes, Screenshots.
    QTabWidget* sections() const { return m_sections; }

signals:
    void annotationSaved(const QString& tradeKey);

private:
    void loadFills();
    void fitFillColumns();
    void loadAnnotation();
    void scheduleSave();

    journal::Database& m_readDb;
    WriteGate& m_writes;
    QString m_key;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    bool m_loading = false;
    bool m_dirty = false;
    QLabel* m_header = nullptr;
    QTableWidget* m_fills = nullptr;
    QLabel* m_valuation = nullptr; // fees in another asset: valued at what, or why not
    QLabel* m_funding = nullptr;
    QLabel* m_risk = nullptr; // initial risk, the stop it came from, R (docs/design.md D103–D109)
    TradeChart* m_chart = nullptr; // candles, entries/exits, stop, MAE/MFE (D112)
    QPlainTextEdit* m_notes = nullptr;
    QLineEdit* m_tags = nullptr;
    QLineEdit* m_setup = nullptr;
    QSpinBox* m_rating = nullptr;
    QLineEdit* m_mistakes = nullptr;
    QLineEdit* m_riskOverride = nullptr;
    QTimer* m_saveTimer = nullptr;
    AttachmentStrip* m_attachments = nullptr; // screenshots of the trade
    QTabWidget* m_sections = nullptr;         // chart, notes, screenshots
    QLabel* m_noChart = nullptr;              // an open trade has no chart yet
};

} // namespace fb::ui
