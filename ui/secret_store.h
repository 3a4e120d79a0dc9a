#pragma once
// API key and secret of an account: in the OS keychain (QtKeychain, service "fillbook") when
// one works, otherwise in a file only the user can read (0600, in a 0700 folder) — and then the
// caller shows the returned warning. Secrets never go to QSettings, the journal or a log.
//
// A keychain that is missing, refuses, or does not answer within kKeychainTimeoutMs (a D-Bus
// service that never replies) counts as "no keychain": the file is used and the warning says why.

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace fb::ui {

struct Credentials
{
    QByteArray apiKey;
    QByteArray apiSecret;
    bool isEmpty() const { return apiKey.isEmpty() || apiSecret.isEmpty(); }
};

struct StoredCredentials
{
    enum class Location { None, Keychain, File };
    Credentials credentials;
    Location location = Location::None;
    QString warning; // non-empty when the key is (or would be) in the file: show it
};

class SecretStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kKeychainTimeoutMs = 10'000;

    explicit SecretStore(QObject* parent = nullptr);

    // ok: the key is stored somewhere. warning: empty when the keychain took it; otherwise where
    // the file is and why (or, when !ok, why nothing could be stored). Called on this thread.
    using WriteDone = std::function<void(bool ok, const QString& warning)>;
    using ReadDone = std::function<void(const StoredCredentials& stored)>;

    void write(const QString& account, const Credentials& credentials, WriteDone done);
    void read(const QString& account, ReadDone done);
    // Blocking read for start-up, before any window exists (a local event loop).
    StoredCredentials readNow(const QString& account);

    static QString fallbackPath(const QString& account);
    static bool keychainCompiledIn();

private:
    static bool writeFile(const QString& account, const Credentials& credentials, QString* error);
    static StoredCredentials readFile(const QString& account, const QString& why);
};

} // namespace fb::ui
