#pragma once
// The trade history as a lazy table: pages of kPageSize rows fetched on demand (canFetchMore /
// fetchMore) with keyset pagination on the read-only journal connection. While a sync commits
// batches, applyBatch() updates and inserts the affected rows in place, without a model reset,
// so the view keeps its scroll position and selection.

#include "ui/models/trade_list.h"

#include "sync/journal/symbol_info_store.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimeZone>

namespace fb::ui {

class TradeTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        OpenTime,
        CloseTime,
        Symbol,
        Direction,
        Size,
        Entry,
        Exit,
        RealizedPnl,
        Fees,
        Funding,
        NetPnl,
        Duration,
        Status,
        Flags,
        Tags,
        RMultiple, // not sortable: no index orders it (docs/design.md D104)
        ColumnCount
    };
    static constexpr int kPageSize = 200;
    static constexpr int KeyRole = Qt::UserRole + 1;

    // db: the UI's read-only connection; it must outlive the model.
    explicit TradeTableModel(journal::Database& db, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order) override;

    const TradeQuery& query() const { return m_query; }
    // A new filter is a new list (rows removed, first page inserted).
    void setQuery(const TradeQuery& query);
    void setTimeZone(const QTimeZone& zone);
    // After a language change: headers, dates and numbers are written again (display locale).
    void retranslate();
    // "OPEN" / "CLOSED" as the table shows them (translated).
    static QString statusText(const QString& status);
    void reload();

    // Rows for keys a sync batch inserted or changed: updated in place, inserted at their sorted
    // position when it lies inside what is loaded (later ones arrive with fetchMore). The loaded
    // part never grows past what was fetched plus kBatchSlack rows: a first sync would otherwise
    // insert every trade it writes (all of them sort inside the loaded range), and a million
    // loaded rows is what the lazy model exists to avoid. The tail beyond that is dropped and
    // comes back, in order, with fetchMore.
    void applyBatch(const QStringList& insertedKeys, const QStringList& changedKeys);
    static constexpr int kBatchSlack = kPageSize / 2;
    // The selected trade: batch trimming never drops the rows up to it.
    void setPinnedKey(const QString& key) { m_pinnedKey = key; }

    const TradeRow* rowAt(int row) const;
    // The journal's sort for a click on a column header.
    static TradeSort sortFor(int column, Qt::SortOrder order);
    int rowOfKey(const QString& key) const { return m_rowOfKey.value(key, -1); }

private:
    void reindexFrom(int row);
    void trimTail();
    int insertPosition(const TradeRow& row) const;
    bool stillInPlace(int existing, const TradeRow& row) const;
    void loadPrecisions();
    QString formatTime(qint64 ms) const;
    QVariant toolTip(const TradeRow& row, int column) const;

    journal::Database& m_db;
    TradeQuery m_query;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QVector<TradeRow> m_rows;
    QHash<QString, int> m_rowOfKey;
    QHash<QString, journal::SymbolPrecision> m_precisions; // by symbol, read at reload()
    bool m_exhausted = false;
    int m_fetchedRows = 0; // rows loaded by reload()/fetchMore(), the user's scroll depth
    QString m_pinnedKey;
    bool m_changing = false; // a reset or insertion is being announced
};

} // namespace fb::ui
