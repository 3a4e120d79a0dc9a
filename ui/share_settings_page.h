#pragma once
// Settings → Share (docs/sharing.md, "The desktop"): the desk server's URL and user, the
// password, Test connection and "Share this journal".
//
// The journal is the truth for the URL (with its user, as `fillbook-cli desk init` saves it) and
// for whether the desktop shares it, so the command line and the desktop agree on one journal
// (D141). The password goes to the SecretStore under the URL's name, never to
// QSettings, the journal, a log or argv. Test connection runs off the UI thread.

#include <QGroupBox>
#include <QString>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class SecretStore;

struct ShareSettings
{
    QString url; // postgresql://USER@HOST[:PORT]/DATABASE[?…], no password; empty: none
    bool enabled = false;

    // From the journal's share_state (any connection); save() needs a writable one.
    static ShareSettings load(journal::Database& db);
    void save(journal::Database& db) const;
    // The SecretStore entry of this URL's password.
    QString secretName() const;

    bool operator==(const ShareSettings& other) const = default;
};

// "postgresql://HOST/DB" + "alice" -> "postgresql://alice@HOST/DB" (the user field wins over a
// user typed in the URL); the reverse split for showing a saved URL.
QString composeDeskUrl(const QString& server, const QString& user);
void splitDeskUrl(const QString& url, QString* server, QString* user);

class ShareSettingsPage : public QGroupBox
{
    Q_OBJECT
public:
    ShareSettingsPage(const ShareSettings& settings, SecretStore& secrets,
                      QWidget* parent = nullptr);

    ShareSettings settings() const;
    // One translated sentence when the fields do not make a usable desk URL; empty when fine.
    QString problem() const;
    // The password as typed now (empty: keep the stored one).
    QString typedPassword() const;

    QLineEdit* urlEdit() const { return m_url; }
    QLineEdit* userEdit() const { return m_user; }
    QLineEdit* passwordEdit() const { return m_password; }
    QCheckBox* enabledBox() const { return m_enabled; }
    QPushButton* testButton() const { return m_test; }
    QLabel* testResultLabel() const { return m_result; }
    QLabel* storageLabel() const { return m_storage; }
    bool testRunning() const { return m_testing; }

    // Where a password is stored, for the storage line; warning: the file fallback's sentence.
    static QString fileWarning(const QString& path);

signals:
    void testFinished(bool ok);

private:
    void retranslate();
    void showStorage();
    void testConnection();
    void runTest(const QString& url, const QString& password);
    void finishTest(const QString& text, bool ok);

    SecretStore& m_secrets;
    QLabel* m_intro = nullptr;
    QLabel* m_urlLabel = nullptr;
    QLabel* m_userLabel = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_enabled = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_storage = nullptr;
    int m_storageState = 0; // 0 unknown, 1 none, 2 keychain, 3 file
    QString m_storageFile;
    bool m_testing = false;
};

} // namespace fb::ui
