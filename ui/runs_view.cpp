#include "ui/runs_view.h"

#include "ui/app_context.h"
#include "ui/engine_text.h"
#include "ui/models/money_format.h"
#include "ui/retranslate.h"
#include "ui/run_messages.h"

#include "models/domain/reconciliation.h"
#include "sync/engine/run_types.h"
#include "sync/journal/database.h"
#include "sync/journal/run_store.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fb::ui {

namespace {

// One check in words, every amount with its asset and exact (a difference may be tiny).
QString reconciliationText(const ReconciliationLine& line)
{
    const auto amount = [&line](const Decimal& value) -> QString {
        return value.toString() + QLatin1Char(' ') + line.asset;
    };
    return RunsView::tr("%1 %2: journal %3, income %4, difference %5")
        .arg(line.symbol, line.check, amount(line.journal), amount(line.income),
             amount(line.difference));
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells, const QColor& colour = {})
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells.at(c));
        if (colour.isValid())
            item->setForeground(colour);
        table->setItem(row, c, item);
    }
}

QString timeText(std::optional<qint64> ms)
{
    return ms ? dateTimeText(QDateTime::fromMSecsSinceEpoch(*ms)) : QString();
}

} // namespace

RunsView::RunsView(journal::Database& readDb, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
{
    m_runs = makeTable(QStringList(9, QString()), this);
    m_symbols = makeTable(QStringList(5, QString()), this);
    m_reconciliation = new QListWidget(this);
    m_failedOnly = new QCheckBox(this);
    m_resume = new QPushButton(this);
    m_discard = new QPushButton(this);
    m_retry = new QPushButton(this);
    m_retry->setEnabled(false);
    m_resume->setEnabled(false);
    m_discard->setEnabled(false);

    auto* buttons = new QHBoxLayout;
    auto* historyTitle = new QLabel(this);
    buttons->addWidget(historyTitle);
    buttons->addStretch(1);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_retry);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    auto* symbolsBox = new QWidget(lower);
    auto* symbolsLayout = new QVBoxLayout(symbolsBox);
    symbolsLayout->setContentsMargins(0, 0, 0, 0);
    auto* symbolsHeader = new QHBoxLayout;
    auto* symbolsTitle = new QLabel(symbolsBox);
    symbolsHeader->addWidget(symbolsTitle);
    symbolsHeader->addStretch(1);
    symbolsHeader->addWidget(m_failedOnly);
    symbolsLayout->addLayout(symbolsHeader);
    symbolsLayout->addWidget(m_symbols);
    auto* reconBox = new QWidget(lower);
    auto* reconLayout = new QVBoxLayout(reconBox);
    reconLayout->setContentsMargins(0, 0, 0, 0);
    auto* reconTitle = new QLabel(reconBox);
    reconLayout->addWidget(reconTitle);
    reconLayout->addWidget(m_reconciliation);
    lower->addWidget(symbolsBox);
    lower->addWidget(reconBox);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_runs, 2);
    layout->addWidget(lower, 3);

    connect(m_runs, &QTableWidget::itemSelectionChanged, this, &RunsView::showRun);
    connect(m_failedOnly, &QCheckBox::toggled, this, &RunsView::showRun);
    connect(m_resume, &QPushButton::clicked, this,
            [this] { emit resumeRequested(selectedRunId()); });
    connect(m_discard, &QPushButton::clicked, this,
            [this] { emit discardRequested(selectedRunId()); });
    // Resuming such a run retries exactly its failed symbols (docs/design.md §3.5).
    connect(m_retry, &QPushButton::clicked, this,
            [this] { emit resumeRequested(selectedRunId()); });
    bool first = true;
    retranslateOnLanguageChange(this, [=, this]() mutable {
        m_runs->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Started"), tr("Duration"),
                                           tr("Progress"), tr("Inserted"), tr("Duplicates"),
                                           tr("Failed"), tr("Retries")});
        m_symbols->setHorizontalHeaderLabels(
            {tr("Symbol"), tr("Status"), tr("Records"), tr("Retries"), tr("Error")});
        m_failedOnly->setText(tr("Failed only"));
        m_resume->setText(tr("Resume"));
        m_discard->setText(tr("Discard"));
        m_retry->setText(tr("Retry failed symbols"));
        historyTitle->setText(tr("<b>Run history</b>"));
        symbolsTitle->setText(tr("<b>Symbols of the run</b>"));
        reconTitle->setText(tr("<b>Reconciliation</b> (journal vs. income ledger)"));
        if (!first) // statuses, dates and counts in the new language
            reload();
        first = false;
    });
}

QString RunsView::selectedRunId() const
{
    const auto rows = m_runs->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_runs->item(rows.first().row(), 0)->text();
}

void RunsView::selectRun(const QString& runId)
{
    m_selectNext = runId;
    reload();
}

void RunsView::reload()
{
    if (m_beforeReload)
        m_beforeReload();
    const QString selected = m_selectNext.isEmpty() ? selectedRunId() : m_selectNext;
    m_selectNext.clear();
    QVector<journal::RunRecord> runs;
    try {
        runs = journal::RunStore(m_readDb).listRuns(200);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not list runs:" << e.what();
    }
    const QSignalBlocker blocker(m_runs);
    m_runs->setRowCount(int(runs.size()));
    int selectRow = runs.isEmpty() ? -1 : 0;
    for (int i = 0; i < runs.size(); ++i) {
        const journal::RunRecord& run = runs.at(i);
        const auto& c = run.counters;
        const qint64 start = run.startedAt.value_or(run.createdAt);
        const qint64 end = run.endedAt.value_or(run.updatedAt);
        // A completed run did all it had to, whatever its plan estimated.
        const QString progress =
            run.status == journal::RunStatus::Completed ? QStringLiteral("100%")
            : c.plannedUnits > 0 ? QStringLiteral("%1%").arg(c.doneUnits * 100 / c.plannedUnits)
                                 : QString();
        QColor colour;
        if (run.status == journal::RunStatus::Failed ||
            run.status == journal::RunStatus::CompletedWithErrors)
            colour = QColor(0xc6, 0x28, 0x28);
        else if (journal::isResumable(run.status))
            colour = QColor(0x8a, 0x5a, 0x00);
        setRow(m_runs, i,
               {run.id, RunMessages::runStatusText(run.status), timeText(start),
                durationText(end - start), progress, countText(c.inserted), countText(c.duplicates),
                countText(c.failedSymbols), countText(c.retries)},
               colour);
        if (run.id == selected)
            selectRow = i;
    }
    m_runs->resizeColumnsToContents();
    if (selectRow >= 0) {
        m_runs->selectRow(selectRow);
        m_runs->scrollToItem(m_runs->item(selectRow, 0));
    }
    showRun();
}

void RunsView::showRun()
{
    const QString runId = selectedRunId();
    m_symbols->setRowCount(0);
    m_reconciliation->clear();
    m_resume->setEnabled(false);
    m_discard->setEnabled(false);
    m_retry->setEnabled(false);
    if (runId.isEmpty())
        return;
    try {
        journal::RunStore store(m_readDb);
        const auto run = store.run(runId);
        if (!run)
            return;
        const bool resumable = journal::isResumable(run->status);
        m_resume->setEnabled(resumable);
        m_discard->setEnabled(resumable);
        m_retry->setEnabled(journal::canRetryFailedSymbols(run->status));
        const QVector<journal::SymbolStatus> statuses =
            m_failedOnly->isChecked()
                ? QVector<journal::SymbolStatus>{journal::SymbolStatus::Failed}
                : QVector<journal::SymbolStatus>{};
        const auto symbols = store.runSymbols(runId, statuses);
        m_symbols->setRowCount(int(symbols.size()));
        for (int i = 0; i < symbols.size(); ++i) {
            const auto& s = symbols.at(i);
            setRow(m_symbols, i,
                   {s.symbol, RunMessages::symbolStatusText(s.status),
                    QString::number(s.recordsFetched), QString::number(s.retries),
                    EngineText::translate(s.error)},
                   s.status == journal::SymbolStatus::Failed ? QColor(0xc6, 0x28, 0x28) : QColor());
        }
        m_symbols->resizeColumnsToContents();
        const auto json = QJsonDocument::fromJson(run->reconciliationJson.toUtf8()).object();
        const auto report = ReconciliationReport::fromJson(json);
        if (!report || report->lines.isEmpty()) {
            m_reconciliation->addItem(tr("No reconciliation for this run."));
            return;
        }
        const int mismatches = int(report->mismatches().size());
        auto* summary = new QListWidgetItem(
            mismatches == 0
                ? tr("All %1 checks match.").arg(report->lines.size())
                : tr("%1 of %2 checks do not match.").arg(mismatches).arg(report->lines.size()));
        QFont bold = summary->font();
        bold.setBold(true);
        summary->setFont(bold);
        m_reconciliation->addItem(summary);
        for (const ReconciliationLine& line : report->lines) {
            auto* item =
                new QListWidgetItem((line.matches ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) +
                                    reconciliationText(line));
            if (!line.matches) {
                item->setForeground(QColor(0xc6, 0x28, 0x28));
                item->setBackground(QColor(0xfd, 0xec, 0xea));
            }
            m_reconciliation->addItem(item);
        }
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not load the run:" << e.what();
    }
}

} // namespace fb::ui
