// A journal is readable by its owner only (issue 10, defect 13): created 0600 in 0700 folders,
// its -wal and -shm too, and an existing journal or Fillbook's own folder tightened on open.
#include "sync/journal/database.h"
#include "sync/journal/journal_paths.h"
#include "sync/journal/settings_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace fb::journal;

namespace {

// The permission bits of a path (-1 when it does not exist).
int modeOf(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestJournalPrivacy : public QObject
{
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void aNewJournalAndItsFoldersAreTheOwnersOnly()
    {
        const QString path = m_dir.filePath(QStringLiteral("a/b/journal.sqlite"));
        Database db(path);
        SettingsStore(db).setValue(QStringLiteral("k"), QStringLiteral("v")); // a WAL write
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("a"))), 0700);
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("a/b"))), 0700);
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-shm")), 0600);
    }

    void anExistingJournalIsTightenedOnOpen()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database db(path);
            SettingsStore(db).setValue(QStringLiteral("k"), QStringLiteral("v"));
        }
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        QCOMPARE(modeOf(path), 0644);
        Database db(path);
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(SettingsStore(db).value(QStringLiteral("k"), QString()), QStringLiteral("v"));
    }

    void aFolderTheUserChoseIsLeftAlone()
    {
        const QString folder = m_dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0755) == 0);
        Database db(folder + QStringLiteral("/journal.sqlite"));
        QCOMPARE(modeOf(folder), 0755);
        QCOMPARE(modeOf(folder + QStringLiteral("/journal.sqlite")), 0600);
    }

    void fillbooksOwnDataFolderIsTightened()
    {
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        const QString own = QFileInfo(defaultJournalPath()).absolutePath();
        QVERIFY(QDir().mkpath(own));
        QVERIFY(::chmod(QFile::encodeName(own).constData(), 0755) == 0);
        Database db(defaultJournalPath());
        QCOMPARE(modeOf(own), 0700);
        QCOMPARE(modeOf(defaultJournalPath()), 0600);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestJournalPrivacy)
#include "test_journal_privacy.moc"
