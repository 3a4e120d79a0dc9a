#include "ui/sync_panel.h"

#include "ui/models/money_format.h"
#include "ui/retranslate.h"
#include "ui/run_messages.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace fb::ui {

namespace {
constexpr int kNoticeMs = 6000;

// Message lines wrap inside the window and never ask it to grow (a 500-character error once
// widened it to 1926 px).
void wrapWithoutWidening(QLabel* label)
{
    label->setWordWrap(true);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setMinimumWidth(120);
}
} // namespace

SyncPanel::SyncPanel(const QString& account, int defaultRangeDays, QWidget* parent)
    : QWidget(parent)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    m_account = new QLabel(this);
    setAccount(account);
    m_range = new QComboBox(this);
    // Binance keeps 90 days of fills and income: "everything" is the retention window (0).
    for (int days : {7, 30, 90, 0})
        m_range->addItem(QString(), days);
    setDefaultRange(defaultRangeDays);
    m_sync = new QPushButton(this);
    m_sync->setDefault(true);
    m_stop = new QPushButton(this);
    m_stop->setEnabled(false);
    m_accountBox = new QComboBox(this);
    m_accountBox->setObjectName(QStringLiteral("syncAccount"));
    m_accountBox->hide();
    m_syncAll = new QPushButton(this);
    m_syncAll->hide();
    controls->addWidget(m_account);
    controls->addWidget(m_accountBox);
    controls->addSpacing(12);
    controls->addWidget(m_range);
    controls->addWidget(m_sync);
    controls->addWidget(m_syncAll);
    controls->addWidget(m_stop);
    controls->addStretch(1);

    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setTextVisible(false);
    m_phase = new QLabel(this);
    wrapWithoutWidening(m_phase);
    m_eta = new QLabel(this);
    m_eta->hide();
    m_counters = new QLabel(this);
    m_counters->setStyleSheet(QStringLiteral("color: palette(mid);"));
    wrapWithoutWidening(m_counters);
    m_notice = new QLabel(this);
    m_notice->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_notice->hide();
    wrapWithoutWidening(m_notice);
    m_waitLabel = new QLabel(this);
    m_waitLabel->setObjectName(QStringLiteral("waitLabel"));
    m_waitLabel->setStyleSheet(QStringLiteral("color: #8a5a00; font-weight: bold;"));
    m_waitLabel->hide();
    wrapWithoutWidening(m_waitLabel);
    m_waitTimer = new QTimer(this);
    m_waitTimer->setInterval(250);
    connect(m_waitTimer, &QTimer::timeout, this, &SyncPanel::refreshWait);
    m_clock = new QLabel(this);
    wrapWithoutWidening(m_clock);
    m_clock->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_clock->hide();
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::hide);

    grid->addLayout(controls, 0, 0, 1, 3);
    grid->addWidget(m_bar, 1, 0, 1, 3);
    grid->addWidget(m_phase, 2, 0);
    grid->addWidget(m_eta, 2, 1, Qt::AlignRight);
    grid->addWidget(m_counters, 3, 0, 1, 3);
    grid->addWidget(m_waitLabel, 4, 0, 1, 3);
    grid->addWidget(m_notice, 5, 0, 1, 3);
    grid->addWidget(m_clock, 6, 0, 1, 3);
    grid->setColumnStretch(0, 1);

    connect(m_sync, &QPushButton::clicked, this, &SyncPanel::syncRequested);
    connect(m_syncAll, &QPushButton::clicked, this, &SyncPanel::syncAllRequested);
    connect(m_accountBox, &QComboBox::activated, this,
            [this](int index) { emit accountChosen(m_accountBox->itemText(index)); });
    connect(m_stop, &QPushButton::clicked, this, &SyncPanel::stopRequested);
    m_phase->setText(tr("Idle"));
    retranslateOnLanguageChange(this, [this] {
        m_range->setItemText(0, tr("Last 7 days"));
        m_range->setItemText(1, tr("Last 30 days"));
        m_range->setItemText(2, tr("Last 90 days"));
        m_range->setItemText(3, tr("Everything available"));
        m_sync->setText(tr("Sync now"));
        m_syncAll->setText(tr("Sync all accounts"));
        m_syncAll->setToolTip(tr("Sync every account of Settings, one after the other; an "
                                 "account that fails does not stop the others."));
        m_accountBox->setToolTip(tr("The account Sync now syncs"));
        m_stop->setText(tr("Stop"));
        m_stop->setToolTip(tr("Pause at the next batch boundary; Resume continues from there."));
        setAccount(m_accountName);
        // The progress, the finished run or the stopped one, in the new language (a copy: the
        // call replaces m_redraw).
        if (const auto redraw = m_redraw)
            redraw();
        else
            m_phase->setText(tr("Idle"));
    });
}

void SyncPanel::setAccount(const QString& account)
{
    m_accountName = account;
    if (m_accountBox && m_accountBox->isVisibleTo(this)) {
        m_account->setText(tr("Account:"));
        const QSignalBlocker blocker(m_accountBox);
        m_accountBox->setCurrentIndex(std::max(0, m_accountBox->findText(account)));
        return;
    }
    m_account->setText(tr("Account: <b>%1</b>").arg(account.toHtmlEscaped()));
}

void SyncPanel::setAccounts(const QStringList& accounts, const QString& selected)
{
    {
        const QSignalBlocker blocker(m_accountBox);
        m_accountBox->clear();
        m_accountBox->addItems(accounts);
    }
    const bool several = accounts.size() > 1;
    m_accountBox->setVisible(several);
    m_syncAll->setVisible(several);
    // One account: its name as before; several: the label introduces the choice.
    setAccount(selected);
}

void SyncPanel::setDefaultRange(int days)
{
    const int index = m_range->findData(days);
    m_range->setCurrentIndex(index >= 0 ? index : 3);
}

int SyncPanel::rangeDays() const
{
    return m_range->currentData().toInt();
}

QString SyncPanel::rangeLabel() const
{
    const int days = rangeDays();
    return days == 0 ? QStringLiteral("everything available") : QStringLiteral("%1 days").arg(days);
}

void SyncPanel::setBusy(bool busy)
{
    m_sync->setEnabled(!busy);
    m_syncAll->setEnabled(!busy);
    m_accountBox->setEnabled(!busy);
    m_range->setEnabled(!busy);
    m_stop->setEnabled(busy);
    if (busy)
        clearNotice(); // the last run's notices are about that run
}

int SyncPanel::progressValue() const
{
    return m_bar->value();
}

QString SyncPanel::phaseText() const
{
    return m_phase->text();
}

void SyncPanel::showIncompleteRun(const QString& runId, qint64 doneUnits, qint64 plannedUnits)
{
    if (runId.isEmpty()) {
        if (m_showsIncomplete) {
            m_redraw = nullptr; // "Idle" again
            m_showsIncomplete = false;
            m_runId.clear();
            m_bar->setValue(0);
            m_phase->setText(tr("Idle"));
        }
        return;
    }
    m_showsIncomplete = true;
    m_runId = runId;
    m_redraw = [this, runId, doneUnits, plannedUnits] {
        showIncompleteRun(runId, doneUnits, plannedUnits);
    };
    const qint64 permille =
        plannedUnits > 0 ? std::min<qint64>(1000, doneUnits * 1000 / plannedUnits) : 0;
    m_bar->setValue(static_cast<int>(permille));
    m_eta->hide();
    m_phase->setText(plannedUnits > 0
                         ? tr("Stopped at %1 % — click Resume above to continue from there")
                               .arg(countText(permille / 10))
                         : tr("Stopped before it was planned — click Resume above to continue"));
}

void SyncPanel::showProgress(const sync::ProgressSnapshot& snapshot)
{
    m_showsIncomplete = false;
    m_redraw = [this, snapshot] { showProgress(snapshot); };
    // Within a run (a resume included) the bar only moves forward; the engine's fraction already
    // does, this keeps a late snapshot from pulling it back.
    const int value = int(snapshot.fraction() * 1000);
    if (snapshot.runId != m_runId || snapshot.runId.isEmpty()) {
        m_runId = snapshot.runId;
        m_bar->setValue(value);
    } else {
        m_bar->setValue(std::max(m_bar->value(), value));
    }
    m_phase->setText(RunMessages::phase(snapshot));
    // "about 0 s left" on a full bar says nothing: the ETA shows while there is time to tell.
    const bool etaWorthShowing =
        snapshot.etaMs && *snapshot.etaMs >= 1000 && m_bar->value() < m_bar->maximum();
    m_eta->setVisible(etaWorthShowing);
    if (etaWorthShowing)
        m_eta->setText(tr("about %1 left").arg(durationText(*snapshot.etaMs)));
    m_counters->setText(tr("%1 records inserted · %2 duplicates skipped · %3 failed symbols · "
                           "%4 retries")
                            .arg(countText(snapshot.recordsInserted),
                                 countText(snapshot.duplicatesSkipped),
                                 countText(snapshot.failedSymbols), countText(snapshot.retries)));
    // The sync is right either way (it works in exchange time); the person's clock is not, and a
    // dual-boot hardware clock holding local time is the usual cause.
    if (snapshot.clockOffsetMs) {
        const qint64 offset = *snapshot.clockOffsetMs; // exchange minus ours: > 0, ours is behind
        m_clock->setText(
            tr("This computer's clock is %1 %2 the exchange's. Fillbook uses the exchange's time, "
               "but set the clock right (a dual-boot computer may keep local time in its "
               "hardware clock).")
                .arg(durationText(offset < 0 ? -offset : offset),
                     offset < 0 ? tr("ahead of") : tr("behind")));
        m_clock->setVisible(sync::clockIsOff(snapshot.clockOffsetMs));
    }
}

void SyncPanel::showFinished(const sync::RunSummary& summary)
{
    m_redraw = [this, summary] { showFinished(summary); };
    m_eta->hide();
    showWait(sync::WaitNotice{}); // nothing waits any more
    clearNotice();                // "Stopping after the current batch…" is over
    if (summary.status == sync::RunStatus::Completed ||
        summary.status == sync::RunStatus::CompletedWithErrors)
        m_bar->setValue(m_bar->maximum());
    m_phase->setText(RunMessages::finished(summary));
    m_counters->setText(tr("%1 records inserted · %2 duplicates skipped · %3 failed symbols · "
                           "%4 retries · took %5")
                            .arg(countText(summary.recordsInserted),
                                 countText(summary.duplicatesSkipped),
                                 countText(summary.symbolsFailed()), countText(summary.retries),
                                 durationText(summary.durationMs)));
}

void SyncPanel::showNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->show();
    m_noticeTimer->start(kNoticeMs);
}

void SyncPanel::showLastingNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->show();
    m_noticeTimer->stop();
}

void SyncPanel::clearNotice()
{
    m_noticeTimer->stop();
    m_notice->clear();
    m_notice->hide();
}

void SyncPanel::showWait(const sync::WaitNotice& notice)
{
    m_wait = notice;
    refreshWait();
}

void SyncPanel::refreshWait()
{
    const qint64 now = m_now ? m_now() : QDateTime::currentMSecsSinceEpoch();
    const QString text = RunMessages::wait(m_wait, now);
    m_waitLabel->setText(text);
    m_waitLabel->setVisible(!text.isEmpty());
    // Ticks while a wait is in force or may become worth saying (a slow answer at 2 s).
    const bool ticking = m_wait.kind != sync::WaitNotice::Kind::None &&
                         (m_wait.untilMs == 0 || m_wait.untilMs > now);
    if (ticking && !m_waitTimer->isActive())
        m_waitTimer->start();
    else if (!ticking)
        m_waitTimer->stop();
}

} // namespace fb::ui
