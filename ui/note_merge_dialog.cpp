#include "ui/note_merge_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fb::ui {

namespace {

QStringList splitTags(const QString& text)
{
    QStringList tags;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QString ratingText(const std::optional<int>& rating)
{
    return rating ? NoteMergeDialog::tr("%1 of 5").arg(*rating) : NoteMergeDialog::tr("none");
}

QString listText(const QStringList& list)
{
    return list.isEmpty() ? NoteMergeDialog::tr("none") : list.join(QStringLiteral(", "));
}

QPlainTextEdit* readOnlyText(const QString& text, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(text, parent);
    edit->setReadOnly(true);
    return edit;
}

} // namespace

QString noteVersionText(journal::NoteKind kind, const std::optional<journal::Annotation>& note)
{
    if (!note)
        return NoteMergeDialog::tr("(removed on that device)");
    QString text = note->notes;
    if (kind == journal::NoteKind::Trade) {
        text += QStringLiteral("\n\n") + NoteMergeDialog::tr("Tags: %1").arg(listText(note->tags));
        text += QLatin1Char('\n') +
                NoteMergeDialog::tr("Setup: %1")
                    .arg(note->setup.isEmpty() ? NoteMergeDialog::tr("none") : note->setup);
        text += QLatin1Char('\n') + NoteMergeDialog::tr("Rating: %1").arg(ratingText(note->rating));
        text +=
            QLatin1Char('\n') + NoteMergeDialog::tr("Mistakes: %1").arg(listText(note->mistakes));
    }
    return text;
}

NoteMergeDialog::NoteMergeDialog(const journal::NoteConflict& conflict, QWidget* parent)
    : QDialog(parent)
    , m_conflict(conflict)
{
    const bool trade = conflict.kind == journal::NoteKind::Trade;
    setWindowTitle(trade ? tr("Merge the notes of %1").arg(conflict.key)
                         : tr("Merge the daily notes of %1").arg(conflict.key));
    const journal::Annotation mine = conflict.mine.value_or(journal::Annotation{});
    const journal::Annotation theirs = conflict.theirs.value_or(journal::Annotation{});

    auto* sides = new QGridLayout;
    sides->addWidget(new QLabel(tr("Mine (this device)"), this), 0, 0);
    sides->addWidget(new QLabel(tr("Theirs (device %1)").arg(conflict.theirsDevice.left(8)), this),
                     0, 1);
    m_mine = readOnlyText(noteVersionText(conflict.kind, conflict.mine), this);
    m_theirs = readOnlyText(noteVersionText(conflict.kind, conflict.theirs), this);
    sides->addWidget(m_mine, 1, 0);
    sides->addWidget(m_theirs, 1, 1);

    m_result = new QPlainTextEdit(mine.notes.isEmpty() ? theirs.notes : mine.notes, this);
    auto* form = new QFormLayout;
    form->addRow(tr("Merged note:"), m_result);
    m_tags =
        new QLineEdit(journal::tagUnion(mine.tags, theirs.tags).join(QStringLiteral(", ")), this);
    m_tags->setToolTip(tr("The tags of both versions; edit as you like (comma-separated)."));
    m_setup = new QComboBox(this);
    m_setup->addItem(tr("Mine: %1").arg(mine.setup.isEmpty() ? tr("none") : mine.setup),
                     mine.setup);
    m_setup->addItem(tr("Theirs: %1").arg(theirs.setup.isEmpty() ? tr("none") : theirs.setup),
                     theirs.setup);
    m_rating = new QComboBox(this);
    m_rating->addItem(tr("Mine: %1").arg(ratingText(mine.rating)), mine.rating.value_or(0));
    m_rating->addItem(tr("Theirs: %1").arg(ratingText(theirs.rating)), theirs.rating.value_or(0));
    m_mistakes = new QComboBox(this);
    m_mistakes->addItem(tr("Mine: %1").arg(listText(mine.mistakes)), mine.mistakes);
    m_mistakes->addItem(tr("Theirs: %1").arg(listText(theirs.mistakes)), theirs.mistakes);
    if (trade) {
        form->addRow(tr("Tags:"), m_tags);
        form->addRow(tr("Setup:"), m_setup);
        form->addRow(tr("Rating:"), m_rating);
        form->addRow(tr("Mistakes:"), m_mistakes);
    } else {
        m_tags->hide();
        m_setup->hide();
        m_rating->hide();
        m_mistakes->hide();
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("Save merge"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Both versions are kept until you choose. The merge is saved "
                                    "as a new edit that has seen both, so every device takes "
                                    "it."),
                                 this));
    layout->addLayout(sides, 2);
    layout->addLayout(form, 3);
    layout->addWidget(buttons);
    resize(900, 620);
}

journal::Annotation NoteMergeDialog::merged() const
{
    journal::Annotation a =
        m_conflict.mine.value_or(m_conflict.theirs.value_or(journal::Annotation{}));
    a.tradeKey = m_conflict.key;
    a.notes = m_result->toPlainText();
    if (m_conflict.kind == journal::NoteKind::Trade) {
        a.tags = splitTags(m_tags->text());
        a.setup = m_setup->currentData().toString();
        const int rating = m_rating->currentData().toInt();
        a.rating = rating > 0 ? std::optional<int>(rating) : std::nullopt;
        a.mistakes = m_mistakes->currentData().toStringList();
    }
    return a;
}

} // namespace fb::ui
