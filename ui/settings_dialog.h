#pragma once
// Settings: the account (name, endpoint, API key and secret, Test connection) and the sync and
// display preferences.

#include "ui/app_settings.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace fb::binance {
class BinanceClient;
}

namespace fb::ui {

class SecretStore;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const AppSettings& settings, SecretStore& secrets, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    AppSettings settings() const;

private:
    void testConnection();
    void saveAndAccept();
    void showResult(const QString& text, bool warning);

    SecretStore& m_secrets;
    QLineEdit* m_account = nullptr;
    QComboBox* m_endpoint = nullptr;
    QLineEdit* m_customUrl = nullptr;
    QLineEdit* m_apiKey = nullptr;
    QLineEdit* m_apiSecret = nullptr;
    QLabel* m_result = nullptr;
    QComboBox* m_range = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QCheckBox* m_autoResume = nullptr;
    QSpinBox* m_periodic = nullptr;
    QComboBox* m_timeZone = nullptr;
    std::unique_ptr<binance::BinanceClient> m_client;
};

} // namespace fb::ui
