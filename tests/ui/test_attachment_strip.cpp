// Screenshots in the trade detail pane (ui/attachment_strip): attached by file, by a drop of
// files, by a drop of image data, by Ctrl+V of an image; the same image once; a file that is not
// an image refused with one sentence; thumbnails, a double-click opening the image full size,
// and removal. Offscreen.

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/database.h"
#include "sync/journal/outbox_store.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "ui/attachment_strip.h"
#include "ui/trade_detail.h"
#include "ui/write_gate.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDialog>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;

namespace {

QImage picture(int width, int height, QColor color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

QByteArray encoded(const QImage& image, const char* format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

} // namespace

class TestAttachmentStrip : public QObject
{
    Q_OBJECT

private slots:
    void attachShowOpenAndRemove()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.sqlite"));
        journal::Database writer(path);
        const JournalTrade trade =
            fbtest::makeTrade(QStringLiteral("BTCUSDT"), 1001, 1'790'000'000'000, true);
        fbtest::addTrades(writer, {trade});
        journal::Database reader(
            path, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("ui-test")});
        ui::WriteGate writes(writer);
        ui::TradeDetail detail(reader, writes);
        detail.resize(600, 900);
        detail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&detail));
        ui::AttachmentStrip* strip = detail.attachments();
        QVERIFY(strip);
        // The strip lives in the detail pane's Screenshots tab: shown, as a trader would.
        bool shown = false;
        for (QTabWidget* tabs : detail.findChildren<QTabWidget*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->widget(i) == strip || tabs->widget(i)->isAncestorOf(strip)) {
                    tabs->setCurrentIndex(i);
                    shown = true;
                }
            }
        }
        QVERIFY(shown);
        QVERIFY(!strip->isEnabled()); // no trade selected
        detail.showTrade(trade.key);
        QVERIFY(strip->isEnabled());
        QCOMPARE(strip->thumbnails()->count(), 0);
        QCOMPARE(strip->attachButton()->text(), QStringLiteral("Attach image…"));
        const qint64 queued = journal::OutboxStore(writer).pendingCount();

        // A file (what the button's dialog ends in).
        const QString pngFile = dir.filePath(QStringLiteral("entry.png"));
        const QByteArray pngBytes = encoded(picture(320, 200, Qt::darkGreen), "PNG");
        {
            QFile f(pngFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(pngBytes);
        }
        QVERIFY(strip->attachFile(pngFile));
        QCOMPARE(strip->thumbnails()->count(), 1);
        QCOMPARE(strip->thumbnails()->item(0)->text(), QStringLiteral("entry.png"));
        QCOMPARE(strip->thumbnails()->item(0)->toolTip(),
                 QStringLiteral("entry.png, 320 × 200 — double-click to open"));
        QVERIFY(!strip->thumbnails()->item(0)->icon().isNull());
        QCOMPARE(journal::OutboxStore(writer).pendingCount(), queued + 1);
        QVERIFY(strip->attachFile(pngFile)); // the same image: still one
        QCOMPARE(strip->thumbnails()->count(), 1);
        QCOMPARE(journal::OutboxStore(writer).pendingCount(), queued + 1);

        // Not an image: one sentence, nothing attached.
        const QString textFile = dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(textFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("just words");
        }
        QVERIFY(!strip->attachFile(textFile));
        QCOMPARE(strip->message(), QStringLiteral("notes.txt is not a PNG, JPEG, WebP or GIF "
                                                  "image."));
        QCOMPARE(strip->thumbnails()->count(), 1);

        // Dropped files.
        const QString jpegFile = dir.filePath(QStringLiteral("exit.png"));
        {
            QFile f(jpegFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(encoded(picture(64, 48, Qt::red), "PNG"));
        }
        auto* files = new QMimeData;
        files->setUrls({QUrl::fromLocalFile(jpegFile)});
        // QApplication delivers a drop only to the target of a real drag (QDragManager), which
        // an offscreen test has not: the events go to the widget's event() as a drag would.
        QObject* target = strip;
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, files, Qt::LeftButton,
                              Qt::NoModifier);
        target->event(&enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropFiles(QPointF(10, 10), Qt::CopyAction, files, Qt::LeftButton,
                             Qt::NoModifier);
        target->event(&dropFiles);
        QVERIFY(dropFiles.isAccepted());
        QCOMPARE(strip->thumbnails()->count(), 2);
        QCOMPARE(strip->message(), QString());
        delete files;

        // Dropped image data (from a browser or an image editor).
        auto* imageData = new QMimeData;
        imageData->setImageData(picture(30, 20, Qt::blue));
        QDropEvent dropImage(QPointF(10, 10), Qt::CopyAction, imageData, Qt::LeftButton,
                             Qt::NoModifier);
        target->event(&dropImage);
        QVERIFY(dropImage.isAccepted());
        QCOMPARE(strip->thumbnails()->count(), 3);
        delete imageData;

        // Ctrl+V of an image while the strip has the focus.
        QApplication::clipboard()->setImage(picture(50, 40, Qt::yellow));
        detail.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&detail));
        strip->thumbnails()->setFocus();
        QTest::keyClick(strip->thumbnails(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(strip->thumbnails()->count(), 4);
        QCOMPARE(journal::OutboxStore(writer).pendingCount(), queued + 4);

        const QVector<journal::Attachment> rows = journal::AttachmentStore(reader).list(trade.key);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).hash, journal::blobHash(pngBytes));
        QCOMPARE(rows.at(1).fileName, QStringLiteral("exit.png"));
        QCOMPARE(rows.at(2).mime, QStringLiteral("image/png"));
        QVERIFY(rows.at(3).fileName.startsWith(QStringLiteral("pasted-")));

        // Double-click: the image at full size.
        QListWidget* list = strip->thumbnails();
        const QRect first = list->visualItemRect(list->item(0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, first.center());
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, first.center());
        QDialog* full = strip->findChild<QDialog*>(QStringLiteral("attachmentFullSize"));
        QVERIFY(full);
        QTRY_VERIFY(full->isVisible());
        QCOMPARE(full->windowTitle(), QStringLiteral("entry.png — 320 × 200"));
        QLabel* label = full->findChild<QLabel*>();
        QVERIFY(label);
        QCOMPARE(label->pixmap().size(), QSize(320, 200));
        full->close();

        // Remove the selected one.
        list->setCurrentRow(1);
        QVERIFY(strip->findChildren<QPushButton*>().at(1)->isEnabled());
        strip->removeSelected();
        QCOMPARE(list->count(), 3);
        QCOMPARE(journal::OutboxStore(writer).pendingCount(), queued + 5);
        detail.showTrade(QString());
        QVERIFY(!strip->isEnabled());
        detail.showTrade(trade.key);
        QCOMPARE(list->count(), 3);
    }
};

QTEST_MAIN(TestAttachmentStrip)
#include "test_attachment_strip.moc"
