#include "ui/conflicts_view.h"

#include "ui/app_context.h"
#include "ui/conflict_actions.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"
#include "ui/note_merge_dialog.h"
#include "ui/retranslate.h"
#include "ui/write_gate.h"

#include "sync/journal/annotation_store.h"
#include "sync/journal/conflict_queries.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

namespace {

enum Column {
    KindColumn,
    SymbolColumn,
    SideColumn,
    TimeColumn,
    RecordColumn,
    WasColumn,
    NowColumn,
    SinceColumn,
    ColumnCount
};
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kKindRole = Qt::UserRole + 2;
constexpr int kKeyRole = Qt::UserRole + 3; // the natural key (record or trade)

QString sideText(const QString& side)
{
    if (side == QLatin1String("BUY"))
        return ConflictsView::tr("Buy");
    if (side == QLatin1String("SELL"))
        return ConflictsView::tr("Sell");
    if (side == QLatin1String("LONG"))
        return ConflictsView::tr("Long");
    if (side == QLatin1String("SHORT"))
        return ConflictsView::tr("Short");
    return side;
}

QString kindText(const QString& kind)
{
    if (kind == journal::kConflictRecordChanged)
        return ConflictsView::tr("Record changed");
    if (kind == journal::kConflictOrphanedAnnotation)
        return ConflictsView::tr("Orphaned note");
    if (kind == journal::kConflictUnusableRecord)
        return ConflictsView::tr("Unusable record");
    if (kind == journal::kConflictUnreadableRecord)
        return ConflictsView::tr("Unreadable record");
    if (kind == journal::kConflictImplausibleTime)
        return ConflictsView::tr("Implausible time");
    if (kind == journal::kConflictSharedAnnotation)
        return ConflictsView::tr("Note edited on two devices");
    if (kind == journal::kConflictSharedDayNote)
        return ConflictsView::tr("Daily note edited on two devices");
    return kind;
}

QString timeText(qint64 ms, const QTimeZone& zone)
{
    return dateTimeText(QDateTime::fromMSecsSinceEpoch(ms, zone));
}

} // namespace

ConflictsView::ConflictsView(journal::Database& readDb, WriteGate& writes, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
    , m_writes(writes)
{
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    m_detail = new QLabel(side);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_acknowledge = new QPushButton(side);
    m_candidates = new QListWidget(side);
    m_reattach = new QPushButton(side);
    m_delete = new QPushButton(side);
    m_message = new QLabel(side);
    m_message->setWordWrap(true);

    m_versions = new QWidget(side);
    auto* versionsLayout = new QGridLayout(m_versions);
    versionsLayout->setContentsMargins(0, 0, 0, 0);
    m_theirsLabel = new QLabel(m_versions);
    m_mineVersion = new QPlainTextEdit(m_versions);
    m_theirsVersion = new QPlainTextEdit(m_versions);
    m_mineVersion->setReadOnly(true);
    m_theirsVersion->setReadOnly(true);
    auto* mineLabel = new QLabel(m_versions);
    versionsLayout->addWidget(mineLabel, 0, 0);
    versionsLayout->addWidget(m_theirsLabel, 0, 1);
    versionsLayout->addWidget(m_mineVersion, 1, 0);
    versionsLayout->addWidget(m_theirsVersion, 1, 1);
    m_keepMine = new QPushButton(side);
    m_keepTheirs = new QPushButton(side);
    m_merge = new QPushButton(side);
    auto* noteButtons = new QHBoxLayout;
    noteButtons->addWidget(m_keepMine);
    noteButtons->addWidget(m_keepTheirs);
    noteButtons->addWidget(m_merge);
    versionsLayout->addLayout(noteButtons, 2, 0, 1, 2);

    sideLayout->addWidget(m_detail);
    sideLayout->addWidget(m_versions, 10);
    sideLayout->addWidget(m_acknowledge);
    sideLayout->addWidget(m_candidates, 10);
    sideLayout->addWidget(m_reattach);
    sideLayout->addWidget(m_delete);
    sideLayout->addWidget(m_message);
    // Keeps the text at the top while the candidate list is hidden.
    sideLayout->addStretch(1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConflictsView::onSelectionChanged);
    connect(m_candidates, &QListWidget::itemSelectionChanged, this,
            [this] { m_reattach->setEnabled(m_candidates->currentItem() != nullptr); });
    connect(m_acknowledge, &QPushButton::clicked, this, &ConflictsView::acknowledgeSelected);
    connect(m_reattach, &QPushButton::clicked, this, &ConflictsView::reattachSelected);
    connect(m_delete, &QPushButton::clicked, this, &ConflictsView::deleteSelected);
    connect(m_keepMine, &QPushButton::clicked, this,
            [this] { resolveSelected(journal::NoteResolution::KeepMine); });
    connect(m_keepTheirs, &QPushButton::clicked, this,
            [this] { resolveSelected(journal::NoteResolution::KeepTheirs); });
    connect(m_merge, &QPushButton::clicked, this,
            [this] { resolveSelected(journal::NoteResolution::Merge); });
    bool first = true;
    retranslateOnLanguageChange(this, [this, mineLabel, first]() mutable {
        m_table->setHorizontalHeaderLabels({tr("Kind"), tr("Symbol"), tr("Side"), tr("Time"),
                                            tr("Record"), tr("Was"), tr("Now"), tr("Since")});
        m_table->horizontalHeaderItem(TimeColumn)
            ->setToolTip(tr("When the record happened on the exchange (the note's trade: its "
                            "first fill), in the display time zone."));
        m_table->horizontalHeaderItem(SinceColumn)->setToolTip(tr("When the conflict was found."));
        m_acknowledge->setText(tr("Acknowledge change"));
        m_acknowledge->setToolTip(tr("The new version is already kept and the old one stays in "
                                     "the record history; this only clears the conflict."));
        m_reattach->setText(tr("Re-attach note to selected trade"));
        m_delete->setText(tr("Delete note…"));
        mineLabel->setText(tr("Mine (this device)"));
        m_keepMine->setText(tr("Keep mine"));
        m_keepMine->setToolTip(tr("Keep this device's version; every device takes it after the "
                                  "next push and pull."));
        m_keepTheirs->setText(tr("Keep theirs"));
        m_keepTheirs->setToolTip(tr("Take the other device's version; every device takes it "
                                    "after the next push and pull."));
        m_merge->setText(tr("Merge…"));
        m_merge->setToolTip(tr("Write one note from both versions, side by side."));
        if (!first) // kinds, sides, times and the header sentence in the new language
            reload();
        first = false;
    });
    onSelectionChanged();
}

void ConflictsView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    reload();
}

void ConflictsView::reload()
{
    QVector<journal::Conflict> conflicts;
    try {
        conflicts = loadOpenConflicts(m_readDb, kListLimit);
        m_openCount = int(journal::ConflictStore(m_readDb).openCount());
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not list conflicts:" << e.what();
    }
    const qint64 selectedId =
        m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), 0)
            ? m_table->item(m_table->currentRow(), 0)->data(kIdRole).toLongLong()
            : 0;
    m_table->setRowCount(int(conflicts.size()));
    int reselect = -1;
    for (int i = 0; i < conflicts.size(); ++i) {
        const auto& c = conflicts.at(i);
        journal::ConflictSubject subject;
        try {
            subject = journal::conflictSubject(m_readDb, c);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not read a conflict's record:" << e.what();
        }
        const QStringList cells{kindText(c.kind),
                                subject.symbol,
                                sideText(subject.side),
                                subject.time ? timeText(*subject.time, m_zone) : QString(),
                                subject.recordLabel.isEmpty() ? c.naturalKey : subject.recordLabel,
                                c.oldSummary,
                                c.newSummary,
                                timeText(c.createdAt, m_zone)};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells.at(col));
            item->setToolTip(c.detail);
            m_table->setItem(i, col, item);
        }
        m_table->item(i, 0)->setData(kIdRole, c.id);
        m_table->item(i, 0)->setData(kKindRole, c.kind);
        m_table->item(i, 0)->setData(kKeyRole, c.naturalKey);
        m_table->item(i, RecordColumn)->setToolTip(c.naturalKey);
        if (c.id == selectedId)
            reselect = i;
    }
    m_table->resizeColumnsToContents();
    // A note's text can be long: its full text is in the side panel.
    for (const int column : {WasColumn, NowColumn})
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), 260));
    if (reselect >= 0)
        m_table->selectRow(reselect);
    m_header->setText(
        m_openCount == 0
            ? tr("No open conflicts. Exchange records that come back changed, notes whose trade "
                 "was rebuilt under another key, and notes edited on two devices appear here.")
        : m_openCount > conflicts.size() ? tr("%1 open conflicts; the oldest %2 are listed.")
                                               .arg(m_openCount)
                                               .arg(conflicts.size())
                                         : tr("%1 open conflicts.").arg(m_openCount));
    onSelectionChanged();
    emit countChanged(m_openCount);
}

QString ConflictsView::selectedKind() const
{
    const int row = m_table->currentRow();
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || row < 0 || !m_table->item(row, 0))
        return {};
    return m_table->item(row, 0)->data(kKindRole).toString();
}

QString ConflictsView::selectedKey() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, 0) ? m_table->item(row, 0)->data(kKeyRole).toString()
                                             : QString();
}

void ConflictsView::onSelectionChanged()
{
    const QString kind = selectedKind();
    const bool changed = kind == journal::kConflictRecordChanged;
    const bool orphan = kind == journal::kConflictOrphanedAnnotation;
    const bool shared =
        kind == journal::kConflictSharedAnnotation || kind == journal::kConflictSharedDayNote;
    m_versions->setVisible(shared);
    m_acknowledge->setVisible(changed);
    m_candidates->setVisible(orphan);
    m_reattach->setVisible(orphan);
    m_delete->setVisible(orphan);
    m_candidates->clear();
    m_reattach->setEnabled(false);
    if (kind.isEmpty()) {
        m_detail->setText(tr("Select a conflict to resolve it."));
        return;
    }
    const int row = m_table->currentRow();
    QString detail = m_table->item(row, 0)->toolTip();
    if (shared) {
        std::optional<journal::NoteConflict> c;
        try {
            c = selectedNoteConflict();
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not read a note conflict:" << e.what();
        }
        m_keepMine->setEnabled(c.has_value());
        m_keepTheirs->setEnabled(c.has_value());
        m_merge->setEnabled(c.has_value());
        if (c) {
            m_mineVersion->setPlainText(noteVersionText(c->kind, c->mine));
            m_theirsVersion->setPlainText(noteVersionText(c->kind, c->theirs));
            m_theirsLabel->setText(tr("Theirs (device %1)").arg(c->theirsDevice.left(8)));
        } else {
            m_mineVersion->clear();
            m_theirsVersion->clear();
            m_theirsLabel->setText(tr("Theirs"));
            detail += QStringLiteral("\n\n") +
                      tr("The other version was not kept (this conflict is from before notes "
                         "had versions); edit the note to settle it.");
        }
    }
    if (orphan) {
        const QString key = selectedKey();
        try {
            if (const auto note = journal::AnnotationStore(m_readDb).annotation(key)) {
                detail += QStringLiteral("\n\n") + tr("Note: %1").arg(note->notes.left(300));
                if (!note->tags.isEmpty())
                    detail += QLatin1Char('\n') + tr("Tags: %1").arg(note->tags.join(u", "));
            }
            for (const TradeCandidate& c : reattachCandidates(m_readDb, key)) {
                const auto net = Decimal::parse(c.netPnl);
                auto* item = new QListWidgetItem(
                    tr("%1%2  %3  net %4")
                        .arg(c.holdsFirstFill ? QStringLiteral("★ ") : QString(),
                             timeText(c.openTime, m_zone), sideText(c.direction),
                             net ? moneyText(*net, c.marginAsset)
                                 : c.netPnl + QLatin1Char(' ') + c.marginAsset),
                    m_candidates);
                item->setToolTip(c.key);
                item->setData(Qt::UserRole, c.key);
                if (c.holdsFirstFill)
                    item->setToolTip(tr("This trade now holds the note's first fill.") +
                                     QLatin1Char('\n') + c.key);
            }
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not read the orphaned annotation:" << e.what();
        }
        if (m_candidates->count() > 0)
            m_candidates->setCurrentRow(0);
        detail += QStringLiteral("\n\n") +
                  (m_candidates->count() > 0
                       ? tr("Pick the trade this note belongs to (★: holds its first fill).")
                       : tr("No trade of the same symbol and side is free to take this note."));
    }
    m_detail->setText(detail);
}

void ConflictsView::report(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_message->setText(text);
}

void ConflictsView::acknowledgeSelected()
{
    const int row = m_table->currentRow();
    if (selectedKind() != journal::kConflictRecordChanged)
        return;
    const qint64 id = m_table->item(row, 0)->data(kIdRole).toLongLong();
    m_writes.write(this, [this, id, key = selectedKey()](journal::Database& db) {
        try {
            acknowledgeChangedRecord(db, id);
            report(tr("Acknowledged %1.").arg(key), false);
        } catch (const journal::JournalError& e) {
            report(QString::fromUtf8(e.what()), true);
        }
        reload();
    });
}

void ConflictsView::reattachSelected()
{
    const QListWidgetItem* target = m_candidates->currentItem();
    if (selectedKind() != journal::kConflictOrphanedAnnotation || !target)
        return;
    const QString from = selectedKey();
    const QString to = target->data(Qt::UserRole).toString();
    m_writes.write(this, [this, from, to](journal::Database& db) {
        try {
            reattachAnnotation(db, from, to);
            report(tr("The note now belongs to %1.").arg(to), false);
            emit annotationsChanged({to});
        } catch (const journal::JournalError& e) {
            report(QString::fromUtf8(e.what()), true);
        }
        reload();
    });
}

void ConflictsView::deleteSelected()
{
    if (selectedKind() != journal::kConflictOrphanedAnnotation)
        return;
    const QString key = selectedKey();
    const bool confirmed =
        m_confirmDelete
            ? m_confirmDelete(key)
            : QMessageBox::question(this, tr("Delete this note?"),
                                    tr("The note, tags and ratings written for %1 will be deleted. "
                                       "This cannot be undone.")
                                        .arg(key)) == QMessageBox::Yes;
    if (!confirmed)
        return;
    m_writes.write(this, [this, key](journal::Database& db) {
        try {
            deleteOrphanedAnnotation(db, key);
            report(tr("Deleted the note of %1.").arg(key), false);
        } catch (const journal::JournalError& e) {
            report(QString::fromUtf8(e.what()), true);
        }
        reload();
    });
}

std::optional<journal::NoteConflict> ConflictsView::selectedNoteConflict() const
{
    const QString kind = selectedKind();
    if (kind != journal::kConflictSharedAnnotation && kind != journal::kConflictSharedDayNote)
        return std::nullopt;
    return journal::noteConflict(m_readDb,
                                 kind == journal::kConflictSharedAnnotation
                                     ? journal::NoteKind::Trade
                                     : journal::NoteKind::Day,
                                 selectedKey());
}

void ConflictsView::resolveSelected(journal::NoteResolution how)
{
    std::optional<journal::NoteConflict> c;
    std::optional<journal::Annotation> merged;
    try {
        c = selectedNoteConflict();
        if (!c)
            return;
        if (how == journal::NoteResolution::Merge) {
            if (m_mergeEditor) {
                merged = m_mergeEditor(*c);
            } else {
                NoteMergeDialog dialog(*c, this);
                if (dialog.exec() == QDialog::Accepted)
                    merged = dialog.merged();
            }
            if (!merged)
                return;
        }
    } catch (const journal::JournalError& e) {
        report(QString::fromUtf8(e.what()), true);
        reload();
        return;
    }
    m_writes.write(this, [this, c = *c, how, merged](journal::Database& db) {
        try {
            resolveNote(db, c.kind, c.key, how, merged);
            const QString what = how == journal::NoteResolution::KeepMine ? tr("kept your version")
                                 : how == journal::NoteResolution::KeepTheirs
                                     ? tr("took the other device's version")
                                     : tr("saved the merge");
            report(tr("Resolved the note of %1: %2. It is shared with the next push.")
                       .arg(c.key, what),
                   false);
            if (c.kind == journal::NoteKind::Trade)
                emit annotationsChanged({c.key});
        } catch (const journal::JournalError& e) {
            report(QString::fromUtf8(e.what()), true);
        }
        reload();
    });
}

} // namespace fb::ui
