#pragma once
// Trade history tab: filter bar, the lazy trade table, the selected trade's details, and CSV
// export of the filtered trades.

#include "ui/models/trade_list.h"
#include "ui/review_worker.h"

#include <QTimeZone>
#include <QWidget>

class QFileDialog;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class TradeDetail;
class WriteGate;
class SavedFiltersBox;
class TradeFilterBar;
class TradeTableModel;

class TradesView : public QWidget
{
    Q_OBJECT
public:
    TradesView(journal::Database& readDb, WriteGate& writes, QWidget* parent = nullptr);

    void reload(); // symbols and rows (after a run, or at start)
    void refreshSymbols();
    // Queued: applied in slices over the next event-loop turns.
    void applyBatch(const QStringList& insertedKeys, const QStringList& changedKeys);
    bool exportCsv(const QString& path, QString* error = nullptr);
    // The Export CSV… dialog, not yet shown (the caller owns it).
    QFileDialog* makeExportDialog();
    void setTimeZone(const QTimeZone& zone);

    // Column widths, order and sort, and the splitter, as the app keeps them between launches
    // (ui/window_state.h); opaque bytes of QHeaderView and QSplitter.
    struct Layout
    {
        QByteArray header;
        QByteArray splitter;
    };
    Layout layoutState() const;
    void restoreLayout(const Layout& layout);
    QSplitter* splitter() const { return m_splitter; }
    QWidget* emptyNotice() const { return m_empty; }

    TradeTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    TradeFilterBar* filterBar() const { return m_filters; }
    SavedFiltersBox* savedFilters() const { return m_saved; }
    TradeDetail* detail() const { return m_detail; }
    TradeQuery query() const;
    // The summary row under the table: count, net PnL, win rate, fees and funding of the
    // filtered trades, per margin asset (computed off the UI thread; see summaryShown()).
    QLabel* summaryLabel() const { return m_summary; }
    void refreshSummary();
    // The window holds the summary until its first page has painted (the worker reads every
    // filtered trade: about half a second of a core on 1,000,000 trades); a refresh asked for
    // meanwhile runs on release.
    void holdSummary() { m_summaryHeld = true; }
    void releaseSummary();

signals:
    void filtersChanged(const fb::ui::TradeQuery& query);
    void summaryShown(quint64 generation);

private:
    void onFiltersChanged();
    void onSelectionChanged();
    void chooseExportFile();
    void applyPendingChunk();
    void applyDefaultColumnWidths();
    QWidget* buildEmptyNotice();
    void refreshEmptyNotice();
    void reselect(const QString& key);

    journal::Database& m_readDb;
    TradeFilterBar* m_filters = nullptr;
    SavedFiltersBox* m_saved = nullptr;
    TradeTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    TradeDetail* m_detail = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_summary = nullptr;
    std::unique_ptr<ReviewWorker> m_summaryWorker;
    quint64 m_summaryGeneration = 0;
    bool m_summaryHeld = false;
    bool m_summaryPending = false;
    QTimer* m_summaryTimer = nullptr; // coalesces the refreshes of a sync's batches
    QSplitter* m_splitter = nullptr;
    QWidget* m_empty = nullptr;
    QLabel* m_emptyText = nullptr;
    QPushButton* m_clearFilters = nullptr;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QStringList m_pendingInserted; // batch keys not applied yet (see applyPendingChunk)
    QStringList m_pendingChanged;
    bool m_applyScheduled = false;
};

} // namespace fb::ui
