#include "ui/trade_filter_bar.h"

#include "ui/models/money_format.h"
#include "ui/retranslate.h"
#include "ui/symbol_picker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
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
// The symbol box: "All symbols", each symbol, and last "Several symbols…" (the picker; "3
// symbols" once chosen). Index 1 stays the first symbol, as before issue 14.
constexpr int kAllSymbols = 0;
constexpr int kFirstSymbol = 1;
} // namespace

void TradeFilterBar::retranslateUi()
{
    m_account->setItemText(0, tr("All accounts"));
    m_account->setToolTip(tr("Trades of one account, or of every account of this journal (money "
                             "is summed per margin asset)."));
    const int several = severalIndex();
    m_symbol->setItemText(kAllSymbols, tr("All symbols"));
    m_symbol->setItemText(several, m_severalSymbols.isEmpty()
                                       ? tr("Several symbols…")
                                       : tr("%n symbols", nullptr, int(m_severalSymbols.size())));
    m_symbol->setItemData(several, m_severalSymbols.join(QStringLiteral(", ")), Qt::ToolTipRole);
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
    m_account = new QComboBox(this);
    m_account->setObjectName(QStringLiteral("accountFilter"));
    m_account->addItem(QString(), QString());
    m_account->hide();
    m_symbol = new QComboBox(this);
    m_symbol->addItem(QString(), QString());
    m_symbol->addItem(QString(), QString());
    m_picker = new SymbolPicker(this);
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
    for (QWidget* w : std::initializer_list<QWidget*>{m_account, m_symbol, m_direction, m_status,
                                                      m_outcome, m_useDates, m_from, m_to,
                                                      m_rangeWarning, m_closedDay, m_tag, m_notes})
        layout->addWidget(w);
    layout->setStretchFactor(m_notes, 1);

    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingPauseMs);
    connect(m_typing, &QTimer::timeout, this, &TradeFilterBar::changed);
    for (QComboBox* box : {m_account, m_direction, m_status, m_outcome})
        connect(box, &QComboBox::currentIndexChanged, this, &TradeFilterBar::changed);
    // Chosen in the list (not set by code): "Several symbols…" opens the picker.
    connect(m_symbol, &QComboBox::activated, this, [this](int index) {
        if (index == severalIndex())
            openPicker();
    });
    connect(m_symbol, &QComboBox::currentIndexChanged, this, &TradeFilterBar::onSymbolChosen);
    connect(m_picker, &SymbolPicker::applied, this, &TradeFilterBar::setSymbolSelection);
    // Closed without Apply: "Several symbols…" with none chosen goes back to all symbols.
    connect(m_picker, &SymbolPicker::closed, this, [this] {
        if (m_symbol->currentIndex() == severalIndex() && m_severalSymbols.isEmpty()) {
            const QSignalBlocker blocker(m_symbol);
            m_symbol->setCurrentIndex(kAllSymbols);
        }
    });
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

int TradeFilterBar::severalIndex() const
{
    return m_symbol->count() - 1;
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
            b5(m_useDates), b6(m_tag), b7(m_notes), b8(m_account);
        for (QComboBox* box : {m_account, m_symbol, m_direction, m_status, m_outcome})
            box->setCurrentIndex(0);
        m_severalSymbols.clear();
        retranslateUi();
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
    q.account = m_account->currentData().toString();
    if (m_symbol->currentIndex() == severalIndex())
        q.symbols = m_severalSymbols;
    else
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
    const int currentIndex = m_symbol->currentIndex();
    const QString current = m_symbol->currentData().toString();
    const QSignalBlocker blocker(m_symbol);
    const bool several = currentIndex == severalIndex();
    while (m_symbol->count() > kFirstSymbol + 1)
        m_symbol->removeItem(kFirstSymbol);
    for (int i = 0; i < symbols.size(); ++i)
        m_symbol->insertItem(kFirstSymbol + i, symbols.at(i), symbols.at(i));
    if (several)
        m_symbol->setCurrentIndex(severalIndex());
    else if (const int found = current.isEmpty() ? -1 : m_symbol->findData(current);
             found >= kFirstSymbol)
        m_symbol->setCurrentIndex(found);
    else
        m_symbol->setCurrentIndex(kAllSymbols);
}

void TradeFilterBar::setAccounts(const QStringList& accounts)
{
    const QString current = m_account->currentData().toString();
    {
        const QSignalBlocker blocker(m_account);
        while (m_account->count() > 1)
            m_account->removeItem(1);
        for (const QString& account : accounts)
            m_account->addItem(account, account);
        // A chosen account stays chosen while it has no trades (yet).
        if (!current.isEmpty() && m_account->findData(current) < 0)
            m_account->addItem(current, current);
        m_account->setCurrentIndex(std::max(0, m_account->findData(current)));
    }
    m_account->setVisible(m_account->count() > 2 || !current.isEmpty());
}

void TradeFilterBar::openPicker()
{
    QStringList symbols;
    for (int i = kFirstSymbol; i < severalIndex(); ++i)
        symbols << m_symbol->itemData(i).toString();
    m_picker->setSymbols(symbols, selectedSymbols());
    m_picker->popUp(m_symbol);
}

void TradeFilterBar::onSymbolChosen(int index)
{
    // "Several symbols…" with nothing chosen yet is not a filter: the picker is open for it.
    if (index == severalIndex() && m_severalSymbols.isEmpty())
        return;
    if (index != severalIndex() && !m_severalSymbols.isEmpty()) {
        m_severalSymbols.clear();
        retranslateUi();
    }
    emit changed();
}

QStringList TradeFilterBar::selectedSymbols() const
{
    if (m_symbol->currentIndex() == severalIndex())
        return m_severalSymbols;
    const QString symbol = m_symbol->currentData().toString();
    return symbol.isEmpty() ? QStringList() : QStringList{symbol};
}

void TradeFilterBar::setSymbolSelection(const QStringList& symbols)
{
    {
        const QSignalBlocker blocker(m_symbol);
        m_severalSymbols.clear();
        if (symbols.size() > 1)
            m_severalSymbols = symbols;
        if (symbols.isEmpty()) {
            m_symbol->setCurrentIndex(kAllSymbols);
        } else if (symbols.size() == 1) {
            if (m_symbol->findData(symbols.first()) < kFirstSymbol)
                m_symbol->insertItem(severalIndex(), symbols.first(), symbols.first());
            m_symbol->setCurrentIndex(m_symbol->findData(symbols.first()));
        } else {
            m_symbol->setCurrentIndex(severalIndex());
        }
        retranslateUi();
    }
    emit changed();
}

void TradeFilterBar::setQuery(const TradeQuery& query)
{
    {
        const QSignalBlocker b1(m_direction), b2(m_status), b3(m_outcome), b4(m_useDates),
            b5(m_tag), b6(m_notes), b7(m_account), b8(m_from), b9(m_to);
        if (!query.account.isEmpty() && m_account->findData(query.account) < 0)
            m_account->addItem(query.account, query.account);
        m_account->setCurrentIndex(std::max(0, m_account->findData(query.account)));
        m_account->setVisible(m_account->count() > 2 || !query.account.isEmpty());
        m_direction->setCurrentIndex(std::max(0, m_direction->findData(query.direction)));
        m_status->setCurrentIndex(std::max(0, m_status->findData(query.status)));
        m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(query.outcome)));
        const bool dates = query.openFromMs || query.openToMs;
        m_useDates->setChecked(dates);
        m_from->setEnabled(dates);
        m_to->setEnabled(dates);
        if (query.openFromMs)
            m_from->setDate(QDateTime::fromMSecsSinceEpoch(*query.openFromMs).date());
        if (query.openToMs)
            m_to->setDate(QDateTime::fromMSecsSinceEpoch(*query.openToMs).date());
        m_tag->setText(query.tags.join(QStringLiteral(", ")));
        m_notes->setText(query.notesText);
        m_closedFromMs.reset();
        m_closedToMs.reset();
        m_closedDay->hide();
    }
    m_typing->stop();
    // One changed() for everything: the symbols' own signal is the last one.
    setSymbolSelection(journal::querySymbols(query));
}

} // namespace fb::ui
