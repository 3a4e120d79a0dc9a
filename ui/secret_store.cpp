#include "ui/secret_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QStandardPaths>

#ifdef FILLBOOK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace fb::ui {

namespace {

const QString kService = QStringLiteral("fillbook");

QString keychainKey(const QString& account)
{
    return QStringLiteral("account/") + account;
}

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

} // namespace

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{}

QString SecretStore::fallbackPath(const QString& account)
{
    // The account label may hold any character: the file name is its hash.
    const QByteArray id =
        QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/secrets/") + QString::fromLatin1(id) + QStringLiteral(".key");
}

bool SecretStore::writeFile(const QString& account, const Credentials& credentials, QString* error)
{
    const QString path = fallbackPath(account);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::setPermissions(QFileInfo(path).absolutePath(),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile file(path);
    // Narrow the permissions before the secret is written, not after.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
        file.write(pack(credentials)) < 0) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

Credentials SecretStore::readFile(const QString& account)
{
    QFile file(fallbackPath(account));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return unpack(file.readAll());
}

void SecretStore::write(const QString& account, const Credentials& credentials, WriteDone done)
{
    const auto fallback = [account, credentials, done](const QString& why) {
        QString error;
        if (writeFile(account, credentials, &error))
            done(true, tr("No keychain is available (%1): the key is stored in %2, readable "
                          "only by you.")
                           .arg(why, fallbackPath(account)));
        else
            done(false, tr("Could not store the key: %1").arg(error));
    };
#ifdef FILLBOOK_HAVE_KEYCHAIN
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(account));
    job->setBinaryData(pack(credentials));
    connect(job, &QKeychain::Job::finished, this, [job, fallback, done, account] {
        if (job->error() == QKeychain::NoError) {
            QFile::remove(fallbackPath(account)); // the keychain holds it now
            done(true, QString());
        } else {
            fallback(job->errorString());
        }
    });
    job->start();
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
    connect(job, &QKeychain::Job::finished, this, [job, done, account] {
        if (job->error() == QKeychain::NoError) {
            done(unpack(job->binaryData()), QString());
            return;
        }
        const Credentials fromFile = readFile(account);
        done(fromFile, fromFile.isEmpty() ? QString()
                                          : tr("The key is read from %1 (no keychain available).")
                                                .arg(fallbackPath(account)));
    });
    job->start();
#else
    const Credentials fromFile = readFile(account);
    done(fromFile,
         fromFile.isEmpty()
             ? QString()
             : tr("The key is read from %1 (no keychain available).").arg(fallbackPath(account)));
#endif
}

Credentials SecretStore::readNow(const QString& account, QString* warning)
{
    QEventLoop loop;
    Credentials result;
    bool finished = false;
    read(account, [&](const Credentials& c, const QString& w) {
        result = c;
        if (warning)
            *warning = w;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

} // namespace fb::ui
