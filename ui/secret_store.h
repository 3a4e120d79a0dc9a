#pragma once
// API key and secret of an account: in the OS keychain (QtKeychain, service "fillbook") when
// one works, otherwise in a file only the user can read (0600) — and then the caller shows the
// returned warning. Secrets never go to QSettings, the journal or a log.

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

class SecretStore : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QObject* parent = nullptr);

    // warning: empty when the keychain took it; otherwise why a file was used (or failed).
    using WriteDone = std::function<void(bool ok, const QString& warning)>;
    using ReadDone = std::function<void(const Credentials& credentials, const QString& warning)>;

    void write(const QString& account, const Credentials& credentials, WriteDone done);
    void read(const QString& account, ReadDone done);
    // Blocking read for start-up, before any window exists.
    Credentials readNow(const QString& account, QString* warning = nullptr);

    static QString fallbackPath(const QString& account);

private:
    static bool writeFile(const QString& account, const Credentials& credentials, QString* error);
    static Credentials readFile(const QString& account);
};

} // namespace fb::ui
