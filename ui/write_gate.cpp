#include "ui/write_gate.h"

#include "ui/app_context.h"

#include "sync/journal/database.h"
#include "sync/journal/integrity_record.h"
#include "sync/journal/journal_error.h"

#include <QElapsedTimer>

namespace fb::ui {

JournalCheck quickJournalCheck()
{
    return [](const QString& path) {
        // The rule of every writer's open (integrity_record.h, D157): no check
        // when Fillbook can vouch for the file; a check that passes is recorded.
        const journal::JournalFileState before = journal::journalFileState(path);
        const qint64 now = journal::Database::nowMs();
        const journal::IntegrityDecision decision =
            journal::decideIntegrityCheck(path, before, now, journal::kIntegrityPeriodMs);
        qCDebug(lcUi) << "journal check" << (decision.check ? "runs:" : "skipped:")
                      << journal::integrityReasonName(decision.reason);
        if (!decision.check) {
            journal::rememberVouchedCheck(before, decision);
            return QStringList();
        }
        journal::Database db(path, journal::OpenOptions{journal::OpenMode::ReadOnly,
                                                        QStringLiteral("ui-check"), false});
        const QStringList problems = db.integrityProblems(1);
        if (problems.isEmpty())
            journal::notePassedCheck(path, before, now, false);
        return problems;
    };
}

journal::OpenOptions editingConnectionOptions(bool checkIntegrity)
{
    journal::OpenOptions options{journal::OpenMode::ReadWrite, QStringLiteral("ui-edits")};
    options.integrityCheck =
        checkIntegrity ? journal::IntegrityCheck::UnlessVouched : journal::IntegrityCheck::Never;
    options.walAutocheckpointPages = 0;
    return options;
}

WriteGate::WriteGate(std::unique_ptr<journal::Database> writer, QObject* parent)
    : QObject(parent)
    , m_state(State::Open)
    , m_owned(std::move(writer))
    , m_writer(m_owned.get())
{
    m_path = m_writer->path();
    m_started = true;
}

WriteGate::WriteGate(journal::Database& writer, QObject* parent)
    : QObject(parent)
    , m_path(writer.path())
    , m_state(State::Open)
    , m_writer(&writer)
    , m_started(true)
{}

WriteGate::WriteGate(QString path, JournalCheck check, QObject* parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_check(check ? std::move(check) : quickJournalCheck())
{}

WriteGate::~WriteGate()
{
    if (m_thread.joinable())
        m_thread.join();
}

void WriteGate::start()
{
    if (m_started)
        return;
    m_started = true;
    // The thread writes m_problems and m_error only; they are read after it was joined.
    m_thread = std::thread([this, path = m_path, check = m_check] {
        QElapsedTimer took;
        took.start();
        try {
            m_problems = check(path);
        } catch (const journal::JournalError& e) {
            // A page too damaged to open is a finding (the connection already said it in the
            // damaged-journal sentence); anything else stops the edits with its own sentence.
            m_error = e.message();
        } catch (const std::exception& e) {
            m_error = QString::fromUtf8(e.what());
        }
        qCDebug(lcUi) << "journal check took" << took.elapsed() << "ms";
        // Queued to the gate's thread; dropped if the gate is gone (it joins this thread first).
        QMetaObject::invokeMethod(this, &WriteGate::checked, Qt::QueuedConnection);
    });
}

void WriteGate::finish()
{
    if (m_state != State::Checking || m_held.empty())
        return;
    start();
    checked();
}

void WriteGate::checked()
{
    if (m_state != State::Checking)
        return; // finish() got there first
    if (m_thread.joinable())
        m_thread.join();
    const QStringList problems = m_problems;
    const QString error = m_error;
    if (!error.isEmpty())
        return refuse(error);
    if (!problems.isEmpty())
        return refuse(journal::damagedJournal(m_path, problems.constFirst()).message());
    try {
        // Checked just now by the gate's thread: the editing connection does not check again.
        m_owned = std::make_unique<journal::Database>(m_path, editingConnectionOptions(false));
        m_writer = m_owned.get();
    } catch (const journal::JournalError& e) {
        return refuse(e.message());
    }
    m_state = State::Open;
    // The held edits, in the order they were made; a write may hand on another one (it runs
    // at once now that the gate is open).
    std::vector<Held> held;
    held.swap(m_held);
    for (Held& h : held)
        if (h.context)
            h.write(*m_writer);
    emit opened();
}

void WriteGate::refuse(const QString& sentence)
{
    qCWarning(lcUi).noquote() << "the journal is not written:" << sentence;
    m_state = State::Refused;
    m_refusal = sentence;
    m_held.clear();
    emit refused(sentence);
}

bool WriteGate::write(QObject* context, Write write)
{
    switch (m_state) {
    case State::Open:
        write(*m_writer);
        return true;
    case State::Checking:
        m_held.push_back({QPointer<QObject>(context), std::move(write)});
        return false;
    case State::Refused:
        break;
    }
    return false;
}

} // namespace fb::ui
