#include "ui/accounts_page.h"

#include "ui/retranslate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace fb::ui {

AccountsPage::AccountsPage(const AppSettings& settings, const Form& form, QWidget* parent)
    : QWidget(parent)
    , m_form(form)
    , m_accounts(settings.accountList())
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* listRow = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("accountsList"));
    m_list->setMaximumHeight(90);
    m_add = new QPushButton(this);
    m_remove = new QPushButton(this);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    listRow->addWidget(m_list, 1);
    listRow->addLayout(buttons);
    layout->addLayout(listRow);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("accountsRemoveNote"));
    layout->addWidget(m_note);
    for (const AccountSettings& account : m_accounts)
        m_list->addItem(account.name);
    retranslateOnLanguageChange(this, [this] { retranslateUi(); });

    const auto selected =
        std::find_if(m_accounts.cbegin(), m_accounts.cend(),
                     [&](const AccountSettings& a) { return a.name == settings.account; });
    m_current = selected == m_accounts.cend() ? (m_accounts.isEmpty() ? -1 : 0)
                                              : int(selected - m_accounts.cbegin());
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(m_current);
    }
    showRow(m_current);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row == m_current || row < 0)
            return;
        storeForm();
        // A key typed for the account being left waits for Save.
        const Credentials typed{m_form.apiKey->text().trimmed().toLatin1(),
                                m_form.apiSecret->text().trimmed().toLatin1()};
        if (m_current >= 0 && !typed.isEmpty())
            m_pending.insert(m_accounts.at(m_current).name, typed);
        m_current = row;
        showRow(row);
        emit currentChanged();
    });
    connect(m_form.name, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (m_current >= 0)
            m_list->item(m_current)->setText(text.trimmed());
    });
    connect(m_add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsPage::removeAccount);
}

void AccountsPage::retranslateUi()
{
    m_add->setText(tr("Add account"));
    m_remove->setText(tr("Remove"));
    m_list->setToolTip(tr("The accounts this journal syncs. The one chosen here is the one "
                          "Sync now syncs; the Sync menu syncs all of them in turn."));
    m_note->setText(tr("Removing an account only takes it off this list: its trades stay in the "
                       "journal, and its key stays where it is stored."));
}

void AccountsPage::storeForm()
{
    if (m_current < 0 || m_current >= m_accounts.size())
        return;
    AccountSettings& a = m_accounts[m_current];
    a.name = m_form.name->text().trimmed();
    a.endpoint = m_form.endpoint->currentData().toString();
    a.customBaseUrl = QUrl(m_form.customUrl->text().trimmed());
}

void AccountsPage::showRow(int row)
{
    const bool valid = row >= 0 && row < m_accounts.size();
    const AccountSettings a = valid ? m_accounts.at(row) : AccountSettings{};
    m_form.name->setText(a.name);
    m_form.endpoint->setCurrentIndex(std::max(0, m_form.endpoint->findData(a.endpoint)));
    m_form.customUrl->setText(a.customBaseUrl.toString());
    const Credentials pending = m_pending.take(a.name);
    m_form.apiKey->setText(QString::fromLatin1(pending.apiKey));
    m_form.apiSecret->setText(QString::fromLatin1(pending.apiSecret));
    m_remove->setEnabled(!m_readOnly && m_accounts.size() > 1);
}

QString AccountsPage::freeName() const
{
    for (int n = 2;; ++n) {
        const QString name = QStringLiteral("account%1").arg(n);
        if (std::none_of(m_accounts.cbegin(), m_accounts.cend(),
                         [&](const AccountSettings& a) { return a.name == name; }))
            return name;
    }
}

void AccountsPage::addAccount()
{
    AccountSettings account;
    account.name = freeName();
    m_accounts.append(account);
    m_list->addItem(account.name);
    m_list->setCurrentRow(int(m_accounts.size()) - 1);
    m_form.name->setFocus();
    m_form.name->selectAll();
}

void AccountsPage::removeAccount()
{
    if (m_current < 0 || m_accounts.size() <= 1)
        return;
    const int row = m_current;
    m_pending.remove(m_accounts.at(row).name);
    m_accounts.removeAt(row);
    m_current = -1; // nothing of the removed row is stored back
    {
        const QSignalBlocker blocker(m_list);
        delete m_list->takeItem(row);
        m_list->setCurrentRow(std::min(row, int(m_accounts.size()) - 1));
    }
    m_current = m_list->currentRow();
    showRow(m_current);
    emit currentChanged();
}

QVector<AccountSettings> AccountsPage::accounts() const
{
    QVector<AccountSettings> list = m_accounts;
    if (m_current >= 0 && m_current < list.size()) {
        AccountSettings& a = list[m_current];
        a.name = m_form.name->text().trimmed();
        a.endpoint = m_form.endpoint->currentData().toString();
        a.customBaseUrl = QUrl(m_form.customUrl->text().trimmed());
    }
    // Unnamed rows and second rows of one name are not accounts.
    QVector<AccountSettings> named;
    for (const AccountSettings& a : list)
        if (!a.name.isEmpty() &&
            std::none_of(named.cbegin(), named.cend(),
                         [&](const AccountSettings& b) { return b.name == a.name; }))
            named.append(a);
    return named;
}

QString AccountsPage::currentName() const
{
    return m_form.name->text().trimmed();
}

void AccountsPage::writePending(SecretStore& secrets,
                                std::function<void(bool ok, QString warning)> done)
{
    // Only accounts still listed (a removed one's typed key is dropped).
    QVector<std::pair<QString, Credentials>> queue;
    const QVector<AccountSettings> listed = accounts();
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        if (std::any_of(listed.cbegin(), listed.cend(),
                        [&](const AccountSettings& a) { return a.name == it.key(); }))
            queue.append({it.key(), it.value()});
    struct State
    {
        bool ok = true;
        QStringList warnings;
    };
    auto state = std::make_shared<State>();
    auto step = std::make_shared<std::function<void(qsizetype)>>();
    const QPointer<AccountsPage> self(this);
    *step = [self, &secrets, queue, state, step, done](qsizetype i) {
        if (!self)
            return;
        if (i >= queue.size()) {
            done(state->ok, state->warnings.join(QLatin1Char('\n')));
            *step = nullptr; // breaks the cycle
            return;
        }
        secrets.write(queue.at(i).first, queue.at(i).second,
                      [self, state, step, i](bool ok, const QString& warning) {
                          state->ok = state->ok && ok;
                          if (!warning.isEmpty())
                              state->warnings << warning;
                          if (self && *step)
                              (*step)(i + 1);
                      });
    };
    (*step)(0);
}

void AccountsPage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_list->setEnabled(!readOnly);
    m_add->setEnabled(!readOnly);
    m_remove->setEnabled(!readOnly && m_accounts.size() > 1);
}

} // namespace fb::ui
