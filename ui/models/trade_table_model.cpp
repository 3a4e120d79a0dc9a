#include "ui/models/trade_table_model.h"

#include "ui/models/fee_valuation_text.h"

#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "ui/models/money_format.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>

Q_LOGGING_CATEGORY(lcTradeModel, "fillbook.ui.trades")

namespace fb::ui {

// The table's columns and the journal's sort columns are the same list.
static_assert(int(journal::TradeSortColumn::Tags) == TradeTableModel::Tags);
static_assert(int(journal::TradeSortColumn::NetPnl) == TradeTableModel::NetPnl);
static_assert(int(journal::TradeSortColumn::Fees) == TradeTableModel::Fees);

TradeTableModel::TradeTableModel(journal::Database& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{}

int TradeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TradeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TradeTableModel::formatTime(qint64 ms) const
{
    return dateTimeText(QDateTime::fromMSecsSinceEpoch(ms, m_zone));
}

QVariant TradeTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TradeRow& row = m_rows.at(index.row());
    if (role == KeyRole)
        return row.key;
    if (role == Qt::TextAlignmentRole) {
        if ((index.column() >= Size && index.column() <= Duration) || index.column() == RMultiple)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ForegroundRole && (index.column() == NetPnl || index.column() == RealizedPnl)) {
        const QString& text = index.column() == NetPnl ? row.shownNetPnl() : row.realizedPnl;
        const int sign = Decimal::parse(text).value_or(Decimal()).signum();
        if (sign < 0)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (sign > 0)
            return QBrush(QColor(0x2e, 0x7d, 0x32));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == NetPnl) // what the valuation included
        return netPnlTooltip(row.shownNetPnl(), row.marginAsset, row.feeValuationParts(),
                             row.feesNotValued);
    if (role == Qt::ToolTipRole)
        return toolTip(row, index.column());
    if (role != Qt::DisplayRole)
        return {};
    const auto precision = m_precisions.constFind(row.symbol);
    const bool known = precision != m_precisions.constEnd();
    switch (Column(index.column())) {
    case OpenTime:
        return formatTime(row.openTime);
    case CloseTime:
        return row.closeTime ? formatTime(*row.closeTime) : QString();
    case Symbol:
        return row.symbol;
    case Direction:
        return row.direction;
    case Size:
        return known ? fixedText(row.maxQty, precision->quantity) : row.maxQty;
    case Entry:
        return known && !row.entryPrice.isEmpty() ? fixedText(row.entryPrice, precision->price)
                                                  : row.entryPrice;
    case Exit:
        return known && !row.exitPrice.isEmpty() ? fixedText(row.exitPrice, precision->price)
                                                 : row.exitPrice;
    case RealizedPnl:
        return moneyText(row.realizedPnl, row.marginAsset);
    case Fees:
        return feesText(row.commissionJson, row.marginAsset);
    case Funding:
        return moneyText(row.funding, row.marginAsset);
    case NetPnl: {
        // Fees in another asset valued (docs/desktop.md): "≈" included at a price, "⚠" not.
        const QVector<FeeValuationPart> parts = row.feeValuationParts();
        const int valued = int(std::count_if(parts.cbegin(), parts.cend(),
                                             [](const FeeValuationPart& p) { return p.valued(); }));
        return QString(feeValuationMarker(valued, row.feesNotValued) +
                       moneyText(row.shownNetPnl(), row.marginAsset));
    }
    case Duration:
        return row.closeTime ? holdingTimeText(*row.closeTime - row.openTime) : QString();
    case Status:
        return statusText(row.status);
    case Flags:
        return row.flags;
    case Tags:
        return row.tags.join(QStringLiteral(", "));
    case RMultiple:
        // The R of a closed trade; "no stop" when neither a stop nor an override gives a risk.
        if (!row.rMultiple.isEmpty())
            return tr("%1 R").arg(fixedText(row.rMultiple, 2));
        if (row.status == QLatin1String("CLOSED") && !row.hasRisk)
            return tr("no stop");
        return QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TradeTableModel::toolTip(const TradeRow& row, int column) const
{
    // The exact values behind the rounded cells.
    switch (Column(column)) {
    case Size:
        return exactText(row.maxQty, QString()).trimmed();
    case Entry:
        return exactText(row.entryPrice, QString()).trimmed();
    case Exit:
        return exactText(row.exitPrice, QString()).trimmed();
    case RealizedPnl:
        return exactText(row.realizedPnl, row.marginAsset);
    case Fees:
        return feesText(row.commissionJson, row.marginAsset, true);
    case Funding:
        return exactText(row.funding, row.marginAsset);
    case RMultiple:
        return row.rMultiple.isEmpty() ? data(index(m_rowOfKey.value(row.key), column))
                                       : QVariant(row.rMultiple + QStringLiteral(" R"));
    default:
        return data(index(m_rowOfKey.value(row.key), column), Qt::DisplayRole);
    }
}

QString TradeTableModel::statusText(const QString& status)
{
    if (status == QLatin1String("OPEN"))
        return tr("OPEN", "trade status cell: the position is still open");
    if (status == QLatin1String("CLOSED"))
        return tr("CLOSED", "trade status cell: the position is closed");
    return status;
}

QVariant TradeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount] = {
        QT_TR_NOOP("Opened"), QT_TR_NOOP("Closed"),  QT_TR_NOOP("Symbol"),  QT_TR_NOOP("Side"),
        QT_TR_NOOP("Size"),   QT_TR_NOOP("Entry"),   QT_TR_NOOP("Exit"),    QT_TR_NOOP("Realized"),
        QT_TR_NOOP("Fees"),   QT_TR_NOOP("Funding"), QT_TR_NOOP("Net PnL"), QT_TR_NOOP("Duration"),
        QT_TR_NOOP("Status"), QT_TR_NOOP("Flags"),   QT_TR_NOOP("Tags"),    QT_TR_NOOP("R")};
    if (section < 0 || section >= ColumnCount)
        return {};
    return tr(names[section]);
}

bool TradeTableModel::canFetchMore(const QModelIndex& parent) const
{
    // Not while a change is being announced: a listener that fetched then (the model tester
    // does) would insert rows into a model whose reset or insertion is still in flight.
    return !parent.isValid() && !m_exhausted && !m_changing;
}

void TradeTableModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_exhausted)
        return;
    std::optional<TradeCursor> cursor;
    if (!m_rows.isEmpty())
        cursor = m_rows.constLast();
    QVector<TradeRow> page;
    try {
        page = loadTradePage(m_db, m_query, cursor, kPageSize);
    } catch (const journal::JournalError& e) {
        qCWarning(lcTradeModel) << "could not load trades:" << e.what();
        m_exhausted = true;
        return;
    }
    if (page.size() < kPageSize)
        m_exhausted = true;
    // A row inserted by applyBatch() may already be loaded; the cursor makes that rare.
    page.erase(std::remove_if(page.begin(), page.end(),
                              [this](const TradeRow& r) { return m_rowOfKey.contains(r.key); }),
               page.end());
    if (page.isEmpty())
        return;
    const int first = int(m_rows.size());
    m_changing = true;
    beginInsertRows({}, first, first + int(page.size()) - 1);
    m_rows += page;
    reindexFrom(first);
    endInsertRows();
    m_changing = false;
    m_fetchedRows = int(m_rows.size());
}

void TradeTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= RMultiple)
        return;
    TradeQuery query = m_query;
    query.sort = sortFor(column, order);
    if (!(query == m_query))
        setQuery(query);
}

void TradeTableModel::setQuery(const TradeQuery& query)
{
    m_query = query;
    reload();
}

void TradeTableModel::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, OpenTime), index(rowCount() - 1, CloseTime));
}

void TradeTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void TradeTableModel::reload()
{
    // Removal then insertion rather than a reset: Qt 6.4's QAbstractItemModelTester still
    // counts a reset as in flight when a lazy model fetches its first page right after it.
    if (!m_rows.isEmpty()) {
        m_changing = true;
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        m_rowOfKey.clear();
        endRemoveRows();
        m_changing = false;
    }
    m_exhausted = false;
    m_fetchedRows = 0;
    loadPrecisions();
    fetchMore({});
}

void TradeTableModel::applyBatch(const QStringList& insertedKeys, const QStringList& changedKeys)
{
    QVector<TradeRow> rows;
    try {
        rows = loadTradesByKey(m_db, m_query, insertedKeys + changedKeys);
    } catch (const journal::JournalError& e) {
        qCWarning(lcTradeModel) << "could not refresh trades:" << e.what();
        return;
    }
    // The sync stores exchangeInfo's precisions before the first batch: a symbol seen for the
    // first time reads them again (a small table).
    for (const TradeRow& row : rows) {
        if (!m_precisions.contains(row.symbol)) {
            loadPrecisions();
            break;
        }
    }
    m_changing = true;
    const auto done = qScopeGuard([this] { m_changing = false; });
    QSet<QString> matching;
    QVector<TradeRow> fresh;
    for (const TradeRow& row : rows) {
        matching.insert(row.key);
        const int existing = rowOfKey(row.key);
        if (existing >= 0 && stillInPlace(existing, row)) {
            m_rows[existing] = row;
            emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        } else {
            if (existing >= 0) {
                // Its sort value changed (a trade closed, its PnL moved): it leaves its place
                // and goes in again where the order now puts it.
                beginRemoveRows({}, existing, existing);
                m_rows.removeAt(existing);
                m_rowOfKey.remove(row.key);
                reindexFrom(existing);
                endRemoveRows();
            }
            fresh.append(row);
        }
    }
    // New rows go in as runs: all rows that fall into the same gap of the loaded list are one
    // contiguous insertion. Gaps are filled from the end so earlier positions stay valid, and
    // the key index is rebuilt once. One insertion per row made a 600-trade batch stall the
    // UI for ~150 ms.
    std::sort(fresh.begin(), fresh.end(),
              [this](const TradeRow& a, const TradeRow& b) { return sortsBefore(m_query, a, b); });
    const bool tailOpen = m_exhausted && rowCount() < kPageSize;
    int firstChanged = int(m_rows.size());
    int end = int(fresh.size());
    while (end > 0) {
        const int at = insertPosition(fresh.at(end - 1));
        int begin = end - 1;
        while (begin > 0 && insertPosition(fresh.at(begin - 1)) == at)
            --begin;
        if (at >= rowCount() && !tailOpen) {
            // Beyond the loaded part: fetchMore brings them in order. This keeps a first sync
            // into an empty journal from loading every trade into the view while it runs.
            m_exhausted = false;
        } else {
            const int count = end - begin;
            beginInsertRows({}, at, at + count - 1);
            m_rows.insert(at, count, TradeRow{});
            std::copy(fresh.begin() + begin, fresh.begin() + end, m_rows.begin() + at);
            endInsertRows();
            firstChanged = std::min(firstChanged, at);
        }
        end = begin;
    }
    reindexFrom(firstChanged);
    trimTail();
    // A changed trade that no longer matches the filter leaves the list.
    for (const QString& key : changedKeys) {
        const int existing = rowOfKey(key);
        if (existing < 0 || matching.contains(key))
            continue;
        beginRemoveRows({}, existing, existing);
        m_rows.removeAt(existing);
        m_rowOfKey.remove(key);
        reindexFrom(existing);
        endRemoveRows();
    }
}

void TradeTableModel::loadPrecisions()
{
    try {
        m_precisions = journal::loadSymbolPrecisions(m_db);
    } catch (const journal::JournalError& e) {
        qCWarning(lcTradeModel) << "could not load symbol precisions:" << e.what();
    }
}

bool TradeTableModel::stillInPlace(int existing, const TradeRow& row) const
{
    if (existing > 0 && !sortsBefore(m_query, m_rows.at(existing - 1), row))
        return false;
    if (existing + 1 < m_rows.size() && !sortsBefore(m_query, row, m_rows.at(existing + 1)))
        return false;
    return true;
}

TradeSort TradeTableModel::sortFor(int column, Qt::SortOrder order)
{
    return TradeSort{journal::TradeSortColumn(column), order == Qt::DescendingOrder};
}

const TradeRow* TradeTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void TradeTableModel::trimTail()
{
    int keep = std::max(m_fetchedRows, int(kPageSize)) + kBatchSlack;
    keep = std::max(keep, rowOfKey(m_pinnedKey) + 1);
    if (m_rows.size() <= keep)
        return;
    beginRemoveRows({}, keep, int(m_rows.size()) - 1);
    for (qsizetype i = keep; i < m_rows.size(); ++i)
        m_rowOfKey.remove(m_rows.at(i).key);
    m_rows.resize(keep);
    endRemoveRows();
    m_exhausted = false; // fetchMore continues after the new last row
}

void TradeTableModel::reindexFrom(int row)
{
    for (int i = row; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows.at(i).key, i);
}

int TradeTableModel::insertPosition(const TradeRow& row) const
{
    const auto it = std::lower_bound(
        m_rows.begin(), m_rows.end(), row,
        [this](const TradeRow& a, const TradeRow& b) { return sortsBefore(m_query, a, b); });
    return int(it - m_rows.begin());
}

} // namespace fb::ui
