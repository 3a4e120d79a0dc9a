#pragma once
// The images attached to the selected trade (docs/sharing.md, "Screenshots"): thumbnails in the
// trade detail pane, one opened full size on double-click, attached by the button's file dialog,
// by dropping files or image data on the strip, and by pasting (Ctrl+V) an image or image
// files while the strip has the focus. Attaching writes through AttachmentStore on the UI's
// read-write connection (the file first, then the row with its outbox row); a file that is not
// an image, too large, or unreadable is refused with one sentence under the thumbnails.

#include <QByteArray>
#include <QString>
#include <QWidget>

class QDialog;
class QLabel;
class QListWidget;
class QMimeData;
class QPushButton;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class WriteGate;

class AttachmentStrip : public QWidget
{
    Q_OBJECT
public:
    AttachmentStrip(journal::Database& readDb, WriteGate& writes, QWidget* parent = nullptr);

    void showTrade(const QString& key); // empty: nothing selected
    // Attaches one image (what the button, a drop and a paste end in); false after the sentence
    // saying why not is shown. While the journal is being checked the image is held and stored
    // once the check has passed (true; write_gate.h).
    bool attachBytes(const QByteArray& bytes, const QString& fileName);
    bool attachFile(const QString& path);
    // Attaches what `mime` holds: image files (URLs) or an image; false when nothing was.
    bool attachMimeData(const QMimeData* mime);
    void pasteFromClipboard();
    // The window with the image at full size (for tests: it is shown, not executed).
    QDialog* openFullSize(const QString& hash);
    void removeSelected();

    QListWidget* thumbnails() const { return m_list; }
    QString message() const; // the last refusal, empty when none
    QPushButton* attachButton() const { return m_attach; }

signals:
    void attachmentsChanged(const QString& tradeKey);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void reload();
    void chooseFiles();
    void showMessage(const QString& sentence);

    journal::Database& m_readDb;
    WriteGate& m_writes;
    QString m_key;
    QLabel* m_title = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_attach = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace fb::ui
