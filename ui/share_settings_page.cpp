#include "ui/share_settings_page.h"

#include "ui/engine_text.h"
#include "ui/retranslate.h"
#include "ui/secret_store.h"

#include "sync/journal/database.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/outbox_store.h"
#include "sync/share/desk_url.h"
#include "sync/share/replicator.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QThread>
#include <QUrl>

#include <memory>

namespace fb::ui {

ShareSettings ShareSettings::load(journal::Database& db)
{
    journal::OutboxStore outbox(db);
    ShareSettings s;
    s.url = outbox.state(journal::kShareDeskUrl).value_or(QString());
    s.enabled =
        outbox.state(journal::kShareDesktopEnabled).value_or(QString()) == QLatin1String("1");
    return s;
}

void ShareSettings::save(journal::Database& db) const
{
    share::saveDeskUrl(db, url);
    journal::OutboxStore(db).setState(journal::kShareDesktopEnabled,
                                      enabled ? QStringLiteral("1") : QStringLiteral("0"));
}

QString ShareSettings::secretName() const
{
    return QStringLiteral("desk ") + url;
}

QString composeDeskUrl(const QString& server, const QString& user)
{
    const QString text = server.trimmed();
    if (text.isEmpty())
        return QString();
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return text; // parseDeskUrl says what is wrong with it
    if (!user.trimmed().isEmpty())
        url.setUserName(user.trimmed());
    return url.toString();
}

void splitDeskUrl(const QString& text, QString* server, QString* user)
{
    QUrl url(text, QUrl::StrictMode);
    if (text.isEmpty() || !url.isValid()) {
        *server = text;
        user->clear();
        return;
    }
    *user = url.userName();
    url.setUserName(QString());
    *server = url.toString();
}

ShareSettingsPage::ShareSettingsPage(const ShareSettings& s, SecretStore& secrets, QWidget* parent)
    : QGroupBox(parent)
    , m_secrets(secrets)
{
    auto* form = new QFormLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    QString server;
    QString user;
    splitDeskUrl(s.url, &server, &user);
    m_url = new QLineEdit(server, this);
    m_url->setPlaceholderText(QStringLiteral("postgresql://HOST:5432/DATABASE"));
    m_user = new QLineEdit(user, this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_enabled = new QCheckBox(this);
    m_enabled->setChecked(s.enabled);
    m_test = new QPushButton(this);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_storage = new QLabel(this);
    m_storage->setWordWrap(true);
    m_storage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel = new QLabel(this);
    m_userLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    form->addRow(m_intro);
    form->addRow(m_urlLabel, m_url);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_storage);
    form->addRow(QString(), m_enabled);
    form->addRow(m_test);
    form->addRow(m_result);
    connect(m_test, &QPushButton::clicked, this, &ShareSettingsPage::testConnection);
    connect(m_url, &QLineEdit::editingFinished, this, &ShareSettingsPage::showStorage);
    connect(m_user, &QLineEdit::editingFinished, this, &ShareSettingsPage::showStorage);
    retranslateOnLanguageChange(this, [this] { retranslate(); });
    showStorage();
}

void ShareSettingsPage::retranslate()
{
    setTitle(tr("Share"));
    m_intro->setText(tr("Share this journal's notes, tags and screenshots through a desk server "
                        "(PostgreSQL). The journal on this computer stays the main copy: "
                        "sharing catches up whenever the server can be reached."));
    m_urlLabel->setText(tr("Server URL"));
    m_userLabel->setText(tr("User"));
    m_passwordLabel->setText(tr("Password"));
    m_enabled->setText(tr("Share this journal"));
    m_test->setText(tr("Test connection"));
    switch (m_storageState) {
    case 1:
        m_password->setPlaceholderText(tr("not set"));
        m_storage->setText(tr("No desk password is stored for this URL and user."));
        break;
    case 2:
        m_password->setPlaceholderText(tr("stored in the keychain — type to replace"));
        m_storage->setText(tr("The desk password is stored in the system keychain."));
        break;
    case 3:
        m_password->setPlaceholderText(tr("stored in the key file — type to replace"));
        m_storage->setText(QStringLiteral("⚠ ") + fileWarning(m_storageFile));
        break;
    default:
        break;
    }
}

QString ShareSettingsPage::fileWarning(const QString& path)
{
    return tr("No keychain is available: the desk password is stored in %1, readable only by "
              "you.")
        .arg(path);
}

void ShareSettingsPage::showStorage()
{
    const ShareSettings s = settings();
    if (s.url.isEmpty()) {
        m_storageState = 0;
        m_storage->clear();
        m_password->setPlaceholderText(QString());
        return;
    }
    const QPointer<ShareSettingsPage> self(this);
    m_secrets.read(s.secretName(), [self, s](const StoredCredentials& stored) {
        if (!self || self->settings().url != s.url)
            return;
        switch (stored.location) {
        case StoredCredentials::Location::Keychain:
            self->m_storageState = 2;
            break;
        case StoredCredentials::Location::File:
            self->m_storageState = 3;
            self->m_storageFile = SecretStore::fallbackPath(s.secretName());
            break;
        case StoredCredentials::Location::None:
            self->m_storageState = 1;
            break;
        }
        self->retranslate();
    });
}

ShareSettings ShareSettingsPage::settings() const
{
    ShareSettings s;
    s.url = composeDeskUrl(m_url->text(), m_user->text());
    s.enabled = m_enabled->isChecked();
    return s;
}

QString ShareSettingsPage::typedPassword() const
{
    return m_password->text();
}

QString ShareSettingsPage::problem() const
{
    const ShareSettings s = settings();
    if (s.url.isEmpty())
        return s.enabled ? tr("Enter the desk server's URL to share this journal.") : QString();
    if (!QUrl(m_url->text().trimmed()).password().isEmpty())
        return tr("Type the password in the Password field, not in the URL.");
    const share::DeskUrl parsed = share::parseDeskUrl(s.url, QString());
    return parsed.endpoint ? QString() : EngineText::translate(parsed.error);
}

void ShareSettingsPage::testConnection()
{
    const QString urlProblem = problem();
    const ShareSettings s = settings();
    if (!urlProblem.isEmpty() || s.url.isEmpty()) {
        finishTest(urlProblem.isEmpty() ? tr("Enter the desk server's URL to share this journal.")
                                        : urlProblem,
                   false);
        return;
    }
    m_testing = true;
    m_test->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Testing…"));
    if (!typedPassword().isEmpty()) {
        runTest(s.url, typedPassword());
        return;
    }
    const QPointer<ShareSettingsPage> self(this);
    m_secrets.read(s.secretName(), [self, s](const StoredCredentials& stored) {
        if (!self)
            return;
        if (stored.credentials.isEmpty())
            self->finishTest(tr("Enter the desk password first."), false);
        else
            self->runTest(s.url, QString::fromUtf8(stored.credentials.apiKey));
    });
}

namespace {

struct DeskCheck
{
    bool ok = false;
    QString message; // English engine sentence when !ok
    QString server;
    QString version;
};

// On the test's own thread: the connection is opened, checked and closed there.
DeskCheck checkDesk(const journal::DeskEndpoint& endpoint)
{
    DeskCheck check;
    try {
        journal::DeskConnection desk(endpoint, QStringLiteral("settings-test"));
        journal::desk_schema::require(desk);
        check.ok = true;
        check.server = endpoint.display();
        check.version = QString::number(journal::desk_schema::CurrentVersion);
    } catch (const journal::DeskError& error) {
        check.message = error.message();
    }
    return check;
}

} // namespace

void ShareSettingsPage::runTest(const QString& url, const QString& password)
{
    const share::DeskUrl parsed = share::parseDeskUrl(url, password);
    if (!parsed.endpoint) {
        finishTest(EngineText::translate(parsed.error), false);
        return;
    }
    auto result = std::make_shared<DeskCheck>();
    const journal::DeskEndpoint endpoint = *parsed.endpoint;
    QThread* thread = QThread::create([result, endpoint] { *result = checkDesk(endpoint); });
    // Queued to this page's thread; gone with the page if it closes first.
    connect(thread, &QThread::finished, this, [this, result, user = endpoint.user] {
        if (result->ok)
            finishTest(tr("Connected to the desk at %1 as %2 (desk schema %3).")
                           .arg(result->server, user, result->version),
                       true);
        else
            finishTest(EngineText::translate(result->message), false);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void ShareSettingsPage::finishTest(const QString& text, bool ok)
{
    m_testing = false;
    m_result->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;")
                               : QStringLiteral("color: #c62828;"));
    m_result->setText(text);
    m_test->setEnabled(true);
    emit testFinished(ok);
}

} // namespace fb::ui
