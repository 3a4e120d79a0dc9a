// The Conflicts tab with notes edited on two devices (docs/sharing.md): both versions side by
// side with keep mine, keep theirs and merge; the merge dialog starts from mine with the tags of
// both; each action saves a new local edit that has seen both and is queued for sharing.

#include "ui/conflicts_view.h"
#include "ui/note_merge_dialog.h"
#include "ui/write_gate.h"

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/note_conflicts.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/report_queries.h"

#include <QComboBox>
#include <QDate>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using journal::Annotation;

namespace {

const QString kOther = QStringLiteral("b7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5");

Annotation note(const QString& key, const QString& text, const QStringList& tags,
                const QString& setup, int rating, const QStringList& mistakes)
{
    Annotation a;
    a.tradeKey = key;
    a.notes = text;
    a.tags = tags;
    a.setup = setup;
    a.rating = rating;
    a.mistakes = mistakes;
    return a;
}

// What a pull keeps when the other device's version is concurrent with ours.
void theirVersion(journal::Database& db, journal::NoteKind kind, const Annotation& theirs)
{
    journal::PulledAnnotation p;
    p.noteKind = kind;
    p.annotation = theirs;
    p.originDevice = kOther;
    p.changeSeq = 17;
    p.vector.set(kOther, 1);
    journal::keepTheirVersion(db, p);
}

} // namespace

class TestNoteConflictsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static int rowOf(const ui::ConflictsView& view, const QString& key)
    {
        for (int r = 0; r < view.table()->rowCount(); ++r) {
            if (view.table()->item(r, 4)->toolTip() == key)
                return r;
        }
        return -1;
    }

private slots:
    void eachActionResolvesANoteConflict()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.sqlite"));
        journal::Database writeDb(path, {journal::OpenMode::ReadWrite, QStringLiteral("w")});
        journal::Database readDb(path, {journal::OpenMode::ReadOnly, QStringLiteral("r"), false});
        const QString keep = QStringLiteral("main:BTCUSDT:BOTH:11");
        const QString merge = QStringLiteral("main:ETHUSDT:BOTH:12");
        const QString day = QStringLiteral("2026-12-01");
        journal::AnnotationStore store(writeDb);
        store.save(note(keep, QStringLiteral("Mine: took profit too early."),
                        {QStringLiteral("breakout")}, QStringLiteral("range break"), 4,
                        {QStringLiteral("moved stop")}));
        theirVersion(writeDb, journal::NoteKind::Trade,
                     note(keep, QStringLiteral("Theirs: hold to the target."),
                          {QStringLiteral("news")}, QStringLiteral("news fade"), 2,
                          {QStringLiteral("sized up")}));
        store.save(note(merge, QStringLiteral("Mine: late entry."),
                        {QStringLiteral("breakout"), QStringLiteral("late")},
                        QStringLiteral("range break"), 3, {}));
        theirVersion(writeDb, journal::NoteKind::Trade,
                     note(merge, QStringLiteral("Theirs: chased it."),
                          {QStringLiteral("late"), QStringLiteral("fomo")},
                          QStringLiteral("momentum"), 1, {QStringLiteral("chased")}));
        journal::saveDayNote(writeDb, QDate(2026, 12, 1), QStringLiteral("Mine: calm day."), 1);
        Annotation theirDay;
        theirDay.tradeKey = day;
        theirDay.notes = QStringLiteral("Theirs: tilted after lunch.");
        theirVersion(writeDb, journal::NoteKind::Day, theirDay);
        const QString me = journal::OutboxStore(writeDb).deviceId();

        ui::WriteGate writes(writeDb);
        ui::ConflictsView view(readDb, writes);
        view.resize(1200, 700);
        view.reload();
        QCOMPARE(view.openCount(), 3);
        QCOMPARE(view.table()->item(0, 0)->text(), QStringLiteral("Note edited on two devices"));
        QCOMPARE(view.table()->item(2, 0)->text(),
                 QStringLiteral("Daily note edited on two devices"));
        QCOMPARE(view.table()->item(2, 4)->text(), QStringLiteral("daily note"));
        QCOMPARE(view.keepMineButton()->text(), QStringLiteral("Keep mine"));
        QCOMPARE(view.keepTheirsButton()->text(), QStringLiteral("Keep theirs"));
        QCOMPARE(view.mergeButton()->text(), QStringLiteral("Merge…"));

        // Both versions side by side.
        view.table()->selectRow(rowOf(view, keep));
        QVERIFY(!view.versionsPanel()->isHidden());
        QVERIFY(view.keepMineButton()->isEnabled());
        QCOMPARE(view.mineVersion()->toPlainText(),
                 QStringLiteral("Mine: took profit too early.\n\nTags: breakout\nSetup: range "
                                "break\nRating: 4 of 5\nMistakes: moved stop"));
        QCOMPARE(view.theirsVersion()->toPlainText(),
                 QStringLiteral("Theirs: hold to the target.\n\nTags: news\nSetup: news "
                                "fade\nRating: 2 of 5\nMistakes: sized up"));
        QCOMPARE(view.theirsLabel()->text(), QStringLiteral("Theirs (device b7c1d2e3)"));

        // Keep theirs.
        view.keepTheirsButton()->click();
        QCOMPARE(view.messageLabel()->text(),
                 QStringLiteral("Resolved the note of %1: took the other device's version. It is "
                                "shared with the next push.")
                     .arg(keep));
        QCOMPARE(store.annotation(keep)->notes, QStringLiteral("Theirs: hold to the target."));
        QCOMPARE(store.annotation(keep)->setup, QStringLiteral("news fade"));
        QCOMPARE(journal::noteVector(writeDb, journal::NoteKind::Trade, keep).counter(me), 2);
        QCOMPARE(journal::noteVector(writeDb, journal::NoteKind::Trade, keep).counter(kOther), 1);
        QCOMPARE(view.openCount(), 2);
        QCOMPARE(rowOf(view, keep), -1);

        // Merge: the dialog starts from mine, tags are the union, the rest is chosen.
        std::optional<QString> seen;
        view.setMergeEditor([&](const journal::NoteConflict& c) -> std::optional<Annotation> {
            ui::NoteMergeDialog dialog(c);
            seen = dialog.resultText()->toPlainText() + QLatin1Char('|') +
                   dialog.tagsEdit()->text() + QLatin1Char('|') +
                   dialog.setupChoice()->itemText(1) + QLatin1Char('|') +
                   dialog.ratingChoice()->itemText(0) + QLatin1Char('|') +
                   dialog.mistakesChoice()->itemText(0) + QLatin1Char('|') + dialog.windowTitle();
            dialog.resultText()->setPlainText(QStringLiteral("Late entry; chased it."));
            dialog.setupChoice()->setCurrentIndex(1);
            dialog.mistakesChoice()->setCurrentIndex(1);
            return dialog.merged();
        });
        view.table()->selectRow(rowOf(view, merge));
        view.mergeButton()->click();
        QCOMPARE(*seen, QStringLiteral("Mine: late entry.|breakout, late, fomo|Theirs: "
                                       "momentum|Mine: 3 of 5|Mine: none|Merge the notes of %1")
                            .arg(merge));
        const Annotation merged = *store.annotation(merge);
        QCOMPARE(merged.notes, QStringLiteral("Late entry; chased it."));
        QCOMPARE(merged.tags, QStringList({QStringLiteral("breakout"), QStringLiteral("late"),
                                           QStringLiteral("fomo")}));
        QCOMPARE(merged.setup, QStringLiteral("momentum"));
        QCOMPARE(merged.rating, std::optional<int>(3));
        QCOMPARE(merged.mistakes, QStringList({QStringLiteral("chased")}));
        QCOMPARE(view.messageLabel()->text(),
                 QStringLiteral("Resolved the note of %1: saved the merge. It is shared with the "
                                "next push.")
                     .arg(merge));

        // Keep mine on the daily note.
        view.table()->selectRow(0);
        QCOMPARE(view.mineVersion()->toPlainText(), QStringLiteral("Mine: calm day."));
        QCOMPARE(view.theirsVersion()->toPlainText(),
                 QStringLiteral("Theirs: tilted after lunch."));
        view.keepMineButton()->click();
        QCOMPARE(view.messageLabel()->text(),
                 QStringLiteral("Resolved the note of %1: kept your version. It is shared with "
                                "the next push.")
                     .arg(day));
        QCOMPARE(journal::loadDayNotes(writeDb, QDate(2026, 12, 1), QDate(2026, 12, 1))
                     .value(QDate(2026, 12, 1)),
                 QStringLiteral("Mine: calm day."));
        QCOMPARE(view.openCount(), 0);
        QCOMPARE(journal::noteConflicts(writeDb).size(), 0);
        // Each resolution is queued for sharing, after the three edits and the daily note.
        const QVector<journal::OutboxEntry> queued = journal::OutboxStore(writeDb).pending(20);
        QCOMPARE(queued.size(), 6);
        QCOMPARE(queued.at(3).ref, keep);
        QCOMPARE(queued.at(4).ref, merge);
        QCOMPARE(queued.at(5).kind, QStringLiteral("day_note"));
    }
};

QTEST_MAIN(TestNoteConflictsView)
#include "test_note_conflicts_view.moc"
