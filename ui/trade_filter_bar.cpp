#include "ui/trade_filter_bar.h"

#include "ui/models/money_format.h"
#include "ui/retranslate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace fb::ui {

namespace {
// Typing in a text filter re-queries once the user pauses, not on every key.
constexpr int kTypingPauseMs = 250;
} // namespace

void TradeFilterBar::retranslateUi()
{
    m_symbol->setItemText(0, tr("All symbols"));
    m_direction->setItemText(0, tr("Long & short"));
    m_direction->setItemText(1, tr("Long"));
    m_direction->setItemText(2, tr("Short"));
    m_status->setItemText(0, tr("Open & closed"));
    m_status->setItemText(1, tr("Open", "trade status: the position is still open"));
    m_status->setItemText(2, tr("Closed", "trade status: the position is closed"));
    m_outcome->setItemText(0, tr("Wins & losses"));
    m_outcome->setItemText(1, tr("Wins"));
    m_outcome->setItemText(2, tr("Losses"));
    m_useDates->setText(tr("Opened", "filter on the day a trade was opened"));
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setLocale(displayLocale());
        edit->setDisplayFormat(shortDateFormat(displayLocale()));
    }
    m_tag->setPlaceholderText(tr("Tags"));
    m_tag->setToolTip(tr("Trades with any of these tags, separated by commas; a tag matches "
                         "every tag that starts with it (\"break\" finds \"breakout\")."));
    m_rangeWarning->setText(tr("Start date is after end date"));
    m_notes->setPlaceholderText(tr("Text in notes"));
    m_closedDay->setToolTip(tr("Only the trades closed on this day (chosen in the Calendar). "
                               "Click to show every day again."));
    if (m_closedDate.isValid())
        m_closedDay->setText(tr("Closed %1  ✕").arg(weekdayDateText(m_closedDate)));
}

TradeFilterBar::TradeFilterBar(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_symbol = new QComboBox(this);
    m_symbol->addItem(QString(), QString());
    m_direction = new QComboBox(this);
    m_direction->addItem(QString(), QString());
    m_direction->addItem(QString(), QStringLiteral("LONG"));
    m_direction->addItem(QString(), QStringLiteral("SHORT"));
    m_status = new QComboBox(this);
    m_status->addItem(QString(), QString());
    m_status->addItem(QString(), QStringLiteral("OPEN"));
    m_status->addItem(QString(), QStringLiteral("CLOSED"));
    m_outcome = new QComboBox(this);
    m_outcome->addItem(QString(), 0);
    m_outcome->addItem(QString(), 1);
    m_outcome->addItem(QString(), -1);
    m_useDates = new QCheckBox(this);
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_tag = new QLineEdit(this);
    m_tag->setClearButtonEnabled(true);
    m_tag->setMaximumWidth(140);
    m_rangeWarning = new QLabel(this);
    m_rangeWarning->setObjectName(QStringLiteral("rangeWarning"));
    m_rangeWarning->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_rangeWarning->hide();
    m_notes = new QLineEdit(this);
    m_notes->setClearButtonEnabled(true);
    m_closedDay = new QPushButton(this);
    m_closedDay->setObjectName(QStringLiteral("closedDay"));
    m_closedDay->hide();
    retranslateOnLanguageChange(this, [this] { retranslateUi(); });
    connect(m_closedDay, &QPushButton::clicked, this, &TradeFilterBar::clearClosedDay);
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_symbol, m_direction, m_status, m_outcome, m_useDates,
                                         m_from, m_to, m_rangeWarning, m_closedDay, m_tag, m_notes})
        layout->addWidget(w);
    layout->setStretchFactor(m_notes, 1);

    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingPauseMs);
    connect(m_typing, &QTimer::timeout, this, &TradeFilterBar::changed);
    for (QComboBox* box : {m_symbol, m_direction, m_status, m_outcome})
        connect(box, &QComboBox::currentIndexChanged, this, &TradeFilterBar::changed);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        emit changed();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &TradeFilterBar::changed);
    connect(m_to, &QDateEdit::dateChanged, this, &TradeFilterBar::changed);
    for (QLineEdit* edit : {m_tag, m_notes})
        connect(edit, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(this, &TradeFilterBar::changed, this,
            [this] { m_rangeWarning->setVisible(rangeReversed()); });
}

bool TradeFilterBar::rangeReversed() const
{
    return m_useDates->isChecked() && m_from->date() > m_to->date();
}

bool TradeFilterBar::isActive() const
{
    return !(query() == TradeQuery{});
}

void TradeFilterBar::clear()
{
    {
        const QSignalBlocker b1(m_symbol), b2(m_direction), b3(m_status), b4(m_outcome),
            b5(m_useDates), b6(m_tag), b7(m_notes);
        for (QComboBox* box : {m_symbol, m_direction, m_status, m_outcome})
            box->setCurrentIndex(0);
        m_useDates->setChecked(false);
        m_from->setEnabled(false);
        m_to->setEnabled(false);
        m_tag->clear();
        m_notes->clear();
        m_closedFromMs.reset();
        m_closedToMs.reset();
        m_closedDay->hide();
    }
    m_typing->stop();
    emit changed();
}

TradeQuery TradeFilterBar::query() const
{
    TradeQuery q;
    q.symbol = m_symbol->currentData().toString();
    q.direction = m_direction->currentData().toString();
    q.status = m_status->currentData().toString();
    q.outcome = m_outcome->currentData().toInt();
    if (m_useDates->isChecked()) {
        q.openFromMs = m_from->date().startOfDay().toMSecsSinceEpoch();
        q.openToMs = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch() - 1;
    }
    for (const QString& part : m_tag->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString tag = part.trimmed(); !tag.isEmpty() && !q.tags.contains(tag))
            q.tags << tag;
    q.notesText = m_notes->text().trimmed();
    q.closeFromMs = m_closedFromMs;
    q.closeToMs = m_closedToMs;
    return q;
}

void TradeFilterBar::setClosedDay(const QDate& day, qint64 fromMs, qint64 toMs)
{
    m_closedFromMs = fromMs;
    m_closedToMs = toMs;
    m_closedDate = day;
    m_closedDay->setText(tr("Closed %1  ✕").arg(weekdayDateText(day)));
    m_closedDay->show();
    emit changed();
}

void TradeFilterBar::clearClosedDay()
{
    if (!m_closedFromMs && !m_closedToMs)
        return;
    m_closedFromMs.reset();
    m_closedToMs.reset();
    m_closedDay->hide();
    emit changed();
}

void TradeFilterBar::setSymbols(const QStringList& symbols)
{
    const QString current = m_symbol->currentData().toString();
    const QSignalBlocker blocker(m_symbol);
    while (m_symbol->count() > 1)
        m_symbol->removeItem(1);
    for (const QString& symbol : symbols)
        m_symbol->addItem(symbol, symbol);
    m_symbol->setCurrentIndex(std::max(0, m_symbol->findData(current)));
}

} // namespace fb::ui
