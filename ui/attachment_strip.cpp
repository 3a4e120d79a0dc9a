#include "ui/attachment_strip.h"

#include "ui/app_context.h"
#include "ui/retranslate.h"
#include "ui/write_gate.h"

#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/journal_error.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDateTime>
#include <QDialog>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

#include <memory>

namespace fb::ui {

namespace {

constexpr int kThumbnail = 80;
constexpr int kHashRole = Qt::UserRole + 1;

QByteArray pngOf(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

AttachmentStrip::AttachmentStrip(journal::Database& readDb, WriteGate& writes, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
    , m_writes(writes)
{
    setAcceptDrops(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_attach = new QPushButton(this);
    m_remove = new QPushButton(this);
    m_remove->setEnabled(false);
    top->addWidget(m_title, 1);
    top->addWidget(m_attach);
    top->addWidget(m_remove);
    m_list = new QListWidget(this);
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(kThumbnail, kThumbnail));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setWrapping(false);
    m_list->setFlow(QListView::LeftToRight);
    // One cell per image, the thumbnails aligned whatever their shape.
    m_list->setGridSize(QSize(kThumbnail + 24, kThumbnail + fontMetrics().height() + 12));
    m_list->setFixedHeight(kThumbnail + fontMetrics().height() + 24);
    m_list->setAcceptDrops(false); // the strip takes the drop
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addLayout(top);
    layout->addWidget(m_list);
    layout->addWidget(m_message);

    connect(m_attach, &QPushButton::clicked, this, &AttachmentStrip::chooseFiles);
    connect(m_remove, &QPushButton::clicked, this, &AttachmentStrip::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        if (QDialog* dialog = openFullSize(item->data(kHashRole).toString()))
            dialog->setAttribute(Qt::WA_DeleteOnClose);
    });
    auto* paste = new QShortcut(QKeySequence::Paste, this);
    paste->setContext(Qt::WidgetWithChildrenShortcut);
    connect(paste, &QShortcut::activated, this, &AttachmentStrip::pasteFromClipboard);
    auto* remove = new QShortcut(QKeySequence::Delete, m_list);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &AttachmentStrip::removeSelected);
    setEnabled(false);
    retranslateOnLanguageChange(this, [this] {
        m_attach->setText(tr("Attach image…"));
        m_attach->setToolTip(tr("Attach a screenshot (PNG, JPEG, WebP or GIF). You can also "
                                "drop image files here or paste an image with Ctrl+V."));
        m_remove->setText(tr("Remove"));
        reload(); // the title and the tool tips in the new language
    });
}

void AttachmentStrip::showTrade(const QString& key)
{
    m_key = key;
    setEnabled(!key.isEmpty());
    m_message->clear();
    m_message->hide();
    reload();
}

QString AttachmentStrip::message() const
{
    // isHidden, not isVisible: the strip may sit in a tab that is not shown (the detail pane).
    return m_message->isHidden() ? QString() : m_message->text();
}

void AttachmentStrip::showMessage(const QString& sentence)
{
    m_message->setText(sentence);
    m_message->setVisible(!sentence.isEmpty());
}

void AttachmentStrip::reload()
{
    m_list->clear();
    QVector<journal::Attachment> rows;
    if (!m_key.isEmpty()) {
        try {
            rows = journal::AttachmentStore(m_readDb).list(m_key);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not read the attachments:" << e.what();
        }
    }
    m_title->setText(rows.isEmpty() ? tr("Screenshots: none yet")
                                    : tr("Screenshots: %1").arg(rows.size()));
    for (const journal::Attachment& a : rows) {
        const std::optional<QByteArray> bytes = journal::AttachmentStore(m_readDb).bytes(a.hash);
        const QImage image = bytes ? QImage::fromData(*bytes) : QImage();
        auto* item = new QListWidgetItem(m_list);
        if (!image.isNull())
            item->setIcon(QIcon(QPixmap::fromImage(image.scaled(
                kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation))));
        item->setText(
            QFontMetrics(m_list->font()).elidedText(a.fileName, Qt::ElideMiddle, kThumbnail + 16));
        item->setToolTip(image.isNull()
                             ? tr("%1 (the image is not on this computer)").arg(a.fileName)
                             : tr("%1, %2 × %3 — double-click to open")
                                   .arg(a.fileName)
                                   .arg(image.width())
                                   .arg(image.height()));
        item->setData(kHashRole, a.hash);
    }
    m_remove->setEnabled(false);
    // No thumbnails, no strip: the pane keeps its height for the fills (1024×768 screens).
    m_list->setVisible(!rows.isEmpty());
    m_remove->setVisible(!rows.isEmpty());
}

bool AttachmentStrip::attachBytes(const QByteArray& bytes, const QString& fileName)
{
    if (m_key.isEmpty())
        return false;
    const QString name = QFileInfo(fileName).fileName();
    if (bytes.size() > journal::kMaxAttachmentBytes) {
        showMessage(tr("%1 is larger than %2 MB, the most an attachment may be.")
                        .arg(name)
                        .arg(journal::kMaxAttachmentBytes / (1024 * 1024)));
        return false;
    }
    if (journal::sniffImageType(bytes).isEmpty()) {
        showMessage(tr("%1 is not a PNG, JPEG, WebP or GIF image.").arg(name));
        return false;
    }
    // Set only by a write that runs now; a held one reports itself when it runs.
    const auto stored = std::make_shared<bool>(true);
    m_writes.write(this, [this, key = m_key, name, bytes, stored](journal::Database& db) {
        try {
            journal::AttachmentStore(db).attach(key, name, bytes);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not attach the image:" << e.what();
            showMessage(tr("Could not attach %1: %2").arg(name, e.message()));
            *stored = false;
            return;
        }
        showMessage(QString());
        reload();
        emit attachmentsChanged(key);
    });
    return *stored && m_writes.accepts();
}

bool AttachmentStrip::attachFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Could not read %1.").arg(QFileInfo(path).fileName()));
        return false;
    }
    if (file.size() > journal::kMaxAttachmentBytes)
        return attachBytes(file.read(journal::kMaxAttachmentBytes + 1), path);
    return attachBytes(file.readAll(), path);
}

bool AttachmentStrip::attachMimeData(const QMimeData* mime)
{
    if (!mime)
        return false;
    bool any = false;
    if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile())
                any = attachFile(url.toLocalFile()) || any;
        }
        return any;
    }
    if (mime->hasImage()) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (image.isNull())
            return false;
        const QString name =
            QStringLiteral("pasted-%1.png")
                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        return attachBytes(pngOf(image), name);
    }
    return false;
}

void AttachmentStrip::pasteFromClipboard()
{
    if (!attachMimeData(QApplication::clipboard()->mimeData()) && message().isEmpty())
        showMessage(tr("The clipboard holds no image to attach."));
}

QDialog* AttachmentStrip::openFullSize(const QString& hash)
{
    const std::optional<QByteArray> bytes = journal::AttachmentStore(m_readDb).bytes(hash);
    const QImage image = bytes ? QImage::fromData(*bytes) : QImage();
    if (image.isNull()) {
        showMessage(tr("This image is not on this computer yet; it arrives with the next pull."));
        return nullptr;
    }
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("attachmentFullSize"));
    QString name = hash;
    for (const journal::Attachment& a : journal::AttachmentStore(m_readDb).list(m_key))
        if (a.hash == hash)
            name = a.fileName;
    dialog->setWindowTitle(tr("%1 — %2 × %3").arg(name).arg(image.width()).arg(image.height()));
    auto* layout = new QVBoxLayout(dialog);
    auto* scroll = new QScrollArea(dialog);
    auto* label = new QLabel(scroll);
    label->setPixmap(QPixmap::fromImage(image));
    scroll->setWidget(label);
    layout->addWidget(scroll);
    dialog->resize(std::min(image.width() + 40, 1400), std::min(image.height() + 40, 900));
    dialog->show();
    return dialog;
}

void AttachmentStrip::removeSelected()
{
    const QList<QListWidgetItem*> selected = m_list->selectedItems();
    if (selected.isEmpty() || m_key.isEmpty())
        return;
    QStringList hashes;
    for (QListWidgetItem* item : selected)
        hashes << item->data(kHashRole).toString();
    m_writes.write(this, [this, key = m_key, hashes](journal::Database& db) {
        try {
            journal::AttachmentStore store(db);
            for (const QString& hash : hashes)
                store.remove(key, hash);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not remove the attachment:" << e.what();
        }
        reload();
        emit attachmentsChanged(key);
    });
}

void AttachmentStrip::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Attach screenshots"), QString(),
        tr("Images (*.png *.jpg *.jpeg *.webp *.gif);;All files (*)"));
    for (const QString& path : paths)
        attachFile(path);
}

void AttachmentStrip::dragEnterEvent(QDragEnterEvent* event)
{
    if (!m_key.isEmpty() && (event->mimeData()->hasUrls() || event->mimeData()->hasImage()))
        event->acceptProposedAction();
}

void AttachmentStrip::dropEvent(QDropEvent* event)
{
    if (attachMimeData(event->mimeData()))
        event->acceptProposedAction();
}

} // namespace fb::ui
