#include "ui/desk_browse_dialog.h"

#include "sync/journal/outbox_store.h"
#include "sync/share/desk_url.h"
#include "ui/desk_browse_worker.h"
#include "ui/models/money_format.h"
#include "ui/retranslate.h"
#include "ui/secret_store.h"
#include "ui/share_settings_page.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace fb::ui {

using journal::BrowsedTrade;

namespace {

enum Column {
    Opened,
    Closed,
    Symbol,
    Side,
    Status,
    MaxQty,
    Entry,
    Exit,
    Realized,
    Fees,
    Funding,
    Net,
    Tags,
    Note,
    ColumnCount
};

QTableWidgetItem* cell(const QString& text, const QString& tip = QString(),
                       Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable); // never editable
    item->setTextAlignment(align);
    if (!tip.isEmpty())
        item->setToolTip(tip);
    return item;
}

QTableWidgetItem* money(const QString& decimal, const QString& asset)
{
    // Two places in the cell, the exact stored amount in the tool tip.
    return cell(moneyText(decimal, asset), exactText(decimal, asset),
                Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

QString deskPasswordFromEnvironment()
{
    return qEnvironmentVariable(share::kDeskPasswordVariable);
}

DeskBrowseDialog::DeskBrowseDialog(const DeskBrowseSource& source, const QTimeZone& zone,
                                   QWidget* parent)
    : QDialog(parent)
    , m_zone(zone)
{
    setObjectName(QStringLiteral("deskBrowse"));
    m_server = new QLabel(this);
    m_server->setWordWrap(true);
    m_accountLabel = new QLabel(this);
    m_accounts = new QComboBox(this);
    m_accounts->setObjectName(QStringLiteral("deskAccounts"));
    m_accounts->setEditable(true); // an account name may also be typed
    m_accounts->setInsertPolicy(QComboBox::NoInsert);
    m_accounts->setMinimumContentsLength(16);
    m_accountLabel->setBuddy(m_accounts);
    m_open = new QPushButton(this);
    m_open->setObjectName(QStringLiteral("deskOpen"));
    m_refresh = new QPushButton(this);
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("deskBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("font-weight: bold; padding: 4px;"));
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("deskTrades"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("deskMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_close = buttons->button(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* row = new QHBoxLayout;
    row->addWidget(m_accountLabel);
    row->addWidget(m_accounts, 1);
    row->addWidget(m_open);
    row->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_server);
    layout->addLayout(row);
    layout->addWidget(m_banner);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(1400, 480);

    connect(m_open, &QPushButton::clicked, this,
            [this] { openAccount(m_accounts->currentText().trimmed()); });
    connect(m_accounts->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { openAccount(m_accounts->currentText().trimmed()); });
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        setBusy(true);
        emit listRequested();
    });

    if (source.url.trimmed().isEmpty()) {
        m_setupError = QStringLiteral("no-url");
    } else {
        const share::DeskUrl parsed = share::parseDeskUrl(source.url.trimmed(), source.password);
        if (!parsed.endpoint) {
            m_setupError = parsed.error;
        } else {
            m_serverText = parsed.endpoint->display();
            m_user = parsed.endpoint->user;
            m_thread = new QThread(this);
            m_thread->setObjectName(QStringLiteral("desk-browse"));
            m_worker = new DeskBrowseWorker(*parsed.endpoint);
            m_worker->moveToThread(m_thread);
            connect(this, &DeskBrowseDialog::listRequested, m_worker,
                    &DeskBrowseWorker::listAccounts);
            connect(this, &DeskBrowseDialog::browseRequested, m_worker, &DeskBrowseWorker::browse);
            connect(m_worker, &DeskBrowseWorker::accountsListed, this,
                    [this](const QStringList& accounts) {
                        setBusy(false);
                        const QString typed = m_accounts->currentText();
                        m_accounts->clear();
                        m_accounts->addItems(accounts);
                        if (!typed.isEmpty())
                            m_accounts->setEditText(typed);
                        m_listedNone = accounts.isEmpty();
                        m_failure.clear();
                        retranslate();
                        emit accountsShown(accounts);
                    });
            connect(m_worker, &DeskBrowseWorker::browsed, this,
                    [this](const QString& account, const QString& owner,
                           const QVector<BrowsedTrade>& trades) {
                        setBusy(false);
                        m_shownAccount = account;
                        m_accounts->setEditText(account); // the box names what is shown
                        m_shownOwner = owner;
                        m_trades = trades;
                        m_failure.clear();
                        retranslate();
                        emit tradesShown(account, int(trades.size()));
                    });
            connect(m_worker, &DeskBrowseWorker::failed, this,
                    [this](const QString& sentence) { showFailure(sentence); });
            m_thread->start();
        }
    }
    retranslateOnLanguageChange(this, [this] { retranslate(); });
    if (m_worker) {
        setBusy(true);
        emit listRequested();
    } else {
        m_open->setEnabled(false);
        m_refresh->setEnabled(false);
        m_accounts->setEnabled(false);
    }
}

DeskBrowseDialog::~DeskBrowseDialog()
{
    if (!m_thread)
        return;
    // The connection belongs to the worker's thread: closed there, then the thread stops.
    QMetaObject::invokeMethod(m_worker, &DeskBrowseWorker::close, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void DeskBrowseDialog::openAccount(const QString& account)
{
    if (!m_worker || account.isEmpty())
        return;
    setBusy(true);
    emit browseRequested(account);
}

void DeskBrowseDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_open->setEnabled(!busy && m_worker);
    m_refresh->setEnabled(!busy && m_worker);
    showMessage();
}

void DeskBrowseDialog::showFailure(const QString& sentence)
{
    setBusy(false);
    // Nothing of an account the role may not read stays on screen.
    m_shownAccount.clear();
    m_shownOwner.clear();
    m_trades.clear();
    m_failure = sentence;
    retranslate();
    emit failureShown(sentence);
}

void DeskBrowseDialog::retranslate()
{
    setWindowTitle(tr("Browse desk account (read-only)"));
    m_server->setText(m_worker ? tr("Desk server %1, role %2. Trades are read from the server "
                                    "and cannot be edited here.")
                                     .arg(m_serverText, m_user)
                               : QString());
    m_accountLabel->setText(tr("&Account:"));
    m_open->setText(tr("&Open"));
    m_refresh->setText(tr("&Refresh list"));
    m_table->setHorizontalHeaderLabels({tr("Opened"), tr("Closed"), tr("Symbol"), tr("Side"),
                                        tr("Status"), tr("Max qty"), tr("Entry"), tr("Exit"),
                                        tr("Realized PnL"), tr("Fees"), tr("Funding"),
                                        tr("Net PnL"), tr("Tags"), tr("Note")});
    if (m_shownAccount.isEmpty())
        m_banner->setText(tr("Read-only, from the desk server: choose an account and press "
                             "Open."));
    else
        m_banner->setText(tr("Read-only, from the desk server, account %1 (%2): %n trade(s).",
                             nullptr, int(m_trades.size()))
                              .arg(m_shownAccount, m_shownOwner.isEmpty()
                                                       ? tr("never pushed")
                                                       : tr("owner %1").arg(m_shownOwner)));
    showMessage();
    showTrades();
    m_close->setText(tr("Close"));
}

void DeskBrowseDialog::showMessage()
{
    QString message;
    if (m_setupError == QLatin1String("no-url"))
        message = tr("No desk server is set for this journal; run 'fillbook-cli desk init --url "
                     "postgresql://USER@HOST:PORT/DATABASE' first.");
    else if (!m_setupError.isEmpty())
        message = m_setupError;
    else if (m_busy)
        message = tr("Reading from the desk server…");
    else if (!m_failure.isEmpty())
        message = m_failure;
    else if (m_listedNone)
        message = tr("Role %1 may read no account on this desk yet.").arg(m_user);
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void DeskBrowseDialog::showTrades()
{
    m_table->setRowCount(int(m_trades.size()));
    for (int r = 0; r < m_trades.size(); ++r) {
        const BrowsedTrade& t = m_trades.at(r);
        const QString& asset = t.marginAsset;
        m_table->setItem(r, Opened,
                         cell(dateTimeText(QDateTime::fromMSecsSinceEpoch(t.openTime, m_zone))));
        m_table->setItem(
            r, Closed,
            cell(t.closeTime ? dateTimeText(QDateTime::fromMSecsSinceEpoch(*t.closeTime, m_zone))
                             : QStringLiteral("–")));
        m_table->setItem(r, Symbol, cell(t.symbol, t.key));
        m_table->setItem(r, Side,
                         cell(t.direction == QLatin1String("SHORT") ? tr("Short") : tr("Long")));
        m_table->setItem(r, Status,
                         cell(t.status == QLatin1String("OPEN") ? tr("Open") : tr("Closed")));
        m_table->setItem(
            r, MaxQty,
            cell(localizedDecimal(t.maxQty), QString(), Qt::AlignRight | Qt::AlignVCenter));
        m_table->setItem(r, Entry,
                         t.avgEntryPrice.isEmpty()
                             ? cell(QStringLiteral("–"))
                             : cell(exactText(t.avgEntryPrice, asset), QString(),
                                    Qt::AlignRight | Qt::AlignVCenter));
        m_table->setItem(r, Exit,
                         t.avgExitPrice.isEmpty()
                             ? cell(QStringLiteral("–"))
                             : cell(exactText(t.avgExitPrice, asset), QString(),
                                    Qt::AlignRight | Qt::AlignVCenter));
        m_table->setItem(r, Realized, money(t.realizedPnl, asset));
        m_table->setItem(r, Fees,
                         cell(feesText(t.commissionJson, asset),
                              feesText(t.commissionJson, asset, true),
                              Qt::AlignRight | Qt::AlignVCenter));
        m_table->setItem(r, Funding, money(t.funding, asset));
        m_table->setItem(r, Net, money(t.netPnl, asset));
        m_table->setItem(r, Tags, cell(t.tags.join(QStringLiteral(", "))));
        QString note = t.note;
        note.replace(QLatin1Char('\n'), QLatin1Char(' '));
        m_table->setItem(r, Note, cell(note, t.note));
    }
    m_table->resizeColumnsToContents();
}

void openDeskBrowse(QWidget* parent, journal::Database& readDb, const QTimeZone& zone,
                    SecretStore& secrets)
{
    DeskBrowseSource source;
    source.url = journal::OutboxStore(readDb).state(journal::kShareDeskUrl).value_or(QString());
    // The password Settings → Share stored for this URL and user (the keychain, or the
    // user-only file); the command line's variable when none is stored (D144).
    ShareSettings share;
    share.url = source.url;
    const QPointer<QWidget> owner(parent);
    secrets.read(share.secretName(), [owner, source, zone](const StoredCredentials& found) mutable {
        if (!owner)
            return;
        source.password = QString::fromUtf8(found.credentials.apiKey);
        if (source.password.isEmpty())
            source.password = deskPasswordFromEnvironment();
        auto* dialog = new DeskBrowseDialog(source, zone, owner);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

} // namespace fb::ui
