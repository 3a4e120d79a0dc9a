#include "ui/calendar_view.h"

#include "ui/app_context.h"
#include "ui/filter_caption.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"
#include "ui/retranslate.h"
#include "ui/write_gate.h"

#include "sync/journal/database.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

namespace {

constexpr int kWeekColumn = 7;
constexpr int kRows = 6;

QString signedMoney(const Decimal& value, const QString& asset)
{
    return (value.isPositive() ? QStringLiteral("+") : QString()) + moneyText(value, asset);
}

QString countAndRate(const ReportFigures& f)
{
    const QString trades = f.trades == 1 ? CalendarView::tr("1 trade")
                                         : CalendarView::tr("%1 trades").arg(countText(f.trades));
    const auto rate = f.winRatePercent();
    return rate ? CalendarView::tr("%1 · %2% won")
                      .arg(trades, localizedDecimal(rate->toFixedString(0)))
                : trades;
}

QColor background(const Decimal& net)
{
    if (net.isPositive())
        return QColor(0xd7, 0xf0, 0xd9);
    if (net.isNegative())
        return QColor(0xfb, 0xdc, 0xdc);
    return QColor(0xf2, 0xf2, 0xf2);
}

QColor foreground(const Decimal& net)
{
    if (net.isPositive())
        return QColor(0x1b, 0x5e, 0x20);
    if (net.isNegative())
        return QColor(0xb7, 0x1c, 0x1c);
    return QColor(0x42, 0x42, 0x42);
}

} // namespace

CalendarView::CalendarView(const QString& journalPath, WriteGate& writes, QWidget* parent)
    : QWidget(parent)
    , m_worker(std::make_unique<ReviewWorker>(journalPath, this))
    , m_writes(writes)
{
    const QDate today = QDate::currentDate();
    m_month = QDate(today.year(), today.month(), 1);
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* previous = new QPushButton(QStringLiteral("◀"), this);
    previous->setObjectName(QStringLiteral("previousMonth"));
    auto* next = new QPushButton(QStringLiteral("▶"), this);
    next->setObjectName(QStringLiteral("nextMonth"));
    for (QPushButton* b : {previous, next})
        b->setMaximumWidth(36);
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600;"));
    m_caption = new QLabel(this);
    m_asset = new QComboBox(this);
    m_asset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* assetLabel = new QLabel(this);
    assetLabel->setBuddy(m_asset);
    top->addWidget(previous);
    top->addWidget(m_title);
    top->addWidget(next);
    top->addSpacing(16);
    top->addWidget(m_caption, 1);
    top->addWidget(assetLabel);
    top->addWidget(m_asset);
    layout->addLayout(top);

    m_grid = new QTableWidget(kRows, 8, this);
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setWordWrap(true);
    layout->addWidget(m_grid, 1);
    m_total = new QLabel(this);
    m_total->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600;"));
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_total);

    auto* dayBox = new QHBoxLayout;
    auto* dayLeft = new QVBoxLayout;
    m_dayTitle = new QLabel(this);
    m_dayTitle->setStyleSheet(QStringLiteral("font-weight: 600;"));
    m_dayFigures = new QLabel(this);
    m_dayFigures->setWordWrap(true);
    m_dayFigures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showTrades = new QPushButton(this);
    dayLeft->addWidget(m_dayTitle);
    dayLeft->addWidget(m_dayFigures);
    dayLeft->addWidget(m_showTrades);
    dayLeft->addStretch(1);
    m_note = new QPlainTextEdit(this);
    m_note->setMaximumHeight(110);
    m_saveNote = new QPushButton(this);
    auto* noteColumn = new QVBoxLayout;
    noteColumn->addWidget(m_note);
    noteColumn->addWidget(m_saveNote, 0, Qt::AlignRight);
    dayBox->addLayout(dayLeft, 1);
    dayBox->addLayout(noteColumn, 2);
    layout->addLayout(dayBox);

    connect(previous, &QPushButton::clicked, this, [this] { setMonth(m_month.addMonths(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { setMonth(m_month.addMonths(1)); });
    connect(m_asset, &QComboBox::activated, this, [this] { showAsset(); });
    connect(m_grid, &QTableWidget::cellClicked, this, [this](int row, int column) {
        const QDate day = dayAt(row, column);
        if (day.isValid())
            selectDay(day);
    });
    connect(m_grid, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        const QDate day = dayAt(row, column);
        if (day.isValid()) {
            selectDay(day);
            chooseSelectedDay();
        }
    });
    connect(m_showTrades, &QPushButton::clicked, this, &CalendarView::chooseSelectedDay);
    connect(m_saveNote, &QPushButton::clicked, this, &CalendarView::saveNote);
    bool first = true;
    retranslateOnLanguageChange(this, [=, this]() mutable {
        previous->setToolTip(tr("Previous month"));
        next->setToolTip(tr("Next month"));
        m_caption->setText(filterCaption(m_query, m_zone));
        m_caption->setToolTip(tr("The calendar counts the closed trades that match the Trades "
                                 "tab's filters, on the day they closed."));
        m_asset->setToolTip(tr("Amounts in different margin assets are never added up."));
        assetLabel->setText(tr("Margin asset:"));
        m_grid->setHorizontalHeaderLabels({tr("Monday"), tr("Tuesday"), tr("Wednesday"),
                                           tr("Thursday"), tr("Friday"), tr("Saturday"),
                                           tr("Sunday"), tr("Week")});
        m_showTrades->setText(tr("Show its trades"));
        m_showTrades->setToolTip(tr("Filter the Trades tab to the trades closed on this day."));
        m_note->setPlaceholderText(
            tr("Daily journal: how the day went, the plan, what to change…"));
        m_saveNote->setText(tr("Save note"));
        m_title->setText(monthText(m_month));
        if (!first) // the month's cells, totals and the day's figures in the new language
            reload();
        first = false;
    });
}

CalendarView::~CalendarView() = default;

void CalendarView::setQuery(const journal::TradeQuery& query)
{
    m_query = query;
    // The calendar chooses its own days: a day picked here must not narrow the month.
    m_query.closeFromMs.reset();
    m_query.closeToMs.reset();
    m_caption->setText(filterCaption(m_query, m_zone));
    if (isVisible())
        reload();
}

void CalendarView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_caption->setText(filterCaption(m_query, m_zone));
    if (isVisible())
        reload();
}

void CalendarView::setMonth(const QDate& anyDayOfMonth)
{
    m_month = QDate(anyDayOfMonth.year(), anyDayOfMonth.month(), 1);
    m_title->setText(monthText(m_month));
    m_selected = QDate();
    reload();
}

void CalendarView::reload()
{
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    m_inFlight = true;
    m_dirty = false;
    m_worker->calendar(++m_generation, m_query, m_month, m_zone, false,
                       [this](const CalendarResult& result) { onResult(result); });
}

void CalendarView::onResult(const CalendarResult& result)
{
    m_inFlight = false;
    if (m_dirty) {
        reload();
        return;
    }
    if (!result.error.isEmpty())
        qCWarning(lcUi) << "could not load the calendar:" << result.error;
    m_result = result;
    // The asset shown stays when it still has trades this month; otherwise the busiest one.
    const QString before = currentAsset();
    m_asset->clear();
    QString busiest;
    qint64 most = -1;
    for (const AssetCalendar& asset : result.calendar.assets) {
        m_asset->addItem(tr("%1 (%2 trades)").arg(asset.asset).arg(countText(asset.month.trades)),
                         asset.asset);
        if (asset.month.trades > most) {
            most = asset.month.trades;
            busiest = asset.asset;
        }
    }
    if (m_asset->count() == 0 && !before.isEmpty())
        m_asset->addItem(before, before); // keeps the asset of an empty month's amounts
    const int kept = m_asset->findData(before);
    m_asset->setCurrentIndex(kept >= 0 ? kept : std::max(0, m_asset->findData(busiest)));
    m_asset->setEnabled(m_asset->count() > 1);
    showAsset();
    emit shown(result.generation);
}

QStringList CalendarView::assets() const
{
    QStringList names;
    for (const AssetCalendar& asset : m_result.calendar.assets)
        names << asset.asset;
    return names;
}

QString CalendarView::currentAsset() const
{
    return m_asset->currentData().toString();
}

void CalendarView::selectAsset(const QString& asset)
{
    const int index = m_asset->findData(asset);
    if (index >= 0) {
        m_asset->setCurrentIndex(index);
        showAsset();
    }
}

QDate CalendarView::dayAt(int row, int column) const
{
    if (column < 0 || column >= kWeekColumn || row < 0 || row >= kRows)
        return QDate();
    const QDate firstMonday = m_month.addDays(1 - m_month.dayOfWeek());
    const QDate day = firstMonday.addDays(row * 7 + column);
    return day.month() == m_month.month() ? day : QDate();
}

void CalendarView::showAsset()
{
    const QString asset = currentAsset();
    AssetCalendar shown;
    for (const AssetCalendar& a : m_result.calendar.assets) {
        if (a.asset == asset)
            shown = a;
    }
    QMap<QDate, ReportFigures> days;
    for (const CalendarDay& day : shown.days)
        days.insert(day.date, day.figures);
    QMap<QDate, ReportFigures> weeks;
    for (const CalendarWeek& week : shown.weeks)
        weeks.insert(week.monday, week.figures);
    const QDate firstMonday = m_month.addDays(1 - m_month.dayOfWeek());
    for (int row = 0; row < kRows; ++row) {
        const QDate monday = firstMonday.addDays(row * 7);
        for (int column = 0; column < kWeekColumn; ++column) {
            const QDate day = monday.addDays(column);
            auto* item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignTop | Qt::AlignLeft);
            if (day.month() != m_month.month()) {
                item->setFlags(Qt::NoItemFlags);
                item->setBackground(QColor(0xfa, 0xfa, 0xfa));
            } else if (days.contains(day)) {
                const ReportFigures& f = days.value(day);
                item->setText(QStringLiteral("%1\n%2\n%3")
                                  .arg(QString::number(day.day()), signedMoney(f.netPnl, asset),
                                       countAndRate(f)));
                item->setBackground(background(f.netPnl));
                item->setForeground(foreground(f.netPnl));
            } else {
                item->setText(QString::number(day.day()));
            }
            if (day.month() == m_month.month() && m_result.notes.contains(day))
                item->setText(item->text() + tr("\n✎ note"));
            m_grid->setItem(row, column, item);
        }
        auto* week = new QTableWidgetItem;
        week->setTextAlignment(Qt::AlignTop | Qt::AlignLeft);
        week->setFlags(Qt::ItemIsEnabled);
        const bool inMonth = monday.addDays(6) >= m_month && monday < m_month.addMonths(1);
        if (inMonth && weeks.contains(monday)) {
            const ReportFigures& f = weeks.value(monday);
            week->setText(tr("Week\n%1\n%2").arg(signedMoney(f.netPnl, asset), countAndRate(f)));
            week->setForeground(foreground(f.netPnl));
            week->setBackground(QColor(0xee, 0xee, 0xf6));
        } else if (inMonth) {
            week->setText(tr("Week\nno trades"));
        }
        m_grid->setItem(row, kWeekColumn, week);
        // A month spans 4 to 6 weeks: rows past its end stay empty and short.
        m_grid->setRowHidden(row, monday >= m_month.addMonths(1));
    }
    const QString monthName = monthText(m_month);
    if (shown.month.trades == 0) {
        m_total->setText(
            tr("No trades closed in %1 (%2).").arg(monthName, QString::fromUtf8(m_zone.id())));
    } else {
        const ReportFigures& f = shown.month;
        m_total->setText(tr("%1: net %2 · %3 · fees %4 · funding %5 (days in %6)")
                             .arg(monthName, signedMoney(f.netPnl, asset), countAndRate(f),
                                  moneyText(f.fees, asset), signedMoney(f.funding, asset),
                                  QString::fromUtf8(m_zone.id())));
        m_total->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600; color: %1;")
                                   .arg(foreground(f.netPnl).name()));
    }
    showDay();
}

void CalendarView::selectDay(const QDate& day)
{
    m_selected = day;
    showDay();
}

void CalendarView::showDay()
{
    const bool any = m_selected.isValid() && m_selected.month() == m_month.month() &&
                     m_selected.year() == m_month.year();
    m_note->setEnabled(any);
    m_saveNote->setEnabled(any);
    m_showTrades->setEnabled(any);
    if (!any) {
        m_dayTitle->setText(tr("Click a day for its figures and its note."));
        m_dayFigures->clear();
        m_note->clear();
        return;
    }
    m_dayTitle->setText(weekdayDateText(m_selected, QLocale::LongFormat));
    const QString asset = currentAsset();
    QString figures = tr("No trades closed this day.");
    for (const AssetCalendar& a : m_result.calendar.assets) {
        if (a.asset != asset)
            continue;
        for (const CalendarDay& day : a.days) {
            if (day.date != m_selected)
                continue;
            const ReportFigures& f = day.figures;
            figures = tr("Net %1 · %2\nFees %3 · funding %4")
                          .arg(signedMoney(f.netPnl, asset), countAndRate(f),
                               moneyText(f.fees, asset), signedMoney(f.funding, asset));
        }
    }
    m_dayFigures->setText(figures);
    m_note->setPlainText(m_result.notes.value(m_selected));
}

void CalendarView::chooseSelectedDay()
{
    if (!m_selected.isValid())
        return;
    const QTimeZone zone = m_zone.isValid() ? m_zone : QTimeZone::utc();
    const qint64 from = QDateTime(m_selected, QTime(0, 0), zone).toMSecsSinceEpoch();
    const qint64 to = QDateTime(m_selected.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch() - 1;
    emit dayChosen(m_selected, from, to);
}

QString CalendarView::dayText(const QDate& day) const
{
    const QDate firstMonday = m_month.addDays(1 - m_month.dayOfWeek());
    const qint64 offset = firstMonday.daysTo(day);
    if (day.month() != m_month.month() || offset < 0)
        return QString();
    const QTableWidgetItem* item = m_grid->item(int(offset / 7), int(offset % 7));
    return item ? item->text() : QString();
}

QString CalendarView::weekText(int row) const
{
    const QTableWidgetItem* item = m_grid->item(row, kWeekColumn);
    return item ? item->text() : QString();
}

QString CalendarView::monthTotalText() const
{
    return m_total->text();
}

QString CalendarView::noteText() const
{
    return m_note->toPlainText();
}

void CalendarView::setNoteText(const QString& text)
{
    m_note->setPlainText(text);
}

void CalendarView::saveNote()
{
    if (!m_selected.isValid())
        return;
    m_writes.write(this, [this, day = m_selected, text = m_note->toPlainText(),
                          at = QDateTime::currentMSecsSinceEpoch()](journal::Database& db) {
        try {
            journal::saveDayNote(db, day, text, at);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not save the daily note:" << e.message();
            return;
        }
        emit dayNoteSaved(day);
        if (text.trimmed().isEmpty())
            m_result.notes.remove(day);
        else
            m_result.notes.insert(day, text);
        const QDate keep = m_selected;
        showAsset();
        m_selected = keep;
        showDay();
    });
}

} // namespace fb::ui
