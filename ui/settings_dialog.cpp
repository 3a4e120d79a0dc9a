#include "ui/settings_dialog.h"

#include "ui/secret_store.h"

#include "sync/binance/binance_client.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

SettingsDialog::SettingsDialog(const AppSettings& s, SecretStore& secrets, QWidget* parent)
    : QDialog(parent)
    , m_secrets(secrets)
{
    setWindowTitle(tr("Settings"));
    auto* accountBox = new QGroupBox(tr("Account"), this);
    auto* accountForm = new QFormLayout(accountBox);
    m_account = new QLineEdit(s.account, accountBox);
    m_endpoint = new QComboBox(accountBox);
    m_endpoint->addItem(tr("Binance (production)"), QStringLiteral("production"));
    m_endpoint->addItem(tr("Binance testnet"), QStringLiteral("testnet"));
    m_endpoint->addItem(tr("Custom base URL"), QStringLiteral("custom"));
    m_endpoint->setCurrentIndex(std::max(0, m_endpoint->findData(s.endpoint)));
    m_customUrl = new QLineEdit(s.customBaseUrl.toString(), accountBox);
    m_customUrl->setPlaceholderText(QStringLiteral("https://…"));
    m_apiKey = new QLineEdit(accountBox);
    m_apiSecret = new QLineEdit(accountBox);
    m_apiSecret->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("unchanged"));
    m_apiSecret->setPlaceholderText(tr("unchanged"));
    auto* test = new QPushButton(tr("Test connection"), accountBox);
    m_result = new QLabel(accountBox);
    m_result->setWordWrap(true);
    accountForm->addRow(tr("Name"), m_account);
    accountForm->addRow(tr("Exchange"), m_endpoint);
    accountForm->addRow(tr("Base URL"), m_customUrl);
    accountForm->addRow(tr("API key"), m_apiKey);
    accountForm->addRow(tr("API secret"), m_apiSecret);
    accountForm->addRow(test, m_result);

    auto* syncBox = new QGroupBox(tr("Sync and display"), this);
    auto* syncForm = new QFormLayout(syncBox);
    m_range = new QComboBox(syncBox);
    for (int days : {7, 30, 90})
        m_range->addItem(tr("%1 days").arg(days), days);
    m_range->addItem(tr("Everything available"), 0);
    m_range->setCurrentIndex(std::max(0, m_range->findData(s.defaultRangeDays)));
    m_batchSize = new QSpinBox(syncBox);
    m_batchSize->setRange(1, 20);
    m_batchSize->setValue(s.batchSize);
    m_autoResume = new QCheckBox(tr("Resume an incomplete sync at start"), syncBox);
    m_autoResume->setChecked(s.autoResume);
    m_periodic = new QSpinBox(syncBox);
    m_periodic->setRange(0, 24 * 60);
    m_periodic->setSpecialValueText(tr("off"));
    m_periodic->setSuffix(tr(" min"));
    m_periodic->setValue(s.periodicMinutes);
    m_timeZone = new QComboBox(syncBox);
    m_timeZone->addItem(tr("Local time"), QString());
    m_timeZone->addItem(QStringLiteral("UTC"), QStringLiteral("UTC"));
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    m_timeZone->setCurrentIndex(std::max(0, m_timeZone->findData(s.timeZoneId)));
    syncForm->addRow(tr("Default range"), m_range);
    syncForm->addRow(tr("Symbols per batch"), m_batchSize);
    syncForm->addRow(QString(), m_autoResume);
    syncForm->addRow(tr("Sync every"), m_periodic);
    syncForm->addRow(tr("Display time zone"), m_timeZone);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(accountBox);
    layout->addWidget(syncBox);
    layout->addWidget(buttons);

    const auto updateUrl = [this] {
        m_customUrl->setEnabled(m_endpoint->currentData().toString() == QLatin1String("custom"));
    };
    updateUrl();
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, updateUrl);
    connect(test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::saveAndAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.account = m_account->text().trimmed();
    s.endpoint = m_endpoint->currentData().toString();
    s.customBaseUrl = QUrl(m_customUrl->text().trimmed());
    s.defaultRangeDays = m_range->currentData().toInt();
    s.batchSize = m_batchSize->value();
    s.autoResume = m_autoResume->isChecked();
    s.periodicMinutes = m_periodic->value();
    s.timeZoneId = m_timeZone->currentData().toString();
    return s;
}

void SettingsDialog::showResult(const QString& text, bool warning)
{
    m_result->setStyleSheet(warning ? QStringLiteral("color: #c62828;")
                                    : QStringLiteral("color: #2e7d32;"));
    m_result->setText(text);
}

void SettingsDialog::testConnection()
{
    const AppSettings s = settings();
    const QString urlProblem = binance::checkBaseUrl(s.baseUrl());
    if (!urlProblem.isEmpty()) {
        showResult(urlProblem, true);
        return;
    }
    binance::ClientConfig config;
    config.baseUrl = s.baseUrl();
    if (s.endpoint != QLatin1String("production"))
        config.spotBaseUrl = s.baseUrl();
    config.account = s.account;
    config.apiKey = m_apiKey->text().trimmed().toLatin1();
    config.apiSecret = m_apiSecret->text().trimmed().toLatin1();
    if (config.apiKey.isEmpty() || config.apiSecret.isEmpty()) {
        const Credentials stored = m_secrets.readNow(s.account);
        config.apiKey = stored.apiKey;
        config.apiSecret = stored.apiSecret;
    }
    showResult(tr("Testing…"), false);
    m_client = std::make_unique<binance::BinanceClient>(config);
    m_client->fetchApiRestrictions([this](const binance::Result<binance::ApiRestrictions>& r) {
        if (!r.ok()) {
            showResult(r.error.message, true);
            return;
        }
        const QStringList dangerous = r.value->dangerousPermissions();
        m_client->fetchAccount([this,
                                dangerous](const binance::Result<binance::AccountSummary>& a) {
            if (!a.ok()) {
                showResult(a.error.message, true);
                return;
            }
            if (!dangerous.isEmpty())
                showResult(tr("Connected, but this key can also: %1. Fillbook only reads; use a "
                              "read-only key.")
                               .arg(dangerous.join(QStringLiteral(", "))),
                           true);
            else
                showResult(tr("Connected: read-only key, wallet balance %1.")
                               .arg(a.value->totalWalletBalance
                                        ? a.value->totalWalletBalance->toString()
                                        : tr("unknown")),
                           false);
        });
    });
}

void SettingsDialog::saveAndAccept()
{
    const AppSettings s = settings();
    s.save();
    const QByteArray key = m_apiKey->text().trimmed().toLatin1();
    const QByteArray secret = m_apiSecret->text().trimmed().toLatin1();
    if (key.isEmpty() || secret.isEmpty()) {
        accept();
        return;
    }
    m_secrets.write(s.account, {key, secret}, [this](bool ok, const QString& warning) {
        if (!ok) {
            showResult(warning, true);
            return;
        }
        if (!warning.isEmpty())
            QMessageBox::warning(this, tr("Key stored in a file"), warning);
        accept();
    });
}

} // namespace fb::ui
