#include "ui/trades_view.h"

#include "ui/app_context.h"
#include "ui/cached_text_delegate.h"
#include "ui/trade_detail.h"
#include "ui/trade_filter_bar.h"

#include "sync/journal/database.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_store.h"
#include "ui/models/trade_table_model.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fb::ui {

namespace {

// Logs slow repaints under fillbook.ui debug: painting is the UI thread's largest cost while
// a sync inserts rows, so it is measured where it happens.
class TradeTableView : public QTableView
{
public:
    using QTableView::QTableView;

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QElapsedTimer timer;
        timer.start();
        QTableView::paintEvent(event);
        if (timer.elapsed() >= 5)
            qCDebug(lcUi) << "trade table repaint took" << timer.elapsed() << "ms";
    }
};

} // namespace

TradesView::TradesView(journal::Database& readDb, journal::Database& writeDb, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_filters = new TradeFilterBar(this);
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    m_count = new QLabel(this);
    top->addWidget(m_filters, 1);
    top->addWidget(exportButton);
    layout->addLayout(top);

    m_model = new TradeTableModel(readDb, this);
    m_table = new TradeTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CachedTextDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Size columns from the first rows only: measuring every loaded row stalled the UI.
    m_table->horizontalHeader()->setResizeContentsPrecision(40);
    m_table->setSortingEnabled(true);
    // Only these columns sort through the query (indexed open time, net PnL); others follow
    // open time too rather than sorting a partial page in memory.
    m_table->horizontalHeader()->setSortIndicator(TradeTableModel::OpenTime, Qt::DescendingOrder);
    m_table->setWordWrap(false);

    m_detail = new TradeDetail(readDb, writeDb, this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1100, 340});
    layout->addWidget(splitter, 1);
    layout->addWidget(m_count);

    connect(m_filters, &TradeFilterBar::changed, this, &TradesView::onFiltersChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TradesView::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TradesView::onSelectionChanged);
    connect(m_detail, &TradeDetail::annotationSaved, this,
            [this](const QString& key) { m_model->applyBatch({}, {key}); });
    connect(exportButton, &QPushButton::clicked, this, &TradesView::chooseExportFile);
}

TradeQuery TradesView::query() const
{
    TradeQuery q = m_filters->query();
    q.sort = m_model->query().sort;
    return q;
}

void TradesView::reload()
{
    refreshSymbols();
    m_model->setQuery(query());
    m_table->resizeColumnsToContents();
}

void TradesView::refreshSymbols()
{
    QStringList symbols;
    try {
        symbols = journal::tradeSymbols(m_readDb);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not list symbols:" << e.what();
    }
    m_filters->setSymbols(symbols);
}

void TradesView::applyBatch(const QStringList& insertedKeys, const QStringList& changedKeys)
{
    m_pendingInserted += insertedKeys;
    m_pendingChanged += changedKeys;
    if (!m_applyScheduled) {
        m_applyScheduled = true;
        QTimer::singleShot(0, this, &TradesView::applyPendingChunk);
    }
}

void TradesView::applyPendingChunk()
{
    // A batch holds hundreds of trades. They go in by slices of kChunk for at most kBudgetMs of
    // one event-loop turn, then the loop gets kPauseMs to repaint and handle input: applying a
    // whole batch at once, or a slice per turn with a repaint after each, stalled the window
    // for 50-140 ms during a 20,000-fill demo sync.
    constexpr int kChunk = 25;
    constexpr qint64 kBudgetMs = 5;
    constexpr int kPauseMs = 40;
    QElapsedTimer timer;
    timer.start();
    int applied = 0;
    while ((!m_pendingInserted.isEmpty() || !m_pendingChanged.isEmpty()) &&
           timer.elapsed() < kBudgetMs) {
        const QStringList inserted = m_pendingInserted.mid(0, kChunk);
        m_pendingInserted.remove(0, inserted.size());
        const QStringList changed = m_pendingChanged.mid(0, kChunk - inserted.size());
        m_pendingChanged.remove(0, changed.size());
        const bool wasEmpty = m_model->rowCount() == 0;
        m_model->applyBatch(inserted, changed);
        applied += int(inserted.size() + changed.size());
        if (wasEmpty && m_model->rowCount() > 0)
            m_table->resizeColumnsToContents();
        if (changed.contains(m_detail->tradeKey()))
            m_detail->showTrade(m_detail->tradeKey());
    }
    qCDebug(lcUi) << "applied" << applied << "trades in" << timer.elapsed() << "ms";
    if (m_pendingInserted.isEmpty() && m_pendingChanged.isEmpty())
        m_applyScheduled = false;
    else
        QTimer::singleShot(kPauseMs, this, &TradesView::applyPendingChunk);
}

void TradesView::onFiltersChanged()
{
    m_model->setQuery(query());
    emit filtersChanged(query());
}

void TradesView::onSelectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QString key =
        rows.isEmpty() ? QString() : rows.first().data(TradeTableModel::KeyRole).toString();
    m_model->setPinnedKey(key);
    if (key != m_detail->tradeKey())
        m_detail->showTrade(key);
}

bool TradesView::exportCsv(const QString& path, QString* error)
{
    // Walk the filtered keys page by page, then export the exact journal trades in the format of
    // docs/design.md §5.
    QVector<JournalTrade> trades;
    try {
        journal::TradeStore store(m_readDb);
        std::optional<TradeCursor> cursor;
        TradeQuery q = query();
        q.sort = TradeSort::OpenTimeAsc;
        for (;;) {
            const QVector<TradeRow> page = loadTradePage(m_readDb, q, cursor, 1000);
            for (const TradeRow& row : page)
                if (auto trade = store.trade(row.key))
                    trades << *trade;
            if (page.size() < 1000)
                break;
            cursor = TradeCursor{page.last().openTime, page.last().netPnl, page.last().key};
        }
    } catch (const journal::JournalError& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    const QStringList assets = exportCommissionAssets(trades);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(exportCsvLine(exportCsvHeader(assets)).toUtf8());
    for (const JournalTrade& trade : trades)
        file.write(exportCsvLine(exportCsvRow(trade, assets)).toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    m_count->setText(tr("Exported %1 trades to %2").arg(trades.size()).arg(path));
    return true;
}

void TradesView::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export trades"), QStringLiteral("trades.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not export: %1").arg(error));
}

} // namespace fb::ui
