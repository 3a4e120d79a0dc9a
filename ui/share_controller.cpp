#include "ui/share_controller.h"

#include "ui/app_context.h"
#include "ui/engine_text.h"
#include "ui/models/money_format.h"
#include "ui/retranslate.h"
#include "ui/secret_store.h"

#include "sync/journal/database.h"
#include "sync/share/desk_url.h"
#include "sync/share/replicator.h"

#include <QLabel>
#include <QPointer>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <QToolButton>

namespace fb::ui {

namespace {

// A status bar is one line: a long refusal is shortened there and shown whole in the tooltip.
constexpr qsizetype kShownMessageChars = 160;

QString shortened(const QString& text)
{
    return text.size() <= kShownMessageChars ? text
                                             : text.left(kShownMessageChars - 1) + QChar(0x2026);
}

} // namespace

ShareController::ShareController(QString journalPath, journal::Database& readDb,
                                 SecretStore& secrets, QStatusBar* bar, QObject* parent)
    : QObject(parent)
    , m_journalPath(std::move(journalPath))
    , m_readDb(readDb)
    , m_secrets(secrets)
{
    // Offline retries: 2 s doubling to 5 min, ±30 % (the client's policy, slower: a desk server
    // that is down for a while is not asked every minute by every device at once).
    m_retry.initialDelayMs = 2'000;
    m_retry.maxDelayMs = 5 * 60'000;
    m_label = new QLabel(bar);
    m_retryButton = new QToolButton(bar);
    m_retryButton->setAutoRaise(true);
    m_retryButton->setVisible(false);
    bar->addPermanentWidget(m_label);
    bar->addPermanentWidget(m_retryButton);
    connect(m_retryButton, &QToolButton::clicked, this, &ShareController::retryHeld);
    m_countdown = new QTimer(this);
    m_countdown->setInterval(1'000);
    connect(m_countdown, &QTimer::timeout, this, &ShareController::show);
    retranslateOnLanguageChange(m_label, [this] { show(); });
}

ShareController::~ShareController()
{
    shutdown();
}

qint64 ShareController::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void ShareController::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    show();
}

void ShareController::setTimings(qint64 pollIntervalMs, binance::RetryPolicy retry)
{
    m_pollIntervalMs = pollIntervalMs;
    m_retry = retry;
}

void ShareController::startFromJournal()
{
    ShareSettings settings;
    try {
        settings = ShareSettings::load(m_readDb);
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read the share settings:" << e.message();
    }
    apply(settings, QString());
}

void ShareController::apply(const ShareSettings& settings, const QString& password,
                            std::function<void(const QString&)> stored)
{
    const quint64 generation = ++m_generation;
    if (!settings.enabled || settings.url.isEmpty()) {
        start(settings, QString());
        return;
    }
    const QPointer<ShareController> self(this);
    if (!password.isEmpty()) {
        const share::DeskUrl parsed = share::parseDeskUrl(settings.url, QString());
        const QString user = parsed.endpoint ? parsed.endpoint->user : QString();
        // The password first (SecretStore's first field, kept as typed), then the role it is for.
        m_secrets.write(
            settings.secretName(), Credentials{password.toUtf8(), user.toUtf8()},
            [self, settings, password, stored, generation](bool ok, const QString& warning) {
                if (!self)
                    return;
                self->m_warning = ok ? warning : QString();
                if (stored)
                    stored(warning);
                if (generation == self->m_generation)
                    self->start(settings, password);
            });
        return;
    }
    m_secrets.read(settings.secretName(),
                   [self, settings, generation](const StoredCredentials& found) {
                       if (!self || generation != self->m_generation)
                           return;
                       self->m_warning = found.warning;
                       self->start(settings, QString::fromUtf8(found.credentials.apiKey));
                   });
}

void ShareController::start(const ShareSettings& settings, const QString& password)
{
    stopWorker();
    m_settings = settings;
    m_held = 0;
    m_pending = 0;
    m_retryAtMs = 0;
    m_message.clear();
    m_state = share::ShareState::Idle;
    m_connecting = false;
    if (!settings.enabled || settings.url.isEmpty()) {
        show();
        return;
    }
    const share::DeskUrl parsed = share::parseDeskUrl(settings.url, password);
    if (!parsed.endpoint || password.isEmpty()) {
        m_state = share::ShareState::Failed;
        m_message = parsed.endpoint
                        ? tr("no desk password is stored; enter it in Settings → Share.")
                        : EngineText::translate(parsed.error);
        show();
        return;
    }
    share::ShareConfig config;
    config.journalPath = m_journalPath;
    config.endpoint = *parsed.endpoint;
    config.retry = m_retry;
    config.pollIntervalMs = m_pollIntervalMs;
    config.holdRefused = true;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("fillbook-share"));
    m_worker = new share::ReplicatorWorker(config, binance::systemRandom());
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &share::ReplicatorWorker::stateChanged, this, &ShareController::onState);
    connect(m_worker, &share::ReplicatorWorker::cycleFinished, this, &ShareController::onCycle);
    connect(m_worker, &share::ReplicatorWorker::retryScheduled, this, &ShareController::onRetry);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, &share::ReplicatorWorker::start, Qt::QueuedConnection);
    m_connecting = true; // until the worker's first state
    show();
}

void ShareController::stopWorker()
{
    if (!m_worker)
        return;
    // Not waited for: the cycle in progress ends on its thread, then the thread goes.
    disconnect(m_worker, nullptr, this, nullptr);
    QMetaObject::invokeMethod(m_worker, &share::ReplicatorWorker::stop, Qt::QueuedConnection);
    m_thread->quit();
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_worker = nullptr;
    m_thread = nullptr;
    m_countdown->stop();
}

void ShareController::shutdown()
{
    ++m_generation; // a password read still on its way starts nothing
    stopWorker();
    // Quit waits for every sharing thread (the one just stopped and any earlier one).
    for (QThread* thread : findChildren<QThread*>(Qt::FindDirectChildrenOnly)) {
        thread->quit();
        thread->wait();
    }
}

void ShareController::kick()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &share::ReplicatorWorker::kick, Qt::QueuedConnection);
}

void ShareController::retryHeld()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &share::ReplicatorWorker::retryHeld,
                                  Qt::QueuedConnection);
}

void ShareController::onState(share::ShareState state, qint64 pending, const QString& message)
{
    m_connecting = false;
    m_state = state;
    m_pending = pending;
    m_message = message;
    if (state != share::ShareState::Offline) {
        m_retryAtMs = 0;
        m_countdown->stop();
    }
    show();
}

void ShareController::onCycle(const share::CycleReport& report)
{
    m_held = report.held;
    m_pending = report.pending;
    if (report.pull.notes > 0 || report.pull.attachmentsApplied > 0)
        emit pulled(report.pull.tradeKeys, report.pull.dayNotes);
    show();
}

void ShareController::onRetry(int /*attempt*/, qint64 delayMs)
{
    m_retryAtMs = now() + delayMs;
    m_countdown->start();
    show();
}

QString ShareController::text() const
{
    return m_label->text();
}

void ShareController::show()
{
    using share::ShareState;
    QString state;
    QString whole; // the message in full, for the tooltip
    if (!m_settings.enabled || m_settings.url.isEmpty()) {
        state = tr("Sharing off");
    } else if (m_connecting) {
        state = tr("Sharing: connecting…");
    } else {
        switch (m_state) {
        case ShareState::Idle:
            state = tr("Sharing: idle");
            break;
        case ShareState::Pushing:
            state = tr("Sharing: pushing");
            break;
        case ShareState::Pulling:
            state = tr("Sharing: pulling");
            break;
        case ShareState::Offline: {
            const qint64 left = m_retryAtMs > 0 ? (m_retryAtMs - now() + 999) / 1000 : 0;
            state = left > 0 ? tr("Sharing: offline — retry in %1 s").arg(left)
                             : tr("Sharing: offline");
            whole = EngineText::translate(m_message);
            break;
        }
        case ShareState::Failed:
            whole = EngineText::translate(m_message);
            state = m_held > 0 ? tr("Sharing: %Ln change(s) refused: %1", nullptr, int(m_held))
                                     .arg(shortened(whole))
                               : tr("Sharing failed: %1").arg(shortened(whole));
            break;
        }
        if (m_pending > 0)
            state += QStringLiteral(" · ") + tr("%Ln pending", nullptr, int(m_pending));
    }
    m_label->setText(state);
    m_retryButton->setText(tr("Retry"));
    m_retryButton->setToolTip(tr("Push the refused changes again"));
    m_retryButton->setVisible(m_worker && m_held > 0);

    QStringList tip;
    if (m_settings.enabled && !m_settings.url.isEmpty()) {
        tip << tr("Desk: %1").arg(m_settings.url);
        try {
            const share::ShareStatus status = share::shareStatus(m_readDb);
            const auto when = [this](qint64 ms) {
                return ms > 0 ? dateTimeText(QDateTime::fromMSecsSinceEpoch(ms, m_zone))
                              : tr("never");
            };
            tip << tr("Last push: %1").arg(when(status.lastPushAt))
                << tr("Last pull: %1").arg(when(status.lastPullAt));
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not read the sharing state:" << e.message();
        }
        if (!whole.isEmpty())
            tip << whole;
        if (!m_warning.isEmpty())
            tip << ShareSettingsPage::fileWarning(
                SecretStore::fallbackPath(m_settings.secretName()));
    }
    m_label->setToolTip(tip.join(QLatin1Char('\n')));
    emit stateShown(state);
}

} // namespace fb::ui
