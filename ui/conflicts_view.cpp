#include "ui/conflicts_view.h"

#include "ui/app_context.h"

#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fb::ui {

ConflictsView::ConflictsView(journal::Database& readDb, journal::Database& writeDb, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
    , m_writeDb(writeDb)
{
    m_table = new QTableWidget(0, 6, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Id"), tr("Kind"), tr("Record"), tr("Was"), tr("Now"), tr("Detail")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* resolve = new QPushButton(tr("Mark resolved"), this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Open conflicts: exchange records that changed, and notes whose "
                                 "trade was rebuilt under another key."),
                              this),
                   1);
    top->addWidget(resolve);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table);
    connect(resolve, &QPushButton::clicked, this, &ConflictsView::resolveSelected);
}

void ConflictsView::reload()
{
    QVector<journal::Conflict> conflicts;
    try {
        conflicts = journal::ConflictStore(m_readDb).listOpen();
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not list conflicts:" << e.what();
    }
    m_table->setRowCount(int(conflicts.size()));
    for (int i = 0; i < conflicts.size(); ++i) {
        const auto& c = conflicts.at(i);
        const QStringList cells{QString::number(c.id), c.kind,       c.naturalKey,
                                c.oldSummary,          c.newSummary, c.detail};
        for (int col = 0; col < cells.size(); ++col)
            m_table->setItem(i, col, new QTableWidgetItem(cells.at(col)));
    }
    m_table->resizeColumnsToContents();
    emit countChanged(int(conflicts.size()));
}

int ConflictsView::openCount() const
{
    return m_table->rowCount();
}

void ConflictsView::resolveSelected()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    try {
        journal::ConflictStore store(m_writeDb);
        for (const QModelIndex& row : rows)
            store.resolve(m_table->item(row.row(), 0)->text().toLongLong(),
                          QStringLiteral("acknowledged in the desktop app"));
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not resolve conflicts:" << e.what();
    }
    reload();
}

} // namespace fb::ui
