#include "ui/secret_store.h"

#include "ui/app_context.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

#ifdef FILLBOOK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace fb::ui {

namespace {

const QString kService = QStringLiteral("fillbook");

// One line each; keys and secrets are ASCII without newlines.
QByteArray pack(const Credentials& c)
{
    return c.apiKey + '\n' + c.apiSecret;
}

Credentials unpack(const QByteArray& data)
{
    const qsizetype cut = data.indexOf('\n');
    if (cut < 0)
        return {};
    return {data.left(cut), data.mid(cut + 1).trimmed()};
}

QString fileWarning(const QString& why, const QString& path)
{
    return SecretStore::tr("No keychain is available (%1): the key is stored in %2, readable "
                           "only by you. Anyone who can log in as you can read it.")
        .arg(why, path);
}

#ifdef FILLBOOK_HAVE_KEYCHAIN
QString keychainKey(const QString& account)
{
    return QStringLiteral("account/") + account;
}

// Why the keychain could not be used, for the warning. QtKeychain says "Unknown error" when
// no keychain service answers on the session bus (no desktop session, a container).
QString keychainProblem(QKeychain::Error error, const QString& text)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return SecretStore::tr("no keychain service is running");
    case QKeychain::AccessDenied:
        return SecretStore::tr("the keychain refused access");
    case QKeychain::NotImplemented:
        return SecretStore::tr("this platform has no keychain support");
    default:
        break;
    }
    if (text.isEmpty() || text == QLatin1String("Unknown error"))
        return SecretStore::tr("no keychain service answered");
    return text;
}

// Runs `job`, calling `settle` exactly once: with the job's error (NoError on success), or with
// OtherError when the keychain does not answer in time.
void runJob(QKeychain::Job* job, QObject* context,
            std::function<void(QKeychain::Error, const QString&)> settle)
{
    auto settled = std::make_shared<bool>(false);
    auto* timer = new QTimer(context);
    timer->setSingleShot(true);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, settled, settle, timer] {
        timer->deleteLater();
        if (std::exchange(*settled, true))
            return;
        settle(job->error(), keychainProblem(job->error(), job->errorString()));
    });
    QObject::connect(timer, &QTimer::timeout, context, [settled, settle, timer] {
        timer->deleteLater();
        if (std::exchange(*settled, true))
            return;
        settle(QKeychain::OtherError, SecretStore::tr("the keychain did not answer"));
    });
    timer->start(SecretStore::kKeychainTimeoutMs);
    job->start();
}
#endif

} // namespace

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{}

bool SecretStore::keychainCompiledIn()
{
#ifdef FILLBOOK_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

namespace {

QString keyFileName(const QString& account)
{
    // The account label may hold any character: the file name is its hash.
    const QByteArray id =
        QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QString::fromLatin1(id) + QStringLiteral(".key");
}

// Where releases before issue 10 put the file: AppConfigLocation adds the organisation folder
// to the application's (…/fillbook/fillbook/secrets), which is not the documented path.
QString legacyFallbackPath(const QString& account)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/secrets/") + keyFileName(account);
}

bool makeOwnerOnlyFolder(const QString& folder)
{
    return QDir().mkpath(folder) &&
           QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// Moves a key file from the old location to the documented one, once, keeping it readable by
// the owner only (a rename keeps the mode; it is narrowed again in case it was ever wider).
void migrateLegacyFile(const QString& account)
{
    const QString legacy = legacyFallbackPath(account);
    const QString path = SecretStore::fallbackPath(account);
    if (legacy == path || !QFileInfo::exists(legacy) || QFileInfo::exists(path))
        return;
    if (!makeOwnerOnlyFolder(QFileInfo(path).absolutePath()) || !QFile::rename(legacy, path)) {
        qCWarning(lcUi) << "could not move the key file to the documented folder; it stays at"
                        << legacy;
        return;
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QDir().rmdir(QFileInfo(legacy).absolutePath()); // only when empty
}

} // namespace

QString SecretStore::fallbackPath(const QString& account)
{
    // docs/desktop.md: $XDG_CONFIG_HOME/fillbook/secrets/, next to the preferences file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/fillbook/secrets/") + keyFileName(account);
}

bool SecretStore::writeFile(const QString& account, const Credentials& credentials, QString* error)
{
    const QString path = fallbackPath(account);
    const QString folder = QFileInfo(path).absolutePath();
    if (!makeOwnerOnlyFolder(folder)) {
        if (error)
            *error = tr("cannot create %1").arg(folder);
        return false;
    }
    QFile file(path);
    // Created 0600 by open(2) itself, and narrowed again in case the file existed wider: the
    // secret is never in a file anyone else could read, not even for a moment.
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) ||
        !file.setPermissions(ownerOnly) || file.write(pack(credentials)) < 0 || !file.flush()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QFile::remove(legacyFallbackPath(account)); // the new secret replaces an old file's
    return true;
}

StoredCredentials SecretStore::readFile(const QString& account, const QString& why)
{
    migrateLegacyFile(account);
    QFile file(fallbackPath(account));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    StoredCredentials stored;
    stored.credentials = unpack(file.readAll());
    if (stored.credentials.isEmpty())
        return {};
    stored.location = StoredCredentials::Location::File;
    stored.warning = fileWarning(why, file.fileName());
    return stored;
}

void SecretStore::write(const QString& account, const Credentials& credentials, WriteDone done)
{
    const auto fallback = [account, credentials, done](const QString& why) {
        QString error;
        if (writeFile(account, credentials, &error))
            done(true, fileWarning(why, fallbackPath(account)));
        else
            done(false, tr("Could not store the key: %1").arg(error));
    };
#ifdef FILLBOOK_HAVE_KEYCHAIN
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(account));
    job->setBinaryData(pack(credentials));
    runJob(job, this, [fallback, done, account](QKeychain::Error error, const QString& why) {
        if (error == QKeychain::NoError) {
            QFile::remove(fallbackPath(account)); // the keychain holds it now
            QFile::remove(legacyFallbackPath(account));
            done(true, QString());
        } else {
            qCInfo(lcUi) << "keychain write failed (" << int(error)
                         << "), using the key file:" << why;
            fallback(why);
        }
    });
#else
    fallback(tr("built without QtKeychain"));
#endif
}

void SecretStore::read(const QString& account, ReadDone done)
{
#ifdef FILLBOOK_HAVE_KEYCHAIN
    auto* job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(account));
    runJob(job, this, [job, done, account](QKeychain::Error error, const QString& why) {
        if (error == QKeychain::NoError) {
            StoredCredentials stored;
            stored.credentials = unpack(job->binaryData());
            stored.location = stored.credentials.isEmpty() ? StoredCredentials::Location::None
                                                           : StoredCredentials::Location::Keychain;
            done(stored);
            return;
        }
        // EntryNotFound: the keychain works but the key was saved while it did not.
        done(readFile(account, error == QKeychain::EntryNotFound
                                   ? tr("it was saved while no keychain worked")
                                   : why));
    });
#else
    done(readFile(account, tr("built without QtKeychain")));
#endif
}

StoredCredentials SecretStore::readNow(const QString& account)
{
    QEventLoop loop;
    StoredCredentials result;
    bool finished = false;
    read(account, [&](const StoredCredentials& stored) {
        result = stored;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

} // namespace fb::ui
