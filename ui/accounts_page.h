#pragma once
// Settings' list of accounts (issue 14): several Binance accounts in one journal, each with its
// own name, exchange endpoint and key (the SecretStore keeps keys by account name). The list
// drives the dialog's account form: choosing a row shows that account in the form, editing the
// form edits the row. A key typed for one account is kept while another is shown and written on
// Save. Removing an account only takes it off this list: its trades stay in the journal.

#include "ui/app_settings.h"
#include "ui/secret_store.h"

#include <QMap>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace fb::ui {

class AccountsPage : public QWidget
{
    Q_OBJECT
public:
    struct Form
    {
        QLineEdit* name = nullptr;
        QComboBox* endpoint = nullptr;
        QLineEdit* customUrl = nullptr;
        QLineEdit* apiKey = nullptr;
        QLineEdit* apiSecret = nullptr;
    };
    // `settings.accountList()`, its selected account current; the form shows the current row.
    AccountsPage(const AppSettings& settings, const Form& form, QWidget* parent = nullptr);

    // The list as edited (the current row's form fields included), and the current row's name.
    QVector<AccountSettings> accounts() const;
    QString currentName() const;
    // Keys typed for accounts other than the one shown (the shown one's are in the form).
    QMap<QString, Credentials> pendingCredentials() const { return m_pending; }
    // Writes the pending keys one after the other; `done` gets every warning (empty: all in
    // the keychain) and whether all were stored.
    void writePending(SecretStore& secrets, std::function<void(bool ok, QString warning)> done);
    // Demo mode: the list is shown but cannot be changed.
    void setReadOnly(bool readOnly);

    QListWidget* list() const { return m_list; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* removeButton() const { return m_remove; }
    QLabel* removeNote() const { return m_note; }

signals:
    // Another account is shown in the form (the dialog reads its stored key's place).
    void currentChanged();

private:
    void retranslateUi();
    void storeForm();      // the form into the current row
    void showRow(int row); // the row into the form
    void addAccount();
    void removeAccount();
    QString freeName() const;

    Form m_form;
    QVector<AccountSettings> m_accounts;
    int m_current = -1;
    QMap<QString, Credentials> m_pending;
    QListWidget* m_list = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_note = nullptr;
    bool m_readOnly = false;
};

} // namespace fb::ui
