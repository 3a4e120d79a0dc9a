#pragma once
// Settings: the account (name, endpoint, API key and secret, where the key is stored, Test
// connection) and the sync and display preferences. Save writes the preferences to QSettings
// and the key to the SecretStore; when the key lands in the fallback file the dialog stays open
// on a visible warning until the user acknowledges it.

#include "ui/app_settings.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace fb::binance {
class BinanceClient;
}

namespace fb::ui {

class AccountsPage;
class SecretStore;
struct Credentials;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const AppSettings& settings, SecretStore& secrets, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    AppSettings settings() const;
    // Demo mode: the built-in demo exchange's account is shown read-only ("no key needed");
    // the production account's settings and key are neither shown nor written. Save keeps only
    // the sync and display preferences.
    void setDemoAccount(const QString& account);
    bool isDemo() const { return m_demo; }

    // For tests and for people: the widgets a test drives.
    QLineEdit* accountEdit() const { return m_account; }
    AccountsPage* accountsPage() const { return m_accounts; } // the list of accounts
    QComboBox* endpointBox() const { return m_endpoint; }
    QLineEdit* customUrlEdit() const { return m_customUrl; }
    QLineEdit* apiKeyEdit() const { return m_apiKey; }
    QLineEdit* apiSecretEdit() const { return m_apiSecret; }
    QPushButton* testButton() const { return m_test; }
    QLabel* testResultLabel() const { return m_result; }
    QLabel* storageLabel() const { return m_storage; }
    QLineEdit* keyFileEdit() const { return m_keyFile; } // where the key file is, selectable
    QPushButton* saveButton() const;
    QSpinBox* batchSizeBox() const { return m_batchSize; }
    QSpinBox* retryAttemptsBox() const { return m_retryAttempts; }
    QSpinBox* periodicBox() const { return m_periodic; }
    QSpinBox* candleCacheBox() const { return m_candleCache; }
    QLabel* candleCacheHint() const { return m_candleCacheHint; }
    QCheckBox* autoResumeBox() const { return m_autoResume; }
    QComboBox* timeZoneBox() const { return m_timeZone; }
    QComboBox* rangeBox() const { return m_range; }
    QComboBox* languageBox() const { return m_language; }
    bool testRunning() const { return m_client != nullptr; }
    // A section its owner builds and saves (Settings → Share), in a tab of its own after
    // Account and Sync and display.
    void addSection(QWidget* section);
    QTabWidget* tabs() const { return m_tabs; }

signals:
    void testFinished(bool ok, bool warning);

private:
    void buildAccountBox(const AppSettings& s);
    void buildSyncBox(const AppSettings& s);
    void showStorage();
    void showFileWarning(const QString& warning, const QString& account);
    void fitHeight(); // grows the dialog when a wrapped message needs more lines
    void testConnection();
    void runTest(const AppSettings& s, const Credentials& credentials);
    void finishTest(const QString& text, bool ok, bool warning);
    void saveAndAccept();
    // After the other accounts' keys: the shown account's typed key, then one warning for all.
    void saveShownKey(bool othersOk, const QString& othersWarning);

    SecretStore& m_secrets;
    QLineEdit* m_account = nullptr;
    AccountsPage* m_accounts = nullptr;
    QComboBox* m_endpoint = nullptr;
    QLineEdit* m_customUrl = nullptr;
    QLineEdit* m_apiKey = nullptr;
    QLineEdit* m_apiSecret = nullptr;
    QLabel* m_storage = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_result = nullptr;
    QComboBox* m_range = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QSpinBox* m_retryAttempts = nullptr;
    QSpinBox* m_retryInitial = nullptr;
    QSpinBox* m_retryMax = nullptr;
    QCheckBox* m_autoResume = nullptr;
    QSpinBox* m_periodic = nullptr;
    QSpinBox* m_candleCache = nullptr;
    QLabel* m_candleCacheHint = nullptr;
    QComboBox* m_timeZone = nullptr;
    QComboBox* m_language = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QTabWidget* m_tabs = nullptr;
    AppSettings m_original; // as opened: demo mode gives the account fields back unchanged
    bool m_demo = false;
    bool m_savedToFile = false; // Save put the key in the file: the next click acknowledges
    std::unique_ptr<binance::BinanceClient> m_client;
};

} // namespace fb::ui
