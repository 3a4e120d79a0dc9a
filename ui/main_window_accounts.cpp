// Part of MainWindow: several accounts in one journal (issue 14). Sync now syncs the selected
// account (the panel's choice); "Sync all accounts" syncs every account of Settings in turn, each
// with its own endpoint and key, and an account that fails (a wrong key, no key) fails alone.
// A run is resumed with its own account's endpoint and key, whichever account is selected.

#include "ui/main_window.h"

#include "ui/app_settings.h"
#include "ui/resume_banner.h"
#include "ui/run_messages.h"
#include "ui/secret_store.h"
#include "ui/sync_panel.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/run_store.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace fb::ui {

namespace {
constexpr qint64 kDayMs = 86'400'000;
constexpr int kRetentionDays = 90;
} // namespace

void MainWindow::engineConfigFor(const QString& account,
                                 std::function<void(sync::EngineConfig)> done)
{
    if (m_context.demo || account == m_context.account()) {
        done(m_context.engine); // its keys may come from the environment
        return;
    }
    sync::EngineConfig config = m_context.engine;
    const std::optional<AccountSettings> listed = m_context.settings.findAccount(account);
    AppSettings settings = m_context.settings.forAccount(listed.value_or(
        AccountSettings{account, m_context.settings.endpoint, m_context.settings.customBaseUrl}));
    settings.applyTo(config, false);
    config.client.apiKey.clear();
    config.client.apiSecret.clear();
    const QPointer<MainWindow> self(this);
    credentialsFor(account, [self, config, done](const QByteArray& key, const QByteArray& secret) {
        if (!self)
            return;
        sync::EngineConfig keyed = config;
        keyed.client.apiKey = key;
        keyed.client.apiSecret = secret;
        done(keyed);
    });
}

void MainWindow::credentialsFor(const QString& account,
                                std::function<void(const QByteArray&, const QByteArray&)> done)
{
    // The environment's key belongs to the account it was given for (D149): it
    // stays usable for that account whichever account was selected in between.
    if (const auto fromEnvironment = m_context.environmentKeyFor(account)) {
        done(fromEnvironment->apiKey, fromEnvironment->apiSecret);
        return;
    }
    if (m_credentials) {
        m_credentials(account, std::move(done));
        return;
    }
    m_secrets->read(account, [done = std::move(done)](const StoredCredentials& stored) {
        done(stored.credentials.apiKey, stored.credentials.apiSecret);
    });
}

void MainWindow::startSyncAll()
{
    if (isSyncing() || m_syncAll.active)
        return;
    QStringList names;
    for (const AccountSettings& account : m_context.settings.accountList())
        names << account.name;
    if (m_context.demo || names.size() <= 1) {
        startSync();
        return;
    }
    m_syncAll = SyncAll{};
    m_syncAll.active = true;
    m_syncAll.queue = names;
    m_panel->setBusy(true);
    syncNextAccount();
}

void MainWindow::syncNextAccount()
{
    if (m_syncAll.queue.isEmpty()) {
        const SyncAll finished = m_syncAll;
        m_syncAll = SyncAll{};
        m_panel->setBusy(false);
        const qsizetype total = finished.done.size() + finished.failedNames.size();
        const QString text = finished.failed.isEmpty()
                                 ? tr("All %n accounts synced.", nullptr, int(total))
                                 : tr("%1 of %2 accounts synced; failed: %3")
                                       .arg(finished.done.size())
                                       .arg(total)
                                       .arg(finished.failed.join(QStringLiteral("; ")));
        m_panel->showLastingNotice(text);
        setState(finished.failed.isEmpty() ? tr("Idle") : tr("Failed"));
        refreshBanner();
        refreshStatus();
        emit syncAllFinished(finished.failedNames, text);
        return;
    }
    const QString account = m_syncAll.queue.takeFirst();
    m_syncAll.current = account;
    m_panel->setBusy(true);
    setState(tr("Syncing %1").arg(account));
    const QPointer<MainWindow> self(this);
    engineConfigFor(account, [self, account](sync::EngineConfig config) {
        if (!self)
            return;
        if (self->m_context.demo == false &&
            (config.client.apiKey.isEmpty() || config.client.apiSecret.isEmpty())) {
            // Nothing to try with: no run is started (and none is left behind).
            self->m_syncAll.failed << tr("%1: no API key is stored for this account").arg(account);
            self->m_syncAll.failedNames << account;
            QTimer::singleShot(0, self, [self] {
                if (self)
                    self->syncNextAccount();
            });
            return;
        }
        sync::RunParams params;
        params.account = account;
        params.rangeToMs = QDateTime::currentMSecsSinceEpoch();
        const int days =
            self->m_panel->rangeDays() > 0 ? self->m_panel->rangeDays() : kRetentionDays;
        params.rangeFromMs = params.rangeToMs - qint64(days) * kDayMs;
        params.rangeLabel = self->m_panel->rangeLabel();
        params.rangeEndsNow = true;
        params.rangeStartsRelative = true;
        params.batchSize = self->m_context.settings.batchSize;
        self->m_worker->startRun(config, params);
    });
}

void MainWindow::accountRunFinished(const sync::RunSummary& summary)
{
    const QString account = m_syncAll.current;
    m_syncAll.current.clear();
    switch (summary.status) {
    case sync::RunStatus::Completed:
    case sync::RunStatus::CompletedWithErrors:
        m_syncAll.done << account;
        break;
    default:
        m_syncAll.failed << tr("%1: %2").arg(account, RunMessages::finished(summary));
        m_syncAll.failedNames << account;
        break;
    }
    // A stopped run (Stop, the network gone) stops the round: the rest waits for the user.
    if (summary.status == sync::RunStatus::Paused || summary.status == sync::RunStatus::Interrupted)
        m_syncAll.queue.clear();
    QTimer::singleShot(0, this, [self = QPointer<MainWindow>(this)] {
        if (self)
            self->syncNextAccount();
    });
}

void MainWindow::selectAccount(const QString& account)
{
    if (isSyncing() || account.isEmpty() || account == m_context.account())
        return;
    AppSettings settings = m_context.settings;
    settings.selectAccount(account);
    if (settings.account != account)
        return; // not one of the list
    if (!m_context.demo)
        settings.save();
    applySettings(settings);
    useKeysOf(account);
}

void MainWindow::useKeysOf(const QString& account)
{
    // Its key: the environment's when it was given for this account, else the one stored for
    // it; never another account's.
    m_context.engine.client.apiKey.clear();
    m_context.engine.client.apiSecret.clear();
    const QPointer<MainWindow> self(this);
    credentialsFor(account, [self, account](const QByteArray& key, const QByteArray& secret) {
        if (!self || self->m_context.account() != account)
            return;
        self->m_context.engine.client.apiKey = key;
        self->m_context.engine.client.apiSecret = secret;
        self->updateNoKeyHint();
    });
}

void MainWindow::refreshAccounts()
{
    QStringList names;
    for (const AccountSettings& account : m_context.settings.accountList())
        names << account.name;
    if (m_context.demo)
        names = QStringList{m_context.account()};
    m_panel->setAccounts(names, m_context.account());
}

std::optional<journal::RunRecord> MainWindow::otherAccountsResumableRun() const
{
    if (m_context.demo)
        return std::nullopt;
    for (const AccountSettings& account : m_context.settings.accountList()) {
        if (account.name == m_context.account())
            continue;
        const auto latest = journal::RunStore(*m_readDb).latestRun(account.name);
        if (latest && journal::isResumable(latest->status))
            return latest;
    }
    return std::nullopt;
}

} // namespace fb::ui
