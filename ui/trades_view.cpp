#include "ui/trades_view.h"

#include "ui/app_context.h"
#include "ui/cached_text_delegate.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"
#include "ui/retranslate.h"
#include "ui/saved_filters_box.h"
#include "ui/trade_detail.h"
#include "ui/trade_export.h"
#include "ui/trade_filter_bar.h"

#include "sync/journal/database.h"
#include "sync/journal/trade_queries.h"
#include "ui/models/trade_table_model.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

#include <algorithm>
#include <utility>

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

TradesView::TradesView(journal::Database& readDb, WriteGate& writes, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_filters = new TradeFilterBar(this);
    auto* exportButton = new QPushButton(this);
    m_count = new QLabel(this);
    top->addWidget(m_filters, 1);
    m_saved = new SavedFiltersBox(readDb, writes, m_filters, this);
    top->addWidget(m_saved);
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
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setSortIndicator(TradeTableModel::OpenTime, Qt::DescendingOrder);
    // Every column sorts through the journal's query (an index per column, keyset pages).
    m_table->setSortingEnabled(true);
    // ... but R, which no index orders (docs/design.md D104): its click puts the indicator
    // back on the column the rows are sorted by.
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder) {
                if (section != TradeTableModel::RMultiple)
                    return;
                const journal::TradeSort sort = m_model->query().sort;
                QHeaderView* header = m_table->horizontalHeader();
                const QSignalBlocker block(header);
                header->setSortIndicator(int(sort.column), sort.descending ? Qt::DescendingOrder
                                                                           : Qt::AscendingOrder);
            });
    m_table->setWordWrap(false);
    applyDefaultColumnWidths();

    m_detail = new TradeDetail(readDb, writes, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({1000, 420});
    m_splitter->setChildrenCollapsible(false);
    // The fills need this much to show every column without sideways scrolling; on a narrow
    // window the trade table scrolls instead (its first columns, Net PnL among them, stay).
    m_detail->setMinimumWidth(m_detail->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 52);
    m_empty = buildEmptyNotice();
    layout->addWidget(m_empty);
    layout->addWidget(m_splitter, 1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("tradeSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_count);
    layout->addLayout(bottom);
    m_summaryWorker = std::make_unique<ReviewWorker>(readDb.path(), this);
    m_summaryTimer = new QTimer(this);
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(800);
    connect(m_summaryTimer, &QTimer::timeout, this, &TradesView::refreshSummary);

    connect(m_filters, &TradeFilterBar::changed, this, &TradesView::onFiltersChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TradesView::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TradesView::onSelectionChanged);
    connect(m_detail, &TradeDetail::annotationSaved, this, [this](const QString& key) {
        m_model->applyBatch({}, {key});
        m_summaryTimer->start();
    });
    connect(exportButton, &QPushButton::clicked, this, &TradesView::chooseExportFile);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &TradesView::refreshEmptyNotice);
    bool first = true;
    retranslateOnLanguageChange(this, [this, exportButton, first]() mutable {
        exportButton->setText(tr("Export CSV…"));
        m_summary->setToolTip(tr("The trades the filters show: net PnL of every one (an open "
                                 "trade's so far), win rate of the closed ones, fees and "
                                 "funding, per margin asset (never added up)."));
        m_clearFilters->setText(tr("Clear filters"));
        refreshEmptyNotice();
        if (!first) { // headers, dates and amounts in the new language and locale
            m_model->retranslate();
            refreshSummary();
        }
        first = false;
    });
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
    refreshEmptyNotice();
    refreshSummary();
}

void TradesView::releaseSummary()
{
    m_summaryHeld = false;
    if (std::exchange(m_summaryPending, false))
        refreshSummary();
}

void TradesView::refreshSummary()
{
    m_summaryTimer->stop();
    if (m_summaryHeld) {
        m_summaryPending = true;
        return;
    }
    const quint64 generation = ++m_summaryGeneration;
    m_summaryWorker->summary(generation, query(), [this](const SummaryResult& result) {
        if (result.generation != m_summaryGeneration)
            return; // a newer filter is on its way
        QStringList parts;
        for (auto it = result.assets.cbegin(); it != result.assets.cend(); ++it) {
            const journal::TradeSummary& s = it.value();
            const QString asset = it.key();
            const auto rate = s.winRatePercent();
            QString part = tr("%1: %2 trades · net %3")
                               .arg(asset)
                               .arg(countText(s.trades))
                               .arg((s.netPnl.isPositive() ? QStringLiteral("+") : QString()) +
                                    moneyText(s.netPnl, asset));
            if (s.openTrades > 0)
                part += tr(" (%1 open)").arg(countText(s.openTrades));
            part +=
                rate ? tr(" · win %1% of %2 closed")
                           .arg(localizedDecimal(rate->toFixedString(1)), countText(s.closedTrades))
                     : tr(" · none closed");
            part += tr(" · fees %1 · funding %2")
                        .arg(moneyText(s.fees, asset),
                             (s.funding.isPositive() ? QStringLiteral("+") : QString()) +
                                 moneyText(s.funding, asset));
            parts << part;
        }
        m_summary->setText(parts.isEmpty() ? tr("No trades match.")
                                           : parts.join(QStringLiteral("   |   ")));
        emit summaryShown(result.generation);
    });
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
    try {
        m_filters->setAccounts(journal::tradeAccounts(m_readDb));
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not list accounts:" << e.what();
    }
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
        m_model->applyBatch(inserted, changed);
        applied += int(inserted.size() + changed.size());
        if (changed.contains(m_detail->tradeKey()))
            m_detail->showTrade(m_detail->tradeKey());
    }
    qCDebug(lcUi) << "applied" << applied << "trades in" << timer.elapsed() << "ms";
    if (applied > 0 && !m_summaryTimer->isActive())
        m_summaryTimer->start(); // the summary follows the sync, at most about once a second
    if (m_pendingInserted.isEmpty() && m_pendingChanged.isEmpty())
        m_applyScheduled = false;
    else
        QTimer::singleShot(kPauseMs, this, &TradesView::applyPendingChunk);
}

void TradesView::onFiltersChanged()
{
    // The selected trade stays selected when the new filter still shows it.
    const QString selected = m_detail->tradeKey();
    m_model->setQuery(query());
    if (!selected.isEmpty())
        reselect(selected);
    refreshEmptyNotice();
    refreshSummary();
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
    const int count = exportTradesCsv(m_readDb, query(), m_zone, path, error);
    if (count < 0)
        return false;
    m_count->setText(tr("Exported %1 trades to %2").arg(count).arg(path));
    return true;
}

QFileDialog* TradesView::makeExportDialog()
{
    // The user's Documents folder, as every desktop app starts there.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* dialog = new QFileDialog(this, tr("Export trades"), folder, tr("CSV files (*.csv)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(QStringLiteral("trades.csv"));
    return dialog;
}

void TradesView::chooseExportFile()
{
    const std::unique_ptr<QFileDialog> dialog(makeExportDialog());
    if (dialog->exec() != QDialog::Accepted || dialog->selectedFiles().isEmpty())
        return;
    const QString path = dialog->selectedFiles().constFirst();
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not export: %1").arg(error));
}

void TradesView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_model->setTimeZone(zone);
    m_detail->setTimeZone(zone);
}

void TradesView::applyDefaultColumnWidths()
{
    // Widths from what each column holds at most, in this font: at 1440 px with the detail
    // pane at its default size every column up to Funding fits without cutting a value.
    const QFontMetrics fm = m_table->fontMetrics();
    const int pad = 14; // the cell margins of the style, plus a little air
    const auto width = [&](const QString& sample) { return fm.horizontalAdvance(sample) + pad; };
    // Times as the display locale writes them (en_US's "12/28/2026 10:55 PM" is wider than
    // ISO's); R's cell may say "no stop" in the UI's language instead of a figure.
    const QString time =
        dateTimeText(QDateTime(QDate(2026, 12, 28), QTime(22, 55), QTimeZone::utc()));
    const QString rSample =
        std::max(QStringLiteral("-12.34 R"), TradeTableModel::tr("no stop"),
                 [&](const QString& a, const QString& b) { return width(a) < width(b); });
    const QString samples[TradeTableModel::ColumnCount] = {time,
                                                           time,
                                                           QStringLiteral("1000PEPEUSDT"),
                                                           QStringLiteral("SHORT"),
                                                           QStringLiteral("1,234.567"),
                                                           QStringLiteral("68,290.10"),
                                                           QStringLiteral("68,290.10"),
                                                           QStringLiteral("-1,234.56 USDT"),
                                                           QStringLiteral("0.0001234 BNB"),
                                                           QStringLiteral("-12.34 USDT"),
                                                           QStringLiteral("≈ -1,234.56 USDT"),
                                                           QStringLiteral("12 h 05 min"),
                                                           QStringLiteral("CLOSED"),
                                                           QStringLiteral("LIQUIDATION"),
                                                           QStringLiteral("breakout"),
                                                           rSample};
    QHeaderView* header = m_table->horizontalHeader();
    header->setMinimumSectionSize(40);
    for (int c = 0; c < TradeTableModel::ColumnCount; ++c) {
        const int title =
            fm.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + pad + 12;
        header->resizeSection(c, std::max(width(samples[c]), title));
    }
    // Net PnL right after the prices, as the figure a trader reads first: it stays in view
    // whatever the window's width; realized, fees and funding follow it.
    header->moveSection(header->visualIndex(TradeTableModel::NetPnl),
                        header->visualIndex(TradeTableModel::RealizedPnl));
    // R is the model's last column (the sortable ones keep their numbers) but reads best right
    // after Net PnL, so it stays in view at 1440 pixels too.
    header->moveSection(header->visualIndex(TradeTableModel::RMultiple),
                        header->visualIndex(TradeTableModel::NetPnl) + 1);
}

TradesView::Layout TradesView::layoutState() const
{
    return Layout{m_table->horizontalHeader()->saveState(), m_splitter->saveState()};
}

void TradesView::restoreLayout(const Layout& layout)
{
    QHeaderView* header = m_table->horizontalHeader();
    if (!layout.header.isEmpty() && header->restoreState(layout.header)) {
        if (header->count() != TradeTableModel::ColumnCount) // another build's columns
            applyDefaultColumnWidths();
        // The remembered sort is the journal's query, not a sort of the loaded rows.
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    }
    if (!layout.splitter.isEmpty())
        m_splitter->restoreState(layout.splitter);
}

QWidget* TradesView::buildEmptyNotice()
{
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_emptyText = new QLabel(tr("No trades match these filters."), box);
    m_emptyText->setWordWrap(true);
    auto* clear = m_clearFilters = new QPushButton(box);
    clear->setObjectName(QStringLiteral("clearFilters"));
    row->addWidget(m_emptyText, 1);
    row->addWidget(clear);
    connect(clear, &QPushButton::clicked, m_filters, &TradeFilterBar::clear);
    box->hide();
    return box;
}

void TradesView::refreshEmptyNotice()
{
    // Only when the filters are why the list is empty; an empty journal says so elsewhere.
    const bool show = m_model->rowCount() == 0 && m_filters->isActive();
    if (show)
        m_emptyText->setText(m_filters->rangeReversed()
                                 ? tr("No trades match these filters: the start date is after "
                                      "the end date.")
                                 : tr("No trades match these filters."));
    m_empty->setVisible(show);
}

void TradesView::reselect(const QString& key)
{
    // Pages in until the trade is loaded, when the new filter still matches it at all (bounded:
    // a trade deep in a long list is not worth loading thousands of rows for).
    int row = m_model->rowOfKey(key);
    if (row < 0) {
        QVector<TradeRow> still;
        try {
            still = journal::loadTradesByKey(m_readDb, m_model->query(), {key});
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not check the selected trade:" << e.what();
        }
        for (int pages = 0; !still.isEmpty() && row < 0 && pages < 25 && m_model->canFetchMore({});
             ++pages) {
            m_model->fetchMore({});
            row = m_model->rowOfKey(key);
        }
    }
    if (row < 0) {
        m_detail->showTrade(QString());
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

} // namespace fb::ui
