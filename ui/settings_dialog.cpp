#include "ui/settings_dialog.h"

#include "ui/accounts_page.h"
#include "ui/engine_text.h"
#include "ui/language.h"
#include "ui/models/money_format.h"
#include "ui/money_text.h"
#include "ui/secret_store.h"

#include "sync/binance/binance_client.h"
#include "sync/engine/engine_config.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

namespace {

const QString kWarningStyle = QStringLiteral(
    "QLabel { background: #fff3e0; color: #8a3c00; border: 1px solid #ffb74d; padding: 6px; }");

// The exchange's permission names, in words a trader recognises.
QString permissionWords(const QString& name)
{
    static const QHash<QString, const char*> words{
        {QStringLiteral("enableWithdrawals"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "withdraw")},
        {QStringLiteral("enableInternalTransfer"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "transfer internally")},
        {QStringLiteral("permitsUniversalTransfer"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "make universal transfers")},
        {QStringLiteral("enableFutures"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "trade futures")},
        {QStringLiteral("enableSpotAndMarginTrading"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "trade spot and margin")},
        {QStringLiteral("enableMargin"), QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "use margin")},
        {QStringLiteral("enableVanillaOptions"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "trade options")},
        {QStringLiteral("enablePortfolioMarginTrading"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "trade portfolio margin")},
        {QStringLiteral("enableFixApiTrade"),
         QT_TRANSLATE_NOOP("fb::ui::SettingsDialog", "trade over FIX")},
    };
    const char* text = words.value(name);
    return text ? SettingsDialog::tr(text) : name;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings& s, SecretStore& secrets, QWidget* parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_original(s)
{
    setWindowTitle(tr("Settings"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    // One tab per section: one under the other, with Settings → Share, the dialog was 1,063 px
    // tall and its Save button off a 1440×900 screen.
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);
    buildAccountBox(s);
    buildSyncBox(s);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::saveAndAccept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showStorage();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::buildAccountBox(const AppSettings& s)
{
    auto* box = new QGroupBox(tr("Account"), this);
    auto* form = new QFormLayout(box);
    m_account = new QLineEdit(s.account, box);
    m_endpoint = new QComboBox(box);
    m_endpoint->addItem(tr("Binance (production)"), QStringLiteral("production"));
    m_endpoint->addItem(tr("Binance testnet"), QStringLiteral("testnet"));
    m_endpoint->addItem(tr("Custom base URL"), QStringLiteral("custom"));
    m_endpoint->setCurrentIndex(std::max(0, m_endpoint->findData(s.endpoint)));
    m_customUrl = new QLineEdit(s.customBaseUrl.toString(), box);
    m_customUrl->setPlaceholderText(QStringLiteral("https://…"));
    m_apiKey = new QLineEdit(box);
    m_apiSecret = new QLineEdit(box);
    m_apiSecret->setEchoMode(QLineEdit::Password);
    // Messages take the dialog's whole width and wrap; a path is selectable in its own field.
    m_storage = new QLabel(box);
    m_storage->setWordWrap(true);
    m_storage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyFile = new QLineEdit(box);
    m_keyFile->setReadOnly(true);
    m_keyFile->setVisible(false);
    m_test = new QPushButton(tr("Test connection"), box);
    m_result = new QLabel(box);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The list of accounts (issue 14) drives the fields below.
    m_accounts =
        new AccountsPage(s, {m_account, m_endpoint, m_customUrl, m_apiKey, m_apiSecret}, box);
    form->addRow(tr("Accounts"), m_accounts);
    form->addRow(tr("Name"), m_account);
    form->addRow(tr("Exchange"), m_endpoint);
    form->addRow(tr("Base URL"), m_customUrl);
    form->addRow(tr("API key"), m_apiKey);
    form->addRow(tr("API secret"), m_apiSecret);
    form->addRow(m_storage);
    form->addRow(m_keyFile);
    form->addRow(m_test);
    form->addRow(m_result);
    addSection(box);

    const auto updateUrl = [this] {
        m_customUrl->setEnabled(m_endpoint->currentData().toString() == QLatin1String("custom"));
    };
    updateUrl();
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, updateUrl);
    connect(m_account, &QLineEdit::editingFinished, this, &SettingsDialog::showStorage);
    connect(m_accounts, &AccountsPage::currentChanged, this, [this, updateUrl] {
        updateUrl();
        m_result->clear();
        showStorage();
    });
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
}

void SettingsDialog::buildSyncBox(const AppSettings& s)
{
    auto* box = new QGroupBox(tr("Sync and display"), this);
    auto* form = new QFormLayout(box);
    m_range = new QComboBox(box);
    for (int days : {7, 30, 90})
        m_range->addItem(tr("%1 days").arg(days), days);
    m_range->addItem(tr("Everything available"), 0);
    m_range->setCurrentIndex(std::max(0, m_range->findData(s.defaultRangeDays)));
    m_batchSize = new QSpinBox(box);
    m_batchSize->setRange(1, 20);
    m_batchSize->setValue(s.batchSize);
    m_retryAttempts = new QSpinBox(box);
    m_retryAttempts->setRange(1, 10);
    m_retryAttempts->setValue(s.retryAttempts);
    m_retryAttempts->setSuffix(tr(" attempts"));
    m_retryInitial = new QSpinBox(box);
    m_retryInitial->setRange(1, 60);
    m_retryInitial->setValue(s.retryInitialDelaySec);
    m_retryInitial->setPrefix(tr("first wait "));
    m_retryInitial->setSuffix(tr(" s"));
    m_retryMax = new QSpinBox(box);
    m_retryMax->setRange(1, 600);
    m_retryMax->setValue(s.retryMaxDelaySec);
    m_retryMax->setPrefix(tr("doubling up to "));
    m_retryMax->setSuffix(tr(" s"));
    auto* retry = new QHBoxLayout;
    retry->addWidget(m_retryAttempts);
    retry->addWidget(m_retryInitial);
    retry->addWidget(m_retryMax);
    m_autoResume = new QCheckBox(tr("Resume an incomplete sync at start"), box);
    m_autoResume->setChecked(s.autoResume);
    m_periodic = new QSpinBox(box);
    m_periodic->setRange(0, 24 * 60);
    m_periodic->setSpecialValueText(tr("off"));
    m_periodic->setSuffix(tr(" min"));
    m_periodic->setValue(s.periodicMinutes);
    // The candle cache's bound (D166, D172), in the unit the cap counts: minutes of 1-minute
    // candles over the newest trades' chart windows. The hint says what that means on disk.
    m_candleCache = new QSpinBox(box);
    m_candleCache->setRange(int(AppSettings::kMinCandleCacheMinutes),
                            int(AppSettings::kMaxCandleCacheMinutes));
    m_candleCache->setSingleStep(10'000);
    m_candleCache->setGroupSeparatorShown(true);
    m_candleCache->setSuffix(tr(" minutes"));
    m_candleCache->setValue(int(s.candleCacheMinutes));
    m_candleCacheHint = new QLabel(box);
    m_candleCacheHint->setWordWrap(true);
    const auto showCacheHint = [this](int minutes) {
        // About 70 bytes a candle in the journal, its spans and extremes included (the demo
        // journal: 17.5 MB more with the default bound's candles; docs/design.md D172).
        constexpr qint64 kBytesPerCandle = 70;
        const qint64 megabytes = std::max<qint64>(1, qint64(minutes) * kBytesPerCandle / 1'000'000);
        m_candleCacheHint->setText(
            tr("The charts of your newest trades, up to %1 days of 1-minute candles (about %2 MB). "
               "Older trades keep their MAE and MFE but show no chart.")
                .arg(countText(qint64(minutes) / (24 * 60)), countText(megabytes)));
    };
    showCacheHint(m_candleCache->value());
    connect(m_candleCache, &QSpinBox::valueChanged, this, showCacheHint);
    m_timeZone = new QComboBox(box);
    m_timeZone->addItem(tr("Local time"), QString());
    m_timeZone->addItem(QStringLiteral("UTC"), QStringLiteral("UTC"));
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    m_timeZone->setCurrentIndex(std::max(0, m_timeZone->findData(s.timeZoneId)));
    form->addRow(tr("Default range"), m_range);
    form->addRow(tr("Symbols per batch"), m_batchSize);
    form->addRow(tr("Retries"), retry);
    form->addRow(QString(), m_autoResume);
    form->addRow(tr("Sync every"), m_periodic);
    form->addRow(tr("Chart candles kept"), m_candleCache);
    form->addRow(QString(), m_candleCacheHint);
    form->addRow(tr("Display time zone"), m_timeZone);
    // Each language by its own name, as language menus do; applied when Save is clicked.
    m_language = new QComboBox(box);
    m_language->addItem(tr("System (%1)", "language that follows the system locale")
                            .arg(effectiveLanguage(Language::System) == Language::Indonesian
                                     ? QStringLiteral("Bahasa Indonesia")
                                     : QStringLiteral("English")),
                        QStringLiteral("system"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Bahasa Indonesia"), QStringLiteral("id"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(s.language)));
    form->addRow(tr("Language"), m_language);
    addSection(box);
}

void SettingsDialog::addSection(QWidget* section)
{
    // The tab is named by the section's own title (a group box's), else its window title.
    const auto* group = qobject_cast<QGroupBox*>(section);
    m_tabs->addTab(section, group ? group->title() : section->windowTitle());
}

QPushButton* SettingsDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

void SettingsDialog::setDemoAccount(const QString& account)
{
    m_demo = true;
    setWindowTitle(tr("Settings — demo"));
    m_account->setText(account);
    m_accounts->setReadOnly(true);
    for (QWidget* w : {static_cast<QWidget*>(m_account), static_cast<QWidget*>(m_endpoint),
                       static_cast<QWidget*>(m_customUrl), static_cast<QWidget*>(m_apiKey),
                       static_cast<QWidget*>(m_apiSecret), static_cast<QWidget*>(m_test)})
        w->setEnabled(false);
    m_endpoint->setItemText(m_endpoint->currentIndex(), tr("Demo exchange (built in)"));
    m_customUrl->clear();
    m_apiKey->clear();
    m_apiSecret->clear();
    m_apiKey->setPlaceholderText(tr("Demo exchange — no key needed"));
    m_apiSecret->setPlaceholderText(m_apiKey->placeholderText());
    m_keyFile->setVisible(false);
    m_storage->setStyleSheet(QString());
    m_storage->setText(tr("Demo mode: Fillbook's built-in demo exchange, with made-up trades. "
                          "Your own account's settings and key are not shown here and are not "
                          "changed; start Fillbook without --demo to edit them. The preferences "
                          "of the Sync and display tab are saved."));
    fitHeight();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.account = m_demo ? m_original.account : m_account->text().trimmed();
    s.endpoint = m_demo ? m_original.endpoint : m_endpoint->currentData().toString();
    s.customBaseUrl = m_demo ? m_original.customBaseUrl : QUrl(m_customUrl->text().trimmed());
    s.accounts = m_demo ? m_original.accountList() : m_accounts->accounts();
    s.defaultRangeDays = m_range->currentData().toInt();
    s.batchSize = m_batchSize->value();
    s.retryAttempts = m_retryAttempts->value();
    s.retryInitialDelaySec = m_retryInitial->value();
    s.retryMaxDelaySec = std::max(m_retryInitial->value(), m_retryMax->value());
    s.autoResume = m_autoResume->isChecked();
    s.periodicMinutes = m_periodic->value();
    s.candleCacheMinutes = m_candleCache->value();
    s.timeZoneId = m_timeZone->currentData().toString();
    s.language = m_language->currentData().toString();
    return s;
}

void SettingsDialog::showStorage()
{
    const QPointer<SettingsDialog> self(this);
    m_secrets.read(settings().account, [self](const StoredCredentials& stored) {
        if (!self || self->m_savedToFile || self->m_demo)
            return;
        QLabel* label = self->m_storage;
        self->m_keyFile->setVisible(false);
        switch (stored.location) {
        case StoredCredentials::Location::Keychain:
            self->m_apiKey->setPlaceholderText(tr("stored in the keychain — type to replace"));
            label->setStyleSheet(QString());
            label->setText(tr("The key is stored in the system keychain."));
            break;
        case StoredCredentials::Location::File:
            self->m_apiKey->setPlaceholderText(tr("stored in the key file — type to replace"));
            self->showFileWarning(stored.warning, self->settings().account);
            break;
        case StoredCredentials::Location::None:
            self->m_apiKey->setPlaceholderText(tr("not set"));
            label->setStyleSheet(QString());
            label->setText(tr("No key is stored for this account. Use a read-only key."));
            break;
        }
        self->m_apiSecret->setPlaceholderText(self->m_apiKey->placeholderText());
        self->fitHeight();
    });
}

void SettingsDialog::showFileWarning(const QString& warning, const QString& account)
{
    // The path in the sentence would not wrap: the sentence points at the field below instead,
    // where the whole path can be read and copied.
    const QString path = SecretStore::fallbackPath(account);
    QString text = warning;
    if (!path.isEmpty() && text.contains(path)) {
        text.replace(path, tr("the file below"));
        m_keyFile->setText(path);
        m_keyFile->setCursorPosition(0);
        m_keyFile->setToolTip(path);
        m_keyFile->setVisible(true);
    }
    m_storage->setStyleSheet(kWarningStyle);
    m_storage->setText(QStringLiteral("⚠ ") + text);
    fitHeight();
}

void SettingsDialog::fitHeight()
{
    // After the layout has taken the new text in (a posted LayoutRequest), not before.
    QTimer::singleShot(0, this, [this] {
        if (!layout() || !isVisible())
            return;
        layout()->activate();
        const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                         : layout()->totalSizeHint().height();
        if (needed > height())
            resize(width(), needed);
    });
}

void SettingsDialog::finishTest(const QString& text, bool ok, bool warning)
{
    m_result->setStyleSheet(!ok || warning ? QStringLiteral("color: #c62828;")
                                           : QStringLiteral("color: #2e7d32;"));
    m_result->setText(text);
    fitHeight();
    m_test->setEnabled(true);
    // Not deleted inside its own callback.
    if (m_client)
        m_client.release()->deleteLater();
    emit testFinished(ok, warning);
}

void SettingsDialog::testConnection()
{
    const AppSettings s = settings();
    const QString urlProblem = binance::checkBaseUrl(s.baseUrl());
    if (!urlProblem.isEmpty()) {
        finishTest(urlProblem, false, true);
        return;
    }
    m_test->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Testing…"));
    const Credentials typed{m_apiKey->text().trimmed().toLatin1(),
                            m_apiSecret->text().trimmed().toLatin1()};
    if (!typed.isEmpty()) {
        runTest(s, typed);
        return;
    }
    const QPointer<SettingsDialog> self(this);
    m_secrets.read(s.account, [self, s](const StoredCredentials& stored) {
        if (!self)
            return;
        if (stored.credentials.isEmpty())
            self->finishTest(tr("Enter the API key and secret first."), false, true);
        else
            self->runTest(s, stored.credentials);
    });
}

void SettingsDialog::runTest(const AppSettings& s, const Credentials& credentials)
{
    binance::ClientConfig config;
    sync::EngineConfig engine;
    s.applyTo(engine, false);
    config = engine.client;
    config.apiKey = credentials.apiKey;
    config.apiSecret = credentials.apiSecret;
    // A test is one question: no long backoff before the answer.
    config.retry.maxAttempts = 2;
    config.requestTimeoutMs = 15'000;
    m_client = std::make_unique<binance::BinanceClient>(config);
    const bool testnet = s.endpoint == QLatin1String("testnet");
    // The account first: it proves key, secret, IP whitelist and futures access. Then the
    // key's permissions, which live on another host and may be unavailable on their own.
    m_client->fetchAccount([this, testnet](const binance::Result<binance::AccountSummary>& a) {
        if (!a.ok()) {
            finishTest(EngineText::translate(a.error.message), false, true);
            return;
        }
        // Per asset, each with its asset: the totals are in USD in multi-assets mode.
        QStringList balances;
        for (auto it = a.value->walletBalances.cbegin(); it != a.value->walletBalances.cend();
             ++it) {
            if (!it.value().isZero())
                balances << moneyText(it.value(), it.key());
        }
        if (balances.isEmpty() && a.value->totalWalletBalance)
            balances << moneyText(*a.value->totalWalletBalance, QStringLiteral("USD"));
        const QString balance =
            balances.isEmpty() ? tr("unknown") : balances.join(QStringLiteral(", "));
        if (testnet) {
            finishTest(tr("Connected to the testnet (wallet balance %1). The testnet cannot tell "
                          "what the key may do.")
                           .arg(balance),
                       true, false);
            return;
        }
        m_client->fetchApiRestrictions([this, balance](
                                           const binance::Result<binance::ApiRestrictions>& r) {
            if (!r.ok()) {
                finishTest(tr("Connected (wallet balance %1), but the key's permissions "
                              "could not be read: %2")
                               .arg(balance, EngineText::translate(r.error.message)),
                           true, true);
                return;
            }
            QStringList dangerous;
            for (const QString& name : r.value->dangerousPermissions())
                dangerous << permissionWords(name);
            if (!dangerous.isEmpty())
                finishTest(tr("Connected, but this key can also %1. Fillbook only reads: "
                              "create a read-only key for it.")
                               .arg(dangerous.join(QStringLiteral(", "))),
                           true, true);
            else
                finishTest(tr("Connected with a read-only key (wallet balance %1).").arg(balance),
                           true, false);
        });
    });
}

void SettingsDialog::saveAndAccept()
{
    if (m_savedToFile) {
        accept(); // the warning was read
        return;
    }
    const AppSettings s = settings();
    if (m_demo) {
        // Only the preferences; the stored account, endpoint and key stay as they are.
        AppSettings stored = AppSettings::load();
        const AppSettings account = stored;
        stored = s;
        stored.account = account.account;
        stored.endpoint = account.endpoint;
        stored.customBaseUrl = account.customBaseUrl;
        stored.accounts = account.accounts;
        stored.save();
        accept();
        return;
    }
    s.save();
    if (!m_accounts->pendingCredentials().isEmpty()) {
        // Keys typed for the other accounts of the list first, then the shown one's.
        saveButton()->setEnabled(false);
        const QPointer<SettingsDialog> self(this);
        m_accounts->writePending(m_secrets, [self](bool ok, const QString& warning) {
            if (self)
                self->saveShownKey(ok, warning);
        });
        return;
    }
    saveShownKey(true, QString());
}

void SettingsDialog::saveShownKey(bool othersOk, const QString& othersWarning)
{
    const AppSettings s = settings();
    const Credentials typed{m_apiKey->text().trimmed().toLatin1(),
                            m_apiSecret->text().trimmed().toLatin1()};
    if (typed.isEmpty() && othersOk && othersWarning.isEmpty()) {
        accept();
        return;
    }
    saveButton()->setEnabled(false);
    const QPointer<SettingsDialog> self(this);
    const bool shownTyped = !typed.isEmpty();
    const auto written = [self, othersOk, othersWarning, shownTyped](bool shownOk,
                                                                     const QString& shown) {
        if (!self)
            return;
        const bool ok = othersOk && shownOk;
        const QString warning = othersWarning.isEmpty() ? shown
                                : shown.isEmpty()       ? othersWarning
                                                        : othersWarning + QLatin1Char('\n') + shown;
        self->saveButton()->setEnabled(true);
        if (ok && warning.isEmpty()) {
            self->accept();
            return;
        }
        // Stored in the file, or not stored at all: the user reads why before the dialog goes.
        self->showFileWarning(warning, self->settings().account);
        if (ok) {
            self->m_savedToFile = true;
            if (shownTyped) {
                self->m_apiKey->clear();
                self->m_apiSecret->clear();
                self->m_apiKey->setPlaceholderText(tr("stored in the key file — type to replace"));
                self->m_apiSecret->setPlaceholderText(self->m_apiKey->placeholderText());
            }
            self->saveButton()->setText(tr("OK, close"));
            self->m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
        }
    };
    if (typed.isEmpty())
        written(true, QString());
    else
        m_secrets.write(s.account, typed, written);
}

} // namespace fb::ui
