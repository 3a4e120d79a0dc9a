#include "ui/saved_filters_box.h"

#include "ui/app_context.h"
#include "ui/retranslate.h"
#include "ui/trade_filter_bar.h"
#include "ui/write_gate.h"

#include "sync/journal/journal_error.h"
#include "sync/journal/saved_filters.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QMessageBox>
#include <QToolButton>

#include <memory>

namespace fb::ui {

SavedFiltersBox::SavedFiltersBox(journal::Database& readDb, WriteGate& writes, TradeFilterBar* bar,
                                 QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
    , m_writes(writes)
    , m_bar(bar)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_box = new QComboBox(this);
    m_box->setObjectName(QStringLiteral("savedFilters"));
    m_box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_box->addItem(QString(), QString());
    m_save = new QToolButton(this);
    m_delete = new QToolButton(this);
    layout->addWidget(m_box);
    layout->addWidget(m_save);
    layout->addWidget(m_delete);
    retranslateOnLanguageChange(this, [this] { retranslateUi(); });
    connect(m_box, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            apply(m_box->itemData(index).toString());
        updateButtons();
    });
    connect(m_save, &QToolButton::clicked, this, [this] {
        const QString name =
            m_askName
                ? m_askName()
                : QInputDialog::getText(this, tr("Save filter"), tr("Name of this set of filters:"),
                                        QLineEdit::Normal, m_box->currentData().toString());
        if (!name.trimmed().isEmpty())
            saveAs(name);
    });
    connect(m_delete, &QToolButton::clicked, this, [this] {
        if (m_box->currentIndex() > 0)
            removeSaved(m_box->currentData().toString());
    });
    // Changing a filter by hand leaves the saved one: the list goes back to its title.
    connect(m_bar, &TradeFilterBar::changed, this, [this] {
        if (m_box->currentIndex() <= 0)
            return;
        const auto saved = [&]() -> std::optional<journal::TradeQuery> {
            try {
                if (auto found =
                        journal::SavedFilterStore(m_readDb).find(m_box->currentData().toString()))
                    return found->query;
            } catch (const journal::JournalError&) {
            }
            return std::nullopt;
        }();
        journal::TradeQuery now = m_bar->query();
        now.closeFromMs.reset();
        now.closeToMs.reset();
        if (!saved || journal::savedFilterJson(*saved) != journal::savedFilterJson(now)) {
            const QSignalBlocker blocker(m_box);
            m_box->setCurrentIndex(0);
            updateButtons();
        }
    });
    reload();
}

void SavedFiltersBox::retranslateUi()
{
    m_box->setItemText(0, tr("Saved filters"));
    m_box->setToolTip(tr("Filters saved by name, kept in the journal (fillbook-cli --filter NAME "
                         "uses them too)."));
    m_save->setText(tr("Save…", "save the current filters under a name"));
    m_save->setToolTip(tr("Save the current filters under a name"));
    m_delete->setText(tr("Delete", "delete the chosen saved filter"));
    m_delete->setToolTip(tr("Delete the chosen saved filter (the trades are not touched)"));
}

void SavedFiltersBox::updateButtons()
{
    m_delete->setEnabled(m_box->currentIndex() > 0);
}

QStringList SavedFiltersBox::names() const
{
    QStringList list;
    for (int i = 1; i < m_box->count(); ++i)
        list << m_box->itemData(i).toString();
    return list;
}

void SavedFiltersBox::reload()
{
    const QString current = m_box->currentData().toString();
    QVector<journal::SavedFilter> filters;
    try {
        filters = journal::SavedFilterStore(m_readDb).list();
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not list saved filters:" << e.what();
    }
    const QSignalBlocker blocker(m_box);
    while (m_box->count() > 1)
        m_box->removeItem(1);
    for (const journal::SavedFilter& filter : filters)
        m_box->addItem(filter.name, filter.name);
    m_box->setCurrentIndex(std::max(0, m_box->findData(current)));
    m_box->setEnabled(m_box->count() > 1);
    updateButtons();
}

bool SavedFiltersBox::saveAs(const QString& name)
{
    const QString trimmed = name.trimmed();
    const journal::TradeQuery query = m_bar->query();
    const qint64 savedAt = QDateTime::currentMSecsSinceEpoch();
    // Set only by a write that runs now; a held one says itself when it fails.
    const auto saved = std::make_shared<bool>(true);
    m_writes.write(this, [this, trimmed, query, savedAt, saved](journal::Database& db) {
        try {
            journal::SavedFilterStore(db).save(trimmed, query, savedAt);
        } catch (const journal::JournalError& e) {
            QMessageBox::warning(this, tr("Could not save the filter"),
                                 QString::fromUtf8(e.what()));
            *saved = false;
            return;
        }
        reload();
        const QSignalBlocker blocker(m_box);
        // The name as stored (an existing name keeps its spelling: names ignore case).
        for (int i = 1; i < m_box->count(); ++i)
            if (m_box->itemData(i).toString().compare(trimmed, Qt::CaseInsensitive) == 0)
                m_box->setCurrentIndex(i);
        updateButtons();
    });
    return *saved && m_writes.accepts();
}

bool SavedFiltersBox::apply(const QString& name)
{
    std::optional<journal::SavedFilter> saved;
    try {
        saved = journal::SavedFilterStore(m_readDb).find(name);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read a saved filter:" << e.what();
    }
    if (!saved) {
        reload();
        return false;
    }
    {
        const QSignalBlocker blocker(m_box);
        m_box->setCurrentIndex(std::max(0, m_box->findData(saved->name)));
    }
    m_bar->setQuery(saved->query);
    updateButtons();
    return true;
}

bool SavedFiltersBox::removeSaved(const QString& name)
{
    // A held removal (write_gate.h) counts as done; it says itself when it fails.
    const auto removed = std::make_shared<bool>(true);
    m_writes.write(this, [this, name, removed](journal::Database& db) {
        try {
            *removed = journal::SavedFilterStore(db).remove(name);
        } catch (const journal::JournalError& e) {
            QMessageBox::warning(this, tr("Could not delete the filter"),
                                 QString::fromUtf8(e.what()));
            *removed = false;
            return;
        }
        {
            const QSignalBlocker blocker(m_box);
            m_box->setCurrentIndex(0);
        }
        reload();
    });
    return *removed && m_writes.accepts();
}

} // namespace fb::ui
