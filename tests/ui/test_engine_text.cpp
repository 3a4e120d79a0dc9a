// The engine's sentences in the desktop's language (ui/engine_text.h, issue 15): each template
// is still what the engine writes, each has an Indonesian translation with the same facts, and a
// message is rebuilt whole, by its leading sentence, or left as the engine wrote it.
#include "ui/engine_text.h"
#include "ui/language.h"
#include "ui/models/money_format.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace fb;
using ui::EngineText;

namespace {

// Every string literal of sync/, adjacent literals joined as the compiler joins them.
QString engineLiterals()
{
    QString all;
    // FILLBOOK_TEST_SOURCE_DIR: the source tree, set by fillbook_add_test.
    const QString root = qEnvironmentVariable("FILLBOOK_TEST_SOURCE_DIR");
    QDirIterator it(root + QStringLiteral("/sync"), {QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    static const QRegularExpression joined(QStringLiteral("\"\\s*\\n\\s*\""));
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        all += QString::fromUtf8(file.readAll()).replace(joined, QString());
    }
    return all.replace(QStringLiteral("\\\""), QStringLiteral("\""));
}

QSet<QString> placeholders(const QString& text)
{
    QSet<QString> set;
    static const QRegularExpression p(QStringLiteral("%[1-9]"));
    for (auto it = p.globalMatch(text); it.hasNext();)
        set.insert(it.next().captured());
    return set;
}

} // namespace

class TestEngineText : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { ui::applyLanguage(ui::Language::English); }

    void everyTemplateIsStillWhatTheEngineWrites()
    {
        // A reworded engine sentence would silently fall back to English: each literal piece
        // of every template (between its placeholders) must still be in sync/'s sources.
        const QString sources = engineLiterals();
        QVERIFY2(sources.size() > 100'000, "FILLBOOK_TEST_SOURCE_DIR does not name the sources");
        static const QRegularExpression placeholder(QStringLiteral("%[1-9]"));
        for (const QString& t : EngineText::templates()) {
            for (const QString& piece : t.split(placeholder)) {
                if (piece.size() < 12)
                    continue;
                QVERIFY2(
                    sources.contains(piece),
                    qPrintable(QStringLiteral("not in sync/: \"%1\" (of \"%2\")").arg(piece, t)));
            }
        }
    }

    void everyTemplateIsTranslatedWithTheSameFacts()
    {
        ui::applyLanguage(ui::Language::Indonesian);
        for (const QString& t : EngineText::templates()) {
            const QString id = QCoreApplication::translate("EngineText", t.toUtf8().constData());
            QVERIFY2(id != t, qPrintable(QStringLiteral("untranslated: %1").arg(t)));
            QCOMPARE(placeholders(id), placeholders(t));
        }
    }

    void wholeSentenceWithItsFacts()
    {
        const QString english = QStringLiteral(
            "Binance cannot be reached (Connection refused). Check the network connection; the "
            "sync can continue when it is back.");
        QCOMPARE(EngineText::translate(english), english);
        ui::applyLanguage(ui::Language::Indonesian);
        QCOMPARE(EngineText::translate(english),
                 QStringLiteral("Binance tidak dapat dihubungi (Connection refused). Periksa "
                                "koneksi jaringan; sinkronisasi dapat dilanjutkan setelah "
                                "koneksi kembali."));
    }

    void aPlaceholderUsedTwiceMustMatchTheSameText()
    {
        ui::applyLanguage(ui::Language::Indonesian);
        const QString english = QStringLiteral(
            "Run 'sync_1' was started against https://a.example, not demo; resume it against "
            "https://a.example, or start a new sync for demo.");
        QCOMPARE(EngineText::translate(english),
                 QStringLiteral("Proses 'sync_1' dimulai pada https://a.example, bukan demo; "
                                "lanjutkan pada https://a.example, atau mulai sinkronisasi baru "
                                "untuk demo."));
        const QString mismatched = QStringLiteral(
            "Run 'sync_1' was started against A, not B; resume it against C, or start a new sync "
            "for B.");
        QCOMPARE(EngineText::translate(mismatched), mismatched);
    }

    void nestedAndLeadingSentences()
    {
        ui::applyLanguage(ui::Language::Indonesian);
        // "%1 The run is paused." around a sentence of its own (a ban found mid-run).
        QCOMPARE(EngineText::translate(
                     QStringLiteral("The exchange banned this IP until 10:15:00 for too many "
                                    "requests. The run is paused.")),
                 QStringLiteral("Bursa memblokir IP ini sampai 10:15:00 karena terlalu banyak "
                                "permintaan. Proses dijeda."));
        // A sentence, then another (finalize() appends reconciliation's).
        QCOMPARE(EngineText::translate(
                     QStringLiteral("Sync completed. Reconciliation found 2 difference(s); see "
                                    "'fillbook-cli reconcile sync_1'.")),
                 QStringLiteral("Sinkronisasi selesai. Rekonsiliasi menemukan 2 selisih; lihat "
                                "'fillbook-cli reconcile sync_1'."));
        // A known sentence followed by an unknown one: the known part translates.
        QCOMPARE(EngineText::translate(QStringLiteral("Stopped at a batch boundary. Whatever.")),
                 QStringLiteral("Berhenti di batas batch. Whatever."));
    }

    void unknownTextStaysAsWritten()
    {
        ui::applyLanguage(ui::Language::Indonesian);
        const QString english = QStringLiteral("Something the catalogue does not know.");
        QCOMPARE(EngineText::translate(english), english);
        QCOMPARE(EngineText::translate(QString()), QString());
    }

    void durationsInTheUiLanguage()
    {
        QCOMPARE(ui::durationText(45'000), QStringLiteral("45 s"));
        QCOMPARE(ui::durationText(200'000), QStringLiteral("3 min 20 s"));
        QCOMPARE(ui::durationText(7'500'000), QStringLiteral("2 h 05 min"));
        QCOMPARE(ui::holdingTimeText(3 * 86'400'000LL + 4 * 3'600'000LL),
                 QStringLiteral("3 d 4 h"));
        ui::applyLanguage(ui::Language::Indonesian);
        QCOMPARE(ui::durationText(45'000), QStringLiteral("45 dtk"));
        QCOMPARE(ui::durationText(200'000), QStringLiteral("3 mnt 20 dtk"));
        QCOMPARE(ui::durationText(7'500'000), QStringLiteral("2 jam 05 mnt"));
        QCOMPARE(ui::holdingTimeText(12 * 60'000), QStringLiteral("12 mnt"));
        QCOMPARE(ui::holdingTimeText(5 * 3'600'000LL + 3 * 60'000), QStringLiteral("5 jam 03 mnt"));
        QCOMPARE(ui::holdingTimeText(3 * 86'400'000LL + 4 * 3'600'000LL),
                 QStringLiteral("3 hari 4 jam"));
    }
};

QTEST_MAIN(TestEngineText)
#include "test_engine_text.moc"
